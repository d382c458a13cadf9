#!/usr/bin/env python3
"""test_hostile.py - hostile guests, contained (see SECURITY.md).

Every case is a guest that tries to harm its host; each must end in a trap or an error
naming what happened (and the function, where there is one), with a defined exit status
(1: refused before running, 2: usage, 124: time limit, 134: trap, Go's own 2 for its
fatal errors), and the host unharmed: no crash, no hang, nothing read or written
outside linear memory (the unit tests in this directory call every host import with
pointers outside memory; this runner covers whole programs):

  - out-of-bounds accesses at every width near 4 GiB, with offsets that carry the
    address past 2^32 (.wast generated here, 1-page memory and, with enough RAM, a
    maximal 65535-page one), bulk memory and table operations out of range, call_indirect
    type confusion and null entries, table.grow past pogo's limit (wast/*.wast);
  - memory.grow to the maximum and beyond, --max-memory for run, build and built
    executables ($POGO_MAX_MEMORY), the embedding API's memory_limit and timeout_ns
    (host/embed_limits.c), Go running out of memory under a limit;
  - infinite recursion in a plain module, a C guest and a Go guest;
  - guests that never yield, stopped by --timeout: a loop without calls, a C loop, a C
    guest blocked reading stdin, Go spinning and Go asleep;
  - a Go guest holding millions of JS values; a module posing as Go that hands the JS
    host a pointer outside memory;
  - modules made to exhaust the compiler: 100k functions, 50k locals, 20k nested
    blocks, loops and ifs, 1M nested blocks (accepted) and one more (refused), a
    1M-instruction function, a declared 1 GiB data segment, a file over 1 GiB, a table
    over 10M elements, a memory of 65536 pages.

Guests are built with tcc (fast) unless a case is about code GCC optimises; Go and
clang (wasm32-wasi) build the Go and C guests. With a sanitizer build of pogo (whose
guests carry the sanitizer too) guests are built with the default C compiler, and the
Go guests, the .wast files and the giant modules are left out. Environment: POGO, CC (for the host
program). Prints one line per check; exits 1 if any failed.
"""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GUESTS = os.path.join(HERE, "guests")
POGO = os.environ.get("POGO") or shutil.which("pogo")
FAILED = []


def guest_flags():
    """The C flags a sanitizer build of pogo gives guests (and hosts must use)."""
    p = subprocess.run([POGO, "version"], stdout=subprocess.PIPE, text=True) if POGO else None
    for line in (p.stdout if p else "").splitlines():
        if line.startswith("guest C flags:"):
            return line.split(":", 1)[1].split()
    return []


SANITIZED = bool(guest_flags())
# the fast compiler for guests; a sanitized pogo needs one that takes its flags
TCC = os.environ.get("CC", "cc") if SANITIZED else shutil.which("tcc")


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else "\n     " + detail.strip()[:2000]))
    sys.stdout.flush()
    if not cond:
        FAILED.append(what)


def run(args, timeout=300, **kw):
    t0 = time.monotonic()
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                           timeout=timeout, **kw)
    except subprocess.TimeoutExpired as e:
        p = subprocess.CompletedProcess(args, -999, e.stdout or "", "timed out after %ds" % timeout)
    p.seconds = time.monotonic() - t0
    return p


def last_line(p):
    lines = [l for l in p.stderr.splitlines() if l.strip()]
    return lines[-1] if lines else ""


def expect(p, code, pattern, what):
    """Exit status `code` and a last stderr line matching `pattern`."""
    line = last_line(p)
    ok = p.returncode == code and re.search(pattern, line) is not None
    check(ok, what, "exit %s, last line %r\n%s" % (p.returncode, line, p.stderr[-1500:]))


def wat(work, name, text=None, extra=""):
    """Assemble guests/NAME.wat (or text), with `extra` fields added to the module."""
    text = text if text is not None else open(os.path.join(GUESTS, name + ".wat")).read()
    if extra:
        text = text.rstrip()
        assert text.endswith(")")
        text = text[:-1] + "\n  " + extra + ")\n"
    src, out = os.path.join(work, name + ".wat"), os.path.join(work, name + ".wasm")
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["wat2wasm", "--debug-names", src, "-o", out], check=True)
    return out


