#!/usr/bin/env python3
"""Differential test of Shuttle's HTTP/1.1 mode against Debian's haproxy 2.6.

    difftest/http_differential.py [-v] [--haproxy PATH] [--shuttle PATH] [CASE...]

How it works:

1. Two recording origins listen on 127.0.0.1, one behind each proxy. Each
   records, per connection, the exact bytes it receives, and answers every
   request it can frame (head, then a content-length or chunked body) with
   the response kind the current case asks for (RESPONSES below).
2. haproxy 2.6 and Shuttle start with the same configuration (mode http,
   2 s timeouts, timeout http-request 1s, one frontend, one backend with one
   server: the proxy's origin); only the two ports differ.
3. Each case of cases.py is sent, byte for byte, on a new connection to each
   proxy at the same time. The client reads until the proxy closes, or until
   nothing came for IDLE seconds (then the connection counts as kept open),
   or DEADLINE passed.
4. The outcome of a case on one proxy is: the status line of each response,
   whether the proxy closed the connection, and the bytes the origin received
   during the case (all its connections, in the order they first received
   something in that case). The two outcomes must be equal, byte for byte:
   nothing is normalised by default, because with this configuration haproxy
   adds no header of its own (no forwardfor, no unique-id), so any difference
   in what reaches the server is a real one.
5. The reference is HAProxy 3.5 (../shared/peers/haproxy3 --path); Debian's 2.6
   is a second peer with its own list. A case whose outcomes differ passes only
   if the peer's list names it: known_differences.txt for 3.x,
   known_differences-2.6.txt for 2.x (chosen from `haproxy -v`), which lists it
   (`name: justification`, or `BUG: name: ...` for a Shuttle bug kept visible);
   a listed case that no longer differs fails, so the list stays true.
   A difference that touches every case is listed once as `@normalisation`
   (NORMALISATIONS below): while listed, it is applied to both outcomes, each
   case it hides prints "differs (known) [@name]", and it fails once no case
   needs it any more.

Output: one line per case (same / differs (known) / DIFFERS, with details for
the last), then "difftest: N passed, N failed". Exit 0 if nothing failed,
1 if something did, 2 if the proxies could not be started.
"""

import argparse
import os
import random
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to cases.py
from cases import CASES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KNOWN_FILE = os.path.join(HERE, "known_differences.txt")

IDLE = 0.3          # seconds without a byte after which a kept-open connection is done
DEADLINE = 4.5      # seconds at most per case (the longest proxy timeout is 2 s)
SETTLE = 0.05       # seconds for the last forwarded bytes to reach the origin
START_TIMEOUT = 30  # seconds for both proxies to listen
TUNNEL_LINGER = 0.15  # seconds the origin keeps a tunnel (after 101 or CONNECT) open

