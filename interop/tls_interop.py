#!/usr/bin/env python3
"""TLS interoperability: Shuttle with the TLS clients and servers users pair it with.

    interop/tls_interop.py [-v] [--shuttle PATH] [--haproxy PATH] [--nginx PATH] [CASE...]

Every peer is a real program, started here: curl and `openssl s_client` as clients of a Shuttle
TLS listener; nginx as a TLS origin behind Shuttle and as a TLS client in front of it; HAProxy
(3.5 when it is built on this machine, else Debian's 2.6, both with OpenSSL) on either side of
Shuttle; health checks over TLS against nginx, compared with HAProxy's (interop/check_tls.py).
Certificates are made at run time by vtc/tls/make-certs.sh (a CA, EC and RSA server
certificates, a client certificate).

Each case prints "  ok   <name>" or "  FAIL <name>: <why>"; the last line is
"tls interop: N passed, N failed". Exit 0 if nothing failed, 1 if something did, 2 if the
peers could not be started.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import check_tls

from processes import HAPROXY3, ROOT, free_port
import processes


def wait_port(port, proc, seconds=20):
    return processes.wait_port(port, proc, seconds)


def run(args, timeout=15, stdin=b""):
    """Runs a client; returns (exit status, stdout+stderr as text)."""
    return processes.run(args, timeout, stdin)


class Peers:
    """The certificates, and the processes this run starts; stops them all at the end."""

    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.certs = os.path.join(work, "certs")
        self.procs = []
        subprocess.run(["sh", os.path.join(ROOT, "vtc", "tls", "make-certs.sh"), self.certs], check=True)
        self.port = {name: free_port() for name in
                     ("shuttle_tls", "shuttle_to_nginx", "shuttle_to_haproxy", "nginx_tls", "haproxy_tls",
                      "haproxy_front", "nginx_front", "shuttle_plain_origin", "shuttle_to_haproxy_h2")}

    def cert(self, name):
        return os.path.join(self.certs, name)

    def start(self, name, args, port):
        log = open(os.path.join(self.work, name + ".log"), "wb")
        proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=self.work)
        self.procs.append(proc)
        if not wait_port(port, proc):
            raise RuntimeError(name + " did not start; see " + log.name + ":\n"
                               + open(log.name, encoding="utf-8", errors="replace").read()[-2000:])

    def stop(self):
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()

    def start_all(self):
        p, c = self.port, self.cert
        # Shuttle: a TLS listener that says what it negotiated, and clear listeners that go out
        # over TLS to nginx and to HAProxy.
        shuttle_cfg = f"""
global
    ssl-server-verify required
defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend tls
    bind 127.0.0.1:{p['shuttle_tls']} ssl crt {c('site.pem')} crt {c('site-rsa.pem')} verify optional ca-file {c('ca.crt')}
    http-request return status 200 content-type text/plain hdr x-tls "%[ssl_fc_protocol] %[ssl_fc_sni] %[ssl_fc_alpn] %[ssl_fc_is_resumed]" hdr x-client "%[ssl_c_s_dn(CN)]" hdr x-key "%[ssl_f_key_alg]" string "shuttle"
frontend to_nginx
    bind 127.0.0.1:{p['shuttle_to_nginx']}
    http-response set-header x-bc "%[ssl_bc_protocol] %[ssl_bc_sni] %[ssl_bc_alpn]"
    default_backend nginx
backend nginx
    server nginx 127.0.0.1:{p['nginx_tls']} ssl ca-file {c('ca.crt')} sni str(www.test) alpn http/1.1 crt {c('client.pem')}
frontend to_haproxy
    bind 127.0.0.1:{p['shuttle_to_haproxy']}
    http-response set-header x-bc "%[ssl_bc_protocol] %[ssl_bc_sni]"
    default_backend haproxy
backend haproxy
    server haproxy 127.0.0.1:{p['haproxy_tls']} ssl ca-file {c('ca.crt')} crt {c('client.pem')}
frontend to_haproxy_h2
    bind 127.0.0.1:{p['shuttle_to_haproxy_h2']}
    http-response set-header x-bc "%[ssl_bc_alpn] %[bc_http_major]"
    default_backend haproxy_h2
backend haproxy_h2
    server haproxy 127.0.0.1:{p['haproxy_tls']} ssl ca-file {c('ca.crt')} crt {c('client.pem')} alpn h2,http/1.1
