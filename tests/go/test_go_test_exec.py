#!/usr/bin/env python3
"""`go test -exec` runs Go's own tests under pogo, for GOOS=wasip1
(scripts/go_wasip1_wasm_exec) and GOOS=js (scripts/go_js_wasm_exec).

For each, runs `go test -short` for two standard packages (which must pass) and for a
throwaway module with one passing and one failing test that reads a file beside it
(go test must report the failure: the exit code of the test binary is passed through,
and the test finds its package directory). Test binaries are built with tcc
(POGO_EXEC_FLAGS) to keep this quick. Environment: POGO (the pogo executable).
"""
import os
import subprocess
import sys
import tempfile

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


def main():
    pogo = os.path.abspath(os.environ.get("POGO", "pogo"))
    failures = check("wasip1", pogo) + check("js", pogo)
    if failures:
        return 1
    print("ok: go test -exec through pogo for wasip1 and js (2 packages pass each, a failing test fails, "
          "testdata found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