OK = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok"
RESPONSES = {
    # kind: (response bytes, response bytes for HEAD, origin closes after it)
    "ok": (OK, OK[:-2], False),
    "chunked": (b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
                b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n", False),
    "close": (b"HTTP/1.1 200 OK\r\n\r\nok", b"HTTP/1.1 200 OK\r\n\r\n", True),
    "204": (b"HTTP/1.1 204 No Content\r\n\r\n", b"HTTP/1.1 204 No Content\r\n\r\n", False),
    # The accept key answers cases.py's Sec-WebSocket-Key (RFC 6455 §1.3's example):
    # haproxy 2.6 answers 502 to a websocket 101 without it.
    "101": (b"HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n"
            b"sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n", None, False),
    "continue": (b"HTTP/1.1 100 Continue\r\n\r\n" + OK, b"HTTP/1.1 100 Continue\r\n\r\n" + OK[:-2], False),
    "early-hints": (b"HTTP/1.1 103 Early Hints\r\nlink: </s.css>; rel=preload\r\n\r\n" + OK,
                    b"HTTP/1.1 103 Early Hints\r\nlink: </s.css>; rel=preload\r\n\r\n" + OK[:-2], False),
    "two-interim": (b"HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n" + OK,
                    None, False),
    "http10": (b"HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\nok", b"HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n",
               True),
    # No answer at all: the origin resets the connection once it has the request (RST, not FIN).
    "reset": (None, None, True),
}


def lowercase_field_names(data):
    """Header and trailer names in lower case, as haproxy (HTX) emits them.
    Works line by line on the whole byte stream the origin received: a body
    line shaped like "token:" would be changed too, which no case has."""
    return re.sub(rb"(?m)^([!#$%&'*+.^_`|~0-9A-Za-z-]+):",
                  lambda m: m.group(1).lower() + b":", data)


# Named normalisations, enabled by an "@name: ..." line in known_differences.txt.
NORMALISATIONS = {
    "header-name-case": lowercase_field_names,
}

CONFIG = """\
global
    maxconn 200

defaults
    mode http
    timeout connect 2s
    timeout client 2s
    timeout server 2s
    timeout http-request 1s

frontend fe
    bind 127.0.0.1:{listen}
    default_backend be

backend be
    server origin 127.0.0.1:{origin}
"""


# ---------------------------------------------------------------------------
# The recording origin
# ---------------------------------------------------------------------------

class Framer:
    """Splits what the origin receives into requests. It only has to frame
    what a proxy sends (normalised HTTP/1.1), so it is strict: anything it
    cannot frame turns it off, and the rest of the connection is only recorded."""

    HEAD_END = re.compile(rb"\r?\n\r?\n")
    CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]+)(;[^\r\n]*)?\r?\n")

    def __init__(self):
        self.buffer = b""
        self.broken = False

    def feed(self, data):
        """Adds bytes; returns the methods of the requests now complete."""
        self.buffer += data
        done = []
        while not self.broken:
            method = self._take_request()
            if method is None:
                break
            done.append(method)
        return done

    def _take_request(self):
        end = self.HEAD_END.search(self.buffer)
        if not end:
            return None
        head = self.buffer[:end.start()].decode("latin-1")
        lines = head.split("\n")
        method = lines[0].split(" ")[0]
        fields = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            fields.setdefault(name.strip().lower(), []).append(value.strip())
        body = self.buffer[end.end():]
        if "chunked" in ",".join(fields.get("transfer-encoding", [])).lower():
            length = self._chunked_length(body)
        elif "content-length" in fields:
            try:
                length = int(fields["content-length"][0])
            except ValueError:
                self.broken = True
                return None
            length = length if len(body) >= length else None
        else:
            length = 0
        if length is None:
            return None
        self.buffer = body[length:]
        return method

    def _chunked_length(self, body):
        """Length of a complete chunked body at the start of body, else None."""
        at = 0
        while True:
            size = self.CHUNK_SIZE.match(body, at)
            if not size:
                if re.match(rb"[^\r\n]*\r?\n", body[at:]):
                    self.broken = True  # a whole line that is no chunk size
                return None
            at = size.end()
            length = int(size.group(1), 16)
            if length == 0:
                break
            at += length
            if body[at:at + 1] == b"\n":
                at += 1
            elif body[at:at + 2] == b"\r\n":
                at += 2
            elif len(body) < at + 2:
                return None
            else:
                self.broken = True
                return None
        while True:  # trailers, up to the empty line
            line = re.match(rb"([^\r\n]*)\r?\n", body[at:])
            if not line:
                return None
            at += line.end()
            if not line.group(1):
                return at


