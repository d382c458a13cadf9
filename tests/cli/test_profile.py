#!/usr/bin/env python3
"""test_profile.py - CPU profiles of guests, read back with `go tool pprof`.

A Go program whose hot function is main.hot (called from main.main and from the method
main.(*worker).warm, which the name section spells main.__worker_.warm) is
profiled as GOOS=js through `pogo run --cpuprofile` and as GOOS=wasip1 through a
`pogo build` executable and $POGO_CPUPROFILE; a C WASI guest (when clang can target
wasm32-wasi) and a plain module that traps at the end are profiled too, the latter
built by the default C compiler at -O1 with --frame-pointers. Each profile must load
in `go tool pprof -top`, name the hot function on top, and show its callers by Go's
own names. Exits through os.Exit and through a trap write the profile as well. Built
executables name Go functions in their symbol table (main.hot, for perf). A profile path that cannot be
written, and a bad $POGO_CPUPROFILE_HZ, are one line and exit status 1. Builds use tcc
where they can, and runs are short with a raised sampling rate. $POGO is the pogo
executable.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

POGO = os.environ.get("POGO") or shutil.which("pogo")
FAILED = []

GO_PROGRAM = """package main

import (
	"fmt"
	"os"
	"strconv"
)

//go:noinline
func hot(n int) uint64 {
	var x uint64
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + uint64(i)
	}
	return x
}

type worker struct{ share int }

//go:noinline
func (w *worker) warm(n int) uint64 { return hot(n / w.share) }

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	w := &worker{4}
	fmt.Println(hot(n) + w.warm(n))
	if len(os.Args) > 2 {
		os.Exit(3)
	}
}
"""

C_PROGRAM = r"""#include <stdio.h>
#include <stdlib.h>
__attribute__((noinline)) unsigned long long churn(unsigned long long n) {
  unsigned long long x = 1;
  for (unsigned long long i = 0; i < n; i++) x = x * 6364136223846793005ull + i;
  return x;
}
int main(int argc, char **argv) {
  printf("%llu\n", churn(strtoull(argv[1], 0, 10)));
  return 0;
}
"""

# $outer loops over calls to $hot, so that -O1 does not inline it; then a trap
TRAPPING = """(module
  (func $hot (param $n i32) (result i32)
    (local $x i32)
    (loop $l
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $x))
  (func $outer (param $k i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.xor (local.get $s) (call $hot (i32.const 20000000))))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (br_if $l (local.get $k)))
    (local.get $s))
  (func (export "_start")
    (drop (call $outer (i32.const 8)))
    unreachable))
"""

GO_STEPS = "150000000"   # about half a second of main.hot in a tcc build
FAST = {"POGO_CPUPROFILE_HZ": "500"}


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)
    return cond


def run(args, env=None, **kw):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600, env=e, **kw)


def top(profile):
    """`go tool pprof -top` rows as (flat_ms, cum_ms, name), hottest first; None if it fails."""
    p = run(["go", "tool", "pprof", "-top", "-unit=ms", profile])
    if p.returncode != 0:
        print(p.stderr)
        return None
    rows = []
    for line in p.stdout.splitlines():
        m = re.match(r"\s*([\d.]+)(?:ms)?\s+[\d.]+%\s+[\d.]+%\s+([\d.]+)(?:ms)?\s+[\d.]+%\s+(.*)$", line)
        if m:
            rows.append((float(m.group(1)), float(m.group(2)), m.group(3).strip()))
    return rows


def callers(profile, fn):
    """Functions that appear directly above fn in the profile's stacks."""
    p = run(["go", "tool", "pprof", "-traces", profile])
    found = set()
    for block in p.stdout.split("-----------+"):
        names = [l.split()[-1] for l in block.splitlines() if l.strip() and not l.startswith(("File:", "Type:", "Time:", "Duration:"))]
        for i, n in enumerate(names[:-1]):
            if n == fn:
                found.add(names[i + 1])
    return found


def check_profile(profile, hot, want_callers, what):
    """hot is on top; want_callers: (function, least share of hot's time on stacks through it)."""
    rows = top(profile) if os.path.exists(profile) else None
    if not check(rows, "%s: the profile loads in go tool pprof -top" % what):
        return
    check(rows[0][2] == hot and rows[0][0] >= 40, "%s: %s is the hottest function (%s)" % (what, hot, rows[:3]))
    cum = {name: c for _, c, name in rows}
    for c, share in want_callers:
        check(cum.get(c, 0) >= rows[0][0] * share, "%s: its caller %s is on the stacks (%s of %s ms)" %
              (what, c, cum.get(c, 0), rows[0][0]))


