#!/usr/bin/env python3
"""test_cli.py - pogo's command line as a user meets it.

Help and version; usage errors (exit 2); emit-c output (files, documented header,
determinism, -j split); build and run of a `_start` module (exit codes, a trap named
with its function, exit 134); the build cache (a second run compiles nothing); --lib
with a C host; and the failure paths: unreadable input, a failing or missing C
compiler, a full disk. Every failure must be one `pogo: ...` line, exit 1, and leave no
output behind. The pogo executable comes from $POGO.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

POGO = os.environ.get("POGO") or shutil.which("pogo")
FAILED = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300, **kw)


def one_error_line(p, pattern):
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    return p.returncode == 1 and len(lines) == 1 and re.match(pattern, lines[0]) is not None


def wat(tmp, name, text):
    src = os.path.join(tmp, name + ".wat")
    out = os.path.join(tmp, name + ".wasm")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["wat2wasm", "--debug-names", src, "-o", out], check=True)
    return out


HELLO = """(module
  (memory 1)
  (func $work (result i32) (local $i i32) (local $s i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (i32.const 1000)))
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $s))
  (func (export "_start")
    (if (i32.ne (call $work) (i32.const 499500)) (then unreachable))))
"""

TRAPS = """(module
  (func $divide (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "_start") (drop (call $divide (i32.const 0)))))
"""

# peek is called through the table so that -O2 cannot inline it into _start (the
# report names the native function the fault is in)
OOB = """(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (table 1 funcref)
  (elem (i32.const 0) $peek)
  (func $peek (type $t) (i32.load offset=8 (local.get 0)))
  (func (export "_start") (drop (call_indirect (type $t) (i32.const 65530) (i32.const 0)))))
