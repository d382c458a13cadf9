#!/usr/bin/env python3
"""stdlib_exec.py - Go's own standard-library tests, GOOS=js, through `go test -exec`:
pogo beside node, on the same machine in the same run.

  1. pogo:  GOOS=js GOARCH=wasm go test -json -count=1 -p 1 -exec=<build>/go-exec/go_js_wasm_exec PKGS
            (a link to pogo, so pogo exec; test binaries built with $POGO_EXEC_FLAGS, default -O1,
            into a pogo cache of this script's own)
  2. node:  the same with -exec=$(go env GOROOT)/lib/wasm/go_js_wasm_exec (misc/wasm before Go 1.24),
            Go's own script: node --stack-size=8192 wasm_exec_node.js
  3. pogo again, the same command: every test binary must come from pogo's cache (the
            number of cache entries does not change), so its wall time is that of the tests

and prints, per package, the tests that passed, failed and were skipped (go test
-json's per-test pass/fail/skip events, which are the `--- PASS`/`--- FAIL`/`--- SKIP`
lines of -v) and the package's verdict (ok/FAIL), for pogo (first run) and node, the
package's time (go test's, so for pogo that of the second run: the first one includes
compiling), then the wall times. -short is passed unless --full. -count=1: go's test
cache is not used.

Usage: tests/go/stdlib_exec.py [--pogo build/pogo] [--full] [--pkgs P...] [--cache DIR]
This is CPU-heavy (a dozen big test binaries compiled by the C compiler): run it
with nice on a shared machine.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PACKAGES = ["strings", "sort", "bytes", "strconv", "unicode/utf8", "encoding/json", "encoding/base64", "regexp",
            "math", "math/big", "container/heap", "time"]


def cache_entries(cache):
    if not os.path.isdir(cache):
        return 0
    return sum(len(os.listdir(os.path.join(cache, d))) for d in os.listdir(cache) if len(d) == 2)


def go_test(exec_prog, pkgs, env, full, cwd):
    """Runs go test -json; returns ({pkg: counts}, wall seconds, stderr)."""
    cmd = ["go", "test", "-json", "-count=1", "-p", "1", "-timeout", "60m", "-exec", exec_prog]
    if not full:
        cmd.append("-short")
    t0 = time.monotonic()
    p = subprocess.run(cmd + pkgs, capture_output=True, text=True, env=env, cwd=cwd)
    wall = time.monotonic() - t0
    res = {pkg: {"pass": 0, "fail": 0, "skip": 0, "verdict": "?", "secs": 0.0} for pkg in pkgs}
    for line in p.stdout.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        r = res.get(ev.get("Package"))
        if r is None or ev.get("Action") not in ("pass", "fail", "skip"):
            continue
        if ev.get("Test"):
            r[ev["Action"]] += 1
        else:
            r["verdict"] = {"pass": "ok", "fail": "FAIL", "skip": "skip"}[ev["Action"]]
            r["secs"] = ev.get("Elapsed", 0.0)
    return res, wall, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pogo", help="pogo executable (default: build/pogo of this checkout); its go-exec/ "
                    "directory holds go_js_wasm_exec")
    ap.add_argument("--full", action="store_true", help="without -short")
    ap.add_argument("--pkgs", nargs="+", default=PACKAGES, help="packages (default: %s)" % " ".join(PACKAGES))
    ap.add_argument("--cache", help="pogo's cache for the test binaries (default: a fresh temporary directory)")
    args = ap.parse_args()

    pogo = os.path.abspath(args.pogo or os.path.join(REPO, "build", "pogo"))
    pogo_exec = os.path.join(os.path.dirname(pogo), "go-exec", "go_js_wasm_exec")
    if not os.access(pogo_exec, os.X_OK):
        print("stdlib_exec: %s not found (build pogo first, or pass --pogo)" % pogo_exec, file=sys.stderr)
        return 2
    env = dict(os.environ, GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local", GOWORK="off")
    for k in ("GOFLAGS", "POGO"):
        env.pop(k, None)
    goroot = subprocess.run(["go", "env", "GOROOT"], capture_output=True, text=True, env=env).stdout.strip()
    node_exec = next((os.path.join(goroot, d, "go_js_wasm_exec") for d in ("lib/wasm", "misc/wasm")
                      if os.path.exists(os.path.join(goroot, d, "go_js_wasm_exec"))), None)
    if not node_exec:
        print("stdlib_exec: no go_js_wasm_exec under %s" % goroot, file=sys.stderr)
        return 2
    version = subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True, env=env).stdout.strip()
    node_version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    tmp = tempfile.mkdtemp(prefix="pogo-stdlib-exec-")
    cache = os.path.abspath(args.cache or os.path.join(tmp, "cache"))
    env["POGO_CACHE_DIR"] = cache
    flags = env.get("POGO_EXEC_FLAGS") or "-O1"
    print("%s, node %s, pogo %s (POGO_EXEC_FLAGS %s); go test%s -count=1 -p 1: %s" % (
        version, node_version, pogo, flags, "" if args.full else " -short", " ".join(args.pkgs)), flush=True)
    try:
        before = cache_entries(cache)
        pogo_res, pogo_wall, pogo_err = go_test(pogo_exec, args.pkgs, env, args.full, tmp)
        built = cache_entries(cache) - before
        print("pogo, first run: %.0fs (%d test binaries built)" % (pogo_wall, built), flush=True)
        node_res, node_wall, node_err = go_test(node_exec, args.pkgs, env, args.full, tmp)
        print("node: %.0fs" % node_wall, flush=True)
        before = cache_entries(cache)
        again_res, again_wall, _ = go_test(pogo_exec, args.pkgs, env, args.full, tmp)
        rebuilt = cache_entries(cache) - before
    finally:
        if not args.cache:
            shutil.rmtree(tmp, ignore_errors=True)

    print("\n%-16s %26s   %26s" % ("", "pogo", "node"))
    print("%-16s %26s   %26s" % ("package", "pass fail skip  result  secs", "pass fail skip  result  secs"))
    tot = {"pogo": [0, 0, 0], "node": [0, 0, 0]}
    for pkg in args.pkgs:
        row = []
        for who, res in (("pogo", pogo_res), ("node", node_res)):
            r = res[pkg]
            secs = again_res[pkg]["secs"] if who == "pogo" else r["secs"]
            row.append("%4d %4d %4d  %-6s %5.1f" % (r["pass"], r["fail"], r["skip"], r["verdict"], secs))
            for i, k in enumerate(("pass", "fail", "skip")):
                tot[who][i] += r[k]
        print("%-16s %26s   %26s" % (pkg, row[0], row[1]))
    print("%-16s %4d %4d %4d %13s   %4d %4d %4d" % (("total",) + tuple(tot["pogo"]) + ("",) + tuple(tot["node"])))
    same = all(again_res[p]["verdict"] == pogo_res[p]["verdict"] and again_res[p]["pass"] == pogo_res[p]["pass"]
               for p in args.pkgs)
    print("\nwall time: pogo first run %.0fs (%d builds), node %.0fs, pogo second run %.0fs (%d builds%s)"
          % (pogo_wall, built, node_wall, again_wall, rebuilt, "" if same else "; results differ from the first run"))
    for who, err in (("pogo", pogo_err), ("node", node_err)):
        if err.strip():
            print("%s stderr:\n%s" % (who, err.strip()[-2000:]))
    failed = any(pogo_res[p]["verdict"] != "ok" for p in args.pkgs)
    return 1 if failed or rebuilt else 0


if __name__ == "__main__":
    sys.exit(main())
