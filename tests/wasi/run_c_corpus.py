#!/usr/bin/env python3
"""Run the WASI C corpus under node's WASI and under pogo and compare.

Every program is tests/wasi/c/<name>.c, or a directory tests/wasi/c/<name>/ holding
its .c files (compiled together) and optionally:

  args         one argument per line, passed after the wasm path (a final newline
               ends the last line; an empty line is an empty argument)
  stdin        fed on standard input (otherwise /dev/null)
  env          KEY=VALUE lines: the guest's whole environment (blank lines and lines
               starting with '#' are ignored; the value is kept verbatim)
  files/       a fixture tree: the guest's "/" starts as a copy of it (else empty)
  expect_exit  the exit status the program is meant to have (default 0); checked
               against node with --reference-only (and as a failure of the
               reference when comparing)
  trap         (empty marker) the program ends in a wasm trap (abort(),
               __builtin_trap(), ...). Exit statuses differ by design: it passes
               when node exits 1 with a RuntimeError on stderr and pogo exits 134
               with "trap:" on stderr; stdout and the files must still match
  serial       (empty marker) timing-sensitive: run alone, after the parallel phase
  expected_stdout, expected_stderr, expected_files
               a golden program, one for which node's WASI is known to be wrong (its
               main.c says where): node is not run; pogo's stdout, stderr (default
               empty), exit status and the tree left (expected_files, one line per
               path as golden_listing() writes it) must equal these files.
               --update-expected writes them from pogo's run, for review

Programs include c/corpus.h (helpers that print errno names and numbers). Each is
built once with `clang --target=wasm32-wasi -O1` (Debian's wasi-libc; the .wasm is
cached by a hash of the sources, corpus.h and the compiler's identity under the work
directory) and run as a WASI preview1 command:

  reference: node --no-warnings scripts/node_wasi.mjs --dir ROOT::/ [--env K=V]...
                  prog.wasm ARGS
  pogo:      pogo run -O1 [--cc CC] --dir ROOT::/ [--env K=V]... prog.wasm -- ARGS
             (--opt and --cc change the build flags)

ROOT is <work>/run/<name>/root, made afresh from files/ before each run; the guest
sees it as "/" and wasi-libc's initial working directory is "/", so relative paths
land there too. The host process runs in an empty <work>/run/<name>/cwd (so a
runtime that resolved guest paths against its own working directory shows up as
files there), with a minimal host environment (PATH, HOME=<work dir>, LANG=C, TZ=UTC,
POGO_CACHE_DIR: the caller's, else <work dir>/pogo-cache), umask 022, stdin from the
stdin file or /dev/null, stdout and stderr to temporary files (not pipes: node's
WASI loses output once a non-blocking pipe fills), and a 60 s timeout. Both runs get
the same absolute wasm path, so argv[0] is the same. Before the timed pogo run,
`pogo build` with the same options fills pogo's cache (build and run share the key),
so the 60 s cover the program, not the C compiler.

It compares stdout, stderr, the exit status and the tree left in <work>/run/<name>
(ROOT, cwd, and anything a runtime let the guest put beside them): paths, file
types, contents and symlink targets; permission bits only with --perms, since WASI
preview1 cannot set them.

  --reference-only   run node only, and check its exit status against expect_exit
                     (golden programs are skipped)
  --twice            (with --reference-only) run node twice and require identical
                     results: a determinism check of the corpus itself

Exit status: 0 when everything passed (skips allowed), 1 on any failure, 2 on a usage
or setup error.
"""

import argparse
import concurrent.futures
import hashlib
import os
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
CORPUS = os.path.join(HERE, "c")
SHARED_HEADER = os.path.join(CORPUS, "corpus.h")
NODE_WASI = os.path.join(os.path.dirname(os.path.dirname(HERE)), "scripts", "node_wasi.mjs")

