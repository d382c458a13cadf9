#!/usr/bin/env python3
"""Run the Go wasm corpus under node and under pogo and compare.

Two modes, chosen with --goos:

  js      (default) every program in tests/go/js/, built with GOOS=js GOARCH=wasm
          and run with Go's wasm_exec_node.js
  wasip1  the same tests/go/js/ programs, less those with a `js_only` marker, plus
          the wasip1-only programs in tests/go/wasip1/, built with GOOS=wasip1
          GOARCH=wasm and run with node's WASI (scripts/node_wasi.mjs); only the
          machine's Go (Go 1.19 has no wasip1 port)

Every program lives in <corpus>/<name>/ (package main, sharing tests/go/go.mod; names
are unique across both corpora). Optional files beside its main.go:

  args         one argument per line, passed after the wasm path (a final newline
               ends the last line; an empty line is an empty argument)
  stdin        fed on standard input (otherwise /dev/null)
  stdin_pace   (with stdin) a number of milliseconds: stdin becomes a pipe that the
               runner fills one line at a time, waiting that long before each line,
               then closes; the program must not print anything that depends on
               how the lines were split up
  env          KEY=VALUE lines added to the environment (blank lines and lines
               starting with '#' are ignored; the value is kept verbatim)
  files/       a fixture tree copied into the fresh working directory
  expect_exit  the exit status the program is meant to have (default 0); checked
               against node with --reference-only
  serial       (empty marker) timing-sensitive: run alone, after the parallel phase,
               so that machine load cannot reorder its timer events
  js_only      (js programs) cannot exist on wasip1 (e.g. it uses syscall/js); its
               one line says why. wasip1 mode reports the program as skipped. A js
               program without the marker that does not build for wasip1 fails.

For each program and each toolchain (the machine's Go with GOTOOLCHAIN=local, and in
js mode Go 1.19 when it is installed) the runner builds prog.wasm once (cached by
source hash under the work directory), then runs it

  js mode
    reference: node --stack-size=8192 <GOROOT>/lib/wasm/wasm_exec_node.js prog.wasm ARGS
               (Go 1.19: misc/wasm, from a copy whose `globalThis.crypto = ...` only
               runs when node has no crypto global, since node 20 forbids it)
    pogo:      pogo run -O1 prog.wasm -- ARGS   (--opt and --cc change the build flags)
  wasip1 mode
    reference: node --stack-size=8192 --no-turbo-fast-api-calls --no-warnings
               scripts/node_wasi.mjs --dir <cwd>::/ --env K=V... prog.wasm ARGS
               (Go's own wasmtime script also raises the wasm stack to 8 MiB; the
               fast API calls of node's WASI crash node when a V8 GC starts inside
               one: nodejs/node#46777)
    pogo:      pogo run -O1 --dir <cwd>::/ --env K=V... prog.wasm -- ARGS

in the same freshly made working directory <cwd> (same absolute path for both runs),
with the same minimal environment (PATH, HOME=<work dir>, LANG=C, TZ=UTC,
POGO_CACHE_DIR, plus in js mode the program's env lines; TMPDIR is left unset, so
node's runner adds its default), umask 022, stdin from the stdin file or /dev/null,
and a 60 s timeout. POGO_CACHE_DIR is the caller's, else <work dir>/pogo-cache; it is
in both runs' environments so that they are identical (env contents shift Go heap
addresses, which appear in goroutine traces). stdout and stderr are pipes in js mode
and regular files in wasip1 mode: Go's wasip1 runtime asks for O_NONBLOCK on stdio,
node's fd_fdstat_get then returns the host's raw fcntl flags (not WASI's), so Go
does not know stdio is non-blocking and a write to a full pipe fails with EAGAIN.

A wasip1 guest sees only what the command line gives it: the working directory is
preopened as "/" and the environment is PWD=/, HOME=/, LANG=C, TZ=UTC and then the
program's env lines (a line may override one of those), all passed with --env in that
order. Go's wasip1 runtime takes its working directory from PWD and resolves every
path against the preopen names, so both runs see the working directory as "/", the
sandbox is that directory alone, and nothing printed depends on where the work
directory is. argv[0] is "prog.wasm" in both runs.

Before the timed pogo run, `pogo build -O1` fills pogo's cache (build and run share
the key: module bytes, base name, options), so the 60 s cover the program, not the C
compiler. The runner compares stdout, stderr, the exit status and the files left in
the working directory (paths, permission bits and contents; prog.wasm excluded).

  --reference-only   run node only, and check its exit status against expect_exit
                     (also checked, as a failure of the reference, when comparing)
  --twice            (with --reference-only) run node twice and require identical
                     results: a determinism check of the corpus itself

Exit status: 0 when everything passed (skips allowed), 1 on any failure, 2 on a
usage or setup error.
"""

