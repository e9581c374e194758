"""The scenarios of the kit and how one measured run of each is taken.

A measured run reads, around the load generator's run: the proxy's CPU time (utime+stime of
its process tree), the origin's stub_status counters (accepts = backend connects, requests),
the proxy's RSS at the end, and how busy the proxy's core was with anything else (other
processes, interrupts) and how much of it the hypervisor stole: a run with either is noisy."""

import os
import statistics
import subprocess
import time

import loadgen
import procs
from proxies import ORIGIN_STATUS_PORT, PROXY_CORE, haproxy_style_config

# name -> what it runs. conns: client connections; port_offset 1: the maxconn-32 front.
SCENARIOS = {
    "ka50": dict(kind="wrk", path="/small", conns=50,
                 title="H1 keep-alive, 64 B responses, 50 connections"),
    "ka500": dict(kind="wrk", path="/small", conns=500,
                  title="H1 keep-alive, 64 B responses, 500 connections"),
    "close": dict(kind="wrk", path="/small", conns=50, close=True,
                  title="H1 Connection: close, 64 B responses, 50 connections"),
    "1mib": dict(kind="wrk", path="/1m", conns=50,
                 title="H1 keep-alive, 1 MiB responses, 50 connections"),
    "post64k": dict(kind="wrk", path="/post", conns=50, method="POST", body=65536,
                    title="H1 keep-alive, POST 64 KiB bodies, 50 connections"),
    "queue": dict(kind="wrk", path="/small", conns=512, port_offset=1, close_in_tcp=True,
                  title="server maxconn 32, 512 keep-alive clients (queueing)"),
    "rate": dict(kind="rate", path="/small", conns=50,
                 title="fixed rate (50% of HAProxy's ka50 maximum), 50 keep-alive connections"),
    "idle": dict(kind="idle", path="/small", conns=100, idle=10_000,
                 title="10,000 idle keep-alive connections + 100 active"),
    "startup": dict(kind="startup", title="exec to first accepted connection; -c of a 1,000-line config"),
    # TLS (http mode; Shuttle and HAProxy only, on their TLS listener, port + 2).
    "tls_ka50": dict(kind="wrk", path="/small", conns=50, tls=True,
                     title="TLS 1.3 keep-alive, 64 B responses, 50 connections (CPU per TLS request)"),
    "tls_full": dict(kind="handshake", path="/small", resumed=False,
                     title="TLS 1.3 full handshakes, a GET each (openssl s_time -new, 4 clients)"),
    "tls_reuse": dict(kind="handshake", path="/small", resumed=True,
                      title="TLS 1.2 resumed handshakes, a GET each (openssl s_time -reuse, 4 clients)"),
    # HTTP/2 with prior knowledge (http mode; Shuttle and HAProxy, on their `proto h2` listener, port + 3).
    "h2_1x100": dict(kind="h2load", path="/small", conns=1, streams=100,
                     title="HTTP/2, 64 B responses, 1 connection x 100 concurrent streams (h2load)"),
    "h2_50x10": dict(kind="h2load", path="/small", conns=50, streams=10,
                     title="HTTP/2, 64 B responses, 50 connections x 10 concurrent streams (h2load)"),
    # Connection storms (issue 25): new connections at a fixed rate, and 500 new keep-alive
    # connections at once on a proxy idle for a while. The figure that matters is the worst latency.
    "storm": dict(kind="storm", path="/small",
                  title="new connections at a fixed rate (--conn-rate, default 3,000/s), one request each (h2load -r)"),
    "burst500": dict(kind="burst", path="/small", conns=500,
                     title="500 new keep-alive connections at once after an idle gap (--idle-gap, default 20 s)"),
}
# The TLS scenarios run only when named (--scenario), in http mode: a default run stays as it was.
TLS_SCENARIOS = ["tls_ka50", "tls_full", "tls_reuse"]
# The HTTP/2 scenarios too.
H2_SCENARIOS = ["h2_1x100", "h2_50x10"]
# And the connection storms.
STORM_SCENARIOS = ["storm", "burst500"]


