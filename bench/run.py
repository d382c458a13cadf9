#!/usr/bin/env python3
"""run.py - pogo's benchmark: the programs of bench/programs under every contender, in
one run, alternating, with outputs checked against each other.

    bench/run.py [--size quick|full|smoke] [--repeat N] [--only P,...] [--contenders C,...]
                 [--out FILE.md] [--work DIR] [--no-startup] [--no-build-time]

Guests: the Go programs of bench/programs (one module, a package per program), built
with the machine's Go (GOTOOLCHAIN=local) for GOOS=js, for GOOS=wasip1 and natively;
and a C program (coremark) built with clang --target=wasm32-wasi -O2 and natively with
gcc -O2. Contenders (--contenders takes these names, or a family name for all of its
members: pogo, node, wasm2c):

  native         go build (or gcc -O2 for C)
  pogo-js        pogo build -O2 of the js module          (--pogo-flags changes -O2)
  pogo-wasip1    pogo build -O2 of the wasip1 module
  node-js        node --stack-size=8192 <GOROOT>/lib/wasm/wasm_exec_node.js
  node-wasip1    node's WASI (tests/wasi/node_wasi.mjs; fast API calls off: nodejs/node#46777)
  wazero         wazero run (CLI, pinned version, go install'ed into the work directory;
                 its compilation cache is warmed before timing, so runs exclude compiling)
  wasm2c-js      plain wabt wasm2c + gcc -O2, on pogo's JS host (bench/wasm2c/gojs_host.c)
  wasm2c-wasip1  plain wabt wasm2c + gcc -O2, on pogo's WASI host (bench/wasm2c/wasi_host.c)

Each repetition runs every program under every contender once (the contenders' order
rotates between repetitions), so drift and noise hit all of them alike. Every run gets
a fresh scratch directory as its working directory (WASI guests are granted it as "/",
with PWD=/), stdin from /dev/null, stdout and stderr captured (the fmt program's stdout
goes to /dev/null). A contender whose exit status or output differs from the reference
(native, else the first contender that ran) is reported as an error and not timed
further. Reported: the median wall time of the runs and its ratios (pogo/native,
node/pogo, wazero/pogo, wasm2c/pogo) with their geometric means, the median peak RSS,
and, unless turned off, two extras on the Go 1.x hello world: start-to-exit time and
peak RSS of every contender, and the build time of `pogo build -O2` beside wasm2c +
gcc -O2. Results: a Markdown file (--out, default bench/results/<date>-<size>.md), the
raw samples beside it (.json) and, when matplotlib is installed, a chart (.png).

Builds are cached in the work directory (default: pogo-bench under the system temp
dir): Go and clang builds by go's and our own content keys, pogo builds in pogo's
cache ($POGO_CACHE_DIR, else <work>/pogo-cache), wasm2c builds by a hash of everything
that goes into them.

Exit status: 0 when every run matched, 1 when any contender failed or differed, 2 on a
usage or setup error.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import benchlib as bl  # noqa: E402

sys.path.insert(0, os.path.join(bl.ROOT, "tests", "support"))
from corpus_diff import short_diff  # noqa: E402

PROGRAMS_DIR = os.path.join(HERE, "programs")
NODE_WASI = os.path.join(bl.ROOT, "tests", "wasi", "node_wasi.mjs")
WAZERO_MODULE = "github.com/tetratelabs/wazero/cmd/wazero"
WAZERO_VERSION = "v1.12.0"  # the newest release when the harness was written; builds with Go 1.26


class Program:
    """A benchmark guest: sizes are argument lists per --size ([] = the program's
    defaults, which run about 1-3 s natively; quick is about a tenth of that)."""

    def __init__(self, name, lang, smoke, quick, full=(), stdout_null=False):
        self.name, self.lang = name, lang
        self.sizes = {"smoke": list(smoke), "quick": list(quick), "full": list(full)}
        self.stdout_null = stdout_null  # stdout to /dev/null; the result is on stderr


PROGRAMS = [
    Program("nbody", "go", ["1000"], ["1000000"]),
    Program("fannkuch", "go", ["7"], ["10"]),
    Program("binarytrees", "go", ["6"], ["14"]),
    Program("spectralnorm", "go", ["50"], ["1500"]),
    Program("pingpong", "go", ["1000"], ["200000"]),
    Program("sort", "go", ["1", "10000"], ["2"]),
    Program("maps", "go", ["1000"], ["30000"]),
    Program("strconv", "go", ["1000"], ["500000"]),
    Program("fmt", "go", ["1000"], ["100000"], stdout_null=True),
    Program("json", "go", ["1"], ["5"]),
    Program("sha256", "go", ["1"], ["10"]),
    Program("regexp", "go", ["10"], ["400"]),
    Program("bigfact", "go", ["200"], ["30000"]),
    Program("fileio", "go", ["2"], ["20"]),
    Program("coremark", "c", ["100"], ["2000"]),
]
HELLO = Program("hello", "go", [], [])

# name -> (family, goos of the module it runs; None: native)
CONTENDERS = {
    "native": ("native", None),
    "pogo-js": ("pogo", "js"),
    "pogo-wasip1": ("pogo", "wasip1"),
    "node-js": ("node", "js"),
    "node-wasip1": ("node", "wasip1"),
    "wazero": ("wazero", "wasip1"),
    "wasm2c-js": ("wasm2c", "js"),
    "wasm2c-wasip1": ("wasm2c", "wasip1"),
}
# the ratios reported: (label, numerator, denominator)
RATIOS = [
    ("pogo/native js", "pogo-js", "native"),
    ("pogo/native wasip1", "pogo-wasip1", "native"),
    ("node/pogo js", "node-js", "pogo-js"),
    ("node/pogo wasip1", "node-wasip1", "pogo-wasip1"),
    ("wazero/pogo", "wazero", "pogo-wasip1"),
    ("wasm2c/pogo js", "wasm2c-js", "pogo-js"),
    ("wasm2c/pogo wasip1", "wasm2c-wasip1", "pogo-wasip1"),
]


def say(*a):
    print(*a, flush=True)


def sha256_of(*parts):
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, str) and os.path.isfile(p):
            with open(p, "rb") as f:
                h.update(f.read())
        else:
            h.update(repr(p).encode())
        h.update(b"\0")
    return h.hexdigest()[:20]


def tool_version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


# ---------------------------------------------------------------- building

class Builder:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.pogo = args.pogo
        libdir = os.path.dirname(self.pogo)
        if not os.path.exists(os.path.join(libdir, "libpogo_rt.a")):
            libdir = os.path.join(os.path.dirname(libdir), "lib", "pogo")
        self.rt_lib = os.path.join(libdir, "libpogo_rt.a")
        self.main_lib = os.path.join(libdir, "libpogo_main.a")
        self.include = os.path.join(bl.ROOT, "include")
        self.env = dict(os.environ, POGO_CACHE_DIR=os.environ.get("POGO_CACHE_DIR")
                        or os.path.join(work, "pogo-cache"))
        self.wazero = None

    def dir(self, *p):
        d = os.path.join(self.work, *p)
        os.makedirs(d, exist_ok=True)
        return d

    def path(self, *p):
        return os.path.join(self.dir(*p[:-1]), p[-1])

    def guest(self, prog, goos):
        """The guest for goos (js, wasip1; None: native), built unless up to date."""
        if prog.name == "hello":
            src = self.path("hello", "main.go")
            with open(src, "w") as f:
                f.write(bl.HELLO)
            with open(self.path("hello", "go.mod"), "w") as f:
                f.write("module hello\n\ngo 1.21\n")
            pkg = os.path.dirname(src)
        else:
            pkg = os.path.join(PROGRAMS_DIR, prog.name)
        out = self.path("guests", goos or "native", prog.name + (".wasm" if goos else ""))
        if prog.lang == "go":
            bl.build_go(pkg, out, goos)  # go's own cache makes a rebuild cheap
            return out
        src = os.path.join(pkg, prog.name + ".c")
        if goos == "js":
            return None
        if goos is None:
            cmd = ["gcc", "-std=c17", "-O2", src, "-o", out]
        else:
            cmd = ["clang", "--target=wasm32-wasi", "-O2", src, "-o", out]
        subprocess.run(cmd, check=True)
        return out

    def pogo_build(self, wasm, name, goos):
        out = self.path("bin", "pogo-" + goos, name)
        cmd = [self.pogo, "build"] + self.args.pogo_flags.split() + [wasm, "-o", out]
        subprocess.run(cmd, check=True, env=self.env, stdout=subprocess.DEVNULL)
        return out

    @staticmethod
    def wasm2c_cmd(wasm, d):
        """wasm2c the module into d as app.c and app.h."""
        return ["wasm2c", wasm, "-n", "app", "-o", os.path.join(d, "app.c")]

    @staticmethod
    def host_source(goos, d):
        """The host adapter for a module wasm2c'ed into d; for js, writes the
        imports.def it includes, from wasm2c's header."""
        if goos == "wasip1":
            return os.path.join(HERE, "wasm2c", "wasi_host.c")
        with open(os.path.join(d, "app.h")) as f:
            header = f.read()
        rows = re.findall(r"/\* import: '([^']*)' '([^']*)' \*/\n\w+ (\w+)\(", header)
        with open(os.path.join(d, "imports.def"), "w") as f:
            f.writelines('GOJS_IMPORT(%s, "%s", "%s")\n' % (c, m, n) for m, n, c in rows)
        return os.path.join(HERE, "wasm2c", "gojs_host.c")

    def wasm2c_commands(self, d, host_src, goos, out):
        """The compile commands (app.c and the host, independent) and the link."""
        compile_app = ["gcc", "-O2", "-c", os.path.join(d, "app.c"), "-o", os.path.join(d, "app.o")]
        compile_host = ["gcc", "-std=c17", "-O2", "-Wall", "-I", d, "-I", self.include, "-c", host_src,
                        "-o", os.path.join(d, "host.o")]
        libs = [self.rt_lib] + ([self.main_lib] if goos == "js" else [])
        link = ["gcc", os.path.join(d, "app.o"), os.path.join(d, "host.o")] + libs + \
            ["-lwasm-rt-impl", "-lm", "-lpthread", "-o", out]
        return [compile_app, compile_host], link

    def wasm2c_build(self, wasm, name, goos):
        host = os.path.join(HERE, "wasm2c", "wasi_host.c" if goos == "wasip1" else "gojs_host.c")
        key = sha256_of(wasm, host, self.rt_lib, self.main_lib, tool_version(["gcc", "--version"]),
                        tool_version(["wasm2c", "--version"]), goos)
        out = self.path("wasm2c-cache", key, name)
        if os.path.exists(out):
            return out
        with tempfile.TemporaryDirectory(dir=os.path.dirname(out)) as d:
            subprocess.run(self.wasm2c_cmd(wasm, d), check=True)
            host_src = self.host_source(goos, d)
            compiles, link = self.wasm2c_commands(d, host_src, goos, out + ".tmp")
            for c in compiles:
                subprocess.run(c, check=True, stderr=subprocess.DEVNULL if c[-1].endswith("app.o") else None)
            subprocess.run(link, check=True)
        os.replace(out + ".tmp", out)
        return out

    def wazero_bin(self):
        """wazero's CLI at the pinned version, installed into the work directory."""
        if self.wazero:
            return self.wazero
        if self.args.wazero:
            self.wazero = os.path.abspath(self.args.wazero)
            return self.wazero
        gobin = self.path("gobin-" + WAZERO_VERSION, "wazero")
        if not os.access(gobin, os.X_OK):
            say("installing wazero %s (go install, into the work directory)" % WAZERO_VERSION)
            env = dict(bl.go_build_env(), GOBIN=os.path.dirname(gobin))
            subprocess.run(["go", "install", "%s@%s" % (WAZERO_MODULE, WAZERO_VERSION)], check=True, env=env,
                           cwd=self.work)
        self.wazero = gobin
        return gobin

    def wazero_cache(self):
        return self.dir("wazero-cache")