"""
        open(os.path.join(self.work, "shuttle.cfg"), "w").write(shuttle_cfg)
        # nginx: a TLS origin that asks for a client certificate and echoes what it saw, and a
        # TLS client (proxy_pass https://) in front of Shuttle's TLS listener.
        nginx_cfg = f"""
daemon off;
master_process off;
pid {self.work}/nginx.pid;
error_log {self.work}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {self.work}/nginx-body;
    proxy_temp_path {self.work}/nginx-proxy;
    fastcgi_temp_path {self.work}/nginx-fastcgi;
    uwsgi_temp_path {self.work}/nginx-uwsgi;
    scgi_temp_path {self.work}/nginx-scgi;
    server {{
        listen 127.0.0.1:{p['nginx_tls']} ssl;
        ssl_certificate {c('site.crt')};
        ssl_certificate_key {c('site.key')};
        ssl_client_certificate {c('ca.crt')};
        ssl_verify_client optional;
        ssl_protocols TLSv1.2 TLSv1.3;
        location / {{
            add_header x-nginx "$ssl_server_name $ssl_protocol $ssl_client_verify $ssl_client_s_dn" always;
            return 200 "nginx\\n";
        }}
    }}
    server {{
        listen 127.0.0.1:{p['nginx_front']};
        location / {{
            proxy_pass https://127.0.0.1:{p['shuttle_tls']};
            proxy_ssl_server_name on;
            proxy_ssl_name www.test;
            proxy_ssl_verify on;
            proxy_ssl_trusted_certificate {c('ca.crt')};
            proxy_ssl_certificate {c('client.crt')};
            proxy_ssl_certificate_key {c('client.key')};
            proxy_ssl_session_reuse on;
            proxy_ssl_protocols TLSv1.2 TLSv1.3;
        }}
    }}
}}
"""
        open(os.path.join(self.work, "nginx.conf"), "w").write(nginx_cfg)
        # HAProxy: a TLS listener (Shuttle's server) and a clear listener whose server is
        # Shuttle's TLS listener (Shuttle's client).
        haproxy_cfg = f"""
defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend tls
    bind 127.0.0.1:{p['haproxy_tls']} ssl crt {c('site.pem')} verify required ca-file {c('ca.crt')}
    http-request return status 200 content-type text/plain hdr x-haproxy "%[ssl_fc_protocol] %[ssl_fc_sni] %[ssl_c_s_dn(CN)]" hdr x-major "%[fc_http_major]" string "haproxy"
frontend front
    bind 127.0.0.1:{p['haproxy_front']}
    http-response set-header x-bc "%[ssl_bc_protocol] %[ssl_bc_alpn]"
    default_backend shuttle
backend shuttle
    server shuttle 127.0.0.1:{p['shuttle_tls']} ssl verify required ca-file {c('ca.crt')} sni str(www.test) alpn http/1.1 crt {c('client.pem')}