class Origin:
    """A threaded TCP server recording the bytes of each connection per case."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.server.getsockname()[1]
        self.lock = threading.Lock()
        self.case = None
        self.kind = "ok"
        self.records = {}  # case -> {connection number: bytearray}, in first-byte order
        self.next_id = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def start_case(self, name, kind):
        with self.lock:
            self.case, self.kind = name, kind
            self.records[name] = {}

    def received(self, name):
        with self.lock:
            return b"".join(bytes(b) for b in self.records.get(name, {}).values())

    def connections(self, name):
        with self.lock:
            return len(self.records.get(name, {}))

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with self.lock:
                self.next_id += 1
                number = self.next_id
            threading.Thread(target=self._serve, args=(conn, number), daemon=True).start()

    def _serve(self, conn, number):
        framer = Framer()
        tunnel_since = None
        try:
            conn.settimeout(0.05)
            while True:
                if tunnel_since is not None and time.monotonic() - tunnel_since > TUNNEL_LINGER:
                    return
                try:
                    data = conn.recv(65536)
                except socket.timeout:
                    continue
                if not data:
                    return
                with self.lock:
                    if self.case is not None:
                        self.records[self.case].setdefault(number, bytearray()).extend(data)
                    kind = self.kind
                if tunnel_since is not None:
                    continue
                for method in framer.feed(data):
                    response, head_response, close = RESPONSES[kind]
                    if kind == "reset":
                        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    if method == "HEAD" and head_response is not None:
                        response = head_response
                    conn.sendall(response)
                    if kind == "101" or method == "CONNECT":
                        tunnel_since = time.monotonic()
                        break
                    if close:
                        return
        except OSError:
            pass
        finally:
            conn.close()


# ---------------------------------------------------------------------------
# The client side: send a case, read what comes back
# ---------------------------------------------------------------------------

def exchange(port, raw):
    """Sends raw on a new connection; returns (bytes read, closed by the proxy)."""
    start = time.monotonic()
    sock = socket.create_connection(("127.0.0.1", port), timeout=2)
    received = b""
    closed = False
    try:
        if raw:
            try:
                sock.sendall(raw)
            except OSError:
                pass  # the proxy refused early and closed (a head too large): read its answer
        while True:
            now = time.monotonic()
            wait = DEADLINE - (now - start)
            if received and not awaits_final(received):
                wait = min(wait, IDLE)
            if wait <= 0:
                break
            sock.settimeout(wait)
            try:
                data = sock.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = True
                break
            if not data:
                closed = True
                break
            received += data
    finally:
        sock.close()
    return received, closed


def awaits_final(data):
    """Whether the last response in data is an interim one (1xx but 101): the final one still comes."""
    lines = status_lines(data)
    last = lines[-1] if lines else ""
    code = last.split(" ")[1] if last.startswith("HTTP/") and " " in last else ""
    return code.startswith("1") and code != "101" and not last.endswith("<incomplete head>")


def status_lines(data):
    """The status line of each response in data, tolerant of what it cannot frame."""
    lines = []
    while data:
        if not data.startswith(b"HTTP/"):
            lines.append("<%d bytes not HTTP: %r>" % (len(data), data[:16]))
            break
        end = re.search(rb"\r?\n\r?\n", data)
        if not end:
            lines.append(data.split(b"\n")[0].rstrip(b"\r").decode("latin-1") + " <incomplete head>")
            break
        head = data[:end.start()].decode("latin-1")
        first = head.split("\n")[0].rstrip("\r")
        lines.append(first)
        data = data[end.end():]
        code = first.split(" ")[1] if " " in first else ""
        length = re.search(r"(?im)^content-length:\s*(\d+)", head)
        if code.startswith("1") or code in ("204", "304"):
            continue
        if re.search(r"(?im)^transfer-encoding:.*chunked", head):
            zero = re.search(rb"(?:^|\r\n)0\r\n(?:[^\r\n]+\r\n)*\r\n", data)
            data = data[zero.end():] if zero else b""
        elif length:
            # A response to HEAD has no body: the next response may start at once.
            if not data.startswith(b"HTTP/"):
                data = data[int(length.group(1)):]
        else:
            break  # close-delimited body: the rest is body
    return lines


class Outcome:
    def __init__(self, data, closed, origin_bytes, origin_connections):
        self.data = data
        self.statuses = status_lines(data)
        self.closed = closed
        self.origin = origin_bytes
        self.connections = origin_connections

    def key(self, normalisations=()):
        origin = self.origin
        for normalise in normalisations:
            origin = normalise(origin)
        return (tuple(self.statuses), self.closed, origin)

    def describe(self, verbose=False):
        text = "statuses=%s closed=%s origin(%d conn)=%s" % (
            self.statuses, self.closed, self.connections, abbreviate(self.origin))
        return text + ("\n                response=%s" % abbreviate(self.data, 1000) if verbose else "")


def abbreviate(data, limit=300):
    text = repr(data)
    return text if len(text) <= limit else text[:limit] + "...(%d bytes)" % len(data)


def run_case(case, proxies):
    """Runs one case on every proxy at once; returns {proxy name: Outcome}."""
    results = {}

    def one(name, port, origin):
        try:
            results[name] = exchange(port, case.raw)
        except OSError as error:
            results[name] = (("<connect failed: %s>" % error).encode(), True)

    threads = []
    for name, (port, origin) in proxies.items():
        origin.start_case(case.name, case.origin)
        threads.append(threading.Thread(target=one, args=(name, port, origin)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(SETTLE)
    outcomes = {}
    for name, (port, origin) in proxies.items():
        data, closed = results[name]
        outcomes[name] = Outcome(data, closed, origin.received(case.name), origin.connections(case.name))
        origin.start_case(None, "ok")
    return outcomes


def first_difference(a, b):
    at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return "first differ at byte %d: haproxy %r / shuttle %r" % (at, a[at:at + 40], b[at:at + 40])


# ---------------------------------------------------------------------------
# Starting the proxies
# ---------------------------------------------------------------------------

def free_port():
    """A free port below the kernel's ephemeral range (32768 and up by default), where the
    tests' own outgoing connections cannot take it between this check and the proxy's bind."""
    while True:
        port = random.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port


_TAKEN_PORTS = set()


def unique_port():
    """A free port (see free_port) that no other listener of this run was given: a second proxy's
    ports are chosen before the first one has bound its own, so a port free now may already be
    promised to the first."""
    while True:
        port = free_port()
        if port not in _TAKEN_PORTS:
            _TAKEN_PORTS.add(port)
            return port


def stop(processes):
    """Ends the processes a run started: asked first, killed if one takes more than 5 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def clean_up(directory, keep, label):
    """Removes a run's directory of configurations and logs, or says where it is kept."""
    if keep:
        print("%s: configs and proxy logs kept in %s" % (label, directory), file=sys.stderr)
    else:
        shutil.rmtree(directory, ignore_errors=True)


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def start_proxy(name, command, directory, origin):
    port = free_port()
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(CONFIG.format(listen=port, origin=origin.port))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, port, log.name


