#!/usr/bin/env python3
"""test_names.py - modules whose file names collide with C names still build and run.

The default C prefix comes from the file name, so time.wasm once produced time.h (which
shadowed the system <time.h> for the compiler) and time_t (which redefined libc's);
math.wasm shadowed <math.h>, and with tcc, which does not warn, libm calls in the
generated code silently lost their prototypes and computed garbage. Each module here
does float arithmetic that goes through libm and traps on a wrong result; it is built
with gcc and with tcc under several colliding names. An explicit --name that collides
is refused with one line. The pogo executable comes from $POGO.
"""
import os
import shutil
import subprocess
import sys
import tempfile

POGO = os.environ.get("POGO") or shutil.which("pogo")
FAILED = []

MATHS = """(module
  (func $check (param $got f64) (param $want f64)
    (if (f64.ne (local.get $got) (local.get $want)) (then unreachable)))
  (func (export "_start")
    (call $check (f64.floor (f64.const 2.5)) (f64.const 2))
    (call $check (f64.ceil (f64.const 2.25)) (f64.const 3))
    (call $check (f64.trunc (f64.const -2.75)) (f64.const -2))
    (call $check (f64.nearest (f64.const 2.5)) (f64.const 2))
    (call $check (f64.sqrt (f64.const 2.25)) (f64.const 1.5))
    (call $check (f64.promote_f32 (f32.sqrt (f32.const 6.25))) (f64.const 2.5))
    (call $check (f64.min (f64.const -0.5) (f64.const 3)) (f64.const -0.5))
    (call $check (f64.promote_f32 (f32.nearest (f32.const -3.5))) (f64.const -4))))
"""


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILED.append(what)


def main():
    tmp = tempfile.mkdtemp(prefix="pogo-names-")
    env = dict(os.environ, POGO_CACHE_DIR=os.path.join(tmp, "cache"))
    try:
        src = os.path.join(tmp, "m.wat")
        with open(src, "w") as f:
            f.write(MATHS)
        base = os.path.join(tmp, "m.wasm")
        subprocess.run(["wat2wasm", src, "-o", base], check=True)
        for name in ("time", "math", "size", "string", "signal", "stdio", "pg", "wasm_rt", "clock"):
            wasm = os.path.join(tmp, name + ".wasm")
            shutil.copy(base, wasm)
            for cc in ("cc", "tcc"):
                exe = os.path.join(tmp, "%s-%s" % (name, cc))
                p = subprocess.run([POGO, "build", "--cc", cc, "-O0", wasm, "-o", exe], capture_output=True,
                                   text=True, env=env, timeout=300)
                ok = p.returncode == 0
                if ok:
                    r = subprocess.run([exe], capture_output=True, text=True, timeout=60)
                    ok = r.returncode == 0
                check(ok, "%s.wasm built with %s computes right (%s)" % (name, cc, p.stderr.strip()[:200]))
        p = subprocess.run([POGO, "build", "--name", "time", base, "-o", os.path.join(tmp, "x")], capture_output=True,
                           text=True, env=env, timeout=300)
        lines = p.stderr.strip().splitlines()
        check(p.returncode == 1 and len(lines) == 1 and "--name time: reserved" in lines[0]
              and not os.path.exists(os.path.join(tmp, "x")), "--name time is refused in one line")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
