#!/usr/bin/env bash
# What one new keep-alive connection costs the heap (issue 25's burst500): the bytes it allocates
# from accept to its first response, and what it keeps while it then waits idle, by class.
#
#   bench/connection-heap.sh OUT_DIR [N]        (env: SHUTTLE_ROOT, PORT, EXTRA_JAVA_OPTS, WARMUP)
#
# One Shuttle (the kit's timeouts, an nginx origin), warmed up (wrk -c50 WARMUP s, default 3, then N connections
# opened and closed so that N threads wait for connections, as after the kit's warm-up); then N
# connections are opened one after the other, each sends one request, reads its response and stays
# open. Counts, not times:
# - allocated per connection: the young generation's growth over the N connections, with a young
#   generation too large to be collected meanwhile and no TLABs (so that the growth is exact; the
#   runtime API's own cost, one jcmd, is taken off);
# - retained per connection, by class: `GC.class_histogram` (a full collection) before and after;
# - with JFR=1, every allocation of the N connections with its stack (jdk.ObjectAllocationOutsideTLAB,
#   exact without TLABs), summed by class, by site and stack chunk size (bench/AllocationSites.java).
# docs/benchmarks.md, "New connections: heap per connection", has what it showed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/nginx-origin.sh"
OUT=${1:?out dir}
N=${2:-500}
ROOT=${SHUTTLE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
PORT=${PORT:-27190}
ORIGIN=$((PORT + 10))
mkdir -p "$OUT/tmp"
OUT=$(cd "$OUT" && pwd)

write_nginx_origin "$OUT" "$ORIGIN"
cat > "$OUT/shuttle.cfg" <<EOF
global
    maxconn 9000
defaults
    mode http
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 60s
frontend fe
    bind 127.0.0.1:$PORT
    default_backend be
backend be
    server origin 127.0.0.1:$ORIGIN
EOF
# N keep-alive connections, one request each, held open until a line comes on stdin.
cat > "$OUT/hold.py" <<'EOF'
import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
held = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /small HTTP/1.1\r\nHost: x\r\n\r\n")
    data = b""
    # The whole response: its head, then content-length bytes (the origin's /small is 64).
    while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < int(
            data.lower().split(b"content-length:", 1)[1].split(b"\r\n", 1)[0]):
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("closed by the proxy")
        data += chunk
    held.append(s)
print("held", len(held), flush=True)
sys.stdin.readline()
EOF

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
nginx -e "$OUT/origin-error.log" -c "$OUT/origin.conf" &
pids+=($!)
# No AOT cache: it refuses -XX:-UseTLAB.
SHUTTLE_STARTUP_CACHE=none SHUTTLE_JAVA_OPTS="-Xmn1g -Xms1100m -XX:-UseTLAB -Xlog:gc:file=$OUT/gc.log ${EXTRA_JAVA_OPTS:-}" \
    "$ROOT/scripts/shuttle" -db -f "$OUT/shuttle.cfg" > "$OUT/log.txt" 2>&1 &
SPID=$!
pids+=($SPID)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/small" > /dev/null && break; sleep 0.2; done
JDK_BIN=$(dirname "$(readlink -f /proc/$SPID/exe)")
# A stack chunk's size is its frames': interpreted and C1 frames are larger than C2's, so
# compare runs with the same warm-up (WARMUP=15 lets the JIT finish on a loaded host).
wrk -t1 -c50 -d"${WARMUP:-3}"s "http://127.0.0.1:$PORT/small" > /dev/null
python3 "$OUT/hold.py" "$PORT" "$N" < /dev/null > /dev/null
sleep 2
"$JDK_BIN/jcmd" "$SPID" GC.class_histogram > "$OUT/histo0.txt"
"$JDK_BIN/jcmd" "$SPID" GC.heap_info > "$OUT/heap0.txt"
"$JDK_BIN/jcmd" "$SPID" GC.heap_info > "$OUT/heap0b.txt"
if [[ ${JFR:-0} == 1 ]]; then
    cat > "$OUT/exact.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="every allocation">
  <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
</configuration>
EOF
    "$JDK_BIN/jcmd" "$SPID" JFR.start name=heap settings="$OUT/exact.jfc" stackdepth=64 > /dev/null
fi
coproc HOLD { python3 "$OUT/hold.py" "$PORT" "$N"; }
read -r _ <&"${HOLD[0]}"
[[ ${JFR:-0} == 1 ]] && "$JDK_BIN/jcmd" "$SPID" JFR.stop name=heap filename="$OUT/allocations.jfr" > /dev/null
"$JDK_BIN/jcmd" "$SPID" GC.heap_info > "$OUT/heap1.txt"
"$JDK_BIN/jcmd" "$SPID" GC.class_histogram > "$OUT/histo1.txt"
echo >&"${HOLD[1]}"
wait "$HOLD_PID" || true

# Eden's top minus its bottom: exact without TLABs.
eden() { sed -nE 's/.*eden space.*\[0x([0-9a-f]+), 0x([0-9a-f]+),.*/\1 \2/p' "$1" | { read -r a b; echo $((16#$b - 16#$a)); }; }
e0=$(eden "$OUT/heap0.txt"); e0b=$(eden "$OUT/heap0b.txt"); e1=$(eden "$OUT/heap1.txt")
collections=$(grep -c 'Pause Young' "$OUT/gc.log" || true)
echo "connections: $N; young collections meanwhile: $collections (must be 0)"
echo "allocated per connection: $(( (e1 - e0b - (e0b - e0)) / N )) bytes"
# Into a file first: a pipe into head ends the script (pipefail) when head leaves before python.
python3 - "$OUT/histo0.txt" "$OUT/histo1.txt" "$N" > "$OUT/retained.txt" <<'EOF'
import re, sys
def load(path):
    rows = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            rows[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return rows
before, after, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
# Heap fillers are dead space the heap walk counts, not objects.
rows = sorted(((after.get(k, (0, 0))[1] - before.get(k, (0, 0))[1], after.get(k, (0, 0))[0] - before.get(k, (0, 0))[0], k)
               for k in set(before) | set(after) if "FillerElement" not in k and "FillerObject" not in k), reverse=True)
print(f"retained per connection: {sum(r[0] for r in rows) / n:.0f} bytes")
for size, count, name in rows[:60]:
    print(f"{size / n:9.1f} B {count / n:6.2f} objects  {name}")
EOF
head -25 "$OUT/retained.txt"
if [[ ${JFR:-0} == 1 ]]; then
    "$JDK_BIN/java" "$(dirname "$0")/AllocationSites.java" "$OUT/allocations.jfr" "$N" 40 > "$OUT/allocations.txt"
    head -3 "$OUT/allocations.txt"
fi
