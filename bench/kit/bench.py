"""Driver of scripts/bench: starts the origin and every proxy, warms them up, runs the
scenarios alternating the proxies (A B C D, then A D C B, C D A B, ...: the start rotates and
every other round runs backwards, so that no proxy always follows the same one), and writes the table, the JSON and the chart. See scripts/bench --help."""

import argparse
import datetime
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

import procs
import report
import scenarios as sc
from proxies import IDLE_MAX, OTHER_CORE, PROXY_CORE, Origin, haproxy3_program, make_certificate, make_proxies

# haproxy3 (HAProxy 3.5 from ../shared/peers) is left out, with a message, where that is absent.
ALL_PROXIES = ["shuttle", "haproxy", "haproxy3", "nginx", "vertx"]
BASELINE = report.BASELINE  # "shuttle-base": the Shuttle of --baseline-root, for an A/B of two builds
DEFAULT_SCENARIOS = ["ka50", "ka500", "close", "1mib", "post64k", "queue", "rate", "idle", "startup"]
# Every scenario in the order a run takes them; the TLS, HTTP/2 and storm ones run only when named.
ALL_SCENARIOS = DEFAULT_SCENARIOS[:-1] + sc.TLS_SCENARIOS + sc.H2_SCENARIOS + sc.STORM_SCENARIOS + DEFAULT_SCENARIOS[-1:]

PROFILES = {
    # warmup: seconds of ka50 load per proxy before anything is measured (JIT, heap sizing);
    # scenario_warmup: seconds of the scenario's own load per proxy before its first round;
    # warmup_chunk: the warm-up is several wrk runs of this length, not one: every measured run
    # opens and closes its connections, and a JIT that never saw a connection end compiles the
    # hot path without that branch, then throws the code away at the first close and compiles it
    # again (measured: a first 1 s window of 52-82 us per request, half of it compiler threads,
    # after one 20 s warm-up; 20 us after four 5 s ones);
    # jit_quiet_pct, jit_patience: after any warm-up, a proxy keeps getting 3 s runs of the same
    # load while its JIT compiler threads took more than jit_quiet_pct of its CPU in the last
    # run, for at most jit_patience seconds (a proxy without a JIT is quiet at once);
    # settle: seconds of quiet before each measured run, so that what the previous proxy still
    # does on the shared core once its load stops (a JVM's JIT and GC) is not counted against
    # the next one;
    # idle_gap: seconds a proxy has been left without load before each burst500 run (--idle-gap);
    # conn_rate: new connections per second in storm (--conn-rate).
    "quick": dict(warmup=3, warmup_chunk=3, scenario_warmup=1, seconds=2, rounds=1, idle_rounds=1,
                  idle_seconds=2, rate_seconds=3, startup_runs=3, idle_count=2000, settle=0,
                  jit_quiet_pct=2.0, jit_patience=0, idle_gap=3, conn_rate=3000),
    "full": dict(warmup=20, warmup_chunk=5, scenario_warmup=5, seconds=10, rounds=5, idle_rounds=2,
                 idle_seconds=5, rate_seconds=10, startup_runs=15, idle_count=IDLE_MAX, settle=2,
                 jit_quiet_pct=2.0, jit_patience=60, idle_gap=20, conn_rate=3000),
}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="short warm-up and runs (smoke test, ~3 min)")
    p.add_argument("--scenario", action="append", choices=list(sc.SCENARIOS), help="repeatable; default all")
    p.add_argument("--mode", choices=["tcp", "http"], required=True)
    p.add_argument("--proxy", action="append", choices=ALL_PROXIES + [BASELINE],
                   help="repeatable; default all (and shuttle-base with --baseline-root)")
    p.add_argument("--rounds", type=int, help="measured rounds per scenario (default 1 quick, 5 full)")
    p.add_argument("--seconds", type=int, help="seconds per measured run (default 2 quick, 10 full)")
    p.add_argument("--warmup", type=int, help="seconds of warm-up per proxy (default 3 quick, 20 full)")
    p.add_argument("--rate", type=float, help="fixed rate for 'rate' (default: 50%% of HAProxy's ka50 req/s)")
    p.add_argument("--conn-rate", type=int, help="new connections per second in 'storm' (default 3000)")
    p.add_argument("--idle-gap", type=int, help="seconds of idleness before each 'burst500' run (default 20, quick 3)")
    p.add_argument("--no-log", action="store_true", help="proxies log nothing (default: httplog/tcplog to stdout)")
    p.add_argument("--log-format", metavar="FMT",
                   help="Shuttle and HAProxy log with this log-format instead of option httplog/tcplog")
    p.add_argument("--jfr", metavar="FILE", help="record a JFR profile of Shuttle to FILE")
    p.add_argument("--out", required=True, help="results directory")
    p.add_argument("--root", required=True)
    p.add_argument("--java", required=True)
    p.add_argument("--keep", action="store_true", help="keep the work directory (configs, stderr)")
    p.add_argument("--shuttle-root", help="the Shuttle tree to run (default: --root)")
    p.add_argument("--baseline-root", help="a second Shuttle tree, run as proxy 'shuttle-base' for an A/B")
    args = p.parse_args(argv)
    if args.proxy and BASELINE in args.proxy and not args.baseline_root:
        p.error("--proxy shuttle-base needs --baseline-root DIR")
    return args


