"""The results of a run: the table on stdout, the budget verdicts, the JSON file and the PNG
chart (gnuplot)."""

import json
import statistics
import os
import subprocess

FIGURES = ["req_s", "cpu_us_per_req", "p50_us", "p99_us", "backend_connects_per_1k", "rss_kib", "errors"]


def ratio(value, base):
    return value / base if base else None


def fmt_ratio(r):
    return f"{r:.2f}x" if r is not None else "-"


def table(results, proxies, scenarios):
    """A fixed-width table: medians [min-max] and ratios to HAProxy of the same run."""
    out = []
    w = max([8] + [len(p) for p in proxies])  # the proxy column: 'shuttle-base' is 12 wide
    header = (f"{'scenario':9} {'proxy':{w}} {'req/s':>9} {'range':>15} {'vs HA':>6} {'CPU us/req':>10} "
              f"{'range':>13} {'vs HA':>6} {'p50 ms':>7} {'p99 ms':>7} {'p99 vs':>6} "
              f"{'conn/1k':>7} {'RSS MiB':>7} {'errors':>6} {'other%':>6}")
    out.append(header)
    out.append("-" * len(header))
    for name in scenarios:
        per_proxy = results["scenarios"].get(name, {}).get("proxies", {})
        if name == "startup" or not per_proxy:
            continue
        base = per_proxy.get("haproxy", {})
        for p in proxies:
            r = per_proxy.get(p)
            if not r:
                continue
            rq, cpu = r["req_s"], r["cpu_us_per_req"]
            brq = base.get("req_s", {}).get("median")
            bcpu = base.get("cpu_us_per_req", {}).get("median")
            bp99 = base.get("p99_us", {}).get("median")
            out.append(
                f"{name:9} {p:{w}} {rq['median']:9.0f} {rq['min']:7.0f}-{rq['max']:<7.0f} "
                f"{fmt_ratio(ratio(rq['median'], brq)):>6} {cpu['median']:10.1f} "
                f"{cpu['min']:6.1f}-{cpu['max']:<6.1f} {fmt_ratio(ratio(cpu['median'], bcpu)):>6} "
                f"{r['p50_us']['median'] / 1000:7.2f} {r['p99_us']['median'] / 1000:7.2f} "
                f"{fmt_ratio(ratio(r['p99_us']['median'], bp99)):>6} "
                f"{r['backend_connects_per_1k']['median']:7.2f} {r['rss_kib']['median'] / 1024:7.1f} "
                f"{r['errors']['max']:6.0f} {fmt_pct(r.get('other_on_core_pct'))}")
            if name == "idle" and "rss_per_idle_conn_kib" in r:
                out.append(f"{'':9} {'':{w}} RSS per idle connection: {r['rss_per_idle_conn_kib']['median']:.1f} KiB "
                           f"(range {r['rss_per_idle_conn_kib']['min']:.1f}-{r['rss_per_idle_conn_kib']['max']:.1f}, "
                           f"{r['idle_opened']['min']:.0f} idle opened)")
    noisy, total = noisy_runs(results, scenarios)
    if total:
        out.append(f"noisy runs (more than {NOISY_PCT}% of the proxy's core busy with something else, or "
                   f"stolen): {noisy} of {total}")
    compiling = jit_runs(results, scenarios)
    if compiling:
        out.append(f"runs in which the JIT still compiled (more than {JIT_PCT}% of the proxy's CPU): "
                   + ", ".join(f"{p} {n} of {total}" for p, (n, total) in compiling.items()))
    startup = results["scenarios"].get("startup", {}).get("proxies", {})
    if startup:
        out.append("")
        out.append(f"{'startup':9} {'proxy':{w}} {'exec->listening ms':>19} {'range':>15} {'-c 1000 lines ms':>17} {'range':>15}")
        for p in proxies:
            s = startup.get(p)
            if not s:
                continue
            line = f"{'':9} {p:{w}} {s['ready_ms']['median']:19.1f} {s['ready_ms']['min']:7.1f}-{s['ready_ms']['max']:<7.1f}"
            if "check_ms" in s:
                line += f" {s['check_ms']['median']:17.1f} {s['check_ms']['min']:7.1f}-{s['check_ms']['max']:<7.1f}"
            out.append(line)
    return "\n".join(out)


NOISY_PCT = 10


def noisy_runs(results, scenarios):
    """(noisy, measured) runs: noisy when another load or the hypervisor took its core."""
    noisy = total = 0
    for name in scenarios:
        for r in results["scenarios"].get(name, {}).get("proxies", {}).values():
            for sample in r.get("samples", []):
                if "other_on_core_pct" in sample:
                    total += 1
                    noisy += sample["other_on_core_pct"] + sample["steal_pct"] > NOISY_PCT
    return noisy, total