def origin_counters():
    """(accepts, requests) from the origin's stub_status."""
    numbers = procs.read_url(ORIGIN_STATUS_PORT, "/").splitlines()[2].split()
    return int(numbers[0]), int(numbers[2])


class Measure:
    """Brackets one load-generator run with /proc and origin readings."""

    def __init__(self, proxy):
        self.proxy = proxy

    def __enter__(self):
        self.accepts0, self.requests0 = origin_counters()
        self.cpu0 = procs.cpu_seconds(self.proxy.process.pid)
        self.jit0 = procs.jit_cpu_seconds(self.proxy.process.pid)
        self.core0 = procs.core_times(PROXY_CORE)
        return self

    def __exit__(self, *exc):
        self.cpu = procs.cpu_seconds(self.proxy.process.pid) - self.cpu0
        self.jit = procs.jit_cpu_seconds(self.proxy.process.pid) - self.jit0
        busy1, total1, steal1 = procs.core_times(PROXY_CORE)
        busy0, total0, steal0 = self.core0
        window = max(total1 - total0, 1) / procs.CLOCK_TICKS
        # Busy time of the core not spent by the proxy: other processes, softirqs, a build.
        self.other_pct = max(0.0, 100.0 * ((busy1 - busy0) / procs.CLOCK_TICKS - self.cpu) / window)
        self.steal_pct = 100.0 * (steal1 - steal0) / max(total1 - total0, 1)
        self.rss_kib = procs.rss_kib(self.proxy.process.pid)
        accepts, requests = origin_counters()
        # Each stub_status read is one accept and one request of its own: take the last one off.
        self.backend_accepts = accepts - self.accepts0 - 1
        self.origin_requests = requests - self.requests0 - 1
        return False

    def figures(self, load):
        requests = max(load["requests"], 1)
        extra = {k: load[k] for k in ("max_us", "first_byte_max_us", "first_byte_mean_us") if k in load}
        return extra | {
            "req_s": load["requests"] / (load["duration_us"] / 1e6),
            "cpu_us_per_req": self.cpu * 1e6 / requests,
            "cpu_s": self.cpu,
            # Of cpu_us_per_req, what the JIT compiler threads spent (a JVM still warming up).
            "jit_us_per_req": self.jit * 1e6 / requests,
            "p50_us": load["p50_us"],
            "p99_us": load["p99_us"],
            "backend_connects_per_1k": 1000 * self.backend_accepts / max(self.origin_requests, 1),
            "rss_kib": self.rss_kib,
            "errors": load["errors"],
            "requests": load["requests"],
            "other_on_core_pct": self.other_pct,
            "steal_pct": self.steal_pct,
        }


def wrk_args(name, spec, mode, workdir):
    close = spec.get("close", False) or (spec.get("close_in_tcp", False) and mode == "tcp")
    script = loadgen.wrk_script(workdir, name, spec.get("method", "GET"), spec.get("body", 0), close)
    return spec["path"], spec["conns"], script


def run_wrk_once(proxy, name, spec, mode, workdir, seconds, measured=True):
    """One wrk run; its figures when measured, else the share of the proxy's CPU time that went to
    JIT compilation during it (0.0 for a proxy without a JIT)."""
    path, conns, script = wrk_args(name, spec, mode, workdir)
    port = proxy.tls_port if spec.get("tls") else proxy.port + spec.get("port_offset", 0)
    scheme = "https" if spec.get("tls") else "http"
    if not measured:
        pid = proxy.process.pid
        cpu0, jit0 = procs.cpu_seconds(pid), procs.jit_cpu_seconds(pid)
        loadgen.run_wrk(port, path, conns, seconds, script, scheme=scheme)
        cpu, jit = procs.cpu_seconds(pid) - cpu0, procs.jit_cpu_seconds(pid) - jit0
        return jit / cpu if cpu > 0 else 0.0
    with Measure(proxy) as m:
        load = loadgen.run_wrk(port, path, conns, seconds, script, scheme=scheme)
    return m.figures(load)


