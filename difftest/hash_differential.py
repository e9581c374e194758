#!/usr/bin/env python3
"""Differential test of the hashing load-balancing algorithms, against HAProxy 3.5.

    difftest/hash_differential.py [-v] [--keep] [--keys N] [--haproxy PATH] [--shuttle PATH] [CASE...]

How it works:

1. HAProxy and Shuttle start with the same configuration: one `listen` section per case
   (CASES below) whose three servers all lead to one origin, an `origin` section of the
   HAProxy process that answers every request itself (`http-request return status 200`): s1 (weight 1, id 3), s2 (weight 3,
   id 7) and s3 (weight 7, id 12), unequal weights and ids out of order on purpose. The section
   balances with the case's `balance` and `hash-type` and names the server each request reached
   in a response header (`http-response set-header x-srv %s`).
2. The same keys (drawn once from a fixed seed: 10,000 for each hash method x function, 2,000
   for the other variants, 1,000 after a runtime change) go through each proxy in the same order, pipelined on one keep-alive connection: in the URI, a URL parameter, a header, the
   Host header, or as the client address (`http-request set-src`, IPv4 and IPv6), as the case
   says. A few requests of the keyed cases carry no key, so the round-robin fallback is compared
   too (it depends on the order, which is the same for both).
3. Three rounds per case: as configured; after `set server <case>/s2 state maint` on the runtime
   API; after `set server <case>/s2 state ready` and a weight change (`set weight <case>/s3 2` on
   the dynamic consistent ring; `set weight <case>/s1 0` where the map is static, whose weights
   HAProxy only lets go to 0% or back to 100%).
4. Key by key, the server must be the same. A case passes when all its rounds are identical.
   A round whose connection to HAProxy stalls (seen with HAProxy on a loaded host: no byte for 10 s
   while a whole round takes 2-6 s) is run again on fresh connections, up to ROUND_TRIES times in
   all; the round robin of keyless requests then compares no more in that case. Shuttle's stall is
   never retried: it fails the case.

The reference is HAProxy 3.5 (~/.cache/haproxy3/...); without it the script says so and
reports "hash difftest: 0 passed, 0 failed" (scripts/test prints a `skipped:` line). Python 3
only, no pip package.

Output: one line per case and round (same / DIFFERS with the first differing keys), then
"hash difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
proxies could not be started.
"""

import argparse
import os
import random
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
LABEL = "hash difftest"
START_TIMEOUT = 30
BATCH = 32           # requests written before their responses are read (HAProxy answers 414, or
                     # stalls, when pipelined requests fill its buffer)
CLIENT_TIMEOUT = 20  # seconds without progress on one socket operation before a round is judged stalled
ROUND_TRIES = 3      # a round whose HAProxy connection stalled is tried again, this many times in all
NO_KEY_EVERY = 97    # one request in this many carries no key (keyed cases that fall back)

SERVERS = (("s1", 1, 3), ("s2", 3, 7), ("s3", 7, 12))
# Keys per round: all of them for each method x function, fewer for the key extraction variants
# and after runtime changes, so that the whole run stays near a minute on a shared 2-core host.
MAIN_KEYS = 10000
VARIANT_KEYS = 2000
CHANGED_KEYS = 1000


class Case:
    """One listen section: how it balances and where each request puts its key."""

    def __init__(self, name, balance, hash_type, key, extra=(), server_options="", fallback=True,
                 addresses=None, keys=VARIANT_KEYS):
        self.name = name
        self.keys = keys                # keys of the first round; the rounds after a change take fewer
        self.balance = balance
        self.hash_type = hash_type      # the hash-type line's arguments, or "" for the default
        self.key = key                  # uri, param, header, host, source, number
        self.extra = list(extra)
        self.server_options = server_options
        self.fallback = fallback        # whether some requests carry no key
        self.addresses = addresses      # per server, for hash-key addr cases (else the origin's)

    @property
    def consistent(self):
        return self.hash_type.startswith("consistent")


FUNCTIONS = ("sdbm", "djb2", "wt6", "crc32")
CASES = []
for method in ("map-based", "consistent"):
    for function in FUNCTIONS:
        CASES.append(Case("hdr-%s-%s" % (method, function), "hdr(x-key)", "%s %s" % (method, function), "header",
                          keys=MAIN_KEYS))
    CASES.append(Case("hdr-%s-sdbm-avalanche" % method, "hdr(x-key)", "%s sdbm avalanche" % method, "header",
                      keys=MAIN_KEYS))
    CASES.append(Case("uri-%s-default" % method, "uri", method, "uri", fallback=False))
