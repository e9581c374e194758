"""Load generators, pinned to the core of the origin: wrk (closed loop, maximum rate),
h2load --h1 --rps (fixed rate, per-request latencies from its --log-file) and a holder of
idle keep-alive connections."""

import json
import os
import re
import subprocess
import sys
import time

from procs import HOST, pinned
from proxies import OTHER_CORE

WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nWRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,'
    .. '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def wrk_script(workdir, name, method="GET", body_size=0, close=False):
    """A wrk Lua script: the request to send, and a done() that prints the summary as JSON."""
    lines = [f'wrk.method = "{method}"']
    if body_size:
        lines.append(f'wrk.body = string.rep("b", {body_size})')
        lines.append('wrk.headers["Content-Type"] = "application/octet-stream"')
    if close:
        lines.append('wrk.headers["Connection"] = "close"')
    path = os.path.join(workdir, f"wrk-{name}.lua")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n" + WRK_DONE)
    return path


def run_wrk(port, path, connections, seconds, script, timeout_s=10, scheme="http"):
    """Runs wrk; returns its JSON summary plus 'errors' (sum of the error kinds)."""
    argv = pinned(OTHER_CORE, ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
                               f"--timeout={timeout_s}s", "-s", script, f"{scheme}://{HOST}:{port}{path}"])
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    match = re.search(r"^WRKJSON (\{.*\})$", done.stdout, re.M)
    if not match:
        raise RuntimeError(f"wrk gave no summary: {done.stdout[-500:]} {done.stderr[-500:]}")
    summary = json.loads(match.group(1))
    summary["errors"] = sum(summary[k] for k in ("connect", "read", "write", "status", "timeout"))
    return summary


def run_s_time(port, path, seconds, resumed, clients=4):
    """Handshakes with `openssl s_time` (one TLS connection at a time per client, a GET each):
    new sessions (TLS 1.3), or resumed ones (-reuse, TLS 1.2: session IDs and tickets). `clients`
    of them run at once, so that the proxy is kept busy despite each one's round trips. Returns
    the connections made, the wall time, and the mean time of one connection."""
    mode = ["-reuse", "-tls1_2"] if resumed else ["-new"]
    argv = pinned(OTHER_CORE, ["openssl", "s_time", "-connect", f"{HOST}:{port}", *mode, "-time", str(seconds),
                               "-www", path])
    started = time.monotonic()
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(clients)]
    connections = 0
    for run in runs:
        out, _ = run.communicate(timeout=seconds + 60)
        found = re.findall(r"^(\d+) connections in [0-9.]+ real seconds", out, re.M)
        if not found:
            raise RuntimeError(f"openssl s_time gave no summary: {out[-500:]}")
        connections += int(found[-1])
    wall = time.monotonic() - started
    mean_us = int(wall * 1e6 * clients / max(connections, 1))
    return {"requests": connections, "duration_us": int(wall * 1e6), "p50_us": mean_us, "p99_us": mean_us,
            "errors": 0}


def h2load_request_log(log):
    """h2load's per-request log (--log-file): the sorted latencies in us, the count of non-200
    answers, and a percentile function over the latencies."""
    latencies = []
    bad_status = 0
    with open(log) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                if parts[1] != "200":
                    bad_status += 1
                latencies.append(int(parts[2]))
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else 0

    return latencies, bad_status, pct


def run_h2load_fixed_rate(port, path, connections, total_rate, seconds, workdir):
    """h2load --h1 at total_rate requests/s spread over `connections` clients (each one sends
    at total_rate/connections, one request at a time on its keep-alive connection).
    Returns the completed count, errors and p50/p99 from the per-request log."""
    log = os.path.join(workdir, "h2load-requests.log")
    if os.path.exists(log):
        os.remove(log)
    per_client = max(1, round(total_rate / connections))
    argv = pinned(OTHER_CORE, ["h2load", "--h1", "-t1", f"-c{connections}", f"--rps={per_client}",
                               f"-D{seconds}", "--warm-up-time=1", f"--log-file={log}",
                               f"http://{HOST}:{port}{path}"])
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    match = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                      r"(\d+) failed, (\d+) errored, (\d+) timeout", done.stdout)
    if not match:
        raise RuntimeError(f"h2load gave no summary: {done.stdout[-800:]} {done.stderr[-500:]}")
    succeeded, failed, errored, timed_out = (int(match.group(i)) for i in (4, 5, 6, 7))
    latencies, bad_status, pct = h2load_request_log(log)
    return {"requests": len(latencies), "duration_us": seconds * 1_000_000,
            "target_rate": per_client * connections, "errors": failed + errored + timed_out + bad_status,
            "p50_us": pct(50), "p99_us": pct(99), "p999_us": pct(99.9), "succeeded": succeeded}


