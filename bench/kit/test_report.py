"""Unit tests of the kit's arithmetic: run by scripts/test (python3 -m unittest)."""

import unittest

import loadgen
import procs
import proxies
import report


def scenario(**per_proxy):
    """A scenario entry as the kit stores it, from per-proxy lists of (cpu us/req, req/s) or
    (cpu us/req, req/s, p99 us); keyword names with '_' stand for '-' (shuttle_base)."""
    proxies = {}
    for name, runs in per_proxy.items():
        name = name.replace("_", "-")
        samples = [{"cpu_us_per_req": run[0], "req_s": run[1], "other_on_core_pct": 0.0, "steal_pct": 0.0}
                   for run in runs]
        for sample, run in zip(samples, runs):
            if len(run) > 2:
                sample["p99_us"] = run[2]
        cpus = sorted(s["cpu_us_per_req"] for s in samples)
        rates = sorted(s["req_s"] for s in samples)
        proxies[name] = {"cpu_us_per_req": {"median": cpus[len(cpus) // 2]},
                         "req_s": {"median": rates[len(rates) // 2]}, "samples": samples}
    return {"proxies": proxies}


class PairedRatioTest(unittest.TestCase):
    def test_a_drifting_host_cancels_out_of_each_round(self):
        # The host slows down by half in round 2; Shuttle is 1.1x HAProxy's CPU in every round.
        results = {"scenarios": {"ka50": scenario(shuttle=[(22, 45), (33, 30), (22, 45)],
                                                  haproxy=[(20, 50), (30, 33), (20, 50)])}}
        self.assertAlmostEqual(report.paired_ratio(results, "ka50", "shuttle", "haproxy", "cpu_us_per_req"), 1.1)

    def test_the_median_of_the_rounds_not_their_mean(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(10, 1), (10, 1), (40, 1)],
                                                  haproxy=[(10, 1), (10, 1), (10, 1)])}}
        self.assertEqual(report.paired_ratio(results, "ka50", "shuttle", "haproxy", "cpu_us_per_req"), 1.0)

    def test_missing_proxy_is_not_measured(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(10, 1)])}}
        self.assertIsNone(report.paired_ratio(results, "ka50", "shuttle", "haproxy", "cpu_us_per_req"))


class BaselineTest(unittest.TestCase):
    """The A/B of two Shuttle builds (--baseline-root): Shuttle / shuttle-base, paired per round."""

    def results(self):
        # The host slows down by half in round 2; the build under test costs 1.05x the baseline's
        # CPU in rounds 1 and 2, 0.95x in round 3; its req/s and p99 move the other way.
        return {"builds": {"shuttle": {"tree": "/work/wt-x", "commit": "abc1234", "dirty": True},
                           "shuttle-base": {"tree": "/tmp/base", "commit": "def5678", "dirty": False}},
                "scenarios": {"ka50": scenario(shuttle=[(21, 95, 1100), (42, 47.5, 2200), (19, 105, 900)],
                                               shuttle_base=[(20, 100, 1000), (40, 50, 2000), (20, 100, 1000)],
                                               haproxy=[(18, 110, 800), (36, 55, 1600), (18, 110, 800)])}}

    def test_paired_ratios_of_cpu_req_s_and_p99_with_rounds_and_range(self):
        ka50 = report.baseline_comparison(self.results(), ["ka50"])["ka50"]
        cpu = ka50["cpu_us_per_req"]
        self.assertAlmostEqual(cpu["paired"], 1.05)
        self.assertEqual(cpu["rounds"], 3)
        self.assertAlmostEqual(cpu["min"], 0.95)
        self.assertAlmostEqual(cpu["max"], 1.05)
        self.assertAlmostEqual(ka50["req_s"]["paired"], 0.95)
        self.assertAlmostEqual(ka50["p99_us"]["paired"], 1.1)
        # The same arithmetic as the budget's Shuttle / HAProxy ratio.
        self.assertEqual(cpu["paired"], report.paired_ratio(self.results(), "ka50", "shuttle", "shuttle-base",
                                                            "cpu_us_per_req"))

    def test_the_report_line_and_the_two_commits(self):
        text = report.baseline_text(self.results(), ["ka50"])
        self.assertIn("ka50     Shuttle / baseline, paired CPU per request: 1.05x "
                      "(rounds: 3, per-round range 0.95-1.05); req/s 0.95x (0.95-1.05); p99 1.10x (0.90-1.10)",
                      text)
        self.assertIn("shuttle      abc1234 (/work/wt-x, uncommitted changes)", text)
        self.assertIn("shuttle-base def5678 (/tmp/base, clean)", text)

    def test_nothing_without_a_baseline(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(21, 95)], haproxy=[(20, 100)])}}
        self.assertEqual(report.baseline_comparison(results, ["ka50"]), {})
        self.assertEqual(report.baseline_text(results, ["ka50"]), "")

    def test_the_table_widens_its_proxy_column_for_the_baseline(self):
        results = self.results()
        for r in results["scenarios"]["ka50"]["proxies"].values():
            for figure in ("p50_us", "p99_us", "backend_connects_per_1k", "rss_kib", "errors"):
                r[figure] = {"median": 1, "min": 1, "max": 1}
            r["req_s"].update(min=1, max=1)
            r["cpu_us_per_req"].update(min=1, max=1)
        lines = report.table(results, ["shuttle", "shuttle-base", "haproxy"], ["ka50"]).splitlines()
        self.assertTrue(lines[0].startswith("scenario  proxy        "))
        self.assertTrue(lines[2].startswith("ka50      shuttle      "))
        self.assertTrue(lines[3].startswith("ka50      shuttle-base "))