def u32_data(value):
    return '(data (i32.const 0) "%s")' % "".join("\\%02x" % ((value >> s) & 0xFF) for s in (0, 8, 16, 24))


def pogo_run(wasm, *opts, args=(), timeout=120, **kw):
    return run([POGO, "run", "--cc", TCC, "-O0"] + list(opts) + [wasm, "--"] + list(args), timeout=timeout, **kw)


# ---- wast: the trap matrix ----

LOADS = [("i32.load", 4, "i32"), ("i64.load", 8, "i64"), ("f32.load", 4, "f32"), ("f64.load", 8, "f64"),
         ("i32.load8_s", 1, "i32"), ("i32.load8_u", 1, "i32"), ("i32.load16_s", 2, "i32"), ("i32.load16_u", 2, "i32"),
         ("i64.load8_s", 1, "i64"), ("i64.load8_u", 1, "i64"), ("i64.load16_s", 2, "i64"),
         ("i64.load16_u", 2, "i64"), ("i64.load32_s", 4, "i64"), ("i64.load32_u", 4, "i64")]
STORES = [("i32.store", 4, "i32"), ("i64.store", 8, "i64"), ("f32.store", 4, "f32"), ("f64.store", 8, "f64"),
          ("i32.store8", 1, "i32"), ("i32.store16", 2, "i32"), ("i64.store8", 1, "i64"), ("i64.store16", 2, "i64"),
          ("i64.store32", 4, "i64")]
OFFSETS = [0, 1, 16, 0x7FFFFFFF, 0xFFFF0000, 0xFFFFFFF0, 0xFFFFFFFF]
ADDRESSES = [0xFFFFFFF0, 0xFFFFFFF8, 0xFFFFFFFC, 0xFFFFFFFF]


def memory_wast(pages):
    """Every load and store width, with every static offset, at addresses near 4 GiB:
    all out of bounds (and the last in-bounds accesses of a `pages`-page memory)."""
    size = pages * 65536
    out = [";; generated by test_hostile.py: accesses near 4 GiB in a %d-page memory" % pages,
           "(module", "  (memory %d)" % pages]
    for op, _, t in LOADS:
        for off in OFFSETS:
            out.append('  (func (export "%s@%d") (param i32) (drop (%s offset=%d (local.get 0))))' % (op, off, op, off))
    for op, _, t in STORES:
        for off in OFFSETS:
            out.append('  (func (export "%s@%d") (param i32) (%s offset=%d (local.get 0) (%s.const 0)))'
                       % (op, off, op, off, t))
    out.append('  (func (export "last") (param i32) (result i32) (i32.load8_u (local.get 0)))')
    out.append(")")
    for op, width, _ in LOADS + STORES:
        for off in OFFSETS:
            for addr in ADDRESSES:
                out.append('(assert_trap (invoke "%s@%d" (i32.const %d)) "out of bounds memory access")'
                           % (op, off, addr - (1 << 32)))
            # the last address that fits, and the first that does not
            if off + width <= size:
                out.append('(assert_return (invoke "%s@%d" (i32.const %d)))' % (op, off, size - width - off))
                out.append('(assert_trap (invoke "%s@%d" (i32.const %d)) "out of bounds memory access")'
                           % (op, off, size - width - off + 1 - ((1 << 32) if size - width - off + 1 >= 1 << 31 else 0)))
    out.append('(assert_return (invoke "last" (i32.const %d)) (i32.const 0))' % (size - 1 - ((1 << 32) if size - 1 >= 1 << 31 else 0)))
    return "\n".join(out) + "\n"


def grow_wast():
    """memory.grow to the 65535-page maximum and beyond (needs 4 GiB of address space
    made writable, never touched)."""
    return """;; generated by test_hostile.py: growth to the maximum
(module
  (memory 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load_hi") (param i32) (result i64) (i64.load offset=0xFFFEFFF8 (local.get 0))))
(assert_return (invoke "grow" (i32.const 65535)) (i32.const -1))
(assert_return (invoke "grow" (i32.const -1)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 65534)) (i32.const 1))
(assert_return (invoke "size") (i32.const 65535))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 0)) (i32.const 65535))
(assert_return (invoke "load" (i32.const -65537)) (i32.const 0))
(assert_trap (invoke "load" (i32.const -65536)) "out of bounds memory access")
(assert_trap (invoke "load" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "load_hi" (i32.const 0)) (i64.const 0))
(assert_trap (invoke "load_hi" (i32.const 1)) "out of bounds memory access")
"""


