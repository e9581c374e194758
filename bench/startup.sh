#!/usr/bin/env bash
# Startup figures, Shuttle beside HAProxy in the same run (issue "Shuttle runs", docs/benchmarks.md):
#   1. `-c` of the quickstart config and of a generated 1,000-line config (hyperfine),
#   2. time from exec to the first accepted connection (median of N starts).
#
#   bench/startup.sh [runs]        (default 30)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
runs=${1:-30}
"$ROOT/scripts/build"
for tool in hyperfine haproxy python3; do
    command -v "$tool" >/dev/null || { echo "bench/startup.sh: '$tool' is needed (apt-get install $tool)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A 1,000-line configuration: 1 frontend and 110 backends of 8 servers each.
{
    printf 'global\n    maxconn 1000\ndefaults\n    mode tcp\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n'
    printf 'frontend fe\n    bind 127.0.0.1:18999\n    default_backend be0\n'
    for b in $(seq 0 109); do
        printf 'backend be%d\n    balance roundrobin\n' "$b"
        for s in $(seq 1 7); do printf '    server s%d 127.0.0.%d:%d weight %d\n' "$s" "$s" $((8000 + s)) "$s"; done
    done
} > "$work/big.cfg"
echo "generated config: $(wc -l < "$work/big.cfg") lines"

echo "== -c (configuration check)"
hyperfine -N -w 3 -r "$runs" --export-markdown "$work/check.md" \
    "scripts/shuttle -c -f config-examples/quickstart.cfg" \
    "haproxy -c -f config-examples/quickstart.cfg" \
    "scripts/shuttle -c -f $work/big.cfg" \
    "haproxy -c -f $work/big.cfg"
cat "$work/check.md"

# Exec to first accepted connection: start in the foreground, poll with a connect every 2 ms.
printf 'defaults\n    mode tcp\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nfrontend fe\n    bind 127.0.0.1:18998\n' > "$work/listen.cfg"
time_to_accept() {
    python3 - "$@" <<'PY'
import socket, subprocess, sys, time
cmd = sys.argv[1:]
start = time.monotonic()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    try:
        socket.create_connection(("127.0.0.1", 18998), timeout=0.05).close()
        break
    except OSError:
        time.sleep(0.002)
elapsed = (time.monotonic() - start) * 1000
proc.terminate(); proc.wait()
print(f"{elapsed:.1f}")
PY
}
echo "== exec to first accepted connection (ms, median of $runs)"
for name in shuttle haproxy; do
    if [[ $name == shuttle ]]; then cmd=(scripts/shuttle -db -f "$work/listen.cfg"); else cmd=(haproxy -db -f "$work/listen.cfg"); fi
    samples=()
    for _ in $(seq "$runs"); do samples+=("$(time_to_accept "${cmd[@]}")"); done
    printf '%s\n' "${samples[@]}" | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-8s median %.1f  min %.1f  max %.1f\n", n, a[int((NR+1)/2)], a[1], a[NR]}'
done