class BudgetTest(unittest.TestCase):
    def test_verdicts_use_the_paired_ratio_and_keep_the_ratio_of_medians(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(26, 40), (13, 80), (26, 40)],
                                                  haproxy=[(20, 50), (10, 100), (20, 50)],
                                                  vertx=[(52, 20), (26, 40), (52, 20)])}}
        items = {i["item"]: i for i in report.budget(results)}
        cpu = items["ka50 CPU per request, Shuttle / HAProxy"]
        self.assertEqual(cpu["verdict"], "MISS")  # 1.3x in every round
        self.assertEqual(cpu["value"], 1.3)
        self.assertEqual(cpu["ratio_of_medians"], 1.3)
        self.assertEqual(items["ka50 CPU per request, Vert.x / Shuttle"]["verdict"], "PASS")  # 2x
        self.assertEqual(items["ka50 req/s, Shuttle / HAProxy"]["verdict"], "MISS")  # 0.8x
        self.assertEqual(items["RSS per idle client connection, Shuttle"]["verdict"], "not measured")


class NoisyRunsTest(unittest.TestCase):
    def test_counts_runs_with_another_load_or_steal_on_the_proxy_core(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(1, 1), (1, 1)], haproxy=[(1, 1)])}}
        results["scenarios"]["ka50"]["proxies"]["shuttle"]["samples"][0]["other_on_core_pct"] = 25.0
        results["scenarios"]["ka50"]["proxies"]["haproxy"]["samples"][0]["steal_pct"] = 11.0
        self.assertEqual(report.noisy_runs(results, ["ka50"]), (2, 3))


class JitRunsTest(unittest.TestCase):
    def test_counts_runs_whose_jit_took_more_than_its_share_of_the_cpu(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(20, 1), (20, 1), (20, 1)], haproxy=[(1, 1)])}}
        samples = results["scenarios"]["ka50"]["proxies"]["shuttle"]["samples"]
        for sample, jit in zip(samples, [0.0, 0.3, 0.5]):  # 0%, 1.5%, 2.5% of 20 us
            sample["jit_us_per_req"] = jit
        results["scenarios"]["ka50"]["proxies"]["haproxy"]["samples"][0]["jit_us_per_req"] = 0.0
        self.assertEqual(report.jit_runs(results, ["ka50"]), {"shuttle": (1, 3)})

    def test_reads_no_jit_threads_in_a_process_without_them(self):
        import os
        self.assertEqual(procs.jit_cpu_seconds(os.getpid()), 0.0)


class TailWarningsTest(unittest.TestCase):
    def test_warns_when_a_round_waits_far_longer_than_haproxys_worst(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(1, 1), (1, 1)], haproxy=[(1, 1), (1, 1)]),
                                 "rate": scenario(shuttle=[(1, 1)], haproxy=[(1, 1)])}}
        for name, shuttle, haproxy in (("ka50", [5000, 2_041_000], [4000, 6000]), ("rate", [9000], [4000])):
            for sample, p99 in zip(results["scenarios"][name]["proxies"]["shuttle"]["samples"], shuttle):
                sample["p99_us"] = p99
            for sample, p99 in zip(results["scenarios"][name]["proxies"]["haproxy"]["samples"], haproxy):
                sample["p99_us"] = p99
        warnings = report.tail_warnings(results)
        self.assertEqual(len(warnings), 1)  # rate: 9 ms against 4 is within 3x
        self.assertIn("ka50", warnings[0])
        self.assertIn("2041.0 ms", warnings[0])


