#!/usr/bin/env python3
"""Differential test of where logs go (log formats, len, log-forward relays), against HAProxy 3.5.

    difftest/log_transport_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH] [CASE...]

How it works:

1. Each proxy gets its own UDP syslog receiver per case and the same configuration: a TCP
   frontend whose one connection is logged with a fixed log-format line to `log` targets in
   every format (and with `len 80`), and a `log-forward` section that relays what it receives,
   over UDP and over TCP, to targets in every format (and to one without a format).
2. The cases trigger the proxies in turn: one connection to the frontend; datagrams and a TCP
   stream (line-feed and octet-counted frames) to the log-forward section.
3. What each receiver got must be equal, datagram by datagram, once the times of day, the pid
   and the client's port are masked (global log-tag is the same for both). 3.5 cuts the last two
   bytes of a message that starts like an RFC 5424 header and is not one; that input is left out.

Output: one line per case (same / DIFFERS with both recordings), then
"log transport difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
proxies could not be started.
"""

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_differential as hd  # noqa: E402  (free ports, listening probes, the 3.5 peer's path)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "log transport difftest"
START_TIMEOUT = 30
QUIET = 1.0  # seconds without a datagram after which a receiver is done
FORMATS = ["local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"]
LINE = "difftest line " + "0123456789" * 12

FORWARD_INPUTS = [
    b'<134>1 2026-12-06T10:00:00.123456+00:00 myhost app 123 ID47 [sd@1 a="b\\]"] hello 5424',
    b'<13>Dec  6 10:00:00 myhost app[123]: hello 3164',
    b'<13>Dec 16 10:00:00 myhost app: hello nopid',
    b'<13>Dec  6 10:00:00 myhost hello there no tag',
    b'<13>Dec  6 10:00:00 myhost app[12]:nospace',
    b'<13>hello bare',
    b'hello nopri',
    b'<134>1 - - - - - - minimal 5424',
    b'<999>bad pri',
    b'<14>2 2026-12-06T10:00:00Z h a p m - version2',
]

MASKS = [
    (re.compile(rb"[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}"), b"<rfc3164 time>"),
    (re.compile(rb"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\.[0-9]+)?([+-][0-9]{2}:[0-9]{2}|Z)"), b"<iso time>"),
    (re.compile(rb"difftag\[[0-9]+\]"), b"difftag[<pid>]"),
    (re.compile(rb" difftag [0-9]+ "), b" difftag <pid> "),
    (re.compile(rb"127\.0\.0\.1:[0-9]+"), b"127.0.0.1:<port>"),
]


def mask(datagram):
    for pattern, replacement in MASKS:
        datagram = pattern.sub(replacement, datagram)
    return datagram


def free_udp_port():
    while True:
        port = random.randrange(20000, 32000)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


