#!/usr/bin/env python3
"""Differential test of the PROXY headers Shuttle sends to servers, against HAProxy 3.5.

    difftest/proxy_send_differential.py [-v] [--keep] [--haproxy PATH] [--shuttle PATH] [CASE...]

How it works:

1. One recording origin per proxy listens on 127.0.0.1 and records, per case, the exact
   bytes each connection brings: the PROXY header the proxy sent, then the client's bytes.
2. HAProxy and Shuttle start with the same configuration: one `listen` section per case
   (CASES below), each with its own client side (plain TCP, TLS, a UNIX socket, an
   `accept-proxy` listener, HTTP mode) and one server, the proxy's origin, declared with the
   case's `send-proxy*`, `proxy-v2-options` and `set-proxy-v2-tlv-fmt` options.
3. Each case's client connects to each proxy in turn (a TLS client with Python's ssl module:
   TLS 1.2, one cipher, SNI, ALPN h2 and a client certificate where the case says), sends its
   own PROXY header first on `accept-proxy` listeners, then "abc" (or an HTTP request).
4. The two recordings must be equal byte for byte. The one thing that cannot be equal is a
   plain client's own port and the proxy's listening port, which the header carries: for the
   cases whose addresses come from the socket, both ports are set to 0 in each header (and a
   CRC32C recomputed, after checking the one sent was right). Cases whose client sends its own
   header carry fixed addresses and are compared untouched.

Needs HAProxy 2.9 or later (set-proxy-v2-tlv-fmt); by default the 3.5 build under
~/.cache/haproxy3, else `haproxy` on the PATH. Python 3 and openssl only, no pip package.

Output: one line per case (same / DIFFERS with both recordings), then
"proxy difftest: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if
the proxies could not be started.
"""

import argparse
import os
import re
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
import http_differential as hd  # noqa: E402  (the proxies' ports and the 3.5 peer's path)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "proxy difftest"
START_TIMEOUT = 30
SETTLE = 0.1       # seconds more, once the client's bytes reached the origin
ARRIVAL = 5.0      # seconds at most for them to reach it (a proxy's first connection is slower)
V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"


def v2(command, family, body):
    """A version 2 header as a client sends it: command 0x20/0x21, family byte, then body."""
    return V2_SIGNATURE + bytes([command, family]) + struct.pack(">H", len(body)) + body


def tlv(kind, value):
    return bytes([kind]) + struct.pack(">H", len(value)) + value


INET_BLOCK = bytes([192, 0, 2, 7, 198, 51, 100, 1]) + struct.pack(">HH", 4321, 8080)
INET6_BLOCK = (bytes.fromhex("20010db8000000000000000000000007") + bytes.fromhex("20010db8000000000000000000000001")
               + struct.pack(">HH", 4321, 443))


class Case:
    """One listen section: its client side, the server's options, what the client sends first."""

    def __init__(self, name, client, server_options, prefix=b"", extra="", tls=None, socket_kept=False):
        self.name = name
        self.client = client          # tcp, tls, unix, http
        self.server_options = server_options
        self.prefix = prefix          # the client's own PROXY header (accept-proxy listeners)
        self.extra = extra            # more lines of the listen section
        self.tls = tls or {}          # sni, alpn, certificate
        self.socket_kept = socket_kept  # the client's header (LOCAL, UNKNOWN) keeps the socket's addresses

    @property
    def socket_addresses(self):
        """Whether the header sent carries the socket's addresses (then ports are normalised)."""
        return (not self.prefix or self.socket_kept) and self.client != "unix"


