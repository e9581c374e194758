#!/usr/bin/env python3
"""Browser test of the statistics page: headless Chromium renders it, before and after `disable server`.

    difftest/stats_page_browser.py [--keep] [--shuttle PATH] [--chromium PATH] [--screenshot PNG]

How it works:

1. Shuttle starts with CONFIG below: a stats page at /stats (refresh off) on a listen section,
   a backend with three servers, and a stats socket at admin level.
2. Chromium (headless) loads the page and dumps the DOM it built (--dump-dom): the rendered page
   must hold one table row per server (its anchor "be/<name>"), each in a row coloured as a
   server (active_* or maintain), and none in maintenance.
3. `disable server be/s2` goes through the runtime API; Chromium loads the page again: s2's row
   must now be in the "maintain" class, the others not.
4. A screenshot of that page (1400x900) is taken (--screenshot docs/images/stats-page.png makes
   the picture the README shows).

Without Chromium the script says so and reports "browser test: 0 passed, 0 failed" (scripts/test
lists the stage as skipped). Output: one line per case, then "browser test: N passed, N failed".
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_differential as hd  # noqa: E402  (free ports, stop)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABEL = "browser test"
START_TIMEOUT = 30
SERVERS = ["s1", "s2", "s3"]

CONFIG = """\
global
    stats socket {socket} level admin

defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s

listen stats
    bind 127.0.0.1:{listen}
    stats enable
    stats uri /stats
    stats show-legends
    stats show-desc "the page as a browser renders it"

backend be
    balance roundrobin
    server s1 127.0.0.1:{origin}
    server s2 127.0.0.1:{origin}
    server s3 127.0.0.1:{origin} backup
"""

ROW = re.compile(r'<tr class="([a-z_]+)">(?:(?!</tr>).)*?<a name="be/([a-z0-9]+)">', re.S)


def find_chromium(given):
    for name in ([given] if given else []) + ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(binary, profile, *args):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--user-data-dir=" + profile] + list(args)
    run = subprocess.run(command, capture_output=True, timeout=90)
    return run.stdout.decode("utf-8", "replace")


def cli(path, command):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        conn.connect(path)
        conn.sendall((command + "\n").encode())
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    return data.decode()


def server_rows(dom):
    """{server: row class} of the rendered backend table."""
    return {name: css for css, name in ROW.findall(dom)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--keep", action="store_true", help="keep the config, log and DOM dumps")
    parser.add_argument("--haproxy", help="ignored (scripts/test passes it to every difftest)")
    parser.add_argument("--shuttle", default=os.path.join(ROOT, "scripts", "shuttle"))
    parser.add_argument("--chromium")
    parser.add_argument("--screenshot", help="where the PNG goes (default: the temporary folder; the README's "
                        "picture is made with --screenshot docs/images/stats-page.png)")
    args = parser.parse_args()
    binary = find_chromium(args.chromium)
    if not binary:
        print("%s: chromium not found (Debian package chromium): nothing tested" % LABEL)
        print("%s: 0 passed, 0 failed" % LABEL)
        return 0
    directory = tempfile.mkdtemp(prefix="browser-test.")
    screenshot = args.screenshot or os.path.join(directory, "stats-page.png")
    port, origin = hd.unique_port(), hd.unique_port()
    sock = os.path.join(directory, "shuttle.sock")
    config = os.path.join(directory, "shuttle.cfg")
    with open(config, "w") as out:
        out.write(CONFIG.format(socket=sock, listen=port, origin=origin))
    log = open(os.path.join(directory, "shuttle.log"), "wb")
    process = subprocess.Popen([args.shuttle, "-db", "-f", config], stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    passed = failed = 0
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                cli(sock, "show info")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    print("%s: shuttle did not start; its log: %s" % (LABEL, log.name))
                    print("%s: 0 passed, 1 failed" % LABEL)
                    return 2
                time.sleep(0.2)
        url = "http://127.0.0.1:%d/stats" % port
        profile = os.path.join(directory, "profile")

        def case(name, ok, detail):
            nonlocal passed, failed
            print("  %s %s%s" % ("same            " if ok else "DIFFERS         ", name, "" if ok else ": " + detail))
            if ok:
                passed += 1
            else:
                failed += 1

        before = chromium(binary, profile, "--dump-dom", url)
        rows = server_rows(before)
        case("a rendered row per server", sorted(rows) == SERVERS, "rows %s" % rows)
        case("no server in maintenance at first", "maintain" not in rows.values(), "rows %s" % rows)
        case("backup server coloured as backup", rows.get("s3", "").startswith("backup_"), "rows %s" % rows)
        cli(sock, "disable server be/s2")
        after = chromium(binary, profile, "--dump-dom", url)
        rows = server_rows(after)
        case("s2 shown MAINT after 'disable server'", rows.get("s2") == "maintain", "rows %s" % rows)
        case("s1 and s3 not in maintenance", "maintain" not in (rows.get("s1"), rows.get("s3")), "rows %s" % rows)
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        chromium(binary, profile, "--screenshot=" + os.path.abspath(screenshot), "--window-size=1400,900",
                 "--hide-scrollbars", url)
        case("screenshot written", os.path.getsize(screenshot) > 10000 if os.path.exists(screenshot)
             else False, screenshot)
        if args.keep:
            for name, dom in (("before", before), ("after", after)):
                with open(os.path.join(directory, name + ".html"), "w") as out:
                    out.write(dom)
    finally:
        hd.stop([process])
        log.close()
        if args.keep:
            print("%s: kept %s" % (LABEL, directory))
        else:
            shutil.rmtree(directory, ignore_errors=True)
    print("%s: %d passed, %d failed" % (LABEL, passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
