#!/usr/bin/env python3
"""The embedding API (include/pogo.h) with a real Go GOOS=js guest.

Builds tests/embed/guest with the machine's Go (GOOS=js), turns it into a library with
`pogo build --lib`, compiles the Criterion tests in embed_test.c and the thread stress
test embed_threads.c against it (with the guest C flags of a sanitizer build of pogo,
plus $EMBED_CFLAGS), runs them and requires all to pass. Under ThreadSanitizer only
embed_threads runs: Criterion cannot set up its shared arena there. Environment: POGO,
CC.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write("FAIL: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
        sys.exit(1)
    return r


def main():
    pogo = os.environ.get("POGO", "pogo")
    cc = os.environ.get("CC", "cc")
    extra = os.environ.get("EMBED_CFLAGS", "").split()
    with tempfile.TemporaryDirectory(prefix="pogo-embed-") as work:
        for f in ("main.go", "go.mod"):
            shutil.copy(os.path.join(HERE, "guest", f), work)
        env = dict(os.environ, GOOS="js", GOARCH="wasm", GOTOOLCHAIN="local")
        run(["go", "build", "-o", "embedguest.wasm", "."], cwd=work, env=env)
        run([pogo, "build", "--lib", "-O1", "embedguest.wasm", "-o", "libembedguest.a"], cwd=work)
        guest_flags = []
        v = run([pogo, "version"]).stdout
        for line in v.splitlines():
            if line.startswith("guest C flags:"):
                guest_flags = line.split(":", 1)[1].split()
        tsan = any("thread" in f for f in guest_flags)
        programs = [("embed_threads", [], [])]
        if not tsan:  # Criterion's shared arena cannot be set up under ThreadSanitizer
            # --jobs 1: the tests measure time and start threads; one at a time
            programs.insert(0, ("embed_test", ["-lcriterion"], ["--jobs", "1", "--verbose"]))
        for name, libs, args in programs:
            run([cc, "-std=c17", "-Wall", "-Wextra", "-Werror", "-g", "-I.", "-I" + HERE, os.path.join(HERE, name + ".c"),
                 "libembedguest.a"] + libs + ["-lm", "-lpthread", "-o", name] + guest_flags + extra, cwd=work)
            r = subprocess.run([os.path.join(work, name)] + args, capture_output=True, text=True, timeout=600,
                               cwd=work)
            sys.stdout.write(r.stdout + r.stderr)
            if r.returncode != 0:
                print("FAIL: %s exited %d" % (name, r.returncode))
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