CASES = [
    Case("v1", "tcp", "send-proxy"),
    Case("v2", "tcp", "send-proxy-v2"),
    Case("v2-crc32c", "tcp", "send-proxy-v2 proxy-v2-options crc32c"),
    Case("v2-tlv-fmt", "tcp", "send-proxy-v2 set-proxy-v2-tlv-fmt(0xE1) hello set-proxy-v2-tlv-fmt(0xE0) %[src] "
         "set-proxy-v2-tlv-fmt(0xE2) %[str()] set-proxy-v2-tlv-fmt(7) \"a b\""),
    Case("v2-ssl-plain-client", "tcp", "send-proxy-v2-ssl"),
    Case("v2-every-option-plain-client", "tcp",
         "send-proxy-v2 proxy-v2-options ssl,cert-cn,ssl-cipher,cert-sig,cert-key,authority,crc32c "
         "set-proxy-v2-tlv-fmt(0xE0) x"),
    Case("v2-cert-cn-alone", "tcp", "send-proxy-v2 proxy-v2-options cert-cn"),
    Case("v1-and-v2", "tcp", "send-proxy send-proxy-v2"),
    Case("options-without-send-proxy", "tcp", "proxy-v2-options crc32c set-proxy-v2-tlv-fmt(0xE0) x"),
    Case("v1-set-src-ipv6", "tcp", "send-proxy",
         extra="tcp-request connection set-src ipv6(2001:db8::9)"),
    Case("v2-set-src-ipv6", "tcp", "send-proxy-v2",
         extra="tcp-request connection set-src ipv6(2001:db8::9)"),
    Case("unix-v1", "unix", "send-proxy"),
    Case("unix-v2", "unix", "send-proxy-v2 set-proxy-v2-tlv-fmt(0xE0) x proxy-v2-options crc32c"),
    Case("received-v1-to-v1", "tcp", "send-proxy", prefix=b"PROXY TCP4 192.0.2.7 198.51.100.1 4321 8080\r\n"),
    Case("received-v1-to-v2", "tcp", "send-proxy-v2 proxy-v2-options crc32c",
         prefix=b"PROXY TCP4 192.0.2.7 198.51.100.1 4321 8080\r\n"),
    Case("received-tcp6-to-v1", "tcp", "send-proxy", prefix=b"PROXY TCP6 2001:db8::7 2001:db8::1 4321 443\r\n"),
    Case("received-tcp6-to-v2", "tcp", "send-proxy-v2", prefix=v2(0x21, 0x21, INET6_BLOCK)),
    Case("received-mapped-to-v1", "tcp", "send-proxy",
         prefix=b"PROXY TCP6 ::ffff:192.0.2.7 2001:db8::1 4321 443\r\n"),
    Case("received-both-mapped-to-v1", "tcp", "send-proxy",
         prefix=b"PROXY TCP6 ::ffff:192.0.2.7 ::ffff:198.51.100.1 4321 80\r\n"),
    Case("received-both-mapped-to-v2", "tcp", "send-proxy-v2",
         prefix=b"PROXY TCP6 ::ffff:192.0.2.7 ::ffff:198.51.100.1 4321 80\r\n"),
    Case("received-tlvs-forwarded", "tcp",
         "send-proxy-v2 proxy-v2-options authority,crc32c set-proxy-v2-tlv-fmt(0xE0) %[fc_pp_tlv(0xE0)] "
         "set-proxy-v2-tlv-fmt(0xE1) %[fc_pp_tlv(0xE1)] set-proxy-v2-tlv-fmt(0xE2) %[fc_pp_unique_id]",
         prefix=v2(0x21, 0x11, INET_BLOCK + tlv(0xE0, b"forward me") + tlv(0x02, b"example.com")
                   + tlv(0x05, b"uid-1"))),
    Case("received-local-to-v2", "tcp", "send-proxy-v2 set-proxy-v2-tlv-fmt(0xE0) %[fc_pp_tlv(0xE0)]",
         prefix=v2(0x20, 0x00, tlv(0xE0, b"local")), socket_kept=True),
    Case("received-unknown-to-v1", "tcp", "send-proxy", prefix=b"PROXY UNKNOWN\r\n", socket_kept=True),
    Case("tls-v2-alpn", "tls", "send-proxy-v2", tls={"alpn": True}),
    Case("tls-v2-ssl", "tls", "send-proxy-v2-ssl", tls={"sni": True}),
    Case("tls-v2-ssl-cn-with-certificate", "tls", "send-proxy-v2-ssl-cn", tls={"certificate": True}),
    Case("tls-v2-ssl-cn-without-certificate", "tls", "send-proxy-v2-ssl-cn"),
    Case("tls-v2-every-option", "tls",
         "send-proxy-v2 proxy-v2-options ssl,cert-cn,ssl-cipher,cert-sig,cert-key,authority,crc32c "
         "set-proxy-v2-tlv-fmt(0xE0) %[ssl_fc_sni]",
         tls={"sni": True, "alpn": True, "certificate": True}),
    Case("tls-v1", "tls", "send-proxy", tls={"sni": True}),
    # HAProxy 3.5 evaluates the formats when it connects, where the request's own fetches find
    # nothing but the stream's variables do (seed 000: "encoded from the session").
    Case("http-formats-at-connect", "http",
         "send-proxy-v2 set-proxy-v2-tlv-fmt(0xE0) %[req.hdr(host)] set-proxy-v2-tlv-fmt(0xE1) %[var(txn.x)] "
         "set-proxy-v2-tlv-fmt(0xE2) %[path] set-proxy-v2-tlv-fmt(0xE3) %ci",
         extra="http-request set-var(txn.x) str(from-txn)"),
]

CONFIG_HEAD = """global
    log stderr format raw local0 err
defaults
    mode tcp
    timeout connect 2s
    timeout client 2s
    timeout server 2s
"""