def build_all(b, programs, contenders, jobs):
    """Build every guest and every contender's executable. Returns
    {(program, contender): argv prefix} and the errors."""
    guests, cmds, errors = {}, {}, []
    goos_needed = sorted({CONTENDERS[c][1] for c in contenders}, key=str)
    say("building guests: go %s, for %s" % (bl.go_version(), ", ".join(g or "native" for g in goos_needed)))
    for p in programs:
        for goos in goos_needed:
            try:
                guests[p.name, goos] = b.guest(p, goos)
            except subprocess.CalledProcessError as e:
                errors.append("%s (%s): building the guest failed: %s" % (p.name, goos or "native", e))
                guests[p.name, goos] = None
    exec_js = bl.wasm_exec_node()
    node = shutil.which("node") or "node"

    def one(p, c):
        family, goos = CONTENDERS[c]
        g = guests.get((p.name, goos))
        if not g:
            return None
        if family == "native":
            return [g]
        if family == "pogo":
            return [b.pogo_build(g, p.name, goos)]
        if family == "node" and goos == "js":
            return [node, "--stack-size=8192", exec_js, g]
        if family == "node":
            return [node, "--stack-size=8192", "--no-turbo-fast-api-calls", "--no-warnings", NODE_WASI,
                    "--dir", "{scratch}::/", "--env", "PWD=/", g]
        if family == "wazero":
            wz = b.wazero_bin()
            subprocess.run([wz, "compile", "-cachedir", b.wazero_cache(), g], check=True,
                           stdout=subprocess.DEVNULL)
            return [wz, "run", "-cachedir", b.wazero_cache(), "-mount", "{scratch}:/", "-env", "PWD=/", g, "--"]
        if family == "wasm2c":
            return [b.wasm2c_build(g, p.name, goos)]
        raise AssertionError(c)

    if any(CONTENDERS[c][0] == "wazero" for c in contenders):
        b.wazero_bin()
    work = [(p, c) for p in programs for c in contenders if not (p.lang == "c" and CONTENDERS[c][1] == "js")]
    say("building %d executables (%d jobs): pogo %s, wasm2c + gcc -O2 (the slow part: minutes per Go program)"
        % (len(work), jobs, b.args.pogo_flags))
    with concurrent.futures.ThreadPoolExecutor(jobs) as ex:
        futs = {ex.submit(one, p, c): (p, c) for p, c in work}
        for f in concurrent.futures.as_completed(futs):
            p, c = futs[f]
            try:
                cmd = f.result()
            except subprocess.CalledProcessError as e:
                errors.append("%s under %s: build failed: %s" % (p.name, c, e))
                continue
            if cmd:
                cmds[p.name, c] = cmd
    return cmds, errors