RUN_TIMEOUT = 60.0
BUILD_TIMEOUT = 300.0
POGO_BUILD_TIMEOUT = 1800.0
CLANG_FLAGS = ["--target=wasm32-wasi", "-O1"]

print_lock = threading.Lock()


def say(*a):
    with print_lock:
        print(*a, flush=True)


# ---------------------------------------------------------------- programs

class Program:
    """One corpus entry: c/<name>.c alone, or the directory c/<name>/."""

    def __init__(self, name):
        self.name = name
        d = os.path.join(CORPUS, name)
        self.dir = d if os.path.isdir(d) else None
        if self.dir:
            self.sources = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".c"))
        else:
            self.sources = [d + ".c"]
        self.args = []
        self.env = []
        self.stdin = None
        self.files = None
        self.expect_exit = 0
        self.trap = self.has("trap")
        self.serial = self.has("serial")
        self.golden = self.has("expected_stdout")
        text = self.read("args")
        if text is not None:
            if text.endswith("\n"):
                text = text[:-1]
            self.args = text.split("\n") if text != "" else []
        text = self.read("env")
        if text is not None:
            for line in text.split("\n"):
                if not line or line.startswith("#"):
                    continue
                k, sep, v = line.partition("=")
                if not sep or not k:
                    raise RuntimeError("%s/env: bad line %r" % (name, line))
                self.env.append((k, v))
        if self.has("stdin"):
            self.stdin = os.path.join(self.dir, "stdin")
        if self.dir and os.path.isdir(os.path.join(self.dir, "files")):
            self.files = os.path.join(self.dir, "files")
        text = self.read("expect_exit")
        if text is not None:
            self.expect_exit = int(text.strip())

    def has(self, fn):
        return bool(self.dir) and os.path.exists(os.path.join(self.dir, fn))

    def read(self, fn):
        if not self.has(fn):
            return None
        with open(os.path.join(self.dir, fn), encoding="utf-8") as f:
            return f.read()

    def source_hash(self, cc_id):
        h = hashlib.sha256()
        h.update(("%s\0%s\0build-1\0" % (cc_id, " ".join(CLANG_FLAGS))).encode())
        for p in [SHARED_HEADER] + self.sources:
            h.update(os.path.basename(p).encode() + b"\0")
            with open(p, "rb") as f:
                h.update(f.read())
            h.update(b"\0")
        return h.hexdigest()


def discover():
    names = []
    for n in os.listdir(CORPUS):
        p = os.path.join(CORPUS, n)
        if n.endswith(".c") and os.path.isfile(p):
            names.append(n[:-2])
        elif os.path.isdir(p) and any(f.endswith(".c") for f in os.listdir(p)):
            names.append(n)
    return sorted(names)