def mem_total():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def test_wast(work):
    wdir = os.path.join(work, "wast")
    os.makedirs(wdir)
    for name in sorted(os.listdir(os.path.join(HERE, "wast"))):
        shutil.copy(os.path.join(HERE, "wast", name), wdir)
    with open(os.path.join(wdir, "memory_near_4g.wast"), "w") as f:
        f.write(memory_wast(1))
    big = mem_total() >= 6 << 30  # the maximal memories are writable 4 GiB mappings
    if big:
        with open(os.path.join(wdir, "memory_max.wast"), "w") as f:
            f.write(memory_wast(65535))
        with open(os.path.join(wdir, "grow_max.wast"), "w") as f:
            f.write(grow_wast())
    runner = [sys.executable, os.path.join(HERE, "..", "wast", "run_wast.py"), "--pogo", POGO, "-j", "2"]
    p = run(runner + [wdir], timeout=900, env=dict(os.environ, CC=TCC))
    tail = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    check(p.returncode == 0, "wast (tcc): %s%s" % (tail, "" if big else " (no 4 GiB memories: less than 6 GiB of RAM)"),
          p.stdout[-3000:] + p.stderr[-2000:])
    # the guard-page path under GCC's optimiser (loads whose result is dropped)
    p = run(runner + ["--opt=-O2", os.path.join(wdir, "memory_near_4g.wast")], timeout=900)
    tail = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
    check(p.returncode == 0, "wast (gcc -O2): " + tail, p.stdout[-3000:] + p.stderr[-2000:])


# ---- plain modules as executables ----

def test_traps(work):
    oob = [wat(work, "oob%d" % k, open(os.path.join(GUESTS, "oob.wat")).read(),
               '(data (i32.const 0) "\\%02x")' % k) for k in range(3)]
    expect(pogo_run(oob[0]), 134, r"^oob0\.wasm: trap: out of bounds memory access in function 'peek' \(#0\)$",
           "a load at 0xFFFFFFF0 + 32 traps, naming the function")
    expect(pogo_run(oob[1]), 134, r"^oob1\.wasm: trap: indirect call type mismatch in function 'confused' \(#1\)$",
           "call_indirect through the wrong type traps")
    expect(pogo_run(oob[2]), 134, r"^oob2\.wasm: trap: out of bounds table access in function 'past_table' \(#2\)$",
           "table.get past the end traps")
    rec = wat(work, "recursion")
    expect(pogo_run(rec), 134, r"^recursion\.wasm: trap: call stack exhausted in function 'down' \(#0\)$",
           "infinite recursion in a plain module: call stack exhausted")
    p = run([POGO, "run", "-O2", rec])
    expect(p, 134, r"^recursion\.wasm: trap: call stack exhausted in function 'down' \(#0\)$",
           "infinite recursion at gcc -O2 (no tail call turned into a loop)")
    bad_data = wat(work, "data_oob", "(module (memory 1) (data (i32.const 65530) \"0123456789\") (func (export \"_start\")))")
    expect(pogo_run(bad_data), 134, r"^data_oob\.wasm: trap: out of bounds memory access while instantiating$",
           "a data segment past the end of memory traps at instantiation")
    huge_mem = wat(work, "mem65536", "(module (memory 65536) (func (export \"_start\")))")
    expect(pogo_run(huge_mem), 1, r"^mem65536\.wasm: link error: cannot allocate memory of 65536 pages$",
           "a 65536-page (4 GiB) memory is refused at instantiation (exit 1)")


