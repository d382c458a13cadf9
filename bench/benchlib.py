"""benchlib.py - what pogo's benchmark scripts share: finding the tools (pogo, Go's
wasm_exec_node.js), building Go guests with the machine's Go, running a command once
and measuring it (wall time, CPU time and peak RSS of exactly that process tree),
compiling C files in parallel, and the arithmetic and Markdown of reports.

Used by run.py (the benchmark harness), startup.py and emit_vs_wasm2c.py.
"""

import hashlib
import math
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, world") }\n'

# The flags `pogo build` gives the C compiler for generated code (emit_vs_wasm2c.py
# compiles pogo's C by hand with them).
POGO_CFLAGS = ["-ffp-contract=off", "-fno-optimize-sibling-calls", "-fsignaling-nans"]


def find_pogo(arg=None):
    """--pogo, else build/pogo of this checkout, else pogo on PATH (absolute), or None."""
    if arg:
        return os.path.abspath(arg)
    cand = os.path.join(ROOT, "build", "pogo")
    if os.access(cand, os.X_OK):
        return cand
    w = shutil.which("pogo")
    return os.path.abspath(w) if w else None


def go_build_env(goos=None):
    """The environment for `go build`: the machine's Go (GOTOOLCHAIN=local), modules on,
    no workspace, and GOOS/GOARCH for wasm when goos is js or wasip1 (native otherwise)."""
    env = dict(os.environ)
    for k in ("GOROOT", "GOFLAGS", "GOOS", "GOARCH", "GOWASM", "GOEXPERIMENT"):
        env.pop(k, None)
    env.update(GOTOOLCHAIN="local", GOWORK="off", GO111MODULE="on")
    if goos:
        env.update(GOOS=goos, GOARCH="wasm")
    return env


def go_env(var):
    return subprocess.run(["go", "env", var], capture_output=True, text=True, check=True,
                          env=go_build_env()).stdout.strip()


def go_version():
    return go_env("GOVERSION")


def wasm_exec_node(goroot=None):
    """Go's wasm_exec_node.js: lib/wasm since Go 1.24, misc/wasm before."""
    goroot = goroot or go_env("GOROOT")
    for sub in ("lib/wasm", "misc/wasm"):
        p = os.path.join(goroot, sub, "wasm_exec_node.js")
        if os.path.exists(p):
            return p
    raise RuntimeError("no wasm_exec_node.js under " + goroot)


def build_go(pkg_dir, out, goos=None, ldflags=None):
    """go build the package in pkg_dir (inside its module) into out; goos js or wasip1
    builds wasm, None builds natively."""
    cmd = ["go", "build", "-o", out]
    if ldflags:
        cmd += ["-ldflags", ldflags]
    subprocess.run(cmd + ["."], cwd=pkg_dir, env=go_build_env(goos), check=True,
                   stdout=subprocess.DEVNULL)
    return out


def build_go_hello(tmp, goos="js", name="hello.wasm"):
    """Build the Go hello world in tmp (for goos, or natively when goos is None)."""
    src = os.path.join(tmp, "hello-src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "main.go"), "w") as f:
        f.write(HELLO)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module hello\n\ngo 1.21\n")
    return build_go(src, os.path.join(tmp, name), goos)


class Sample:
    """One measured run."""

    def __init__(self, wall, cpu, rss_kb, code, timed_out=False):
        self.wall = wall            # seconds, start to exit
        self.cpu = cpu              # user + system seconds of the process and its children
        self.rss_kb = rss_kb        # peak RSS of the largest process of the tree, KiB
        self.code = code            # exit status (negative: killed by that signal)
        self.timed_out = timed_out


_rusage = None


def rusage_tool():
    """bench/rusage.c, compiled once per source version into the temp directory."""
    global _rusage
    if _rusage:
        return _rusage
    src = os.path.join(ROOT, "bench", "rusage.c")
    with open(src, "rb") as f:
        key = hashlib.sha256(f.read()).hexdigest()[:16]
    exe = os.path.join(tempfile.gettempdir(), "pogo-bench-rusage-%d-%s" % (os.getuid(), key))
    if not os.access(exe, os.X_OK):
        tmp = "%s.%d.tmp" % (exe, os.getpid())  # two harnesses may build it at once
        subprocess.run(["cc", "-O2", "-o", tmp, src], check=True)
        os.replace(tmp, exe)
    _rusage = exe
    return exe


def measure(cmd, cwd=None, env=None, stdin=None, stdout=None, stderr=None, timeout=None):
    """Run cmd once: its wall time from spawn to exit, and (through bench/rusage.c, so of
    this command's process tree alone) its CPU time and peak RSS. stdin/stdout/stderr
    are file objects or None (inherit). After timeout seconds the command is killed."""
    with tempfile.NamedTemporaryFile(prefix="rusage-", delete=False) as f:
        report = f.name
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen([rusage_tool(), report] + list(cmd), cwd=cwd, env=env, stdin=stdin, stdout=stdout,
                             stderr=stderr, start_new_session=True)
        timed_out = False
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        wall = time.perf_counter() - t0
        with open(report) as f:
            fields = f.read().split()
    finally:
        os.unlink(report)
    if len(fields) != 4:  # killed before it could write, or the command could not start
        return Sample(wall, 0.0, 0, p.returncode if not timed_out else -signal.SIGKILL, timed_out)
    return Sample(wall, float(fields[1]) + float(fields[2]), int(fields[0]), int(fields[3]), timed_out)


def compile_all(cmds, jobs):
    """Run compiler command lines, jobs at a time. Returns (wall, cpu, ok, warnings,
    peak RSS in KiB of the largest process)."""
    t0 = time.perf_counter()
    procs, results, pending = [], [], list(cmds)
    cpu, peak = 0.0, 0
    while pending or procs:
        while pending and len(procs) < jobs:
            err = tempfile.TemporaryFile()
            procs.append((subprocess.Popen(pending.pop(0), stdout=subprocess.DEVNULL, stderr=err), err))
        p, err = procs.pop(0)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        cpu += ru.ru_utime + ru.ru_stime
        peak = max(peak, ru.ru_maxrss)
        err.seek(0)
        results.append((p.returncode, err.read().decode(errors="replace")))
        err.close()
    wall = time.perf_counter() - t0
    ok = all(r == 0 for r, _ in results)
    warnings = sum(e.count("warning:") for _, e in results)
    return wall, cpu, ok, warnings, peak


def median(xs):
    return statistics.median(xs) if xs else None


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def ratio(a, b):
    return a / b if a and b else None


def fmt_s(x):
    if x is None:
        return "-"
    return "%.3f" % x if x < 10 else "%.1f" % x


def fmt_x(x):
    return "-" if x is None else "%.2f" % x


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"
