#!/usr/bin/env python3
"""HTTP/2 interoperability: real HTTP/2 clients against Shuttle's `bind ... proto h2`, and Shuttle
against a real HTTP/2 origin (`server ... proto h2`).

    interop/h2_interop.py [-v] [--shuttle PATH] [--haproxy PATH] [CASE...]

Every peer is a real program started here: curl (--http2-prior-knowledge), nghttp and h2load
(Debian's nghttp2-client) and the h2 library (python3-h2, for request trailers and WebSocket over
HTTP/2, RFC 8441) as clients of Shuttle; HAProxy (3.5 when it is built on this machine,
else Debian's 2.6) in front of Shuttle, speaking HTTP/2 to it (`server ... proto h2`). Behind
Shuttle, a small HTTP/1.1 origin written here echoes what it received; and nginx with `listen ...
http2` (HTTP/2 with prior knowledge over clear text) is the HTTP/2 origin of a second frontend,
where the reuse ratio of server connections under `http-reuse always` is measured at one request at
a time, for Shuttle and for HAProxy in the same place.

Each case prints "  ok   <name>", "  skip <name>: <why>" (a client that is not installed) or
"  FAIL <name>: <why>"; the last line is "h2 interop: N passed, N failed". Exit 0 if nothing
failed, 1 if something did, 2 if the peers could not be started.
"""

import argparse
import base64
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from processes import HAPROXY3, HERE, ROOT, free_port
import processes


def wait_port(port, proc, seconds=30):
    return processes.wait_port(port, proc, seconds)


def run(args, timeout=30, stdin=b""):
    """Runs a client; returns (exit status, stdout+stderr as text)."""
    return processes.run(args, timeout, stdin)


class Origin(http.server.BaseHTTPRequestHandler):
    """An HTTP/1.1 server that answers GET /size/N with N bytes and echoes a POST's length and framing."""
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.headers.get("Upgrade", "").lower() == "websocket":
            return self.websocket_echo()
        match = re.match(r"/size/(\d+)", self.path)
        body = b"x" * (int(match.group(1)) if match else 5)
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Request-Line", self.requestline)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        trailers = []
        if self.headers.get("Transfer-Encoding") == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    while True:
                        line = self.rfile.readline().strip()
                        if not line:
                            break
                        trailers.append(line.decode())
                    break
                data += self.rfile.read(size)
                self.rfile.readline()
        else:
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = ("%d %s" % (len(data), "chunked" if self.headers.get("Transfer-Encoding") else "length")).encode()
        if trailers:
            body += (" trailers=" + "|".join(trailers)).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def websocket_echo(self):
        """Accepts a WebSocket upgrade (RFC 6455 §4.2.2: the key's SHA-1 with the GUID, base64), then
        echoes the bytes it reads until the client's end (the tunnel is byte for byte: no framing)."""
        key = self.headers.get("Sec-WebSocket-Key", "")
        if len(base64.b64decode(key, validate=True)) != 16:
            self.send_error(400)
            return
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept.decode())
        self.end_headers()
        self.wfile.flush()
        while True:
            data = self.connection.recv(65536)
            if not data:
                break
            self.wfile.write(b"echo:" + data)
            self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


class OriginServer(http.server.ThreadingHTTPServer):
    """The origin, with a listen backlog that takes a burst of 200 new connections (the default is 5)."""
    request_queue_size = 1024
    daemon_threads = True


