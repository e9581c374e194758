#!/usr/bin/env bash
# Counts what one keep-alive request (the kit's `ka50`, as bench/ka50-counts.sh sets it up) allocates,
# site by site and exactly: TLABs off (-XX:-UseTLAB), so every allocation the JIT did not remove is a
# jdk.ObjectAllocationOutsideTLAB event with its stack. docs/benchmarks.md, "Keep-alive CPU per request".
#
#   bench/ka50-alloc.sh ROOT [LABEL]
#   java bench/AllocationDiff.java A.jfr REQUESTS_A B.jfr REQUESTS_B     # two builds, site by site
#
# ${WARMUP:-20} s of wrk -c50 warm-up, then ${SECONDS_PER_RUN:-15} s recorded. Shuttle on core 1, the
# origin (nginx) and wrk on core 0; ports 27280 and 27290 (as ka50-counts.sh: run one at a time).
# Results under ${OUT:-/tmp/ka50-alloc}/LABEL-alloc.jfr and LABEL-alloc.txt (the request count first).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
. "$(dirname "${BASH_SOURCE[0]}")/lib/shuttle-config.sh"
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$1" && pwd); LABEL=${2:-$(basename "$ROOT")}
OUT=${OUT:-/tmp/ka50-alloc}; mkdir -p "$OUT"
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

write_nginx_origin "$OUT" 27290
write_shuttle_config "$OUT" 27280 27290
cat > "$OUT/outside-tlab.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="allocations outside TLABs">
  <event name="jdk.ObjectAllocationOutsideTLAB">
    <setting name="enabled">true</setting>
    <setting name="stackTrace">true</setting>
  </event>
</configuration>
JFC

taskset -c 0 nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" & ORIGIN=$!
SHUTTLE_JAVA_OPTS="-XX:-UseTLAB ${SHUTTLE_JAVA_OPTS:-}" \
    taskset -c 1 "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > /dev/null 2> "$OUT/$LABEL-err.txt" & PROXY=$!
trap 'kill $PROXY $ORIGIN 2>/dev/null || true' EXIT
for _ in $(seq 300); do curl -s -o /dev/null 127.0.0.1:27280/small && break; sleep 0.2; done
taskset -c 0 wrk -t1 -c50 -d${WARMUP:-20}s http://127.0.0.1:27280/small > /dev/null
"$JAVA_HOME/bin/jcmd" $PROXY JFR.start name=alloc settings="$OUT/outside-tlab.jfc" filename="$OUT/$LABEL-alloc.jfr" > /dev/null
N=$(taskset -c 0 wrk -t1 -c50 -d${SECONDS_PER_RUN:-15}s http://127.0.0.1:27280/small | awk '/requests in/ {print $1}')
"$JAVA_HOME/bin/jcmd" $PROXY JFR.stop name=alloc > /dev/null
{ echo "$LABEL: $N requests ($OUT/$LABEL-alloc.jfr)"
  "$JAVA_HOME/bin/java" "$BENCH/AllocationSites.java" "$OUT/$LABEL-alloc.jfr" "$N" 40; } | tee "$OUT/$LABEL-alloc.txt"
