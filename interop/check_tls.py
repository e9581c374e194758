"""Health checks over TLS against real TLS servers: the cases interop/tls_interop.py runs for them.

Shuttle and the HAProxy peer are each started with the same backends, whose servers are checked over
TLS against nginx (the TLS origin of tls_interop.py, OpenSSL behind it) with `option
log-health-checks`; each logs to a syslog socket of its own, read here. A case passes when Shuttle's
first "Health check for server ..." line of a backend says what is expected and, when the peer is
HAProxy 3.x, is the peer's line word for word (the check duration aside).
"""

import os
import re
import socket
import threading
import time

# backend name -> (server line options, lines before the server, the words expected in the line)
BACKENDS = {
    "be_l6ok": ("{nginx_tls} check check-ssl check-sni www.test verify required ca-file {ca}", "",
                "succeeded, reason: Layer6 check passed, check duration: Nms, status: 1/1 UP."),
    "be_https": ("{nginx_tls} ssl verify required ca-file {ca} check", "    option httpchk GET / HTTP/1.1 www.test\n",
                 "succeeded, reason: Layer7 check passed, code: 200, check duration: Nms, status: 1/1 UP."),
    "be_unknown_ca": ("{nginx_tls} check check-ssl check-sni www.test verify required ca-file {rogue}", "",
                      'failed, reason: Layer6 invalid response, info: "SSL handshake failure", check duration: Nms, '
                      'status: 0/1 DOWN.'),
    "be_wrong_name": ("{nginx_tls} check check-ssl check-sni other.test verify required ca-file {ca}", "",
                      'failed, reason: Layer6 invalid response, info: "Server presented an SSL certificate different '
                      'from the expected one", check duration: Nms, status: 0/1 DOWN.'),
    "be_no_tls": ("{plain} check check-ssl verify none", "",
                  'failed, reason: Layer6 invalid response, info: "SSL handshake failure", check duration: Nms, '
                  'status: 0/1 DOWN.'),
    "be_ssl_hello": ("{nginx_tls} check", "    option ssl-hello-chk\n",
                     "succeeded, reason: Layer6 check passed, check duration: Nms, status: 1/1 UP."),
}

DURATION = re.compile(r"check duration: [0-9]+ms")


class Syslog:
    """A UDP syslog receiver on a free port, keeping every message it gets."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.lines = []
        self.running = True
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while self.running:
            try:
                data = self.sock.recv(65535)
            except socket.timeout:
                continue
            except OSError:
                return
            self.lines.append(data.decode("utf-8", "replace"))

    def first_check_line(self, backend):
        for line in self.lines:
            match = re.search(r"Health check for server " + backend + r"/n .*", line)
            if match:
                return DURATION.sub("check duration: Nms", match.group(0).rstrip())
        return None

    def close(self):
        self.running = False
        self.sock.close()


def config(peers, syslog_port, listen_port):
    c = peers.cert
    names = {"nginx_tls": f"127.0.0.1:{peers.port['nginx_tls']}", "plain": f"127.0.0.1:{peers.port['nginx_front']}",
             "ca": c("ca.crt"), "rogue": c("rogue.crt")}
    text = f"""
global
    log 127.0.0.1:{syslog_port} local0
defaults
    mode http
    log global
    option log-health-checks
    timeout connect 2s
    timeout client 5s
    timeout server 5s
    timeout check 3s
    default-server inter 1s rise 1 fall 1
frontend alive
    bind 127.0.0.1:{listen_port}
    http-request return status 200
"""
    for name, (server, before, _) in BACKENDS.items():
        text += f"backend {name}\n{before}    server n {server.format(**names)}\n"
    return text


class CheckPeers:
    """Shuttle and the HAProxy peer checking the same servers, started on the first case."""

    def __init__(self, peers):
        self.peers = peers
        self.logs = {}

    def start(self):
        if self.logs:
            return
        from tls_interop import free_port
        for name, program in (("shuttle-checks", self.peers.args.shuttle), ("haproxy-checks", self.peers.args.haproxy)):
            if not os.path.exists(program):
                continue
            syslog = Syslog()
            port = free_port()
            path = os.path.join(self.peers.work, name + ".cfg")
            open(path, "w").write(config(self.peers, syslog.port, port))
            self.peers.start(name, [program, "-d", "-f", path], port)
            self.logs[name] = syslog
        deadline = time.time() + 15
        while time.time() < deadline and not all(
                log.first_check_line(b) for log in self.logs.values() for b in BACKENDS):
            time.sleep(0.2)

    def compare(self, backend):
        self.start()
        expected = f"Health check for server {backend}/n {BACKENDS[backend][2]}"
        ours = self.logs["shuttle-checks"].first_check_line(backend)
        if ours != expected:
            return f"Shuttle logged {ours!r}, expected {expected!r}"
        peer = self.logs.get("haproxy-checks")
        if peer is None or not self.peer_is_3x():
            return None
        theirs = peer.first_check_line(backend)
        if theirs != ours:
            return f"HAProxy 3.x logged {theirs!r}, Shuttle {ours!r}"
        return None

    def peer_is_3x(self):
        from tls_interop import run
        return re.search(r"version 3\.", run([self.peers.args.haproxy, "-v"])[1]) is not None


def cases(peers):
    """The check cases, as tls_interop.py lists its own."""
    checks = CheckPeers(peers)
    return [
        ("checks over TLS to nginx: check-ssl, check-sni, verification, L6OK", lambda: checks.compare("be_l6ok")),
        ("HTTPS checks to nginx: an ssl server checked on its own port, Host as SNI, L7OK",
         lambda: checks.compare("be_https")),
        ("TLS check to nginx with an unknown CA: L6RSP", lambda: checks.compare("be_unknown_ca")),
        ("TLS check to nginx with another name: L6RSP, the mismatch words", lambda: checks.compare("be_wrong_name")),
        ("TLS check to a plain HTTP server (nginx): L6RSP", lambda: checks.compare("be_no_tls")),
        ("ssl-hello-chk to nginx: L6OK", lambda: checks.compare("be_ssl_hello")),
    ]
