#!/usr/bin/env bash
# Does blocking JSSE I/O pin the virtual threads' carriers? (issue 23, docs/benchmarks.md)
#
# Runs Shuttle with a JFR recording of jdk.VirtualThreadPinned (threshold 0: every park or block
# while pinned) under TLS load on both sides: wrk over HTTPS to a frontend whose server is an nginx
# TLS origin (client and server handshakes, records both ways), wrk to an `http-request return`
# (client side only), and openssl s_time full and resumed handshakes. Then it prints the count of
# pinned events and the first ones. A control run first proves that the same settings do record
# pinning (a virtual thread parking inside a class initializer, which still pins on JDK 25).
#
#   bench/tls-pinning.sh [seconds]     (default 10 per load; ports 18443-18444 must be free)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../scripts/lib/jdk.sh
. "$ROOT/scripts/lib/jdk.sh"
seconds=${1:-10}
for tool in wrk nginx openssl curl; do
    command -v "$tool" >/dev/null || { echo "bench/tls-pinning.sh: '$tool' is needed" >&2; exit 1; }
done
"$ROOT/scripts/build"
java_bin=$JAVA_HOME/bin
[[ -x $java_bin/jfr ]] || { echo "bench/tls-pinning.sh: no jfr next to java (set JAVA_HOME to a JDK 25)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

cat > pin.jfc <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="pinning">
  <event name="jdk.VirtualThreadPinned">
    <setting name="enabled">true</setting><setting name="stackTrace">true</setting>
    <setting name="threshold">0 ms</setting>
  </event>
  <event name="jdk.VirtualThreadSubmitFailed">
    <setting name="enabled">true</setting><setting name="stackTrace">true</setting>
  </event>
</configuration>
EOF

echo "== control: a virtual thread parked in a class initializer must show as pinned"
cat > PinControl.java <<'EOF'
public class PinControl {
    static class Slow { static { try { Thread.sleep(50); } catch (InterruptedException e) { } } static void touch() { } }
    public static void main(String[] args) throws Exception { Thread.ofVirtual().start(Slow::touch).join(); }
}
EOF
"$java_bin/java" -XX:StartFlightRecording=filename=control.jfr,settings=pin.jfc PinControl.java >/dev/null 2>&1
"$java_bin/jfr" summary control.jfr | grep -E 'jdk.VirtualThreadPinned'

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem \
    -days 2 -subj /CN=www.test -addext subjectAltName=DNS:www.test 2>/dev/null
cat cert.pem key.pem > site.pem
mkdir -p nginx-body nginx-proxy nginx-fastcgi nginx-uwsgi nginx-scgi
cat > nginx.conf <<EOF
daemon off; worker_processes 1; pid $work/nginx.pid; error_log $work/nginx-error.log;
events {}
http {
    access_log off; client_body_temp_path $work/nginx-body; proxy_temp_path $work/nginx-proxy;
    fastcgi_temp_path $work/nginx-fastcgi; uwsgi_temp_path $work/nginx-uwsgi; scgi_temp_path $work/nginx-scgi;
    server {
        listen 127.0.0.1:18443 ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
        keepalive_requests 1000000;
        location / { return 200 "nginx\n"; }
    }
}
EOF
cat > shuttle.cfg <<EOF
global
    maxconn 5000
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
frontend front_tls
    bind 127.0.0.1:18444 ssl crt $work/site.pem
    http-request return status 200 content-type text/plain string ok if { path /ret }
    default_backend tls_origin
backend tls_origin
    server n1 127.0.0.1:18443 ssl verify none sni str(www.test)
EOF
nginx -p "$work" -c "$work/nginx.conf" & pids+=($!)
SHUTTLE_JAVA_OPTS="-XX:StartFlightRecording=filename=$work/shuttle.jfr,settings=$work/pin.jfc,dumponexit=true" \
    "$ROOT/scripts/shuttle" -f "$work/shuttle.cfg" 2>/dev/null & shuttle=$!
pids+=("$shuttle")
for _ in $(seq 100); do curl -sfk -o /dev/null https://127.0.0.1:18444/ret && break; sleep 0.1; done
curl -sfk https://127.0.0.1:18444/ >/dev/null || { echo "bench/tls-pinning.sh: Shuttle does not answer" >&2; exit 1; }

echo "== wrk over TLS, server over TLS too (nginx), 50 connections, ${seconds} s"
wrk -t2 -c50 -d"${seconds}s" https://127.0.0.1:18444/ | grep -E 'requests in|Requests/sec|errors' || true
echo "== wrk over TLS, http-request return, 50 connections, ${seconds} s"
wrk -t2 -c50 -d"${seconds}s" https://127.0.0.1:18444/ret | grep -E 'requests in|Requests/sec|errors' || true
echo "== openssl s_time, full handshakes, ${seconds} s"
openssl s_time -connect 127.0.0.1:18444 -new -time "$seconds" 2>&1 | grep 'connections in' || true
echo "== openssl s_time, resumed handshakes, ${seconds} s"
openssl s_time -connect 127.0.0.1:18444 -reuse -time "$seconds" 2>&1 | grep 'connections in' || true

kill "$shuttle"; wait "$shuttle" 2>/dev/null || true
echo "== Shuttle's recording"
"$java_bin/jfr" summary shuttle.jfr | grep -E 'Duration|jdk.VirtualThreadPinned|jdk.VirtualThreadSubmitFailed'
# Each pinned event: when, how long, why, on which thread, and where (12 frames).
"$java_bin/jfr" print --stack-depth 12 --events jdk.VirtualThreadPinned shuttle.jfr |
    grep -E 'startTime|duration|pinnedReason|eventThread|line:|^\s+[a-z].*\(' | head -80
