#!/usr/bin/env python3
"""Run the Go (GOOS=js GOARCH=wasm) corpus under node and under pogo and compare.

Every program lives in tests/go/js/<name>/ (package main, sharing tests/go/go.mod).
Optional files beside its main.go:

  args         one argument per line, passed after the wasm path (a final newline
               ends the last line; an empty line is an empty argument)
  stdin        fed on standard input (otherwise /dev/null)
  env          KEY=VALUE lines added to the environment (blank lines and lines
               starting with '#' are ignored; the value is kept verbatim)
  files/       a fixture tree copied into the fresh working directory
  expect_exit  the exit status the program is meant to have (default 0); checked
               against node with --reference-only
  serial       (empty marker) timing-sensitive: run alone, after the parallel phase,
               so that machine load cannot reorder its timer events

For each program and each toolchain (the machine's Go with GOTOOLCHAIN=local, and
Go 1.19 when it is installed) the runner builds prog.wasm once (cached by source
hash under the work directory), then runs it

  reference: node --stack-size=8192 <GOROOT>/lib/wasm/wasm_exec_node.js prog.wasm ARGS
             (Go 1.19: misc/wasm, from a copy whose `globalThis.crypto = ...` only
             runs when node has no crypto global, since node 20 forbids it)
  pogo:      pogo run -O1 prog.wasm -- ARGS   (--opt and --cc change the build flags)

in the same freshly made working directory (same absolute path for both runs), with
the same minimal environment (PATH, HOME=<work dir>, LANG=C, TZ=UTC, POGO_CACHE_DIR,
plus the program's env lines; TMPDIR is left unset, so node's runner adds its
default), umask 022, stdin from the stdin file or /dev/null, and a 60 s timeout.
POGO_CACHE_DIR is the caller's, else <work dir>/pogo-cache; it is in both runs'
environments so that they are identical (env contents shift Go heap addresses,
which appear in goroutine traces). Before the timed pogo run, `pogo build -O1`
fills pogo's cache (build and run share the key: module bytes, base name,
options), so the 60 s cover the program, not the C compiler.
It compares stdout, stderr, the exit status and the files left in the working
directory (paths, permission bits and contents; prog.wasm excluded).

  --reference-only   run node only, and check its exit status against expect_exit
                     (also checked, as a failure of the reference, when comparing)
  --twice            (with --reference-only) run node twice and require identical
                     results: a determinism check of the corpus itself

Exit status: 0 when everything passed (skips allowed), 1 on any failure, 2 on a
usage or setup error.
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "js")
GO_MOD = os.path.join(HERE, "go.mod")
REPO = os.path.dirname(os.path.dirname(HERE))

RUN_TIMEOUT = 60.0
BUILD_TIMEOUT = 600.0
POGO_BUILD_TIMEOUT = 1800.0
NODE_STACK = "--stack-size=8192"
DEBIAN_GO119 = os.path.join(os.sep, "usr", "lib", "go-1.19")  # Debian's golang-1.19 package

print_lock = threading.Lock()


def say(*a):
    with print_lock:
        print(*a, flush=True)


# ---------------------------------------------------------------- toolchains

class Toolchain:
    def __init__(self, go, label, goroot, version, optional):
        self.go = go              # the go binary
        self.label = label        # e.g. go1.26.8
        self.goroot = goroot
        self.version = version    # GOVERSION
        self.optional = optional  # build failures are skips, not failures
        self.exec_js = None       # wasm_exec_node.js to run

    @property
    def short(self):
        m = re.match(r"go(\d+)\.(\d+)", self.version)
        return "go%s.%s" % m.groups() if m else self.version


def build_env():
    env = dict(os.environ)
    for k in ("GOROOT", "GOFLAGS", "GOOS", "GOARCH", "GOWASM", "GOEXPERIMENT", "GOPATH_MODE"):
        env.pop(k, None)
    env.update(GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local", GOWORK="off", GO111MODULE="on")
    return env


def go_env(go, var):
    env = build_env()
    r = subprocess.run([go, "env", var], capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("%s env %s failed: %s" % (go, var, r.stderr.strip()))
    return r.stdout.strip()


def make_toolchain(go, optional):
    goroot = go_env(go, "GOROOT")
    version = go_env(go, "GOVERSION")
    return Toolchain(go, version, goroot, version, optional)


def find_go119(arg):
    """--go119 may name a GOROOT directory or a go binary; otherwise go1.19 on PATH,
    otherwise Debian's package location. Returns the go binary or None."""
    cands = []
    if arg:
        cands.append(arg)
    else:
        w = shutil.which("go1.19")
        if w:
            cands.append(w)
        cands.append(DEBIAN_GO119)
    for c in cands:
        if os.path.isdir(c):
            b = os.path.join(c, "bin", "go")
            if os.access(b, os.X_OK):
                return b
        elif os.access(c, os.X_OK):
            return c
    if arg:
        raise RuntimeError("--go119 %s: no go binary there" % arg)
    return None


