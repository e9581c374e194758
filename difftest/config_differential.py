#!/usr/bin/env python3
"""Differential test of Shuttle's configuration errors against HAProxy 3.5.

    difftest/config_differential.py [--show] [--keep] [-k PATTERN] [--haproxy PATH]
                                    [--shuttle PATH] [--self-check] [CASE...]

Each case of config_cases.py is a small configuration (most often one bad line in a minimal valid
one) that both proxies check with `-c -f`, as an operator's `haproxy -c` does. What is compared is
what the user sees: the [ALERT], [WARNING] and [NOTICE] lines, and whether the file is refused.

How it runs, to stay fast (a JVM start per case would take minutes on a loaded machine):

1. Every case is written to its own file `<case>.cfg`, with its own `defaults` section, and its
   proxy is named after the case. Both proxies read every file in ONE run (`-c -f a.cfg -f
   b.cfg ...`, from the folder of the files, so that both print the same relative names); HAProxy
   and Shuttle go on after an error and name each file and line, so each message line belongs to
   the case whose file (`[<case>.cfg:N]`, `... file : <case>.cfg`) or proxy (`'<case>'`,
   `<case>/s1`) it names. The lines naming no case ("Fatal errors found in configuration.") and
   the exit status are compared as the pseudo-case "(run A)".
2. 3.5 stops reading at a few errors (an unknown http-request action): the cases after the last one
   it named run again ("(run A2)"...), until every case has been read. A file with errors stops 3.5
   before the checks made once everything is read (missing timeouts, unknown backends, TLS
   initialisation...), so the cases 3.5 accepted go through a run of their own, "(run B)", where
   those checks happen: their messages are taken from it. A case marked `alone` (every `global`
   case: 3.x reads all global sections first and stops there at an error) runs by itself.
3. Normalized before comparing: the process id of `[ALERT]    (1234) :`, the program's path, and
   3.5's two notices that name its version and path (Shuttle is another program). The keyword
   suggestion (`; did you mean 'tfo' maybe ?`) is compared as 3.5 prints it unless
   --no-suggestions; without a suggestion 3.5 ends the unknown keyword with a period.
4. As in the other difftests, a case that differs passes only if config_known_differences.txt
   lists it (`name: reason`, or `BUG: name: ...` for a Shuttle bug kept visible), and a listed case
   that no longer differs fails ("now passes: remove it from the known differences").

--self-check runs HAProxy in Shuttle's place: every case must be "same" (the harness's own check).

Output: one line per case, then "config difftest: N passed, N failed". Exit 0 if nothing failed,
1 if something did, 2 if a proxy could not run.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import config_cases
import http_differential as hd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KNOWN_FILE = os.path.join(HERE, "config_known_differences.txt")
HAPROXY3 = os.path.expanduser("~/.cache/haproxy3/haproxy-3.5-dev5/haproxy")
LABEL = "config difftest"
RUN_TIMEOUT = 120

MESSAGE = re.compile(r"^\[(ALERT|WARNING|NOTICE)\]\s+\(\d+\) : (.*)$")
VERSION_NOTICES = re.compile(r"^\[NOTICE\] (haproxy version is |path to executable is )")
SUGGESTION = re.compile(r"; did you mean '[^']*' maybe \?")
UNKNOWN_PERIOD = re.compile(r"(unknown keyword '[^']*')\.")


def normalize(line, program, suggestions=True):
    """A message line without what differs between two runs or two programs; None if not a message."""
    match = MESSAGE.match(line.rstrip("\n"))
    if not match:
        return None
    # 3.5 prints a NUL in a few messages (an empty value's "character '%c'"), which glues the next
    # message to it: its process id is removed there too.
    text = "[%s] %s" % (match.group(1), re.sub(r"\[(ALERT|WARNING|NOTICE)\]\s+\(\d+\) : ", "[\\1] ",
                                              match.group(2).replace("\0", "")))
    if VERSION_NOTICES.match(text):
        return None
    text = text.replace(program, "<program>")
    if not suggestions:
        text = UNKNOWN_PERIOD.sub(r"\1", SUGGESTION.sub("", text))
    return text


def run_proxy(program, folder, files):
    """Runs `program -c -f f1 -f f2 ...` in folder; returns (exit status, output lines)."""
    command = [program, "-c"]
    for name in files:
        command += ["-f", name]
    done = subprocess.run(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=RUN_TIMEOUT, env=dict(os.environ, LC_ALL="C"))
    return done.returncode, done.stdout.decode("utf-8", "replace").splitlines()


def owner(text, names):
    """The case a message line names (by its file or its proxy), or None."""
    for name in re.findall(r"([A-Za-z0-9_.-]+)\.cfg\b", text):
        if name in names:
            return name
    for name in re.findall(r"['\s]([A-Za-z0-9_.:-]+?)(?:'|/)", text):
        if name in names:
            return name
    return None


def split_by_case(lines, names, program, suggestions):
    """{case: [normalized lines]}, with the lines naming no case under None."""
    by_case = {}
    for line in lines:
        text = normalize(line, program, suggestions)
        if text is not None:
            by_case.setdefault(owner(text, names), []).append(text)
    return by_case


class Run:
    """One `-c` run of both proxies over some cases' files."""

    def __init__(self, label, cases):
        self.label = label
        self.cases = cases
        self.results = {}  # proxy label -> (status, {case: lines})

    def execute(self, proxies, folder, suggestions):
        files = ["%s.cfg" % case.name for case in self.cases]
        names = {case.name for case in self.cases}
        for proxy_label, program in proxies:
            status, lines = run_proxy(program, folder, files)
            self.results[proxy_label] = (status, split_by_case(lines, names, program, suggestions))

    def lines(self, proxy_label, case_name):
        return self.results[proxy_label][1].get(case_name, [])

    def status(self, proxy_label):
        return self.results[proxy_label][0]