HAPROXY3 = os.path.expanduser("~/.cache/haproxy3/haproxy-3.5-dev5/haproxy")


def default_peer():
    """HAProxy 3.5 when ../shared/peers/haproxy3 built it, else Debian's haproxy (2.6)."""
    if os.access(HAPROXY3, os.X_OK):
        return HAPROXY3
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


def peer_major(haproxy):
    """The major version of the peer binary (2 or 3...), from `haproxy -v`; 3 if it cannot tell."""
    try:
        out = subprocess.run([haproxy, "-v"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return 3
    match = re.search(r"version (\d+)\.(\d+)", out)
    return int(match.group(1)) if match else 3


def known_file(base, haproxy):
    """The known-differences file for this peer: <base>.txt for 3.x, <base>-2.6.txt for 2.x."""
    return os.path.join(HERE, base + ("-2.6.txt" if peer_major(haproxy) < 3 else ".txt"))


def read_known(path=KNOWN_FILE):
    """The known differences of a file: 'case: why' lines, 'BUG: case: why' for open bugs."""
    known = {}
    if not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            bug = line.startswith("BUG:")
            name, _, why = line[4:].strip().partition(":") if bug else line.partition(":")
            known[name.strip()] = ("BUG: " if bug else "") + why.strip()
    return known


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="details for every case, known differences and same outcomes too")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=default_peer(),
                        help="the peer binary (default: HAProxy 3.5 when built, else Debian's haproxy)")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()

    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    unknown = set(args.cases) - {c.name for c in cases}
    if unknown:
        print("difftest: no such case: %s" % ", ".join(sorted(unknown)), file=sys.stderr)
        return 2
    known_path = known_file("known_differences", args.haproxy)
    print("difftest: peer %s, known differences in %s" % (args.haproxy, os.path.basename(known_path)))
    known = read_known(known_path)
    listed_normalisations = sorted(n for n in known if n.startswith("@") and n[1:] in NORMALISATIONS)
    stray = set(known) - {c.name for c in CASES} - {"@" + n for n in NORMALISATIONS}
    normalisations = [NORMALISATIONS[n[1:]] for n in listed_normalisations]
    needed = set()
    directory = tempfile.mkdtemp(prefix="difftest.")
    processes = []
    try:
        proxies = {}
        logs = {}
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            origin = Origin()
            try:
                process, port, logs[name] = start_proxy(name, command, directory, origin)
            except OSError as error:
                print("difftest: cannot run %s: %s" % (name, error), file=sys.stderr)
                print("difftest: 0 passed, 1 failed")
                return 2
            processes.append(process)
            proxies[name] = (port, origin)
        deadline = time.monotonic() + START_TIMEOUT
        while not all(listening(port) for port, _ in proxies.values()):
            dead = [p for p in processes if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                print("difftest: the proxies did not start; their output:", file=sys.stderr)
                for name, path in logs.items():
                    with open(path, "rb") as log:
                        print("--- %s\n%s" % (name, log.read().decode(errors="replace")), file=sys.stderr)
                print("difftest: 0 passed, 1 failed")
                return 2
            time.sleep(0.1)

        passed = failed = 0
        for case in cases:
            outcomes = run_case(case, proxies)
            h, s = outcomes["haproxy"], outcomes["shuttle"]
            same = h.key() == s.key()
            listed = case.name in known
            if not same:
                # A listed normalisation is needed while it changes one side of a difference.
                used = [n for n in listed_normalisations if h.origin != s.origin and
                        (NORMALISATIONS[n[1:]](h.origin) != h.origin or NORMALISATIONS[n[1:]](s.origin) != s.origin)]
                needed.update(used)
                if h.key(normalisations) == s.key(normalisations):
                    if listed:
                        print("  LISTED BUT SAME  %s: differs only by %s; remove its line from "
                              "the known-differences file" % (case.name, " ".join(used)))
                        failed += 1
                    else:
                        print("  differs (known)  %s [%s]" % (case.name, " ".join(used)))
                        passed += 1
                    continue
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
                print("      request:  %s" % abbreviate(case.raw))
                print("      haproxy:  %s" % h.describe(args.verbose))
                print("      shuttle:  %s" % s.describe(args.verbose))
                hn, sn = h.key(normalisations)[2], s.key(normalisations)[2]
                if hn != sn:
                    print("      origin bytes %s%s" % (
                        "(after %s) " % " ".join(listed_normalisations) if normalisations else "",
                        first_difference(hn, sn)))
        for name in listed_normalisations:
            if name not in needed and len(cases) == len(CASES):
                print("  LISTED BUT SAME  %s: no case needs it; remove it from the known-differences file" % name)
                failed += 1
        for name in sorted(stray):
            print("  UNKNOWN CASE     %s: listed in the known-differences file, not in cases.py" % name)
            failed += 1
        print("difftest: %d passed, %d failed" % (passed, failed))
        return 1 if failed else 0
    finally:
        stop(processes)
        clean_up(directory, args.keep, "difftest")


if __name__ == "__main__":
    sys.exit(main())