JIT_PCT = 2


def jit_runs(results, scenarios):
    """proxy -> (runs whose JIT compiler threads took more than JIT_PCT% of its CPU, measured
    runs), for the proxies that have a JIT (results made before it was measured have none)."""
    out = {}
    for name in scenarios:
        for proxy, r in results["scenarios"].get(name, {}).get("proxies", {}).items():
            for sample in r.get("samples", []):
                if sample.get("jit_us_per_req") is None or proxy in ("haproxy", "haproxy3", "nginx"):
                    continue
                n, total = out.get(proxy, (0, 0))
                busy = sample["jit_us_per_req"] > JIT_PCT / 100 * sample["cpu_us_per_req"]
                out[proxy] = (n + busy, total + 1)
    return out


def fmt_pct(summary):
    """The median of a percentage figure, or '-' for results made before it was measured."""
    return f"{summary['median']:6.0f}" if summary else f"{'-':>6}"


def paired_ratios(results, scenario, proxy, base, figure):
    """The per-round ratios proxy/base of a figure, each from the two runs of one round (rounds
    where base's figure is 0 left out); None when either proxy or the figure is missing."""
    try:
        per = results["scenarios"][scenario]["proxies"]
        a = [s[figure] for s in per[proxy]["samples"]]
        b = [s[figure] for s in per[base]["samples"]]
    except KeyError:
        return None
    return [x / y for x, y in zip(a, b) if y]


def paired_ratio(results, scenario, proxy, base, figure):
    """The median over rounds of proxy/base, each ratio taken from the two runs of one round.

    The host's speed drifts over minutes (steal, frequency, neighbours); both runs of a round
    are at most a few runs apart, so their ratio cancels most of the drift that a ratio of the
    two medians, taken over the whole scenario, keeps."""
    pairs = paired_ratios(results, scenario, proxy, base, figure)
    return statistics.median(pairs) if pairs else None


def budget(results):
    """Issue 5's budget for Shuttle, each item with its measured value and a verdict.
    Ratios between two proxies of one run are medians of per-round ratios (paired_ratio); the
    ratio of the two medians is kept beside them for reference."""
    sc = results["scenarios"]
    items = []

    def med(scenario, proxy, figure):
        try:
            return sc[scenario]["proxies"][proxy][figure]["median"]
        except KeyError:
            return None

    def add(what, value, limit, ok, unit="", of_medians=None):
        if value is None:
            items.append({"item": what, "value": None, "limit": limit, "verdict": "not measured"})
        else:
            items.append({"item": what, "value": round(value, 3), "limit": limit,
                          "verdict": "PASS" if ok(value) else "MISS", "unit": unit})
            if of_medians is not None:
                items[-1]["ratio_of_medians"] = round(of_medians, 3)

    def of_medians(scenario, proxy, base, figure):
        a, b = med(scenario, proxy, figure), med(scenario, base, figure)
        return a / b if a and b else None

    for what, proxy, base, figure, limit, ok in (
            ("ka50 CPU per request, Shuttle / HAProxy", "shuttle", "haproxy", "cpu_us_per_req", "<= 1.25",
             lambda v: v <= 1.25),
            ("ka50 req/s, Shuttle / HAProxy", "shuttle", "haproxy", "req_s", ">= 0.9", lambda v: v >= 0.9),
            ("ka50 CPU per request, Vert.x / Shuttle", "vertx", "shuttle", "cpu_us_per_req", ">= 1.5",
             lambda v: v >= 1.5)):
        add(what, paired_ratio(results, "ka50", proxy, base, figure), limit, ok, "x",
            of_medians("ka50", proxy, base, figure))
    s_p99, h_p99 = med("rate", "shuttle", "p99_us"), med("rate", "haproxy", "p99_us")
    add("p99 at 50% of HAProxy's max rate, Shuttle / HAProxy", s_p99 / h_p99 if s_p99 and h_p99 else None,
        "<= 1.5", lambda v: v <= 1.5, "x")
    add("RSS per idle client connection, Shuttle", med("idle", "shuttle", "rss_per_idle_conn_kib"), "<= 16 KiB",
        lambda v: v <= 16, "KiB")
    check = sc.get("startup", {}).get("proxies", {}).get("shuttle", {}).get("check_ms", {}).get("median")
    add("-c of a 1,000-line config, Shuttle (wall)", check, "<= 250 ms", lambda v: v <= 250, "ms")
    return items


BASELINE = "shuttle-base"
BASELINE_FIGURES = (("cpu_us_per_req", "paired CPU per request"), ("req_s", "req/s"), ("p99_us", "p99"))


