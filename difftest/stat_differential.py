#!/usr/bin/env python3
"""Differential test of `show stat`, against HAProxy 3.5.

    difftest/stat_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH]

How it works:

1. HAProxy and Shuttle start with the same configuration (CONFIG below): a frontend (with
   `option socket-stats`: its listener has a row of its own) that denies
   /denied, sends /nosrv to a backend without servers and /dead to a backend whose only server
   refuses connections, and everything else to a backend with one server, the origin: a small
   HTTP server of this script that answers 404 to /missing and 200 with a fixed body otherwise.
2. The same exchanges (EXCHANGES below), each on its own connection with "Connection: close",
   go through each proxy: three GETs answered 200, a 404, a 503 with no server, a 403 denied, a
   503 after a refused connection, and a POST with a 100-byte body. A `mode log` backend has
   two servers: l1, checked, whose check is refused (DOWN), and l2, unchecked ("no check"); each
   proxy's answer is taken once its l1 is DOWN (CHECK_TIMEOUT), so that both show the same state.
3. Then `show stat` on each proxy's stats socket. The header must be identical; every row
   (by proxy and service name) must be there on both; every shared column must hold the same
   value, except the time- and process-dependent ones (VOLATILE below), which are compared by
   shape (both empty, or both a number), and the known differences (stat_known_differences.txt),
   reported but not failed.

The reference is HAProxy 3.5 (~/.cache/haproxy3/...); without it the script says so and reports
"stat difftest: 0 passed, 0 failed". Python 3 only, no pip package.

Output: one line per row (same / DIFFERS with the differing columns), then
"stat difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
proxies could not be started.
"""

import argparse
import csv
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the modules
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_differential as hd  # noqa: E402  (free ports, the 3.5 peer's path, stop, clean_up)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "stat difftest"
START_TIMEOUT = 30
CHECK_TIMEOUT = 15
KNOWN_FILE = os.path.join(HERE, "stat_known_differences.txt")

CONFIG = """\
global
    maxconn 1000
    stats socket {socket} level admin mode 600

defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

frontend fe
    option socket-stats
    bind 127.0.0.1:{listen} name main
    http-request deny if {{ path /denied }}
    use_backend empty if {{ path /nosrv }}
    use_backend dead if {{ path /dead }}
    default_backend be

backend be
    balance roundrobin
    server s1 127.0.0.1:{origin}

backend empty
    balance roundrobin

backend dead
    balance roundrobin
    retries 1
    server d1 127.0.0.1:{dead}

# no balance, no maxconn: the default algorithm (roundrobin) and limits in algo, slim, addr
backend plain
    server p1 localhost:{origin}

listen both
    bind 127.0.0.1:{listen2}
    balance leastconn
    server b1 127.0.0.1:{origin} maxconn 7

backend logs
    mode log
    balance roundrobin
    server l1 udp@127.0.0.1:{dead} check port {dead} inter 1s
    server l2 udp@127.0.0.1:{origin}
"""

BODY = b"x" * 100
EXCHANGES = [
    b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /one HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /two HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /missing HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /nosrv HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /denied HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"GET /dead HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    b"POST /upload HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: 100\r\n\r\n" + BODY,
]

# Columns whose value depends on when or how fast things happened, or on the process: compared by
# shape only (both empty, or both numbers). smax is one: a proxy may still hold the previous
# connection (the client closed it, the proxy has not seen it yet) when the next one arrives.
VOLATILE = {
    "smax", "lastchg", "downtime", "lastsess", "check_duration",
    "qtime", "ctime", "rtime", "ttime", "qtime_max", "ctime_max", "rtime_max", "ttime_max",
    "rate", "rate_max", "req_rate", "req_rate_max", "conn_rate", "conn_rate_max",
}


class Origin:
    """A threaded HTTP/1.1 origin: 404 for /missing, 200 with a fixed body otherwise; closes after each."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _serve(conn):
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(rest) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                rest += chunk
            path = head.split(b" ")[1]
            if path == b"/missing":
                body, status = b"no such thing\n", b"404 Not Found"
            else:
                body, status = b"hello from the origin\n", b"200 OK"
            conn.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Type: text/plain\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
        except OSError:
            pass
        finally:
            conn.close()


def exchange(port, raw):
    """Sends raw on a new connection and reads until the proxy closes; returns the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(raw)
        received = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
        except socket.timeout:
            pass
    return received.split(b"\r\n", 1)[0].decode("latin-1")