class Peers:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.procs = []
        self.ports = {name: free_port() for name in ("origin", "shuttle", "haproxy", "nginx", "shuttle_h2origin",
                                                     "haproxy_h2origin")}
        self.nginx = False
        self.origin = OriginServer(("127.0.0.1", self.ports["origin"]), Origin)
        threading.Thread(target=self.origin.serve_forever, daemon=True).start()

    def start(self, name, args, port):
        log = open(os.path.join(self.work, name + ".log"), "w")
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=self.work)
        self.procs.append((name, proc))
        if not wait_port(port, proc):
            raise RuntimeError(name + " did not start (see " + log.name + ")")

    def start_all(self):
        p = self.ports
        shuttle_cfg = f"""
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend h2
    bind 127.0.0.1:{p['shuttle']} proto h2
    http-response set-header x-version %[req.ver]
    default_backend origin
backend origin
    server o1 127.0.0.1:{p['origin']}
frontend h2origin
    bind 127.0.0.1:{p['shuttle_h2origin']}
    default_backend nginx
backend nginx
    http-reuse always
    server n1 127.0.0.1:{p['nginx']} proto h2
"""
        self.start_nginx()
        open(os.path.join(self.work, "shuttle.cfg"), "w").write(shuttle_cfg)
        self.start("shuttle", [self.args.shuttle, "-d", "-f", os.path.join(self.work, "shuttle.cfg")], p["shuttle"])
        haproxy_cfg = f"""
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend front
    bind 127.0.0.1:{p['haproxy']}
    default_backend shuttle
backend shuttle
    server shuttle 127.0.0.1:{p['shuttle']} proto h2
frontend h2origin
    bind 127.0.0.1:{p['haproxy_h2origin']}
    default_backend nginx
backend nginx
    http-reuse always
    server n1 127.0.0.1:{p['nginx']} proto h2
"""
        open(os.path.join(self.work, "haproxy.cfg"), "w").write(haproxy_cfg)
        if self.args.haproxy and os.path.exists(self.args.haproxy):
            self.start("haproxy", [self.args.haproxy, "-d", "-f", os.path.join(self.work, "haproxy.cfg")], p["haproxy"])

    def start_nginx(self):
        """nginx as an HTTP/2 origin with prior knowledge; each request's connection number is logged."""
        if not shutil.which("nginx"):
            return
        w = self.work
        os.makedirs(os.path.join(w, "nginx-tmp"), exist_ok=True)
        conf = f"""
daemon off;
worker_processes 1;
pid {w}/nginx.pid;
error_log {w}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    log_format conn '$connection $connection_requests $request_method $uri';
    access_log {w}/nginx-access.log conn;
    client_body_temp_path {w}/nginx-tmp/body;
    proxy_temp_path {w}/nginx-tmp/proxy;
    fastcgi_temp_path {w}/nginx-tmp/fastcgi;
    uwsgi_temp_path {w}/nginx-tmp/uwsgi;
    scgi_temp_path {w}/nginx-tmp/scgi;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{self.ports['nginx']} http2;
        location / {{
            add_header x-origin nginx;
            return 200 "nginx over h2: $request_method $uri $http_x_probe\n";
        }}
        location /files/ {{
            alias {w}/files/;
        }}
    }}
}}
"""
        os.makedirs(os.path.join(w, "files"), exist_ok=True)
        with open(os.path.join(w, "files", "big.bin"), "wb") as big:
            big.write(bytes(range(256)) * 4096)  # 1 MiB: sixteen times a stream window
        # nginx's workers may run as another user: the file must be readable to them.
        for path, mode in ((w, 0o755), (os.path.join(w, "files"), 0o755), (os.path.join(w, "files", "big.bin"), 0o644)):
            os.chmod(path, mode)
        open(os.path.join(w, "nginx.conf"), "w").write(conf)
        self.start("nginx", ["nginx", "-c", os.path.join(w, "nginx.conf"), "-p", w], self.ports["nginx"])
        self.nginx = True

    def nginx_connections(self, prefix, expected):
        """The distinct nginx connections that served the requests whose path starts with prefix, and
        their count; waits a little for the log lines nginx writes once the last response left."""
        deadline = time.time() + 5
        while True:
            connections = set()
            requests = 0
            with open(os.path.join(self.work, "nginx-access.log")) as log:
                for line in log:
                    fields = line.split()
                    if len(fields) == 4 and fields[3].startswith(prefix):
                        connections.add(fields[0])
                        requests += 1
            if requests >= expected or time.time() > deadline:
                return len(connections), requests
            time.sleep(0.1)

    def stop(self):
        for _, proc in self.procs:
            proc.terminate()
        for _, proc in self.procs:
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.origin.shutdown()

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.ports["shuttle"], path)


def case_curl_get(peers):
    code, out = run(["curl", "-sS", "--http2-prior-knowledge", "-D", "-", "-o", "/dev/null", peers.url("/size/20")])
    assert code == 0, out
    assert out.startswith("HTTP/2 200"), out
    assert "x-version: 2.0" in out, out
    assert "x-request-line: GET /size/20 HTTP/1.1" in out, out


def case_curl_post_length(peers):
    code, out = run(["curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@-", peers.url("/post")],
                    stdin=b"y" * 200000)
    assert code == 0 and out == "200000 length", out


