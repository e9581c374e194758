"""What the interop scripts share to start peers and run clients (interop/h2_interop.py,
interop/tls_interop.py): free ports, waiting for a started process to listen, running a client."""

import os
import socket
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# HAProxy 3.5 as ../shared/peers/haproxy3 builds it on this machine (absent elsewhere).
HAPROXY3 = os.path.expanduser("~/.cache/haproxy3/haproxy-3.5-dev5/haproxy")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, seconds):
    """Whether `proc` listens on `port` within `seconds` (False at once if it exits)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def run(args, timeout, stdin=b""):
    """Runs a client; returns (exit status, stdout+stderr as text)."""
    try:
        done = subprocess.run(args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        return done.returncode, done.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return -1, (e.stdout or b"").decode("utf-8", "replace") + "\n[timed out]"