def test_memory_limits(work):
    def grow(expected, name):
        return wat(work, name, open(os.path.join(GUESTS, "grow.wat")).read(), u32_data(expected))
    # without a limit: to 65535 pages (4 GiB - 64 KiB of address space, untouched)
    if mem_total() >= 6 << 30:
        expect(pogo_run(grow(65535, "grow_max")), 134,
               r"^grow_max\.wasm: trap: out of bounds memory access in function '_start'",
               "memory.grow reaches 65535 pages, then returns -1; the byte past the end traps")
    g16 = grow(16, "grow16")
    expect(pogo_run(g16, "--max-memory", "1M"), 134, r"^grow16\.wasm: trap: out of bounds memory access in function '_start'",
           "pogo run --max-memory 1M: memory.grow stops at 16 pages")
    expect(pogo_run(grow(15, "grow15"), "--max-memory", "1000K"), 134, r"out of bounds memory access in function '_start'",
           "--max-memory rounds down to whole pages (1000K: 15)")
    exe = os.path.join(work, "grow16")
    p = run([POGO, "build", "--cc", TCC, "-O0", "--max-memory", "1M", g16, "-o", exe])
    check(p.returncode == 0, "pogo build --max-memory 1M", p.stderr)
    expect(run([exe]), 134, r"out of bounds memory access in function '_start'", "the limit is baked into the executable")
    g32 = grow(32, "grow32")
    exe32 = os.path.join(work, "grow32")
    run([POGO, "build", "--cc", TCC, "-O0", "--max-memory", "1M", g32, "-o", exe32])
    expect(run([exe32], env=dict(os.environ, POGO_MAX_MEMORY="2M")), 134, r"out of bounds memory access in function '_start'",
           "$POGO_MAX_MEMORY replaces the baked limit at run time")
    expect(run([exe32], env=dict(os.environ, POGO_MAX_MEMORY="lots")), 1, r"\$POGO_MAX_MEMORY: 'lots' is not a size",
           "a malformed $POGO_MAX_MEMORY is refused (exit 1)")
    mem20 = wat(work, "mem20", "(module (memory 20) (func (export \"_start\")))")
    expect(pogo_run(mem20, "--max-memory", "1M"), 1,
           r"^mem20\.wasm: the module's initial memory of 20 pages \(1310720 bytes\) exceeds the memory limit of 1M$",
           "a limit below the initial memory is refused before the guest runs (exit 1)")
    for bad in ("0", "-1", "12Q", "1.5.5M", ""):
        p = run([POGO, "run", "--max-memory", bad, g16])
        check(p.returncode == 2 and "--max-memory needs a size" in p.stderr, "--max-memory %r is a usage error" % bad, p.stderr)
    # the cache key: the same module with two baked limits gives two executables
    a, b = os.path.join(work, "lim_a"), os.path.join(work, "lim_b")
    run([POGO, "build", "--cc", TCC, "-O0", "--max-memory", "2M", g32, "-o", a])
    run([POGO, "build", "--cc", TCC, "-O0", g32, "-o", b])
    expect(run([a]), 134, r"out of bounds memory access in function '_start'", "the same module built with a limit")
    expect(run([b]), 134, r"unreachable executed in function '_start'",
           "and without: not served from the cache entry of the limited build")


def test_timeouts(work):
    spin = wat(work, "spin")
    for cc, opt in ((TCC, "-O0"), ("gcc", "-O2"), ("clang", "-O2")):
        if cc != TCC and (SANITIZED or not shutil.which(cc)):
            continue
        p = run([POGO, "run", "--cc", cc, opt, "--timeout", "300ms", spin], timeout=120)
        expect(p, 124, r"^spin\.wasm: trap: time limit exceeded in function '(spin|_start)' \(#\d\), after 300ms$",
               "a loop without calls is stopped by --timeout (%s %s)" % (os.path.basename(cc), opt))
    calls = wat(work, "spin_calls", open(os.path.join(GUESTS, "spin.wat")).read(), u32_data(1))
    p = pogo_run(calls, "--timeout", "0.3s")
    expect(p, 124, r"^spin_calls\.wasm: trap: time limit exceeded in function '(calls|nop)' \(#\d\), after 300ms$",
           "a loop of calls is stopped")
    exe = os.path.join(work, "spin")
    run([POGO, "build", "--cc", TCC, "-O0", "--timeout", "250ms", spin, "-o", exe])
    p = run([exe], timeout=60)
    expect(p, 124, r"time limit exceeded in function 'spin' \(#1\), after 250ms$", "the time limit is baked in")
    check(p.seconds < 5, "and holds (%.1fs)" % p.seconds)
    p = run([exe], env=dict(os.environ, POGO_TIMEOUT="100ms"), timeout=60)
    expect(p, 124, r"after 100ms$", "$POGO_TIMEOUT replaces it")
    for bad in ("0", "soon", "1x", "-2s"):
        p = run([POGO, "run", "--timeout", bad, spin])
        check(p.returncode == 2 and "--timeout needs a duration" in p.stderr, "--timeout %r is a usage error" % bad, p.stderr)