def one_line(p, pattern):
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    return p.returncode == 1 and len(lines) == 1 and re.search(pattern, lines[0]) is not None


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-profile-")
    try:
        src = os.path.join(tmp, "hot")
        os.mkdir(src)
        with open(os.path.join(src, "main.go"), "w") as f:
            f.write(GO_PROGRAM)
        with open(os.path.join(src, "go.mod"), "w") as f:
            f.write("module hot\n\ngo 1.21\n")
        js, wasip1 = os.path.join(tmp, "hot.wasm"), os.path.join(tmp, "hotw.wasm")
        for goos, out in (("js", js), ("wasip1", wasip1)):
            p = run(["go", "build", "-buildvcs=false", "-o", out, "."], cwd=src,
                    env={"GOOS": goos, "GOARCH": "wasm", "GOTOOLCHAIN": "local"})
            if not check(p.returncode == 0, "go build GOOS=%s" % goos):
                print(p.stderr)
                return 1

        # GOOS=js through pogo run --cpuprofile
        prof = os.path.join(tmp, "js.pprof")
        p = run([POGO, "run", "--cc", "tcc", "-O0", "--cpuprofile=" + prof, js, "--", GO_STEPS], env=FAST)
        check(p.returncode == 0 and p.stdout.strip().isdigit(), "js: pogo run --cpuprofile runs the program")
        check_profile(prof, "main.hot", [("main.main", 0.9), ("main.(*worker).warm", 0.05)], "js")
        check("main.(*worker).warm" in callers(prof, "main.hot"), "js: main.(*worker).warm calls main.hot in the stacks")

        # os.Exit writes the profile too; the space-separated form of the option
        prof = os.path.join(tmp, "exit.pprof")
        p = run([POGO, "run", "--cc", "tcc", "-O0", "--cpuprofile", prof, js, "--", GO_STEPS, "exit"], env=FAST)
        check(p.returncode == 3, "js: os.Exit(3) keeps its exit status")
        check_profile(prof, "main.hot", [], "js os.Exit")

        # GOOS=wasip1 through a built executable and $POGO_CPUPROFILE
        exe = os.path.join(tmp, "hotw")
        p = run([POGO, "build", "--cc", "tcc", "-O0", wasip1, "-o", exe])
        check(p.returncode == 0, "wasip1: pogo build")
        prof = os.path.join(tmp, "wasip1.pprof")
        p = run([exe, GO_STEPS], env=dict(FAST, POGO_CPUPROFILE=prof))
        check(p.returncode == 0, "wasip1: the executable runs with $POGO_CPUPROFILE")
        check_profile(prof, "main.hot", [("main.main", 0.9), ("main.(*worker).warm", 0.05)], "wasip1")
        p = run(["nm", exe])
        check(re.search(r" T main\.hot$", p.stdout, re.M) and re.search(r" T main\.\(\*worker\)\.warm$", p.stdout, re.M)
              and not re.search(r"_main_hot$", p.stdout, re.M),
              "the executable's symbol table names main.hot and main.(*worker).warm by their Go names")

        # bad paths and rates: one line, status 1, the guest does not run
        p = run([exe, GO_STEPS], env={"POGO_CPUPROFILE": os.path.join(tmp, "no", "such", "dir", "p.pprof")})
        check(one_line(p, r"^hotw\.wasm: cannot write CPU profile .*p\.pprof: No such file or directory$")
              and not p.stdout, "an unwritable profile path: one line, status 1, the guest does not run")
        p = run([exe, GO_STEPS], env={"POGO_CPUPROFILE": os.path.join(tmp, "r.pprof"), "POGO_CPUPROFILE_HZ": "fast"})
        check(one_line(p, r"POGO_CPUPROFILE_HZ=fast: not a sampling rate"), "a bad sampling rate: one line, status 1")
        p = run([POGO, "run", "--cc", "tcc", "-O0", "--cpuprofile=" + os.path.join(tmp, "no", "p.pprof"), wasip1,
                 "--", "1"])
        check(one_line(p, r"^pogo: --cpuprofile .*p\.pprof: No such file or directory$"),
              "pogo run --cpuprofile into a missing directory: one line, status 1")
        p = run([POGO, "build", "--cpuprofile=x", wasip1, "-o", exe])
        check(p.returncode == 2, "--cpuprofile is not a build option")

        # a plain module built by the default compiler at -O1 with frame pointers, trapping
        wat = os.path.join(tmp, "spin.wat")
        with open(wat, "w") as f:
            f.write(TRAPPING)
        spin = os.path.join(tmp, "spin.wasm")
        subprocess.run(["wat2wasm", "--debug-names", wat, "-o", spin], check=True)
        prof = os.path.join(tmp, "spin.pprof")
        p = run([POGO, "run", "-O1", "--cpuprofile=" + prof, spin], env=FAST)
        check(p.returncode == 134 and "unreachable" in p.stderr, "plain -O1: the trap is reported, status 134")
        check_profile(prof, "hot", [("outer", 0.9), ("_start", 0.9)], "plain -O1 --frame-pointers, trap exit")

        # a C WASI guest, if clang can build one here
        csrc = os.path.join(tmp, "churn.c")
        with open(csrc, "w") as f:
            f.write(C_PROGRAM)
        cwasm = os.path.join(tmp, "churn.wasm")
        if run(["clang", "--target=wasm32-wasi", "-O1", csrc, "-o", cwasm]).returncode == 0:
            prof = os.path.join(tmp, "c.pprof")
            p = run([POGO, "run", "--cc", "tcc", "-O0", "--cpuprofile=" + prof, cwasm, "--", "100000000"], env=FAST)
            check(p.returncode == 0, "C WASI guest: runs under --cpuprofile")
            check_profile(prof, "churn", [("main", 0.9)], "C WASI guest")
        else:
            print("skip C WASI guest: clang cannot target wasm32-wasi here")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILED:
        print("%d failed" % len(FAILED))
        return 1
    print("all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