# ---------------------------------------------------------------- running

class Result:
    def __init__(self):
        self.samples = []   # benchlib.Sample
        self.error = None


def run_once(b, prog, contender, cmd, size_args, timeout):
    """One run in a fresh scratch directory; (Sample, stdout, stderr)."""
    scratch = tempfile.mkdtemp(prefix="run-", dir=b.dir("scratch"))
    try:
        argv = [a.replace("{scratch}", scratch) for a in cmd] + size_args
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch, "LANG": "C", "TZ": "UTC"}
        if CONTENDERS[contender][1] == "wasip1" and CONTENDERS[contender][0] in ("pogo", "wasm2c"):
            env["POGO_WASI"] = "--dir\n%s::/\n--env\nPWD=/" % scratch
        with open(os.devnull, "rb") as stdin, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            if prog.stdout_null:
                with open(os.devnull, "wb") as null:
                    s = bl.measure(argv, cwd=scratch, env=env, stdin=stdin, stdout=null, stderr=err, timeout=timeout)
            else:
                s = bl.measure(argv, cwd=scratch, env=env, stdin=stdin, stdout=out, stderr=err, timeout=timeout)
            out.seek(0)
            err.seek(0)
            return s, out.read(), err.read()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_all(b, programs, contenders, cmds, repeat, size, timeout):
    """Round-robin: each repetition runs every program under every contender once."""
    results = {(p.name, c): Result() for p in programs for c in contenders if (p.name, c) in cmds}
    reference = {}  # program -> (contender, stdout, stderr)
    for rep in range(repeat):
        say("repetition %d/%d" % (rep + 1, repeat))
        k = rep % len(contenders)
        order = contenders[k:] + contenders[:k]
        if rep == 0 and "native" in order:  # native's output is the reference
            order.remove("native")
            order.insert(0, "native")
        for p in programs:
            args = p.sizes[size]
            line = []
            for c in order:
                r = results.get((p.name, c))
                if r is None or r.error:
                    continue
                s, out, err = run_once(b, p, c, cmds[p.name, c], args, timeout)
                if s.timed_out:
                    r.error = "timed out after %d s" % timeout
                elif s.code != 0:
                    r.error = "exit status %d: %s" % (s.code, err.decode(errors="replace").strip()[-300:])
                elif p.name not in reference:
                    reference[p.name] = (c, out, err)
                else:
                    rc, rout, rerr = reference[p.name]
                    if (out, err) != (rout, rerr):
                        which = (rout, out) if out != rout else (rerr, err)
                        r.error = "output differs from %s's:\n%s" % (rc, short_diff(which[0], which[1], rc, c))
                if r.error:
                    say("  %s under %s: ERROR %s" % (p.name, c, r.error.splitlines()[0]))
                    continue
                r.samples.append(s)
                line.append("%s %.2fs" % (c, s.wall))
            say("  %-13s %s" % (p.name, "  ".join(line)))
    return results