def listen_section(case, port, unix_path, origin_port, certs):
    lines = ["listen %s" % case.name]
    if case.client == "http":
        lines.append("    mode http")
    if case.client == "unix":
        lines.append("    bind unix@%s" % unix_path)
    elif case.client == "tls":
        lines.append("    bind 127.0.0.1:%d ssl crt %s/site.pem ca-file %s/ca.crt verify optional alpn h2,http/1.1%s"
                     % (port, certs, certs, " accept-proxy" if case.prefix else ""))
    else:
        lines.append("    bind 127.0.0.1:%d%s" % (port, " accept-proxy" if case.prefix else ""))
    if case.extra:
        lines.append("    " + case.extra)
    lines.append("    server origin 127.0.0.1:%d %s" % (origin_port, case.server_options))
    return "\n".join(lines) + "\n"


class Origin:
    """A threaded TCP server recording the bytes of each connection, per case."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.server.getsockname()[1]
        self.lock = threading.Lock()
        self.case = None
        self.records = {}
        threading.Thread(target=self._accept, daemon=True).start()

    def start_case(self, name):
        with self.lock:
            self.case = name
            self.records[name] = bytearray()

    def received(self, name):
        with self.lock:
            return bytes(self.records.get(name, b""))

    def wait_for(self, name, payload, seconds):
        """Waits until the case's recording ends with what the client sent last (or time is up)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.received(name).endswith(payload):
            time.sleep(0.02)
        time.sleep(SETTLE)

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        conn.settimeout(1.5)
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                with self.lock:
                    if self.case is not None:
                        self.records[self.case].extend(data)
                if b"\r\n\r\n" in data and b"HTTP/1.1" in data:
                    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        except OSError:
            pass
        finally:
            conn.close()


def payload_of(case):
    return b"GET /p HTTP/1.1\r\nhost: foo\r\n\r\n" if case.client == "http" else b"abc"


def run_client(case, port, unix_path, certs):
    payload = payload_of(case)
    if case.client == "unix":
        sock = socket.socket(socket.AF_UNIX)
        sock.settimeout(2)
        sock.connect(unix_path)
    else:
        sock = socket.create_connection(("127.0.0.1", port), timeout=2)
    try:
        if case.prefix:
            sock.sendall(case.prefix)
        if case.client == "tls":
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            context.minimum_version = ssl.TLSVersion.TLSv1_2
            context.maximum_version = ssl.TLSVersion.TLSv1_2
            context.set_ciphers("ECDHE-ECDSA-AES128-GCM-SHA256")
            if case.tls.get("alpn"):
                context.set_alpn_protocols(["h2"])
            if case.tls.get("certificate"):
                context.load_cert_chain(os.path.join(certs, "client.crt"), os.path.join(certs, "client.key"))
            sock = context.wrap_socket(sock, server_hostname="www.test" if case.tls.get("sni") else None)
        sock.sendall(payload)
        try:
            sock.settimeout(0.4)
            sock.recv(4096)
        except (OSError, ssl.SSLError):
            pass
    finally:
        sock.close()


# --- Normalising the ports of socket-address headers -------------------------------------

def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def normalise_ports(data):
    """Both ports of the leading header set to 0; a CRC32C checked, then recomputed."""
    if data.startswith(b"PROXY TCP"):
        end = data.find(b"\r\n")
        fields = data[:end].split(b" ")
        if len(fields) == 6:
            fields[4] = fields[5] = b"0"
        return b" ".join(fields) + data[end:]
    if not data.startswith(V2_SIGNATURE) or len(data) < 16:
        return data
    total = 16 + struct.unpack(">H", data[14:16])[0]
    header = bytearray(data[:total])
    family = header[13] >> 4
    ports = {1: 16 + 8, 2: 16 + 32}.get(family) if header[12] & 0x0F == 1 else None
    if ports is not None:
        header[ports:ports + 4] = b"\x00\x00\x00\x00"
    at = 16 + ({1: 12, 2: 36}.get(family, 0) if header[12] & 0x0F == 1 else 0)
    while at + 3 <= total:
        kind, length = header[at], struct.unpack(">H", header[at + 1:at + 3])[0]
        if kind == 0x03 and length == 4:
            field = at + 3
            sent = bytes(data[field:field + 4])
            check = bytearray(data[:total])
            check[field:field + 4] = b"\x00" * 4
            if struct.pack(">I", crc32c(bytes(check))) != sent:
                return b"<bad CRC32C> " + data
            header[field:field + 4] = b"\x00" * 4
            header[field:field + 4] = struct.pack(">I", crc32c(bytes(header)))
        at += 3 + length
    return bytes(header) + data[total:]


