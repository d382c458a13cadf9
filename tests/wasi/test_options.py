#!/usr/bin/env python3
"""WASI options: what a guest is given by default, by `pogo run`, by options baked in
with `pogo build`, and by $POGO_WASI at run time.

The guest (options/show.c) prints its arguments, environment, preopens and whether it
can read /probe. Checked: nothing by default (no preopen, empty environment, /probe
unreadable); --dir/--env on `pogo run`; baked options in a built executable, with
$POGO_WASI adding more; --inherit-env (without POGO_WASI itself); and the errors: a
missing directory (one line, exit 1, guest not run) and malformed options (exit 2).
Environment: POGO.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FAILED = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond else " " + detail))
    if not cond:
        FAILED.append(what)


def main():
    pogo = os.environ.get("POGO", "pogo")
    with tempfile.TemporaryDirectory(prefix="pogo-opts-") as work:
        wasm = os.path.join(work, "show.wasm")
        subprocess.run(["clang", "--target=wasm32-wasi", "-O1", "-o", wasm, os.path.join(HERE, "options", "show.c")],
                       check=True)
        data = os.path.join(work, "data")
        os.mkdir(data)
        with open(os.path.join(data, "probe"), "w") as f:
            f.write("granted\n")
        base_env = {k: v for k, v in os.environ.items() if k != "POGO_WASI"}
        base_env["SECRET_OF_HOST"] = "s3"

        def run(cmd, env=None):
            return subprocess.run(cmd, capture_output=True, text=True, env=env or base_env, timeout=300)

        r = run([pogo, "run", "--cc", "tcc", "-O0", wasm, "--", "a1"])
        check(r.returncode == 0 and r.stdout == "arg %s\narg a1\nprobe unreadable\n" % wasm,
              "pogo run: nothing granted by default", repr(r.stdout + r.stderr))
        r = run([pogo, "run", "--cc", "tcc", "-O0", "--dir", data + "::/", "--env", "K=V=W", "--env", "E=", wasm])
        check(r.returncode == 0 and "env K=V=W\n" in r.stdout and "env E=\n" in r.stdout
              and "preopen 3 /\n" in r.stdout and "probe granted\n" in r.stdout and "SECRET_OF_HOST" not in r.stdout,
              "pogo run --dir --env", repr(r.stdout + r.stderr))
        exe = os.path.join(work, "show")
        r = run([pogo, "build", "--cc", "tcc", "-O0", "--dir", data + "::/", "--env", "BAKED=1", wasm, "-o", exe])
        check(r.returncode == 0, "pogo build with WASI options", r.stderr)
        r = run([exe, "x"])
        check(r.returncode == 0 and r.stdout.startswith("arg %s\narg x\n" % exe) and "env BAKED=1\n" in r.stdout
              and "probe granted\n" in r.stdout, "baked options apply", repr(r.stdout + r.stderr))
        r = run([exe], dict(base_env, POGO_WASI="--env\nMORE=2\n--dir\n%s::/extra" % work))
        check(r.returncode == 0 and "env BAKED=1\n" in r.stdout and "env MORE=2\n" in r.stdout
              and "preopen 4 /extra\n" in r.stdout, "$POGO_WASI adds to baked options", repr(r.stdout + r.stderr))
        r = run([exe], dict(base_env, POGO_WASI="--inherit-env"))
        check(r.returncode == 0 and "env SECRET_OF_HOST=s3\n" in r.stdout and "POGO_WASI" not in r.stdout,
              "--inherit-env passes the environment, not POGO_WASI", repr(r.stdout))
        r = run([exe], dict(base_env, POGO_WASI="--dir\n/nonexistent/pogo-dir"))
        check(r.returncode == 1 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1
              and "--dir /nonexistent/pogo-dir: No such file or directory" in r.stderr,
              "a missing directory: one line, exit 1, guest not run", repr(r.stderr))
        r = run([exe], dict(base_env, POGO_WASI="--bogus"))
        check(r.returncode == 1 and "unknown WASI option '--bogus'" in r.stderr, "unknown option in $POGO_WASI",
              repr(r.stderr))
        for bad in (["--env", "NOEQUALS"], ["--env"], ["--dir"]):
            r = run([pogo, "run", wasm] + bad)
            check(r.returncode == 2, "pogo run %s: exit 2" % " ".join(bad), repr(r.stderr))
        r = run([pogo, "emit-c", wasm, "-o", os.path.join(work, "c"), "--dir", data])
        check(r.returncode == 2, "emit-c refuses WASI options", repr(r.stderr))
    print("%d checks failed" % len(FAILED) if FAILED else "all checks passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