# ---------------------------------------------------------------- extras

def build_time(b, jobs):
    """pogo build -O2 beside wasm2c + gcc -O2 on the Go hello world (GOOS=js), no cache."""
    wasm = b.guest(HELLO, "js")
    rows = []
    with tempfile.TemporaryDirectory(dir=b.work) as d:
        s = bl.measure([b.pogo, "build", "-O2", "--no-cache", "-j", str(jobs), wasm, "-o", os.path.join(d, "p")],
                       env=b.env, stdout=subprocess.DEVNULL)
        if s.code:
            raise RuntimeError("pogo build failed")
        rows.append(("pogo build -O2 -j %d" % jobs, s.wall, s.cpu, s.rss_kb))
        t0 = time.perf_counter()
        w = bl.measure(b.wasm2c_cmd(wasm, d))
        compiles, link = b.wasm2c_commands(d, b.host_source("js", d), "js", os.path.join(d, "w"))
        cwall, ccpu, ok, _, cpeak = bl.compile_all(compiles, jobs)
        lk = bl.measure(link)
        if not ok or lk.code or w.code:
            raise RuntimeError("wasm2c build failed")
        rows.append(("wasm2c + gcc -O2 (one C file)", time.perf_counter() - t0, w.cpu + ccpu + lk.cpu,
                     max(w.rss_kb, cpeak, lk.rss_kb)))
    return rows