"""
        open(os.path.join(self.work, "haproxy.cfg"), "w").write(haproxy_cfg)
        self.start("shuttle", [self.args.shuttle, "-d", "-f", os.path.join(self.work, "shuttle.cfg")],
                   p["shuttle_tls"])
        for d in ("nginx-body", "nginx-proxy", "nginx-fastcgi", "nginx-uwsgi", "nginx-scgi"):
            os.makedirs(os.path.join(self.work, d), exist_ok=True)
        self.start("nginx", [self.args.nginx, "-p", self.work, "-c", os.path.join(self.work, "nginx.conf")],
                   p["nginx_tls"])
        self.start("haproxy", [self.args.haproxy, "-d", "-f", os.path.join(self.work, "haproxy.cfg")],
                   p["haproxy_tls"])


def header(text, name):
    for line in text.splitlines():
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return None


def cases(peers):
    """Each case: (name, function returning None when it passes, else why it failed)."""
    p, c = peers.port, peers.cert
    tls = f"https://www.test:{p['shuttle_tls']}/"
    resolve = ["--resolve", f"www.test:{p['shuttle_tls']}:127.0.0.1"]

    def curl(*extra):
        return run(["curl", "-sS", "-D", "-", "-o", "/dev/null", "--cacert", c("ca.crt")] + resolve + list(extra))

    def expect(text, name, value):
        got = header(text, name)
        return None if got == value else f"{name}: expected {value!r}, got {got!r}\n{text[-600:]}"

    def curl_tls13():
        status, out = curl("--http1.1", tls)
        return expect(out, "x-tls", "TLSv1.3 www.test http/1.1 0") or expect(out, "x-key", "id-ecPublicKey")

    def curl_tls12_rsa():
        status, out = curl("--http1.1", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256", tls)
        return expect(out, "x-tls", "TLSv1.2 www.test http/1.1 0") or expect(out, "x-key", "rsaEncryption")

    def curl_client_certificate():
        status, out = curl("--http1.1", "--cert", c("client.crt"), "--key", c("client.key"), tls)
        return expect(out, "x-client", "client.test")

    def curl_h2_over_alpn():
        status, out = curl("--http2", tls)
        return expect(out, "x-tls", "TLSv1.3 www.test h2 0") or (
            None if out.startswith("HTTP/2 200") else "not HTTP/2:\n" + out[:300])

    def curl_resumes_its_session():
        # One curl, two transfers on two connections: the second resumes the first's session.
        status, out = curl("--http1.1", "--no-keepalive", "-H", "Connection: close", tls, tls)
        values = [line.split(":", 1)[1].strip() for line in out.splitlines() if line.lower().startswith("x-tls:")]
        return None if values == ["TLSv1.3 www.test http/1.1 0", "TLSv1.3 www.test http/1.1 1"] else \
            f"x-tls of the two transfers: {values}"

    def curl_rejects_wrong_name():
        status, out = run(["curl", "-sS", "--cacert", c("ca.crt"), "--resolve",
                           f"nowhere.test:{p['shuttle_tls']}:127.0.0.1", f"https://nowhere.test:{p['shuttle_tls']}/"])
        return None if status == 60 and "nowhere.test" in out else f"curl exit {status}: {out[-300:]}"

    def s_client(*extra, stdin=b"GET / HTTP/1.1\r\nHost: www.test\r\nConnection: close\r\n\r\n"):
        return run(["openssl", "s_client", "-connect", f"127.0.0.1:{p['shuttle_tls']}", "-servername", "www.test",
                    "-CAfile", c("ca.crt"), "-ign_eof"] + list(extra), stdin=stdin)

    def openssl_alpn_and_verify():
        status, out = s_client("-alpn", "http/1.1")
        for needle in ("Verify return code: 0 (ok)", "ALPN protocol: http/1.1", "x-tls: TLSv1.3 www.test http/1.1 0"):
            if needle not in out:
                return f"no {needle!r} in:\n{out[-800:]}"
        return None

    def openssl_tls12_session_resumption():
        sess = os.path.join(peers.work, "s_client.sess")
        run(["openssl", "s_client", "-connect", f"127.0.0.1:{p['shuttle_tls']}", "-servername", "www.test",
             "-tls1_2", "-sess_out", sess], stdin=b"")
        status, out = s_client("-tls1_2", "-sess_in", sess)
        return None if "Reused, TLSv1.2" in out and "x-tls: TLSv1.2 www.test  1" in out else \
            "not resumed:\n" + out[-800:]

    def openssl_unknown_protocol_version():
        status, out = run(["openssl", "s_client", "-connect", f"127.0.0.1:{p['shuttle_tls']}", "-tls1_1"], stdin=b"")
        return None if status != 0 and ("alert protocol version" in out or "no protocols available" in out) else \
            f"exit {status}:\n{out[-500:]}"

    def shuttle_to_nginx():
        status, out = run(["curl", "-sS", "-D", "-", f"http://127.0.0.1:{p['shuttle_to_nginx']}/"])
        return expect(out, "x-nginx", "www.test TLSv1.3 SUCCESS CN=client.test,O=Shuttle tests") or \
            expect(out, "x-bc", "TLSv1.3 www.test http/1.1")

    def nginx_to_shuttle():
        status, out = run(["curl", "-sS", "-D", "-", f"http://127.0.0.1:{p['nginx_front']}/"])
        return expect(out, "x-tls", "TLSv1.3 www.test  0") or expect(out, "x-client", "client.test")

    def shuttle_to_haproxy():
        status, out = run(["curl", "-sS", "-D", "-", f"http://127.0.0.1:{p['shuttle_to_haproxy']}/"])
        # No sni on the server line, and no sni-auto for an IP address: no SNI is sent.
        return expect(out, "x-haproxy", "TLSv1.3  client.test") or expect(out, "x-bc", "TLSv1.3")

    def shuttle_to_haproxy_over_alpn_h2():
        status, out = run(["curl", "-sS", "-D", "-", f"http://127.0.0.1:{p['shuttle_to_haproxy_h2']}/"])
        # ALPN chose h2: Shuttle speaks HTTP/2 to HAProxy, which sees an HTTP/2 stream.
        return expect(out, "x-major", "2") or expect(out, "x-bc", "h2 2")

    def haproxy_to_shuttle():
        status, out = run(["curl", "-sS", "-D", "-", f"http://127.0.0.1:{p['haproxy_front']}/"])
        return expect(out, "x-tls", "TLSv1.3 www.test http/1.1 0") or expect(out, "x-client", "client.test") or \
            expect(out, "x-bc", "TLSv1.3 http/1.1")

    return [("curl: TLS 1.3, SNI, ALPN, the ECDSA certificate", curl_tls13),
            ("curl: TLS 1.2 with an RSA-only cipher gets the RSA certificate", curl_tls12_rsa),
            ("curl: client certificate with verify optional", curl_client_certificate),
            ("curl: --http2 speaks HTTP/2 after ALPN chose h2", curl_h2_over_alpn),
            ("curl: the second connection resumes the session", curl_resumes_its_session),
            ("curl: a name the certificate lacks is refused by curl", curl_rejects_wrong_name),
            ("openssl s_client: ALPN and a verified chain", openssl_alpn_and_verify),
            ("openssl s_client: TLS 1.2 session resumption (-sess_in)", openssl_tls12_session_resumption),
            ("openssl s_client: TLS 1.1 is refused", openssl_unknown_protocol_version),
            ("Shuttle to nginx: SNI, verification, client certificate", shuttle_to_nginx),
            ("nginx to Shuttle: proxy_ssl with SNI, verification, client certificate", nginx_to_shuttle),
            ("Shuttle to HAProxy: verification, client certificate", shuttle_to_haproxy),
            ("Shuttle to HAProxy: alpn h2,http/1.1 settles on h2, HTTP/2 to the server", shuttle_to_haproxy_over_alpn_h2),
            ("HAProxy to Shuttle: SNI, ALPN, verification, client certificate", haproxy_to_shuttle)] \
        + check_tls.cases(peers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", action="store_true", help="print the peers' logs at the end")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    parser.add_argument("--haproxy", default=os.environ.get("HAPROXY3") or
                        (HAPROXY3 if os.access(HAPROXY3, os.X_OK) else shutil.which("haproxy") or "/usr/sbin/haproxy"))
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    parser.add_argument("names", nargs="*", help="run only the cases whose name contains one of these")
    args = parser.parse_args()
    for tool in ("curl", "openssl"):
        if not shutil.which(tool):
            print(f"tls interop: needs {tool}", file=sys.stderr)
            return 2
    work = tempfile.mkdtemp(prefix="shuttle-tls-interop-")
    peers = Peers(args, work)
    version = run([args.haproxy, "-v"])[1].splitlines()[0] if os.path.exists(args.haproxy) else "none"
    print(f"tls interop: haproxy peer {version}")
    try:
        peers.start_all()
    except (RuntimeError, OSError) as e:
        print(f"tls interop: peers could not be started: {e}", file=sys.stderr)
        peers.stop()
        return 2
    passed = failed = 0
    try:
        for name, check in cases(peers):
            if args.names and not any(n in name for n in args.names):
                continue
            try:
                why = check()
            except Exception as e:  # a case that crashes is a failed case
                why = f"{type(e).__name__}: {e}"
            if why is None:
                passed += 1
                print(f"  ok   {name}")
            else:
                failed += 1
                print(f"  FAIL {name}: {why}")
    finally:
        peers.stop()
        if args.v:
            for log in sorted(os.listdir(work)):
                if log.endswith(".log"):
                    print(f"=== {log}\n" + open(os.path.join(work, log), encoding="utf-8", errors="replace").read())
    print(f"tls interop: {passed} passed, {failed} failed")
    if failed == 0:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
