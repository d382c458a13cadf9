#!/usr/bin/env python3
"""test_malformed.py - pogo on garbage, empty, truncated and otherwise malformed input.

Every input that is not a valid module must make `pogo inspect`, `pogo emit-c` and (for a
sample of them) `pogo build` fail the same orderly way: exit status exactly 1 (never a
signal), within a few seconds, with exactly one line on stderr of the form
`pogo: <file>: [0x<offset>: ]<message>`, nothing on stdout, and nothing left behind:
emit-c's output directory gains no file (not even a hidden temporary), build's output
does not appear, the build cache stays empty.

Inputs: random garbage, an empty file, a directory, a missing file, the magic with wrong
versions, EVERY prefix of a small module that has every section kind (built with
`wat2wasm --debug-names` from the text below), bad LEB128 (too long, too large), sections
out of order and repeated, counts far beyond the bytes left, oversized section sizes,
invalid bodies and unsupported proposals. The prefixes that happen to be complete
modules, the module itself and a module with a garbage name section must succeed
(exit 0, files written), so the test cannot pass vacuously.

The pogo executable comes from $POGO. Prints a summary "N cases passed, N failed" and
exits 1 on any failure.
"""

import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

POGO = os.environ.get("POGO") or shutil.which("pogo")
TIMEOUT = 5  # seconds per run; a healthy run takes milliseconds

RICH_WAT = r"""
(module $rich
  (type $t0 (func (param i32) (result i32)))
  (type $t1 (func))
  (import "env" "imp" (func $imp (type $t0)))
  (import "env" "g" (global $gi i32))
  (table $tab 2 10 funcref)
  (memory $mem 1 2)
  (global $g (mut i32) (i32.const 7))
  (export "add1" (func $add1))
  (export "mem" (memory $mem))
  (export "tab" (table $tab))
  (export "g" (global $g))
  (start $init)
  (elem (i32.const 0) $add1 $imp)
  (func $add1 (type $t0) (local $tmp i32)
    local.get 0
    i32.const 1
    i32.add
    local.tee $tmp
    global.get $g
    i32.add)
  (func $init (type $t1)
    i32.const 0
    i32.const 0
    i32.const 4
    memory.init 1
    data.drop 1)
  (data (i32.const 16) "hello")
  (data "passive"))
"""

HEADER = b"\x00asm\x01\x00\x00\x00"


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


def sections(data):
    """(id, start, end) of each section of a well-formed module."""
    out, pos = [], 8
    while pos < len(data):
        sid, q, size, shift = data[pos], pos + 1, 0, 0
        while True:
            b = data[q]
            q += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        out.append((sid, pos, q + size))
        pos = q + size
    return out


TYPE_VOID = section(1, b"\x01\x60\x00\x00")
FUNC1 = section(3, b"\x01\x00")


def code(body):
    return section(10, b"\x01" + leb(len(body)) + body)


