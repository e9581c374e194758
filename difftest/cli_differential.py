#!/usr/bin/env python3
"""Differential test of the runtime API's dynamic servers, against HAProxy 3.5.

    difftest/cli_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH] [CASE...]

How it works:

1. HAProxy and Shuttle start with the same configuration: a stats socket at the admin level and
   one `listen` section per case (CASES below), whose servers all lead to one origin, a section
   of the HAProxy process that answers every request itself (`http-request return status 200`).
   Each section names the server a request reached in a response header (`x-srv`).
2. Each case is a list of steps run on both proxies in the same order: a runtime API command
   (`add server`, `enable server`, `disable server`, `del server`, `wait ... srv-removable`,
   `get weight`, `show servers conn`...) whose answer is compared, or a round of requests
   (pipelined on one connection, with the case's keys in the URI) whose servers are compared
   request by request: so a server added at runtime must take the same share of the traffic,
   in the same order, and the same keys on a consistent-hash ring, as in HAProxy.
3. Answers are compared as text, with the path of each proxy's configuration file replaced by
   <config>; `show servers conn` is compared on the servers' names and ids, sorted (Shuttle lists
   the active servers before the backups).

The reference is HAProxy 3.5 (~/.cache/haproxy3/...); without it the script says so and
reports "cli difftest: 0 passed, 0 failed". Python 3 only, no pip package.

Output: one line per case (same / DIFFERS with the first differing step), then
"cli difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
proxies could not be started.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the modules
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import http_differential as hd  # noqa: E402  (free ports, probing, the 3.5 peer's path)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "cli difftest"
START_TIMEOUT = 30
SERVER_FIELD = re.compile(rb"\r\nx-srv: *([^\r]*)", re.IGNORECASE)


def cli(command):
    return ("cli", command)


def traffic(count, keyed=False, order="each"):
    """A round of requests, compared request by request ("each"), by each server's count ("count":
    for a weighted round robin whose order within a cycle Shuttle does not take from HAProxy; the
    rounds are whole cycles), or by the servers that took some ("set": leastconn, whose choice among
    equally loaded servers is the implementation's)."""
    return ("traffic", count, keyed, order)


def stat():
    """`show stat`, compared on the case's rows: name, status, weight, act, bck."""
    return ("stat",)


class Case:
    """One listen section (its lines after `bind`), or with log=True a `mode log` backend (its lines
    after `mode log`, no traffic), and the steps run against it."""

    def __init__(self, name, lines, steps, log=False):
        self.name = name
        self.lines = lines
        self.steps = steps
        self.log = log


# {o}: the origin's address; {c}: the case's own section name.
CASES = [
    Case("refusals", ["balance roundrobin", "default-server weight 5", "server s1 {o} id 4",
                      "server s2 {o} check inter 1h"], [
        cli("add server {c}"),
        cli("add server {c}/"),
        cli("add server /x {o}"),
        cli("add server nob/x {o}"),
        cli("add server {c}/s1 {o}"),
        cli("add server {c}/x"),
        cli("add server {c}/x {o} id 4"),
        cli("add server {c}/x {o} redir http://elsewhere"),
        cli("add server {c}/x {o} enabled"),
        cli("add server {c}/x {o} track nob/s1"),
        cli("add server {c}/x {o} track nope"),
        cli("add server {c}/x {o} track s1"),
        cli("add server {c}/x {o} check track s2"),
        cli("add server {c}/dyn {o}"),
        cli("add server {c}/x {o} track dyn"),
        cli("add server {c}/x {o} track s2"),
        cli("del server {c}"),
        cli("del server /x"),
        cli("del server nob/x"),
        cli("del server {c}/nope"),
        cli("del server {c}/s1"),
        cli("disable server {c}/s2"),
        cli("del server {c}/s2"),
        cli("wait"),
        cli("wait x"),
        cli("wait 0"),
        cli("wait 10 nosuchcondition"),
        cli("wait 10 srv-removable"),
        cli("wait 10 srv-removable {c}"),
        cli("wait 10 srv-removable nob/s1"),
        cli("wait 10 srv-removable {c}/nope"),
        cli("wait 10 srv-removable {c}/s1"),
        cli("wait 10 srv-removable {c}/s2"),
        cli("wait 10 srv-removable {c}/dyn"),
        cli("add server help"),
    ]),
    Case("static", ["balance static-rr", "server s1 {o}"], [
        cli("add server {c}/x {o}"),
    ]),
    Case("mapbased", ["balance uri", "server s1 {o}"], [
        cli("add server {c}/x {o}"),
    ]),
    Case("roundrobin", ["balance roundrobin", "default-server weight 5", "server s1 {o} weight 2",
                        "server s2 {o} id 1"], [
        cli("add server {c}/d1 {o} weight 3"),
        cli("get weight {c}/d1"),
        traffic(21, order="count"),
        cli("enable server {c}/d1"),
        traffic(30, order="count"),
        cli("add server {c}/d2 {o} backup"),
        cli("enable server {c}/d2"),
        cli("show servers conn {c}"),
        traffic(30, order="count"),
        cli("disable server {c}/s1; disable server {c}/s2; disable server {c}/d1"),
        traffic(5, order="count"),
        cli("wait 5s srv-removable {c}/d1"),
        cli("del server {c}/d1"),
        cli("wait 5s srv-removable {c}/s2"),
        cli("del server {c}/s2"),
        cli("add server {c}/d3 {o}"),
        cli("add server {c}/d4 {o} id 9"),
        cli("add server {c}/d5 {o}"),
        cli("show servers conn {c}"),
        cli("enable server {c}/s1; enable server {c}/d3; enable server {c}/d5"),
        traffic(32, order="count"),
    ]),
    Case("leastconn", ["balance leastconn", "server s1 {o}"], [
        cli("add server {c}/d1 {o}"),
        cli("enable server {c}/d1"),
        traffic(20, order="set"),
        cli("set weight {c}/d1 3"),
        traffic(20, order="set"),
    ]),
    Case("first", ["balance first", "server s1 {o}"], [
        cli("add server {c}/d1 {o}"),
        cli("enable server {c}/d1"),
        traffic(10),
        cli("disable server {c}/s1"),
        traffic(10),
    ]),
    Case("consistent", ["balance uri", "hash-type consistent", "server s1 {o}", "server s2 {o} weight 3"], [
        traffic(32, keyed=True),
        cli("add server {c}/d1 {o} weight 2"),
        cli("enable server {c}/d1"),
        traffic(32, keyed=True),
        cli("add server {c}/d2 {o} id 40 hash-key addr-port"),
        cli("enable server {c}/d2"),
        traffic(32, keyed=True),
        cli("disable server {c}/d1"),
        # 3.5-dev5 counts the idle connections left to d1 until they are closed; Shuttle closes them
        # when the server goes into maintenance (and del server would close them first): after a wait
        # both agree.
        cli("wait 5s srv-removable {c}/d1"),
        cli("del server {c}/d1"),
        traffic(32, keyed=True),
    ]),
    # The servers of a mode log backend: their state and weight, and what 3.5 refuses on them.
    Case("log_servers", ["balance roundrobin", "server l1 udp@{o}", "server l2 udp@{o} disabled weight 3",
                         "server l3 udp@{o} backup"], [
        cli("show servers state {c}"), stat(),
        cli("enable server {c}/l2"),
        cli("disable server {c}/l1"),
        cli("set server {c}/l3 state drain"),
        cli("show servers state {c}"), stat(),
        cli("set server {c}/l1 state drain"),
        cli("set server {c}/l1 state maint"),
        cli("show servers state {c}"), stat(),
        cli("set server {c}/l1 state ready"),
        cli("set server {c}/l3 state ready"),
        cli("set server {c}/l1 state bogus"),
        cli("set server {c}/l1 weight 7"),
        cli("set weight {c}/l2 50%"),
        cli("get weight {c}/l1"),
        cli("get weight {c}/l2"),
        cli("set server {c}/l1 weight 300"),
        cli("set weight {c}/l1"),
        cli("disable server {c}/nope"),
        cli("show servers state {c}"), stat(),
    ], log=True),
    # The rest of the runtime API on log servers: address, forced health, check controls, maxconn,
    # 3.5's refusals, clear counters.
    Case("log_servers_runtime", ["server l1 udp@{o}", "server l2 udp@{o} backup"], [
        # (once: a second identical command right after it was answered "IP changed from
        # '127.0.0.1'" again by 3.5 in a loaded whole-suite run, its first change not seen yet;
        # Shuttle's "nothing changed" is LogServerCommandsTest's)
        cli("set server {c}/l1 addr 127.0.0.2 port 9"),
        cli("set server {c}/l1 addr nowhere"),
        cli("set server {c}/l1 addr"),
        cli("set server {c}/l1 health down"), stat(),
        cli("set server {c}/l1 health stopping"), stat(),
        cli("show servers state {c}"),
        cli("set server {c}/l1 health up"),
        cli("set server {c}/l1 health sideways"),
        cli("disable health {c}/l1"),
        cli("enable health {c}/l1"),
        cli("disable agent {c}/l1"),
        cli("enable agent {c}/l1"),
        cli("set server {c}/l1 check-port 80"),
        cli("set server {c}/l1 check-addr 127.0.0.1"),
        cli("set server {c}/l1 agent up"),
        cli("set server {c}/l1 agent-port 80"),
        cli("set server {c}/l1 agent-send x"),
        cli("set maxconn server {c}/l1 3"),
        cli("set maxconn server {c}/l1"),
        cli("set server {c}/l1 fqdn example.com"),
        cli("set server {c}/l1 fqdn"),
        cli("set server {c}/l1 ssl on"),
        cli("clear counters all"),
        cli("show servers state {c}"), stat(),
    ], log=True),
    # set server ... name on log servers: 3.5's checks in its order, then the rename, which the
    # stats, the state file and the other commands follow (the old name is gone).
    Case("log_servers_rename", ["balance roundrobin", "server l1 udp@{o}", "server l2 udp@{o}",
                                "server l3 udp@{o} disabled"], [
        cli("set server {c}/l1 name x1"),
        cli("set server {c}/l1 name"),
        cli("set server {c}/l1 name bad/name"),
        cli("set server {c}/l1 name " + "n" * 64),
        cli("set server {c}/l1 state maint"),
        cli("set server {c}/l1 name " + "n" * 64),
        cli("set server {c}/l1 name l2"),
        cli("set server {c}/l1 name l1"),
        cli("set server {c}/l1 name " + "n" * 63),
        cli("set server {c}/" + "n" * 63 + " name x1.a:b_c-d"),
        cli("set server {c}/l1 state ready"),
        cli("show servers state {c}"), stat(),
        cli("show servers conn {c}"),
        cli("set server {c}/x1.a:b_c-d state ready"),
        cli("get weight {c}/x1.a:b_c-d"),
        cli("set server {c}/l3 name l1"),
        cli("enable server {c}/l1"),
        cli("set server {c}/#2 name x1.a:b_c-d"),
        cli("show servers state {c}"), stat(),
    ], log=True),
    # The same checks on a traffic server, up to the rename itself (which Shuttle refuses).
    Case("rename_checks", ["server s1 {o}", "server s2 {o}"], [
        cli("set server {c}/s1 name x1"),
        cli("set server {c}/s1 name"),
        cli("set server {c}/s1 name bad/name"),
        cli("set server {c}/s1 state maint"),
        cli("set server {c}/s1 name s2"),
        cli("set server {c}/s1 name s1"),
        cli("set server {c}/s1 name " + "n" * 64),
    ]),
    Case("log_hash_weights", ["balance log-hash lower", "server h1 udp@{o}", "server h2 udp@{o} weight 2"], [
        cli("set server {c}/h1 weight 2"),
        cli("set weight {c}/h2 100%"),
        cli("set weight {c}/h2 0%"),
        cli("get weight {c}/h2"),
        cli("show servers state {c}"), stat(),
    ], log=True),
]


def read_servers(sock, count):
    """The x-srv value of each of the next `count` responses (bodyless 200s; others by status line)."""
    buffer = bytearray()
    while buffer.count(b"\r\n\r\n") < count:
        data = sock.recv(65536)
        if not data:
            raise OSError("connection closed before %d responses" % count)
        buffer.extend(data)
    servers = []
    for head in bytes(buffer).split(b"\r\n\r\n")[:count]:
        if head[8:13] != b" 200 ":
            servers.append("<%s>" % head.split(b"\r\n", 1)[0].decode("latin-1"))
            continue
        found = SERVER_FIELD.search(head)
        servers.append(found.group(1).decode("latin-1") if found else "<none>")
    return servers


def run_traffic(port, count, keyed, order):
    requests = b"".join(b"GET /%s HTTP/1.1\r\nhost: test\r\n\r\n" % (b"k%d" % i if keyed else b"")
                        for i in range(count))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(requests)
        servers = read_servers(sock, count)
    if order == "each":
        return " ".join(servers)
    if order == "set":
        return " ".join(sorted(set(servers)))
    return " ".join("%s:%d" % (name, servers.count(name)) for name in sorted(set(servers)))


def run_cli(path, command):
    """One runtime API connection: the command line, its answer."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(10)
        sock.connect(path)
        sock.sendall((command + "\n").encode())
        answer = bytearray()
        while True:
            data = sock.recv(4096)
            if not data:
                break
            answer.extend(data)
    return answer.decode(errors="replace")


def normalised(command, answer, config):
    answer = answer.replace(config, "<config>")
    if command.startswith("show servers state"):
        # srv_time_since_last_change (the 10th column) depends on when each proxy started.
        answer = "\n".join(" ".join(f[:9] + ["-"] + f[10:]) if len(f) > 10 and not line.startswith("#") else line
                            for line in answer.splitlines() for f in [line.split(" ")])
    if command.startswith("show servers conn"):
        # The servers' names and ids, sorted: Shuttle lists a backend's active servers before its
        # backups, HAProxy all of them in the order they came (the backend's id is another matter).
        answer = "\n".join(sorted(line.split()[0] + " " + line.split()[1].split("/")[-1]
                                  for line in answer.splitlines() if len(line.split()) > 1))
    return answer


def run_case(proxy, case, origin):
    """Every step of the case on one proxy: the list of what each step gave."""
    process, ports, socket_path, config = proxy
    out = []
    for step in case.steps:
        try:
            if step[0] == "stat":
                rows = [line.split(",") for line in run_cli(socket_path, "show stat").splitlines()
                        if line.startswith(case.name + ",")]
                out.append(("show stat", " | ".join(",".join(r[:2] + r[17:21]) for r in rows)))
            elif step[0] == "cli":
                command = step[1].format(c=case.name, o="127.0.0.1:%d" % origin)
                out.append((command, normalised(command, run_cli(socket_path, command), config)))
            else:
                out.append(("%d requests" % step[1], run_traffic(ports[case.name], *step[1:])))
        except OSError as error:
            out.append((str(step), "<failed: %s>" % error))
    return out


def config_text(cases, ports, origin, probe, socket_path, with_origin):
    lines = ["global",
             "    stats socket %s level admin" % socket_path]
    lines += ["defaults",
              "    mode http",
              "    timeout connect 5s",
              "    timeout client 30s",
              "    timeout server 30s",
              "listen probe",
              "    bind 127.0.0.1:%d" % probe,
              "    http-request return status 200"]
    for case in cases:
        if case.log:
            lines += ["backend %s" % case.name, "    mode log"]
            lines += ["    " + line.format(o="127.0.0.1:%d" % origin) for line in case.lines]
            continue
        lines += ["listen %s" % case.name,
                  "    bind 127.0.0.1:%d" % ports[case.name],
                  "    http-response set-header x-srv %s"]
        lines += ["    " + line.format(o="127.0.0.1:%d" % origin) for line in case.lines]
    if with_origin:
        # Last, so that the cases' lines have the same numbers in both files (messages cite them).
        lines += ["listen origin",
                  "    bind 127.0.0.1:%d" % origin,
                  "    http-request return status 200"]
    return "\n".join(lines) + "\n"


def start_proxy(name, command, directory, cases, origin):
    """Starts a proxy; the first one started (HAProxy) also runs the origin both lead to."""
    ports = {case.name: hd.unique_port() for case in cases if not case.log}
    probe = hd.unique_port()
    socket_path = os.path.join(directory, name + ".sock")
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(config_text(cases, ports, origin, probe, socket_path, name == "haproxy"))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, ports, probe, socket_path, config, log.name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="every step's answer")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.HAPROXY3)
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()

    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    if args.cases and len(cases) != len(set(args.cases)):
        print("%s: no such case: %s" % (LABEL, ", ".join(sorted(set(args.cases) - {c.name for c in cases}))),
              file=sys.stderr)
        return 2
    if not os.access(args.haproxy, os.X_OK):
        print("%s: HAProxy 3.5 not found at %s: nothing compared" % (LABEL, args.haproxy))
        print("%s: 0 passed, 0 failed" % LABEL)
        return 0
    directory = tempfile.mkdtemp(prefix="cli-difftest.")
    processes = []
    try:
        proxies = {}
        origin = hd.unique_port()
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            process, ports, probe, socket_path, config, log = start_proxy(name, command, directory, cases, origin)
            processes.append(process)
            proxies[name] = (process, ports, probe, socket_path, config, log)
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, ports, probe, socket_path, config, log) in proxies.items():
            while not (all(hd.listening(port) for port in [probe] + list(ports.values()))
                       and os.path.exists(socket_path)):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.1)
        passed = failed = 0
        for case in cases:
            results = {}

            def one(name):
                process, ports, probe, socket_path, config, log = proxies[name]
                results[name] = run_case((process, ports, socket_path, config), case, origin)

            threads = [threading.Thread(target=one, args=(name,)) for name in proxies]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            theirs, mine = results["haproxy"], results["shuttle"]
            if theirs == mine:
                passed += 1
                print("  same             %s (%d steps)" % (case.name, len(theirs)))
                if args.verbose:
                    for step, answer in theirs:
                        print("      %s -> %r" % (step, answer))
                continue
            failed += 1
            print("  DIFFERS          %s" % case.name)
            for (step, a), (_, b) in zip(theirs, mine):
                if a != b:
                    print("      step:    %s" % step)
                    print("      haproxy: %r" % a)
                    print("      shuttle: %r" % b)
                    break
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        hd.clean_up(directory, args.keep, LABEL)


if __name__ == "__main__":
    sys.exit(main())