def proxy_names(args):
    """--proxy's names; by default all, with the baseline right after Shuttle when there is one
    (so that most rounds run the two builds one after the other)."""
    if args.proxy:
        return list(dict.fromkeys(args.proxy))
    if args.baseline_root:
        return ["shuttle", BASELINE] + ALL_PROXIES[1:]
    return list(ALL_PROXIES)


def tree_info(tree):
    """The commit of a Shuttle tree and whether it had uncommitted changes (git status, untracked
    files included, the kit's own bench/results left out). A tree exported with `git archive` has
    no .git: its commit is in .bench-commit, and its state is unknown (dirty None)."""
    info = {"tree": tree, "commit": None, "dirty": None}
    if not os.path.exists(os.path.join(tree, ".git")):
        try:
            with open(os.path.join(tree, ".bench-commit")) as f:
                info["commit"] = f.read().strip() or None
        except OSError:
            pass
        return info
    try:
        head = subprocess.run(["git", "-C", tree, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, timeout=20)
        status = subprocess.run(["git", "-C", tree, "status", "--porcelain", "--", ".", ":!bench/results"],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return info
    if head.returncode == 0:
        info["commit"] = head.stdout.strip()
    if status.returncode == 0:
        changed = status.stdout.splitlines()
        info["dirty"] = bool(changed)
        if changed:
            info["changed"] = changed[:20]
    return info


def machine_info(root, java):
    def first_line(cmd, stderr=False):
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            text = done.stderr if stderr else done.stdout
            return text.strip().splitlines()[0] if text.strip() else ""
        except (OSError, subprocess.TimeoutExpired):
            return ""

    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host_cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem_kib / 1048576, 1),
        "kernel": platform.release(), "loadavg_at_start": os.getloadavg(),
        "java": first_line([java, "-version"], stderr=True),
        "wrk": first_line(["wrk", "-v"], stderr=True) or first_line(["wrk", "-v"]),
        "h2load": first_line(["h2load", "--version"]),
        # A tree exported with `git archive` has no .git: its commit is in .bench-commit.
        "shuttle_commit": first_line(["git", "-C", root, "rev-parse", "--short", "HEAD"])
        or first_line(["cat", os.path.join(root, ".bench-commit")]),
        "fd_limit": resource.getrlimit(resource.RLIMIT_NOFILE)[1],
        "pinning": f"proxy under test on core {PROXY_CORE}; origin, load generators on core {OTHER_CORE}",
    }


