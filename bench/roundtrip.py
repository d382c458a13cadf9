#!/usr/bin/env python3
"""C -> Go -> C round trips through the embedding API, beside node.

Builds the embedding test guest (tests/embed/guest: goAdd is a js.FuncOf callback
that calls one host function) with the machine's Go, links bench/roundtrip/host.c
against `pogo build --lib -O2`, and measures the median time per round trip over
batches; node runs the same guest with the Go toolchain's wasm_exec.js calling goAdd
from JavaScript. Runs alternate (--runs times each) and the medians of the runs are
reported as a Markdown table.

    python3 bench/roundtrip.py [--pogo build/pogo] [--runs 5]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pogo", default=os.path.join(ROOT, "build", "pogo"))
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    goroot = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="pogo-roundtrip-") as work:
        for f in ("main.go", "go.mod"):
            shutil.copy(os.path.join(ROOT, "tests", "embed", "guest", f), work)
        env = dict(os.environ, GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local")
        subprocess.run(["go", "build", "-o", "embedguest.wasm", "."], cwd=work, env=env, check=True)
        subprocess.run([a.pogo, "build", "--lib", "-O2", "embedguest.wasm", "-o", "libembedguest.a"], cwd=work,
                       check=True)
        subprocess.run(["cc", "-std=c17", "-O2", "-I.", os.path.join(ROOT, "bench", "roundtrip", "host.c"),
                        "libembedguest.a", "-lm", "-lpthread", "-o", "host"], cwd=work, check=True)
        pogo, node = [], []
        for _ in range(a.runs):
            pogo.append(float(subprocess.run([os.path.join(work, "host")], capture_output=True, text=True,
                                             check=True).stdout))
            node.append(float(subprocess.run(["node", "--stack-size=8192",
                                              os.path.join(ROOT, "bench", "roundtrip", "node.mjs"), goroot,
                                              os.path.join(work, "embedguest.wasm")],
                                             capture_output=True, text=True, check=True).stdout))
    p, n = statistics.median(pogo), statistics.median(node)
    print("| round trip C -> Go -> C | median ns | runs |")
    print("|---|---|---|")
    print("| pogo (pogo_call, -O2) | %.0f | %s |" % (p, " ".join("%.0f" % x for x in pogo)))
    print("| node (wasm_exec.js) | %.0f | %s |" % (n, " ".join("%.0f" % x for x in node)))
    print("\nnode / pogo = %.2f" % (n / p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