def compiler_id(clang):
    """The compiler's identity for the build cache: its real path and version line."""
    r = subprocess.run([clang, "--version"], capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("%s --version failed: %s" % (clang, r.stderr.strip()))
    return "%s\0%s" % (os.path.realpath(clang), r.stdout.splitlines()[0] if r.stdout else "")


def build(prog, clang, cc_id, work, verbose):
    """Returns (wasm_path, None) or (None, error_text). Cached by source hash."""
    d = os.path.join(work, "build", prog.name)
    key = prog.source_hash(cc_id)
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
    cmd = [clang] + CLANG_FLAGS + ["-I", CORPUS] + prog.sources + ["-o", tmp]
    if verbose:
        say("  build %s: %s" % (prog.name, " ".join(cmd)))
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        ok, err = r.returncode == 0, r.stderr + r.stdout
    except subprocess.TimeoutExpired:
        ok, err = False, "clang timed out after %ds" % BUILD_TIMEOUT
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
        if "error" in line:
            return line.strip()
    return err.strip().splitlines()[0] if err.strip() else "(no message)"


# ---------------------------------------------------------------- running

class Result:
    def __init__(self, rc, stdout, stderr, files, secs, timed_out):
        self.rc, self.stdout, self.stderr = rc, stdout, stderr
        self.files, self.secs, self.timed_out = files, secs, timed_out

    @property
    def status(self):
        return "timeout after %ds" % RUN_TIMEOUT if self.timed_out else str(self.rc)


def fresh_dirs(run_dir, prog):
    """Makes run_dir/root (a copy of the fixture tree) and an empty run_dir/cwd."""
    if os.path.lexists(run_dir):
        # fixtures may hold read-only directories
        for root, dirs, _ in os.walk(run_dir):
            for dd in dirs:
                try:
                    os.chmod(os.path.join(root, dd), 0o755)
                except OSError:
                    pass
        shutil.rmtree(run_dir)
    os.makedirs(run_dir)
    root = os.path.join(run_dir, "root")
    if prog.files:
        shutil.copytree(prog.files, root, symlinks=True)
    else:
        os.makedirs(root)
    os.makedirs(os.path.join(run_dir, "cwd"))
    return root


def snapshot(run_dir):
    """Sorted list of (kind, relpath, perm, content) below run_dir (root/ and cwd/)."""
    out = []
    for top, dirs, files in os.walk(run_dir):
        dirs.sort()
        for name in sorted(dirs + files):
            p = os.path.join(top, name)
            rel = os.path.relpath(p, run_dir)
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


def without_perms(files):
    return [(kind, rel, 0, content) for kind, rel, _, content in files]


def run_env(work):
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": work,
        "LANG": "C",
        "TZ": "UTC",
        "POGO_CACHE_DIR": os.environ.get("POGO_CACHE_DIR") or os.path.join(work, "pogo-cache"),
    }


def execute(cmd, cwd, env, stdin_path, timeout):
    """Runs cmd with stdout and stderr going to unlinked temporary files, not pipes:
    node makes its stdio pipes non-blocking, so its WASI fd_write fails with EAGAIN
    once a pipe is full and the guest loses output (about 60 KB get through)."""
    t0 = time.monotonic()
    with open(stdin_path or os.devnull, "rb") as stdin, tempfile.TemporaryFile() as fout, \
            tempfile.TemporaryFile() as ferr:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin, stdout=fout, stderr=ferr,
                             start_new_session=True)
        try:
            p.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
            timed_out = True
        fout.seek(0)
        ferr.seek(0)
        out, err = fout.read(), ferr.read()
    return p.returncode, out, err, time.monotonic() - t0, timed_out


def guest_options(prog, root):
    opts = ["--dir", root + "::/"]
    for k, v in prog.env:
        opts += ["--env", "%s=%s" % (k, v)]
    return opts


def run_one(make_cmd, prog, run_dir, work, verbose, label, perms):
    root = fresh_dirs(run_dir, prog)
    cmd = make_cmd(root)
    if verbose:
        say("  run %s: %s" % (label, " ".join(cmd)))
    cwd = os.path.join(run_dir, "cwd")
    rc, out, err, secs, timed_out = execute(cmd, cwd, run_env(work), prog.stdin, RUN_TIMEOUT)
    files = snapshot(run_dir)
    return Result(rc, out, err, files if perms else without_perms(files), secs, timed_out)


def node_cmd(node, prog, wasm):
    return lambda root: [node, "--no-warnings", NODE_WASI] + guest_options(prog, root) + [wasm] + prog.args


# How pogo builds the guests: set from --opt and --cc; build and run must agree so that
# they share pogo's cache key.
POGO_BUILD_FLAGS = ["-O1"]


def pogo_cmd(pogo, prog, wasm):
    return lambda root: [pogo, "run"] + POGO_BUILD_FLAGS + guest_options(prog, root) + [wasm, "--"] + prog.args


