"""The paper's figures drawn with matplotlib, as a Jupyter Book or pandoc user would.

Each function takes the rows of the CSV that `report build` writes beside the figure
(data/<label>.csv: the exact data drawn) and returns a matplotlib Figure styled like
ours: same marks, same colours, same axes, labels on points. Reading the CSVs rather
than recounting the architectures in Python makes the peers' work lighter than ours,
which favours them in the comparison.
"""
import csv
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SIZE = (6.4, 4.4)  # inches: close to our 640 x 440 pt charts
REFERENCES = [5e6, 35e6, 65e6, 95e6, 125e6, 155e6]


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _x_column(rows):
    for c in ("gops", "gmacs", "gops_profiler"):
        if rows and c in rows[0]:
            return c
    raise KeyError("no operations column")


def _axes(title):
    fig, ax = plt.subplots(figsize=SIZE)
    ax.set_title(title)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return fig, ax


def bars(rows, value, title, ylabel, arrows=False):
    fig, ax = _axes(title)
    names = [r["name"] for r in rows]
    ys = [float(r[value]) for r in rows]
    hatch = ["//" if r.get("source") == "reported" else "" for r in rows]
    for i, (y, r) in enumerate(zip(ys, rows)):
        ax.bar(i, y, width=0.68, color=r["color"], hatch=hatch[i], edgecolor="#333333" if hatch[i] else r["color"])
    if arrows:
        for i, r in enumerate(rows):
            if r.get("leader") == "yes":
                ax.annotate("", xy=(i, ys[i]), xytext=(i, ys[i] + max(ys) * 0.12),
                            arrowprops=dict(arrowstyle="->", color="#333333"))
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(ylabel)
    if value == "top1":
        lo, hi = min(ys), max(ys)
        ax.set_ylim(math.floor((lo - 2) / 5) * 5, math.ceil((hi + 3) / 5) * 5)
    fig.tight_layout()
    return fig


def top1_by_network(rows):
    return bars(rows, "top1", "Top-1 accuracy per network", "Top-1 accuracy [%]")


def density_by_network(rows):
    return bars(rows, "density", "Top-1 accuracy density per network", "Top-1 accuracy density [%/M-Params]", arrows=True)


def top1_vs_operations(rows, log=False):
    fig, ax = _axes("Top-1 accuracy against operations")
    xc = _x_column(rows)
    largest = max([REFERENCES[-1]] + [float(r["params"]) for r in rows])
    def area(p):  # bubble area proportional to parameters, in points^2
        return math.pi * (44 * math.sqrt(p / largest)) ** 2
    for r in rows:
        ax.scatter(float(r[xc]), float(r["top1"]), s=area(float(r["params"])), color=r["color"], alpha=0.75,
                   linestyle="--" if r.get("source") == "reported" else "-", edgecolor="#333333", linewidth=0.5)
        ax.annotate(r["name"], (float(r[xc]), float(r["top1"])), fontsize=7, ha="center", va="center")
    for p in REFERENCES:
        ax.scatter([], [], s=area(p), color="#bbbbbb", label=f"{int(p / 1e6)}M")
    ax.legend(loc="lower right", fontsize=7, labelspacing=2.2, borderpad=1.2, frameon=False)
    if log:
        ax.set_xscale("log")
    else:
        ax.set_xlim(left=0)
    ax.set_xlabel("Operations [G-Ops]")
    ax.set_ylabel("Top-1 accuracy [%]")
    fig.tight_layout()
    return fig


def params_vs_operations(rows):
    fig, ax = _axes("Parameters against operations")
    xc = _x_column(rows)
    for r in rows:
        ax.scatter(float(r[xc]), float(r["params_millions"]), color=r["color"], s=36)
        ax.annotate(r["name"], (float(r[xc]), float(r["params_millions"])), fontsize=7,
                    xytext=(4, 4), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Operations [G-Ops]")
    ax.set_ylabel("Parameters [M]")
    fig.tight_layout()
    return fig


def pareto_frontier(rows, log=True):
    fig, ax = _axes("Pareto frontier of accuracy against operations")
    xc = _x_column(rows)
    for r in rows:
        ax.scatter(float(r[xc]), float(r["top1"]), color=r["color"], s=36)
        ax.annotate(r["name"], (float(r[xc]), float(r["top1"])), fontsize=7, xytext=(4, -8), textcoords="offset points")
    front = sorted((float(r[xc]), float(r["top1"])) for r in rows if r.get("frontier") == "yes")
    if front:
        ax.step([p[0] for p in front], [p[1] for p in front], where="post", color="#333333", linewidth=1.2)
    if log:
        ax.set_xscale("log")
    ax.set_xlabel("Operations [G-Ops]")
    ax.set_ylabel("Top-1 accuracy [%]")
    fig.tight_layout()
    return fig


DRAW = {
    "top1-by-network": top1_by_network,
    "top1-vs-operations": top1_vs_operations,
    "density-by-network": density_by_network,
    "params-vs-operations": params_vs_operations,
    "pareto-frontier": pareto_frontier,
}


def draw(name, rows, options=None):
    """The figure `name` of our catalogue, honouring the :scale: option."""
    options = options or {}
    if name == "top1-vs-operations":
        return top1_vs_operations(rows, log=options.get("scale") == "log")
    if name == "pareto-frontier":
        return pareto_frontier(rows, log=options.get("scale", "log") == "log")
    return DRAW[name](rows)


def save(fig, stem):
    """PNG at 2x and SVG, as our build writes (plus PDF for us)."""
    fig.savefig(stem + ".png", dpi=200)
    fig.savefig(stem + ".svg")
    plt.close(fig)