"""

NEEDS_HOST = """(module (import "env" "f" (func)) (func (export "_start") (call 0)))"""

LIB = """(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (func (export "quad") (param i32) (result i32) (call $twice (call $twice (local.get 0)))))
"""

HOST = r"""#include <stdio.h>
#include "lib.h"
uint32_t lib_import_env_twice(lib_t *inst, uint32_t x) { (void)inst; return 2 * x; }
static uint32_t r;
static void call(void *p) { r = lib_export_quad(p, 5); }
int main(void) {
  pg_trap_info err;
  lib_imports imp = {0};
  lib_t *inst = lib_instantiate(NULL, &imp, &err);
  if (!inst || !pg_call((pg_inst_hdr *)inst, call, inst, &err)) return 1;
  printf("quad(5)=%u\n", r);
  lib_free(inst);
  return 0;
}
"""


# Go's byte helpers by name and signature (emit_accel.c): only in a module linked by Go
# (one with wasm_pc_f_loop), only with Go's exact types.
GOISH = """(module
  (memory 1)
  (func $wasm_pc_f_loop)
  (func $memeqbody (param i64 i64 i64) (result i64) (i64.const 1))
  (func $memcmp (param i32 i32 i32) (result i32) (i32.const 0))
  (func $memchr (param i32 i32 i64) (result i32) (i32.const 0))
  (func $tiny (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $big (param i32) (result i32) (local.get 0) BIG_BODY)
  (func (export "f") (result i32)
    (i32.add (i32.wrap_i64 (call $memeqbody (i64.const 0) (i64.const 1) (i64.const 2)))
      (i32.add (call $memcmp (i32.const 0) (i32.const 1) (i32.const 2))
        (i32.add (call $memchr (i32.const 0) (i32.const 1) (i64.const 2)) (call $big (call $tiny (i32.const 3))))))))
""".replace("BIG_BODY", " ".join("(i32.const %d) (i32.xor) (local.tee 0)" % k for k in range(3000)))
NOT_GO = """(module
  (memory 1)
  (func $memcmp (param i32 i32 i32) (result i32) (i32.const 0))
  (func (export "f") (result i32) (call $memcmp (i32.const 0) (i32.const 1) (i32.const 2))))
"""


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-cli-")
    os.environ["POGO_CACHE_DIR"] = os.path.join(tmp, "cache")
    try:
        hello = wat(tmp, "hello", HELLO)
        traps = wat(tmp, "traps", TRAPS)
        oob = wat(tmp, "oob", OOB)
        needs = wat(tmp, "needs", NEEDS_HOST)
        lib = wat(tmp, "lib", LIB)

        # help, version, usage errors
        p = run([POGO, "--help"])
        check(p.returncode == 0 and "pogo build" in p.stdout and "pogo emit-c" in p.stdout, "pogo --help")
        for cmd in ("build", "run", "emit-c", "inspect"):
            p = run([POGO, cmd, "--help"])
            check(p.returncode == 0 and p.stdout.startswith("usage: pogo " + cmd), "pogo %s --help" % cmd)
        p = run([POGO, "version"])
        check(p.returncode == 0 and re.match(r"pogo \d+\.\d+\.\d+\n(guest C flags: .*\n)?$", p.stdout), "pogo version")
        # a sanitizer build of pogo instruments guests; hosts must link the same way
        gm = re.search(r"guest C flags: (.*)", p.stdout)
        guest_flags = gm.group(1).split() if gm else []
        check(run([POGO]).returncode == 2, "no command: exit 2")
        check(run([POGO, "frobnicate"]).returncode == 2, "unknown command: exit 2")
        check(run([POGO, "build", hello]).returncode == 2, "build without -o: exit 2")
        check(run([POGO, "emit-c", "-o", tmp]).returncode == 2, "emit-c without input: exit 2")
        check(run([POGO, "build", hello, "-o", "x", "--bogus"]).returncode == 2, "unknown option: exit 2")

        # emit-c: files, header, determinism, split
        out1, out2 = os.path.join(tmp, "c1"), os.path.join(tmp, "c2")
        p = run([POGO, "emit-c", hello, "-o", out1, "-j", "3"])
        files = sorted(os.listdir(out1)) if os.path.isdir(out1) else []
        check(p.returncode == 0 and files == ["hello-0.c", "hello-1.c", "hello-2.c", "hello-impl.h", "hello.c",
                                             "hello.h", "pogo-abi.h", "pogo-go.h", "pogo-ops.h", "pogo-wasi.h", "pogo.h"], "emit-c -j 3 writes: %s" % files)
        header = open(os.path.join(out1, "hello.h")).read() if files else ""
        check("hello_instantiate" in header and "hello_free" in header and "hello_export_start" in header
              and "pg_call" in header, "emit-c header declares and documents the API")
        run([POGO, "emit-c", hello, "-o", out2, "-j", "3"])
        same = all(open(os.path.join(out1, f), "rb").read() == open(os.path.join(out2, f), "rb").read() for f in files)
        check(same, "emit-c twice: identical bytes")
        p = run([POGO, "emit-c", hello, "-o", os.path.join(tmp, "named"), "--name", "zz"])
        check(p.returncode == 0 and os.path.exists(os.path.join(tmp, "named", "zz.h")), "emit-c --name")
        check(run([POGO, "emit-c", hello, "-o", tmp, "--name", "9bad"]).returncode == 1, "emit-c --name not an identifier: exit 1")
        cflags = ["cc", "-std=c17", "-Wall", "-Wextra", "-Werror", "-I", out1, "-c"]
        ok = all(run(cflags + [os.path.join(out1, f), "-o", os.path.join(tmp, f + ".o")]).returncode == 0
                 for f in files if f.endswith(".c"))
        check(ok, "emitted C compiles with -Wall -Wextra -Werror")

        # native helpers and inline copies: where they apply, and their C is warning-free
        goish, notgo = wat(tmp, "goish", GOISH), wat(tmp, "notgo", NOT_GO)
        gdir, ndir = os.path.join(tmp, "goish-c"), os.path.join(tmp, "notgo-c")
        run([POGO, "emit-c", goish, "-o", gdir])
        run([POGO, "emit-c", notgo, "-o", ndir])
        gh = open(os.path.join(gdir, "goish-impl.h")).read() if os.path.isdir(gdir) else ""
        nh = open(os.path.join(ndir, "notgo-impl.h")).read() if os.path.isdir(ndir) else ""
        check("goish_memeqbody_wasm(" in gh and "goish_memcmp_wasm(" in gh and "goish_memchr_wasm(" not in gh
              and "notgo_memcmp_wasm(" not in nh and "notgo_memcmp(" in nh,
              "Go's byte helpers get native paths only in Go modules, only with Go's types")
        check("static inline u32 goish_tiny_i(" in gh, "small functions get inline copies")
        parts = "".join(open(os.path.join(gdir, f)).read() for f in os.listdir(gdir) if f.endswith(".c"))
        check("PG_BIG_FN u32 goish_big(" in parts and "PG_BIG_FN u32 goish_tiny(" not in parts,
              "giant functions are marked for a cheaper optimisation level")
        ok = all(run(cflags[:-1] + [opt, "-I", gdir, "-c", os.path.join(gdir, f), "-o", os.path.join(tmp, f + ".o")]).returncode == 0
                 for f in os.listdir(gdir) if f.endswith(".c") for opt in ("-O0", "-O2"))
        check(ok, "C with native helpers and inline copies compiles with -Wall -Wextra -Werror at -O0 and -O2")

        # build and run
        exe = os.path.join(tmp, "hello-bin")
        p = run([POGO, "build", hello, "-o", exe, "-O1"])
        check(p.returncode == 0 and os.access(exe, os.X_OK), "build -O1")
        check(run([exe]).returncode == 0, "built executable exits 0")
        p = run([POGO, "run", traps])
        check(p.returncode == 134 and "integer divide by zero" in p.stderr and "'divide'" in p.stderr,
              "run: trap exits 134 naming the trap and the function (%r)" % p.stderr.strip())
        for opt in ("-O0", "-O2"):
            # a guard-page fault, not an explicit check: the pc must still name the function
            p = run([POGO, "run", opt, oob])
            check(p.returncode == 134 and "out of bounds memory access in function 'peek'" in p.stderr,
                  "run %s: guard-page trap names its function (%r)" % (opt, p.stderr.strip()))
        t0 = time.time()
        p = run([POGO, "run", "-O1", hello, "--", "a", "b"])
        first = time.time() - t0
        t0 = time.time()
        p2 = run([POGO, "run", "-O1", hello, "--", "a", "b"])
        second = time.time() - t0
        entries = sum(len(fs) for _, _, fs in os.walk(os.environ["POGO_CACHE_DIR"]))
        run([POGO, "run", "-O1", hello])
        entries2 = sum(len(fs) for _, _, fs in os.walk(os.environ["POGO_CACHE_DIR"]))
        check(p.returncode == 0 and p2.returncode == 0 and entries == entries2,
              "run twice: cache reused (%.2fs then %.2fs)" % (first, second))
        keep = os.path.join(tmp, "kept-c")
        p = run([POGO, "build", traps, "-o", os.path.join(tmp, "traps-bin"), "-O0", "--keep-c", keep])
        kept = sorted(os.listdir(keep)) if os.path.isdir(keep) else []
        check(p.returncode == 0 and "traps.c" in kept and "pogo-main.c" in kept and "traps.h" in kept
              and run([os.path.join(tmp, "traps-bin")]).returncode == 134, "build --keep-c keeps the C (%s)" % kept)
        p = run([POGO, "build", needs, "-o", os.path.join(tmp, "needs")])
        check(one_error_line(p, r"pogo: .*needs.wasm: imports env\.f") and not os.path.exists(os.path.join(tmp, "needs")),
              "build of a module needing a host: one line, exit 1")

        # --lib with a C host
        libdir = os.path.join(tmp, "libout")
        os.makedirs(libdir)
        p = run([POGO, "build", "--lib", lib, "-o", os.path.join(libdir, "liblib.a")])
        hostc = os.path.join(tmp, "host.c")
        with open(hostc, "w") as f:
            f.write(HOST)
        q = run(["cc", "-std=c17", "-Wall", "-Werror"] + guest_flags + ["-I", libdir, hostc,
                 os.path.join(libdir, "liblib.a"), "-lm", "-lpthread", "-o", os.path.join(tmp, "host")])
        r = run([os.path.join(tmp, "host")]) if q.returncode == 0 else q
        check(p.returncode == 0 and r.returncode == 0 and r.stdout == "quad(5)=20\n",
              "build --lib + C host (%s)" % (q.stderr.strip()[:200] or r.stdout.strip()))

        # failure paths: one line, exit 1, nothing left behind
        p = run([POGO, "inspect", os.path.join(tmp, "missing.wasm")])
        check(one_error_line(p, r"pogo: .*missing\.wasm: No such file or directory$"), "missing input")
        p = run([POGO, "inspect", tmp])
        check(one_error_line(p, r"pogo: .*: Is a directory$"), "directory as input")
        for cc, pat in (("false", r"C compiler 'false' failed \(exit status 1\)"),
                        ("/nonexistent/cc", r"C compiler '/nonexistent/cc' failed \(could not be started\)")):
            out = os.path.join(tmp, "ccfail")
            p = run([POGO, "build", hello, "-o", out, "--cc", cc, "--no-cache"])
            check(one_error_line(p, r"pogo: .*hello\.wasm: " + pat) and not os.path.exists(out),
                  "failing C compiler %s: one line, exit 1, no output (%r)" % (cc, p.stderr.strip()))
        leftovers = [f for f in os.listdir(os.environ["POGO_CACHE_DIR"]) if f.startswith("tmp-")]
        check(not leftovers, "no scratch directories left in the cache")

        # a full disk: a 16 KiB tmpfs in a private mount namespace (a real ENOSPC)
        if shutil.which("unshare") and run(["unshare", "-rm", "true"]).returncode == 0:
            script = ('mkdir -p "$1" && mount -t tmpfs -o size=16k none "$1" && '
                      '"$2" emit-c "$3" -o "$1/out"; s=$?; ls -A "$1/out" 2>/dev/null | wc -l; exit $s')
            small = os.path.join(tmp, "small")
            p = run(["unshare", "-rm", "sh", "-c", script, "sh", small, POGO, hello])
            # pogo-ops.h alone is bigger than 16 KiB
            left = p.stdout.strip()
            check(p.returncode == 1 and re.search(r"pogo: .*: No space left on device", p.stderr) is not None
                  and len(p.stderr.strip().splitlines()) == 1 and left == "0",
                  "full disk: one line, exit 1, no partial output (%r, %s files left)" % (p.stderr.strip(), left))
        else:
            check(False, "full disk: unshare -rm unavailable, could not test (needs user namespaces)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