# ---------------------------------------------------------------- reporting

def summarize(results, programs, contenders):
    med = {k: bl.median([s.wall for s in r.samples]) for k, r in results.items()}
    rss = {k: bl.median([s.rss_kb for s in r.samples]) for k, r in results.items()}
    return med, rss


def machine_lines(b, args, contenders):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.*)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=bl.ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    lines = [
        "- machine: %s, %d cores, %s" % (cpu, os.cpu_count() or 0, platform.platform()),
        "- pogo %s (%s), guests built with `%s`" % (commit, os.path.relpath(b.pogo, bl.ROOT) if
                                                   b.pogo.startswith(bl.ROOT) else "pogo", "pogo build " +
                                                   args.pogo_flags),
        "- %s; %s; node %s; %s; wabt wasm2c %s; clang %s" % (
            bl.go_version(), tool_version(["gcc", "--version"]), tool_version(["node", "--version"]),
            ("wazero " + tool_version([b.wazero, "version"])) if b.wazero else "wazero not run",
            tool_version(["wasm2c", "--version"]), tool_version(["clang", "--version"]).split("version ")[-1]),
        "- size `%s`, median of %d runs per program and contender, run alternately" % (args.size, args.repeat),
    ]
    return lines


def report(b, args, programs, contenders, results, extras, errors, out_md):
    med, rss = summarize(results, programs, contenders)
    cols = [c for c in CONTENDERS if c in contenders]
    md = ["# pogo benchmark, %s\n" % datetime.date.today().isoformat()]
    md += machine_lines(b, args, contenders)
    md.append("")
    md.append("## Time (median wall seconds)\n")
    rows = []
    for p in programs:
        row = [p.name + (" (C)" if p.lang == "c" else ""), " ".join(p.sizes[args.size]) or "default"]
        for c in cols:
            r = results.get((p.name, c))
            row.append("error" if r and r.error else bl.fmt_s(med.get((p.name, c))) if r else "n/a")
        rows.append(row)
    md.append(bl.md_table(["program", "args"] + cols, rows))
    ratios = [(lab, a, d) for lab, a, d in RATIOS if a in contenders and d in contenders]
    if ratios:
        md.append("## Ratios (of median times; above 1: the first is slower)\n")
        rows, per = [], {lab: [] for lab, _, _ in ratios}
        for p in programs:
            row = [p.name]
            for lab, a, d in ratios:
                x = bl.ratio(med.get((p.name, a)), med.get((p.name, d)))
                if x and not results[p.name, a].error and not results[p.name, d].error:  # both exist when x
                    per[lab].append(x)
                    row.append(bl.fmt_x(x))
                else:
                    row.append("-")
            rows.append(row)
        rows.append(["**geometric mean**"] + ["**%s**" % bl.fmt_x(bl.geomean(per[lab])) for lab, _, _ in ratios])
        md.append(bl.md_table(["program"] + [lab for lab, _, _ in ratios], rows))
        md.append("For the C program, native is gcc -O2 and the wasm contenders run the wasip1 module.\n")
    md.append("## Peak RSS (median, MB)\n")
    rows = []
    for p in programs:
        rows.append([p.name] + ["%.1f" % (rss[p.name, c] / 1024) if rss.get((p.name, c)) else "-" for c in cols])
    md.append(bl.md_table(["program"] + cols, rows))
    if "startup" in extras:
        res, n = extras["startup"]
        md.append("## Hello world: start to exit (Go %s, median of %d runs)\n" % (bl.go_version(), n))
        rows = []
        for c in cols:
            r = res.get(("hello", c))
            if r is None:
                continue
            if r.error:
                rows.append([c, "error", "-"])
                continue
            rows.append([c, "%.2f ms" % (bl.median([s.wall for s in r.samples]) * 1000),
                         "%.1f MB" % (bl.median([s.rss_kb for s in r.samples]) / 1024)])
        md.append(bl.md_table(["contender", "start to exit", "peak RSS"], rows))
    if "build" in extras:
        md.append("## Build time: Go hello world (GOOS=js), %d cores\n" % (os.cpu_count() or 0))
        md.append(bl.md_table(["build", "wall", "CPU", "peak RSS (largest process)"],
                              [(n, "%.1f s" % w, "%.1f s" % c, "%.0f MB" % (r / 1024)) for n, w, c, r in
                               extras["build"]]))
    bad = errors + ["%s under %s: %s" % (p, c, r.error) for (p, c), r in sorted(results.items()) if r.error]
    if "startup" in extras:
        bad += ["hello under %s: %s" % (c, r.error) for (p, c), r in sorted(extras["startup"][0].items()) if r.error]
    if bad:
        md.append("## Errors\n")
        md.extend("```\n%s\n```\n" % e for e in bad)
    text = "\n".join(md)
    os.makedirs(os.path.dirname(os.path.abspath(out_md)), exist_ok=True)
    with open(out_md, "w") as f:
        f.write(text)
    raw = {"%s/%s" % k: {"error": r.error, "wall": [s.wall for s in r.samples], "cpu": [s.cpu for s in r.samples],
                         "rss_kb": [s.rss_kb for s in r.samples]} for k, r in results.items()}
    with open(os.path.splitext(out_md)[0] + ".json", "w") as f:
        json.dump({"size": args.size, "repeat": args.repeat, "runs": raw,
                   "build": extras.get("build")}, f, indent=1)
    chart(programs, cols, med, results, "pogo benchmark, %s, size %s" % (datetime.date.today().isoformat(),
                                                                        args.size), os.path.splitext(out_md)[0] + ".png")
    return text, bad


