#!/usr/bin/env python3
"""startup.py - start-to-exit time and peak RSS of a Go GOOS=js hello world: pogo's
native build beside node with the Go toolchain's wasm_exec_node.js, same run.

Builds hello.wasm with the machine's Go (GOTOOLCHAIN=local), `pogo build -O2` it, then
runs the two alternately --runs times and prints medians as a Markdown table. (bench/run.py
measures the same for every contender and for GOOS=wasip1 too, as part of its report.)
Usage: bench/startup.py [--pogo PATH] [--runs N]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import benchlib as bl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pogo", default="build/pogo")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    pogo = os.path.abspath(args.pogo)
    runner = bl.wasm_exec_node()
    tmp = tempfile.mkdtemp(prefix="pogo-startup-")
    try:
        bl.build_go_hello(tmp)
        subprocess.run([pogo, "build", "-O2", "hello.wasm", "-o", "hello"], cwd=tmp, check=True)
        cmds = {"pogo": ["./hello"], "node": ["node", "--stack-size=8192", runner, "hello.wasm"]}
        samples = {k: [] for k in cmds}
        for _ in range(args.runs):
            for k, c in cmds.items():
                with tempfile.TemporaryFile() as out:
                    s = bl.measure(c, cwd=tmp, stdout=out, stderr=subprocess.DEVNULL)
                    out.seek(0)
                    if s.code != 0 or out.read() != b"hello, world\n":
                        sys.exit("%s failed (exit status %d)" % (k, s.code))
                samples[k].append(s)
        print("%s hello world (GOOS=js), %d runs each, alternating, %d cores\n" % (
            bl.go_version(), args.runs, os.cpu_count()))
        print("| | median start to exit | peak RSS |\n|---|---|---|")
        med = {k: statistics.median(s.wall for s in v) for k, v in samples.items()}
        for k, v in samples.items():
            print("| %s | %.2f ms | %.1f MB |" % (k, med[k] * 1000, statistics.median(s.rss_kb for s in v) / 1024))
        print("\nnode / pogo: %.0fx" % (med["node"] / med["pogo"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