class Run:
    def __init__(self, args):
        self.args = args
        self.profile = dict(PROFILES["quick" if args.quick else "full"])
        for key in ("rounds", "seconds", "warmup", "idle_gap", "conn_rate"):
            if getattr(args, key) is not None:
                self.profile[key] = getattr(args, key)
        self.scenarios = args.scenario or DEFAULT_SCENARIOS
        if any(s in sc.TLS_SCENARIOS for s in self.scenarios) and args.mode != "http":
            raise SystemExit("scripts/bench: the TLS scenarios run in http mode (--mode http)")
        if any(s in sc.H2_SCENARIOS for s in self.scenarios) and args.mode != "http":
            raise SystemExit("scripts/bench: the HTTP/2 scenarios run in http mode (--mode http)")
        if "storm" in self.scenarios and args.mode != "http":
            raise SystemExit("scripts/bench: 'storm' runs in http mode (--mode http): h2load sends HTTP/1.1")
        self.proxy_names = proxy_names(args)
        self.haproxy3 = None
        if "haproxy3" in self.proxy_names:
            self.haproxy3, why = haproxy3_program(args.root)
            if not self.haproxy3:
                self.log(f"haproxy3 left out: {why} (HAProxy 3.5 comes from ../shared/peers/haproxy3)")
                self.proxy_names.remove("haproxy3")
        # When each proxy's last load ended (time.monotonic()): burst500 waits for its idle gap.
        self.last_load = {}
        self.workdir = tempfile.mkdtemp(prefix="shuttle-bench-")
        os.chmod(self.workdir, 0o755)  # nginx workers run as nobody: they read www/ under it
        java_opts = base_java_opts = ""
        if args.jfr:
            # The baseline records too (into FILE-base.jfr): both builds pay for the recording.
            stem, ext = os.path.splitext(os.path.abspath(args.jfr))
            java_opts = f"-XX:StartFlightRecording=filename={stem}{ext},settings=profile"
            base_java_opts = f"-XX:StartFlightRecording=filename={stem}-base{ext or '.jfr'},settings=profile"
        self.shuttle_tree = os.path.abspath(args.shuttle_root or args.root)
        self.baseline_tree = os.path.abspath(args.baseline_root) if args.baseline_root else None
        # Shuttle runs from a snapshot of scripts/ and target/: a build started meanwhile (it
        # deletes the jar first) must not take the proxy away in the middle of a run. The
        # baseline likewise, from a snapshot of its own.
        self.shuttle_root = snapshot_shuttle(self.shuttle_tree, self.workdir) if "shuttle" in self.proxy_names else None
        self.baseline_root = (snapshot_shuttle(self.baseline_tree, self.workdir, "shuttle-base-root")
                              if BASELINE in self.proxy_names else None)
        tls_cert = (make_certificate(args.root, self.workdir)
                    if any(s in sc.TLS_SCENARIOS for s in self.scenarios) else None)
        log = False if args.no_log else (args.log_format or True)
        self.proxies = make_proxies(self.proxy_names, self.workdir, args.mode, log,
                                    self.shuttle_root, args.java, java_opts,
                                    baseline_root=self.baseline_root, baseline_java_opts=base_java_opts,
                                    tls_cert=tls_cert, h2=any(s in sc.H2_SCENARIOS for s in self.scenarios),
                                    haproxy3=self.haproxy3)
        for px in self.proxies:
            if px.name == "vertx":
                px.root = args.root
        self.origin = Origin(self.workdir)
        self.started = time.monotonic()
        self.results = {"mode": args.mode, "profile": "quick" if args.quick else "full",
                        "settings": self.profile, "log": not args.no_log, "log_format": args.log_format,
                        "command": "scripts/bench " + " ".join(sys.argv[1:]),
                        "machine": machine_info(args.shuttle_root or args.root, args.java),
                        "proxies": {}, "scenarios": {}}
        # Which Shuttle builds ran: commit, uncommitted changes (an A/B names both).
        self.results["builds"] = {name: tree_info(tree) for name, tree in
                                  (("shuttle", self.shuttle_tree), (BASELINE, self.baseline_tree))
                                  if name in self.proxy_names}

    def log(self, text):
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    def wait_for_quiet(self, limit_pct=10.0, patience_s=120):
        """Waits (at most `patience_s`) until neither core is busier than `limit_pct` over 3 s:
        a build or a test suite still running would be measured with the proxies. Records what
        it saw; a run that never got quiet says so in its results."""
        started = time.monotonic()
        while True:
            busy = procs.busy_percent([PROXY_CORE, OTHER_CORE], 3)
            waited = time.monotonic() - started
            if max(busy.values()) <= limit_pct or waited >= patience_s:
                break
            self.log("waiting for the machine to be quiet: " +
                     ", ".join(f"core {c} {b:.0f}% busy" for c, b in sorted(busy.items())))
        quiet = max(busy.values()) <= limit_pct
        self.results["machine"]["busy_at_start_pct"] = {str(c): round(b, 1) for c, b in busy.items()}
        self.results["machine"]["quiet_at_start"] = quiet
        if not quiet:
            self.log(f"the machine did not get quiet in {patience_s} s: figures will be noisy")

    def start_all(self):
        ports = [19000, 19001] + [p for px in self.proxies for p in (px.port, px.port + 1)] + \
            [px.tls_port for px in self.proxies if px.tls_port]
        busy = [p for p in ports if not procs.port_free(p)]
        if busy:
            raise RuntimeError(f"ports in use on 127.0.0.1: {busy} (another bench running?)")
        procs.wait_listening(19000, self.origin.start(), timeout=10)
        for px in self.proxies:
            self.results["proxies"][px.name] = {"version": px.version(), "command": " ".join(px.command())}
            procs.wait_listening(px.port, px.start(), timeout=60)
            self.log(f"started {px.name} (pid {px.process.pid}) on 127.0.0.1:{px.port}")

    def stop_all(self):
        for px in self.proxies:
            px.stop()
        if self.origin.process:
            self.origin.process.stop()

    def check_alive(self):
        for px in self.proxies:
            if not px.process.alive():
                raise RuntimeError(f"{px.name} died:\n{px.process.stderr_tail()}")

    def rotation(self, round_index):
        """The proxies of one round, in order. A plain rotation (A B C D, B C D A, ...) would
        always run D just before A; reversing every other round varies each proxy's neighbour.
        Waits `settle` seconds before each one (a generator: the wait comes when it is asked for)."""
        n = len(self.proxies)
        k = round_index % n
        order = self.proxies[k:] + self.proxies[:k]
        if round_index % 2 == 1:
            order = order[:1] + order[1:][::-1]
        for px in order:
            time.sleep(self.profile["settle"])
            yield px

    def warm_up(self):
        secs, chunk = self.profile["warmup"], self.profile["warmup_chunk"]
        self.log(f"warm-up: {secs} s of ka50 per proxy, in runs of {chunk} s")
        for px in self.proxies:
            runs = [chunk] * (secs // chunk) + ([secs % chunk] if secs % chunk else [])
            self.warm(px, "ka50", sc.SCENARIOS["ka50"], runs)

    def warm(self, px, name, spec, runs):
        """Unmeasured wrk runs of the given lengths, then more of 3 s while the JIT compiler
        threads still took more than jit_quiet_pct of the proxy's CPU (up to jit_patience s)."""
        jit_share = 0.0
        for secs in runs:
            jit_share = sc.run_wrk_once(px, name, spec, self.args.mode, self.workdir, secs, measured=False)
        extra = 0
        while 100 * jit_share > self.profile["jit_quiet_pct"] and extra < self.profile["jit_patience"]:
            jit_share = sc.run_wrk_once(px, name, spec, self.args.mode, self.workdir, 3, measured=False)
            extra += 3
        self.last_load[px.name] = time.monotonic()
        if extra:
            verdict = "quiet" if 100 * jit_share <= self.profile["jit_quiet_pct"] else "still busy"
            self.log(f"  {name} warm-up {px.name}: JIT {verdict} after {extra} s more "
                     f"({100 * jit_share:.1f}% of its CPU in the last run)")

    def store(self, name, per_proxy_samples, extra=None):
        entry = {"title": sc.SCENARIOS[name]["title"], "proxies": {}}
        if extra:
            entry.update(extra)
        for proxy, samples in per_proxy_samples.items():
            keys = samples[0].keys()
            entry["proxies"][proxy] = {k: sc.summarize([s[k] for s in samples]) for k in keys
                                       if isinstance(samples[0][k], (int, float))}
            entry["proxies"][proxy]["samples"] = samples
        self.results["scenarios"][name] = entry

    def run_wrk_scenario(self, name):
        spec = sc.SCENARIOS[name]
        for px in self.proxies:
            if self.skips(px, spec):
                continue
            self.warm(px, name, spec, [self.profile["scenario_warmup"]])
        samples = {px.name: [] for px in self.proxies if not self.skips(px, spec)}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                if self.skips(px, spec):
                    continue
                result = sc.run_wrk_once(px, name, spec, self.args.mode, self.workdir, self.profile["seconds"])
                samples[px.name].append(result)
                self.log(f"  {name} round {r + 1} {px.name}: {result['req_s']:.0f} req/s, "
                         f"{result['cpu_us_per_req']:.1f} us CPU/req, errors {result['errors']}, "
                         f"other load on its core {result['other_on_core_pct']:.0f}%, steal {result['steal_pct']:.0f}%")
            self.check_alive()
        self.store(name, samples)

    def run_h2load_scenario(self, name):
        """An HTTP/2 scenario, on the proxies with an HTTP/2 listener (Shuttle, HAProxy; http mode)."""
        spec = sc.SCENARIOS[name]
        runners = [px for px in self.proxies if px.h2_port]
        for px in runners:
            sc.run_h2load_once(px, spec, self.workdir, self.profile["scenario_warmup"])
        samples = {px.name: [] for px in runners}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                if not px.h2_port:
                    continue
                result = sc.run_h2load_once(px, spec, self.workdir, self.profile["seconds"])
                samples[px.name].append(result)
                self.log(f"  {name} round {r + 1} {px.name}: {result['req_s']:.0f} req/s, "
                         f"{result['cpu_us_per_req']:.1f} us CPU/req, p99 {result['p99_us'] / 1000:.1f} ms, "
                         f"errors {result['errors']}, other load on its core {result['other_on_core_pct']:.0f}%")
            self.check_alive()
        self.store(name, samples)

    def run_storm(self):
        """New connections at a fixed rate (h2load -r), one request each: the accept path, a new
        connection's first run and first read, a connect to the server per request."""
        spec = sc.SCENARIOS["storm"]
        rate = self.profile["conn_rate"]
        self.log(f"storm: {rate} new connections per second")
        for px in self.proxies:
            sc.run_storm_once(px, spec, rate, self.workdir, self.profile["scenario_warmup"])
        samples = {px.name: [] for px in self.proxies}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                result = sc.run_storm_once(px, spec, rate, self.workdir, self.profile["seconds"])
                samples[px.name].append(result)
                self.log(f"  storm round {r + 1} {px.name}: {result['req_s']:.0f} req/s, "
                         f"{result['cpu_us_per_req']:.1f} us CPU/req, p99 {result['p99_us'] / 1000:.1f} ms, "
                         f"max {result['max_us'] / 1000:.1f} ms, first byte max "
                         f"{result['first_byte_max_us'] / 1000:.1f} ms, errors {result['errors']}, "
                         f"other load on its core {result['other_on_core_pct']:.0f}%, steal {result['steal_pct']:.0f}%")
            self.check_alive()
        self.store("storm", samples, {"conn_rate": rate})

    def run_burst(self):
        """500 new keep-alive connections at once (wrk -c500) on a proxy left idle for idle_gap
        seconds since its last load: the first round of issue 25's stalls, every round."""
        name, spec, gap = "burst500", sc.SCENARIOS["burst500"], self.profile["idle_gap"]
        self.log(f"burst500: each run after {gap} s without load on its proxy")
        for px in self.proxies:
            self.warm(px, name, spec, [self.profile["scenario_warmup"]])
        samples = {px.name: [] for px in self.proxies}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                idle = time.monotonic() - self.last_load.get(px.name, 0.0)
                if idle < gap:
                    time.sleep(gap - idle)
                result = sc.run_wrk_once(px, name, spec, self.args.mode, self.workdir, self.profile["seconds"])
                self.last_load[px.name] = time.monotonic()
                samples[px.name].append(result)
                self.log(f"  burst500 round {r + 1} {px.name}: {result['req_s']:.0f} req/s, "
                         f"p99 {result['p99_us'] / 1000:.1f} ms, max {result['max_us'] / 1000:.1f} ms, "
                         f"errors {result['errors']}, other load on its core {result['other_on_core_pct']:.0f}%, "
                         f"steal {result['steal_pct']:.0f}%")
            self.check_alive()
        self.store(name, samples, {"idle_gap_s": gap})

    @staticmethod
    def skips(px, spec):
        """A TLS scenario runs on the proxies with a TLS listener only (Shuttle, HAProxy)."""
        tls = spec.get("tls", False) or spec.get("kind") == "handshake"
        return tls and not px.tls_port

    def run_handshakes(self, name):
        spec = sc.SCENARIOS[name]
        runners = [px for px in self.proxies if px.tls_port]
        for px in runners:
            # As warm() does for wrk: more 3 s runs while the JIT still compiles.
            warm = sc.run_handshakes_once(px, spec, self.profile["scenario_warmup"])
            extra = 0
            while 100 * warm["jit_us_per_req"] / max(warm["cpu_us_per_req"], 1e-9) > self.profile["jit_quiet_pct"] \
                    and extra < self.profile["jit_patience"]:
                warm = sc.run_handshakes_once(px, spec, 3)
                extra += 3
            self.log(f"  {name} warm-up {px.name}: {warm['req_s']:.0f} handshakes/s"
                     + (f" (JIT: {extra} s more)" if extra else ""))
        samples = {px.name: [] for px in runners}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                if not px.tls_port:
                    continue
                result = sc.run_handshakes_once(px, spec, self.profile["seconds"])
                samples[px.name].append(result)
                self.log(f"  {name} round {r + 1} {px.name}: {result['req_s']:.0f} handshakes/s, "
                         f"{result['cpu_us_per_req']:.0f} us CPU per handshake, "
                         f"other load on its core {result['other_on_core_pct']:.0f}%, steal {result['steal_pct']:.0f}%")
            self.check_alive()
        self.store(name, samples)

    def fixed_rate(self):
        if self.args.rate:
            return self.args.rate
        ka = self.results["scenarios"].get("ka50", {}).get("proxies", {}).get("haproxy")
        if ka:
            return ka["req_s"]["median"] / 2
        haproxy = next((px for px in self.proxies if px.name == "haproxy"), None)
        if haproxy is None:
            raise RuntimeError("'rate' needs HAProxy in the run (or --rate)")
        self.log("rate: measuring HAProxy's ka50 maximum first")
        result = sc.run_wrk_once(haproxy, "ka50", sc.SCENARIOS["ka50"], self.args.mode, self.workdir,
                                 max(3, self.profile["seconds"]))
        return result["req_s"] / 2

    def run_rate(self):
        rate = self.fixed_rate()
        self.log(f"rate: {rate:.0f} req/s over 50 connections")
        spec = sc.SCENARIOS["rate"]
        samples = {px.name: [] for px in self.proxies}
        for r in range(self.profile["rounds"]):
            for px in self.rotation(r):
                result = sc.run_rate_once(px, spec, rate, self.workdir, self.profile["rate_seconds"])
                samples[px.name].append(result)
                self.log(f"  rate round {r + 1} {px.name}: p50 {result['p50_us']} us, p99 {result['p99_us']} us, "
                         f"{result['cpu_us_per_req']:.1f} us CPU/req, errors {result['errors']}, "
                         f"other load on its core {result['other_on_core_pct']:.0f}%, steal {result['steal_pct']:.0f}%")
            self.check_alive()
        self.store("rate", samples, {"target_rate": rate})

    def run_idle(self):
        spec = dict(sc.SCENARIOS["idle"], idle=self.profile["idle_count"])
        samples = {px.name: [] for px in self.proxies}
        for r in range(self.profile["idle_rounds"]):
            for px in self.rotation(r):
                result = sc.run_idle_once(px, "idle", spec, self.args.mode, self.workdir,
                                          self.profile["idle_seconds"])
                samples[px.name].append(result)
                self.log(f"  idle round {r + 1} {px.name}: {result['idle_opened']} idle, RSS "
                         f"{result['rss_before_idle_kib']} -> {result['rss_kib']} KiB, "
                         f"{result['rss_per_idle_conn_kib']:.1f} KiB per idle connection")
            self.check_alive()
        self.store("idle", samples, {"idle_connections": spec["idle"]})

    def run_startup(self):
        runs = self.profile["startup_runs"]
        startup_dir = os.path.join(self.workdir, "startup")
        os.makedirs(startup_dir, exist_ok=True)
        samples = {px.name: [] for px in self.proxies}
        for r in range(runs):
            for px in self.rotation(r):
                port = px.port + 50

                def factory(name=px.name):
                    wait_for_jar(self.baseline_tree if name == BASELINE else self.shuttle_tree)
                    root = self.shuttle_tree if name == "shuttle" else self.args.root
                    return make_proxies([name], startup_dir, self.args.mode, False, root,
                                        self.args.java, "", port_offset=50, baseline_root=self.baseline_tree,
                                        haproxy3=self.haproxy3)[0]

                samples[px.name].append(sc.time_to_listen(factory, port) * 1000)
        entry = {"title": sc.SCENARIOS["startup"]["title"], "proxies": {}}
        for name, values in samples.items():
            entry["proxies"][name] = {"ready_ms": sc.summarize(values)}
        big = os.path.join(self.workdir, "big.cfg")
        entry["check_config_lines"] = sc.big_config(big)
        for name, tree in (("shuttle", self.shuttle_tree), (BASELINE, self.baseline_tree), ("haproxy", None)):
            if name not in entry["proxies"]:
                continue
            if tree:
                wait_for_jar(tree)
            argv = [os.path.join(tree, "scripts/shuttle") if tree else "haproxy", "-c", "-f", big]
            entry["proxies"][name]["check_ms"] = sc.summarize([t * 1000 for t in sc.check_time(argv, runs)])
        self.results["scenarios"]["startup"] = entry
        for name, s in entry["proxies"].items():
            self.log(f"  startup {name}: exec->listening {s['ready_ms']['median']:.1f} ms"
                     + (f", -c {s['check_ms']['median']:.1f} ms" if "check_ms" in s else ""))

    def run(self):
        self.started = time.monotonic()
        self.log(f"work directory {self.workdir}; mode {self.args.mode}; proxies {', '.join(self.proxy_names)}")
        for name, build in self.results["builds"].items():
            self.log(f"{name}: {report.build_text(build)}")
        if self.baseline_tree and BASELINE not in self.proxy_names:
            self.log("--baseline-root given, but --proxy does not name shuttle-base: no baseline in this run")
        try:
            self.wait_for_quiet()
            self.start_all()
            if any(s != "startup" for s in self.scenarios):
                self.warm_up()
            for name in [s for s in ALL_SCENARIOS if s in self.scenarios]:
                self.log(f"scenario {name}: {sc.SCENARIOS[name]['title']}")
                kind = sc.SCENARIOS[name]["kind"]
                if kind == "wrk":
                    self.run_wrk_scenario(name)
                elif kind == "handshake":
                    self.run_handshakes(name)
                elif kind == "h2load":
                    self.run_h2load_scenario(name)
                elif kind == "rate":
                    self.run_rate()
                elif kind == "storm":
                    self.run_storm()
                elif kind == "burst":
                    self.run_burst()
                elif kind == "idle":
                    self.run_idle()
                elif kind == "startup":
                    self.run_startup()
        finally:
            self.stop_all()
        return self.results

    def write(self):
        self.results["elapsed_s"] = round(time.monotonic() - self.started)
        self.results["machine"]["loadavg_at_end"] = os.getloadavg()
        os.makedirs(self.args.out, exist_ok=True)
        base = os.path.join(self.args.out, f"{self.args.mode}{'-quick' if self.args.quick else ''}")
        text = report.table(self.results, self.proxy_names, self.scenarios)
        items = report.budget(self.results)
        self.results["budget"] = items
        verdicts = report.verdicts_text(self.results, items)
        self.results["baseline"] = report.baseline_comparison(self.results, self.scenarios)
        against = report.baseline_text(self.results, self.scenarios)
        report.write_json(self.results, base + ".json")
        m = self.results["machine"]
        title = (f"Shuttle bench, {self.args.mode} mode, {self.results['profile']} profile, "
                 f"{m['date'][:10]}, {m['cores']} cores ({m['host_cpu']}), commit {m['shuttle_commit']}")
        if BASELINE in self.results["builds"]:
            title += f", baseline {self.results['builds'][BASELINE]['commit']}"
        png = report.chart(self.results, self.proxy_names, self.scenarios, base + ".png", title)
        with open(base + ".txt", "w") as f:
            f.write(title + "\n\n" + text + "\n\n" + (against + "\n\n" if against else "") + verdicts + "\n")
        print()
        print(title)
        print(text)
        print()
        if against:
            print(against)
            print()
        print(verdicts)
        print(f"\nwritten: {base}.json, {base}.txt" + (f", {png}" if png else "") +
              f" ({self.results['elapsed_s']} s)")


def snapshot_shuttle(root, workdir, name="shuttle-root"):
    """A copy of scripts/ and the built jar, libraries and startup cache, runnable as is, in
    workdir/name."""
    wait_for_jar(root)
    copy = os.path.join(workdir, name)
    shutil.copytree(os.path.join(root, "scripts"), os.path.join(copy, "scripts"))
    os.makedirs(os.path.join(copy, "target"))
    shutil.copytree(os.path.join(root, "target/lib"), os.path.join(copy, "target/lib"))
    for name in ("shuttle.jar", "shuttle.aot", "shuttle.jsa"):
        if os.path.exists(os.path.join(root, "target", name)):
            shutil.copy2(os.path.join(root, "target", name), os.path.join(copy, "target", name))
    return copy


def wait_for_jar(root, timeout=300):
    """target/shuttle.jar, waiting for a build in progress elsewhere to finish it."""
    jar = os.path.join(root, "target/shuttle.jar")
    deadline = time.monotonic() + timeout
    while not os.path.exists(jar):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{jar} missing (run scripts/build)")
        time.sleep(1)
    time.sleep(0.5)  # a jar just written may still be followed by its startup cache


def main(argv):
    # SIGTERM (timeout, a supervisor) unwinds like Ctrl-C, so that every started process stops.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = parse_args(argv)
    run = Run(args)
    try:
        run.run()
        run.write()
    except Exception as failure:
        traceback.print_exc()
        if run.results["scenarios"]:
            run.results["incomplete"] = f"{type(failure).__name__}: {failure}"
            run.results.setdefault("elapsed_s", None)
            run.write()
        print(f"bench failed; work directory kept: {run.workdir}", file=sys.stderr)
        return 1
    if not args.keep:
        shutil.rmtree(run.workdir, ignore_errors=True)
    else:
        print(f"work directory kept: {run.workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
