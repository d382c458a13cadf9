#!/usr/bin/env python3
"""test_check.py - `pogo check` as a user meets it.

Identical against each default reference: modules without imports against
wasm-interp (results, traps, multi-value, floats, references), WASI C programs against
node's WASI (arguments, stdin, files written, a trap), Go GOOS=js and GOOS=wasip1
programs against node. Then what check must catch: a reference that alters the
output (exit 1 and a unified diff), a reference that gets no stdin, an extra and an
altered file in the WASI scratch tree, a reference that misbehaves only when --repeat
varies the environment (the round and the seed are named), a timeout. And the
command line: usage errors exit 2, other failures one line and exit 3. Guests are built
with tcc (fast). The pogo executable comes from $POGO.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
NODE_WASI = os.path.join(REPO, "scripts", "node_wasi.mjs")
POGO = os.path.abspath(os.environ.get("POGO") or shutil.which("pogo"))
FAST = ["--cc", "tcc", "-O0"]
FAILED = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)
        if detail:
            print("     | " + detail.rstrip().replace("\n", "\n     | "))


def pogo_check(args, stdin=None, env=None, cwd=None):
    return subprocess.run([POGO, "check"] + args, input=stdin, capture_output=True, text=True, timeout=600,
                          env=env, cwd=cwd)


def show(p):
    return "exit %d\n%s%s" % (p.returncode, p.stdout, p.stderr)


def script(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + text)
    os.chmod(path, 0o755)
    return path


PLAIN = """(module
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $seven)
  (func $seven (result i32) (i32.const 7))
  (func (export "answer") (result i32) (i32.const -42))
  (func (export "wide") (result i64 f32 f64) (i64.const -1) (f32.const 1.5) (f64.const -0.1))
  (func (export "nan") (result f32) (f32.const -nan))
  (func (export "nothing"))
  (func (export "takes_args") (param i32) (result i32) (local.get 0))
  (func (export "divide") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
  (func (export "oob") (result i32) (i32.load (i32.const 70000)))
  (func (export "null_call") (result i32) (call_indirect (result i32) (i32.const 1)))
  (func (export "ref") (result funcref) (table.get 0 (i32.const 0)))
  (func (export "grow") (result i32) (memory.grow (i32.const 2))))
