"""corpus_diff.py - what the corpus runners (tests/go, tests/wasi) share: their common
options and the tools they find (node, pogo), and what they show when two runs differ:
a unified diff around the first difference of two outputs, a listing of the files a run
left behind, the tail of an output."""

import difflib
import hashlib
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def add_common_args(ap, expect_help):
    """The options both runners take, in their help order."""
    ap.add_argument("--pogo", help="pogo executable (default: build/pogo of this checkout, else pogo on PATH)")
    ap.add_argument("--node", help="node executable (default: node on PATH)")
    ap.add_argument("--opt", default="-O1", help="pogo's C optimisation level (default -O1)")
    ap.add_argument("--cc", help="C compiler pogo uses (e.g. tcc for fast builds; default: pogo's)")
    ap.add_argument("--reference-only", action="store_true", help="run node only; check " + expect_help)
    ap.add_argument("--twice", action="store_true", help="with --reference-only: run node twice, require identical results")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="parallel jobs (default: cores)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these programs")
    ap.add_argument("--work", help="work directory for builds and runs (default: a fixed directory under the system temp dir)")
    ap.add_argument("-v", action="store_true", help="show commands and timings")


def find_tools(args, who):
    """(node, pogo) for the parsed common options, pogo None with --reference-only; None
    after printing why (the runner then exits 2)."""
    node = args.node or shutil.which("node")
    if not node:
        print("%s: node not found (pass --node)" % who, file=sys.stderr)
        return None
    pogo = None
    if not args.reference_only:
        pogo = args.pogo
        if not pogo:
            cand = os.path.join(REPO, "build", "pogo")
            pogo = cand if os.access(cand, os.X_OK) else shutil.which("pogo")
        if not pogo:
            print("%s: pogo not found (pass --pogo PATH, or --reference-only)" % who, file=sys.stderr)
            return None
        pogo = os.path.abspath(pogo)
    if args.twice and not args.reference_only:
        print("%s: --twice needs --reference-only" % who, file=sys.stderr)
        return None
    return node, pogo


def text_lines(b):
    return b.decode("utf-8", errors="backslashreplace").splitlines(keepends=True)


def short_diff(a, b, name_a, name_b, context=3, max_lines=40):
    la, lb = text_lines(a), text_lines(b)
    k = 0
    while k < len(la) and k < len(lb) and la[k] == lb[k]:
        k += 1
    j = 0  # common suffix, so that lines one side inserted do not look like lines the other lost
    while j < min(len(la), len(lb)) - k and la[-1 - j] == lb[-1 - j]:
        j += 1
    lo = max(0, k - context)
    # windows well past what is shown: a window's end can look like a difference
    wa = la[lo:min(len(la) - j + context, k + 400)]
    wb = lb[lo:min(len(lb) - j + context, k + 400)]
    wa = [x if len(x) <= 240 else x[:240] + "...\n" for x in wa]
    wb = [x if len(x) <= 240 else x[:240] + "...\n" for x in wb]
    d = list(difflib.unified_diff(wa, wb, "%s (from line %d)" % (name_a, lo + 1),
                                  "%s (from line %d)" % (name_b, lo + 1), n=context))
    d = [x if x.endswith("\n") else x + "\n\\ No newline at end of file\n" for x in d]
    if len(d) > max_lines:
        d = d[:max_lines] + ["... (diff cut)\n"]
    return "".join(d)


def listing(files):
    out = []
    for kind, rel, perm, content in files:
        if kind == "file":
            out.append("%s %o %d %s\n" % (rel, perm, len(content), hashlib.sha256(content).hexdigest()[:16]))
        elif kind == "dir":
            out.append("%s/ %o\n" % (rel, perm))
        elif kind == "link":
            out.append("%s -> %s\n" % (rel, content.decode(errors="backslashreplace")))
        else:
            out.append("%s (special) %o\n" % (rel, perm))
    return "".join(out).encode()


def tail(b, n=15):
    lines = text_lines(b)[-n:]
    return "".join("    | " + x.rstrip("\n") + "\n" for x in lines)