import argparse
import concurrent.futures
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

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from corpus_diff import add_common_args, find_tools, listing, short_diff, tail, text_lines  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
GO_MOD = os.path.join(HERE, "go.mod")
REPO = os.path.dirname(os.path.dirname(HERE))
NODE_WASI = os.path.join(REPO, "scripts", "node_wasi.mjs")
# the corpus directories of each mode, in discovery order
CORPORA = {
    "js": [os.path.join(HERE, "js")],
    "wasip1": [os.path.join(HERE, "js"), os.path.join(HERE, "wasip1")],
}

RUN_TIMEOUT = 60.0
BUILD_TIMEOUT = 600.0
POGO_BUILD_TIMEOUT = 1800.0
NODE_STACK = "--stack-size=8192"
# node 20's WASI imports are V8 fast API calls; one that allocates can start a V8 GC
# inside the fast call, and a guest that grows its memory and allocates a lot then
# crashes node (SIGSEGV, or a V8 fatal error in the sweeper): nodejs/node#46777.
# Plain calls avoid it (wasip1 runs only).
NODE_NO_FAST_CALLS = "--no-turbo-fast-api-calls"
DEBIAN_GO119 = os.path.join(os.sep, "usr", "lib", "go-1.19")  # Debian's golang-1.19 package

print_lock = threading.Lock()


def say(*a):
    with print_lock:
        print(*a, flush=True)


# ---------------------------------------------------------------- toolchains

class Toolchain:
    def __init__(self, go, goos, goroot, version, optional):
        self.go = go              # the go binary
        self.goos = goos          # js or wasip1
        self.label = version if goos == "js" else "%s-%s" % (version, goos)  # go1.26.8[-wasip1]
        self.goroot = goroot
        self.version = version    # GOVERSION
        self.optional = optional  # build failures are skips, not failures
        self.exec_js = None       # wasm_exec_node.js to run (js)

    @property
    def short(self):
        m = re.match(r"go(\d+)\.(\d+)", self.version)
        return "go%s.%s" % m.groups() if m else self.version


def build_env(goos):
    env = dict(os.environ)
    for k in ("GOROOT", "GOFLAGS", "GOOS", "GOARCH", "GOWASM", "GOEXPERIMENT", "GOPATH_MODE"):
        env.pop(k, None)
    env.update(GOOS=goos, GOARCH="wasm", GOTOOLCHAIN="local", GOWORK="off", GO111MODULE="on")
    return env