def warm_pogo(pogo, wasm, prog, work, verbose):
    """Build into pogo's cache first (long timeout) so that the timed run measures
    the program, not the C compiler. `build` and `run` share the cache key (module
    bytes, base name, build options; --dir and --env are run-time only)."""
    scratch = tempfile.mkdtemp(prefix="warm-", dir=work)
    try:
        cmd = [pogo, "build"] + POGO_BUILD_FLAGS + [wasm, "-o", os.path.join(scratch, "app")]
        if verbose:
            say("  pogo build %s: %s" % (prog.name, " ".join(cmd)))
        try:
            subprocess.run(cmd, env=run_env(work), capture_output=True, timeout=POGO_BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass  # the run will show what is wrong
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# ---------------------------------------------------------------- comparing

def trap_problem(res, rc, marker, who):
    """None when res is the trap ending a runtime gives (exit rc, marker on stderr)."""
    if not res.timed_out and res.rc == rc and marker in res.stderr:
        return None
    return "%s: %s, expected a trap (exit %d, %r on stderr)\n%s" % (
        who, res.status, rc, marker.decode(), tail(res.stderr))


NODE_TRAP = (1, b"RuntimeError")
POGO_TRAP = (134, b"trap:")


def compare(a, b, name_a, name_b, trap=False):
    """Returns a list of (item, detail) for every differing item, in report order. With
    trap, the exit statuses and stderr are not compared (the caller checks each run)."""
    diffs = []
    if not trap and (a.timed_out or b.timed_out or a.rc != b.rc):
        diffs.append(("exit status", "%s: %s, %s: %s" % (name_a, a.status, name_b, b.status)))
    if a.stdout != b.stdout:
        diffs.append(("stdout", short_diff(a.stdout, b.stdout, name_a + " stdout", name_b + " stdout")))
    if not trap and a.stderr != b.stderr:
        diffs.append(("stderr", short_diff(a.stderr, b.stderr, name_a + " stderr", name_b + " stderr")))
    if a.files != b.files:
        la, lb = listing(a.files), listing(b.files)
        detail = short_diff(la, lb, name_a + " files", name_b + " files") if la != lb else ""
        for fa, fb in zip(a.files, b.files):
            if fa != fb and fa[0] == fb[0] == "file" and fa[1] == fb[1]:
                detail += short_diff(fa[3], fb[3], name_a + " " + fa[1], name_b + " " + fb[1])
                break
        diffs.append(("files", detail))
    return diffs


def reference_problem(prog, ref):
    """The node run's own misbehaviour (an environment problem or a corpus bug)."""
    if prog.trap:
        return trap_problem(ref, NODE_TRAP[0], NODE_TRAP[1], "node")
    if ref.timed_out or ref.rc != prog.expect_exit:
        return "node: %s, expected %d\n%s" % (ref.status, prog.expect_exit, tail(ref.stderr))
    return None


def golden_listing(files):
    """The tree as expected_files holds it: `dir PATH`, `file PATH SIZE SHA256/16` or
    `link PATH -> TARGET`, one line each, sorted by path."""
    out = []
    for kind, rel, _, content in files:
        if kind == "file":
            out.append("file %s %d %s\n" % (rel, len(content), hashlib.sha256(content).hexdigest()[:16]))
        elif kind == "link":
            out.append("link %s -> %s\n" % (rel, content.decode(errors="backslashreplace")))
        else:
            out.append("%s %s\n" % (kind, rel))
    return "".join(out).encode()


def golden_paths(prog):
    return {k: os.path.join(prog.dir, "expected_" + k) for k in ("stdout", "stderr", "files")}


def golden_compare(prog, got):
    """Differences between pogo's run and the program's expected_* files."""
    paths = golden_paths(prog)
    want = {}
    for k, p in paths.items():
        want[k] = b""
        if os.path.exists(p):
            with open(p, "rb") as f:
                want[k] = f.read()
    diffs = []
    if prog.trap:
        bad = trap_problem(got, POGO_TRAP[0], POGO_TRAP[1], "pogo")
        if bad:
            diffs.append(("exit status", bad))
    elif got.timed_out or got.rc != prog.expect_exit:
        diffs.append(("exit status", "pogo: %s, expected %d\n%s" % (got.status, prog.expect_exit, tail(got.stderr))))
    if got.stdout != want["stdout"]:
        diffs.append(("stdout", short_diff(want["stdout"], got.stdout, "expected_stdout", "pogo stdout")))
    if not prog.trap and got.stderr != want["stderr"]:
        diffs.append(("stderr", short_diff(want["stderr"], got.stderr, "expected_stderr", "pogo stderr")))
    tree = golden_listing(got.files)
    if tree != want["files"]:
        diffs.append(("files", short_diff(want["files"], tree, "expected_files", "pogo files")))
    return diffs


def update_golden(prog, got):
    """Writes pogo's results as the program's expected_* files; returns what changed."""
    new = {"stdout": got.stdout, "stderr": got.stderr, "files": golden_listing(got.files)}
    changed = []
    for k, p in golden_paths(prog).items():
        old = None
        if os.path.exists(p):
            with open(p, "rb") as f:
                old = f.read()
        if k == "stderr" and not new[k]:
            if old is not None:
                os.remove(p)
                changed.append(k)
            continue
        if old != new[k]:
            with open(p, "wb") as f:
                f.write(new[k])
            changed.append(k)
    return changed


def verdict(name, diffs, ok_text, timing):
    if diffs:
        first, detail = diffs[0]
        also = ", ".join(d[0] for d in diffs[1:])
        msg = "FAIL %s: %s differs%s%s" % (name, first, " (also: %s)" % also if also else "", timing)
        return "fail", msg + "\n" + detail.rstrip("\n")
    return "pass", "PASS %s: %s%s" % (name, ok_text, timing)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clang", help="clang that targets wasm32-wasi (default: clang on PATH)")
    ap.add_argument("--perms", action="store_true", help="also compare permission bits of the trees left")
    ap.add_argument("--update-expected", action="store_true",
                    help="with --only: write pogo's results into the named golden programs' expected_* files")
    add_common_args(ap, "expect_exit / trap")
    args = ap.parse_args()
    POGO_BUILD_FLAGS[:] = [args.opt] + (["--cc", args.cc] if args.cc else [])

    t_start = time.monotonic()
    os.umask(0o022)  # inherited by every run (process-wide; preexec_fn is unsafe with threads)
    work = os.path.abspath(args.work or os.path.join(tempfile.gettempdir(), "pogo-wasi-c-corpus-%d" % os.getuid()))
    os.makedirs(work, exist_ok=True)

    tools = find_tools(args, "run_c_corpus")
    if not tools:
        return 2
    node, pogo = tools
    clang = args.clang or shutil.which("clang")
    if not clang:
        print("run_c_corpus: clang not found (pass --clang)", file=sys.stderr)
        return 2
    if args.update_expected and (args.reference_only or not args.only):
        print("run_c_corpus: --update-expected needs --only and pogo", file=sys.stderr)
        return 2
    try:
        cc_id = compiler_id(clang)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("run_c_corpus: %s" % e, file=sys.stderr)
        return 2

    names = discover()
    if args.only:
        unknown = [n for n in args.only if n not in names]
        if unknown:
            print("run_c_corpus: unknown program(s): %s" % " ".join(unknown), file=sys.stderr)
            return 2
        names = [n for n in names if n in args.only]
    try:
        progs = [Program(n) for n in names]
    except (RuntimeError, ValueError, OSError) as e:
        print("run_c_corpus: %s" % e, file=sys.stderr)
        return 2

    say("node %s; %s; %s" % (
        subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip(),
        cc_id.split("\0")[1],
        "reference only" + (", twice" if args.twice else "") if args.reference_only else "pogo " + pogo))

    def task(prog):
        """Returns (status, line) with status in pass/fail/skip."""
        wasm, err = build(prog, clang, cc_id, work, args.v)
        if wasm is None:
            return "fail", "FAIL %s: build failed: %s\n%s" % (prog.name, first_error_line(err), tail(err.encode()))
        run_dir = os.path.join(work, "run", prog.name)
        if prog.golden:
            return golden_task(prog, wasm, run_dir)
        ncmd = node_cmd(node, prog, wasm)
        ref = run_one(ncmd, prog, run_dir, work, args.v, "node", args.perms)
        ok_text = "trap" if prog.trap else "exit %d" % ref.rc
        bad_ref = reference_problem(prog, ref)
        if args.reference_only:
            problems = [("exit status", bad_ref)] if bad_ref else []
            secs = "%.2fs" % ref.secs
            if args.twice:
                again = run_one(ncmd, prog, run_dir, work, args.v, "node (2nd)", args.perms)
                problems += compare(ref, again, "node", "node-2nd")
                secs += " + %.2fs" % again.secs
            return verdict(prog.name, problems, ok_text, "  (node %s)" % secs if args.v else "")
        got = run_pogo(prog, wasm, run_dir)
        diffs = []
        if bad_ref:
            diffs.append(("reference exit status", bad_ref))
        if prog.trap:
            bad = trap_problem(got, POGO_TRAP[0], POGO_TRAP[1], "pogo")
            if bad:
                diffs.append(("exit status", bad))
        diffs += compare(ref, got, "node", "pogo", trap=prog.trap)
        timing = "  (node %.2fs, pogo %.2fs)" % (ref.secs, got.secs) if args.v else ""
        return verdict(prog.name, diffs, ok_text, timing)

    def run_pogo(prog, wasm, run_dir):
        warm_pogo(pogo, wasm, prog, work, args.v)
        pcmd = pogo_cmd(pogo, prog, wasm)
        got = run_one(pcmd, prog, run_dir, work, args.v, "pogo", args.perms)
        if got.timed_out:
            # pogo's cache key covers the pogo executable and runtime libraries: if they
            # were rebuilt between the warm-up and the run, the run compiled inside its
            # timeout. Warm up and try once more; a real hang hangs again.
            warm_pogo(pogo, wasm, prog, work, args.v)
            got = run_one(pcmd, prog, run_dir, work, args.v, "pogo (retry after timeout)", args.perms)
        return got

    def golden_task(prog, wasm, run_dir):
        if args.reference_only:
            return "skip", "SKIP %s: golden (node is not a reference for it)" % prog.name
        got = run_pogo(prog, wasm, run_dir)
        timing = "  (pogo %.2fs)" % got.secs if args.v else ""
        if args.update_expected:
            changed = update_golden(prog, got)
            return "pass", "UPDATED %s: %s" % (prog.name, ", ".join("expected_" + c for c in changed) or "no change")
        ok_text = "trap" if prog.trap else "exit %d" % got.rc
        return verdict(prog.name, golden_compare(prog, got), ok_text + " (golden)", timing)

    counts = {"pass": 0, "fail": 0, "skip": 0}
    parallel = [p for p in progs if not p.serial]
    serial = [p for p in progs if p.serial]
    for jobs, width in ((parallel, max(1, args.j)), (serial, 1)):
        with concurrent.futures.ThreadPoolExecutor(max_workers=width) as ex:
            futs = [ex.submit(task, p) for p in jobs]
            for p, fut in zip(jobs, futs):
                try:
                    status, line = fut.result()
                except Exception as e:  # a runner bug or a setup problem: report, keep going
                    status, line = "fail", "FAIL %s: runner error: %r" % (p.name, e)
                counts[status] += 1
                say(line)

    summary = "%d passed, %d failed" % (counts["pass"], counts["fail"])
    if counts["skip"]:
        summary += ", %d skipped" % counts["skip"]
    say(summary + ("  (%.1fs)" % (time.monotonic() - t_start) if args.v else ""))
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