CASES += [
    Case("default-hash-type", "hdr(x-key)", "", "header"),
    Case("uri-whole-djb2", "uri whole", "map-based djb2", "uri", fallback=False),
    Case("uri-len-depth-consistent", "uri len 12 depth 2", "consistent wt6", "uri", fallback=False),
    Case("uri-path-only-crc32", "uri path-only", "consistent crc32 avalanche", "absolute-uri", fallback=False),
    Case("url-param-map-based", "url_param id", "map-based sdbm", "param"),
    Case("url-param-consistent-check-post", "url_param id check_post", "consistent djb2", "param"),
    Case("hdr-use-domain-only", "hdr(host) use_domain_only", "map-based wt6", "host", fallback=False),
    Case("hash-expr-converter", "hash req.hdr(x-key),lower", "consistent sdbm", "header"),
    Case("hash-none-numbers", "hash req.hdr(x-key)", "map-based none", "number"),
    Case("hash-none-consistent", "hash req.hdr(x-key)", "consistent none avalanche", "number"),
    Case("source-map-based", "source", "map-based", "source", extra=["http-request set-src req.hdr(x-src)"],
         fallback=False),
    Case("source-consistent", "source", "consistent", "source", extra=["http-request set-src req.hdr(x-src)"],
         fallback=False),
    # No key at all: the order of the map-based table's round robin, request after request.
    Case("static-rr-order", "static-rr", "", "header", fallback=False),
    Case("hash-key-id32", "hdr(x-key)", "consistent crc32", "header", server_options="hash-key id32"),
    Case("hash-key-addr", "hdr(x-key)", "consistent", "header", server_options="hash-key addr",
         addresses=("127.0.0.2", "127.0.0.3", "127.0.0.4")),
    Case("hash-key-addr-port", "hdr(x-key)", "consistent djb2", "header", server_options="hash-key addr-port",
         addresses=("127.0.0.4", "127.0.0.3", "127.0.0.2")),
]

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"


def make_keys(count):
    """The keys, the same for both proxies: text, numbers, IPv4 and IPv6 addresses."""
    rng = random.Random(20261207)
    keys = []
    for i in range(count):
        length = rng.randrange(1, 24)
        text = "".join(rng.choice(ALPHABET) for _ in range(length))
        number = str(rng.randrange(0, 1 << 40)) if rng.random() < 0.9 else "-" + str(rng.randrange(0, 1 << 20))
        if rng.random() < 0.7:
            address = "%d.%d.%d.%d" % tuple(rng.randrange(1, 255) for _ in range(4))
        else:
            address = ":".join("%x" % rng.randrange(0, 0x10000) for _ in range(8))
        depth = "/".join("".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 6)))
                         for _ in range(rng.randrange(1, 5)))
        keys.append({"text": text, "number": number, "address": address, "path": depth, "i": i})
    return keys


