#!/usr/bin/env bash
# Counts what one `Connection: close` request costs Shuttle, in figures a loaded machine does not
# move much: system calls per request (`strace -f -c` on every thread) and context switches per
# request (`perf stat`, a software event), and by thread (`/proc/PID/task/*/status`). docs/benchmarks.md, "The cost of a new connection".
#
#   bench/connection-counts.sh ROOT [seq|load] [LABEL]
#
# ROOT is a Shuttle tree with target/shuttle.jar and target/lib (a build, or a copy of one: run
# two builds one after the other, alternating, to compare them). `seq` (default): 200 warm-up
# requests after an 8 s wrk warm-up, then 1,000 sequential requests, one connection at a time, under
# strace, and 1,000 more under perf stat (deterministic apart from the carrier's parking: futex and
# epoll_wait move with the machine's load). `load`: wrk -c50 for 5 s under strace, 5 s more under
# perf stat, divided by wrk's request counts. Shuttle is pinned to core 1, the origin (nginx) and
# the clients to core 0; ports 27180 (Shuttle) and 27190 (origin). Results under
# ${OUT:-/tmp/connection-counts}/LABEL. STRACE=0 skips the strace part (the context switches only).
#
#   HAPROXY=/tmp/haproxy35 bench/connection-counts.sh ROOT seq haproxy35-seq
#
# counts the reference instead (the same configuration on one thread, pinned as Shuttle is); ROOT
# is then unused but must exist.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib/shuttle-config.sh"
ROOT=$(cd "$1" && pwd); MODE=${2:-seq}; LABEL=${3:-$(basename "$ROOT")-$MODE}
OUT=${OUT:-/tmp/connection-counts}; DIR=$OUT/$LABEL; mkdir -p "$DIR" "$OUT/www"
N=1000

write_nginx_origin "$OUT" 27190
write_shuttle_config "$OUT" 27180 27190
echo 'wrk.headers["Connection"] = "close"' > "$OUT/close.lua"
cat > "$OUT/seq.py" <<'PY'
import socket, sys
n = int(sys.argv[1]); ok = 0
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", 27180))
    s.sendall(b"GET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        d = s.recv(65536)
        if not d: break
        data += d
    s.close()
    ok += data.startswith(b"HTTP/1.1 200")
print(ok)
PY

taskset -c 0 nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" & ORIGIN=$!
if [[ -n ${HAPROXY:-} ]]; then
    sed 's/^global$/global\n    nbthread 1/' "$OUT/shuttle.cfg" > "$OUT/haproxy.cfg"
    taskset -c 1 "$HAPROXY" -db -f "$OUT/haproxy.cfg" > "$DIR/log.txt" 2> "$DIR/err.txt" & PROXY=$!
else
    taskset -c 1 "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > "$DIR/log.txt" 2> "$DIR/err.txt" & PROXY=$!
fi
trap 'kill $PROXY $ORIGIN 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null 127.0.0.1:27180/small && break; sleep 0.2; done
taskset -c 0 wrk -t1 -c50 -d8s -s "$OUT/close.lua" http://127.0.0.1:27180/small > "$DIR/warm.txt"

run() { # the measured load; prints the number of requests
    if [[ $MODE == seq ]]; then taskset -c 0 python3 "$OUT/seq.py" $N; else
        taskset -c 0 wrk -t1 -c50 -d5s -s "$OUT/close.lua" http://127.0.0.1:27180/small | awk '/requests in/ {print $1}'; fi
}
[[ $MODE == seq ]] && taskset -c 0 python3 "$OUT/seq.py" 200 > /dev/null
if [[ ${STRACE:-1} == 1 ]]; then
    strace -f -c -p $PROXY -o "$DIR/strace.txt" & TRACER=$!
    sleep 1
    N1=$(run)
    kill -INT $TRACER; wait $TRACER || true
else N1=0; : > "$DIR/strace.txt"; fi
switches() { # per thread: name, voluntary and involuntary context switches so far
    for t in /proc/$PROXY/task/*; do
        awk -v tid="${t##*/}" '/^Name:/ {n=$2} /^voluntary_ctxt/ {v=$2} /^nonvoluntary_ctxt/ {i=$2}
            END {print tid, n, v, i}' "$t/status" 2>/dev/null || true
    done
}
perf stat -e context-switches,task-clock -p $PROXY -o "$DIR/perf.txt" & STAT=$!
sleep 0.5
switches > "$DIR/threads-before.txt"; T0=$(date +%s.%N)
N2=$(run)
T1=$(date +%s.%N); switches > "$DIR/threads-after.txt"
kill -INT $STAT; wait $STAT || true
echo "$LABEL: $N1 requests under strace, $N2 under perf stat"
awk -v n="$N1" 'NR>2 && $NF!="total" && $1 ~ /^[0-9.]+$/ && $4/n >= 0.01 { printf "%s %.2f  ", $NF, $4/n }' "$DIR/strace.txt"; echo
awk -v n="$N2" '/context-switches|task-clock/ {gsub(",","",$1); printf "%s %.3f per request  ", $2, $1/n}' "$DIR/perf.txt"; echo
# Context switches per request by thread (threads named alike summed; a busy thread's ticks are
# divided by the requests too, so the run's length, printed, matters for the timed threads).
awk -v n="$N2" -v secs="$(echo "$T1 - $T0" | bc)" '
    NR == FNR { v[$1] = $3; i[$1] = $4; next }
    { name = $2; sub(/[-#]?[0-9]+$/, "", name); dv[name] += $3 - v[$1]; di[name] += $4 - i[$1] }
    END { printf "per request by thread (voluntary+involuntary), %.1f s:", secs
          for (t in dv) if (dv[t] + di[t] >= n / 100) printf "  %s %.2f+%.2f", t, dv[t] / n, di[t] / n; print "" }
' "$DIR/threads-before.txt" "$DIR/threads-after.txt"