def chart(programs, cols, med, results, title, out_png):
    """Each contender's time relative to pogo's on the same module (bench/chart.py)."""
    series = []
    for c in cols:
        if CONTENDERS[c][0] == "pogo":
            continue
        vals = []
        for p in programs:
            base = "pogo-" + ("wasip1" if p.lang == "c" else CONTENDERS[c][1] or "js")
            ok = all((p.name, x) in results and not results[p.name, x].error for x in (c, base))
            vals.append(bl.ratio(med.get((p.name, c)), med.get((p.name, base))) if ok else None)
        if any(vals):
            series.append([c + (" (vs pogo-js; C: vs pogo-wasip1)" if c == "native" else ""), vals])
    if not series:
        return
    spec = {"title": title, "programs": [p.name for p in programs], "series": series}
    try:
        import chart as ch
        import matplotlib  # noqa: F401
        ch.draw(spec, out_png)
        return
    except ImportError:
        pass
    system_python = "/usr/bin/python3"  # Debian's, where python3-matplotlib installs
    if os.path.realpath(sys.executable) != os.path.realpath(system_python) and os.access(system_python, os.X_OK):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(spec, f)
        try:
            r = subprocess.run([system_python, os.path.join(HERE, "chart.py"), f.name, out_png],
                               capture_output=True, text=True)
        finally:
            os.unlink(f.name)
        if r.returncode == 0:
            return
        if "No module named 'matplotlib'" not in r.stderr:
            say("no chart: %s" % (r.stderr.strip().splitlines() or ["chart.py failed"])[-1])
            return
    say("no chart: matplotlib is not installed (scripts/setup.sh --bench installs it)")


