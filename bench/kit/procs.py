"""Processes of a benchmark run: start pinned to a core, wait until a port listens, stop,
and read their CPU time and memory from /proc (the whole process tree: nginx's master and
worker, a JVM's threads are in its one process)."""

import os
import signal
import socket
import subprocess
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HOST = "127.0.0.1"  # every socket of the kit is on loopback


def pinned(core, argv):
    """The command line that runs argv on one CPU core only."""
    return ["taskset", "-c", str(core)] + list(argv)


class Process:
    """One started program; its stdout and stderr go to files under the run's work directory."""

    def __init__(self, name, argv, workdir, env=None, stdout_to_null=True):
        self.name = name
        self.argv = argv
        self.err_path = os.path.join(workdir, f"{name}.err")
        out_path = os.devnull if stdout_to_null else os.path.join(workdir, f"{name}.out")
        self._out = open(out_path, "wb")
        self._err = open(self.err_path, "wb")
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.popen = subprocess.Popen(argv, stdout=self._out, stderr=self._err, env=full_env,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid = self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def stderr_tail(self, lines=15):
        try:
            with open(self.err_path, "rb") as f:
                return b"\n".join(f.read().splitlines()[-lines:]).decode(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout=10.0):
        """SIGTERM, then SIGKILL after `timeout` seconds; only this process and its own children."""
        if self.alive():
            tree = process_tree(self.pid)
            for pid in tree:
                _signal(pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                for pid in process_tree(self.pid) or tree:
                    _signal(pid, signal.SIGKILL)
                self.popen.wait(5)
        self._out.close()
        self._err.close()


def _signal(pid, sig):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def wait_listening(port, process=None, timeout=60.0):
    """Waits until 127.0.0.1:port accepts a connection; raises if the process died or time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and not process.alive():
            raise RuntimeError(f"{process.name} exited before listening on {port}:\n{process.stderr_tail()}")
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.005)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {timeout:.0f} s")


def port_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
            return True
        except OSError:
            return False


def _children_map():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError):
            continue
    return children


def process_tree(root):
    """root and all its descendants that exist now."""
    if not os.path.exists(f"/proc/{root}"):
        return []
    children = _children_map()
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_seconds(root):
    """utime + stime of the process tree, in seconds (/proc/<pid>/stat fields 14 and 15)."""
    total = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # fields 14, 15 counted from 1 with pid, comm
        except (OSError, IndexError):
            continue
    return total / CLOCK_TICKS


# A HotSpot JIT compiler thread's name ("C2 CompilerThread0"), cut to 15 characters in comm.
JIT_THREAD_PREFIXES = ("C1 CompilerThre", "C2 CompilerThre")


def jit_cpu_seconds(root):
    """utime + stime of the JIT compiler threads in the process tree, in seconds: 0 for a
    process that has none (HAProxy, nginx). /proc/<pid>/task/<tid>/comm names each thread."""
    total = 0
    for pid in process_tree(root):
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    if not f.read().startswith(JIT_THREAD_PREFIXES):
                        continue
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError):
                continue
    return total / CLOCK_TICKS


def rss_kib(root):
    """VmRSS of the process tree, in KiB (/proc/<pid>/status)."""
    total = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def read_url(port, path):
    """One HTTP/1.0 GET on loopback, returning the body (for nginx's stub_status)."""
    with socket.create_connection((HOST, port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.split(b"\r\n\r\n", 1)[1].decode()


def core_times(core):
    """(busy, total, steal) jiffies of one CPU core since boot (/proc/stat line "cpuN").
    Busy is everything but idle, iowait and steal; steal is time the hypervisor gave to another
    guest while this core had work to do."""
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith(f"cpu{core} "):
                v = [int(x) for x in line.split()[1:9]]
                total = sum(v)
                return total - v[3] - v[4] - v[7], total, v[7]
    raise RuntimeError(f"no cpu{core} in /proc/stat")


def busy_percent(cores, seconds):
    """Per core, the percentage of `seconds` it spent busy (see core_times)."""
    before = {c: core_times(c) for c in cores}
    time.sleep(seconds)
    out = {}
    for c in cores:
        busy0, total0, _ = before[c]
        busy1, total1, _ = core_times(c)
        out[c] = 100.0 * (busy1 - busy0) / max(total1 - total0, 1)
    return out