def prepare_exec_js(tc, work):
    """Find wasm_exec_node.js; copy it with wasm_exec.js when it needs node-20 fixes."""
    for sub in ("lib/wasm", "misc/wasm"):
        d = os.path.join(tc.goroot, sub)
        node_js = os.path.join(d, "wasm_exec_node.js")
        if os.path.exists(node_js):
            break
    else:
        raise RuntimeError("%s: no wasm_exec_node.js under %s" % (tc.label, tc.goroot))
    with open(node_js) as f:
        src = f.read()
    # Go <= 1.20 assigns globalThis.crypto unconditionally; node 20 has a getter-only
    # global crypto, so the assignment throws in strict mode. Assign only when absent.
    fixed = re.sub(r"^globalThis\.crypto = \{", "if (globalThis.crypto === undefined) globalThis.crypto = {",
                   src, flags=re.M)
    if fixed == src:
        tc.exec_js = node_js
        return
    dst = os.path.join(work, "wasm_exec", tc.label)
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "wasm_exec_node.js"), "w") as f:
        f.write(fixed)
    shutil.copyfile(os.path.join(d, "wasm_exec.js"), os.path.join(dst, "wasm_exec.js"))
    tc.exec_js = os.path.join(dst, "wasm_exec_node.js")


# ---------------------------------------------------------------- programs

class Program:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(CORPUS, name)
        self.args = []
        self.env = []
        self.stdin = None
        self.files = None
        self.expect_exit = 0
        self.serial = os.path.exists(os.path.join(self.dir, "serial"))
        p = os.path.join(self.dir, "args")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                text = f.read()
            if text.endswith("\n"):
                text = text[:-1]
            self.args = text.split("\n") if text != "" else []
        p = os.path.join(self.dir, "env")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                for line in f.read().split("\n"):
                    if not line or line.startswith("#"):
                        continue
                    k, sep, v = line.partition("=")
                    if not sep or not k:
                        raise RuntimeError("%s/env: bad line %r" % (name, line))
                    self.env.append((k, v))
        p = os.path.join(self.dir, "stdin")
        if os.path.exists(p):
            self.stdin = p
        p = os.path.join(self.dir, "files")
        if os.path.isdir(p):
            self.files = p
        p = os.path.join(self.dir, "expect_exit")
        if os.path.exists(p):
            with open(p) as f:
                self.expect_exit = int(f.read().strip())

    def source_hash(self, tc):
        h = hashlib.sha256()
        h.update(("%s\0%s\0%s\0" % (os.path.realpath(tc.go), tc.version, "build-1")).encode())
        with open(GO_MOD, "rb") as f:
            h.update(f.read())
        for root, dirs, files in os.walk(self.dir):
            dirs[:] = sorted(d for d in dirs if d != "files")
            for fn in sorted(files):
                if fn.endswith(".go") or fn in ("go.mod", "go.sum"):
                    p = os.path.join(root, fn)
                    h.update(os.path.relpath(p, self.dir).encode() + b"\0")
                    with open(p, "rb") as f:
                        h.update(f.read())
                    h.update(b"\0")
        return h.hexdigest()


def discover():
    names = sorted(n for n in os.listdir(CORPUS) if os.path.exists(os.path.join(CORPUS, n, "main.go")))
    return names