def request_for(case, key):
    """The request carrying the case's key (or none, now and then, where the case falls back)."""
    keyless = case.fallback and key["i"] % NO_KEY_EVERY == 5
    host = "www.example.org"
    headers = []
    target = "/"
    if case.key == "header":
        if not keyless:
            headers.append("x-key: " + key["text"])
    elif case.key == "number":
        if not keyless:
            headers.append("x-key: " + key["number"])
    elif case.key == "uri":
        target = "/%s/%s?q=%s&r=%d" % (key["path"], key["text"], key["text"][::-1], key["i"] % 7)
    elif case.key == "absolute-uri":
        host = "h%d.example.org" % (key["i"] % 5)
        target = "http://%s/%s?q=%s" % (host, key["path"], key["text"])
    elif case.key == "param":
        target = "/search?a=1&b=%s" % key["text"][:3] if keyless else "/search?a=1&id=%s&b=2" % key["text"]
    elif case.key == "host":
        host = "www%d.%s.com" % (key["i"] % 3, key["text"].replace(".", "").replace("~", "") or "x")
    elif case.key == "source":
        headers.append("x-src: " + key["address"])
    # A field after Host: HAProxy's use_domain_only reads the byte after the value (backend.c,
    # get_server_hh(), *p at the value's end), and hashes the top-level domain if that is a dot;
    # a following field name makes that byte an 'x' in both.
    lines = ["GET %s HTTP/1.1" % target, "host: " + host] + headers + ["x-after: 1"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


SERVER_FIELD = re.compile(rb"\r\nx-srv: *([^\r]*)", re.IGNORECASE)


def read_responses(sock, count, buffer):
    """The x-srv value of each of the next `count` responses, which have no body (a response
    that is not a 200 gives "<status line>", and ends the round if it has a body)."""
    while buffer.count(b"\r\n\r\n") < count:
        data = sock.recv(262144)
        if not data:
            raise OSError("connection closed before %d responses" % count)
        buffer.extend(data)
    heads = bytes(buffer).split(b"\r\n\r\n", count)
    del buffer[:len(buffer) - len(heads[count])]
    servers = []
    for head in heads[:count]:
        if head[8:13] != b" 200 ":
            status = head.split(b"\r\n", 1)[0].decode("latin-1")
            if re.search(rb"\r\ncontent-length: *[1-9]", head, re.IGNORECASE):
                raise OSError("a body after: " + status)
            servers.append("<%s>" % status)
            continue
        found = SERVER_FIELD.search(head)
        servers.append(found.group(1).decode("latin-1") if found else "<none>")
    return servers


def run_round(port, requests):
    """Every request through the proxy, in order, pipelined: the server each one reached. The
    next batch is written before the responses to the last one are read, so that neither side
    waits for the other's delayed acknowledgements."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = bytearray()
    servers = []
    batches = [requests[start:start + BATCH] for start in range(0, len(requests), BATCH)]
    try:
        sock.sendall(b"".join(batches[0]))
        for index, batch in enumerate(batches):
            if index + 1 < len(batches):
                sock.sendall(b"".join(batches[index + 1]))
            servers.extend(read_responses(sock, len(batch), buffer))
    except OSError as error:
        raise OSError("%s after %d of %d responses, %d bytes pending" % (error, len(servers), len(requests), len(buffer)))
    finally:
        sock.close()
    return servers


def cli(path, command):
    """One runtime API command on the proxy's stats socket; its answer."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(5)
        sock.connect(path)
        sock.sendall((command + "\n").encode())
        answer = bytearray()
        while True:
            data = sock.recv(4096)
            if not data:
                break
            answer.extend(data)
    return answer.decode(errors="replace").strip()


def rounds(case):
    """The runtime API commands before each round (the first round has none)."""
    weight = "set weight %s/s3 2" % case.name if case.consistent else "set weight %s/s1 0" % case.name
    return [
        ("configured", []),
        ("s2-maint", ["set server %s/s2 state maint" % case.name]),
        ("weight-changed", ["set server %s/s2 state ready" % case.name, weight]),
    ]


# --- Running the proxies ------------------------------------------------------------------

def config_text(cases, ports, origin, probe, socket_path, with_origin):
    lines = ["global",
             "    stats socket %s level admin" % socket_path]
    if with_origin:
        # HAProxy (the process that also runs the origin) on one thread: with two, it has been
        # seen to stall a pipelined connection now and then on a loaded host.
        lines.append("    nbthread 1")
    lines += ["defaults",
              "    mode http",
              "    timeout connect 5s",
              "    timeout client 30s",
              "    timeout server 30s",
              "listen probe",
             "    bind 127.0.0.1:%d" % probe,
             "    http-request return status 200"]
    if with_origin:
        lines.append("listen origin")
        for address in ("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"):
            lines.append("    bind %s:%d" % (address, origin))
        lines.append("    http-request return status 200")
    for case in cases:
        lines += ["listen %s" % case.name,
                  "    bind 127.0.0.1:%d" % ports[case.name],
                  "    balance %s" % case.balance]
        if case.hash_type:
            lines.append("    hash-type %s" % case.hash_type)
        lines += ["    " + extra for extra in case.extra]
        lines.append("    http-response set-header x-srv %s")
        for index, (name, weight, ident) in enumerate(SERVERS):
            address = case.addresses[index] if case.addresses else "127.0.0.1"
            lines.append("    server %s %s:%d id %d weight %d %s" % (name, address, origin, ident, weight,
                                                                   case.server_options))
    return "\n".join(lines) + "\n"


def start_proxy(name, command, directory, cases, origin):
    """Starts a proxy; the first one started (HAProxy) also runs the origin both lead to."""
    ports = {case.name: hd.unique_port() for case in cases}
    probe = hd.unique_port()
    socket_path = os.path.join(directory, name + ".sock")
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(config_text(cases, ports, origin, probe, socket_path, name == "haproxy"))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, ports, probe, socket_path, log.name


def run_both(proxies, case, requests, commands, answers, timings):
    """The runtime API commands, then the round, on both proxies at once: the server of each request."""
    results = {}

    def one(name):
        process, ports, probe, socket_path, log = proxies[name]
        try:
            answers[name] = [cli(socket_path, command) for command in commands]
            started = time.monotonic()
            results[name] = run_round(ports[case.name], requests)
            timings[name] = time.monotonic() - started
        except OSError as error:
            results[name] = ["<client failed: %s>" % error]

    threads = [threading.Thread(target=one, args=(name,)) for name in proxies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def keyed_only(case, servers):
    """The servers of the requests that carry a key (see request_for), the others blanked."""
    if servers[0].startswith("<client failed"):
        return servers
    return ["-" if case.fallback and index % NO_KEY_EVERY == 5 else server for index, server in enumerate(servers)]


def first_differences(keys, requests, mine, theirs, limit=3):
    out = []
    for index, (a, b) in enumerate(zip(theirs, mine)):
        if a != b:
            first_line = requests[index].split(b"\r\n\r\n")[0].decode("latin-1").replace("\r\n", " | ")
            out.append("key %d: haproxy %s, shuttle %s  (%s)" % (index, a, b, first_line))
            if len(out) == limit:
                break
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="the distribution of every round")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--keys", type=int, default=0,
                        help="keys in every round (default: %d or %d, then %d after a change)"
                        % (MAIN_KEYS, VARIANT_KEYS, CHANGED_KEYS))
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
    keys = make_keys(args.keys or MAIN_KEYS)
    directory = tempfile.mkdtemp(prefix="hash-difftest.")
    processes = []
    try:
        proxies = {}
        # One origin for both, so that the servers' addresses and ports (hash-key addr-port) are the same.
        origin = hd.unique_port()
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            process, ports, probe, socket_path, log = start_proxy(name, command, directory, cases, origin)
            processes.append(process)
            proxies[name] = (process, ports, probe, socket_path, log)
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, ports, probe, socket_path, log) in proxies.items():
            while not all(hd.listening(port) for port in [probe] + list(ports.values())):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.1)
        passed = failed = 0
        for case in cases:
            all_requests = [request_for(case, key) for key in keys]
            case_ok = True
            fallback_compared = True
            for number, (round_name, commands) in enumerate(rounds(case)):
                count = args.keys or (case.keys if number == 0 else min(case.keys, CHANGED_KEYS))
                requests = all_requests[:count]
                answers = {}
                timings = {}
                results = run_both(proxies, case, requests, commands, answers, timings)
                label = "%s/%s" % (case.name, round_name)
                tries = 1
                while tries < ROUND_TRIES and results["haproxy"][0].startswith("<client failed"):
                    # A connection to the reference that stalled (HAProxy 3.5 has been seen to stop
                    # answering a pipelined connection on a loaded host): the round again on fresh
                    # connections. Shuttle's stall is not retried: it fails the case, so a flaky
                    # Shuttle is seen rather than hidden. The round robin of keyless requests has
                    # moved on by a different number of steps in each proxy, so from here on only
                    # keyed requests compare.
                    print("  retried          %s (%s)" % (label, ", ".join(
                        "%s: %s" % (n, r[0]) for n, r in sorted(results.items()) if r[0].startswith("<"))))
                    fallback_compared = False
                    tries += 1
                    results = run_both(proxies, case, requests, [], {}, timings)
                theirs, mine = results["haproxy"], results["shuttle"]
                if not fallback_compared:
                    theirs, mine = keyed_only(case, theirs), keyed_only(case, mine)
                if theirs == mine and not theirs[0].startswith("<"):
                    print("  same             %s%s" % (label, "" if fallback_compared else " (keyed requests only)"))
                    if args.verbose:
                        print("      seconds:  %s" % {n: round(t, 2) for n, t in timings.items()})
                        print("      servers:  %s" % {s: theirs.count(s) for s in sorted(set(theirs))})
                else:
                    case_ok = False
                    print("  DIFFERS          %s" % label)
                    for name in ("haproxy", "shuttle"):
                        if answers.get(name) and any(answers[name]):
                            print("      %s cli: %s" % (name, answers[name]))
                        counts = {s: results[name].count(s) for s in sorted(set(results[name]))}
                        print("      %-8s  %s" % (name, counts))
                    for line in first_differences(keys, requests, mine, theirs):
                        print("      " + line)
            if case_ok:
                passed += 1
            else:
                failed += 1
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        hd.clean_up(directory, args.keep, LABEL)


if __name__ == "__main__":
    sys.exit(main())
