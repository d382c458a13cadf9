#!/usr/bin/env python3
"""A C host drives a Go wasip1 reactor through pogo's generated library API.

Builds tests/wasi/reactor (go:wasmexport functions, a go:wasmimport host function)
with the machine's Go as GOOS=wasip1 -buildmode=c-shared, compiles it with
`pogo build --lib`, links host.c (the generated API) and api_host.c (the embedding API,
pogo_call_export) against the library, runs both and compares their transcripts with
expected.txt. Environment: POGO (the pogo executable), CC (default cc).
Exit status 0 on success, 1 on a mismatch or failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "reactor")


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write("FAIL: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
        sys.exit(1)
    return r


def main():
    pogo = os.environ.get("POGO", "pogo")
    if os.sep in pogo:
        pogo = os.path.abspath(pogo)  # the build runs in a scratch directory
    cc = os.environ.get("CC", "cc")
    with tempfile.TemporaryDirectory(prefix="pogo-reactor-") as work:
        for f in ("main.go", "go.mod"):
            shutil.copy(os.path.join(SRC, f), work)
        env = dict(os.environ, GOOS="wasip1", GOARCH="wasm", GOTOOLCHAIN="local",
                   GOFLAGS="-mod=mod", GOCACHE=os.environ.get("GOCACHE", os.path.join(work, "gocache")))
        run(["go", "build", "-buildmode=c-shared", "-o", "reactor.wasm", "."], cwd=work, env=env)
        # pogo inspect tells what it is and which Go built it (the producers section)
        goversion = run(["go", "env", "GOVERSION"], env=env).stdout.strip()
        info = run([pogo, "inspect", "reactor.wasm"], cwd=work).stdout
        if "kind:       go-wasip1-reactor\n" not in info or "go:         %s\n" % goversion not in info:
            sys.stderr.write("FAIL: pogo inspect does not name a Go %s wasip1 reactor:\n%s" % (goversion, info))
            return 1
        run([pogo, "build", "--lib", "-O1", "reactor.wasm", "-o", "libreactor.a"], cwd=work)
        want = open(os.path.join(SRC, "expected.txt")).read()
        for host in ("host", "api_host"):
            shutil.copy(os.path.join(SRC, host + ".c"), work)
            run([cc, "-std=c17", "-Wall", "-Wextra", "-Werror", "-I.", host + ".c", "libreactor.a",
                 "-lm", "-lpthread", "-o", host], cwd=work)
            r = subprocess.run([os.path.join(work, host)], capture_output=True, text=True, timeout=60)
            if r.returncode != 0 or r.stdout != want:
                sys.stderr.write("FAIL: %s exited %d\n--- stdout\n%s--- want\n%s--- stderr\n%s"
                                 % (host, r.returncode, r.stdout, want, r.stderr))
                return 1
    print("ok: C hosts (generated header, and pogo.h) called the Go reactor's exports and served its import")
    return 0


if __name__ == "__main__":
    sys.exit(main())