# --- Running the proxies ------------------------------------------------------------------

def make_certificates(directory):
    certs = os.path.join(directory, "certs")
    subprocess.run(["sh", os.path.join(ROOT, "vtc", "tls", "make-certs.sh"), certs], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return certs


def start_proxy(name, command, directory, origin, cases, certs):
    ports = {case.name: hd.unique_port() for case in cases}
    probe = hd.unique_port()
    paths = {case.name: os.path.join(directory, "%s-%s.sock" % (name, case.name)) for case in cases}
    config = os.path.join(directory, name + ".cfg")
    with open(config, "w") as out:
        out.write(CONFIG_HEAD)
        # Where the start is probed: a connection here reaches no server, so sends no header.
        out.write("listen probe\n    bind 127.0.0.1:%d\n    tcp-request connection reject\n" % probe)
        for case in cases:
            out.write(listen_section(case, ports[case.name], paths[case.name], origin.port, certs))
    log = open(os.path.join(directory, name + ".log"), "wb")
    process = subprocess.Popen(command + ["-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    return process, ports, paths, probe, log.name


def haproxy_is_recent(path):
    try:
        out = subprocess.run([path, "-v"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    found = re.search(r"version (\d+)\.(\d+)", out)
    return bool(found) and (int(found.group(1)), int(found.group(2))) >= (2, 9)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="both recordings for every case")
    parser.add_argument("--keep", action="store_true", help="keep the configs and proxy logs, print where")
    parser.add_argument("--haproxy", default=hd.HAPROXY3 if os.access(hd.HAPROXY3, os.X_OK)
                        else shutil.which("haproxy") or "/usr/sbin/haproxy")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    args = parser.parse_args()

    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    if args.cases and len(cases) != len(set(args.cases)):
        print("%s: no such case: %s" % (LABEL, ", ".join(sorted(set(args.cases) - {c.name for c in cases}))),
              file=sys.stderr)
        return 2
    if not haproxy_is_recent(args.haproxy):
        # Debian's 2.6 has no set-proxy-v2-tlv-fmt: the reference must be 2.9 or later.
        if os.access(hd.HAPROXY3, os.X_OK):
            args.haproxy = hd.HAPROXY3
        else:
            print("%s: %s is older than 2.9 and HAProxy 3.5 is not built here" % (LABEL, args.haproxy))
            print("%s: 0 passed, 0 failed" % LABEL)
            return 0
    directory = tempfile.mkdtemp(prefix="proxy-difftest.")
    processes = []
    try:
        certs = make_certificates(directory)
        proxies = {}
        probes = {}
        for name, command in (("haproxy", [args.haproxy]), ("shuttle", [args.shuttle])):
            origin = Origin()
            process, ports, paths, probe, log = start_proxy(name, command, directory, origin, cases, certs)
            processes.append(process)
            proxies[name] = (process, ports, paths, log, origin)
            probes[name] = probe
        deadline = time.monotonic() + START_TIMEOUT
        for name, (process, ports, paths, log, origin) in proxies.items():
            while not hd.listening(probes[name]):
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: %s did not start; its log (%s):" % (LABEL, name, log))
                    with open(log, errors="replace") as text:
                        print(text.read()[-3000:])
                    return 2
                time.sleep(0.1)
        passed = failed = 0
        for case in cases:
            recorded = {}
            for name, (process, ports, paths, log, origin) in proxies.items():
                origin.start_case(case.name)
                try:
                    run_client(case, ports[case.name], paths[case.name], certs)
                except (OSError, ssl.SSLError) as error:
                    recorded[name] = ("<client failed: %s>" % error).encode()
                    continue
                origin.wait_for(case.name, payload_of(case), ARRIVAL)
                recorded[name] = origin.received(case.name)
            h, s = recorded["haproxy"], recorded["shuttle"]
            if case.socket_addresses:
                h, s = normalise_ports(h), normalise_ports(s)
            if h == s and not h.startswith(b"<"):
                print("  same             %s" % case.name)
                if args.verbose:
                    print("      both:     %s" % h.hex())
                passed += 1
            else:
                print("  DIFFERS          %s" % case.name)
                print("      server:   %s" % case.server_options)
                print("      haproxy:  %s  %r" % (h.hex(), h[:160]))
                print("      shuttle:  %s  %r" % (s.hex(), s[:160]))
                failed += 1
        print("%s: %d passed, %d failed" % (LABEL, passed, failed))
        return 1 if failed else 0
    finally:
        hd.stop(processes)
        hd.clean_up(directory, args.keep, LABEL)


if __name__ == "__main__":
    sys.exit(main())
