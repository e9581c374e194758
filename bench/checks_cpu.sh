#!/usr/bin/env bash
# The CPU one health check costs, and how many checks a second keep to their schedule (issue 17):
# a proxy checks SERVERS servers (default 1,000) every INTER ms (TCP connect checks, or `option
# httpchk` with MODE=http) against one local nginx, with no traffic; over SECONDS, its CPU time
# (utime + stime from /proc/<pid>/stat) and its connect() calls (perf stat) give the CPU per
# connect and the checks per second against the SERVERS * 1000 / INTER expected. Not a test: no
# assertion; docs/benchmarks.md ("Health checks and the traffic path") records what it printed.
# Needs nginx and perf (linux-perf); ROOT is a Shuttle tree (its scripts/shuttle), or `haproxy`
# for HAProxy 3.5 from ../shared/peers.
#
#   bench/checks_cpu.sh ROOT [INTER] [SECONDS] [tcp|http]
set -euo pipefail
ROOT=$1; INTER=${2:-100}; SECS=${3:-30}; MODE=${4:-tcp}; SERVERS=${SERVERS:-1000}
if [[ $ROOT == haproxy ]]; then
    HAPROXY=$("$(cd "$(dirname "$0")/../.." && pwd)/shared/peers/haproxy3" --path)
fi
W=$(mktemp -d /tmp/checks_cpu.XXXX)
# Whatever happens, the nginx and the proxy started here stop and the work directory goes.
trap 'kill "${P:-}" 2>/dev/null; [[ -f $W/nginx.pid ]] && kill "$(cat "$W/nginx.pid")" 2>/dev/null; rm -rf "$W"' EXIT
ROOT=$1; INTER=${2:-100}; SECS=${3:-30}; MODE=${4:-tcp}
cat > $W/nginx.conf <<NG
worker_processes 1;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:19381 backlog=4096; location / { return 200 "ok\n"; } } }
NG
{
echo "global"; echo "    maxconn 9000"
echo "defaults"; echo "    mode http"; echo "    timeout connect 1s"; echo "    timeout client 10s"; echo "    timeout server 10s"; echo "    timeout check 1s"
echo "frontend fe"; echo "    bind 127.0.0.1:19300"; echo "    default_backend farm"
echo "backend farm"
[[ $MODE == http ]] && echo "    option httpchk GET /"
for i in $(seq 1 "$SERVERS"); do echo "    server s$i 127.0.0.1:19381 check inter $INTER"; done
} > $W/c.cfg
nginx -c $W/nginx.conf
if [[ $ROOT == haproxy ]]; then "$HAPROXY" -db -f $W/c.cfg > $W/out.log 2>&1 & else "$ROOT/scripts/shuttle" -d -f $W/c.cfg > $W/out.log 2>&1 & fi
P=$!
sleep 10
a=$(awk '{print $14 + $15}' /proc/$P/stat); u0=$(awk '{print $14}' /proc/$P/stat); o0=$(awk '/^Tcp:/ {n++; if (n==2) print $6}' /proc/net/snmp); t0=$(date +%s.%N)
perf stat -e syscalls:sys_enter_connect -p $P -x, -o $W/perf.txt -- sleep $SECS
b=$(awk '{print $14 + $15}' /proc/$P/stat); u1=$(awk '{print $14}' /proc/$P/stat); o1=$(awk '/^Tcp:/ {n++; if (n==2) print $6}' /proc/net/snmp); t1=$(date +%s.%N)
kill -INT $P; wait $P 2>/dev/null || true
kill $(cat $W/nginx.pid) 2>/dev/null || true
down=$(grep -c 'is DOWN' $W/out.log || true)
connects=$(awk -F, '/sys_enter_connect/ {print $1}' $W/perf.txt)
awk -v a=$a -v b=$b -v t0=$t0 -v t1=$t1 -v inter=$INTER -v mode=$MODE -v down=$down -v connects=$connects -v user=$((u1-u0)) -v opens=$((o1-o0)) -v servers="$SERVERS" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  cpu=(b-a)/100; el=t1-t0; checks=servers*el*1000/inter;
  printf "connects %d (%.0f/s): %.1f us CPU per connect (user %.2f s); ", connects, connects/el, cpu*1e6/connects, user/100; printf "%s inter %d: cpu %.2f s over %.1f s (%.1f%% of a core), %.0f checks expected, %.1f us/check, DOWN lines %d, load %s\n", mode, inter, cpu, el, 100*cpu/el, checks, cpu*1e6/checks, down, load }'
sleep 0.5; rm -rf $W
