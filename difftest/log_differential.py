#!/usr/bin/env python3
"""Differential test of Shuttle's log lines against HAProxy 3.5.

    difftest/log_differential.py [--show] [--keep] [-k PATTERN] [--haproxy PATH]
                                 [--shuttle-root DIR] [--no-build] [--self-check] [CASE...]

--show prints both lines of every case (and why a known difference differs); --self-check runs
HAProxy in Shuttle's place, which must make every case "same": it checks the cases and the
shapes below against 3.5's real lines (run it after adding or changing a case).

It reuses rules_differential.py's machinery (one frontend per case in one process per proxy,
the configuration check that drops the cases a proxy refuses, the start on free ports) with
what a log comparison needs:

1. Every case of log_cases.py has its own `defaults` section (mode, timeouts, the case's
   defaults lines: a log-format there is inherited), a frontend fe_N and a backend be_N.
   Its log lines go to a UDP receiver of its own on each proxy (`log @LOG@ format raw
   local0` unless the case writes its own `log` line), so that cases can run at the same time
   and each line belongs to one case. A `log global` case reads the global section's receiver
   (one case at most). One origin serves both proxies, so that the server's port (%sp) is the
   same in both lines; it answers by path (http_answer below: /slow, /big, /404, /none,
   /hang, /cut and /cutreset (a body cut short by a close or a reset), /dribble (a body's rest a
   second late), /stall (a body stopped beyond timeout server), /tunnel-hold, /tunnel-close,
   /tunnel-reset, /tunnel-silent (a WebSocket upgrade, or a CONNECT to tunnel-...:80, that becomes
   a tunnel the origin echoes, closes, resets or keeps silent)...) or, in TCP, "pong" to every read.
2. Each case's exchanges (raw bytes on new connections, then read / close / reset) run on
   both proxies at once; then the script waits for the case's number of lines (or, for a case
   that expects none, long enough for a line to have come).
3. The two lines are compared field by field against the case's format (the log-format, or
   the equivalent of `option httplog`/`tcplog`...), which the script reads as HAProxy does:
   literal text, separators (runs of spaces, merged), `%%`, and items `%(name:type){flags}alias`
   or `%[expression]`. Each item becomes a group of a regular expression matched against both
   lines; deterministic fields (names, status, bytes, request line, captures, termination
   state, counters) must be equal; timers, dates, process IDs, client ports, request counters
   are compared by shape (SHAPES below: `%Tt` is `-1`, `n` or `+n`; `%t` is a date with
   milliseconds...). A `%{+json}o` line is compared key by key, a `%{+cbor}o` one exactly.
   The syslog header (format rfc5424, rfc3164, priority) is compared first: priority, tag
   and structured data exactly (the latter against `log-format-sd`), dates and PIDs by shape.
4. Config-check cases (CONFIG_CASES of log_cases.py) run `-c` on a small configuration per
   case: both must refuse it (exit status, an [ALERT] naming the same line and the case's
   word), warn about it, or accept it.
5. As in the other difftests, a case that differs passes only if log_known_differences.txt
   names it (`name: reason`, `BUG: name: ...`), and a listed case that no longer differs
   fails ("now passes: remove it from the known differences"). A case only one proxy refuses
   at load is a difference.

The comparison itself has unit tests (test_log_differential.py, run by scripts/test).

Output: one line per case, then "log difftest: N passed, N failed". Exit 0 if nothing
failed, 1 if something did, 2 if the proxies could not start. Only against HAProxy 3.x:
2.6's log formats differ (and it has no json/cbor).
"""

import argparse
import concurrent.futures
import json
import os
import re
import selectors
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the modules
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_differential as hd  # noqa: E402  (free ports, the client, the 3.5 peer's path)
import rules_differential as rd  # noqa: E402  (configuration check, start, refusals)
from log_cases import CASES, CONFIG_CASES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LABEL = "log difftest"
KNOWN_FILE = os.path.join(HERE, "log_known_differences.txt")
BACKGROUND_LEAD = 1.0  # seconds a background exchange runs alone before the next one starts
LINE_WAIT = 8.0     # seconds at most for a case's lines once its exchanges ended (a loaded machine;
                    # a line that ends by the default timeout server comes 3 s after its request)
NO_LINE_WAIT = 0.8  # seconds a case that expects no line waits for one anyway
EXTRA_WAIT = 0.2    # seconds more, once the expected lines came, for one too many
WORKERS = 8         # cases run at once

# ---------------------------------------------------------------------------
# The configuration
# ---------------------------------------------------------------------------

GLOBAL = """\
global
    maxconn 400
    # Without SO_REUSEPORT a port another test's HAProxy holds makes the start fail (and the
    # script try other ports) rather than share that port's connections with it.
    noreuseport
    log 127.0.0.1:{global_log} format raw local0

defaults
    mode tcp
    timeout client 1s

# Where the start is probed (never the cases' ports: a probe would be logged).
listen probe
    bind 127.0.0.1:{probe}
    tcp-request connection reject
"""

# timeout server 3s: the origin is a Python thread per connection, and on a loaded machine (load
# 18) it took over 1 s to answer a plain GET: 3.5 logged 504 against itself (--self-check,
# alias-request and alias-request-absolute, 2 of 3 runs), and a TLS TCP case ended sD. The cases
# that are about a server timeout set their own (300ms); /hang and /stall outlast this one.
DEFAULTS = """
defaults
    mode {mode}
    timeout connect 1s
    timeout client 1s
    timeout server 3s
{body}
"""

