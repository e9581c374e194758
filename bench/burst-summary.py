#!/usr/bin/env python3
"""Per-round table of bench/burst-rounds.sh OUT_DIR: for each round of new connections, the
distribution of each step of a connection's first exchange (ms), from the JFR event
dev.shuttle.ConnectionStart and the log line's timers, and the GC pauses inside the round."""
import json
import re
import sys
from datetime import datetime

out = sys.argv[1]
rounds = []
for line in open(f"{out}/rounds.txt"):
    f = line.split()
    if f[0] == "ROUND":
        rounds.append([int(f[1]), int(f[2]), None, f[3]])
    elif f[0] == "END":
        rounds[-1][2] = int(f[2])


def round_of(ms):
    for r, start, end, _ in rounds:
        if start - 50 <= ms <= end + 50:
            return r
    return None


def iso_ms(text):
    head, _, frac = text.rstrip("Z").partition(".")
    base = datetime.fromisoformat(head + "+00:00").timestamp()
    return base * 1000 + float("0." + (frac or "0")) * 1000


def span_ms(value):
    if isinstance(value, (int, float)):
        return value / 1e6
    m = re.fullmatch(r"PT(?:(\d+)M)?([\d.]+)S", value)
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


steps = {r[0]: {} for r in rounds}
gcs = {r[0]: [] for r in rounds}
gc_cpu = {r[0]: 0.0 for r in rounds}
try:
    events = json.load(open(f"{out}/events.json"))["recording"]["events"]
except OSError:
    events = []  # HAProxy: no JFR
for e in events:
    v = e["values"]
    at = iso_ms(v["startTime"])
    r = round_of(at)
    if r is None:
        continue
    if e["type"] == "dev.shuttle.ConnectionStart":
        key = "start (reused)" if v.get("reusedThread") else "start (new thread)"
        steps[r].setdefault(key, []).append(span_ms(v["delay"]))
    elif e["type"] == "jdk.GarbageCollection":
        gcs[r].append(span_ms(v["sumOfPauses"]))
    elif e["type"] == "jdk.GCCPUTime":
        gc_cpu[r] += span_ms(v["userTime"]) + span_ms(v["systemTime"])

seen = set()
line_re = re.compile(r"(\S+:\d+) (\d+) (\d+) (-?\d+) (-?\d+) (-?\d+) (-?\d+) (-?\d+) (-?\d+) (-?\d+) (\d+)")
for line in open(f"{out}/log.txt"):
    m = line_re.search(line)
    if not m or m.group(1) in seen:
        continue
    seen.add(m.group(1))
    ts, ms, th, ti, tr_, tw, tc, tr, ta, bc = (int(x) for x in m.groups()[1:])
    r = round_of(ts * 1000 + ms)
    if r is None:
        continue
    s = steps[r]
    s.setdefault("accept -> handshake done (Th)", []).append(th)
    s.setdefault("then first byte of the request (Ti)", []).append(ti)
    s.setdefault("then request read (TR)", []).append(tr_)
    s.setdefault("server connect (Tw+Tc)", []).append(tw + max(tc, 0))
    s.setdefault("server response (Tr)", []).append(tr)
    s.setdefault("accept -> response (Th+Ti+Ta)", []).append(th + ti + ta)

for r, start, end, load in rounds:
    print(f"round {r} (load {load}), GC pauses: {len(gcs[r])}, total {sum(gcs[r]):.1f} ms, "
          f"max {max(gcs[r], default=0):.1f} ms, GC CPU {gc_cpu[r]:.0f} ms")
    print(f"  {'step':40} {'n':>5} {'p50':>7} {'p90':>7} {'p99':>7} {'max':>7}")
    for key, values in steps[r].items():
        print(f"  {key:40} {len(values):5} {pct(values, 50):7.1f} {pct(values, 90):7.1f} "
              f"{pct(values, 99):7.1f} {max(values):7.1f}")
    try:
        wrk = open(f"{out}/wrk-{r}.txt").read()
        lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", wrk)
        print(f"  wrk: latency avg {lat.group(1)}, max {lat.group(3)}")
    except (OSError, AttributeError):
        pass