def build_cases(tmp):
    """[(name, path, expect_ok)]; paths may be missing files or directories."""
    cases = []
    casedir = os.path.join(tmp, "cases")
    os.mkdir(casedir)

    def add(name, data, ok=False):
        path = os.path.join(casedir, name + ".wasm")
        with open(path, "wb") as f:
            f.write(data)
        cases.append((name, path, ok))

    rng = random.Random(20240607)
    add("garbage-1k", bytes(rng.randrange(256) for _ in range(1024)))
    add("garbage-text", b"hello, world\n")
    add("garbage-after-header", HEADER + bytes(rng.randrange(256) for _ in range(300)))
    add("empty", b"")
    os.mkdir(os.path.join(casedir, "a-directory.wasm"))
    cases.append(("directory", os.path.join(casedir, "a-directory.wasm"), False))
    cases.append(("missing", os.path.join(casedir, "no-such-file.wasm"), False))
    add("magic-version-2", b"\x00asm\x02\x00\x00\x00")
    add("magic-version-big-endian", b"\x00asm\x00\x00\x00\x01")
    add("wat-text", RICH_WAT.encode())

    # the rich module and every prefix of it
    src = os.path.join(tmp, "rich.wat")
    with open(src, "w") as f:
        f.write(RICH_WAT)
    rich_path = os.path.join(tmp, "rich.wasm")
    subprocess.run(["wat2wasm", "--debug-names", src, "-o", rich_path], check=True)
    with open(rich_path, "rb") as f:
        rich = f.read()
    secs = sections(rich)
    assert [s[0] for s in secs] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11, 0], "rich.wat lost a section"
    # a cut exactly after these sections leaves a complete, valid module
    complete = {8} | {end for sid, _, end in secs if sid in (1, 2, 11, 0)}
    add("rich", rich, ok=True)
    for n in range(len(rich)):
        add("rich-prefix-%03d" % n, rich[:n], ok=n in complete)

    # bad LEB128
    add("leb-section-size-too-long", HEADER + b"\x01\x80\x80\x80\x80\x80\x00")
    add("leb-section-size-too-large", HEADER + b"\x01\xff\xff\xff\xff\x7f")
    add("leb-type-count-too-long", HEADER + b"\x01\x07\x80\x80\x80\x80\x80\x80\x00")
    add("leb-i32-const-too-large", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x41\xff\xff\xff\xff\x0f\x1a\x0b"))
    add("leb-i64-const-too-long", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x42" + b"\x80" * 10 + b"\x00\x1a\x0b"))
    add("leb-local-index-cut", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x20\x80"))

    # section order
    add("order-function-before-type", HEADER + FUNC1 + TYPE_VOID)
    add("order-type-twice", HEADER + TYPE_VOID + TYPE_VOID)
    add("order-code-twice", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x0b") + code(b"\x00\x0b"))
    add("order-data-count-after-code", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x0b") + section(12, b"\x00"))
    add("order-unknown-id", HEADER + section(14, b""))
    add("order-tag-section", HEADER + section(13, b"\x00"))

    # counts beyond the bytes left
    add("count-functions-4G", HEADER + TYPE_VOID + section(3, b"\xff\xff\xff\xff\x0f\x00"))
    add("count-types-4G", HEADER + section(1, b"\xff\xff\xff\xff\x0f\x60\x00\x00"))
    add("count-imports-4G", HEADER + section(2, b"\xff\xff\xff\xff\x0f"))
    add("count-exports-4G", HEADER + section(7, b"\xff\xff\xff\xff\x0f\x00"))
    add("count-data-4G", HEADER + section(11, b"\xff\xff\xff\xff\x0f"))
    add("count-locals-4G", HEADER + TYPE_VOID + FUNC1 + code(b"\x02\xff\xff\xff\xff\x0f\x7f\xff\xff\xff\xff\x0f\x7e\x0b"))
    add("count-br-table-4G", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x41\x00\x0e\xff\xff\xff\xff\x0f\x00\x0b"))
    add("count-name-length-4G", HEADER + section(0, b"\xff\xff\xff\xff\x0fname"))
    add("count-code-vs-function", HEADER + TYPE_VOID + section(3, b"\x02\x00\x00") + code(b"\x00\x0b"))

    # oversized section sizes
    add("size-4G", HEADER + b"\x01\xf0\xff\xff\xff\x0f\x01\x60\x00\x00")
    add("size-one-too-many", HEADER + b"\x01\x05\x01\x60\x00\x00")
    add("size-body-past-section", HEADER + TYPE_VOID + FUNC1 + section(10, b"\x01\x09\x00\x0b"))

    # valid encodings, invalid modules
    add("invalid-type-mismatch", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x41\x01\x42\x01\x6a\x1a\x0b"))
    add("invalid-unknown-local", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x20\x05\x1a\x0b"))
    add("invalid-duplicate-export", HEADER + TYPE_VOID + FUNC1 + section(7, b"\x02\x01a\x00\x00\x01a\x00\x00")
        + code(b"\x00\x0b"))
    add("invalid-deep-nesting-unclosed", HEADER + TYPE_VOID + FUNC1 + code(b"\x00" + b"\x02\x40" * 50000 + b"\x0b"))
    add("unsupported-simd", HEADER + section(1, b"\x01\x60\x01\x7b\x00"))
    add("unsupported-threads", HEADER + section(5, b"\x01\x03\x01\x01"))

    # valid despite a garbage name section
    add("valid-garbage-name-section", HEADER + TYPE_VOID + FUNC1 + code(b"\x00\x0b")
        + section(0, b"\x04name\x01\x05\xff\xff\xff\xff\x0f\x02\xff"), ok=True)
    return cases


def listing(path):
    out = []
    for root, dirs, files in os.walk(path):
        for n in dirs + files:
            out.append(os.path.relpath(os.path.join(root, n), path))
    return sorted(out)


def run(args, env):
    try:
        p = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT, env=env)
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"), False
    except subprocess.TimeoutExpired as e:
        return None, "", (e.stderr or b"").decode(errors="replace"), True


def check_failure(what, path, rc, out, err, timed_out, stdout_allowed=False):
    """Problems with a run that had to fail: [] when it failed the orderly way."""
    problems = []
    if timed_out:
        return ["%s: no result within %d s" % (what, TIMEOUT)]
    if rc is not None and rc < 0:
        problems.append("%s: killed by signal %d" % (what, -rc))
    elif rc != 1:
        problems.append("%s: exit status %s, expected 1" % (what, rc))
    lines = err.split("\n")
    if len(lines) != 2 or lines[1] != "":
        problems.append("%s: stderr is not exactly one line: %r" % (what, err[:800]))
    pattern = r"pogo: %s: (0x[0-9a-f]+: )?\S.*" % re.escape(path)
    if not re.fullmatch(pattern, lines[0]):
        problems.append("%s: stderr line %r does not match 'pogo: %s: [0x<hex>: ]<message>'" % (what, lines[0], path))
    if out and not stdout_allowed:
        problems.append("%s: unexpected stdout %r" % (what, out[:200]))
    return problems


def run_case(case, tmp, env, with_build):
    name, path, ok = case
    problems = []
    checks = 0

    # inspect
    checks += 1
    rc, out, err, to = run([POGO, "inspect", path], env)
    if ok:
        if rc != 0 or err:
            problems.append("inspect %s: expected success, got status %s: %r" % (name, rc, err[:300]))
    else:
        problems += check_failure("inspect " + name, path, rc, out, err, to)

    # emit-c into a directory that already holds a file of ours
    checks += 1
    outdir = os.path.join(tmp, "out-" + name)
    os.mkdir(outdir)
    with open(os.path.join(outdir, "keep.txt"), "w") as f:
        f.write("mine\n")
    rc, out, err, to = run([POGO, "emit-c", path, "-o", outdir], env)
    after = listing(outdir)
    if ok:
        if rc != 0 or err:
            problems.append("emit-c %s: expected success, got status %s: %r" % (name, rc, err[:300]))
        elif not any(f.endswith(".h") for f in after) or not any(f.endswith(".c") for f in after):
            problems.append("emit-c %s: succeeded but wrote %r" % (name, after))
        elif any(f.startswith(".") for f in after):
            problems.append("emit-c %s: left a temporary behind: %r" % (name, after))
    else:
        problems += check_failure("emit-c " + name, path, rc, out, err, to)
        if after != ["keep.txt"]:
            problems.append("emit-c %s: output directory now holds %r" % (name, after))
    shutil.rmtree(outdir, ignore_errors=True)

    # emit-c into a directory that does not exist yet: a failure must not create it
    if not ok:
        checks += 1
        fresh = os.path.join(tmp, "fresh-" + name)
        rc, out, err, to = run([POGO, "emit-c", path, "-o", fresh], env)
        problems += check_failure("emit-c (new dir) " + name, path, rc, out, err, to)
        if os.path.exists(fresh):
            problems.append("emit-c (new dir) %s: created %r holding %r" % (name, fresh, listing(fresh)))
            shutil.rmtree(fresh, ignore_errors=True)

    if with_build and not ok:
        for extra in ([], ["--no-cache"]):
            checks += 1
            exe = os.path.join(tmp, "exe-" + name + ("-nc" if extra else ""))
            rc, out, err, to = run([POGO, "build", path, "-o", exe] + extra, env)
            problems += check_failure("build %s %s" % (" ".join(extra), name), path, rc, out, err, to)
            if os.path.exists(exe):
                problems.append("build %s: left %s behind" % (name, exe))
    return checks, problems


def main():
    if not POGO:
        print("test_malformed.py: set POGO to the pogo executable")
        return 1
    if not shutil.which("wat2wasm"):
        print("test_malformed.py: wat2wasm (wabt) is required")
        return 1
    with tempfile.TemporaryDirectory(prefix="pogo-malformed-") as tmp:
        env = dict(os.environ)
        cache = os.path.join(tmp, "cache")
        env["POGO_CACHE_DIR"] = cache
        env["TMPDIR"] = os.path.join(tmp, "scratch")
        os.mkdir(env["TMPDIR"])
        cases = build_cases(tmp)
        # build runs on a sample: every non-prefix case and a few prefixes
        def wants_build(name):
            return not name.startswith("rich-prefix-") or name.endswith(("-000", "-007", "-020", "-100", "-200"))

        passed = failed = 0
        jobs = max(2, min(16, os.cpu_count() or 2))
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            futures = [pool.submit(run_case, c, tmp, env, wants_build(c[0])) for c in cases]
            for fut in futures:
                checks, problems = fut.result()
                failed += min(checks, len(problems))
                passed += checks - min(checks, len(problems))
                for p in problems:
                    print("FAIL " + p)
        # nothing may be left in the cache or the scratch directory
        for d in (cache, env["TMPDIR"]):
            left = listing(d) if os.path.exists(d) else []
            if left:
                failed += 1
                print("FAIL files left behind in %s: %r" % (os.path.basename(d), left[:20]))
            else:
                passed += 1
        nvalid = sum(1 for c in cases if c[2])
        print("%d inputs (%d valid); %d cases passed, %d failed" % (len(cases), nvalid, passed, failed))
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