def cli(path, command):
    """One command on a stats socket; its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(path)
        sock.sendall(command.encode() + b"\n")
        answer = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer.decode("latin-1")


def answers_cli(path):
    """Whether the stats socket answers "show info"."""
    try:
        return "Name:" in cli(path, "show info")
    except OSError:
        return False


def wait_log_server_down(path):
    """Waits until the checked log server logs/l1 is DOWN (its first check refused); False on timeout."""
    deadline = time.monotonic() + CHECK_TIMEOUT
    while time.monotonic() < deadline:
        _, _, rows = parse(cli(path, "show stat"))
        if rows.get(("logs", "l1"), {}).get("status") == "DOWN":
            return True
        time.sleep(0.2)
    return False


def parse(answer):
    """The header's column names and the rows by (pxname, svname)."""
    lines = answer.strip("\n").split("\n")
    header = lines[0]
    names = header[2:].rstrip(",").split(",")
    rows = {}
    for row in csv.reader(io.StringIO("\n".join(lines[1:]))):
        if row:
            rows[(row[0], row[1])] = dict(zip(names, row))
    return header, names, rows


def read_known():
    """Known differences: 'pxname/svname column: why' lines; '*/* column' for every row."""
    known = {}
    if os.path.exists(KNOWN_FILE):
        with open(KNOWN_FILE, encoding="utf-8") as lines:
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    key, _, why = line.partition(":")
                    known[key.strip()] = why.strip()
    return known


def is_number(text):
    return text.lstrip("-").isdigit()


def compare_row(key, names, theirs, mine, known):
    """The differing columns of one row: (failing, known) lists of 'column: haproxy X, shuttle Y'."""
    failing, expected = [], []
    for name in names:
        if name == "-":
            continue
        a, b = theirs.get(name, ""), mine.get(name, "")
        if name in VOLATILE:
            same = (a == "" and b == "") or (is_number(a) and is_number(b))
        else:
            same = a == b
        if same:
            continue
        text = "%s: haproxy %r, shuttle %r" % (name, a, b)
        why = known.get("%s/%s %s" % (key[0], key[1], name)) or known.get("*/* %s" % name)
        (expected if why else failing).append(text + ("  (known: %s)" % why if why else ""))
    return failing, expected


def start_proxy(name, command, directory, origin, dead):
    port = hd.unique_port()
    listen2 = hd.unique_port()
    sock = os.path.join(directory, name + ".sock")
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(CONFIG.format(socket=sock, listen=port, listen2=listen2, origin=origin, dead=dead))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, (port, listen2), sock, log.name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("-v", "--verbose", action="store_true", help="print both answers")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.HAPROXY3)
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()
    if not os.access(args.haproxy, os.X_OK):
        print("%s: HAProxy 3.5 not found at %s: nothing compared" % (LABEL, args.haproxy))
        print("%s: 0 passed, 0 failed" % LABEL)
        return 0
    origin = Origin()
    dead = hd.unique_port()  # nothing listens there: connections are refused
    directory = tempfile.mkdtemp(prefix="stat-difftest.")
    processes = []
    try:
        proxies = {}
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            process, port, sock, log = start_proxy(name, command, directory, origin.port, dead)
            processes.append(process)
            proxies[name] = (process, port, sock, log)
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, port, sock, log) in proxies.items():
            # Ready when the stats socket answers: a probe of the frontend's port would count as a
            # connection (and, for HAProxy, as a request) of its own.
            while not answers_cli(sock):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.1)
        answers = {}
        for name, (process, port, sock, log) in proxies.items():
            statuses = [exchange(port[0], raw) for raw in EXCHANGES]
            if not wait_log_server_down(sock):
                print("%s: %s: logs/l1 not DOWN after %ds" % (LABEL, name, CHECK_TIMEOUT))
            if args.verbose:
                print("  %s statuses: %s" % (name, statuses))
            # The listener row's addr names each proxy's own port: written alike before comparing.
            answers[name] = cli(sock, "show stat").replace("127.0.0.1:%d," % port[0], "127.0.0.1:<listen>,") \
                .replace("127.0.0.1:%d," % port[1], "127.0.0.1:<listen2>,")
            if args.verbose:
                print(answers[name])
        known = read_known()
        passed = failed = 0
        header_a, names, rows_a = parse(answers["haproxy"])
        header_b, _, rows_b = parse(answers["shuttle"])
        if header_a == header_b:
            print("  same             header")
            passed += 1
        else:
            print("  DIFFERS          header")
            print("      haproxy: %s" % header_a)
            print("      shuttle: %s" % header_b)
            failed += 1
        for key in list(rows_a) + [k for k in rows_b if k not in rows_a]:
            label = "%s/%s" % key
            if key not in rows_a or key not in rows_b:
                print("  DIFFERS          %s (only in %s)" % (label, "haproxy" if key in rows_a else "shuttle"))
                failed += 1
                continue
            failing, expected = compare_row(key, names, rows_a[key], rows_b[key], known)
            if failing:
                print("  DIFFERS          %s" % label)
                failed += 1
            else:
                print("  same             %s%s" % (label, " (known differences)" if expected else ""))
                passed += 1
            for line in failing + (expected if args.verbose or failing else []):
                print("      " + line)
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        hd.clean_up(directory, args.keep, LABEL)


if __name__ == "__main__":
    sys.exit(main())