# ---- WASI C guests ----

def clang_wasi(work, name):
    out = os.path.join(work, name + ".wasm")
    p = run(["clang", "--target=wasm32-wasi", "-O1", os.path.join(GUESTS, "c", name + ".c"), "-o", out])
    if p.returncode != 0:
        check(False, "clang --target=wasm32-wasi %s.c" % name, p.stderr)
        return None
    return out


def test_c_guests(work):
    rec = clang_wasi(work, "recursion")
    if rec:
        p = pogo_run(rec)
        expect(p, 134, r"^recursion\.wasm: trap: call stack exhausted in function 'down' \(#\d+\)$",
               "infinite recursion in a C guest")
        check(p.stdout == "recursing\n", "its output before the trap is kept", p.stdout)
        p = pogo_run(rec, args=["shadow"])
        expect(p, 134, r"^recursion\.wasm: trap: out of bounds memory access in function 'down_shadow' \(#\d+\)$",
               "a C guest whose stack in linear memory runs out traps when it leaves memory")
    spin = clang_wasi(work, "spin")
    if spin:
        p = pogo_run(spin, "--timeout", "300ms")
        expect(p, 124, r"^spin\.wasm: trap: time limit exceeded in function '[^']+' \(#\d+\), after 300ms$",
               "a C guest that never yields is stopped")
    reader = clang_wasi(work, "read_stdin")
    if reader:
        r, w = os.pipe()  # stdin that never delivers and never closes
        try:
            p = pogo_run(reader, "--timeout", "300ms", stdin=r, timeout=60)
        finally:
            os.close(r)
            os.close(w)
        expect(p, 124, r"^read_stdin\.wasm: trap: time limit exceeded, after 300ms$",
               "a C guest blocked in fd_read is stopped inside the host call")
        check(p.seconds < 10, "promptly (%.1fs)" % p.seconds)
    alloc = clang_wasi(work, "malloc_all")
    if alloc:
        p = pogo_run(alloc, "--max-memory", "16M")
        m = re.match(r"allocated (\d+) MiB\n", p.stdout)
        check(p.returncode == 0 and m and 10 <= int(m.group(1)) < 16,
              "malloc in a C guest fails cleanly at --max-memory 16M (%s)" % (m.group(1) if m else "?"), p.stdout + p.stderr)


# ---- Go guests ----

def go_build(work, goos):
    out = os.path.join(work, "hostile_%s.wasm" % goos)
    env = dict(os.environ, GOOS=goos, GOARCH="wasm", GOTOOLCHAIN="local")
    p = run(["go", "build", "-o", out, "."], cwd=os.path.join(GUESTS, "go"), env=env, timeout=600)
    if p.returncode != 0:
        check(False, "go build (GOOS=%s)" % goos, p.stderr)
        return None
    return out


def test_go(work):
    js = go_build(work, "js")
    if js:
        p = pogo_run(js, args=["recurse"], env=dict(os.environ, POGO_STACK_SIZE="64M"))
        expect(p, 134, r"^hostile_js\.wasm: trap: call stack exhausted in function 'main\.down' \(#\d+\)$",
               "infinite recursion in a Go guest (64 MiB native stack)")
        p = pogo_run(js, "--max-memory", "64M", args=["oom"])
        check(p.returncode == 2 and "fatal error: out of memory" in p.stderr,
              "Go under --max-memory 64M: 'fatal error: out of memory', exit 2", "exit %d\n%s" % (p.returncode, p.stderr[-800:]))
        p = pogo_run(js, args=["flood"], env=dict(os.environ, POGO_MAX_JS_VALUES="100000"))
        expect(p, 134, r"^hostile_js\.wasm: trap: gojs: syscall/js\.valueNew: more than 100000 JS values held at once",
               "Go holding JS values without end is stopped at the limit")
        p = pogo_run(js, "--timeout", "1s", args=["spin"])
        expect(p, 124, r"^hostile_js\.wasm: trap: time limit exceeded in function 'main\.main' \(#\d+\), after 1s$",
               "Go spinning is stopped by --timeout")
        p = pogo_run(js, "--timeout", "1s", args=["sleep"])
        expect(p, 124, r"^hostile_js\.wasm: trap: time limit exceeded, after 1s$",
               "Go asleep in the event loop is stopped by --timeout")
        check(p.stdout == "sleeping\n", "its output is kept", p.stdout)
    wasip1 = go_build(work, "wasip1")
    if wasip1:
        p = pogo_run(wasip1, "--timeout", "1s", args=["spin"])
        expect(p, 124, r"^hostile_wasip1\.wasm: trap: time limit exceeded in function 'main\.main' \(#\d+\), after 1s$",
               "Go wasip1 spinning is stopped by --timeout")
        p = pogo_run(wasip1, "--timeout", "1s", args=["sleep"])
        expect(p, 124, r"^hostile_wasip1\.wasm: trap: time limit exceeded, after 1s$",
               "Go wasip1 asleep in poll_oneoff is stopped")


