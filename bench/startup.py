#!/usr/bin/env python3
"""startup.py - start-to-exit time and peak RSS of a Go GOOS=js hello world: pogo's
native build beside node with the Go toolchain's wasm_exec_node.js, same run.

Builds hello.wasm with the machine's Go (GOTOOLCHAIN=local), `pogo build -O2` it, then
runs the two alternately --runs times and prints medians as a Markdown table.
Usage: bench/startup.py [--pogo PATH] [--runs N]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HELLO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello, world") }\n'


def run_once(cmd, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0 or p.stdout != b"hello, world\n":
        sys.exit("%s failed: %r %r" % (cmd[0], p.stdout, p.stderr))
    # ru_maxrss of children is the largest so far, so measure RSS in its own pass
    return dt, after.ru_maxrss


def peak_rss_kb(cmd, cwd):
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    return int(p.stderr.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pogo", default="build/pogo")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    pogo = os.path.abspath(args.pogo)
    goroot = subprocess.run(["go", "env", "GOROOT"], stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    runner = os.path.join(goroot, "lib", "wasm", "wasm_exec_node.js")
    if not os.path.exists(runner):
        runner = os.path.join(goroot, "misc", "wasm", "wasm_exec_node.js")
    tmp = tempfile.mkdtemp(prefix="pogo-startup-")
    try:
        with open(os.path.join(tmp, "main.go"), "w") as f:
            f.write(HELLO)
        with open(os.path.join(tmp, "go.mod"), "w") as f:
            f.write("module hello\n\ngo 1.21\n")
        env = dict(os.environ, GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local")
        subprocess.run(["go", "build", "-o", "hello.wasm", "."], cwd=tmp, env=env, check=True)
        subprocess.run([pogo, "build", "-O2", "hello.wasm", "-o", "hello"], cwd=tmp, check=True)
        cmds = {"pogo": ["./hello"], "node": ["node", "--stack-size=8192", runner, "hello.wasm"]}
        times = {k: [] for k in cmds}
        for _ in range(args.runs):
            for k, c in cmds.items():
                times[k].append(run_once(c, tmp)[0])
        rss = {k: peak_rss_kb(c, tmp) for k, c in cmds.items()}
        print("Go %s hello world (GOOS=js), %d runs each, alternating, %d cores\n" % (
            subprocess.run(["go", "version"], stdout=subprocess.PIPE, text=True).stdout.split()[2], args.runs,
            os.cpu_count()))
        print("| | median start to exit | peak RSS |\n|---|---|---|")
        for k in cmds:
            print("| %s | %.2f ms | %.1f MB |" % (k, statistics.median(times[k]) * 1000, rss[k] / 1024))
        print("\nnode / pogo: %.0fx" % (statistics.median(times["node"]) / statistics.median(times["pogo"])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