def case_curl_post_chunked(peers):
    code, out = run(["curl", "-sS", "--http2-prior-knowledge", "-H", "Transfer-Encoding: chunked",
                     "--data-binary", "@-", peers.url("/post")], stdin=b"z" * 70000)
    assert code == 0 and out == "70000 chunked", out


def case_curl_large_download(peers):
    # Ten times the default window: the download needs WINDOW_UPDATEs from curl.
    code, out = run(["curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                     peers.url("/size/655350")])
    assert code == 0 and out == "200 655350", out


def case_nghttp_concurrent(peers):
    if not shutil.which("nghttp"):
        return "nghttp is not installed"
    urls = [peers.url("/size/%d" % (1000 + i)) for i in range(10)]
    code, out = run(["nghttp", "-n", "-s", "-m", "1"] + urls)
    assert code == 0, out
    code, out = run(["nghttp", "-v", "-n"] + urls)
    assert code == 0, out
    assert len(re.findall(r":status: 200", out)) == 10, out[-2000:]
    assert "GOAWAY" not in out or "NO_ERROR" in out, out[-2000:]


def case_h2load_many_streams(peers):
    if not shutil.which("h2load"):
        return "h2load is not installed"
    # 100 streams at once on each connection: as many as Shuttle allows, so a stream whose slot is
    # not freed the moment both sides ended it would be refused (REFUSED_STREAM, counted as failed).
    code, out = run(["h2load", "-n", "4000", "-c", "2", "-m", "100", peers.url("/size/100")], timeout=120)
    assert code == 0, out
    assert re.search(r"requests: 4000 total, 4000 started, 4000 done, 4000 succeeded, 0 failed", out), out
    assert re.search(r"status codes: 4000 2xx", out), out


def h2_python():
    """A python with the h2 library (Debian's python3-h2), or None."""
    for candidate in ("/usr/bin/python3", sys.executable):
        if subprocess.run([candidate, "-c", "import h2"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0:
            return candidate
    return None


def case_request_trailers(peers):
    # The h2 library (python3-h2) sends trailer fields after the body; Shuttle forwards them in the
    # last chunk of the HTTP/1.1 request, as HAProxy does.
    python = h2_python()
    if python is None:
        return "the h2 library (Debian's python3-h2) is not installed"
    code, out = run([python, os.path.join(HERE, "h2_trailers_client.py"), str(peers.ports["shuttle"]), "/post"])
    assert code == 0, out
    assert out.strip() == "200 18 chunked trailers=x-checksum: abc123|x-count: 2", out


def case_websocket_over_h2(peers):
    # RFC 8441 with the h2 library: Shuttle announces SETTINGS_ENABLE_CONNECT_PROTOCOL, sends the
    # HTTP/1.1 origin a GET upgrade with a key of its own making (the origin checks it and answers
    # 101 with its accept), answers the client 200, then the stream carries the bytes both ways.
    python = h2_python()
    if python is None:
        return "the h2 library (Debian's python3-h2) is not installed"
    code, out = run([python, os.path.join(HERE, "h2_websocket_client.py"), str(peers.ports["shuttle"]), "/ws",
                     "hello"])
    assert code == 0, out
    assert out.strip() == "200 echo:hello", out


def case_haproxy_in_front(peers):
    if not os.path.exists(peers.args.haproxy or ""):
        return "no HAProxy"
    url = "http://127.0.0.1:%d/size/3000" % peers.ports["haproxy"]
    for _ in range(3):
        code, out = run(["curl", "-sS", "-D", "-", "-o", "/dev/null", url])
        assert code == 0 and " 200" in out.splitlines()[0], out
        assert "x-version: 2.0" in out, out
    code, out = run(["curl", "-sS", "--data-binary", "@-", "http://127.0.0.1:%d/post" % peers.ports["haproxy"]],
                    stdin=b"q" * 50000)
    assert code == 0 and out.startswith("50000 "), out


def sequential_requests(port, prefix, count):
    """count requests one after another, each on a new client connection: one stream at a time."""
    import http.client
    for i in range(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "%s/%d" % (prefix, i), headers={"x-probe": "p"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        assert response.status == 200 and body.startswith(b"nginx over h2: GET "), (response.status, body)


def case_nginx_h2_origin(peers):
    if not peers.nginx:
        return "nginx is not installed"
    port = peers.ports["shuttle_h2origin"]
    code, out = run(["curl", "-sS", "-D", "-", "-H", "x-probe: hello", "http://127.0.0.1:%d/get" % port])
    assert code == 0 and out.startswith("HTTP/1.1 200"), out
    assert "x-origin: nginx" in out and "nginx over h2: GET /get hello" in out, out
    code, out = run(["curl", "-sS", "--data-binary", "@-", "http://127.0.0.1:%d/upload" % port],
                    stdin=b"u" * 300000)
    assert code == 0 and out.startswith("nginx over h2: POST /upload"), out


def case_h2_client_to_nginx_large_download(peers):
    # HTTP/2 both sides: curl's stream on Shuttle's preface-detecting bind, nginx's stream behind;
    # 1 MiB needs Shuttle's WINDOW_UPDATEs to nginx and curl's to Shuttle.
    if not peers.nginx:
        return "nginx is not installed"
    code, out = run(["curl", "-sS", "--http2-prior-knowledge", "-o", "/dev/null", "-w",
                     "%{http_code} %{http_version} %{size_download}",
                     "http://127.0.0.1:%d/files/big.bin" % peers.ports["shuttle_h2origin"]], timeout=60)
    assert code == 0 and out == "200 2 1048576", out


def case_reuse_ratio_always(peers):
    # Seed 004: at one stream at a time, http-reuse always must reuse the server connection for
    # (nearly) every request, not every other one. 1000 requests, each from a new client connection.
    if not peers.nginx:
        return "nginx is not installed"
    count = 1000
    sequential_requests(peers.ports["shuttle_h2origin"], "/shuttle-reuse", count)
    connections, served = peers.nginx_connections("/shuttle-reuse", count)
    assert served == count, served
    ratio = 100.0 * (count - connections) / count
    line = "reuse ratio (http-reuse always, 1 stream at a time, %d requests): Shuttle %d connections, %.1f%%" % (
        count, connections, ratio)
    if os.path.exists(peers.args.haproxy or "") and "haproxy_h2origin" in peers.ports:
        try:
            sequential_requests(peers.ports["haproxy_h2origin"], "/haproxy-reuse", count)
            h_connections, _ = peers.nginx_connections("/haproxy-reuse", count)
            line += "; HAProxy %d connections, %.1f%%" % (h_connections, 100.0 * (count - h_connections) / count)
        except (AssertionError, OSError) as e:
            line += "; HAProxy not measured (%s)" % e
    print("  " + line)
    assert ratio >= 99.0, line


CASES = [case_curl_get, case_curl_post_length, case_curl_post_chunked, case_curl_large_download,
         case_nghttp_concurrent, case_h2load_many_streams, case_request_trailers, case_websocket_over_h2,
         case_haproxy_in_front, case_nginx_h2_origin, case_h2_client_to_nginx_large_download,
         case_reuse_ratio_always]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", action="store_true", help="print the peers' logs at the end")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    parser.add_argument("--haproxy", default=os.environ.get("HAPROXY3") or
                        (HAPROXY3 if os.path.exists(HAPROXY3) else shutil.which("haproxy") or "/usr/sbin/haproxy"))
    parser.add_argument("names", nargs="*", help="run only the cases whose name contains one of these")
    args = parser.parse_args()
    if not shutil.which("curl"):
        print("h2 interop: curl is missing")
        return 2
    work = tempfile.mkdtemp(prefix="shuttle-h2-interop-")
    peers = Peers(args, work)
    try:
        peers.start_all()
    except RuntimeError as e:
        print("h2 interop: peers could not be started: %s" % e)
        peers.stop()
        return 2
    passed = failed = 0
    try:
        for case in CASES:
            name = case.__name__[len("case_"):]
            if args.names and not any(n in name for n in args.names):
                continue
            try:
                skipped = case(peers)
                if skipped:
                    print("  skip %s: %s" % (name, skipped))
                    continue
                print("  ok   %s" % name)
                passed += 1
            except AssertionError as e:
                print("  FAIL %s: %s" % (name, str(e)[:1500]))
                failed += 1
    finally:
        peers.stop()
        if args.v:
            for name, _ in peers.procs:
                print("---- %s.log" % name)
                print(open(os.path.join(work, name + ".log")).read()[-5000:])
    print("h2 interop: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
