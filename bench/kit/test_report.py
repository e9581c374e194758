"""Unit tests of the kit's arithmetic: run by scripts/test (python3 -m unittest)."""

import unittest

import procs
import report


def scenario(**per_proxy):
    """A scenario entry as the kit stores it, from per-proxy lists of (cpu us/req, req/s)."""
    proxies = {}
    for name, runs in per_proxy.items():
        samples = [{"cpu_us_per_req": cpu, "req_s": rate, "other_on_core_pct": 0.0, "steal_pct": 0.0}
                   for cpu, rate in runs]
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


class CoreTimesTest(unittest.TestCase):
    def test_reads_this_machines_first_core(self):
        busy, total, steal = procs.core_times(0)
        self.assertGreater(total, 0)
        self.assertTrue(0 <= steal <= total and 0 <= busy <= total)


if __name__ == "__main__":
    unittest.main()
