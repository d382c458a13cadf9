#!/usr/bin/env python3
"""check_corpora.py - `pogo check` on every program of the test corpora, with counts.

The corpus runners (tests/go/run_go_corpus.py, tests/wasi/run_c_corpus.py) compare
pogo with node themselves; this runs the same programs through `pogo check` instead,
so that pogo check is held to the same standard: it must find every program identical
to its reference, with only the normalisations it documents (docs/check.md).

  Go GOOS=js   tests/go/js, built by the machine's Go and, when installed, by Go 1.19
               (pogo check --goroot <Go 1.19's GOROOT> for those: its wasm_exec.js)
  Go wasip1    tests/go/js (less js_only programs) and tests/go/wasip1, machine's Go
  WASI C       tests/wasi/c, built with clang --target=wasm32-wasi

Each program's corpus files become pogo check's input: args after `--`, stdin on
stdin, files/ as --files; env lines go into the environment (js) or as --env (wasip1
and C, where wasip1 programs also get the corpus runner's PWD=/, HOME=/, LANG=C,
TZ=UTC first). The environment is the runners' (PATH, HOME=<work>, LANG=C, TZ=UTC,
POGO_CACHE_DIR) and the umask 022. stdin_pace is not reproduced: pogo check feeds
stdin from a file (those programs print nothing that depends on how input arrives).
Golden C programs (expected_stdout: node's WASI is wrong for them, docs/wasi.md) are
run too, and counted apart when they differ: that difference is node's.

Usage: tests/check_corpora.py [--pogo P] [--cc CC] [--opt -O0] [-j N] [--only NAME...]
                              [--corpus js|wasip1|c ...] [--work DIR] [-v]
Exit status 0 when every program is identical (or a golden one differs), else 1.
"""

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

TESTS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(TESTS, "go"))
sys.path.insert(0, os.path.join(TESTS, "wasi"))
import run_c_corpus as ccorpus  # noqa: E402
import run_go_corpus as gocorpus  # noqa: E402

REPO = os.path.dirname(TESTS)
TIMEOUT = 120
lock = threading.Lock()


def say(*a):
    with lock:
        print(*a, flush=True)


class Job:
    """One pogo check run: a program of one corpus, built by one toolchain."""

    def __init__(self, corpus, label, name, serial, golden=False):
        self.corpus, self.label, self.name, self.serial, self.golden = corpus, label, name, serial, golden
        self.wasm = self.error = None
        self.args, self.stdin, self.files, self.check_opts, self.env = [], None, None, [], {}


def go_jobs(goos, work, go119, verbose):
    go = shutil.which("go")
    tcs = [gocorpus.make_toolchain(go, goos, optional=False)]
    if goos == "js":
        g = gocorpus.find_go119(go119)
        if g:
            tc = gocorpus.make_toolchain(g, goos, optional=True)
            if os.path.realpath(tc.goroot) != os.path.realpath(tcs[0].goroot):
                tcs.append(tc)
    found = gocorpus.discover(goos)
    jobs = []
    for tc in tcs:
        for name in sorted(found):
            prog = gocorpus.Program(name, found[name])
            j = Job(goos, tc.label, name, prog.serial)
            jobs.append(j)
            if goos != "js" and prog.js_only:
                j.error = "skip: js only"
                continue
            wasm, err = gocorpus.build(prog, tc, os.path.join(work, "go"), verbose)
            if wasm is None:
                j.error = ("skip: does not build with %s" if tc.optional else "build failed (%s)") % tc.short
                continue
            j.wasm, j.args, j.stdin, j.files = wasm, prog.args, prog.stdin, prog.files
            if goos == "js":
                j.env = dict(prog.env)
                if tc.optional:
                    j.check_opts = ["--goroot", tc.goroot]
            else:
                for k, v in [("PWD", "/"), ("HOME", "/"), ("LANG", "C"), ("TZ", "UTC")] + prog.env:
                    j.check_opts += ["--env", "%s=%s" % (k, v)]
    return jobs


def c_jobs(work, verbose):
    clang = shutil.which("clang")
    cc_id = ccorpus.compiler_id(clang)
    jobs = []
    for name in ccorpus.discover():
        prog = ccorpus.Program(name)
        j = Job("c", "wasm32-wasi", name, prog.serial, prog.golden)
        jobs.append(j)
        wasm, err = ccorpus.build(prog, clang, cc_id, os.path.join(work, "c"), verbose)
        if wasm is None:
            j.error = "build failed"
            continue
        j.wasm, j.args, j.stdin, j.files = wasm, prog.args, prog.stdin, prog.files
        for k, v in prog.env:
            j.check_opts += ["--env", "%s=%s" % (k, v)]
    return jobs


