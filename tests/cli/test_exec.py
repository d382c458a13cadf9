#!/usr/bin/env python3
"""test_exec.py - `pogo exec`, the program `go test -exec` runs, as go meets it.

A WASI C module stands in for a wasip1 test binary: run through `pogo exec` and through
the build's go-exec/go_wasip1_wasm_exec link, it gets its arguments, sees the host's /
(it reads a file by absolute path), gets PWD (the working directory) and PATH and
nothing else, and its exit status comes back. $POGO_EXEC_FLAGS chooses the build (tcc
here); the second run is a cache hit. Help and usage errors exit 0 and 2. The pogo
executable comes from $POGO; its go-exec directory sits beside it.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

POGO = os.path.abspath(os.environ.get("POGO") or shutil.which("pogo"))
FAILED = []

TEST_C = r"""#include <stdio.h>
#include <stdlib.h>
extern char **environ;
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("arg %s\n", argv[i]);
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  FILE *f = fopen(argv[1], "r");
  char line[200] = "";
  if (!f || !fgets(line, sizeof line, f)) return 9;
  printf("read %s", line);
  return atoi(line);
}
"""


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)
        if detail:
            print("     | " + detail.rstrip().replace("\n", "\n     | "))


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-exec-test-")
    try:
        src = os.path.join(tmp, "t.c")
        with open(src, "w") as f:
            f.write(TEST_C)
        wasm = os.path.join(tmp, "pkg.test")  # go's name for a test binary: no .wasm
        subprocess.run(["clang", "--target=wasm32-wasi", "-O1", src, "-o", wasm], check=True)
        data = os.path.join(tmp, "data.txt")
        with open(data, "w") as f:
            f.write("7 seven\n")
        pkgdir = os.path.join(tmp, "pkg")
        os.makedirs(pkgdir)
        env = dict(os.environ, POGO_CACHE_DIR=os.path.join(tmp, "cache"), POGO_EXEC_FLAGS="--cc tcc -O0",
                   PWD=pkgdir, SECRET="not for the guest")
        link = os.path.join(os.path.dirname(POGO), "go-exec", "go_wasip1_wasm_exec")
        times = []
        for argv0 in ([POGO, "exec"], [link]):
            t0 = time.monotonic()
            p = subprocess.run(argv0 + [wasm, data, "-test.v=true"], capture_output=True, text=True, env=env,
                               cwd=pkgdir, timeout=300)
            times.append(time.monotonic() - t0)
            envs = sorted(l for l in p.stdout.splitlines() if l.startswith("env "))
            check(p.returncode == 7 and "arg -test.v=true\n" in p.stdout and "read 7 seven\n" in p.stdout
                  and envs == ["env PATH=" + os.environ.get("PATH", ""), "env PWD=" + pkgdir],
                  "%s: arguments, the host's /, PWD and PATH only, the exit status" % os.path.basename(argv0[-1]),
                  "exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr))
        check(times[1] < times[0] or times[1] < 1.0, "the second exec is a cache hit (%.2fs, then %.2fs)" % tuple(times))

        p = subprocess.run([POGO, "exec", "--help"], capture_output=True, text=True)
        check(p.returncode == 0 and p.stdout.startswith("usage: pogo exec"), "pogo exec --help")
        for args, what in (([POGO, "exec"], "no test binary"), ([POGO, "exec", "-v", wasm], "an option first"),
                           ([link], "the link without a test binary")):
            p = subprocess.run(args, capture_output=True, text=True, env=env)
            check(p.returncode == 2 and "usage:" in p.stderr, "usage error, exit 2: %s" % what, p.stderr)
        p = subprocess.run([POGO, "exec", wasm, data], capture_output=True, text=True,
                           env=dict(env, POGO_EXEC_FLAGS="--bogus"))
        check(p.returncode == 2 and "--bogus" in p.stderr, "a bad $POGO_EXEC_FLAGS: usage error, exit 2", p.stderr)
        p = subprocess.run([POGO, "exec", os.path.join(tmp, "missing.test")], capture_output=True, text=True, env=env)
        check(p.returncode == 1 and p.stderr.count("\n") == 1 and "missing.test" in p.stderr,
              "a missing test binary: one line, exit 1", p.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