class PeerTest(unittest.TestCase):
    """HAProxy 3.5 beside 2.6: paired ratios like a baseline's, and left out where it is absent."""

    def test_paired_ratios_against_haproxy3(self):
        results = {"scenarios": {"ka50": scenario(shuttle=[(28, 35), (56, 17)], haproxy3=[(20, 50), (40, 25)])}}
        text = report.peer_text(results, ["ka50"])
        self.assertIn("ka50     paired CPU per request 1.40x (rounds: 2, 1.40-1.40)", text)
        self.assertEqual(report.peer_text({"scenarios": {"ka50": scenario(shuttle=[(1, 1)])}}, ["ka50"]), "")

    def test_no_haproxy3_without_the_peers_folder(self):
        import tempfile
        with tempfile.TemporaryDirectory() as parent:
            program, why = proxies.haproxy3_program(parent + "/wt-x")
        self.assertIsNone(program)
        self.assertIn("shared/peers/haproxy3 not found", why)

    def test_haproxy3_reads_the_same_configuration_as_haproxy_under_its_own_name(self):
        import tempfile
        with tempfile.TemporaryDirectory() as workdir:
            two, three = proxies.make_proxies(["haproxy", "haproxy3"], workdir, "http", True, "/r", "java", "",
                                              haproxy3="/opt/haproxy3")
            with open(two.config_path) as a, open(three.config_path) as b:
                self.assertEqual(a.read().replace(str(two.port), "P").replace(str(two.port + 1), "Q"),
                                 b.read().replace(str(three.port), "P").replace(str(three.port + 1), "Q"))
        self.assertEqual(three.command()[0], "/opt/haproxy3")
        self.assertNotEqual(two.config_path, three.config_path)
        self.assertNotEqual(two.port, three.port)


class StormTest(unittest.TestCase):
    """Issue 25's connection storms: the worst latency of each round against HAProxy's."""

    def test_reads_h2loads_connect_and_first_byte_times_in_their_units(self):
        text = ("                     min         max         mean         sd        +/- sd\n"
                "time for request:      149us      2.73ms       357us       147us    94.32%\n"
                "time for connect:      103us       192us       133us        29us    60.00%\n"
                "time to 1st byte:      405us      1.02s      1.53ms       996us    60.00%\n")
        times = loadgen.h2load_summary_times(text)
        self.assertEqual(times["connect"], (103, 192, 133))
        self.assertEqual(times["first_byte"], (405, 1_020_000, 1530))
        self.assertEqual(loadgen.h2load_summary_times("nothing"), {})

    def test_counts_rounds_within_one_and_a_half_times_each_haproxys_worst(self):
        results = {"scenarios": {"burst500": scenario(shuttle=[(1, 1), (1, 1), (1, 1)],
                                                      haproxy=[(1, 1), (1, 1), (1, 1)])}}
        per = results["scenarios"]["burst500"]["proxies"]
        for proxy, worst in (("shuttle", [150_000, 644_000, 20_000]), ("haproxy", [100_000, 365_000, 20_000])):
            for sample, w in zip(per[proxy]["samples"], worst):
                sample["max_us"] = w
        [item] = report.storm_rounds(results)
        self.assertEqual(item["base"], "haproxy")
        self.assertEqual([round(r, 2) for r in item["ratios"]], [1.5, 1.76, 1.0])
        self.assertEqual(item["within"], 2)
        text = report.storm_text(results)
        self.assertIn("shuttle      150.0, 644.0, 20.0", text)
        self.assertIn("within 1.5x in 2 of 3 rounds", text)

    def test_storms_run_only_when_named(self):
        import bench
        for name in ("storm", "burst500"):
            self.assertNotIn(name, bench.DEFAULT_SCENARIOS)
            self.assertIn(name, bench.ALL_SCENARIOS)


class CoreTimesTest(unittest.TestCase):
    def test_reads_this_machines_first_core(self):
        busy, total, steal = procs.core_times(0)
        self.assertGreater(total, 0)
        self.assertTrue(0 <= steal <= total and 0 <= busy <= total)


if __name__ == "__main__":
    unittest.main()
