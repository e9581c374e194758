#!/usr/bin/env bash
# Load test of health checks (issue 17): does checking 1,000 servers every 100 ms slow the traffic
# path? Runs the same HTTP load (wrk, keep-alive, 50 connections) through Shuttle with and without
# a second backend of 1,000 servers checked every 100 ms (TCP connect checks: 10,000 connects/s, to
# a second nginx; INTER=1000 for 1,000 connects/s),
# alternating A/B rounds, and prints req/s and latency for each run. Not a test: no assertion;
# docs/benchmarks.md records what it printed. Needs nginx and wrk; only loopback addresses.
# PROXIES="shuttle haproxy" runs HAProxy (3.5 when built on this machine, else $HAPROXY or Debian's)
# on the same configurations in the same rounds, so that the checks' cost is seen beside the
# reference's.
#
#   [INTER=100] [PROXIES="shuttle haproxy"] bench/checks_load.sh [rounds] [seconds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
WORK=$(mktemp -d /tmp/checks-load.XXXXXX)
ORIGIN_PORT=19080
CHECKED_PORT=19081 # the farm's servers: another nginx, so that the traffic's origin serves traffic only
PROXY_PORT=19000
INTER=${INTER:-100}
PROXIES=${PROXIES:-shuttle}
HAPROXY3_BIN=$HOME/.cache/haproxy3/haproxy-3.5-dev5/haproxy
HAPROXY=${HAPROXY:-$([[ -x $HAPROXY3_BIN ]] && echo "$HAPROXY3_BIN" || command -v haproxy || echo /usr/sbin/haproxy)}

cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    server { listen 127.0.0.1:$ORIGIN_PORT reuseport backlog=4096; location / { return 200 "ok\n"; } }
}
NGINX
sed -e "s/$ORIGIN_PORT/$CHECKED_PORT/" -e "s#$WORK/nginx.pid#$WORK/nginx-checked.pid#" "$WORK/nginx.conf" \
    > "$WORK/nginx-checked.conf"

config() { # $1: with checks (1) or not (0)
    cat <<CFG
global
    maxconn 9000
defaults
    mode http
    timeout connect 1s
    timeout client 10s
    timeout server 10s
    timeout check 1s
frontend fe
    bind 127.0.0.1:$PROXY_PORT
    default_backend be
backend be
    server origin 127.0.0.1:$ORIGIN_PORT
CFG
    if [[ $1 == 1 ]]; then
        echo "backend farm"
        for i in $(seq 1 1000); do
            echo "    server s$i 127.0.0.1:$CHECKED_PORT check inter $INTER"
        done
    fi
}
config 0 > "$WORK/plain.cfg"
config 1 > "$WORK/checks.cfg"

nginx -c "$WORK/nginx.conf"
nginx -c "$WORK/nginx-checked.conf"
# Everything started here stops on any exit, and the work directory goes last: the pid files
# name the nginx processes, so removing it first would leave them running.
cleanup() {
    kill "$(cat "$WORK/nginx.pid" 2>/dev/null)" "$(cat "$WORK/nginx-checked.pid" 2>/dev/null)" 2>/dev/null || true
    [[ -n ${SHUTTLE_PID:-} ]] && kill "$SHUTTLE_PID" 2>/dev/null
    sleep 0.5
    rm -rf "$WORK"
}
trap cleanup EXIT

run() { # $1: plain|checks, $2: shuttle|haproxy
    local proxy=${2:-shuttle}
    if [[ $proxy == haproxy ]]; then
        "$HAPROXY" -db -f "$WORK/$1.cfg" > "$WORK/$1-$proxy.log" 2>&1 &
    else
        "$ROOT/scripts/shuttle" -d -f "$WORK/$1.cfg" > "$WORK/$1-$proxy.log" 2>&1 &
    fi
    SHUTTLE_PID=$!
    for _ in $(seq 1 50); do
        curl -s -o /dev/null "http://127.0.0.1:$PROXY_PORT/" && break
        sleep 0.2
    done
    wrk -t1 -c50 -d3s "http://127.0.0.1:$PROXY_PORT/" > /dev/null # warm-up
    local cpu_before cpu_after out
    cpu_before=$(awk '{print $14 + $15}' "/proc/$SHUTTLE_PID/stat")
    out=$(wrk -t1 -c50 -d"${SECONDS_PER_RUN}s" --latency "http://127.0.0.1:$PROXY_PORT/")
    cpu_after=$(awk '{print $14 + $15}' "/proc/$SHUTTLE_PID/stat")
    kill -INT "$SHUTTLE_PID"; wait "$SHUTTLE_PID" 2>/dev/null || true; SHUTTLE_PID=
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
    p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
    errors=$(grep -c 'Non-2xx\|Socket errors' <<< "$out" || true)
    printf '%-8s %-7s req/s %9s  p50 %8s  p99 %8s  proxy CPU %5.1f s  error lines %s\n' "$proxy" "$1" "$rps" "$p50" "$p99" \
        "$(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {print (b - a) / 100}')" "$errors"
}

echo "checks_load: inter $INTER ms, $ROUNDS rounds of ${SECONDS_PER_RUN}s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
    for proxy in $PROXIES; do
        if (( round % 2 )); then run plain "$proxy"; run checks "$proxy"; else run checks "$proxy"; run plain "$proxy"; fi
    done
done
for proxy in $PROXIES; do
    grep -c 'is DOWN' "$WORK/checks-$proxy.log" | sed "s/^/$proxy: servers reported DOWN in the last checked run: /" || true
done