def h2load_summary_times(text):
    """h2load's summary lines 'time for connect:' and 'time to 1st byte:' (min, max, mean over the
    connections, in h2load's own units: us, ms or s) as {'connect': (min_us, max_us, mean_us),
    'first_byte': (...)}, for the lines present."""
    scale = {"us": 1, "ms": 1_000, "s": 1_000_000}
    value = r"([0-9.]+)(us|ms|s)"
    out = {}
    for key, label in (("connect", "time for connect"), ("first_byte", "time to 1st byte")):
        match = re.search(label + r":\s+" + r"\s+".join([value] * 3), text)
        if match:
            g = match.groups()
            out[key] = tuple(int(float(g[i]) * scale[g[i + 1]]) for i in (0, 2, 4))
    return out


def run_h2load_new_connections(port, path, conn_rate, seconds, workdir):
    """HTTP/1.1 through h2load at a fixed rate of new connections: conn_rate connections per
    second, each sending one request and closing, for `seconds` (h2load's -r and --rate-period,
    in steps of 10 ms so that the connections come steadily rather than in one burst a second).
    Returns the completed count, errors, p50/p99/max of the requests' latencies (its log: from the
    request's write, so a late accept or a late first read is in it) and, from its summary, the
    worst and mean time to the first byte (from the connect)."""
    log = os.path.join(workdir, "h2load-storm.log")
    if os.path.exists(log):
        os.remove(log)
    per_step = max(1, round(conn_rate / 100))
    total = per_step * 100 * seconds
    argv = pinned(OTHER_CORE, ["h2load", "--h1", "-t1", f"-c{total}", f"-n{total}", f"-r{per_step}",
                               "--rate-period=10ms", f"--log-file={log}", f"http://{HOST}:{port}{path}"])
    started = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds * 3 + 60)
    wall = time.monotonic() - started
    match = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                      r"(\d+) failed, (\d+) errored, (\d+) timeout", done.stdout)
    if not match:
        raise RuntimeError(f"h2load gave no summary: {done.stdout[-800:]} {done.stderr[-500:]}")
    failed, errored, timed_out = (int(match.group(i)) for i in (5, 6, 7))
    latencies, bad_status, pct = h2load_request_log(log)
    times = h2load_summary_times(done.stdout)
    first_byte = times.get("first_byte", (0, 0, 0))
    return {"requests": len(latencies), "duration_us": int(wall * 1e6), "target_rate": per_step * 100,
            "errors": failed + errored + timed_out + bad_status, "p50_us": pct(50), "p99_us": pct(99),
            "max_us": latencies[-1] if latencies else 0,
            "first_byte_max_us": first_byte[1], "first_byte_mean_us": first_byte[2]}


def run_h2load_streams(port, path, clients, streams, seconds, workdir):
    """h2load over HTTP/2 with prior knowledge: `clients` connections with up to `streams` requests
    in flight each, as fast as the proxy answers, for `seconds`. Returns the completed count,
    errors and p50/p99 from the per-request log."""
    log = os.path.join(workdir, "h2load-streams.log")
    if os.path.exists(log):
        os.remove(log)
    argv = pinned(OTHER_CORE, ["h2load", "-t1", f"-c{clients}", f"-m{streams}", f"-D{seconds}",
                               "--warm-up-time=1", f"--log-file={log}", f"http://{HOST}:{port}{path}"])
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    match = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                      r"(\d+) failed, (\d+) errored, (\d+) timeout", done.stdout)
    if not match:
        raise RuntimeError(f"h2load gave no summary: {done.stdout[-800:]} {done.stderr[-500:]}")
    failed, errored, timed_out = (int(match.group(i)) for i in (5, 6, 7))
    latencies, bad_status, pct = h2load_request_log(log)
    return {"requests": len(latencies), "duration_us": seconds * 1_000_000,
            "errors": failed + errored + timed_out + bad_status, "p50_us": pct(50), "p99_us": pct(99)}


class IdleClients:
    """bench/kit/idle_clients.py on the origin's core: opens N connections, one request each,
    then holds them open and idle until stopped."""

    def __init__(self, port, count, path="/small"):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "idle_clients.py")
        self.popen = subprocess.Popen(pinned(OTHER_CORE, [sys.executable, script, str(port), str(count), path]),
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.report = self.popen.stdout.readline().strip()  # "ready OK FAILED" once all are open

    def opened(self):
        parts = self.report.split()
        return (int(parts[1]), int(parts[2])) if len(parts) == 3 and parts[0] == "ready" else (0, -1)

    def close(self):
        try:
            self.popen.stdin.close()
            self.popen.wait(30)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(5)