FRONTEND = """
frontend fe_{number}
    bind 127.0.0.1:{port}{bind}
{body}
    default_backend be_{number}
"""

BACKEND = """
backend be_{number}
{body}
"""


def indented(lines):
    return "\n".join("    " + line.strip() for line in lines.strip("\n").split("\n") if line.strip())


def quoted(text):
    """A configuration argument in double quotes (configuration.txt §2.2)."""
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")


class SilentServer:
    """A port where connects never complete (@SILENT@): a listening socket with a backlog of 0,
    filled by connections nobody accepts, so that the kernel drops the next SYNs (started on first use)."""

    def __init__(self):
        self.listener, self.fillers = None, []

    def port(self):
        if self.listener is None:
            self.listener = socket.socket()
            self.listener.bind(("127.0.0.1", 0))
            self.listener.listen(0)
            for _ in range(3):
                filler = socket.socket()
                filler.setblocking(False)
                try:
                    filler.connect(self.listener.getsockname())
                except (BlockingIOError, OSError):
                    pass
                self.fillers.append(filler)
        return self.listener.getsockname()[1]


SILENT = SilentServer()


def case_sections(case, number, port, log_port, origin_port, dead_port, certs="", tls_origin_port=0):
    """The defaults, frontend and backend of one case."""
    def fill(text):
        return (text.replace("@LOG@", "127.0.0.1:%d" % log_port).replace("@CERTS@", certs)
                .replace("@ORIGIN@", "127.0.0.1:%d" % origin_port)
                .replace("@TLSORIGIN@", "127.0.0.1:%d" % tls_origin_port)
                .replace("@DEAD@", "127.0.0.1:%d" % dead_port)
                .replace("@SILENT@", "127.0.0.1:%d" % SILENT.port()))

    frontend = []
    if not re.search(r"(?m)^\s*(no )?log(\s|$)", case.frontend + case.defaults):
        frontend.append("log @LOG@ format %s local0" % case.syslog)
    if case.fmt is not None:
        frontend.append("%s %s" % (case.directive, quoted(case.fmt)))
    if case.sd is not None:
        frontend.append("log-format-sd %s" % quoted(case.sd))
    frontend.append(case.frontend)
    backend = [case.backend]
    if case.server:
        backend.append("server s1 %s" % case.server)
    return (DEFAULTS.format(mode=case.mode, body=indented(fill(case.defaults)) if case.defaults.strip() else "")
            + FRONTEND.format(number=number, port=port, bind=fill(case.bind), body=indented(fill("\n".join(frontend))))
            + BACKEND.format(number=number, body=indented(fill("\n".join(backend)))))


# ---------------------------------------------------------------------------
# Log receivers: one UDP socket per case and proxy, read by one thread
# ---------------------------------------------------------------------------