def test_fake_go(work):
    fake = wat(work, "fake_go")
    p = pogo_run(fake)
    expect(p, 134, r"^fake_go\.wasm: trap: gojs: syscall/js\.valueGet: guest pointer out of bounds "
           r"\(16 bytes at 0xfffffff0; memory is 131072 bytes\)$",
           "a module posing as Go cannot make the JS host read outside memory")


# ---- the embedding API ----

def test_embedding(work):
    lib = os.path.join(work, "liblimits.a")
    p = run([POGO, "build", "--lib", "-O1", wat(work, "limits"), "-o", lib])
    check(p.returncode == 0, "pogo build --lib limits.wat", p.stderr)
    if p.returncode != 0:
        return
    flags = guest_flags()
    cc = os.environ.get("CC", "cc")
    host = os.path.join(work, "embed_limits")
    p = run([cc, "-std=c17", "-Wall", "-Wextra", "-Werror", "-g", "-I" + work, os.path.join(HERE, "host", "embed_limits.c"),
             lib, "-lm", "-lpthread", "-o", host] + flags)
    check(p.returncode == 0, "compile host/embed_limits.c", p.stderr)
    if p.returncode == 0:
        p = run([host], timeout=60)
        sys.stdout.write("".join("     " + l + "\n" for l in p.stdout.splitlines()))
        check(p.returncode == 0, "embedding API: time and memory limits", p.stdout + p.stderr)


# ---- modules that exhaust the compiler ----

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


def vec(items):
    return leb(len(items)) + b"".join(items)


def module(bodies, ntypes_funcs=None, memory=None, tables=(), data=b"", exports=(("_start", 0),)):
    """A module of [] -> [] functions with the given bodies (locals included)."""
    out = b"\x00asm\x01\x00\x00\x00"
    out += section(1, vec([b"\x60\x00\x00"]))
    out += section(3, vec([b"\x00"] * len(bodies)))
    if tables:
        out += section(4, vec([b"\x70\x00" + leb(n) for n in tables]))
    if memory is not None:
        out += section(5, vec([b"\x00" + leb(memory)]))
    out += section(7, vec([leb(len(n)) + n.encode() + b"\x00" + leb(i) for n, i in exports]))
    out += section(10, vec([leb(len(b)) + b for b in bodies]))
    if data:
        out += section(11, data)
    return out


def write(work, name, data):
    path = os.path.join(work, name + ".wasm")
    with open(path, "wb") as f:
        f.write(data)
    return path


