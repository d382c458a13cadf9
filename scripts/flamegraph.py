#!/usr/bin/env python3
"""flamegraph.py - draw a CPU profile in pprof's format as a flame graph (SVG).

    scripts/flamegraph.py cpu.pprof -o flame.svg [--title T] [--root FUNC] [--width PX]

Reads the profile itself (gzipped or not: what `pogo run --cpuprofile` and Go's
runtime/pprof write), so it needs nothing but Python 3. Each box is a function on the
stacks; its width is the share of the samples' value (the last sample type, CPU time)
spent in it and in what it called, and the boxes above it are its callees. --root
starts the graph at the first frame of each stack named FUNC (e.g. main.main), leaving
out the frames below it and the stacks without it. Hover a box for its numbers.
"""

import argparse
import gzip
import hashlib
import sys
from xml.sax.saxutils import escape

# ---- profile.proto, as much as a flame graph needs ----


def varint(buf, i):
    v = shift = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        if b < 0x80:
            return v, i
        shift += 7


def fields(buf):
    """(field number, value) pairs: ints for varints, bytes for length-delimited fields."""
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        wire = key & 7
        if wire == 0:
            v, i = varint(buf, i)
        elif wire == 2:
            n, i = varint(buf, i)
            v, i = buf[i:i + n], i + n
        elif wire == 1:
            v, i = int.from_bytes(buf[i:i + 8], "little"), i + 8
        elif wire == 5:
            v, i = int.from_bytes(buf[i:i + 4], "little"), i + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield key >> 3, v


def ints(v):
    """A repeated integer field: packed (bytes) or one value."""
    if isinstance(v, int):
        return [v]
    out, i = [], 0
    while i < len(v):
        x, i = varint(v, i)
        out.append(x)
    return out


def read_profile(path):
    """([(sample type, unit)], [(value list, [function names, innermost first])])."""
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    strings, types, samples, locs, funcs = [], [], [], {}, {}
    for num, v in fields(data):
        if num == 1:
            t = dict(fields(v))
            types.append((t.get(1, 0), t.get(2, 0)))
        elif num == 2:
            stack, values = [], []
            for n, x in fields(v):
                if n == 1:
                    stack += ints(x)
                elif n == 2:
                    values += ints(x)
            samples.append((values, stack))
        elif num == 4:
            loc_id, fn_ids = 0, []
            for n, x in fields(v):
                if n == 1:
                    loc_id = x
                elif n == 4:
                    fn_ids.append(dict(fields(x)).get(1, 0))
            locs[loc_id] = fn_ids
        elif num == 5:
            f = dict(fields(v))
            funcs[f.get(1, 0)] = f.get(2, 0)
        elif num == 6:
            strings.append(v.decode("utf-8", "replace"))
    name = lambda fid: strings[funcs[fid]] if fid in funcs else "?"
    out = []
    for values, stack in samples:
        frames = []
        for loc in stack:
            # a location's lines are innermost first (inlined calls)
            frames += [name(f) for f in locs.get(loc, [])] or ["0x?"]
        out.append((values, frames))
    return [(strings[t], strings[u]) for t, u in types], out


# ---- the tree of stacks ----


class Node:
    __slots__ = ("name", "value", "children")

    def __init__(self, name):
        self.name, self.value, self.children = name, 0, {}


def build_tree(samples, index, root_name):
    root = Node("all")
    for values, frames in samples:
        v = values[index] if index < len(values) else 0
        path = list(reversed(frames))  # outermost first
        if root_name:
            if root_name not in path:
                continue
            path = path[path.index(root_name):]
        root.value += v
        node = root
        for f in path:
            node = node.children.setdefault(f, Node(f))
            node.value += v
    return root


# ---- drawing ----

ROW, FONT, PAD = 17, 11, 10


def color(name):
    """A warm colour that is the same for a name in every graph."""
    h = hashlib.md5(name.encode()).digest()
    return "rgb(%d,%d,%d)" % (205 + h[0] % 50, 80 + h[1] % 130, 40 + h[2] % 45)


def depth(node):
    return 1 + max((depth(c) for c in node.children.values()), default=0)


def render(root, title, unit, width):
    levels = depth(root)
    height = ROW * levels + 3 * PAD + 2 * ROW
    scale = (width - 2 * PAD) / root.value if root.value else 0
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="Verdana, sans-serif" font-size="%d">' % (width, height, width, height, FONT),
           '<rect width="100%" height="100%" fill="#fdfaf3"/>',
           '<text x="%d" y="%d" text-anchor="middle" font-size="%d">%s</text>' % (width / 2, PAD + ROW - 4, FONT + 4,
                                                                                escape(title))]
    base = height - PAD - ROW  # the root row is at the bottom; callees stack upwards

    def draw(node, x, level):
        w = node.value * scale
        if w < 0.3:
            return
        y = base - level * ROW
        share = 100.0 * node.value / root.value
        tip = "%s (%s, %.2f%%)" % (node.name, fmt(node.value, unit), share)
        out.append('<g><title>%s</title><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" rx="2"/>'
                   % (escape(tip), x, y, max(w - 0.5, 0.1), ROW - 1, color(node.name)))
        chars = int((w - 6) / (FONT * 0.62))
        if chars >= 3:
            label = node.name if len(node.name) <= chars else node.name[:chars - 2] + ".."
            out.append('<text x="%.1f" y="%d">%s</text>' % (x + 3, y + ROW - 5, escape(label)))
        out.append("</g>")
        cx = x
        for child in sorted(node.children.values(), key=lambda c: c.name):
            draw(child, cx, level + 1)
            cx += child.value * scale

    draw(root, PAD, 0)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def fmt(v, unit):
    if unit == "nanoseconds":
        return "%.2fs" % (v / 1e9) if v >= 1e9 else "%.0fms" % (v / 1e6)
    return "%d %s" % (v, unit)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("profile")
    ap.add_argument("-o", "--output", required=True, help="SVG file to write")
    ap.add_argument("--title", help="title (default: the profile's file name)")
    ap.add_argument("--root", help="start each stack at the first frame named ROOT (e.g. main.main)")
    ap.add_argument("--width", type=int, default=1200)
    args = ap.parse_args()
    try:
        types, samples = read_profile(args.profile)
    except (OSError, ValueError, IndexError, EOFError) as e:
        print("flamegraph: %s: not a readable profile: %s" % (args.profile, e), file=sys.stderr)
        return 1
    if not types:
        print("flamegraph: %s: no sample types" % args.profile, file=sys.stderr)
        return 1
    index = len(types) - 1  # pprof's default: the last sample type (cpu nanoseconds)
    unit = types[index][1]
    root = build_tree(samples, index, args.root)
    if not root.value:
        print("flamegraph: %s: no samples%s" % (args.profile, " under " + args.root if args.root else ""),
              file=sys.stderr)
        return 1
    title = args.title or "CPU profile: %s" % args.profile.rsplit("/", 1)[-1]
    with open(args.output, "w") as f:
        f.write(render(root, title, unit, args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