class Receiver:
    """A UDP syslog receiver that keeps every datagram."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.datagrams = []
        self.last = time.monotonic()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        while True:
            try:
                data = self.sock.recv(70000)
            except OSError:
                return
            self.datagrams.append(data)
            self.last = time.monotonic()

    def settle(self, at_least=0.5):
        start = time.monotonic()
        while time.monotonic() - start < at_least or time.monotonic() - self.last < QUIET:
            time.sleep(0.05)
        return list(self.datagrams)


def config(frontend_port, forward_udp, forward_tcp, traffic, relayed):
    lines = ["global", "    log-tag difftag",
             "defaults", "    mode tcp", "    timeout client 2s", "    timeout server 2s",
             "    timeout connect 1s", "    retries 0",
             "frontend fe", "    bind 127.0.0.1:%d" % frontend_port, "    log-format \"%s\"" % LINE,
             "    default_backend be"]
    for fmt in FORMATS:
        lines.append("    log 127.0.0.1:%d format %s local0" % (traffic, fmt))
    lines.append("    log 127.0.0.1:%d len 80 local0" % traffic)
    lines.append("    log 127.0.0.1:%d len 80 format rfc5424 local0" % traffic)
    lines += ["backend be", "    server s1 127.0.0.1:1",
              "log-forward relay", "    dgram-bind 127.0.0.1:%d" % forward_udp, "    bind 127.0.0.1:%d" % forward_tcp,
              "    log 127.0.0.1:%d local3" % relayed]
    for fmt in FORMATS:
        lines.append("    log 127.0.0.1:%d format %s local3" % (relayed, fmt))
    return "\n".join(lines) + "\n"


def start(name, command, directory):
    ports = {"frontend": hd.free_port(), "forward_tcp": hd.free_port(), "forward_udp": free_udp_port()}
    receivers = {"traffic": Receiver(), "relayed": Receiver()}
    path = os.path.join(directory, name + ".cfg")
    with open(path, "w") as out:
        out.write(config(ports["frontend"], ports["forward_udp"], ports["forward_tcp"],
                         receivers["traffic"].port, receivers["relayed"].port))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", path], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, ports, receivers, log.name


def traffic_case(ports):
    with socket.create_connection(("127.0.0.1", ports["frontend"]), timeout=5) as sock:
        try:
            sock.recv(10)
        except OSError:
            pass


def forward_udp_case(ports):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for message in FORWARD_INPUTS:
            sock.sendto(message, ("127.0.0.1", ports["forward_udp"]))
            time.sleep(0.05)


def forward_tcp_case(ports):
    with socket.create_connection(("127.0.0.1", ports["forward_tcp"]), timeout=5) as sock:
        for message in FORWARD_INPUTS[:4]:
            sock.sendall(message + b"\n")
            time.sleep(0.05)
        for message in FORWARD_INPUTS[4:]:
            sock.sendall(str(len(message)).encode() + b" " + message)
            time.sleep(0.05)
        time.sleep(0.2)


CASES = [("traffic-formats-and-len", traffic_case, "traffic"),
         ("log-forward-udp", forward_udp_case, "relayed"),
         ("log-forward-tcp", forward_tcp_case, "relayed")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="both recordings for every case")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.HAPROXY3 if os.access(hd.HAPROXY3, os.X_OK)
                        else shutil.which("haproxy") or "/usr/sbin/haproxy")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()
    cases = [c for c in CASES if not args.cases or c[0] in args.cases]
    if hd.peer_major(args.haproxy) < 3:
        print("%s: %s predates log backends and log-forward's option host; 3.5 is the reference" % (LABEL, args.haproxy))
        print("%s: 0 passed, 0 failed" % LABEL)
        return 0
    directory = tempfile.mkdtemp(prefix="log-transport-difftest.")
    processes = []
    try:
        proxies = {}
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            process, ports, receivers, log = start(name, command, directory)
            processes.append(process)
            proxies[name] = (process, ports, receivers, log)
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, ports, receivers, log) in proxies.items():
            while not (hd.listening(ports["frontend"]) and hd.listening(ports["forward_tcp"])):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.1)
        passed = failed = 0
        for case_name, trigger, receiver_name in cases:
            recorded = {}
            for name, (process, ports, receivers, log) in proxies.items():
                receiver = receivers[receiver_name]
                before = len(receiver.datagrams)
                trigger(ports)
                recorded[name] = [mask(d) for d in receiver.settle()[before:]]
            h, s = recorded["haproxy"], recorded["shuttle"]
            if h == s and h:
                print("  same             %s (%d datagrams)" % (case_name, len(h)))
                if args.verbose:
                    for datagram in h:
                        print("      %r" % datagram)
                passed += 1
            else:
                print("  DIFFERS          %s" % case_name)
                for i in range(max(len(h), len(s))):
                    a = h[i] if i < len(h) else b"<none>"
                    b = s[i] if i < len(s) else b"<none>"
                    if a != b or args.verbose:
                        print("      haproxy:  %r" % a)
                        print("      shuttle:  %r" % b)
                failed += 1
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        if args.keep:
            print("%s: configs and logs kept in %s" % (LABEL, directory))
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
