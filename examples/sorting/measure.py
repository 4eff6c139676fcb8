#!/usr/bin/env python3
"""Writes data/timings.csv: the median time of sorting n random floats with three
algorithms (five runs each, a fresh list per run). Run it again to re-measure; the
paper then follows the new numbers (its claims are checked against them)."""
import csv, platform, random, statistics, time


def insertion(a):
    for i in range(1, len(a)):
        x, j = a[i], i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x
    return a


def merge(a):
    if len(a) <= 1:
        return a
    m = len(a) // 2
    left, right = merge(a[:m]), merge(a[m:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]


ALGORITHMS = {"insertion": insertion, "merge": merge, "timsort": sorted}
SIZES = [100, 300, 1000, 3000, 10000]

random.seed(2026)
rows = []
for name, sort in ALGORITHMS.items():
    for n in SIZES:
        if name == "insertion" and n > 3000:
            continue  # quadratic: minutes at 10 000
        times = []
        for _ in range(5):
            data = [random.random() for _ in range(n)]
            start = time.perf_counter()
            result = sort(data)
            times.append((time.perf_counter() - start) * 1000)
            assert result == sorted(result)
        rows.append({"run": f"{name}-{n}", "algorithm": name, "n": n, "ms": f"{statistics.median(times):.4g}"})

with open("data/timings.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=["run", "algorithm", "n", "ms"], lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(f"{len(rows)} rows on {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