class Receivers:
    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.lines = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._run, daemon=True).start()

    def open(self):
        """A new receiver; returns its port."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.setblocking(False)
        port = sock.getsockname()[1]
        with self.lock:
            self.lines[port] = []
        self.selector.register(sock, selectors.EVENT_READ, port)
        return port

    def received(self, port):
        with self.lock:
            return list(self.lines[port])

    def _run(self):
        while True:
            for key, _ in self.selector.select(timeout=0.05):
                try:
                    data = key.fileobj.recv(65536)
                except OSError:
                    continue
                line = data.decode("latin-1")  # the datagram whole: its ending is compared too
                with self.lock:
                    self.lines[key.data].append(line)


# ---------------------------------------------------------------------------
# The origin: answers by path in HTTP, "pong" in TCP
# ---------------------------------------------------------------------------

def http_answer(path):
    """(bytes to send, delay before, close after, answer at all) for a request of this path."""
    body = b"ok"
    if path.startswith("/big"):
        body = b"x" * 5000
    status = b"404 Not Found" if path.startswith("/404") else b"200 OK"
    head = b"HTTP/1.1 " + status + b"\r\ncontent-length: %d\r\nx-resp: r1\r\ncontent-type: text/plain\r\n" % len(body)
    if path.startswith("/cookie"):
        head += b"set-cookie: SRV=s1; path=/\r\n"
    if path.startswith("/close"):
        head += b"connection: close\r\n"
    return head + b"\r\n" + body, 0.2 if path.startswith("/slow") else 0.0, path.startswith("/close")


class Origin:
    """The origin; with a certificate (a PEM file holding its key too), over TLS (@TLSORIGIN@): the
    same answers, and ways to end a TLS connection (tls_ending below)."""

    def __init__(self, certificate=None):
        self.server = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.server.getsockname()[1]
        self.tls = None
        if certificate:
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(certificate)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        buffer = b""
        try:
            conn.settimeout(5)
            if self.tls:
                conn = self.tls.wrap_socket(conn, server_side=True)  # a failed handshake ends here
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                buffer += data
                if self.tls and tls_ending(conn, buffer):
                    return
                if not re.match(rb"[A-Z]+ ", buffer):
                    conn.sendall(b"pong\n")  # TCP mode
                    buffer = b""
                    continue
                while b"\r\n\r\n" in buffer:
                    head, _, buffer = buffer.partition(b"\r\n\r\n")
                    length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
                    if length:
                        while len(buffer) < int(length.group(1)):
                            more = conn.recv(65536)
                            if not more:
                                return
                            buffer += more
                        buffer = buffer[int(length.group(1)):]
                    path = head.split(b" ")[1].decode("latin-1") if b" " in head else "/"
                    if path.lstrip("/").startswith("tunnel-"):
                        self._tunnel(conn, head, path.lstrip("/").split(":")[0])
                        return
                    if path.startswith("/none"):
                        return  # closes without an answer: 502 SH
                    if path.startswith("/hang"):
                        time.sleep(6)  # beyond the case's timeout server (3 s by default)
                        return
                    if path.startswith("/cut"):
                        # a body cut short: 10 of its 100 bytes, then a close (/cut) or a reset (/cutreset)
                        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
                        time.sleep(0.1)
                        if path.startswith("/cutreset"):
                            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    if path.startswith("/stall"):
                        # a body that stops after 10 of its 100 bytes for longer than the cases'
                        # timeout server: only a proxy that watches the client sees its reset first
                        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
                        time.sleep(6.0)
                        return
                    if path.startswith("/dribble"):
                        # a body sent slowly: 10 of its 100 bytes, the rest a second later, for a
                        # client that leaves while the body is on its way
                        conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
                        time.sleep(1.0)
                        conn.sendall(b"x" * 90)
                        continue
                    answer, delay, close = http_answer(path)
                    if delay:
                        time.sleep(delay)
                    conn.sendall(answer)
                    if close:
                        return
        except OSError:
            pass
        finally:
            conn.close()

    @staticmethod
    def _tunnel(conn, head, kind):
        """A WebSocket upgrade (101) or a CONNECT (200) made a tunnel; then, by kind: tunnel-hold
        reads until the client's end and closes, tunnel-close and tunnel-reset end it themselves
        after 0.2 s (a FIN, a RST), tunnel-silent sends nothing and reads until the client's end."""
        if head.startswith(b"CONNECT "):
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            conn.sendall(b"HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n"
                         b"sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
        if kind in ("tunnel-close", "tunnel-reset"):
            time.sleep(0.2)
            if kind == "tunnel-reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        while True:
            data = conn.recv(65536)
            if not data:
                return
            if kind == "tunnel-hold":
                conn.sendall(data)  # an echo


def tls_ending(conn, received):
    """The TLS origin's ends, asked for by the request's path (HTTP) or the bytes (TCP): /tlsclose or
    "tlsclose": an answer ("pong", or a response whose body ends with the connection), then a
    close_notify and the TCP close; /tlsreset or "tlsreset": a TCP reset under the TLS session,
    without an answer. Returns whether the connection ended so."""
    word = re.match(rb"(?:[A-Z]+ /)?(tlsclose|tlsreset)", received)
    if not word:
        return False
    if word.group(1) == b"tlsreset":
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        return True  # close() then resets, with no close_notify
    http = received[:1] != b"t"
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nok" if http else b"pong\n")
    time.sleep(0.1)
    conn.settimeout(0.5)
    try:
        conn.unwrap()  # the close_notify (and the peer's, if it answers in time)
    except (OSError, ssl.SSLError, ValueError):
        pass
    return True


# ---------------------------------------------------------------------------
# The client side
# ---------------------------------------------------------------------------

def tls_context():
    """The TLS client: TLS 1.2 with one cipher, so that %sslv and %sslc are known, no verification."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256")
    return context


def tls_exchange(port, exchange):
    """A TLS connection with SNI www.test: send the bytes, read until the proxy closes or is idle."""
    # 10 s for the connect and the handshake: a JVM just started, on a loaded machine, took over
    # 2 s for its first handshakes, and a client that gave up made Shuttle log a handshake failure.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as plain:
        with tls_context().wrap_socket(plain, server_hostname="www.test") as sock:
            sock.sendall(exchange.raw)
            if exchange.after == "reset":
                # a TCP reset under the TLS session, after the pause (or once the proxy is idle)
                sock.settimeout(exchange.pause or hd.IDLE + 0.3)
                try:
                    while sock.recv(65536):
                        pass
                except (OSError, ssl.SSLError):
                    pass
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close() then resets, with no close_notify
                return
            if exchange.after == "badrecord":
                # once answered, a TLS record that does not decrypt (an application data record of
                # zeros), written under the session: the proxy's TLS layer fails, not its socket
                sock.settimeout(exchange.pause or 1.0)
                try:
                    sock.recv(65536)
                except (OSError, ssl.SSLError):
                    pass
                os.write(sock.fileno(), b"\x17\x03\x03\x00\x20" + bytes(32))
            sock.settimeout(hd.IDLE + 0.3)
            try:
                while sock.recv(65536):
                    pass
            except (OSError, ssl.SSLError):
                pass
            if exchange.after == "notify":
                # a TLS close (close_notify) before the TCP one
                sock.settimeout(1)
                try:
                    sock.unwrap()
                except (OSError, ssl.SSLError, ValueError):
                    pass


def drain(sock, seconds, until=b""):
    """Reads what comes for that long, or until the bytes read end with `until` (when given), so
    that a close then sends a FIN (nothing left unread)."""
    end = time.monotonic() + seconds
    received = b""
    while (left := end - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            data = sock.recv(65536)
        except socket.timeout:
            return
        if not data:
            return
        received += data
        if until and received.endswith(until):
            return


def run_exchange(port, exchange):
    """One connection: send the bytes, then read until the proxy is done, close at once, or reset."""
    if exchange.tls:
        try:
            tls_exchange(port, exchange)
        except (OSError, ssl.SSLError):
            pass
        return
    if exchange.after == "read":
        try:
            hd.exchange(port, exchange.raw)
        except OSError:
            pass
        return
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=2)
    except OSError:
        return
    try:
        if exchange.raw:
            sock.sendall(exchange.raw)
        if exchange.pause and exchange.drain:
            drain(sock, exchange.pause, exchange.drain if isinstance(exchange.drain, bytes) else b"")
        elif exchange.pause:
            time.sleep(exchange.pause)
        if exchange.after == "reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif exchange.after == "rst-stream":
            # HTTP/2: RST_STREAM (CANCEL) on stream 1, then what the proxy answers is read
            sock.sendall(struct.pack(">I", 4)[1:] + bytes([3, 0]) + struct.pack(">I", 1) + struct.pack(">I", 8))
            drain(sock, 1.0)
    except OSError:
        pass
    finally:
        sock.close()


# ---------------------------------------------------------------------------
# Reading a log-format as HAProxy does, into a regular expression
# ---------------------------------------------------------------------------

ITEM = re.compile(r"%(?:\((?P<name>[^)]*)\))?(?:\{(?P<flags>[^}]*)\})?(?P<alias>\[[^\]]*\]|[A-Za-z]+)")

TIMER = r"\+?-?\d+"
DATE_MS = r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d\.\d{3}"
DATE_TZ = r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}"


def timer_class(value):
    return "-1" if value == "-1" else ("+n" if value.startswith("+") else "n" if value.isdigit() else value)


# alias: (pattern, pattern with +X, what of the value must be equal)
SHAPES = {
    **{t: (TIMER, TIMER, timer_class) for t in ("Th", "Ti", "TR", "Tw", "Tc", "Tr", "Td", "Ta", "Tt", "Tu", "Tq")},
    "t": (DATE_MS, DATE_MS, lambda v: "date"),
    "tr": (DATE_MS, DATE_MS, lambda v: "date"),
    "T": (DATE_TZ, DATE_TZ, lambda v: "date " + v[-5:]),
    "Tl": (DATE_TZ, DATE_TZ, lambda v: "date " + v[-5:]),
    "trg": (DATE_TZ, DATE_TZ, lambda v: "date " + v[-5:]),
    "trl": (DATE_TZ, DATE_TZ, lambda v: "date " + v[-5:]),
    "Ts": (r"\d{10}", r"[0-9A-F]{8}", lambda v: "timestamp"),
    "ms": (r"\d{3}", r"\d{3}", lambda v: "milliseconds"),
    "pid": (r"\d+", r"[0-9A-F]{4,}", lambda v: "pid"),
    "cp": (r"\d+", r"[0-9A-F]{4}", lambda v: "port"),
    "bp": (r"\d+", r"[0-9A-F]{4}", lambda v: "port"),
    "fp": (r"\d+", r"[0-9A-F]{4}", lambda v: "port"),
    "rt": (r"\d+", r"[0-9A-F]{4,}", lambda v: "counter"),
    "ac": (r"\d+", r"\d+", lambda v: "counter"),
}
# Named shapes a case gives to items of its own (Case.shapes: item text -> one of these).
NAMED_SHAPES = {
    "integer": (r"-?\d+", lambda v: "integer"),
    "timer": (TIMER, timer_class),
    "date": (DATE_MS, lambda v: "date"),
    "hex": (r"[0-9A-F]+", lambda v: "hex"),
    "unique-id": (r"[0-9A-F]+:[0-9A-F]+_[0-9A-F]+:[0-9A-F]+_[0-9A-F]+_[0-9A-F]+:[0-9A-F]+",
                  lambda v: "unique-id"),
    "text": (r"[^ ]*", lambda v: "text"),
}
# Items that write nothing at all without captures, with what they write with some (§8.8: the
# default style in braces, the CLF style one quoted string per capture).
MAY_BE_EMPTY = {"hr": r"\{.*?\}", "hs": r"\{.*?\}", "hrl": r'"[^"]*"(?: "[^"]*")*', "hsl": r'"[^"]*"(?: "[^"]*")*'}


class Field:
    def __init__(self, text, alias, pattern, classify):
        self.text, self.alias, self.pattern, self.classify = text, alias, pattern, classify


def parse_format(fmt, shapes):
    """The format as a list of ("text", literal), ("sep", None), ("item", Field)."""
    tokens = []
    at = 0
    global_flags = set()
    while at < len(fmt):
        char = fmt[at]
        if char == " ":
            while at < len(fmt) and fmt[at] == " ":
                at += 1
            tokens.append(("sep", None))
            continue
        if fmt.startswith("%%", at):
            tokens.append(("text", "%"))
            at += 2
            continue
        match = ITEM.match(fmt, at) if char == "%" else None
        if not match:
            tokens.append(("text", char))
            at += 1
            continue
        at = match.end()
        alias, flags = match.group("alias"), match.group("flags") or ""
        flag_set = set(global_flags)
        for flag in flags.split(","):
            flag = flag.strip()
            if flag.startswith("-"):
                flag_set.discard(flag[1:])
            elif flag:
                flag_set.add(flag.lstrip("+"))
        if alias == "o":
            global_flags = flag_set
            continue
        text = match.group(0)
        if text in shapes or alias in shapes:
            pattern, classify = NAMED_SHAPES[shapes.get(text, shapes.get(alias))]
        elif alias in SHAPES:
            plain, hexa, classify = SHAPES[alias]
            pattern = hexa if "X" in flag_set else plain
        else:
            pattern, classify = None, None
        if pattern is not None:
            pattern = '"?(?:%s)"?' % pattern
        tokens.append(("item", Field(text, alias, pattern, classify)))
    while tokens and tokens[0][0] == "sep":
        tokens.pop(0)  # nothing was written yet: a separator writes no space (HAProxy's last_isspace)
    return tokens


def format_regex(fmt, shapes):
    """A regular expression matching a line of this format, one group per item, and its items."""
    tokens = parse_format(fmt, shapes)
    parts, fields = [], []
    index = 0
    while index < len(tokens):
        kind, value = tokens[index]
        if kind == "text":
            parts.append(re.escape(value))
        elif kind == "sep":
            parts.append(" ")
        else:
            fields.append(value)
            group = "(%s)" % (value.pattern or ".*?")
            if value.alias in MAY_BE_EMPTY and index + 1 < len(tokens) and tokens[index + 1][0] == "sep":
                group = "(?:(%s) )?" % (value.pattern or MAY_BE_EMPTY[value.alias])
                index += 1
            parts.append(group)
        index += 1
    return re.compile("".join(parts) + r"\Z", re.S), fields


def compare_message(fmt, shapes, haproxy, shuttle):
    """The differences between two messages of this format: a list of text lines (empty: same)."""
    if fmt is None:
        return [] if haproxy == shuttle else ["the lines differ"]
    global_flags = re.match(r"\s*%\{([^}]*)\}o", fmt)
    flags = global_flags.group(1) if global_flags else ""
    if "json" in flags:
        return compare_json(fmt, shapes, haproxy, shuttle)
    if "cbor" in flags:
        return [] if haproxy == shuttle else ["the CBOR lines differ (compared exactly)"]
    regex, fields = format_regex(fmt, shapes)
    h, s = regex.match(haproxy), regex.match(shuttle)
    if not h:
        return ["HAProxy's line does not have the case's format (a case or harness error)"]
    if not s:
        return ["Shuttle's line does not have the format's shape"]
    out = []
    for number, field in enumerate(fields, 1):
        hv, sv = h.group(number), s.group(number)
        if field.classify and hv is not None and sv is not None:
            hc, sc = field.classify(hv.strip('"')), field.classify(sv.strip('"'))
            if hc != sc or hv.startswith('"') != sv.startswith('"'):
                out.append("%s (by shape): haproxy %r (%s), shuttle %r (%s)" % (field.text, hv, hc, sv, sc))
        elif hv != sv:
            out.append("%s: haproxy %r, shuttle %r" % (field.text, hv, sv))
    return out


def compare_json(fmt, shapes, haproxy, shuttle):
    try:
        h = json.loads(haproxy)
    except ValueError:
        return ["HAProxy's line is not JSON (a case or harness error)"]
    try:
        s = json.loads(shuttle)
    except ValueError:
        return ["Shuttle's line is not JSON"]
    if list(h) != list(s):
        return ["keys: haproxy %s, shuttle %s" % (list(h), list(s))]
    by_name = {}
    for kind, field in parse_format(fmt, shapes):
        if kind == "item":
            name = re.match(r"%\(([^):]*)", field.text)
            if name:
                by_name[name.group(1)] = field
    out = []
    for key in h:
        field = by_name.get(key)
        hv, sv = h[key], s[key]
        if type(hv) is not type(sv):
            out.append("%s: types differ: haproxy %r, shuttle %r" % (key, hv, sv))
        elif field is not None and field.classify:
            if field.classify(str(hv)) != field.classify(str(sv)):
                out.append("%s (by shape): haproxy %r, shuttle %r" % (key, hv, sv))
        elif hv != sv:
            out.append("%s: haproxy %r, shuttle %r" % (key, hv, sv))
    return out


# ---------------------------------------------------------------------------
# The syslog header of each format (management of `log ... format <fmt>`)
# ---------------------------------------------------------------------------

HEADERS = {
    "raw": re.compile(r"(?P<msg>.*)\Z", re.S),
    "priority": re.compile(r"<(?P<pri>\d+)>(?P<msg>.*)\Z", re.S),
    "rfc3164": re.compile(r"<(?P<pri>\d+)>(?P<date>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (?P<host>\S+ )?"
                          r"(?P<tag>[^\[ ]+)\[(?P<pid>\d+)\]: (?P<msg>.*)\Z", re.S),
    "rfc5424": re.compile(r"<(?P<pri>\d+)>1 (?P<date>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) "
                          r"(?P<host>\S+) (?P<tag>\S+) (?P<pid>\d+|-) (?P<msgid>\S+) "
                          r"(?P<sd>-|\[.*?\](?<!\\\])) ?(?P<msg>.*)\Z", re.S),
}


def compare_line(case, haproxy, shuttle):
    header = HEADERS[case.syslog]
    h, s = header.match(haproxy), header.match(shuttle)
    if not h:
        return ["HAProxy's line does not have the %s header (a case or harness error)" % case.syslog]
    if not s:
        return ["Shuttle's line does not have the %s header" % case.syslog]
    out = []
    for part in ("pri", "host", "tag", "msgid"):
        if part in header.groupindex and h.group(part) != s.group(part):
            out.append("header %s: haproxy %r, shuttle %r" % (part, h.group(part), s.group(part)))
    if "sd" in header.groupindex:
        if case.sd is None:
            if h.group("sd") != s.group("sd"):
                out.append("structured data: haproxy %r, shuttle %r" % (h.group("sd"), s.group("sd")))
        else:
            out += ["structured data: " + d for d in compare_message(case.sd, case.shapes, h.group("sd"), s.group("sd"))]
    return out + compare_message(case.expect, case.shapes, h.group("msg"), s.group("msg"))


# ---------------------------------------------------------------------------
# Running the traffic cases
# ---------------------------------------------------------------------------

_confirm_each = rd.confirm_one_sided


def confirm_together(proxies, cases, refused):
    """rules_differential's check of the cases only one proxy refused, on the other proxy, with
    one `-c` run for all of them first: while Shuttle refuses most cases (before log-format),
    checking ~90 of them one by one on HAProxy took 20 s on a loaded machine. Only when the other
    proxy refuses some too does each get its own check (rules_differential's way)."""
    by_name = {case.name: case for case in cases}
    for proxy in proxies:
        theirs = [by_name[name] for name, (who, _) in refused.items() if proxy.name not in who]
        if not theirs:
            continue
        proxy.write_config(theirs)
        valid, _ = rd.check_config(proxy.command, proxy.config)
        if not valid:
            return _confirm_each(proxies, cases, refused)
    return None


rd.confirm_one_sided = confirm_together  # used by rd.prepare, in this process only

class LogProxy(rd.Proxy):
    """One proxy: one port and one log receiver per case, the shared origin."""

    def __init__(self, name, command, directory, cases, receivers, origin, dead_port, tls_origin=None):
        self.name, self.command, self.directory = name, command, directory
        self.ports = {case.name: hd.unique_port() for case in cases}
        self.numbers = {case.name: number for number, case in enumerate(cases)}
        self.probe = hd.unique_port()
        self.global_log = receivers.open()
        self.logs = {case.name: self.global_log if case.global_log else receivers.open() for case in cases}
        self.origin, self.dead_port, self.tls_origin = origin, dead_port, tls_origin
        self.certs = os.path.join(directory, "certs")
        self.config = os.path.join(directory, name + ".cfg")
        self.log = os.path.join(directory, name + ".log")
        self.process = None

    def write_config(self, cases):
        text = GLOBAL.format(global_log=self.global_log, probe=self.probe)
        spans = {}
        for case in cases:
            first = text.count("\n") + 1
            text += case_sections(case, self.numbers[case.name], self.ports[case.name], self.logs[case.name],
                                  self.origin.port, self.dead_port, self.certs,
                                  self.tls_origin.port if self.tls_origin else 0)
            spans[case.name] = (first, text.count("\n"))
        with open(self.config, "w") as out:
            out.write(text)
        return spans


def serving(port):
    """Whether the proxy accepts and handles connections on the probe port: it rejects them at once
    (`tcp-request connection reject`). A port that only listens queues a connection in the kernel's
    backlog, which says the socket is bound, not that the proxy's listeners run: cases started then
    waited, and their lines came after the case's wait."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
            sock.settimeout(0.2)
            try:
                return sock.recv(1) == b""
            except ConnectionResetError:
                return True
    except OSError:
        return False


def started(proxies):
    """Waits until every proxy serves its probe port; false when one exits or time runs out."""
    deadline = time.monotonic() + rd.START_TIMEOUT
    while not all(serving(p.probe) for p in proxies):
        if any(p.process.poll() is not None for p in proxies) or time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def run_case(case, proxies, receivers):
    """Runs a case's exchanges on every proxy at once; returns {proxy name: [log lines]}."""
    def one(proxy):
        held = []
        for exchange in case.exchanges:
            if exchange.background:
                # on its own connection while the next ones run: it starts first
                held.append(threading.Thread(target=run_exchange, args=(proxy.ports[case.name], exchange)))
                held[-1].start()
                time.sleep(BACKGROUND_LEAD)
            else:
                run_exchange(proxy.ports[case.name], exchange)
        for thread in held:
            thread.join()

    threads = [threading.Thread(target=one, args=(p,)) for p in proxies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + (LINE_WAIT if case.lines else NO_LINE_WAIT)
    while time.monotonic() < deadline:
        if case.lines and all(len(receivers.received(p.logs[case.name])) >= case.lines for p in proxies):
            time.sleep(EXTRA_WAIT)
            break
        time.sleep(0.02)
    return {p.name: receivers.received(p.logs[case.name]) for p in proxies}


def traffic_differences(case, lines):
    """The differences between the lines of both proxies (empty: same)."""
    h, s = lines["haproxy"], lines["shuttle"]
    if len(h) != len(s):
        return ["%d line(s) from haproxy, %d from shuttle" % (len(h), len(s))]
    if len(h) != case.lines:
        return ["both logged %d line(s), the case expects %d (a case error?)" % (len(h), case.lines)]
    out = []
    for number, (hl, sl) in enumerate(zip(h, s), 1):
        prefix = "line %d: " % number if len(h) > 1 else ""
        if hl.endswith("\n") != sl.endswith("\n"):
            out.append(prefix + "the datagram ends with a line feed: haproxy %s, shuttle %s" % (
                "yes" if hl.endswith("\n") else "no", "yes" if sl.endswith("\n") else "no"))
        out += [prefix + d for d in compare_line(case, hl.rstrip("\n"), sl.rstrip("\n"))]
    return out


# ---------------------------------------------------------------------------
# Config-check cases
# ---------------------------------------------------------------------------

def check_verdict(command, directory, tag, case):
    """(exit status, lines of the configuration the ALERT/WARNING lines name, those lines) of `-c`."""
    path = os.path.join(directory, "check-%s-%s.cfg" % (tag, case.name))
    with open(path, "w") as out:
        out.write(case.config.replace("@LOG@", "127.0.0.1:514").replace("@PORT@", str(hd.unique_port())))
    valid, output = rd.check_config(command, path)
    kind = "ALERT" if case.expect == "refused" else "WARNING"
    # The file's name is left out of the lines: the case's name is in it, which a mention could match.
    said = [line.replace(path, "<file>") for line in output.split("\n") if "[%s]" % kind in line]
    named = sorted({int(n) for line in said for n in re.findall(r"<file>:(\d+)", line)})
    return valid, named, said


def config_differences(case, verdicts):
    out = []
    if case.expect == "accepted":
        warned = {name: named for name, (valid, named, said) in verdicts.items()}
        if len({tuple(named) for named in warned.values()}) > 1:
            out.append("warnings name lines %s" % ", ".join("%s: %s" % (n, w or "none") for n, w in warned.items()))
    for name, (valid, named, said) in verdicts.items():
        expected_valid = case.expect != "refused"
        if valid != expected_valid:
            out.append("%s %s it (expected: %s)" % (name, "accepts" if valid else "refuses", case.expect))
        if case.expect != "accepted":
            if case.line not in named:
                out.append("%s: no %s names line %d" % (name, "[ALERT]" if case.expect == "refused" else "[WARNING]",
                                                         case.line))
            elif not any(re.search(case.mention, line.replace("[ALERT]", "").replace("[WARNING]", ""))
                         for line in said):
                out.append("%s: no message mentions %r" % (name, case.mention))
    if out:
        for name, (valid, named, said) in verdicts.items():
            out.append("%s said: %s" % (name, " / ".join(said) or "nothing"))
    return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def default_haproxy():
    return hd.HAPROXY3 if os.access(hd.HAPROXY3, os.X_OK) else shutil.which("haproxy") or "/usr/sbin/haproxy"


def report(name, differences, listed, known_reason, show, details):
    """Prints a case's verdict; returns True when it passes."""
    if not differences and not listed:
        print("  same             %s" % name)
        if show:
            print("\n".join("      " + line for line in details))
        return True
    if not differences:
        print("  LISTED BUT SAME  %s: now passes: remove it from log_known_differences.txt" % name)
        return False
    if listed:
        print("  differs (known)  %s (%s)" % (name, known_reason))
        if show:
            print("\n".join("      " + line for line in details + differences))
        return True
    print("  DIFFERS          %s" % name)
    print("\n".join("      " + line for line in details + differences))
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-k", dest="pattern", help="run only the cases whose name contains this pattern (a regex)")
    parser.add_argument("-v", "--verbose", action="store_true", help="the same as --show")
    parser.add_argument("--show", action="store_true", help="both lines of every case")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=default_haproxy(), help="the peer binary (default: HAProxy 3.5)")
    parser.add_argument("--shuttle-root", default=hd.ROOT,
                        help="the Shuttle clone whose scripts/shuttle runs (default: this script's; built with "
                             "its scripts/build)")
    parser.add_argument("--no-build", action="store_true", help="do not run the Shuttle clone's scripts/build first")
    parser.add_argument("--self-check", action="store_true",
                        help="run HAProxy in Shuttle's place, known differences ignored: every case must be "
                             "the same (checks the cases and the formats' shapes against 3.5's real lines)")
    args = parser.parse_args()

    all_names = [c.name for c in CASES] + [c.name for c in CONFIG_CASES]
    duplicates = {n for n in all_names if all_names.count(n) > 1}
    if duplicates:
        print("%s: duplicate case names: %s" % (LABEL, ", ".join(sorted(duplicates))), file=sys.stderr)
        return 2
    if sum(1 for c in CASES if c.global_log) > 1:
        print("%s: more than one case logs through `log global`" % LABEL, file=sys.stderr)
        return 2

    def chosen(case):
        return (not args.cases or case.name in args.cases) and (not args.pattern or re.search(args.pattern, case.name))

    cases = [c for c in CASES if chosen(c)]
    config_cases = [c for c in CONFIG_CASES if chosen(c)]
    unknown = set(args.cases) - {c.name for c in cases + config_cases}
    if unknown:
        print("%s: no such case: %s" % (LABEL, ", ".join(sorted(unknown))), file=sys.stderr)
        return 2
    if hd.peer_major(args.haproxy) < 3:
        print("%s: %s is not HAProxy 3.x; the log formats compared are 3.5's" % (LABEL, args.haproxy))
        print("%s: 0 passed, 1 failed" % LABEL)
        return 2
    shuttle = [os.path.join(args.shuttle_root, "scripts", "shuttle")]
    if args.self_check:
        shuttle = [args.haproxy]
    elif not args.no_build:
        # Builds only when a source is newer than the jar (scripts/test has built it already).
        built = subprocess.run([os.path.join(args.shuttle_root, "scripts", "build")], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if built.returncode != 0:
            print(built.stdout.decode(errors="replace")[-3000:], file=sys.stderr)
            print("%s: %s/scripts/build failed" % (LABEL, args.shuttle_root))
            print("%s: 0 passed, 1 failed" % LABEL)
            return 2
    print("%s: peer %s, Shuttle %s, known differences in %s" % (
        LABEL, args.haproxy, args.shuttle_root, os.path.basename(KNOWN_FILE)))
    known = {} if args.self_check else hd.read_known(KNOWN_FILE)
    stray = set(known) - set(all_names)  # noqa (also listed when only some cases run)
    directory = tempfile.mkdtemp(prefix="log-difftest.")
    proxies = []
    passed = failed = 0
    try:
        # Config-check cases first, side by side (each is a `-c` run per proxy).
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            verdicts = {c.name: {name: pool.submit(check_verdict, command, directory, name, c)
                                 for name, command in (("haproxy", [args.haproxy]), ("shuttle", shuttle))}
                        for c in config_cases}
            verdicts = {n: {p: f.result() for p, f in v.items()} for n, v in verdicts.items()}
        for case in config_cases:
            differences = config_differences(case, verdicts[case.name])
            details = ["config check: expected %s, line %d, mentioning %r" % (case.expect, case.line, case.mention)]
            if report(case.name, differences, case.name in known, known.get(case.name), args.show or args.verbose,
                      details):
                passed += 1
            else:
                failed += 1

        tls_origin_used = any("@TLSORIGIN@" in c.backend + (c.server or "") for c in cases)
        if tls_origin_used or any("@CERTS@" in c.bind + c.backend + (c.server or "") for c in cases):
            subprocess.run(["sh", os.path.join(hd.ROOT, "vtc", "tls", "make-certs.sh"), os.path.join(directory, "certs")],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        receivers = Receivers()
        origin = Origin()
        tls_origin = Origin(os.path.join(directory, "certs", "site.pem")) if tls_origin_used else None
        dead_port = hd.free_port()  # nothing listens there: a server that is down
        if cases:
            for attempt in range(1, rd.START_ATTEMPTS + 1):
                proxies = [LogProxy("haproxy", [args.haproxy], directory, cases, receivers, origin, dead_port,
                                    tls_origin),
                           LogProxy("shuttle", shuttle, directory, cases, receivers, origin, dead_port, tls_origin)]
                try:
                    left, refused = rd.prepare(proxies, cases)
                except OSError as error:
                    print("%s: cannot run a proxy: %s" % (LABEL, error), file=sys.stderr)
                    print("%s: %d passed, %d failed" % (LABEL, passed, failed + 1))
                    return 2
                if left is None:
                    who, why = refused["*"]
                    print("%s: %s refuses the configuration:\n%s" % (LABEL, who, why), file=sys.stderr)
                    print("%s: %d passed, %d failed" % (LABEL, passed, failed + 1))
                    return 2
                for proxy in proxies:
                    proxy.start()
                if started(proxies):
                    break
                for proxy in proxies:
                    proxy.stop()
                if attempt == rd.START_ATTEMPTS:
                    for proxy in proxies:
                        with open(proxy.log, "rb") as log:
                            print("--- %s\n%s" % (proxy.name, log.read().decode(errors="replace")[-3000:]),
                                  file=sys.stderr)
                    print("%s: the proxies did not start" % LABEL, file=sys.stderr)
                    print("%s: %d passed, %d failed" % (LABEL, passed, failed + 1))
                    return 2

            running = [c for c in left if c.name not in refused]
            # `log global` reads the global receiver, which other cases' lines never reach; the
            # start and stop of the proxies may write there, so it runs alone, after the others.
            with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
                results = {c.name: pool.submit(run_case, c, proxies, receivers)
                           for c in running if not c.global_log}
                results = {n: f.result() for n, f in results.items()}
            for case in running:
                if case.global_log:
                    results[case.name] = run_case(case, proxies, receivers)

            for case in cases:
                listed = case.name in known
                details = []
                if case.name in refused:
                    who, why = refused[case.name]
                    if len(who) == len(proxies):
                        differences = ["refused by both (the case is wrong):"] + why.split("\n")
                    else:
                        differences = ["refused by %s only:" % who[0]] + why.split("\n")
                else:
                    lines = results[case.name]
                    differences = traffic_differences(case, lines)
                    details = ["format:   %s" % (case.expect,)]
                    details += ["haproxy:  %s" % line.rstrip("\n") for line in lines["haproxy"]] or ["haproxy:  (no line)"]
                    details += ["shuttle:  %s" % line.rstrip("\n") for line in lines["shuttle"]] or ["shuttle:  (no line)"]
                if report(case.name, differences, listed, known.get(case.name), args.show or args.verbose,
                          details):
                    passed += 1
                else:
                    failed += 1
        for name in sorted(stray):
            print("  UNKNOWN CASE     %s: listed in log_known_differences.txt, not in log_cases.py" % name)
            failed += 1
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        for proxy in proxies:
            proxy.stop()
        if args.keep:
            print("%s: configs and proxy logs kept in %s" % (LABEL, directory), file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