def refused(lines):
    return any(line.startswith("[ALERT]") for line in lines)


def compare(ours, theirs):
    """Difference lines between Shuttle's and 3.5's messages (empty: same)."""
    if ours == theirs:
        return []
    out = ["3.5:     %s" % line for line in theirs] or ["3.5:     (no message)"]
    out += ["Shuttle: %s" % line for line in ours] or ["Shuttle: (no message)"]
    return out


def verdict(name, differences, known, show, details):
    """Prints a case's verdict; True when it passes."""
    listed = name in known
    if not differences and not listed:
        print("  same             %s" % name)
        if show:
            print("\n".join("      " + line for line in details))
        return True
    if not differences:
        print("  LISTED BUT SAME  %s: now passes: remove it from config_known_differences.txt" % name)
        return False
    if listed:
        print("  differs (known)  %s (%s)" % (name, known[name]))
        if show:
            print("\n".join("      " + line for line in differences))
        return True
    print("  DIFFERS          %s" % name)
    print("\n".join("      " + line for line in differences))
    return False


def default_haproxy():
    if os.access("/tmp/haproxy35", os.X_OK):
        return "/tmp/haproxy35"
    return HAPROXY3 if os.access(HAPROXY3, os.X_OK) else shutil.which("haproxy") or "/usr/sbin/haproxy"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("cases", nargs="*", help="run only these cases")
    parser.add_argument("-k", dest="pattern", help="run only the cases whose name matches this regex")
    parser.add_argument("-v", "--verbose", "--show", dest="show", action="store_true",
                        help="both proxies' lines for every case")
    parser.add_argument("--keep", action="store_true", help="keep the case files, print where")
    parser.add_argument("--haproxy", default=default_haproxy(), help="the peer (default: HAProxy 3.5)")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    parser.add_argument("--self-check", action="store_true",
                        help="HAProxy in Shuttle's place, known differences ignored: all must be same")
    parser.add_argument("--no-suggestions", action="store_true",
                        help="compare unknown keywords without 3.5's 'did you mean' suggestion")
    args = parser.parse_args()

    cases = config_cases.CASES
    names = [case.name for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        print("%s: duplicate case names: %s" % (LABEL, ", ".join(sorted(duplicates))), file=sys.stderr)
        return 2
    unknown = set(args.cases) - set(names)
    if unknown:
        print("%s: no such case: %s" % (LABEL, ", ".join(sorted(unknown))), file=sys.stderr)
        return 2
    if args.cases:
        cases = [case for case in cases if case.name in args.cases]
    if args.pattern:
        cases = [case for case in cases if re.search(args.pattern, case.name)]

    shuttle = args.haproxy if args.self_check else os.path.abspath(args.shuttle)
    haproxy = os.path.abspath(args.haproxy)
    for program in (haproxy, shuttle):
        if not os.access(program, os.X_OK):
            print("%s: cannot run %s" % (LABEL, program), file=sys.stderr)
            return 2
    known = {} if args.self_check else hd.read_known(KNOWN_FILE)
    print("%s: peer %s, Shuttle %s, known differences in %s" % (
        LABEL, haproxy, shuttle, os.path.relpath(KNOWN_FILE, os.getcwd())))
    proxies = [("3.5", haproxy), ("Shuttle", shuttle)]
    suggestions = not args.no_suggestions

    folder = tempfile.mkdtemp(prefix="shuttle-cfgdiff-")
    passed = failed = 0
    try:
        for case in cases:
            with open(os.path.join(folder, case.name + ".cfg"), "w", encoding="utf-8") as out:
                out.write(case.text())
        together = [case for case in cases if not case.alone]
        runs = []
        try:
            # 3.5 stops reading at some errors (an unknown http-request action, ...): the cases after
            # the last one it named run again, until every case has been read.
            remaining, part = together, 0
            while remaining:
                part += 1
                run = Run("(run A%s)" % ("" if part == 1 else part), remaining)
                run.execute(proxies, folder, suggestions)
                runs.append(run)
                named = [i for i, case in enumerate(remaining) if run.lines("3.5", case.name)]
                last = named[-1] if named else len(remaining) - 1
                run.cases = remaining[:last + 1]
                remaining = remaining[last + 1:]
            # The cases 3.5 accepted: their whole-configuration checks, in a run of their own (3.5 makes
            # those checks only when every file read well).
            accepted = [case for run in list(runs) for case in run.cases
                        if not refused(run.lines("3.5", case.name))]
            if accepted and len(accepted) < len(together):
                second = Run("(run B)", accepted)
                second.execute(proxies, folder, suggestions)
                runs.append(second)
            for case in cases:
                if case.alone:
                    run = Run("(alone %s)" % case.name, [case])
                    run.execute(proxies, folder, suggestions)
                    runs.append(run)
        except (OSError, subprocess.TimeoutExpired) as error:
            print("%s: a proxy could not run: %s" % (LABEL, error), file=sys.stderr)
            return 2

        final_run = {}
        for run in runs:
            for case in run.cases:
                final_run[case.name] = run
        for case in cases:
            run = final_run[case.name]
            theirs, ours = run.lines("3.5", case.name), run.lines("Shuttle", case.name)
            differences = compare(ours, theirs)
            details = ["3.5:     %s" % line for line in theirs] + ["Shuttle: %s" % line for line in ours]
            if verdict(case.name, differences, known, args.show, details):
                passed += 1
            else:
                failed += 1
        # What belongs to no case: the closing lines and the exit status of each run.
        for run in runs:
            if run.label.startswith("(alone"):
                continue
            theirs = run.lines("3.5", None) + ["exit status %d" % run.status("3.5")]
            ours = run.lines("Shuttle", None) + ["exit status %d" % run.status("Shuttle")]
            details = ["3.5:     %s" % line for line in theirs] + ["Shuttle: %s" % line for line in ours]
            differences = compare(ours, theirs)
            if not differences and (args.cases or args.pattern):
                # A subset of the cases: the runs' listed lines may not come.
                print("  same             %s" % run.label)
                passed += 1
                continue
            if verdict(run.label, differences, known, args.show, details):
                passed += 1
            else:
                failed += 1
        for run in runs:
            if run.label.startswith("(alone"):
                name = run.cases[0].name
                if run.status("3.5") != run.status("Shuttle"):
                    print("  DIFFERS          %s: exit status 3.5 %d, Shuttle %d" % (
                        name, run.status("3.5"), run.status("Shuttle")))
                    failed += 1
        stray = {name for name in set(known) - set(names) if not name.startswith("(run ")}
        for name in sorted(stray):
            print("  UNKNOWN CASE     %s: listed in config_known_differences.txt, not in config_cases.py" % name)
            failed += 1
    finally:
        if args.keep:
            print("%s: case files kept in %s" % (LABEL, folder))
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("%s: %d passed, %d failed" % (LABEL, passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
