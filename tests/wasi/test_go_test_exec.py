#!/usr/bin/env python3
"""`go test -exec scripts/go_wasip1_wasm_exec` runs Go's own tests under pogo.

Runs GOOS=wasip1 `go test -short` for two standard packages (which must pass) and for
a throwaway module with one passing and one failing test (go test must report the
failure: the exit code of the test binary is passed through). Test binaries are built
with tcc (POGO_EXEC_FLAGS) to keep this quick. Environment: POGO (the pogo executable).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXEC = os.path.join(HERE, "..", "..", "scripts", "go_wasip1_wasm_exec")


def main():
    pogo = os.path.abspath(os.environ.get("POGO", "pogo"))
    env = dict(os.environ, GOOS="wasip1", GOARCH="wasm", GOTOOLCHAIN="local", POGO=pogo,
               POGO_EXEC_FLAGS="--cc tcc -O0")
    failures = 0
    r = subprocess.run(["go", "test", "-count=1", "-short", "-exec", os.path.abspath(EXEC), "unicode/utf8", "path"],
                       capture_output=True, text=True, env=env, timeout=900)
    oks = [l for l in r.stdout.splitlines() if l.startswith("ok")]
    if r.returncode != 0 or len(oks) != 2:
        print("FAIL: go test unicode/utf8 path:\n%s%s" % (r.stdout, r.stderr))
        failures += 1
    with tempfile.TemporaryDirectory(prefix="pogo-gotest-") as mod:
        with open(os.path.join(mod, "go.mod"), "w") as f:
            f.write("module example.com/t\n\ngo 1.21\n")
        with open(os.path.join(mod, "t_test.go"), "w") as f:
            f.write('package t\n\nimport ("os"; "testing")\n\n'
                    'func TestPasses(t *testing.T) { if _, err := os.Stat("t_test.go"); err != nil { t.Fatal(err) } }\n'
                    'func TestFails(t *testing.T) { t.Fatal("deliberate") }\n')
        r = subprocess.run(["go", "test", "-count=1", "-v", "-exec", os.path.abspath(EXEC), "."], cwd=mod,
                           capture_output=True, text=True, env=env, timeout=900)
        if not (r.returncode == 1 and "--- PASS: TestPasses" in r.stdout and "--- FAIL: TestFails" in r.stdout
                and "deliberate" in r.stdout):
            print("FAIL: a failing test must fail go test (exit %d):\n%s%s" % (r.returncode, r.stdout, r.stderr))
            failures += 1
    if failures:
        return 1
    print("ok: go test -exec through pogo (2 packages pass, a failing test fails, testdata found via PWD)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
