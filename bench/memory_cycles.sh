#!/usr/bin/env bash
# Memory of Shuttle under repeated load: N cycles of wrk (6 s of 500 keep-alive connections on a
# small response, then 3 s of 20 connections downloading 1 MiB), each followed by 2 s of rest,
# printing after each cycle the process's RSS and its heap (young and old generation: committed,
# used), and at the end what a full collection leaves alive. An nginx origin on 127.0.0.1:27300
# and Shuttle on 127.0.0.1:27301 are started here (docs/benchmarks.md, "Memory").
#
#   bench/memory_cycles.sh [cycles] [extra JVM options...]
#   bench/memory_cycles.sh 30                         # as scripts/shuttle runs it
#   bench/memory_cycles.sh 30 -Dshuttle.heapTrim=false -Xms384m -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70
#                                                     # the JVM's defaults on this machine, without the trimmer
#
# Needs nginx, wrk and a JDK's jcmd (scripts/lib/jdk.sh finds it).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/scripts/lib/jdk.sh"
JCMD=$(dirname "$JAVA")/jcmd
cycles=${1:-30}
shift || true
work=$(mktemp -d /tmp/shuttle-memory.XXXXXX)
trap 'kill "$shuttle" 2>/dev/null; [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
head -c 1048576 /dev/urandom > "$work/big.bin"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:27300;
        location / { return 200 "hello from nginx\n"; }
        location /big { alias $work/big.bin; }
    }
}
CONF
cat > "$work/shuttle.cfg" <<CONF
global
    maxconn 10000
defaults
    mode http
    timeout client 30s
    timeout server 30s
    timeout connect 5s
frontend fe
    bind 127.0.0.1:27301
    default_backend be
backend be
    server n1 127.0.0.1:27300
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work"
SHUTTLE_JAVA_OPTS="$*" "$ROOT/scripts/shuttle" -d -f "$work/shuttle.cfg" > "$work/shuttle.log" 2>&1 &
shuttle=$!
sleep 3
jvm=$(pgrep -f "$work/shuttle.cfg" | grep -v "^$shuttle\$" | tail -1 || echo "$shuttle")
heap() { "$JCMD" "$jvm" GC.heap_info 2>/dev/null | awk '/DefNew|Tenured/ {printf "%s %s %s ", $1, $3, $5}'; }
for c in $(seq "$cycles"); do
    wrk -t2 -c500 -d6s http://127.0.0.1:27301/ > /dev/null 2>&1
    wrk -t1 -c20 -d3s http://127.0.0.1:27301/big > /dev/null 2>&1
    sleep 2
    echo "cycle $c: RSS $(awk '/VmRSS/ {print $2}' "/proc/$jvm/status") kB; $(heap)"
done
"$JCMD" "$jvm" GC.run > /dev/null
sleep 1
echo "after a full collection: RSS $(awk '/VmRSS/ {print $2}' "/proc/$jvm/status") kB; $(heap)"
