#!/usr/bin/env python3
"""check_coverage.py - does the .wast suite mention every instruction pogo supports?

Usage: check_coverage.py path/to/opcodes.def DIR

Reads the NAME column of every OP(...) row of opcodes.def, tokenizes every DIR/*.wast
with comments (`;;` to end of line, nestable `(; ;)` blocks) and strings removed, and
reports every instruction name that never appears as a token. The typed select
(the IMM_SELECTT row, which shares the name "select" with the untyped one) only counts
as covered by a `(select (result ...)` form. Exits 1 listing what is missing, otherwise
prints "all N opcodes covered" and exits 0.
"""

import glob
import os
import re
import sys


def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def read_opcodes(path):
    """[(ID, NAME, IMM)] for every OP row."""
    with open(path, encoding="utf-8") as f:
        text = strip_c_comments(f.read())
    rows = []
    for m in re.finditer(r"^\s*OP\(([^)]*)\)", text, flags=re.M):
        fields = [x.strip() for x in m.group(1).split(",")]
        if len(fields) < 6 or not re.fullmatch(r'"[^"]+"', fields[3]):
            raise SystemExit("%s: cannot parse row: OP(%s)" % (path, m.group(1)))
        rows.append((fields[0], fields[3][1:-1], fields[5]))
    if not rows:
        raise SystemExit("%s: no OP(...) rows found" % path)
    return rows


def tokenize(text):
    """Tokens of a .wast file: '(' and ')' on their own, comments and strings dropped."""
    tokens = []
    i, n = 0, len(text)
    cur = []

    def flush():
        if cur:
            tokens.append("".join(cur))
            cur.clear()

    while i < n:
        c = text[i]
        if text.startswith(";;", i):
            flush()
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif text.startswith("(;", i):
            flush()
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("(;", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith(";)", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            if depth:
                raise ValueError("unterminated block comment")
        elif c == '"':
            flush()
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            if i >= n:
                raise ValueError("unterminated string")
            i += 1
        elif c in "()":
            flush()
            tokens.append(c)
            i += 1
        elif c.isspace():
            flush()
            i += 1
        else:
            cur.append(c)
            i += 1
    flush()
    return tokens


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    rows = read_opcodes(argv[1])
    files = sorted(glob.glob(os.path.join(argv[2], "*.wast")))
    if not files:
        print("no .wast files in %s" % argv[2], file=sys.stderr)
        return 2

    seen = set()
    typed_select = False
    for path in files:
        with open(path, encoding="utf-8") as f:
            try:
                toks = tokenize(f.read())
            except ValueError as e:
                print("%s: %s" % (path, e), file=sys.stderr)
                return 2
        seen.update(toks)
        for k in range(len(toks) - 3):
            if toks[k:k + 4] == ["(", "select", "(", "result"]:
                typed_select = True

    missing = []
    for ident, name, imm in rows:
        if imm == "IMM_SELECTT":
            if not typed_select:
                missing.append("%s (typed select: no `(select (result ...)` form)" % name)
        elif name not in seen:
            missing.append(name)
    if missing:
        print("%d of %d opcodes not covered by %s/*.wast:" % (len(missing), len(rows), argv[2]))
        for m in missing:
            print("  " + m)
        return 1
    print("all %d opcodes covered" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
