#!/usr/bin/env python3
"""The WASI sandbox: a guest tries to leave the directory it was granted.

A C guest (sandbox/escape.c, built with clang --target=wasm32-wasi) performs raw WASI
path operations on its one preopen and prints each errno. The host tree is

    root/       granted as "/"   file, dir/inner, dangling links, links in and out
    outside/    beside root, never granted (secret, a directory)
    notgranted/ elsewhere, never granted

Every escape must fail with ENOTCAPABLE (76) -- except an absolute symlink target,
refused at creation with EPERM (63) -- while the same operations inside the root
succeed; afterwards outside/ and notgranted/ must be exactly as before (names, types,
sizes, contents, modes, mtimes). The run is repeated with the path resolver forced to
the component walk (POGO_WASI_RESOLVER=walk), which must give identical results.
Environment: POGO (the pogo executable). Exit 0 when all hold, 1 otherwise.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ESC = 76  # ENOTCAPABLE
EPERM, ENOENT, EBADF, ELOOP, EEXIST, ENOTDIR = 63, 44, 8, 32, 20, 54

# (operation, expected errno)
CASES = [
    # allowed: stays inside the root
    ("open:file", 0), ("open:dir/../file", 0), ("open:link_in/inner", 0), ("open:./dir/./inner", 0),
    ("open:dir/up_in", 0), ("stat:link_in", 0), ("readlink:link_out", 0), ("lstat:link_out", 0),
    ("opendir:.", 0), ("opendir:dir/..", 0), ("create:dir/new", 0), ("mkdir:newdir", 0),
    ("rename:dir/new:dir/renamed", 0), ("symlink:dir/inner:rel_link", 0), ("open:rel_link", 0),
    ("create:dangle_in", 0), ("link:file:hardlink", 0), ("unlink:hardlink", 0), ("touch:file", 0),
    ("link_nofollow:link_out:link_copy", 0),
    # `..` above the root
    ("open:..", ESC), ("open:../outside/secret", ESC), ("open:dir/../../outside/secret", ESC),
    ("open:./../root/file", ESC), ("stat:..", ESC), ("stat:../outside/secret", ESC),
    ("opendir:../outside", ESC), ("mkdir:../outside/newdir", ESC), ("rmdir:../outside/sub", ESC),
    ("unlink:../outside/secret", ESC), ("create:../outside/created", ESC),
    ("truncate:../outside/secret", ESC), ("touch:../outside/secret", ESC),
    ("rename:file:../outside/moved", ESC), ("rename:../outside/secret:stolen", ESC),
    ("link:../outside/secret:stolen", ESC), ("link:file:../outside/planted", ESC),
    ("symlink:x:../outside/planted_link", ESC), ("readlink:../outside/link", ESC),
    # absolute paths
    ("open:/etc/passwd", ESC), ("open:/", ESC), ("stat:/", ESC), ("create:/tmp/pogo-escape", ESC),
    ("mkdir:/tmp/pogo-escape-dir", ESC), ("unlink:/etc/passwd", ESC),
    # symlinks leading out
    ("open:link_out/secret", ESC), ("open:link_abs", ESC), ("open:link_abs_inside", ESC),
    ("stat:link_out/secret", ESC), ("stat:link_abs", ESC), ("touch:link_out/secret", ESC),
    ("truncate:link_out/secret", ESC), ("create:dangle_out", ESC), ("create:dangle_abs", ESC),
    ("create:link_out/created", ESC), ("mkdir:link_out/newdir", ESC), ("unlink:link_out/secret", ESC),
    ("rename:link_out/secret:stolen", ESC), ("rename:file:link_out/moved", ESC),
    ("link:link_out/secret:stolen", ESC), ("link:link_copy:stolen2", ESC), ("open:link_copy", ESC),
    ("open:dir/link_up_out/secret", ESC), ("opendir:link_out", ESC), ("open:chain1", ESC),
    ("symlink:/etc/passwd:abs_planted", EPERM),
    # not followed: the link itself, never its target
    ("open_nofollow:link_out", ELOOP), ("lstat:link_abs", 0), ("unlink:link_abs_victim", 0),
    # a directory that was never granted, and a descriptor that does not exist
    ("open:notgranted/secret", ENOENT), ("badfd:secret", EBADF),
]


def build_tree(t):
    root, out, ng = (os.path.join(t, d) for d in ("root", "outside", "notgranted"))
    for d in (root, out, ng, os.path.join(root, "dir"), os.path.join(out, "sub")):
        os.makedirs(d)
    for path, data in ((os.path.join(root, "file"), "inside\n"), (os.path.join(root, "dir", "inner"), "inner\n"),
                       (os.path.join(out, "secret"), "secret\n"), (os.path.join(ng, "secret"), "not granted\n")):
        with open(path, "w") as f:
            f.write(data)
    links = {
        "link_in": "dir", "link_out": "../outside", "link_abs": os.path.join(out, "secret"),
        "link_abs_inside": os.path.join(root, "file"), "dangle_in": "dir/created_in",
        "dangle_out": "../outside/created_by_link", "dangle_abs": os.path.join(out, "created_abs"),
        "link_abs_victim": os.path.join(out, "secret"), "chain1": "chain2", "chain2": "dir/../link_out/secret",
        "dir/up_in": "../file", "dir/link_up_out": "../../outside",
    }
    for name, target in links.items():
        os.symlink(target, os.path.join(root, name))
    os.symlink("secret", os.path.join(out, "link"))
    return root, out, ng


def snapshot(d):
    snap = {}
    for base, dirs, files in os.walk(d):
        for n in dirs + files:
            p = os.path.join(base, n)
            st = os.lstat(p)
            data = None
            if os.path.islink(p):
                data = os.readlink(p)
            elif os.path.isfile(p):
                with open(p, "rb") as f:
                    data = f.read()
            snap[os.path.relpath(p, d)] = (st.st_mode, st.st_size, st.st_mtime_ns, data)
    return snap


def main():
    pogo = os.environ.get("POGO", "pogo")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="pogo-sandbox-") as work:
        wasm = os.path.join(work, "escape.wasm")
        subprocess.run(["clang", "--target=wasm32-wasi", "-O1", "-o", wasm, os.path.join(HERE, "sandbox", "escape.c")],
                       check=True)
        for resolver in ("auto", "walk"):
            t = os.path.join(work, resolver)
            root, out, ng = build_tree(t)
            before = (snapshot(out), snapshot(ng))
            env = dict(os.environ)
            env.pop("POGO_WASI", None)
            if resolver == "walk":
                env["POGO_WASI_RESOLVER"] = "walk"
            r = subprocess.run([pogo, "run", "--cc", "tcc", "-O0", "--dir", root + "::/", wasm, "--"]
                               + [c for c, _ in CASES], capture_output=True, text=True, env=env, timeout=120)
            if r.returncode != 0:
                print("FAIL [%s]: guest exited %d\n%s" % (resolver, r.returncode, r.stderr))
                failures += 1
                continue
            got = dict(line.rsplit(" -> ", 1) for line in r.stdout.splitlines())
            for case, want in CASES:
                if got.get(case) != str(want):
                    print("FAIL [%s]: %s -> %s, want %d" % (resolver, case, got.get(case), want))
                    failures += 1
            after = (snapshot(out), snapshot(ng))
            for name, b, a in (("outside", before[0], after[0]), ("notgranted", before[1], after[1])):
                if a != b:
                    changed = sorted(set(a.items()) ^ set(b.items()))
                    print("FAIL [%s]: %s/ changed: %s" % (resolver, name, changed))
                    failures += 1
            for stray in ("/tmp/pogo-escape", "/tmp/pogo-escape-dir"):
                if os.path.lexists(stray):
                    print("FAIL [%s]: %s was created" % (resolver, stray))
                    failures += 1
    if failures:
        print("%d failure(s)" % failures)
        return 1
    print("ok: %d operations x 2 resolvers, every escape refused, nothing outside touched" % len(CASES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
