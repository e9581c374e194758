#!/usr/bin/env bash
# Counts the JIT's work in a loaded `close` run: compilations (C1 and C2) per 10 s window, and
# deoptimizations by reason and method (JFR `jdk.Deoptimization`), which are the recompilations'
# causes. Counts, not times: they hold on a loaded host. docs/benchmarks.md, "The cost of a new
# connection".
#
#   bench/close-jit.sh ROOT [SECONDS] [LABEL]
#
# ROOT is a Shuttle tree with target/shuttle.jar and target/lib. wrk -c100 with `Connection: close`
# for SECONDS (default 60) against Shuttle pinned to core 1 (the origin, nginx, and wrk on core 0),
# the kit's `close` configuration; ports 27380 (Shuttle) and 27390 (origin). Results under
# ${OUT:-/tmp/close-jit}/LABEL: jit.log (-Xlog:jit+compilation=debug), deopt.jfr, deopt.txt.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib/shuttle-config.sh"
ROOT=$(cd "$1" && pwd); SECS=${2:-60}; LABEL=${3:-$(basename "$ROOT")}
OUT=${OUT:-/tmp/close-jit}; DIR=$OUT/$LABEL; mkdir -p "$DIR" "$OUT/www"
JFR=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr

write_nginx_origin "$OUT" 27390
write_shuttle_config "$OUT" 27380 27390
echo 'wrk.headers["Connection"] = "close"' > "$OUT/close.lua"
taskset -c 0 nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" & ORIGIN=$!
SHUTTLE_JAVA_OPTS="-Xlog:jit+compilation=debug:file=$DIR/jit.log:uptime -XX:StartFlightRecording=filename=$DIR/deopt.jfr,jdk.Deoptimization#enabled=true,jdk.Deoptimization#stackTrace=true" \
    taskset -c 1 "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > /dev/null 2> "$DIR/err.txt" & PROXY=$!
trap 'kill $PROXY $ORIGIN 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null 127.0.0.1:27380/small && break; sleep 0.2; done
START=$(awk '{print $1}' /proc/uptime)
taskset -c 0 wrk -t1 -c100 -d"${SECS}s" -s "$OUT/close.lua" http://127.0.0.1:27380/small > "$DIR/wrk.txt"
"$JFR" dump --output "$DIR/deopt.jfr" $PROXY > /dev/null 2>&1 || jcmd $PROXY JFR.dump filename="$DIR/deopt.jfr" > /dev/null
kill $PROXY; wait $PROXY 2>/dev/null || true
REQS=$(awk '/requests in/ {print $1}' "$DIR/wrk.txt")
echo "$LABEL: $REQS requests in ${SECS} s"
# Compilations per 10 s of the process's uptime (the log's [Ns] prefix), by tier group.
awk '/\[jit,compilation/ { t = $1; gsub(/[\[\]s]/, "", t); w = int(t / 10) * 10
        tier = ($0 ~ / 4 +[a-zA-Z]/ || $0 ~ /%.* 4 /) ? "C2" : "C1"; n[w" "tier]++ }
     END { for (k in n) print k, n[k] }' "$DIR/jit.log" | sort -n | awk '{printf "%ss %s %d  ", $1, $2, $3} END {print ""}'
"$JFR" print --events jdk.Deoptimization "$DIR/deopt.jfr" > "$DIR/deopt.txt" || true
echo "deoptimizations by reason, action, method (all of them, with their times in $DIR/deopt.txt; the burst at the end of the run is wrk dropping its connections)"
python3 - "$DIR/deopt.txt" <<'PY'
import re, sys, collections
text = open(sys.argv[1]).read()
counts = collections.Counter()
for ev in text.split("jdk.Deoptimization {")[1:]:
    m = re.search(r'method = (.*)', ev); r = re.search(r'reason = "(.*)"', ev); a = re.search(r'action = "(.*)"', ev)
    ln = re.search(r'lineNumber = (\d+)', ev); bci = re.search(r'bci = (\d+)', ev); inst = re.search(r'instruction = "(.*)"', ev)
    counts[(r.group(1) if r else "?", a.group(1) if a else "?", (m.group(1).strip() if m else "?") + (":" + ln.group(1) if ln else "") + (" " + inst.group(1) if inst else ""))] += 1
for (reason, action, where), n in counts.most_common(40):
    print(f"{n:6d}  {reason:20s} {action:12s} {where}")
PY
