#!/usr/bin/env python3
"""Differential test of the Prometheus exporter (http-request use-service prometheus-exporter), against HAProxy 3.5.

    difftest/prometheus_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH]

How it works:

1. HAProxy and Shuttle start with the same configuration (CONFIG below): a frontend that serves
   the exporter at /metrics and sends the rest to a backend with a server that answers and one
   in maintenance ('disabled'), a TCP listen section whose server is checked (its check_status,
   check_code and check_duration families), and a `mode log` backend (3.5 exports it as any
   backend) with a checked and an unchecked server; the scrapes start once the log server's
   first check completed on both (its check_duration family shows it only then).
2. Each is scraped whole, then with each filter of addons/promex/README: scope=frontend,
   scope=backend, scope=server, scope=server&no-maint, and scope=bogus (HAProxy answers 400).
3. For each scrape, the status must be the same; and for every metric family of the frontends,
   backends and servers: the same TYPE and the same set of label sets (proxy, server, code,
   state) on both sides. Values are not compared (the stat difftest compares the counters).
   Families only HAProxy has for features Shuttle lacks (resolvers, most process metrics) are
   reported as known differences, not failed; one only Shuttle has fails.
4. Shuttle's whole scrape is parsed with the Python prometheus_client parser (the format's
   reference implementation): a parse error fails; without the module the case is skipped with a
   message (scripts/test installs Debian's python3-prometheus-client).

The reference is HAProxy 3.5 (~/.cache/haproxy3/...); without it the script says so and reports
"prometheus difftest: 0 passed, 0 failed".

Output: one line per case (same / DIFFERS with the differences), then
"prometheus difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
proxies could not be started.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the modules
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_differential as hd  # noqa: E402  (free ports, the 3.5 peer's path, stop, clean_up)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "prometheus difftest"
START_TIMEOUT = 30

CONFIG = """\
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

frontend fe
    bind 127.0.0.1:{listen}
    http-request use-service prometheus-exporter if {{ path /metrics }}
    default_backend be

backend be
    balance roundrobin
    server s1 127.0.0.1:{origin}
    server s2 127.0.0.1:{origin} disabled

listen tcp
    mode tcp
    bind 127.0.0.1:{tcp}
    server t1 127.0.0.1:{origin} check inter 10s

backend logs
    mode log
    balance roundrobin
    server l1 udp@127.0.0.1:{origin} check port {origin} inter 1s
    server l2 udp@127.0.0.1:{origin}
"""

SCRAPES = ["/metrics", "/metrics?scope=frontend", "/metrics?scope=backend", "/metrics?scope=server",
           "/metrics?scope=server&no-maint", "/metrics?scope=bogus"]

# Families of features Shuttle does not have: reported, not failed.
KNOWN_PREFIXES = ("haproxy_process_", "haproxy_resolver_")

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$')
LABEL_PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def get(port, path):
    """(status, body) of one GET on its own connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = unchunk(body)
    return status, body.decode("utf-8", "replace")


def unchunk(body):
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


