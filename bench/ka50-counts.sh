#!/usr/bin/env bash
# Counts what one keep-alive request (the kit's `ka50`: 50 connections, 64-byte responses, every
# request logged by `option httplog` to stdout) costs Shuttle, in figures a loaded machine moves
# little: CPU per request (the process's utime + stime from /proc), bytes allocated per request
# (the young collections' `-Xlog:gc` before/after sizes), context switches per request (`perf stat`,
# a software event), system calls per request (`strace -f -c` on every thread) and, with `jfr`, a
# JFR CPU profile of the measured run. docs/benchmarks.md, "Keep-alive CPU per request".
#
#   bench/ka50-counts.sh ROOT [LABEL] [jfr]
#
# ROOT is a Shuttle tree with target/shuttle.jar and target/lib (a build, or a copy of one: run two
# builds one after the other, alternating, to compare them). ${WARMUP:-30} s of wrk warm-up, then four runs of
# wrk -t1 -c50 -d${SECONDS_PER_RUN:-10}s: plain (CPU, allocations), under perf stat, under strace,
# and (with `jfr`) under a JFR recording. Shuttle is pinned to core 1, the origin (nginx) and wrk to
# core 0; ports 27280 (Shuttle) and 27290 (origin). Results under ${OUT:-/tmp/ka50-counts}/LABEL.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib/shuttle-config.sh"
ROOT=$(cd "$1" && pwd); LABEL=${2:-$(basename "$ROOT")}; PROFILE=${3:-}
OUT=${OUT:-/tmp/ka50-counts}; DIR=$OUT/$LABEL; mkdir -p "$DIR"
SECS=${SECONDS_PER_RUN:-10}

write_nginx_origin "$OUT" 27290
write_shuttle_config "$OUT" 27280 27290

taskset -c 0 nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" & ORIGIN=$!
SHUTTLE_JAVA_OPTS="-Xlog:gc:file=$DIR/gc.log ${SHUTTLE_JAVA_OPTS:-}" \
    taskset -c 1 "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > /dev/null 2> "$DIR/err.txt" & PROXY=$!
trap 'kill $PROXY $ORIGIN 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null 127.0.0.1:27280/small && break; sleep 0.2; done
taskset -c 0 wrk -t1 -c50 -d${WARMUP:-30}s http://127.0.0.1:27280/small > "$DIR/warm.txt"

run() { # the measured load; prints the number of requests
    taskset -c 0 wrk -t1 -c50 -d${SECS}s http://127.0.0.1:27280/small | awk '/requests in/ {print $1}'
}
# The process's CPU without its JIT compiler threads (still busy on a loaded host after the warm-up;
# the kit waits for them instead), and the compiler threads' apart. The thread name is field 2 and
# may hold spaces: the counts are taken after its closing parenthesis.
ticks() { cat /proc/$PROXY/task/*/stat 2>/dev/null | awk '{ name = $0; sub(/\).*/, "", name); rest = $0; sub(/.*\) /, "", rest)
    split(rest, f, " "); if (name ~ /CompilerThre/) jit += f[12] + f[13]; else cpu += f[12] + f[13] }
    END { print cpu + 0, jit + 0 }'; }
gcs() { grep -c 'Pause Young' "$DIR/gc.log" || true; }

# As the kit does: more warm-up runs of 5 s while the JIT compiler threads took more than 2% of the
# process's CPU (on a loaded host C2 can still be compiling a minute in), up to ${JIT_SETTLE:-120} s.
for _ in $(seq $(( ${JIT_SETTLE:-120} / 5 ))); do
    read C0 K0 < <(ticks)
    taskset -c 0 wrk -t1 -c50 -d5s http://127.0.0.1:27280/small > /dev/null
    read C1 K1 < <(ticks)
    (( (K1 - K0) * 50 <= (C1 - C0 + K1 - K0) )) && break
done
sleep 1
read T0 J0 < <(ticks); G0=$(gcs); L0=$(wc -l < "$DIR/gc.log")
N0=$(run)
read T1 J1 < <(ticks); G1=$(gcs)
sleep 0.5
# Bytes allocated: each young collection's "before" size less the previous one's "after" size.
ALLOC=$(tail -n +$((L0 + 1)) "$DIR/gc.log" | grep 'Pause Young' | sed -E 's/.* ([0-9]+)M->([0-9]+)M.*/\1 \2/' \
    | awk 'NR > 1 { sum += $1 - prev } { prev = $2 } END { print sum + 0 }')
perf stat -e context-switches,cpu-migrations,task-clock -p $PROXY -o "$DIR/perf.txt" & STAT=$!
sleep 0.5
N1=$(run)
kill -INT $STAT; wait $STAT || true
strace -f -c -p $PROXY -o "$DIR/strace.txt" & TRACER=$!
sleep 1
N2=$(run)
kill -INT $TRACER; wait $TRACER || true
if [[ $PROFILE == jfr ]]; then
    JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
    "$JAVA_HOME/bin/jcmd" $PROXY JFR.start name=ka50 settings=profile filename="$DIR/ka50.jfr" > /dev/null
    N3=$(run)
    "$JAVA_HOME/bin/jcmd" $PROXY JFR.stop name=ka50 > /dev/null
    SAMPLES=$("$JAVA_HOME/bin/jfr" summary "$DIR/ka50.jfr" | awk '$1 == "jdk.ExecutionSample" {print $2}')
    echo "jfr: $N3 requests, $SAMPLES execution samples" > "$DIR/jfr.txt"
fi
{
echo "$LABEL ($(cat "$ROOT/.bench-commit" 2>/dev/null || git -C "$ROOT" rev-parse --short HEAD)): $N0 requests plain, $N1 under perf stat, $N2 under strace"
awk -v t=$((T1 - T0)) -v j=$((J1 - J0)) -v n="$N0" -v g=$((G1 - G0)) -v a="$ALLOC" 'BEGIN {
    printf "cpu %.2f us/req (JIT compiler threads apart: %.2f)  young GCs %d  allocated %.0f bytes/req\n",
        t * 10000 / n, j * 10000 / n, g, a * 1048576 / n }'
awk -v n="$N1" '/context-switches|cpu-migrations|task-clock/ {gsub(",","",$1); printf "%s %.3f per request  ", $2, $1/n}' "$DIR/perf.txt"; echo
awk -v n="$N2" 'NR>2 && $NF!="total" && $1 ~ /^[0-9.]+$/ && $4/n >= 0.001 { printf "%s %.3f  ", $NF, $4/n }' "$DIR/strace.txt"; echo
if [[ $PROFILE == jfr ]]; then cat "$DIR/jfr.txt"; fi
} | tee "$DIR/summary.txt"