def build(prog, tc, work, verbose):
    """Returns (wasm_path, None) or (None, error_text). Cached by source hash."""
    d = os.path.join(work, "build", tc.label, prog.name)
    key = prog.source_hash(tc)
    keyf = os.path.join(d, "key")
    wasm = os.path.join(d, "prog.wasm")
    errf = os.path.join(d, "error.txt")
    if os.path.exists(keyf):
        with open(keyf) as f:
            if f.read() == key:
                if os.path.exists(wasm):
                    return wasm, None
                if os.path.exists(errf):
                    with open(errf) as f:
                        return None, f.read()
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    tmp = os.path.join(d, "prog.wasm.tmp")
    cmd = [tc.go, "build", "-trimpath", "-buildvcs=false", "-o", tmp, "."]
    if verbose:
        say("  build [%s] %s: %s" % (tc.label, prog.name, " ".join(cmd)))
    try:
        r = subprocess.run(cmd, cwd=prog.dir, env=build_env(), capture_output=True, text=True,
                           timeout=BUILD_TIMEOUT)
        ok, err = r.returncode == 0, r.stderr + r.stdout
    except subprocess.TimeoutExpired:
        ok, err = False, "go build timed out after %ds" % BUILD_TIMEOUT
    if ok:
        os.replace(tmp, wasm)
    else:
        with open(errf, "w") as f:
            f.write(err)
    with open(keyf, "w") as f:
        f.write(key)
    return (wasm, None) if ok else (None, err)


def first_error_line(err):
    for line in err.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line
    return "(no message)"


# ---------------------------------------------------------------- running

class Result:
    def __init__(self, rc, stdout, stderr, files, secs, timed_out):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.files, self.secs, self.timed_out = files, secs, timed_out

    @property
    def status(self):
        return "timeout after %ds" % RUN_TIMEOUT if self.timed_out else str(self.rc)


def fresh_dir(cwd, prog, wasm):
    if os.path.lexists(cwd):
        # fixtures or the program may have left read-only directories
        for root, dirs, _ in os.walk(cwd):
            for dd in dirs:
                try:
                    os.chmod(os.path.join(root, dd), 0o755)
                except OSError:
                    pass
        shutil.rmtree(cwd)
    if prog.files:
        shutil.copytree(prog.files, cwd, symlinks=True)
    else:
        os.makedirs(cwd)
    shutil.copyfile(wasm, os.path.join(cwd, "prog.wasm"))


def snapshot(cwd):
    """Sorted list of (kind, relpath, perm, content) below cwd, prog.wasm excluded."""
    out = []
    for root, dirs, files in os.walk(cwd):
        dirs.sort()
        for name in sorted(dirs + files):
            p = os.path.join(root, name)
            rel = os.path.relpath(p, cwd)
            if rel == "prog.wasm":
                continue
            st = os.lstat(p)
            perm = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                out.append(("link", rel, 0, os.readlink(p).encode()))
            elif stat.S_ISDIR(st.st_mode):
                out.append(("dir", rel, perm, b""))
            elif stat.S_ISREG(st.st_mode):
                with open(p, "rb") as f:
                    out.append(("file", rel, perm, f.read()))
            else:
                out.append(("other", rel, perm, b""))
    out.sort(key=lambda e: e[1])
    return out


def run_env(prog, work):
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": work,
        "LANG": "C",
        "TZ": "UTC",
        "POGO_CACHE_DIR": os.environ.get("POGO_CACHE_DIR") or os.path.join(work, "pogo-cache"),
    }
    for k, v in prog.env:
        env[k] = v
    return env


def execute(cmd, cwd, env, stdin_path, timeout):
    t0 = time.monotonic()
    with open(stdin_path or os.devnull, "rb") as stdin:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = p.communicate()
            timed_out = True
    return p.returncode, out, err, time.monotonic() - t0, timed_out


