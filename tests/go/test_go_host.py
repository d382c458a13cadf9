#!/usr/bin/env python3
"""test_go_host.py - behaviour of pogo's Go GOOS=js host that a byte-for-byte comparison
with node cannot express.

- A closed pipe on stdout gives Go an EPIPE error, as under node (SIGPIPE is ignored),
  instead of killing the program.
- A binary without a name section (go build -ldflags=-s) is recognised by structure.
- Recursion deeper than node can go works; infinite recursion ends in a clean
  "call stack exhausted" trap naming the function, exit 134, never a segfault; a
  smaller POGO_STACK_SIZE still ends cleanly.
- A module importing something the host lacks fails to start with a link error naming
  the import, exit 1.

Needs go, pogo ($POGO) and tcc (builds use --cc tcc to stay fast).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

POGO = os.environ.get("POGO") or shutil.which("pogo")
FAILED = []

EPIPE = """package main

import (
	"fmt"
	"os"
)

func main() {
	for i := 0; i < 100000; i++ {
		if _, err := fmt.Println("line", i); err != nil {
			fmt.Fprintln(os.Stderr, "write failed:", err)
			os.Exit(7)
		}
	}
}
"""

RECURSE = """package main

import (
	"fmt"
	"os"
)

func deep(n int) int {
	if n == 0 {
		return 0
	}
	return deep(n-1) + 1
}

func forever(n int) int { return forever(n+1) + 1 }

func main() {
	if os.Args[1] == "deep" {
		fmt.Println(deep(1000000))
	} else {
		fmt.Println(forever(0))
	}
}
"""


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def go_build(tmp, name, src, ldflags=None):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    with open(os.path.join(d, "main.go"), "w") as f:
        f.write(src)
    with open(os.path.join(d, "go.mod"), "w") as f:
        f.write("module %s\n\ngo 1.21\n" % name)
    out = os.path.join(tmp, name + ".wasm")
    env = dict(os.environ, GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local")
    cmd = ["go", "build", "-buildvcs=false", "-o", out] + (["-ldflags=" + ldflags] if ldflags else []) + ["."]
    subprocess.run(cmd, cwd=d, env=env, check=True)
    return out


def build(wasm, out):
    p = subprocess.run([POGO, "build", "--cc", "tcc", wasm, "-o", out], capture_output=True, text=True)
    if p.returncode:
        print(p.stderr)
    return p.returncode == 0


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-gohost-")
    os.environ.setdefault("POGO_CACHE_DIR", os.path.join(tmp, "cache"))
    try:
        epipe = go_build(tmp, "epipe", EPIPE)
        exe = os.path.join(tmp, "epipe-bin")
        check(build(epipe, exe), "build the EPIPE program")
        p = subprocess.run(["/bin/bash", "-c", "'%s' | head -n 1; echo status ${PIPESTATUS[0]}" % exe],
                           capture_output=True, text=True)
        check(p.stdout == "line 0\nstatus 7\n" and "write /dev/stdout: Broken pipe" in p.stderr,
              "closed stdout pipe: Go sees EPIPE and exits 7 (%r, stderr %r)" % (p.stdout, p.stderr.strip()))

        stripped = go_build(tmp, "stripped", RECURSE, ldflags="-s")
        p = subprocess.run(["wasm-objdump", "-h", stripped], capture_output=True, text=True)
        check('"name"' not in p.stdout, "the -ldflags=-s binary has no name section")
        exe = os.path.join(tmp, "recurse-bin")
        check(build(stripped, exe), "build a Go binary without a name section")
        p = subprocess.run([exe, "deep"], capture_output=True, text=True, timeout=300)
        check(p.returncode == 0 and p.stdout == "1000000\n", "recursion 1e6 deep (node overflows near 1e5)")

        named = go_build(tmp, "named", RECURSE)
        exe = os.path.join(tmp, "named-bin")
        check(build(named, exe), "build the recursion program with names")
        for size in (None, "32M"):
            env = dict(os.environ)
            if size:
                env["POGO_STACK_SIZE"] = size
            p = subprocess.run([exe, "forever"], capture_output=True, text=True, timeout=600, env=env)
            check(p.returncode == 134 and re.search(r"trap: call stack exhausted in function 'main\.forever'", p.stderr),
                  "infinite recursion%s: clean trap naming main.forever, exit 134 (%s, %r)" %
                  (" with POGO_STACK_SIZE=" + size if size else "", p.returncode, p.stderr.strip()[:200]))

        # a module that imports what the host lacks: patch an import name in the binary
        data = open(named, "rb").read()
        bad = data.replace(b"runtime.wasmWrite", b"runtime.wasmWrate", 1)
        badwasm = os.path.join(tmp, "badimport.wasm")
        open(badwasm, "wb").write(bad)
        exe = os.path.join(tmp, "badimport-bin")
        check(build(badwasm, exe), "build a Go module with an unknown import")
        p = subprocess.run([exe], capture_output=True, text=True)
        check(p.returncode == 1 and "import gojs.runtime.wasmWrate is not provided by pogo's Go runtime" in p.stderr,
              "unknown import: link error naming it, exit 1 (%s, %r)" % (p.returncode, p.stderr.strip()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