def test_big_modules(work):
    # 100k functions, each calling the next: 100k frames deep at run time
    n = 100000
    bodies = [b"\x00\x10" + leb(i + 1) + b"\x0b" for i in range(n - 1)] + [b"\x00\x0b"]
    p = pogo_run(write(work, "funcs100k", module(bodies)), timeout=300)
    check(p.returncode == 0, "100,000 functions (a call chain as deep) build and run (%.1fs)" % p.seconds, p.stderr)
    # 50k locals in one function
    body = b"\x01" + leb(50000) + b"\x7f" + b"\x41\x01\x21" + leb(49999) + b"\x20" + leb(49999) + b"\x1a\x0b"
    p = pogo_run(write(work, "locals50k", module([body])))
    check(p.returncode == 0, "a function with 50,000 locals (%.1fs)" % p.seconds, p.stderr)
    # deep nesting: blocks, loops, ifs
    for kind, opener in (("block", b"\x02\x40"), ("loop", b"\x03\x40"), ("if", b"\x41\x01\x04\x40")):
        body = b"\x00" + opener * 20000 + b"\x0b" * 20000 + b"\x0b"
        p = pogo_run(write(work, "nested_" + kind, module([body])))
        check(p.returncode == 0, "20,000 nested %ss build and run (%.1fs)" % (kind, p.seconds), p.stderr)
    body = b"\x00" + b"\x02\x40" * 1000000 + b"\x0b" * 1000000 + b"\x0b"
    p = run([POGO, "inspect", write(work, "nested_1m", module([body]))])
    check(p.returncode == 0, "1,000,000 nested blocks are accepted", p.stderr)
    body = b"\x00" + b"\x02\x40" * 1000001 + b"\x0b" * 1000001 + b"\x0b"
    p = run([POGO, "build", write(work, "nested_1m1", module([body])), "-o", os.path.join(work, "x")])
    expect(p, 1, r"^pogo: .*nested_1m1\.wasm: 0x[0-9a-f]+: blocks nested deeper than 1000000 \(implementation limit\)$",
           "one more is refused with one line")
    # one function of a million instructions
    body = b"\x01\x01\x7f" + b"\x20\x00\x41\x01\x6a\x21\x00" * 1000000 + b"\x0b"
    p = pogo_run(write(work, "huge_function", module([body])), timeout=300)
    check(p.returncode == 0, "a function of 1,000,000 instructions (tcc, %.1fs)" % p.seconds, p.stderr)
    # a data segment one byte over the limit, the last section of a sparse file
    n = (256 << 20) + 1
    head = module([b"\x00\x0b"], memory=4097)
    seg_head = b"\x00\x41\x00\x0b" + leb(n)
    payload_len = len(leb(1)) + len(seg_head) + n
    big = os.path.join(work, "data_big.wasm")
    with open(big, "wb") as f:
        f.write(head + bytes([11]) + leb(payload_len) + leb(1) + seg_head)
        f.truncate(len(head) + 1 + len(leb(payload_len)) + payload_len)
    for cmd in ("inspect", "build"):
        p = run([POGO, cmd, big] + (["-o", os.path.join(work, "x")] if cmd == "build" else []))
        expect(p, 1, r"^pogo: .*data_big\.wasm: 0x[0-9a-f]+: data segments of more than 256 MiB in total "
               r"\(implementation limit; segment 0 has 268435457 bytes\)$", "a data segment over 256 MiB: pogo %s refuses it" % cmd)
    os.unlink(big)
    sparse = os.path.join(work, "sparse.wasm")
    with open(sparse, "wb") as f:
        f.truncate((1 << 30) + 1)
    p = run([POGO, "build", sparse, "-o", os.path.join(work, "x")], timeout=60)
    expect(p, 1, r"^pogo: .*sparse\.wasm: larger than 1024 MiB \(implementation limit for a module\)$",
           "a file over 1 GiB is refused unread (%.1fs)" % p.seconds)
    os.unlink(sparse)
    p = run([POGO, "inspect", write(work, "table_big", module([b"\x00\x0b"], tables=[10000001]))])
    expect(p, 1, r"table of 10000001 elements: more than 10000000 \(implementation limit\)$",
           "a table over 10M elements is refused")


def main():
    if not POGO or not TCC:
        print("test_hostile: needs $POGO and tcc")
        return 1
    work = tempfile.mkdtemp(prefix="pogo-hostile-")
    os.environ.setdefault("POGO_CACHE_DIR", os.path.join(work, "cache"))
    tests = [test_wast, test_traps, test_memory_limits, test_timeouts, test_c_guests, test_go, test_fake_go,
             test_embedding, test_big_modules]
    if SANITIZED:  # minutes under the sanitizers, and about generated code, not the runtime
        tests = [t for t in tests if t not in (test_wast, test_go, test_big_modules)]
    only = sys.argv[1:]
    try:
        # two at a time: the machine is shared, and timing checks need their CPU
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            futures = []
            for t in tests:
                if only and t.__name__[5:] not in only:
                    continue
                d = os.path.join(work, t.__name__)
                os.makedirs(d)
                futures.append(pool.submit(t, d))
            for f in futures:
                f.result()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failed" % len(FAILED) if FAILED else "all passed")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
