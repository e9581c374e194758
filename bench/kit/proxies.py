"""The origin and the proxies under test: their configuration files (equivalent settings for
each) and how to start them. Every proxy exposes two ports: `port` forwards to the origin
with no connection limit, `port + 1` to the same origin with at most 32 server connections
(HAProxy's `maxconn 32`, the queueing scenario)."""

import os
import re
import resource
import shutil
import subprocess
import textwrap

from procs import Process, pinned

ORIGIN_PORT = 19000
ORIGIN_STATUS_PORT = 19001
SMALL_BODY = "x" * 63 + "\n"  # a 64-byte response body
PROXY_CORE = 1
# The TLS listener of Shuttle and HAProxy (http mode, TLS scenarios): port + 2.
TLS_PORT_OFFSET = 2
# The HTTP/2 listener (prior knowledge, `bind ... proto h2`) of Shuttle and HAProxy (http mode): port + 3.
H2_PORT_OFFSET = 3
OTHER_CORE = 0
QUEUE_MAXCONN = 32
NGINX_STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so"
# Descriptors: the hard limit is all a process gets (a container may forbid raising it).
FD_LIMIT = min(resource.getrlimit(resource.RLIMIT_NOFILE)[1], 200_000)
# A TCP-mode connection holds two descriptors in the proxy: leave room for listeners and logs.
PROXY_MAXCONN = (FD_LIMIT - 1000) // 2
# Idle connections in the 'idle' scenario: 10,000, or what the descriptor limit allows.
IDLE_MAX = min(10_000, PROXY_MAXCONN - 500)


def nginx_common(workdir, name):
    """Top of an nginx configuration: foreground, one worker, temp files under the work dir."""
    tmp = os.path.join(workdir, f"{name}-tmp")
    os.makedirs(tmp, exist_ok=True)
    return textwrap.dedent(f"""\
        daemon off;
        worker_processes 1;
        worker_rlimit_nofile {FD_LIMIT};
        pid {workdir}/{name}.pid;
        error_log {workdir}/{name}-error.log warn;
        events {{ worker_connections {FD_LIMIT - 500}; multi_accept on; }}
        """), tmp