def baseline_comparison(results, scenarios, proxy="shuttle", base=BASELINE):
    """scenario -> figure -> the paired ratio proxy/base (as the budget takes it: paired_ratio),
    the number of rounds paired and the per-round range, for CPU per request, req/s and p99; only
    scenarios where both builds have samples. {} when the baseline did not run."""
    out = {}
    for name in scenarios:
        entry = {}
        for figure, _ in BASELINE_FIGURES:
            pairs = paired_ratios(results, name, proxy, base, figure)
            if pairs:
                entry[figure] = {"paired": paired_ratio(results, name, proxy, base, figure),
                                 "rounds": len(pairs), "min": min(pairs), "max": max(pairs)}
        if "cpu_us_per_req" in entry:
            out[name] = entry
    return out


def build_text(build):
    """'80b4283 (/tmp/base, uncommitted changes)' from a run's record of one Shuttle tree."""
    state = {True: ", uncommitted changes", False: ", clean", None: ""}[build.get("dirty")]
    return f"{build.get('commit') or '?'} ({build.get('tree', '?')}{state})"


def baseline_text(results, scenarios):
    """The A/B of two Shuttle builds (--baseline-root): which commits, then one line per scenario
    with the paired ratios Shuttle / baseline. Empty when the baseline did not run."""
    comparison = baseline_comparison(results, scenarios)
    if not comparison:
        return ""
    builds = results.get("builds", {})
    lines = ["Shuttle against the baseline build (per-round ratios of the two runs of each round):"]
    for name in ("shuttle", BASELINE):
        if name in builds:
            lines.append(f"  {name:12} {build_text(builds[name])}")
    for name, entry in comparison.items():
        parts = []
        for figure, what in BASELINE_FIGURES:
            f = entry.get(figure)
            if f is None:
                continue
            if not parts:
                parts.append(f"Shuttle / baseline, {what}: {f['paired']:.2f}x "
                             f"(rounds: {f['rounds']}, per-round range {f['min']:.2f}-{f['max']:.2f})")
            else:
                parts.append(f"{what} {f['paired']:.2f}x ({f['min']:.2f}-{f['max']:.2f})")
        lines.append(f"  {name:8} " + "; ".join(parts))
    return "\n".join(lines)


TAIL_FACTOR = 3


def tail_warnings(results, proxy="shuttle", base="haproxy"):
    """Scenarios where the proxy's worst round has a p99 above TAIL_FACTOR times the base's worst
    round. The budget times p99 at a fixed rate only; this catches requests left waiting under
    saturation (a scheduler starving some connections shows as a few rounds of seconds)."""
    out = []
    for name, entry in results["scenarios"].items():
        proxies = entry.get("proxies", {})
        if proxy not in proxies or base not in proxies:
            continue
        worst = [max((s.get("p99_us") or 0) for s in proxies[p].get("samples", [{}])) for p in (proxy, base)]
        if worst[1] > 0 and worst[0] > TAIL_FACTOR * worst[1]:
            out.append(f"  WARN         {name}: {proxy}'s worst p99 of a round {worst[0] / 1000:.1f} ms, "
                       f"{base}'s {worst[1] / 1000:.1f} ms (more than {TAIL_FACTOR}x)")
    return out


PEER = "haproxy3"


def peer_text(results, scenarios, peer=PEER):
    """Shuttle against HAProxy 3.5 (not in issue 5's budget, which names 2.6): per scenario the
    paired ratios, as for a baseline build. Empty when HAProxy 3.5 did not run."""
    comparison = baseline_comparison(results, scenarios, "shuttle", peer)
    if not comparison:
        return ""
    lines = ["Shuttle against HAProxy 3.5 (per-round ratios; not in the budget, which names 2.6):"]
    for name, entry in comparison.items():
        parts = []
        for figure, what in BASELINE_FIGURES:
            f = entry.get(figure)
            if f is not None:
                parts.append(f"{what} {f['paired']:.2f}x (rounds: {f['rounds']}, {f['min']:.2f}-{f['max']:.2f})")
        lines.append(f"  {name:8} " + "; ".join(parts))
    return "\n".join(lines)


STORM_FACTOR = 1.5


def storm_rounds(results, proxy="shuttle", bases=("haproxy", PEER)):
    """Issue 25's storm goal, per storm scenario and HAProxy version: the proxy's worst latency of
    each round (max_us) over that HAProxy's worst of the same round. Returns a list of
    {scenario, base, ratios, within} (within: rounds at most STORM_FACTOR times the base's)."""
    out = []
    for name in ("storm", "burst500"):
        per = results["scenarios"].get(name, {}).get("proxies", {})
        for base in bases:
            pairs = paired_ratios(results, name, proxy, base, "max_us") if proxy in per and base in per else None
            if pairs:
                out.append({"scenario": name, "base": base, "ratios": pairs,
                            "within": sum(r <= STORM_FACTOR for r in pairs)})
    return out


