#!/usr/bin/env python3
"""emit_vs_wasm2c.py - translation cost of pogo beside wabt's wasm2c, same file, same run.

Builds a Go hello world for GOOS=js with the machine's Go (GOTOOLCHAIN=local), or takes
a .wasm given with --wasm, then measures for pogo and for wasm2c:
  - emit time (median of --repeat runs),
  - size of the C produced,
  - C compile time with gcc at each --opt level, with the flags each tool's C needs
    (pogo: those `pogo build` passes; wasm2c: none): wall time with all translation
    units compiled in parallel (pogo splits the C into -j parts; wasm2c writes one
    file), and the CPU time summed over the compiler processes,
  - a separate -Wall pass over pogo's C at -O2 (errors and warnings counted); with
    --wall-wasm2c also over wasm2c's (slow: GCC's -Wmisleading-indentation costs
    minutes on a 30 MB file).
Prints a Markdown table. Usage: bench/emit_vs_wasm2c.py [--pogo PATH] [--wasm FILE]
[--opt=-O0 --opt=-O2] [-j N] [--repeat N]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import benchlib as bl


def timed(cmd, **kw):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    return time.perf_counter() - t0, p


def dir_size(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith((".c", ".h")))


def compile_all(sources, incdir, opt, jobs, extra):
    """Compile in parallel; returns (wall, cpu, ok, warnings)."""
    cmds = [["gcc", "-std=c17", opt] + extra + ["-I", incdir, "-I", "/usr/share/wabt/wasm2c", "-c", s, "-o", s + ".o"]
            for s in sources]
    return bl.compile_all(cmds, jobs)[:4]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pogo", default="build/pogo")
    ap.add_argument("--wasm")
    ap.add_argument("--opt", action="append")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--wall-wasm2c", action="store_true", help="also run the -Wall pass on wasm2c's C")
    args = ap.parse_args()
    opts = args.opt or ["-O0", "-O2"]
    tmp = tempfile.mkdtemp(prefix="pogo-bench-")
    try:
        wasm = args.wasm or bl.build_go_hello(tmp)
        print("module: %s, %.1f MB; gcc %s; %d cores" % (
            os.path.basename(wasm), os.path.getsize(wasm) / 1e6,
            subprocess.run(["gcc", "-dumpversion"], stdout=subprocess.PIPE, text=True).stdout.strip(),
            os.cpu_count()))
        rows = []
        pogo_dir, w2c_dir = os.path.join(tmp, "pogo"), os.path.join(tmp, "w2c")
        os.makedirs(w2c_dir)
        pe, we = [], []
        for _ in range(args.repeat):
            shutil.rmtree(pogo_dir, ignore_errors=True)
            t, p = timed([args.pogo, "emit-c", wasm, "-o", pogo_dir, "-j", str(args.jobs), "--name", "app"])
            if p.returncode:
                sys.exit("pogo emit-c failed: " + p.stderr)
            pe.append(t)
            t, p = timed(["wasm2c", wasm, "-o", os.path.join(w2c_dir, "app.c")])
            if p.returncode:
                sys.exit("wasm2c failed: " + p.stderr)
            we.append(t)
        rows.append(("emit time (median of %d)" % args.repeat, "%.2f s" % statistics.median(pe),
                     "%.2f s" % statistics.median(we)))
        rows.append(("C produced", "%.1f MB (%d files)" % (dir_size(pogo_dir) / 1e6, len(os.listdir(pogo_dir))),
                     "%.1f MB (1 file + header)" % (dir_size(w2c_dir) / 1e6)))
        psrc = sorted(os.path.join(pogo_dir, f) for f in os.listdir(pogo_dir) if f.endswith(".c"))
        wsrc = [os.path.join(w2c_dir, "app.c")]
        for opt in opts:
            pw, pc, pok, _ = compile_all(psrc, pogo_dir, opt, args.jobs, bl.POGO_CFLAGS)
            ww, wc, wok, _ = compile_all(wsrc, w2c_dir, opt, args.jobs, [])
            rows.append(("gcc %s, wall (%d jobs)" % (opt, args.jobs), "%.1f s%s" % (pw, "" if pok else " FAILED"),
                         "%.1f s%s" % (ww, "" if wok else " FAILED")))
            rows.append(("gcc %s, CPU" % opt, "%.1f s" % pc, "%.1f s" % wc))
        _, _, pok, pwarn = compile_all(psrc, pogo_dir, "-O2", args.jobs, bl.POGO_CFLAGS + ["-Wall"])
        wres = "not run (--wall-wasm2c)"
        if args.wall_wasm2c:
            _, _, wok, wwarn = compile_all(wsrc, w2c_dir, "-O2", args.jobs, ["-Wall"])
            wres = "%s, %d warnings" % ("ok" if wok else "ERRORS", wwarn)
        rows.append(("gcc -O2 -Wall", "%s, %d warnings" % ("ok" if pok else "ERRORS", pwarn), wres))
        print("\n| | pogo | wasm2c |\n|---|---|---|")
        for r in rows:
            print("| %s | %s | %s |" % r)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