def run_h2load_once(proxy, spec, workdir, seconds):
    """One h2load run on the proxy's HTTP/2 listener, with the same readings as a wrk run."""
    with Measure(proxy) as m:
        load = loadgen.run_h2load_streams(proxy.h2_port, spec["path"], spec["conns"], spec["streams"], seconds,
                                          workdir)
    return m.figures(load)


def run_handshakes_once(proxy, spec, seconds):
    """One s_time run against the proxy's TLS listener: handshakes per second (in req_s), the
    proxy's CPU per handshake and its GET (in cpu_us_per_req), the mean connection time (in
    p50_us and p99_us: s_time gives no percentiles)."""
    with Measure(proxy) as m:
        load = loadgen.run_s_time(proxy.tls_port, spec["path"], seconds, spec["resumed"])
    return m.figures(load)


def run_rate_once(proxy, spec, rate, workdir, seconds):
    with Measure(proxy) as m:
        load = loadgen.run_h2load_fixed_rate(proxy.port, spec["path"], spec["conns"], rate, seconds, workdir)
    result = m.figures(load)
    result["target_rate"] = load["target_rate"]
    result["p999_us"] = load["p999_us"]
    return result


def run_storm_once(proxy, spec, conn_rate, workdir, seconds):
    """One run of new connections at a fixed rate (h2load -r), one request each."""
    with Measure(proxy) as m:
        load = loadgen.run_h2load_new_connections(proxy.port, spec["path"], conn_rate, seconds, workdir)
    result = m.figures(load)
    result["target_rate"] = load["target_rate"]
    return result


def run_idle_once(proxy, name, spec, mode, workdir, seconds):
    """RSS with 100 active connections, then again with 10,000 idle ones added."""
    before = run_wrk_once(proxy, name, spec, mode, workdir, seconds)
    holder = loadgen.IdleClients(proxy.port, spec["idle"], spec["path"])
    try:
        opened, failed = holder.opened()
        time.sleep(1)
        result = run_wrk_once(proxy, name, spec, mode, workdir, seconds)
    finally:
        holder.close()
    time.sleep(2)  # let the proxy close its side before the next one runs
    result["rss_before_idle_kib"] = before["rss_kib"]
    result["idle_opened"] = opened
    result["errors"] += max(failed, 0)
    result["rss_per_idle_conn_kib"] = (result["rss_kib"] - before["rss_kib"]) / max(opened, 1)
    return result


def time_to_listen(proxy_factory, port):
    """Seconds from exec to the first accepted connection on port (pinned like the proxy)."""
    proxy = proxy_factory()
    start = time.monotonic()
    proxy.start()
    try:
        procs.wait_listening(port, proxy.process, timeout=60)
        return time.monotonic() - start
    finally:
        proxy.stop()


def big_config(path):
    """The 1,000-line configuration of bench/startup.sh: 110 backends of 7 servers each."""
    lines = ["global", "    maxconn 1000", "defaults", "    mode tcp", "    timeout connect 5s",
             "    timeout client 30s", "    timeout server 30s",
             "frontend fe", "    bind 127.0.0.1:18999", "    default_backend be0"]
    for b in range(110):
        lines += [f"backend be{b}", "    balance roundrobin"]
        lines += [f"    server s{s} 127.0.0.{s}:{8000 + s} weight {s}" for s in range(1, 8)]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def check_time(argv, runs):
    samples = []
    for _ in range(runs):
        start = time.monotonic()
        done = subprocess.run(procs.pinned(PROXY_CORE, argv), capture_output=True, text=True, timeout=120)
        samples.append(time.monotonic() - start)
        if done.returncode != 0:
            raise RuntimeError(f"{argv} failed: {done.stdout[-300:]}{done.stderr[-300:]}")
    return samples


def summarize(samples):
    """median, min, max of a list of numbers."""
    if not samples:
        return None
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "n": len(samples)}


def startup_config(workdir, mode, port):
    path = os.path.join(workdir, f"startup-{port}.cfg")
    with open(path, "w") as f:
        f.write(haproxy_style_config(mode, port, log=False, nbthread=False))
    return path