def storm_text(results):
    """Per storm scenario: each proxy's worst latency per round, then the rounds within the goal."""
    lines = []
    for name in ("storm", "burst500"):
        per = results["scenarios"].get(name, {}).get("proxies", {})
        if not per:
            continue
        lines.append(f"{name}: worst latency of each round (ms)")
        for proxy, r in per.items():
            worst = [s.get("max_us", 0) / 1000 for s in r.get("samples", [])]
            lines.append(f"  {proxy:12} " + ", ".join(f"{w:.1f}" for w in worst))
    for item in storm_rounds(results):
        lines.append(f"  {item['scenario']}: Shuttle / {item['base']} worst latency per round "
                     + ", ".join(f"{r:.2f}" for r in item["ratios"])
                     + f"; within {STORM_FACTOR}x in {item['within']} of {len(item['ratios'])} rounds")
    return "\n".join(lines)


def budget_text(items):
    lines = ["Budget (issue 5), Shuttle:"]
    for i in items:
        value = "-" if i["value"] is None else f"{i['value']}{i.get('unit', '')}"
        extra = f"; ratio of the medians {i['ratio_of_medians']}x" if "ratio_of_medians" in i else ""
        lines.append(f"  {i['verdict']:12} {i['item']}: {value} (limit {i['limit']}{extra})")
    return "\n".join(lines)


def verdicts_text(results, items):
    """The budget's verdicts, then the tail-latency warnings (if any)."""
    warnings = tail_warnings(results)
    text = budget_text(items)
    if warnings:
        text += "\nTail latency (not in the budget):\n" + "\n".join(warnings)
    peer = peer_text(results, list(results["scenarios"]))
    if peer:
        text += "\n" + peer
    storms = storm_text(results)
    if storms:
        text += "\nConnection storms (issue 25: worst latency at most 1.5x HAProxy's in every round):\n" + storms
    return text


def write_json(results, path):
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=False)


CHART = """
set terminal pngcairo size 1400,900 font ",11"
set output '{png}'
set multiplot layout 2,1 title "{title}"
set style data histograms
set style histogram errorbars gap 1.5 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top left horizontal
set xtics nomirror
set ylabel "CPU µs per request (proxy; median, bar = range; log scale)"
set logscale y
set yrange [5:*]
plot {cpu_plot}
unset logscale y
set yrange [0:*]
set ylabel "req/s relative to HAProxy (median)"
set style histogram clustered gap 1.5
plot {rate_plot}
unset multiplot
"""

COLORS = {"shuttle": "#1f77b4", "shuttle-base": "#aec7e8", "haproxy": "#2ca02c", "haproxy3": "#98df8a", "nginx": "#7f7f7f", "vertx": "#d62728"}


def chart(results, proxies, scenarios, png, title):
    """Two panels: CPU per request (with the range), and req/s as a ratio to HAProxy."""
    names = [s for s in scenarios if s not in ("startup",) and results["scenarios"].get(s, {}).get("proxies")]
    if not names:
        return None
    dat = png[:-4] + ".dat"
    with open(dat, "w") as f:
        f.write("# scenario " + " ".join(f"{p}_cpu {p}_cpu_min {p}_cpu_max {p}_rate_ratio" for p in proxies) + "\n")
        for s in names:
            per = results["scenarios"][s]["proxies"]
            base = per.get("haproxy", {}).get("req_s", {}).get("median")
            row = [s]
            for p in proxies:
                r = per.get(p)
                if r:
                    c = r["cpu_us_per_req"]
                    row += [f"{c['median']:.3f}", f"{c['min']:.3f}", f"{c['max']:.3f}",
                            f"{r['req_s']['median'] / base:.3f}" if base else "0"]
                else:
                    row += ["0", "0", "0", "0"]
            f.write(" ".join(row) + "\n")
    cpu_plot, rate_plot = [], []
    for i, p in enumerate(proxies):
        col = 2 + 4 * i
        cpu_plot.append(f"'{dat}' using {col}:{col + 1}:{col + 2}:xtic(1) title '{p}' lc rgb '{COLORS.get(p, 'black')}'")
        rate_plot.append(f"'{dat}' using {col + 3}:xtic(1) title '{p}' lc rgb '{COLORS.get(p, 'black')}'")
    script = CHART.format(png=png, title=title.replace('"', "'"), cpu_plot=", ".join(cpu_plot),
                          rate_plot=", ".join(rate_plot))
    gp = png[:-4] + ".gp"
    with open(gp, "w") as f:
        f.write(script)
    done = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
    if done.returncode != 0:
        print("gnuplot failed:", done.stderr[-800:])
        return None
    os.remove(gp)
    return png
