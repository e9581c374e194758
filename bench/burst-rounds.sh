#!/usr/bin/env bash
# Rounds of 500 new keep-alive connections after idle gaps against one Shuttle (issue 25's
# burst500, outside the kit), with a JFR recording and a log line per request carrying the
# session's timers, so that each round's first requests can be split into where the time went:
# accept -> thread's first run (JFR dev.shuttle.ConnectionStart) -> request read (%Th+%Ti+%TR)
# -> server connected (%Tw+%Tc) -> response head (%Tr).
#
#   bench/burst-rounds.sh OUT_DIR [ROUNDS] [GAP_S]      (env: SHUTTLE_ROOT, EXTRA_JAVA_OPTS, PORT)
#   HAPROXY=$(../shared/peers/haproxy3 --path) bench/burst-rounds.sh OUT_DIR   # the reference
#   bench/burst-summary.py OUT_DIR                       # the per-round table
#
# docs/benchmarks.md, "The cost of a new connection", has what it showed. Copy the script before
# editing it while a run lasts: bash reads a script as it goes.
#
# Shuttle on core 1, the nginx origin and wrk on core 0, as in scripts/bench; the kit's
# configuration (docs/benchmarks.md, "What runs where") with a log-format instead of httplog.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
OUT=${1:?out dir}
ROUNDS=${2:-4}
GAP=${3:-20}
ROOT=${SHUTTLE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
PORT=${PORT:-27090}
ORIGIN=$((PORT + 10))
mkdir -p "$OUT/www" "$OUT/tmp"
OUT=$(cd "$OUT" && pwd)

write_nginx_origin "$OUT" "$ORIGIN" reuseport
cat > "$OUT/shuttle.cfg" <<EOF
global
    maxconn 9000
    log stdout local0
defaults
    mode http
    log global
    log-format "%ci:%cp %Ts %ms %Th %Ti %TR %Tw %Tc %Tr %Ta %bc"
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout queue 30s
    timeout http-request 10s
    timeout http-keep-alive 60s
frontend fe
    bind 127.0.0.1:$PORT
    default_backend be
backend be
    server origin 127.0.0.1:$ORIGIN
EOF

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
taskset -c 0 nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" &
pids+=($!)
if [[ -n ${HAPROXY:-} ]]; then
    # The reference, same configuration on one thread: HAPROXY=$(/work/shared/peers/haproxy3 --path)
    sed -i 's/^global$/global\n    nbthread 1/' "$OUT/shuttle.cfg"
    taskset -c 1 "$HAPROXY" -db -f "$OUT/shuttle.cfg" > "$OUT/log.txt" 2> "$OUT/stderr.txt" &
else
    SHUTTLE_JAVA_OPTS="-XX:StartFlightRecording=filename=$OUT/shuttle.jfr,settings=profile ${EXTRA_JAVA_OPTS:-}" \
        taskset -c 1 "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > "$OUT/log.txt" 2> "$OUT/stderr.txt" &
fi
SPID=$!
pids+=($SPID)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/small" > /dev/null && break; sleep 0.2; done
wrk_round() { taskset -c 0 wrk -t1 -c"$1" -d"$2"s --timeout=10s --latency "http://127.0.0.1:$PORT/small"; }
# Warm-up as the kit's: ka50 in runs of 5 s, then the scenario's own load once.
for _ in 1 2 3 4; do wrk_round 50 5 > /dev/null; done
wrk_round 500 5 > /dev/null
for r in $(seq "$ROUNDS"); do
    sleep "$GAP"
    echo "ROUND $r $(date +%s%3N) $(cat /proc/loadavg)" >> "$OUT/rounds.txt"
    wrk_round 500 2 > "$OUT/wrk-$r.txt"
    echo "END $r $(date +%s%3N)" >> "$OUT/rounds.txt"
    grep -E '^ +Latency ' "$OUT/wrk-$r.txt" | head -1 >> "$OUT/rounds.txt"
done
[[ -n ${HAPROXY:-} ]] && exit 0
JCMD=$(dirname "$(readlink -f /proc/$SPID/exe)")/jcmd
"$JCMD" "$SPID" JFR.dump filename="$OUT/shuttle.jfr" > /dev/null
"$(dirname "$JCMD")/jfr" print --json --events dev.shuttle.ConnectionStart,jdk.GarbageCollection,jdk.GCCPUTime \
    "$OUT/shuttle.jfr" > "$OUT/events.json"
