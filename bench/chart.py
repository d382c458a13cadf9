#!/usr/bin/env python3
"""chart.py - the benchmark's PNG: for every program, each contender's median time
relative to pogo's on the same module, as grouped horizontal bars on a log scale.

Bars grow from 1 (pogo) to the ratio. run.py calls draw() when its Python has matplotlib, else runs this file with the
system's Python (Debian's python3-matplotlib, installed by `scripts/setup.sh --bench`):

    chart.py SPEC.json OUT.png

SPEC: {"title": str, "programs": [name...], "series": [[contender, [ratio or null...]]...]}
"""

import json
import sys


def draw(spec, out_png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter

    names, series = spec["programs"], spec["series"]
    fig, ax = plt.subplots(figsize=(10, 1.5 + 0.18 * len(names) * max(3, len(series))))
    h = 0.8 / len(series)
    # bars grow from 1 (pogo) to the ratio, left when faster than pogo, right when slower
    for k, (label, vals) in enumerate(series):
        ys = [i + (k - (len(series) - 1) / 2) * h for i in range(len(names))]
        ax.barh(ys, [v - 1 if v else 0 for v in vals], left=1, height=h, label=label)
    ax.set_xscale("log")
    xs = [v for _, vals in series for v in vals if v] + [1]
    lo, hi = min(xs) / 1.3, max(xs) * 1.3
    ax.set_xlim(lo, hi)
    ticks = [m * 10.0 ** e for e in range(-3, 4) for m in (1, 2, 5)]
    ax.xaxis.set_major_locator(FixedLocator([t for t in ticks if lo <= t <= hi]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: "%g" % x))
    ax.xaxis.set_minor_locator(FixedLocator([]))
    ax.axvline(1, color="black", linewidth=0.8)
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.set_xlabel("median time relative to pogo on the same module (log scale; right of 1: slower than pogo)")
    ax.set_title(spec.get("title", ""))
    ax.legend(loc="best", fontsize="small")
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(out_png, dpi=110)
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        print("usage: chart.py SPEC.json OUT.png", file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        draw(json.load(f), sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