# ---------------------------------------------------------------- main

def parse_list(values, known, families=None):
    out = []
    for v in values:
        for x in v.replace(",", " ").split():
            if x in known:
                out.append(x)
            elif families and any(f == x for f, _ in families.values()):
                out += [c for c, (f, _) in families.items() if f == x]
            else:
                raise SystemExit("run.py: unknown name %r (known: %s)" % (x, ", ".join(known)))
    seen = set()
    return [x for x in out if not (x in seen or seen.add(x))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=("smoke", "quick", "full"), default="full",
                    help="problem sizes: full (about 1-3 s natively each), quick, smoke (tiny; the ctest check)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per program and contender (default 5)")
    ap.add_argument("--only", nargs="+", default=[], metavar="PROGRAMS", help="these programs only")
    ap.add_argument("--contenders", nargs="+", default=[], metavar="NAMES",
                    help="these contenders only (names or families: native pogo node wazero wasm2c)")
    ap.add_argument("--out", help="Markdown report (default bench/results/<date>-<size>.md; .json and .png beside)")
    ap.add_argument("--work", help="build cache and scratch (default: pogo-bench under the system temp dir)")
    ap.add_argument("--pogo", help="pogo executable (default build/pogo of this checkout)")
    ap.add_argument("--pogo-flags", default="-O2", help="pogo build options (default -O2)")
    ap.add_argument("--wazero", help="wazero CLI to use instead of installing %s" % WAZERO_VERSION)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel builds (default: cores)")
    ap.add_argument("--timeout", type=float, help="seconds per run (default 600, smoke 60)")
    ap.add_argument("--no-startup", action="store_true", help="skip the hello-world start-to-exit measurement")
    ap.add_argument("--no-build-time", action="store_true", help="skip the build-time measurement")
    args = ap.parse_args()
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    names = [p.name for p in PROGRAMS]
    only = parse_list(args.only, names)
    programs = [p for p in PROGRAMS if not only or p.name in only]
    contenders = parse_list(args.contenders, list(CONTENDERS), CONTENDERS) or list(CONTENDERS)
    args.pogo = bl.find_pogo(args.pogo)
    if not args.pogo:
        print("run.py: pogo not found (build it, or pass --pogo)", file=sys.stderr)
        return 2
    work = os.path.abspath(args.work or os.path.join(tempfile.gettempdir(), "pogo-bench"))
    os.makedirs(work, exist_ok=True)
    out_md = args.out or os.path.join(HERE, "results", "%s-%s.md" % (datetime.date.today().isoformat(), args.size))
    timeout = args.timeout or (60 if args.size == "smoke" else 600)
    b = Builder(args, work)
    t0 = time.time()
    cmds, errors = build_all(b, programs, contenders, args.jobs)
    say("built in %.0f s" % (time.time() - t0))
    results = run_all(b, programs, contenders, cmds, args.repeat, args.size, timeout)
    extras = {}
    if not args.no_startup:
        say("hello world, start to exit")
        hcmds, herr = build_all(b, [HELLO], contenders, args.jobs)
        errors += herr
        n = max(10, 4 * args.repeat)
        extras["startup"] = (run_all(b, [HELLO], contenders, hcmds, n, args.size, timeout), n)
    if not args.no_build_time:
        say("build time: pogo build -O2 and wasm2c + gcc -O2 of the hello world")
        extras["build"] = build_time(b, args.jobs)
    text, bad = report(b, args, programs, contenders, results, extras, errors, out_md)
    print("\n" + text)
    say("report: %s (%.0f s in all)" % (os.path.relpath(out_md), time.time() - t0))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
