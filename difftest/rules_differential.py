#!/usr/bin/env python3
"""Differential test of Shuttle's rules, ACLs, fetches and converters against Debian's haproxy 2.6.

    difftest/rules_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH] [CASE...]

It reuses http_differential.py's machinery (recording origins, the client,
the comparison of origin bytes) with one difference in shape: each case of
rules_cases.py brings its own configuration fragment, the body of a frontend
(acl lines, http-request/http-response rules, use_backend...), and map or
pattern files. All the cases run in one process per proxy: the configuration
has one frontend per case, each on its own port, so both proxies start once.

1. The configuration (CONFIG below) has the common defaults, backends be,
   be_a and be_b (all to the proxy's recording origin; be_a and be_b add
   "x-backend: a" or "b" to what they forward, so the origin sees which one a
   use_backend chose), then the frontends. In a fragment, @DIR@ stands for
   the directory the case's files are written to.
2. Each case's request is sent on a new connection to its frontend on both
   proxies at once; the origin answers with the case's response kind
   (http_differential.RESPONSES plus RESPONSES below).
3. The outcome of a case on one proxy is what the client received (every
   response: status line, header fields with names in lower case and the
   "date" field left out, body), whether the proxy closed the connection, and
   the bytes the origin received. The outcomes must be equal.
4. As in the first script, a case whose outcomes differ passes only if
   the peer's list names it: rules_known_differences.txt for HAProxy 3.x (the
   reference), rules_known_differences-2.6.txt for Debian's 2.6 (`name: justification` or
   `BUG: name: ...`); a listed case that no longer differs fails.
5. A fragment one proxy refuses at startup fails its case (the output shows
   the proxy's alerts), one both refuse passes; the other cases still run:
   the script drops the frontends of the lines named by the alerts, checks
   again (-c), and starts the proxies on what both accept. Lines of a fragment
   after a line "@BACKEND@" go to a backend of the case's own.

Output: one line per case, then "rules difftest: N passed, N failed". Exit
0 if nothing failed, 1 if something did, 2 if the proxies could not start.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the modules
import http_differential as hd  # noqa: E402
from rules_cases import CASES, RESPONSES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
START_TIMEOUT = 30  # seconds for both proxies to listen on every port
CHECK_TIMEOUT = 30  # seconds for a configuration check (-c)

# The response kinds of rules_cases.py join the first script's, for this process only.
hd.RESPONSES.update(RESPONSES)
# Every response here is complete when it arrives: a shorter wait for more bytes keeps the run short.
hd.IDLE = 0.1

CONFIG_HEAD = """\
global
    maxconn 400

defaults
    mode http
    timeout connect 2s
    timeout client 2s
    timeout server 2s
    timeout http-request 1s

backend be
    server origin 127.0.0.1:{origin}

backend be_a
    http-request set-header x-backend a
    server origin 127.0.0.1:{origin}

backend be_b
    http-request set-header x-backend b
    server origin 127.0.0.1:{origin}
"""

FRONTEND = """
frontend fe_{number}
    bind 127.0.0.1:{port}
{body}
    default_backend {backend}
"""

# A fragment's lines after a line "@BACKEND@" go to a backend of the case's own, be_N, for options
# and rules that only a backend takes (option forwarded, http-drop-request-trailers...).
OWN_BACKEND = """
backend be_{number}
{body}
    server origin 127.0.0.1:{origin}
"""


def indented(text, directory):
    """Lines of a fragment, indented, with @DIR@ replaced."""
    lines = text.replace("@DIR@", directory).strip("\n").split("\n")
    return "\n".join("    " + line.strip() for line in lines if line.strip())


def frontend_body(case, directory):
    """The frontend part of the case's fragment (all of it without a backend part)."""
    return indented(case.config.split("@BACKEND@", 1)[0], directory)