"""

LOOP = """(module (func (export "spin") (loop (br 0))))"""

WASI_C = r"""#include <stdio.h>
#include <stdlib.h>
#include <string.h>
volatile int zero;
__attribute__((noinline)) int divide(int a, int b) { return a / (b + zero); }
int main(int argc, char **argv) {
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, stdin)) printf("stdin %d: %s", ++n, line);
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  const char *who = getenv("WHO");
  printf("WHO=%s\n", who ? who : "(unset)");
  FILE *f = fopen("out.txt", "w");
  if (!f) return 3;
  fprintf(f, "%d lines\n", n);
  fclose(f);
  if (argc > 1 && !strcmp(argv[1], "trap")) return divide(1, argc - 2);
  return n == 0 ? 4 : 0;
}
"""

GO_MAIN = """package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	n := 0
	for in.Scan() {
		n++
		fmt.Printf("%d: %s\\n", n, in.Text())
	}
	fmt.Println("args:", os.Args[1:])
	if err := os.WriteFile("count.txt", []byte(fmt.Sprintln(n)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "done")
	os.Exit(n)
}
"""


def build_go(tmp, goos):
    src = os.path.join(tmp, "gosrc")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "go.mod"), "w") as f:
        f.write("module example.com/checked\n\ngo 1.21\n")
    with open(os.path.join(src, "main.go"), "w") as f:
        f.write(GO_MAIN)
    out = os.path.join(tmp, "go-%s.wasm" % goos)
    env = dict(os.environ, GOOS=goos, GOARCH="wasm", GOTOOLCHAIN="local", GOFLAGS="")
    subprocess.run(["go", "build", "-o", out, "."], cwd=src, env=env, check=True, timeout=600)
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-check-test-")
    os.environ["POGO_CACHE_DIR"] = os.path.join(tmp, "cache")
    scratch = os.path.join(tmp, "tmpdir")  # pogo check's own temporary directories go here
    os.makedirs(scratch)
    os.environ["TMPDIR"] = scratch
    try:
        plain_wat = os.path.join(tmp, "plain.wat")
        with open(plain_wat, "w") as f:
            f.write(PLAIN)
        plain = os.path.join(tmp, "plain.wasm")
        subprocess.run(["wat2wasm", plain_wat, "-o", plain], check=True)
        loop_wat = os.path.join(tmp, "loop.wat")
        with open(loop_wat, "w") as f:
            f.write(LOOP)
        loop = os.path.join(tmp, "loop.wasm")
        subprocess.run(["wat2wasm", loop_wat, "-o", loop], check=True)
        csrc = os.path.join(tmp, "tool.c")
        with open(csrc, "w") as f:
            f.write(WASI_C)
        tool = os.path.join(tmp, "tool.wasm")
        subprocess.run(["clang", "--target=wasm32-wasi", "-O1", csrc, "-o", tool], check=True)

        # ---- identical against the default references
        p = pogo_check(FAST + [plain])
        check(p.returncode == 0 and "identical" in p.stdout and "wasm-interp" in p.stdout
              and "out-of-bounds" in p.stdout and "funcref" in p.stdout,
              "no imports: identical to wasm-interp --run-all-exports, normalisations named", show(p))
        p = pogo_check(FAST + [tool, "--", "a", "b c"], stdin="one\ntwo\n")
        check(p.returncode == 0 and "identical (exit 0; stdout 5 lines" in p.stdout and "1 files" in p.stdout,
              "WASI C: identical to node:wasi with arguments, stdin and a file", show(p))
        p = pogo_check(FAST + ["--env", "WHO=me", tool, "--", "trap"], stdin="x\n")
        check(p.returncode == 0 and "identical (trap: integer divide by zero" in p.stdout and "both trapped" in p.stdout,
              "WASI C: a trap on both sides is the same outcome (and --env reaches both)", show(p))
        gojs = build_go(tmp, "js")
        gow = build_go(tmp, "wasip1")
        for wasm, what in ((gojs, "Go GOOS=js"), (gow, "Go GOOS=wasip1")):
            p = pogo_check(FAST + [wasm, "--", "x", "y"], stdin="a\nb\nc\n")
            check(p.returncode == 0 and "identical (exit 3;" in p.stdout and "1 files" in p.stdout,
                  "%s: identical to node (stdin, args, exit code, a file written)" % what, show(p))

        # ---- differences check must find
        alter = script(tmp, "alter.sh", 'node --no-warnings "%s" --dir .::/ "$@" | sed s/stdin/STDIN/\n' % NODE_WASI)
        p = pogo_check(FAST + ["--ref", alter, tool], stdin="one\n")
        check(p.returncode == 1 and "stdout differs" in p.stdout and "\n-STDIN 1: one\n+stdin 1: one\n" in p.stdout
              and "--- reference stdout\n+++ pogo stdout\n@@ -1,2 +1,2 @@\n" in p.stdout,
              "a reference that alters stdout: exit 1 and a unified diff", show(p))
        rel = pogo_check(FAST + ["--ref", "./alter.sh", tool], stdin="one\n", cwd=tmp)
        check(rel.returncode == 1 and "stdout differs" in rel.stdout, "--ref ./script runs the script from where "
              "pogo check was started", show(rel))
        no_stdin = script(tmp, "no_stdin.sh", 'exec node --no-warnings "%s" --dir .::/ "$@" < /dev/null\n' % NODE_WASI)
        p = pogo_check(FAST + ["--ref", no_stdin, tool], stdin="fed\n")
        check(p.returncode == 1 and "exit status differs" in p.stdout and "+stdin 1: fed" in p.stdout,
              "stdin is fed to both: a reference that reads none differs", show(p))
        extra = script(tmp, "extra.sh", 'node --no-warnings "%s" --dir .::/ "$@"; s=$?; echo x > extra.txt; exit $s\n'
                       % NODE_WASI)
        p = pogo_check(FAST + ["--ref", extra, tool], stdin="a\n")
        check(p.returncode == 1 and "files differs" in p.stdout and "-file extra.txt 2 " in p.stdout,
              "WASI scratch tree: an extra file is a difference", show(p))
        changed = script(tmp, "changed.sh", 'node --no-warnings "%s" --dir .::/ "$@"; s=$?; echo 9 lines > out.txt; '
                         'exit $s\n' % NODE_WASI)
        p = pogo_check(FAST + ["--ref", changed, tool], stdin="a\n")
        check(p.returncode == 1 and "files differs" in p.stdout and "--- reference out.txt\n+++ pogo out.txt" in p.stdout
              and "-9 lines\n+1 lines" in p.stdout, "WASI scratch tree: a file's contents differ, with their diff", show(p))
        flaky = script(tmp, "flaky.sh", 'node --no-warnings "%s" --dir .::/ "$@"; s=$?; '
                       '[ -n "$POGO_CHECK_PAD" ] && echo extra; exit $s\n' % NODE_WASI)
        p = pogo_check(FAST + ["--ref", flaky, "--repeat", "3", "--seed", "7", gow], stdin="")
        check(p.returncode == 1 and "in round 2 of 3" in p.stdout and "--seed 7 --repeat 2" in p.stdout,
              "--repeat: a difference in a varied round names the round and the seed", show(p))
        p = pogo_check(FAST + ["--repeat", "3", gojs], stdin="q\n")
        check(p.returncode == 0 and "rounds: 3 (seed " in p.stdout, "--repeat 3: identical in every round", show(p))
        p = pogo_check(FAST + ["--timeout", "1", loop])
        check(p.returncode == 1 and "timed out after 1 s" in p.stdout, "--timeout: a guest that never ends is killed, "
              "and a timeout is a difference", show(p))

        # ---- command line
        p = subprocess.run([POGO, "check", "--help"], capture_output=True, text=True)
        check(p.returncode == 0 and p.stdout.startswith("usage: pogo check") and "docs/check.md" in p.stdout,
              "pogo check --help")
        for args, what in (([plain, "--repeat", "0"], "--repeat 0"),
                           ([plain, "--timeout", "soon"], "--timeout soon"),
                           ([plain, "--ref"], "--ref without a value"),
                           (["--ref", "node", tool], "--ref node for a WASI module"),
                           (["--ref", "wasm-interp", gojs], "--ref wasm-interp for a Go module"),
                           ([plain, "--", "arg"], "arguments for a module without imports"),
                           (["--env", "A=b", gojs], "WASI options for a GOOS=js module"),
                           (["--files", os.path.join(tmp, "nowhere"), plain], "--files that is not a directory"),
                           ([plain, "--bogus"], "unknown option"),
                           ([], "no module")):
            p = pogo_check(args)
            check(p.returncode == 2 and "usage: pogo check" in p.stderr, "usage error, exit 2: %s" % what, show(p))
        bad = os.path.join(tmp, "bad.wasm")
        with open(bad, "wb") as f:
            f.write(b"\0asm\x01\0\0\0\x01")
        p = pogo_check([bad])
        check(p.returncode == 3 and p.stderr.count("\n") == 1 and "bad.wasm" in p.stderr and p.stdout == "",
              "a malformed module: a one-line error, exit 3", show(p))
        path_env = dict(os.environ, PATH="/nonexistent")
        p = pogo_check(FAST + [plain], env=path_env)
        check(p.returncode == 3 and "wasm-interp" in p.stderr and "not on PATH" in p.stderr,
              "a reference engine that is not installed: one line, exit 3", show(p))
        left = os.listdir(scratch)
        check(not left, "no temporary directories left behind", " ".join(left))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