def families(text):
    """{family: (type, set of label sets)} of an exposition; a label set is a sorted tuple of pairs."""
    result = {}
    types = {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            types[name] = kind
            result.setdefault(name, (kind, set()))
        elif line and not line.startswith("#"):
            match = SAMPLE.match(line)
            if not match:
                result.setdefault("<unparsable>", ("", set()))[1].add((("line", line),))
                continue
            labels = tuple(sorted(LABEL_PAIR.findall(match.group(3) or "")))
            result.setdefault(match.group(1), (types.get(match.group(1), "untyped"), set()))[1].add(labels)
    return result


def compare(path, theirs, mine, verbose):
    """(failing, known) lists of differences between two scrapes of path."""
    failing, known = [], []
    a, b = families(theirs), families(mine)
    for name in sorted(set(a) | set(b)):
        target = known if name.startswith(KNOWN_PREFIXES) else failing
        if name not in b:
            target.append("%s: only in haproxy" % name)
        elif name not in a:
            failing.append("%s: only in shuttle" % name)
        elif a[name][0] != b[name][0]:
            target.append("%s: TYPE haproxy %s, shuttle %s" % (name, a[name][0], b[name][0]))
        elif a[name][1] != b[name][1]:
            only_a = sorted(a[name][1] - b[name][1])[:3]
            only_b = sorted(b[name][1] - a[name][1])[:3]
            target.append("%s: label sets differ (haproxy only %s, shuttle only %s)" % (name, only_a, only_b))
    return failing, known


# Parses stdin with prometheus_client, for a Python that has the module when this one lacks it
# (Debian's python3-prometheus-client is in /usr/bin/python3's path, not in a pyenv's).
CLIENT_PARSE = """
import sys
from prometheus_client.parser import text_string_to_metric_families
count = sum(1 for _ in text_string_to_metric_families(sys.stdin.read()))
sys.exit(0 if count > 0 else 3)
"""


def parse_with_client(text):
    """None when prometheus_client parses text, the error otherwise; 'skip' without the module."""
    try:
        from prometheus_client.parser import text_string_to_metric_families
    except ImportError:
        system = "/usr/bin/python3"
        if os.path.realpath(system) == os.path.realpath(sys.executable) or not os.access(system, os.X_OK):
            return "skip"
        if subprocess.run([system, "-c", "import prometheus_client"], capture_output=True).returncode != 0:
            return "skip"
        run = subprocess.run([system, "-c", CLIENT_PARSE], input=text.encode(), capture_output=True)
        return None if run.returncode == 0 else (run.stderr.decode(errors="replace").strip()[-500:]
                                                 or "no family parsed")
    try:
        count = sum(1 for _ in text_string_to_metric_families(text))
        return None if count > 0 else "no family parsed"
    except Exception as error:  # noqa: BLE001  (any parse error is the finding)
        return "%s: %s" % (type(error).__name__, error)


def start_proxy(name, command, directory, origin):
    port, tcp = hd.unique_port(), hd.unique_port()
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(CONFIG.format(listen=port, tcp=tcp, origin=origin))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, port, log.name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("-v", "--verbose", action="store_true", help="print the known differences too")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.HAPROXY3)
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()
    if not os.access(args.haproxy, os.X_OK):
        print("%s: HAProxy 3.5 not found at %s: nothing compared" % (LABEL, args.haproxy))
        print("%s: 0 passed, 0 failed" % LABEL)
        return 0
    origin = hd.unique_port()  # the servers are never reached: the exporter answers
    directory = tempfile.mkdtemp(prefix="prometheus-difftest.")
    processes = []
    try:
        proxies = {}
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            process, port, log = start_proxy(name, command, directory, origin)
            processes.append(process)
            proxies[name] = (process, port, log)
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, port, log) in proxies.items():
            while True:
                try:
                    if get(port, "/metrics")[0] == 200:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.2)
        for name, (process, port, log) in proxies.items():
            while 'check_duration_seconds{proxy="logs",server="l1"}' not in get(port, "/metrics")[1]:
                if time.monotonic() > deadline:
                    print("%s: %s: the check of logs/l1 did not complete" % (LABEL, name))
                    return 2
                time.sleep(0.2)
        passed = failed = 0
        whole = None
        for path in SCRAPES:
            status_a, body_a = get(proxies["haproxy"][1], path)
            status_b, body_b = get(proxies["shuttle"][1], path)
            if path == "/metrics":
                whole = body_b
            if status_a != status_b:
                print("  DIFFERS          %s (status haproxy %d, shuttle %d)" % (path, status_a, status_b))
                failed += 1
                continue
            failing, known = compare(path, body_a, body_b, args.verbose) if status_a == 200 else ([], [])
            print("  %s %s%s" % ("DIFFERS         " if failing else "same            ", path,
                                 " (known differences: %d families)" % len(known) if known else ""))
            for line in failing + (known if args.verbose else []):
                print("      " + line)
            if failing:
                failed += 1
            else:
                passed += 1
        error = parse_with_client(whole or "")
        if error == "skip":
            print("  skipped          prometheus_client parse (python3 module prometheus_client missing)")
        elif error:
            print("  DIFFERS          prometheus_client parse of Shuttle's scrape: %s" % error)
            failed += 1
        else:
            print("  same             prometheus_client parses Shuttle's scrape")
            passed += 1
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        hd.clean_up(directory, args.keep, LABEL)


if __name__ == "__main__":
    sys.exit(main())