def nginx_http_temps(tmp):
    return "".join(f"    {kind}_temp_path {tmp}/{kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))


class Origin:
    """nginx serving /small (64 bytes), /1m (1 MiB, sendfile) and /post (body read, 'ok'),
    plus stub_status on its own port: its `accepts` counter counts backend connects."""

    def __init__(self, workdir):
        self.workdir = workdir
        www = os.path.join(workdir, "www")
        os.makedirs(www, exist_ok=True)
        with open(os.path.join(www, "1m"), "wb") as f:
            f.write(b"y" * (1 << 20))
        head, tmp = nginx_common(workdir, "origin")
        config = head + "http {\n" + nginx_http_temps(tmp) + textwrap.dedent(f"""\
                access_log off;
                sendfile on;
                tcp_nopush on;
                keepalive_timeout 300s;
                keepalive_requests 100000000;
                default_type text/plain;
                server {{
                    listen 127.0.0.1:{ORIGIN_PORT} backlog=4096 reuseport;
                    root {www};
                    location = /small {{ return 200 "{SMALL_BODY[:-1]}\\n"; }}
                    location = /post {{
                        client_max_body_size 1m;
                        client_body_buffer_size 128k;
                        return 200 "ok\\n";
                    }}
                }}
                server {{
                    listen 127.0.0.1:{ORIGIN_STATUS_PORT};
                    location / {{ stub_status; }}
                }}
            }}
            """)
        self.config_path = os.path.join(workdir, "origin.conf")
        with open(self.config_path, "w") as f:
            f.write(config)
        self.process = None

    def start(self):
        self.process = Process("origin", pinned(OTHER_CORE, [
            "nginx", "-e", f"{self.workdir}/origin-error.log", "-c", self.config_path]), self.workdir)
        return self.process


class Proxy:
    """A proxy under test: name, two ports, a command to start it pinned to the proxy core."""

    name = "?"
    label = "?"
    # The port of its TLS listener, for the proxies that have one (Shuttle, HAProxy; http mode).
    tls_port = None
    # The port of its HTTP/2 listener (prior knowledge), for those that have one (Shuttle, HAProxy; http mode).
    h2_port = None

    def __init__(self, workdir, mode, port, log):
        self.workdir, self.mode, self.port, self.log = workdir, mode, port, log
        self.process = None

    def command(self):
        raise NotImplementedError

    def env(self):
        return {}

    def version(self):
        return ""

    def start(self):
        self.process = Process(self.name, pinned(PROXY_CORE, self.command()), self.workdir, self.env())
        return self.process

    def stop(self):
        if self.process:
            self.process.stop()
            self.process = None

    def write(self, filename, text):
        path = os.path.join(self.workdir, filename)
        with open(path, "w") as f:
            f.write(text)
        return path


def haproxy_style_config(mode, port, log, nbthread, tls_cert=None, h2=False):
    """The configuration Shuttle and HAProxy share: same keywords, same timeouts, same log. With
    `tls_cert` (http mode), a TLS listener on port + 2 in front of the same backend; with `h2`
    (http mode, the HTTP/2 scenarios), an HTTP/2 listener (prior knowledge) on port + 3, in front
    of the same backend too (only then: a baseline Shuttle older than HTTP/2 refuses `proto h2`)."""
    log_global = "    log stdout local0\n" if log else ""
    log_defaults = ("    log global\n    option httplog\n" if mode == "http" else
                    "    log global\n    option tcplog\n") if log else ""
    if isinstance(log, str):
        # --log-format: a custom line instead of the option's (the cost of log-format against httplog).
        escaped = log.replace('"', '\\"')
        log_defaults = f'    log global\n    log-format "{escaped}"\n'

    http_timeouts = ("    timeout http-request 10s\n    timeout http-keep-alive 60s\n"
                     if mode == "http" else "")
    threads = "    nbthread 1\n" if nbthread else ""
    return (
        "global\n" + threads + f"    maxconn {PROXY_MAXCONN}\n" + log_global +
        "defaults\n" f"    mode {mode}\n" + log_defaults +
        "    timeout connect 5s\n    timeout client 60s\n    timeout server 60s\n"
        "    timeout queue 30s\n" + http_timeouts +
        "frontend fe\n" f"    bind 127.0.0.1:{port}\n" "    default_backend be\n"
        "backend be\n" f"    server origin 127.0.0.1:{ORIGIN_PORT}\n"
        "frontend fe_queue\n" f"    bind 127.0.0.1:{port + 1}\n" "    default_backend be_queue\n"
        "backend be_queue\n" f"    server origin 127.0.0.1:{ORIGIN_PORT} maxconn {QUEUE_MAXCONN}\n" +
        (f"frontend fe_tls\n    bind 127.0.0.1:{port + TLS_PORT_OFFSET} ssl crt {tls_cert}\n"
         "    default_backend be\n" if tls_cert and mode == "http" else "") +
        (f"frontend fe_h2\n    bind 127.0.0.1:{port + H2_PORT_OFFSET} proto h2\n"
         "    default_backend be\n" if h2 and mode == "http" else ""))


class Shuttle(Proxy):
    name, label = "shuttle", "Shuttle"

    def __init__(self, workdir, mode, port, log, root, java_opts="", tls_cert=None, h2=False):
        super().__init__(workdir, mode, port, log)
        self.root, self.java_opts = root, java_opts
        self.tls_port = port + TLS_PORT_OFFSET if tls_cert and mode == "http" else None
        self.h2_port = port + H2_PORT_OFFSET if h2 and mode == "http" else None
        self.config_path = self.write(f"{self.name}.cfg",
                                      haproxy_style_config(mode, port, log, nbthread=False, tls_cert=tls_cert, h2=h2))

    def command(self):
        return [os.path.join(self.root, "scripts/shuttle"), "-db", "-f", self.config_path]

    def env(self):
        return {"SHUTTLE_JAVA_OPTS": self.java_opts} if self.java_opts else {}

    def stop(self):
        """With --jfr, dumps the recording first (jcmd JFR.dump): Shuttle halts on SIGTERM, and a
        halted JVM writes nothing of its recording."""
        match = re.search(r"StartFlightRecording=filename=([^,\s]+)", self.java_opts)
        if match and self.process and self.process.alive():
            jcmd = os.path.join(os.path.dirname(os.path.realpath(f"/proc/{self.process.pid}/exe")), "jcmd")
            subprocess.run([jcmd, str(self.process.pid), "JFR.dump", f"filename={match.group(1)}"],
                           capture_output=True, text=True, timeout=120)
        super().stop()

    def version(self):
        out = subprocess.run([os.path.join(self.root, "scripts/shuttle"), "-v"],
                             capture_output=True, text=True).stdout
        return out.splitlines()[0] if out else ""


class ShuttleBaseline(Shuttle):
    """The other build of an A/B (--baseline-root): the same configuration (its own port), the
    same core, run from its own tree."""

    name, label = "shuttle-base", "Shuttle (baseline)"


class Haproxy(Proxy):
    name, label = "haproxy", "HAProxy"

    def __init__(self, workdir, mode, port, log, tls_cert=None, h2=False):
        super().__init__(workdir, mode, port, log)
        self.tls_port = port + TLS_PORT_OFFSET if tls_cert and mode == "http" else None
        self.h2_port = port + H2_PORT_OFFSET if h2 and mode == "http" else None
        self.config_path = self.write(f"{self.name}.cfg",
                                      haproxy_style_config(mode, port, log, nbthread=True, tls_cert=tls_cert, h2=h2))

    # The program: Debian's haproxy (2.6) on the PATH.
    program = "haproxy"

    def command(self):
        return [self.program, "-db", "-f", self.config_path]

    def version(self):
        return subprocess.run([self.program, "-v"], capture_output=True, text=True).stdout.splitlines()[0]


class Haproxy3(Haproxy):
    """HAProxy 3.5 (the generation Shuttle follows), built once per machine by
    ../shared/peers/haproxy3: the same configuration file as HAProxy 2.6, its own port."""

    name, label = "haproxy3", "HAProxy 3.5"

    def __init__(self, workdir, mode, port, log, program, tls_cert=None, h2=False):
        self.program = program
        super().__init__(workdir, mode, port, log, tls_cert, h2)  # writes haproxy3.cfg


def haproxy3_program(root):
    """The HAProxy 3.5 binary of ../shared/peers (beside the Shuttle clone `root`), or None with
    the reason when that folder or its script is absent or gives no binary."""
    script = os.path.join(os.path.dirname(os.path.abspath(root)), "shared", "peers", "haproxy3")
    if not os.path.isfile(script):
        return None, f"{script} not found"
    done = subprocess.run([script, "--path"], capture_output=True, text=True)
    path = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not os.access(path, os.X_OK):
        return None, f"{script} --path failed: {done.stderr.strip()[-300:]}"
    return path, ""


class NginxProxy(Proxy):
    """nginx as a reverse proxy: upstream keep-alive, streaming in both directions, no disk."""

    name, label = "nginx", "nginx"

    def __init__(self, workdir, mode, port, log):
        super().__init__(workdir, mode, port, log)
        head, tmp = nginx_common(workdir, "nginx")
        if mode == "http":
            access = "access_log /dev/null;" if log else "access_log off;"
            body = "http {\n" + nginx_http_temps(tmp) + textwrap.dedent(f"""\
                    {access}
                    keepalive_timeout 60s;
                    keepalive_requests 100000000;
                    upstream be {{
                        server 127.0.0.1:{ORIGIN_PORT};
                        keepalive 1024;
                        keepalive_requests 100000000;
                        keepalive_timeout 60s;
                    }}
                    upstream be_queue {{
                        server 127.0.0.1:{ORIGIN_PORT} max_conns={QUEUE_MAXCONN};
                        keepalive {QUEUE_MAXCONN};
                        keepalive_requests 100000000;
                    }}
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_request_buffering off;
                    proxy_max_temp_file_size 0;
                    client_max_body_size 1m;
                    server {{
                        listen 127.0.0.1:{port} backlog=4096;
                        location / {{ proxy_pass http://be; }}
                    }}
                    server {{
                        listen 127.0.0.1:{port + 1} backlog=4096;
                        location / {{ proxy_pass http://be_queue; }}
                    }}
                }}
                """)
            head = head
        else:
            access = "access_log /dev/null basic;" if log else "access_log off;"
            head = f"load_module {NGINX_STREAM_MODULE};\n" + head
            body = textwrap.dedent(f"""\
                stream {{
                    log_format basic '$remote_addr [$time_local] $protocol $status $bytes_sent $bytes_received $session_time';
                    {access}
                    upstream be {{ server 127.0.0.1:{ORIGIN_PORT}; }}
                    upstream be_queue {{ server 127.0.0.1:{ORIGIN_PORT} max_conns={QUEUE_MAXCONN}; }}
                    server {{ listen 127.0.0.1:{port} backlog=4096; proxy_pass be; }}
                    server {{ listen 127.0.0.1:{port + 1} backlog=4096; proxy_pass be_queue; }}
                }}
                """)
            # The stream module also wants an http-less temp setup: nothing else needed.
        self.config_path = self.write("nginx.conf", head + body)

    def command(self):
        return ["nginx", "-e", f"{self.workdir}/nginx-error.log", "-c", self.config_path]

    def version(self):
        return subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()


class VertxProxy(Proxy):
    """The Java NIO reference: bench/nio-proxy (Vert.x 4, one event loop, JDK NIO transport)."""

    name, label = "vertx", "Vert.x"
    JVM_OPTS = ["-XX:+UseSerialGC", "-Xss512k", "-XX:-UsePerfData"]  # as scripts/shuttle

    def __init__(self, workdir, mode, port, log, root, java):
        super().__init__(workdir, mode, port, log)
        self.root, self.java = root, java

    def command(self):
        target = os.path.join(self.root, "bench/nio-proxy/target")
        logging = [] if self.log else ["-Dnioproxy.log=false"]
        return [self.java, *self.JVM_OPTS, *logging, "-cp", f"{target}/nio-proxy.jar:{target}/lib/*",
                "dev.shuttle.bench.nioproxy.NioProxy", self.mode,
                str(self.port), str(ORIGIN_PORT), "100000",
                str(self.port + 1), str(ORIGIN_PORT), str(QUEUE_MAXCONN)]

    def version(self):
        jars = os.listdir(os.path.join(self.root, "bench/nio-proxy/target/lib"))
        return " ".join(sorted(j[:-4] for j in jars if j.startswith(("vertx-core", "netty-transport-4"))))


def make_proxies(names, workdir, mode, log, root, java, shuttle_java_opts, port_offset=0,
                 baseline_root=None, baseline_java_opts="", tls_cert=None, h2=False, haproxy3=None):
    """The named proxies; Shuttle runs from `root`, the baseline Shuttle from `baseline_root`,
    HAProxy 3.5 from the program `haproxy3` (see haproxy3_program).
    With `tls_cert`, Shuttle and HAProxy also listen with TLS (the TLS scenarios); with `h2`, with
    HTTP/2 (the HTTP/2 scenarios)."""
    ports = {"shuttle": 19100, "haproxy": 19200, "nginx": 19300, "vertx": 19400, "shuttle-base": 19500,
             "haproxy3": 19600}
    made = []
    for name in names:
        port = ports[name] + port_offset
        if name == "shuttle":
            made.append(Shuttle(workdir, mode, port, log, root, shuttle_java_opts, tls_cert, h2))
        elif name == "shuttle-base":
            made.append(ShuttleBaseline(workdir, mode, port, log, baseline_root, baseline_java_opts, tls_cert, h2))
        elif name == "haproxy":
            made.append(Haproxy(workdir, mode, port, log, tls_cert, h2))
        elif name == "haproxy3":
            made.append(Haproxy3(workdir, mode, port, log, haproxy3, tls_cert, h2))
        elif name == "nginx":
            made.append(NginxProxy(workdir, mode, port, log))
        elif name == "vertx":
            made.append(VertxProxy(workdir, mode, port, log, root, java))
    return made


def make_certificate(root, workdir):
    """The TLS scenarios' certificate (EC P-256 for www.test, by vtc/tls/make-certs.sh)."""
    certs = os.path.join(workdir, "certs")
    subprocess.run(["sh", os.path.join(root, "vtc", "tls", "make-certs.sh"), certs], check=True)
    return os.path.join(certs, "site.pem")


def tool_exists(name):
    return shutil.which(name) is not None