def build_config(cases, numbers, ports, origin_port, directory):
    """The configuration text, and for each case the (first, last) line of its frontend
    (named fe_N, N the case's number in numbers)."""
    text = CONFIG_HEAD.format(origin=origin_port)
    spans = {}
    for case in cases:
        number = numbers[case.name]
        own = "@BACKEND@" in case.config
        section = FRONTEND.format(number=number, port=ports[case.name], body=frontend_body(case, directory),
                                  backend="be_%d" % number if own else "be")
        if own:
            section += OWN_BACKEND.format(number=number, origin=origin_port,
                                          body=indented(case.config.split("@BACKEND@", 1)[1], directory))
        first = text.count("\n") + 1
        text += section
        spans[case.name] = (first, text.count("\n"))
    return text, spans


def write_files(cases, directory):
    for case in cases:
        for name, content in case.files.items():
            with open(os.path.join(directory, name), "w", encoding="latin-1") as out:
                out.write(content)


def check_config(command, path):
    """Runs `command -c -f path`; returns (valid, output)."""
    try:
        done = subprocess.run(command + ["-c", "-f", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "configuration check timed out"
    return done.returncode == 0, done.stdout.decode(errors="replace")


def refused_cases(output, path, cases, numbers, spans):
    """The cases an ALERT line of output names, by a line of their frontend or by its name."""
    alerts = [line for line in output.split("\n") if "ALERT" in line]
    lines = {int(n) for a in alerts for n in re.findall(re.escape(os.path.basename(path)) + r":(\d+)", a)}
    frontends = {int(n) for a in alerts for n in re.findall(r"\b(?:fe|be)_(\d+)\b", a)}
    return {case.name for case in cases
            if numbers[case.name] in frontends or any(spans[case.name][0] <= n <= spans[case.name][1] for n in lines)}


# ---------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------

def split_responses(data):
    """Each response of data as (status line, [(name, value)], body); the rest as one last item."""
    responses = []
    while data:
        end = re.search(rb"\r?\n\r?\n", data)
        if not data.startswith(b"HTTP/") or not end:
            responses.append(("<%d bytes not a response: %r>" % (len(data), data[:60]), [], b""))
            break
        head = data[:end.start()].decode("latin-1").split("\n")
        data = data[end.end():]
        status = head[0].rstrip("\r")
        fields = []
        for line in head[1:]:
            name, _, value = line.rstrip("\r").partition(":")
            fields.append((name.strip().lower(), value.strip()))
        code = status.split(" ")[1] if " " in status else ""
        values = dict(fields)
        if code.startswith("1") or code in ("204", "304"):
            body = b""
        elif "chunked" in values.get("transfer-encoding", "").lower():
            zero = re.search(rb"(?:^|\r\n)0\r\n(?:[^\r\n]+\r\n)*\r\n", data)
            body, data = (data[:zero.end()], data[zero.end():]) if zero else (data, b"")
        elif "content-length" in values and values["content-length"].isdigit():
            length = int(values["content-length"])
            body, data = data[:length], data[length:]
        else:
            body, data = data, b""
        responses.append((status, [f for f in fields if f[0] != "date"], body))
    return responses


class RulesOutcome(hd.Outcome):
    def __init__(self, data, closed, origin_bytes, origin_connections):
        super().__init__(data, closed, origin_bytes, origin_connections)
        self.responses = split_responses(data)

    def key(self, normalisations=()):
        responses = tuple((status, tuple(fields), body) for status, fields, body in self.responses)
        return (responses, self.closed, self.origin)

    def describe(self, verbose=False):
        text = "closed=%s origin(%d conn)=%s" % (self.closed, self.connections, hd.abbreviate(self.origin, 600))
        for status, fields, body in self.responses:
            text += "\n                response: %s %s body=%s" % (
                status, " ".join("%s=%r" % f for f in fields), hd.abbreviate(body, 200))
        return text


def run_case(case, ports, origins):
    """Runs one case on both proxies at once; returns {proxy name: RulesOutcome}."""
    results = {}

    def one(name):
        try:
            results[name] = hd.exchange(ports[name], case.raw)
        except OSError as error:
            results[name] = (("<connect failed: %s>" % error).encode(), True)

    threads = []
    for name in ports:
        origins[name].start_case(case.name, case.origin)
        threads.append(threading.Thread(target=one, args=(name,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(hd.SETTLE)
    outcomes = {}
    for name in ports:
        data, closed = results[name]
        origin = origins[name]
        outcomes[name] = RulesOutcome(data, closed, origin.received(case.name), origin.connections(case.name))
        origin.start_case(None, "ok")
    return outcomes


# ---------------------------------------------------------------------------
# Starting the proxies
# ---------------------------------------------------------------------------

START_ATTEMPTS = 3


class Proxy:
    """One proxy: its origin, one port per case, its process once started."""

    def __init__(self, name, command, directory, cases):
        self.name, self.command, self.directory = name, command, directory
        self.origin = hd.Origin()
        self.ports = {case.name: hd.unique_port() for case in cases}
        self.numbers = {case.name: number for number, case in enumerate(cases)}
        self.config = os.path.join(directory, name + ".cfg")
        self.process = None
        self.log = os.path.join(directory, name + ".log")

    def write_config(self, cases):
        text, spans = build_config(cases, self.numbers, self.ports, self.origin.port, self.directory)
        with open(self.config, "w") as out:
            out.write(text)
        return spans

    def start(self):
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(self.command + ["-db", "-f", self.config], stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def stop(self):
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def prepare(proxies, cases):
    """Checks the configuration on every proxy, dropping the cases one refuses, until both
    accept what is left. Returns (the cases left, {case name: (names of the proxies that
    refuse it, their alerts)}); (None, {"*": ...}) when a refusal names no case."""
    refused = {}
    left = list(cases)
    for _ in range(30):  # HAProxy stops after a few errors: one round may name only some refused cases
        dropped = set()
        for proxy in proxies:
            spans = proxy.write_config(left)
            valid, output = check_config(proxy.command, proxy.config)
            if valid:
                continue
            names = refused_cases(output, proxy.config, left, proxy.numbers, spans)
            if not names:
                return None, {"*": (proxy.name, output)}
            alerts = [line for line in output.split("\n") if "ALERT" in line]
            for name in names:
                first, last = spans[name]
                number = proxy.numbers[name]
                mine = [a for a in alerts if re.search(r"\b(fe|be)_%d\b" % number, a) or any(
                    re.search(re.escape("%s:%d" % (os.path.basename(proxy.config), n)) + r"(?!\d)", a)
                    for n in range(first, last + 1))]
                who, why = refused.get(name, ((), ""))
                refused[name] = (who + (proxy.name,), (why + "\n" if why else "") + "\n".join(mine or [output]))
            dropped |= names
        if not dropped:
            confirm_one_sided(proxies, cases, refused)
            for proxy in proxies:
                proxy.write_config(left)
            return left, refused
        left = [case for case in left if case.name not in dropped]
    return None, {"*": ("both", "configuration still refused after dropping cases")}


def confirm_one_sided(proxies, cases, refused):
    """A proxy may stop at its first errors (HAProxy 3.x does after some), so a case only one
    proxy refused is checked alone on the others: one they refuse too is refused by both."""
    by_name = {case.name: case for case in cases}
    for name, (who, why) in list(refused.items()):
        for proxy in proxies:
            if proxy.name in who:
                continue
            proxy.write_config([by_name[name]])
            valid, output = check_config(proxy.command, proxy.config)
            if not valid:
                alerts = [line for line in output.split("\n") if "ALERT" in line]
                who, why = who + (proxy.name,), why + "\n" + "\n".join(alerts or [output])
        refused[name] = (who, why)


def started(proxies, cases):
    """Waits until every proxy listens on every case's port; false when one exits or time runs out."""
    deadline = time.monotonic() + START_TIMEOUT
    while not all(hd.listening(p.ports[c.name]) for p in proxies for c in cases):
        if any(p.process.poll() is not None for p in proxies) or time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="both outcomes of every case")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.default_peer(),
                        help="the peer binary (default: HAProxy 3.5 when built, else Debian's haproxy)")
    parser.add_argument("--shuttle", default=os.path.join(hd.ROOT, "scripts", "shuttle"))
    args = parser.parse_args()

    names = [c.name for c in CASES]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        print("rules difftest: duplicate case names: %s" % ", ".join(sorted(duplicates)), file=sys.stderr)
        return 2
    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    unknown = set(args.cases) - {c.name for c in cases}
    if unknown:
        print("rules difftest: no such case: %s" % ", ".join(sorted(unknown)), file=sys.stderr)
        return 2
    known_path = hd.known_file("rules_known_differences", args.haproxy)
    print("rules difftest: peer %s, known differences in %s" % (args.haproxy, os.path.basename(known_path)))
    known = hd.read_known(known_path)
    stray = set(known) - set(names)
    directory = tempfile.mkdtemp(prefix="rules-difftest.")
    proxies = []
    try:
        write_files(cases, directory)
        # A port can still be taken between the check and the bind: then start again on new ports.
        for attempt in range(1, START_ATTEMPTS + 1):
            proxies = [Proxy("haproxy", [args.haproxy], directory, cases),
                       Proxy("shuttle", [args.shuttle], directory, cases)]
            try:
                left, refused = prepare(proxies, cases)
            except OSError as error:
                print("rules difftest: cannot run a proxy: %s" % error, file=sys.stderr)
                print("rules difftest: 0 passed, 1 failed")
                return 2
            if left is None:
                who, why = refused["*"]
                print("rules difftest: %s refuses the configuration:\n%s" % (who, why), file=sys.stderr)
                print("rules difftest: 0 passed, 1 failed")
                return 2
            for proxy in proxies:
                proxy.start()
            if started(proxies, left):
                break
            outputs = []
            for proxy in proxies:
                proxy.stop()
                with open(proxy.log, "rb") as log:
                    outputs.append("--- %s\n%s" % (proxy.name, log.read().decode(errors="replace")))
            if attempt == START_ATTEMPTS:
                print("rules difftest: the proxies did not start; their output:", file=sys.stderr)
                print("\n".join(outputs), file=sys.stderr)
                print("rules difftest: 0 passed, 1 failed")
                return 2
            print("rules difftest: the proxies did not start (attempt %d); trying other ports" % attempt,
                  file=sys.stderr)

        passed = failed = 0
        ports = {case.name: {p.name: p.ports[case.name] for p in proxies} for case in cases}
        origins = {p.name: p.origin for p in proxies}
        for case in cases:
            listed = case.name in known
            if case.name in refused:
                who, why = refused[case.name]
                if len(who) == len(proxies) and not listed:
                    # Both refuse it (a case written wrong, or a refusal Shuttle shares): same outcome.
                    print("  same             %s (refused by both)" % case.name)
                    passed += 1
                elif len(who) == len(proxies):
                    print("  LISTED BUT SAME  %s: both refuse it; remove it from the known-differences file"
                          % case.name)
                    failed += 1
                elif listed:
                    print("  differs (known)  %s (refused by %s)" % (case.name, who[0]))
                    passed += 1
                else:
                    print("  DIFFERS          %s: %s refuses the fragment:\n      %s" % (
                        case.name, who[0], why.replace("\n", "\n      ")))
                    failed += 1
                continue
            outcomes = run_case(case, ports[case.name], origins)
            h, s = outcomes["haproxy"], outcomes["shuttle"]
            same = h.key() == s.key()
            if same and not listed:
                print("  same             %s" % case.name)
                if args.verbose:
                    print("      both:     %s" % h.describe())
                passed += 1
                continue
            if same and listed:
                print("  LISTED BUT SAME  %s: remove it from the known-differences file" % case.name)
                failed += 1
                continue
            if listed:
                print("  differs (known)  %s" % case.name)
                passed += 1
            else:
                print("  DIFFERS          %s" % case.name)
                failed += 1
            if not listed or args.verbose:
                print("      config:   %s" % case.config.strip().replace("\n", "\n                "))
                print("      request:  %s" % hd.abbreviate(case.raw))
                print("      haproxy:  %s" % h.describe(args.verbose))
                print("      shuttle:  %s" % s.describe(args.verbose))
                if h.origin != s.origin:
                    print("      origin bytes " + hd.first_difference(h.origin, s.origin))
        for name in sorted(stray):
            print("  UNKNOWN CASE     %s: listed in the known-differences file, not in rules_cases.py" % name)
            failed += 1
        print("rules difftest: %d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    finally:
        for proxy in proxies:
            proxy.stop()
        if args.keep:
            print("rules difftest: configs and proxy logs kept in %s" % directory, file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
