#!/usr/bin/env python3
"""`go test -exec` runs Go's own tests under pogo, for GOOS=wasip1
(scripts/go_wasip1_wasm_exec) and GOOS=js (scripts/go_js_wasm_exec).

For each, runs `go test -short` for two standard packages (which must pass) and for a
throwaway module with one passing and one failing test that reads a file beside it
(go test must report the failure: the exit code of the test binary is passed through,
and the test finds its package directory). Then, without -exec, with the build's
go-exec directory (links named go_js_wasm_exec and go_wasip1_wasm_exec to pogo) first
on PATH: go test finds pogo itself, and a second run of the same tests finds every test
binary in pogo's cache (no new entry). Test binaries are built with tcc
(POGO_EXEC_FLAGS) to keep this quick. Environment: POGO (the pogo executable).
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "..", "scripts")


def check(goos, pogo):
    exe = os.path.abspath(os.path.join(SCRIPTS, "go_%s_wasm_exec" % goos))
    env = dict(os.environ, GOOS=goos, GOARCH="wasm", GOTOOLCHAIN="local", POGO=pogo, POGO_EXEC_FLAGS="--cc tcc -O0")
    failures = 0
    r = subprocess.run(["go", "test", "-count=1", "-short", "-exec", exe, "unicode/utf8", "path"],
                       capture_output=True, text=True, env=env, timeout=900)
    oks = [l for l in r.stdout.splitlines() if l.startswith("ok")]
    if r.returncode != 0 or len(oks) != 2:
        print("FAIL [%s]: go test unicode/utf8 path:\n%s%s" % (goos, r.stdout, r.stderr))
        failures += 1
    with tempfile.TemporaryDirectory(prefix="pogo-gotest-") as mod:
        with open(os.path.join(mod, "go.mod"), "w") as f:
            f.write("module example.com/t\n\ngo 1.21\n")
        with open(os.path.join(mod, "t_test.go"), "w") as f:
            f.write('package t\n\nimport ("os"; "testing")\n\n'
                    'func TestPasses(t *testing.T) { if _, err := os.Stat("t_test.go"); err != nil { t.Fatal(err) } }\n'
                    'func TestFails(t *testing.T) { t.Fatal("deliberate") }\n')
        r = subprocess.run(["go", "test", "-count=1", "-v", "-exec", exe, "."], cwd=mod,
                           capture_output=True, text=True, env=env, timeout=900)
        if not (r.returncode == 1 and "--- PASS: TestPasses" in r.stdout and "--- FAIL: TestFails" in r.stdout
                and "deliberate" in r.stdout):
            print("FAIL [%s]: a failing test must fail go test (exit %d):\n%s%s" % (goos, r.returncode, r.stdout,
                                                                                   r.stderr))
            failures += 1
    return failures


def cache_entries(cache):
    return sum(1 for top in os.listdir(cache) if len(top) == 2 for _ in os.listdir(os.path.join(cache, top)))


def check_path_links(pogo):
    """go test finds go_$GOOS_wasm_exec on PATH: the go-exec links make that pogo."""
    links = os.path.join(os.path.dirname(pogo), "go-exec")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="pogo-gotest-cache-") as cache:
        for goos in ("js", "wasip1"):
            env = dict(os.environ, GOOS=goos, GOARCH="wasm", GOTOOLCHAIN="local", POGO_CACHE_DIR=cache,
                       PATH=links + os.pathsep + os.environ.get("PATH", ""), POGO_EXEC_FLAGS="--cc tcc -O0")
            env.pop("POGO", None)
            times, entries = [], []
            for _ in range(2):
                t0 = time.monotonic()
                r = subprocess.run(["go", "test", "-count=1", "-short", "unicode/utf8"], capture_output=True,
                                   text=True, env=env, timeout=900)
                times.append(time.monotonic() - t0)
                entries.append(cache_entries(cache))
                if r.returncode != 0 or not r.stdout.startswith("ok"):
                    print("FAIL [%s]: go test with %s on PATH:\n%s%s" % (goos, links, r.stdout, r.stderr))
                    failures += 1
                    break
            else:
                if entries[1] != entries[0] or entries[0] < 1:
                    print("FAIL [%s]: the second go test built again (cache entries %s)" % (goos, entries))
                    failures += 1
                else:
                    print("ok [%s]: go test through %s/go_%s_wasm_exec: %.1fs, again from the cache: %.1fs"
                          % (goos, os.path.basename(links), goos, times[0], times[1]))
    return failures


def main():
    pogo = os.path.abspath(os.environ.get("POGO", "pogo"))
    failures = check("wasip1", pogo) + check("js", pogo) + check_path_links(pogo)
    if failures:
        return 1
    print("ok: go test -exec through pogo for wasip1 and js (2 packages pass each, a failing test fails, "
          "testdata found; go-exec links on PATH, cached rebuilds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
