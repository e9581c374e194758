"""Unit tests of log_differential.py's comparison: a line of a format is split into its items
as HAProxy writes them, deterministic fields must be equal and volatile ones have the same shape.

    cd difftest && python3 -m unittest -v test_log_differential
"""

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import log_differential as ld  # noqa: E402
from log_cases import HTTP_LOG, TCP_CLF, Case  # noqa: E402

HTTP_LINE = ('127.0.0.1:51960 [06/Dec/2026:22:38:03.727] fe_0 be_0/s1 0/0/0/5/5 200 81 - - ---- 2/1/0/0/0 0/0 '
             '"GET /a?b=c HTTP/1.1"')


def differences(fmt, haproxy, shuttle, shapes=None):
    return ld.compare_message(fmt, shapes or {}, haproxy, shuttle)


class FormatComparison(unittest.TestCase):
    def test_same_line_has_no_difference(self):
        self.assertEqual(differences(HTTP_LOG, HTTP_LINE, HTTP_LINE), [])

    def test_timers_dates_and_client_port_are_compared_by_shape(self):
        other = HTTP_LINE.replace("51960", "40000").replace("22:38:03.727", "23:01:59.001") \
            .replace("0/0/0/5/5", "12/0/3/40/57")
        self.assertEqual(differences(HTTP_LOG, HTTP_LINE, other), [])

    def test_a_timer_not_reached_differs_from_a_measured_one(self):
        other = HTTP_LINE.replace("0/0/0/5/5", "0/0/-1/5/5")
        self.assertEqual(len(differences(HTTP_LOG, HTTP_LINE, other)), 1)
        self.assertIn("%Tc", differences(HTTP_LOG, HTTP_LINE, other)[0])

    def test_deterministic_fields_must_be_equal(self):
        for before, after, item in (("200 81", "503 81", "%ST"), ("200 81", "200 78", "%B"),
                                    ("be_0/s1", "be_0/s2", "%s"), ("----", "SC--", "%tsc"),
                                    ("2/1/0/0/0", "2/1/1/1/0", "%bc"), ("/a?b=c", "/a", "%{+Q}r")):
            found = differences(HTTP_LOG, HTTP_LINE, HTTP_LINE.replace(before, after))
            self.assertTrue(found and item in found[0], (before, after, found))

    def test_a_line_without_the_format_shape_is_reported(self):
        self.assertEqual(differences(HTTP_LOG, HTTP_LINE, "something else"),
                         ["Shuttle's line does not have the format's shape"])

    def test_captures_may_be_absent_and_then_take_no_space(self):
        with_captures = HTTP_LINE.replace(' "GET', ' {example.com} {r1} "GET')
        self.assertEqual(differences(HTTP_LOG, with_captures, with_captures), [])
        self.assertTrue(differences(HTTP_LOG, HTTP_LINE, with_captures))

    def test_quoted_and_hex_items(self):
        fmt = "%{+X}o %ci|%cp|%Ts|%rt|%pid|%ST"
        self.assertEqual(differences(fmt, "7F000001|B08C|6B15E307|0016|58EC|200", "7F000001|A4EE|6B15E3FF|0017|58ED|200"),
                         [])
        self.assertTrue(differences(fmt, "7F000001|B08C|6B15E307|0016|58EC|200", "127.0.0.1|A4EE|6B15E3FF|0017|58ED|200"))

    def test_separators_are_merged_and_none_leads(self):
        fmt = "%{+Q}o %f %{-Q}b"
        self.assertEqual(differences(fmt, '"fe" be', '"fe" be'), [])
        self.assertTrue(differences(fmt, '"fe" be', 'fe be'))

    def test_percent_escape(self):
        self.assertEqual(differences("100%%|%ST", "100%|200", "100%|200"), [])
        self.assertTrue(differences("100%%|%ST", "100%|200", "100|200"))

    def test_logasap_plus_sign_is_part_of_the_shape(self):
        self.assertTrue(differences("%Tt|%B", "+5|+81", "5|+81"))
        self.assertEqual(differences("%Tt|%B", "+5|+81", "+9|+81"), [])

    def test_clf_format_with_literal_quotes_and_trailing_space(self):
        line = ('127.0.0.1 - - [06/Dec/2026:22:34:48 +0000] "TCP " 000 5 "" "" 51834 624 "fe_43" "be_43" "s1" '
                '0 1 0 102 5 ---- 5 1 0 0 0 0 0 "" "" ')
        self.assertEqual(differences(TCP_CLF, line, line.replace("51834 624", "40882 013")), [])
        self.assertTrue(differences(TCP_CLF, line, line.replace('"fe_43"', "fe_43")))

    def test_json_lines_compare_keys_types_and_shapes(self):
        fmt = "%{+json}o %(fe)f %(tt)Tt %(n:sint)[str(12)]"
        self.assertEqual(differences(fmt, '{"fe": "a", "tt": 5, "n": 12}', '{"fe": "a", "tt": 9, "n": 12}'), [])
        self.assertTrue(differences(fmt, '{"fe": "a", "tt": 5, "n": 12}', '{"fe": "a", "tt": 5, "n": "12"}'))
        self.assertTrue(differences(fmt, '{"fe": "a", "tt": 5, "n": 12}', '{"tt": 5, "fe": "a", "n": 12}'))
        self.assertTrue(differences(fmt, '{"fe": "a", "tt": 5, "n": 12}', 'fe=a'))

    def test_case_shapes_for_volatile_samples(self):
        self.assertEqual(differences("%[date]|%ST", "1765060000|200", "1765060001|200", {"%[date]": "integer"}), [])
        self.assertTrue(differences("%[date]|%ST", "1765060000|200", "1765060001|200"))


class SyslogHeaders(unittest.TestCase):
    def test_rfc5424_header_and_structured_data(self):
        case = Case("x", "%f|%ST", syslog="rfc5424", sd="%{+Q,+E}o [id@1 fe=%f st=%ST]")
        line = '<134>1 2026-12-06T22:34:50.017849+00:00 - haproxy 22764 - [id@1 fe="fe_60" st=200] fe_60|200'
        same = line.replace("50.017849", "51.000001").replace("22764", "4242")
        self.assertEqual(ld.compare_line(case, line, same), [])
        self.assertTrue(ld.compare_line(case, line, line.replace("haproxy 22764", "shuttle 22764")))
        self.assertTrue(ld.compare_line(case, line, line.replace('st=200]', 'st=503]')))
        self.assertTrue(ld.compare_line(case, line, line.replace("<134>", "<131>")))

    def test_rfc3164_tag(self):
        case = Case("x", "%f", syslog="rfc3164")
        line = "<134>Dec  6 22:34:50 mytag[22764]: fe_1"
        self.assertEqual(ld.compare_line(case, line, line.replace("22764", "1")), [])
        self.assertTrue(ld.compare_line(case, line, line.replace("mytag", "haproxy")))


class TrafficVerdicts(unittest.TestCase):
    def test_line_counts_and_final_line_feed(self):
        case = Case("x", "%ST")
        self.assertEqual(ld.traffic_differences(case, {"haproxy": ["200\n"], "shuttle": ["200\n"]}), [])
        self.assertTrue(ld.traffic_differences(case, {"haproxy": ["200\n"], "shuttle": ["200"]}))
        self.assertTrue(ld.traffic_differences(case, {"haproxy": ["200\n"], "shuttle": []}))
        self.assertTrue(ld.traffic_differences(case, {"haproxy": [], "shuttle": []}))


if __name__ == "__main__":
    unittest.main()