def run(job, pogo, build_opts, work, verbose):
    """Returns (status, text): status identical, different, golden-different, error, skip."""
    if job.error:
        return ("skip" if job.error.startswith("skip") else "error"), job.error
    cmd = [pogo, "check"] + build_opts + ["--timeout", str(TIMEOUT)] + job.check_opts
    if job.files:
        cmd += ["--files", job.files]
    cmd += [job.wasm, "--"] + job.args
    env = ccorpus.run_env(work)  # the corpus runners' environment
    env.update(job.env)
    if verbose:
        say("  %s" % " ".join(cmd))
    with open(job.stdin or os.devnull, "rb") as stdin:
        try:
            p = subprocess.run(cmd, stdin=stdin, capture_output=True, text=True, env=env, timeout=4 * TIMEOUT + 1800)
        except subprocess.TimeoutExpired:
            return "error", "pogo check did not finish"
    if p.returncode == 0:
        return "identical", p.stdout.splitlines()[0].split(": ", 2)[-1]
    text = (p.stdout + p.stderr).rstrip()
    if p.returncode == 1:
        return ("golden-different" if job.golden else "different"), text
    return "error", "exit %d: %s" % (p.returncode, text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pogo", help="pogo executable (default: build/pogo of this checkout, else pogo on PATH)")
    ap.add_argument("--cc", default="tcc", help="C compiler for the native builds (default tcc)")
    ap.add_argument("--opt", default="-O0", help="optimisation level of the native builds (default -O0)")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="checks run at once (default: cores)")
    ap.add_argument("--corpus", nargs="+", choices=("js", "wasip1", "c"), default=["js", "wasip1", "c"])
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these programs")
    ap.add_argument("--go119", help="Go 1.19's GOROOT or go binary (default: as tests/go/run_go_corpus.py finds it)")
    ap.add_argument("--work", help="builds of the corpus programs (default: a fixed directory under the temp dir)")
    ap.add_argument("-v", action="store_true", help="show every command and every identical program")
    args = ap.parse_args()

    pogo = args.pogo or (os.path.join(REPO, "build", "pogo") if os.access(os.path.join(REPO, "build", "pogo"), os.X_OK)
                         else shutil.which("pogo"))
    if not pogo:
        print("check_corpora: pogo not found (pass --pogo)", file=sys.stderr)
        return 2
    pogo = os.path.abspath(pogo)
    work = os.path.abspath(args.work or os.path.join(tempfile.gettempdir(), "pogo-check-corpora-%d" % os.getuid()))
    os.makedirs(work, exist_ok=True)
    os.umask(0o022)
    build_opts = [args.opt, "--cc", args.cc]
    t0 = time.monotonic()

    jobs = []
    try:
        for corpus in args.corpus:
            jobs += c_jobs(work, args.v) if corpus == "c" else go_jobs(corpus, work, args.go119, args.v)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print("check_corpora: %s" % e, file=sys.stderr)
        return 2
    if args.only:
        jobs = [j for j in jobs if j.name in args.only]

    counts = {}
    per_corpus = {}
    for batch, width in (([j for j in jobs if not j.serial], max(1, args.j)), ([j for j in jobs if j.serial], 1)):
        with concurrent.futures.ThreadPoolExecutor(max_workers=width) as ex:
            futs = [ex.submit(run, j, pogo, build_opts, work, args.v) for j in batch]
            for j, f in zip(batch, futs):
                status, text = f.result()
                counts[status] = counts.get(status, 0) + 1
                key = "%s [%s]" % (j.corpus, j.label)
                per_corpus.setdefault(key, {}).setdefault(status, 0)
                per_corpus[key][status] += 1
                tag = "%s %s [%s]" % (j.corpus, j.name, j.label)
                if status == "identical":
                    if args.v:
                        say("ok   %s: %s" % (tag, text))
                elif status == "skip":
                    say("skip %s: %s" % (tag, text[6:]))
                elif status == "golden-different":
                    say("node %s: differs as documented (node's WASI is wrong here, docs/wasi.md):\n%s"
                        % (tag, "\n".join("     | " + l for l in text.splitlines()[:3])))
                else:
                    say("FAIL %s: %s\n%s" % (tag, status, "\n".join("     | " + l for l in text.splitlines())))

    order = ("identical", "different", "golden-different", "error", "skip")
    for key in sorted(per_corpus):
        say("%-26s %s" % (key + ":", ", ".join("%d %s" % (per_corpus[key][s], s) for s in order if s in per_corpus[key])))
    say("total: %s  (%.0fs)" % (", ".join("%d %s" % (counts[s], s) for s in order if s in counts),
                                time.monotonic() - t0))
    return 1 if counts.get("different") or counts.get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