def run_one(cmd, prog, wasm, cwd, work, verbose, label):
    fresh_dir(cwd, prog, wasm)
    if verbose:
        say("  run %s: %s (in %s)" % (label, " ".join(cmd), cwd))
    rc, out, err, secs, timed_out = execute(cmd, cwd, run_env(prog, work), prog.stdin, RUN_TIMEOUT)
    return Result(rc, out, err, snapshot(cwd), secs, timed_out)


def node_cmd(node, tc, prog):
    return [node, NODE_STACK, tc.exec_js, "prog.wasm"] + prog.args


# How pogo builds the guests: set from --opt and --cc; build and run must agree so that
# they share pogo's cache key.
POGO_BUILD_FLAGS = ["-O1"]


def pogo_cmd(pogo, prog):
    return [pogo, "run"] + POGO_BUILD_FLAGS + ["prog.wasm", "--"] + prog.args


def warm_pogo(pogo, wasm, prog, work, verbose):
    """Build into pogo's cache first (long timeout) so the timed run measures the
    program, not the C compiler. `build` and `run` share the cache key (module bytes,
    base name, options), and the cached prog.wasm has the same base name."""
    scratch = tempfile.mkdtemp(prefix="warm-", dir=work)
    try:
        cmd = [pogo, "build"] + POGO_BUILD_FLAGS + [wasm, "-o", os.path.join(scratch, "app")]
        if verbose:
            say("  pogo build %s: %s" % (prog.name, " ".join(cmd)))
        try:
            subprocess.run(cmd, env=run_env(prog, work), capture_output=True, timeout=POGO_BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass  # the run will show what is wrong
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- comparing

def text_lines(b):
    return b.decode("utf-8", errors="backslashreplace").splitlines(keepends=True)


def short_diff(a, b, name_a, name_b, context=3, max_lines=40):
    la, lb = text_lines(a), text_lines(b)
    k = 0
    while k < len(la) and k < len(lb) and la[k] == lb[k]:
        k += 1
    lo = max(0, k - context)
    wa, wb = la[lo:k + 25], lb[lo:k + 25]
    wa = [x if len(x) <= 240 else x[:240] + "...\n" for x in wa]
    wb = [x if len(x) <= 240 else x[:240] + "...\n" for x in wb]
    d = list(difflib.unified_diff(wa, wb, "%s (from line %d)" % (name_a, lo + 1),
                                  "%s (from line %d)" % (name_b, lo + 1), n=context))
    d = [x if x.endswith("\n") else x + "\n\\ No newline at end of file\n" for x in d]
    if len(d) > max_lines:
        d = d[:max_lines] + ["... (diff cut)\n"]
    return "".join(d)


def listing(files):
    out = []
    for kind, rel, perm, content in files:
        if kind == "file":
            out.append("%s %o %d %s\n" % (rel, perm, len(content), hashlib.sha256(content).hexdigest()[:16]))
        elif kind == "dir":
            out.append("%s/ %o\n" % (rel, perm))
        elif kind == "link":
            out.append("%s -> %s\n" % (rel, content.decode(errors="backslashreplace")))
        else:
            out.append("%s (special) %o\n" % (rel, perm))
    return "".join(out).encode()


def compare(a, b, name_a, name_b):
    """Returns a list of (item, detail) for every differing item, in report order."""
    diffs = []
    if a.timed_out or b.timed_out or a.rc != b.rc:
        diffs.append(("exit status", "%s: %s, %s: %s" % (name_a, a.status, name_b, b.status)))
    if a.stdout != b.stdout:
        diffs.append(("stdout", short_diff(a.stdout, b.stdout, name_a + " stdout", name_b + " stdout")))
    if a.stderr != b.stderr:
        diffs.append(("stderr", short_diff(a.stderr, b.stderr, name_a + " stderr", name_b + " stderr")))
    if a.files != b.files:
        la, lb = listing(a.files), listing(b.files)
        if la != lb:
            detail = short_diff(la, lb, name_a + " files", name_b + " files")
        else:
            detail = ""
        for fa, fb in zip(a.files, b.files):
            if fa != fb and fa[0] == fb[0] == "file" and fa[1] == fb[1]:
                detail += short_diff(fa[3], fb[3], name_a + " " + fa[1], name_b + " " + fb[1])
                break
        diffs.append(("files", detail))
    return diffs


def tail(b, n=15):
    lines = text_lines(b)[-n:]
    return "".join("    | " + x.rstrip("\n") + "\n" for x in lines)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pogo", help="pogo executable (default: build/pogo of this checkout, else pogo on PATH)")
    ap.add_argument("--go", help="the machine's go (default: go on PATH); built with GOTOOLCHAIN=local")
    ap.add_argument("--go119", help="Go 1.19: its GOROOT directory or go binary (default: go1.19 on PATH, "
                    "else Debian's golang-1.19 location); skipped when absent")
    ap.add_argument("--no-go119", action="store_true", help="do not use Go 1.19")
    ap.add_argument("--node", help="node executable (default: node on PATH)")
    ap.add_argument("--opt", default="-O1", help="pogo's C optimisation level (default -O1)")
    ap.add_argument("--cc", help="C compiler pogo uses (e.g. tcc for fast builds; default: pogo's)")
    ap.add_argument("--reference-only", action="store_true", help="run node only; check expect_exit")
    ap.add_argument("--twice", action="store_true", help="with --reference-only: run node twice, require identical results")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="parallel jobs (default: cores)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these programs")
    ap.add_argument("--work", help="work directory for builds and runs (default: a fixed directory under the system temp dir)")
    ap.add_argument("-v", action="store_true", help="show commands and timings")
    args = ap.parse_args()
    POGO_BUILD_FLAGS[:] = [args.opt] + (["--cc", args.cc] if args.cc else [])

    t_start = time.monotonic()
    os.umask(0o022)  # inherited by every run (process-wide; preexec_fn is unsafe with threads)
    work = os.path.abspath(args.work or os.path.join(tempfile.gettempdir(), "pogo-go-corpus-%d" % os.getuid()))
    os.makedirs(work, exist_ok=True)

    node = args.node or shutil.which("node")
    if not node:
        print("run_go_corpus: node not found (pass --node)", file=sys.stderr)
        return 2
    pogo = None
    if not args.reference_only:
        pogo = args.pogo
        if not pogo:
            cand = os.path.join(REPO, "build", "pogo")
            pogo = cand if os.access(cand, os.X_OK) else shutil.which("pogo")
        if not pogo:
            print("run_go_corpus: pogo not found (pass --pogo PATH, or --reference-only)", file=sys.stderr)
            return 2
        pogo = os.path.abspath(pogo)
    if args.twice and not args.reference_only:
        print("run_go_corpus: --twice needs --reference-only", file=sys.stderr)
        return 2

    toolchains = []
    try:
        go = args.go or shutil.which("go")
        if not go:
            print("run_go_corpus: go not found (pass --go)", file=sys.stderr)
            return 2
        toolchains.append(make_toolchain(go, optional=False))
        if not args.no_go119:
            g119 = find_go119(args.go119)
            if g119:
                tc = make_toolchain(g119, optional=True)
                if os.path.realpath(tc.goroot) != os.path.realpath(toolchains[0].goroot):
                    toolchains.append(tc)
            else:
                say("note: Go 1.19 not found (go1.19 on PATH, --go119 DIR); its runs are skipped")
        for tc in toolchains:
            prepare_exec_js(tc, work)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("run_go_corpus: %s" % e, file=sys.stderr)
        return 2

    names = discover()
    if args.only:
        unknown = [n for n in args.only if n not in names]
        if unknown:
            print("run_go_corpus: unknown program(s): %s" % " ".join(unknown), file=sys.stderr)
            return 2
        names = [n for n in names if n in args.only]
    try:
        progs = [Program(n) for n in names]
    except (RuntimeError, ValueError) as e:
        print("run_go_corpus: %s" % e, file=sys.stderr)
        return 2

    say("node %s; %s; %s" % (
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip(),
        ", ".join("%s (%s)" % (tc.label, tc.goroot) for tc in toolchains),
        "reference only" + (", twice" if args.twice else "") if args.reference_only else "pogo " + pogo))

    def task(prog, tc):
        """Returns (status, line) with status in pass/fail/skip."""
        tag = "%s [%s]" % (prog.name, tc.label)
        wasm, err = build(prog, tc, work, args.v)
        if wasm is None:
            if tc.optional:
                return "skip", "SKIP %s: skipped (does not build with %s: %s)" % (tag, tc.short, first_error_line(err))
            return "fail", "FAIL %s: build failed: %s\n%s" % (tag, first_error_line(err), tail(err.encode()))
        cwd = os.path.join(work, "run", tc.label, prog.name)
        ncmd = node_cmd(node, tc, prog)
        ref = run_one(ncmd, prog, wasm, cwd, work, args.v, "node")
        if args.reference_only:
            problems = []
            if ref.timed_out or ref.rc != prog.expect_exit:
                problems.append(("exit status", "node: %s, expected %d\n%s" % (ref.status, prog.expect_exit, tail(ref.stderr))))
            if args.twice:
                again = run_one(ncmd, prog, wasm, cwd, work, args.v, "node (2nd)")
                problems += compare(ref, again, "node", "node-2nd")
                secs = "%.2fs + %.2fs" % (ref.secs, again.secs)
            else:
                secs = "%.2fs" % ref.secs
            if problems:
                first, detail = problems[0]
                also = ", ".join(p[0] for p in problems[1:])
                msg = "FAIL %s: %s differs%s" % (tag, first, " (also: %s)" % also if also else "")
                return "fail", msg + "\n" + detail.rstrip("\n")
            return "pass", "PASS %s: exit %d%s" % (tag, ref.rc, "  (node %s)" % secs if args.v else "")
        warm_pogo(pogo, wasm, prog, work, args.v)
        got = run_one(pogo_cmd(pogo, prog), prog, wasm, cwd, work, args.v, "pogo")
        if got.timed_out:
            # pogo's cache key covers the pogo executable and runtime libraries: if they
            # were rebuilt between the warm-up and the run, the run compiled inside its
            # timeout. Warm up and try once more; a real hang hangs again.
            warm_pogo(pogo, wasm, prog, work, args.v)
            got = run_one(pogo_cmd(pogo, prog), prog, wasm, cwd, work, args.v, "pogo (retry after timeout)")
        diffs = compare(ref, got, "node", "pogo")
        if ref.timed_out or ref.rc != prog.expect_exit:
            # the reference itself misbehaved (environment problem or a corpus bug)
            diffs.insert(0, ("reference exit status", "node: %s, expected %d\n%s" % (
                ref.status, prog.expect_exit, tail(ref.stderr))))
        timing = "  (node %.2fs, pogo %.2fs)" % (ref.secs, got.secs) if args.v else ""
        if diffs:
            first, detail = diffs[0]
            also = ", ".join(d[0] for d in diffs[1:])
            msg = "FAIL %s: %s differs%s%s" % (tag, first, " (also: %s)" % also if also else "", timing)
            return "fail", msg + "\n" + detail.rstrip("\n")
        return "pass", "PASS %s: exit %d%s" % (tag, ref.rc, timing)

    counts = {"pass": 0, "fail": 0, "skip": 0}
    parallel = [(p, tc) for p in progs if not p.serial for tc in toolchains]
    serial = [(p, tc) for p in progs if p.serial for tc in toolchains]
    for jobs, width in ((parallel, max(1, args.j)), (serial, 1)):
        with concurrent.futures.ThreadPoolExecutor(max_workers=width) as ex:
            futs = [ex.submit(task, p, tc) for p, tc in jobs]
            for (p, tc), fut in zip(jobs, futs):
                try:
                    status, line = fut.result()
                except Exception as e:  # a runner bug or a setup problem: report, keep going
                    status, line = "fail", "FAIL %s [%s]: runner error: %r" % (p.name, tc.label, e)
                counts[status] += 1
                say(line)

    summary = "%d passed, %d failed" % (counts["pass"], counts["fail"])
    if counts["skip"]:
        summary += ", %d skipped" % counts["skip"]
    say(summary + ("  (%.1fs)" % (time.monotonic() - t_start) if args.v else ""))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