def go_env(go, var):
    env = build_env("js")
    r = subprocess.run([go, "env", var], capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("%s env %s failed: %s" % (go, var, r.stderr.strip()))
    return r.stdout.strip()


def make_toolchain(go, goos, optional):
    goroot = go_env(go, "GOROOT")
    version = go_env(go, "GOVERSION")
    return Toolchain(go, goos, goroot, version, optional)


def has_wasip1(version):
    """GOOS=wasip1 arrived in Go 1.21."""
    m = re.match(r"go(\d+)\.(\d+)", version)
    return not m or (int(m.group(1)), int(m.group(2))) >= (1, 21)  # devel versions: assume yes


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
    def __init__(self, name, directory):
        self.name = name
        self.dir = directory
        self.args = []
        self.env = []
        self.stdin = None
        self.stdin_pace = None    # seconds before each line, or None: stdin is a file
        self.files = None
        self.expect_exit = 0
        self.js_only = None       # the marker's reason, or None
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
        p = os.path.join(self.dir, "stdin_pace")
        if os.path.exists(p):
            with open(p) as f:
                self.stdin_pace = float(f.read().strip()) / 1000
            if not self.stdin:
                raise RuntimeError("%s: stdin_pace without stdin" % name)
        p = os.path.join(self.dir, "files")
        if os.path.isdir(p):
            self.files = p
        p = os.path.join(self.dir, "expect_exit")
        if os.path.exists(p):
            with open(p) as f:
                self.expect_exit = int(f.read().strip())
        p = os.path.join(self.dir, "js_only")
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                self.js_only = f.read().strip() or "(no reason given)"

    def source_hash(self, tc):
        h = hashlib.sha256()
        h.update(("%s\0%s\0%s\0%s\0" % (os.path.realpath(tc.go), tc.version, tc.goos, "build-2")).encode())
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


def discover(goos):
    """Returns {name: directory} over the mode's corpora; a name may not repeat."""
    found = {}
    for corpus in CORPORA[goos]:
        if not os.path.isdir(corpus):
            continue
        for n in sorted(os.listdir(corpus)):
            d = os.path.join(corpus, n)
            if os.path.exists(os.path.join(d, "main.go")):
                if n in found:
                    raise RuntimeError("program %s is in both %s and %s" % (n, found[n], d))
                found[n] = d
    return found


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
        r = subprocess.run(cmd, cwd=prog.dir, env=build_env(tc.goos), capture_output=True, text=True,
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


def run_env(prog, work, goos):
    """The environment of the node and pogo processes. A js guest sees it whole; a
    wasip1 guest sees only guest_env, so the program's lines go there instead."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": work,
        "LANG": "C",
        "TZ": "UTC",
        "POGO_CACHE_DIR": os.environ.get("POGO_CACHE_DIR") or os.path.join(work, "pogo-cache"),
    }
    if goos == "js":
        for k, v in prog.env:
            env[k] = v
    return env


def guest_env(prog):
    """--env options of a wasip1 run: the runner's fixed variables, then the program's
    lines (a later line replaces an earlier value in place)."""
    env = {"PWD": "/", "HOME": "/", "LANG": "C", "TZ": "UTC"}
    for k, v in prog.env:
        env[k] = v
    out = []
    for k, v in env.items():
        out += ["--env", "%s=%s" % (k, v)]
    return out


def feed_paced(w, path, pace):
    """Write the file to the pipe w one line at a time, `pace` seconds before each."""
    try:
        with open(path, "rb") as f:
            for line in f.read().splitlines(keepends=True):
                time.sleep(pace)
                os.write(w, line)
    except OSError:
        pass  # the program exited early: the pipe is gone
    finally:
        os.close(w)


def read_back(f):
    with f:
        f.seek(0)
        return f.read()


def execute(cmd, cwd, env, prog, timeout, out_dir=None):
    """Run cmd; stdout and stderr are pipes, or files in out_dir when given."""
    t0 = time.monotonic()
    feeder = None
    if prog.stdin_pace is not None:
        r, w = os.pipe()
        stdin = os.fdopen(r, "rb")
        feeder = threading.Thread(target=feed_paced, args=(w, prog.stdin, prog.stdin_pace), daemon=True)
    else:
        stdin = open(prog.stdin or os.devnull, "rb")
    if out_dir:
        outs = [tempfile.TemporaryFile(dir=out_dir), tempfile.TemporaryFile(dir=out_dir)]
    else:
        outs = [subprocess.PIPE, subprocess.PIPE]
    with stdin:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin, stdout=outs[0],
                             stderr=outs[1], start_new_session=True)
    if feeder:
        feeder.start()
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
    if feeder:
        feeder.join()
    if out_dir:
        out, err = (read_back(f) for f in outs)
    return p.returncode, out, err, time.monotonic() - t0, timed_out


def run_one(cmd, prog, wasm, cwd, work, goos, verbose, label):
    fresh_dir(cwd, prog, wasm)
    if verbose:
        say("  run %s: %s (in %s)" % (label, " ".join(cmd), cwd))
    # wasip1: node's fd_fdstat_get returns the host's raw fcntl flags, so Go never
    # learns that it made stdout and stderr O_NONBLOCK, and a write to a full pipe
    # fails with EAGAIN ("write /dev/stdout: Try again"). Files never fill up.
    out_dir = os.path.dirname(cwd) if goos == "wasip1" else None
    rc, out, err, secs, timed_out = execute(cmd, cwd, run_env(prog, work, goos), prog, RUN_TIMEOUT, out_dir)
    return Result(rc, out, err, snapshot(cwd), secs, timed_out)


def node_cmd(node, tc, prog, cwd):
    if tc.goos == "wasip1":
        return ([node, NODE_STACK, NODE_NO_FAST_CALLS, "--no-warnings", NODE_WASI, "--dir", cwd + "::/"] +
                guest_env(prog) + ["prog.wasm"] + prog.args)
    return [node, NODE_STACK, tc.exec_js, "prog.wasm"] + prog.args


# How pogo builds the guests: set from --opt and --cc; build and run must agree so that
# they share pogo's cache key.
POGO_BUILD_FLAGS = ["-O1"]


def pogo_cmd(pogo, tc, prog, cwd):
    sandbox = ["--dir", cwd + "::/"] + guest_env(prog) if tc.goos == "wasip1" else []
    return [pogo, "run"] + POGO_BUILD_FLAGS + sandbox + ["prog.wasm", "--"] + prog.args


def warm_pogo(pogo, wasm, prog, work, goos, verbose):
    """Build into pogo's cache first (long timeout) so the timed run measures the
    program, not the C compiler. `build` and `run` share the cache key (module bytes,
    base name, options), and the cached prog.wasm has the same base name."""
    scratch = tempfile.mkdtemp(prefix="warm-", dir=work)
    try:
        cmd = [pogo, "build"] + POGO_BUILD_FLAGS + [wasm, "-o", os.path.join(scratch, "app")]
        if verbose:
            say("  pogo build %s: %s" % (prog.name, " ".join(cmd)))
        try:
            subprocess.run(cmd, env=run_env(prog, work, goos), capture_output=True, timeout=POGO_BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass  # the run will show what is wrong
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- comparing

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


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--goos", choices=("js", "wasip1"), default="js",
                    help="which port of the corpus to build and run (default js)")
    ap.add_argument("--go", help="the machine's go (default: go on PATH); built with GOTOOLCHAIN=local")
    ap.add_argument("--go119", help="Go 1.19: its GOROOT directory or go binary (default: go1.19 on PATH, "
                    "else Debian's golang-1.19 location); skipped when absent")
    ap.add_argument("--no-go119", action="store_true", help="do not use Go 1.19 (implied by --goos wasip1)")
    add_common_args(ap, "expect_exit")
    args = ap.parse_args()
    POGO_BUILD_FLAGS[:] = [args.opt] + (["--cc", args.cc] if args.cc else [])

    t_start = time.monotonic()
    os.umask(0o022)  # inherited by every run (process-wide; preexec_fn is unsafe with threads)
    work = os.path.abspath(args.work or os.path.join(tempfile.gettempdir(), "pogo-go-corpus-%d" % os.getuid()))
    os.makedirs(work, exist_ok=True)

    tools = find_tools(args, "run_go_corpus")
    if not tools:
        return 2
    node, pogo = tools

    goos = args.goos
    toolchains = []
    try:
        go = args.go or shutil.which("go")
        if not go:
            print("run_go_corpus: go not found (pass --go)", file=sys.stderr)
            return 2
        toolchains.append(make_toolchain(go, goos, optional=False))
        if goos == "wasip1":
            if not has_wasip1(toolchains[0].version):
                print("run_go_corpus: %s has no GOOS=wasip1 (Go 1.21 or later needed; pass --go)"
                      % toolchains[0].version, file=sys.stderr)
                return 2
            if not os.path.exists(NODE_WASI):
                print("run_go_corpus: %s is missing" % NODE_WASI, file=sys.stderr)
                return 2
            say("note: Go 1.19 has no wasip1 port; only %s runs" % toolchains[0].version)
        elif not args.no_go119:
            g119 = find_go119(args.go119)
            if g119:
                tc = make_toolchain(g119, goos, optional=True)
                if os.path.realpath(tc.goroot) != os.path.realpath(toolchains[0].goroot):
                    toolchains.append(tc)
            else:
                say("note: Go 1.19 not found (go1.19 on PATH, --go119 DIR); its runs are skipped")
        if goos == "js":
            for tc in toolchains:
                prepare_exec_js(tc, work)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("run_go_corpus: %s" % e, file=sys.stderr)
        return 2

    try:
        found = discover(goos)
        names = sorted(found)
        if args.only:
            unknown = [n for n in args.only if n not in found]
            if unknown:
                print("run_go_corpus: unknown program(s) for %s: %s" % (goos, " ".join(unknown)), file=sys.stderr)
                return 2
            names = [n for n in names if n in args.only]
        progs = [Program(n, found[n]) for n in names]
    except (RuntimeError, ValueError) as e:
        print("run_go_corpus: %s" % e, file=sys.stderr)
        return 2

    say("node %s; GOOS=%s; %s; %s" % (
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip(), goos,
        ", ".join("%s (%s)" % (tc.label, tc.goroot) for tc in toolchains),
        "reference only" + (", twice" if args.twice else "") if args.reference_only else "pogo " + pogo))

    def task(prog, tc):
        """Returns (status, line) with status in pass/fail/skip."""
        tag = "%s [%s]" % (prog.name, tc.label)
        if goos != "js" and prog.js_only:
            return "skip", "SKIP %s: js only: %s" % (tag, prog.js_only)
        wasm, err = build(prog, tc, work, args.v)
        if wasm is None:
            if tc.optional:
                return "skip", "SKIP %s: skipped (does not build with %s: %s)" % (tag, tc.short, first_error_line(err))
            return "fail", "FAIL %s: build failed: %s\n%s" % (tag, first_error_line(err), tail(err.encode()))
        cwd = os.path.join(work, "run", tc.label, prog.name)
        ncmd = node_cmd(node, tc, prog, cwd)
        ref = run_one(ncmd, prog, wasm, cwd, work, goos, args.v, "node")
        if args.reference_only:
            problems = []
            if ref.timed_out or ref.rc != prog.expect_exit:
                problems.append(("exit status", "node: %s, expected %d\n%s" % (ref.status, prog.expect_exit, tail(ref.stderr))))
            if args.twice:
                again = run_one(ncmd, prog, wasm, cwd, work, goos, args.v, "node (2nd)")
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
        pcmd = pogo_cmd(pogo, tc, prog, cwd)
        warm_pogo(pogo, wasm, prog, work, goos, args.v)
        got = run_one(pcmd, prog, wasm, cwd, work, goos, args.v, "pogo")
        if got.timed_out:
            # pogo's cache key covers the pogo executable and runtime libraries: if they
            # were rebuilt between the warm-up and the run, the run compiled inside its
            # timeout. Warm up and try once more; a real hang hangs again.
            warm_pogo(pogo, wasm, prog, work, goos, args.v)
            got = run_one(pcmd, prog, wasm, cwd, work, goos, args.v, "pogo (retry after timeout)")
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
