"""Measures the exported networks with ONNX Runtime and writes MACHINE.csv.

Usually run through `report measure` (which exports the graphs first) or `make measure`:

    measure/.venv/bin/python measure/harness.py --graphs DIR --out paper/data/measurements

Each network runs in a fresh worker process (worker.py), cheapest first. Its rows are
written as soon as it is done, so an interrupted run keeps every network measured and
the next run carries on with the others (--again measures them anew). Format of the
output file: README.md.
"""

import argparse
import csv
import datetime
import io
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import power  # noqa: E402

COLUMNS = ["network", "batch", "status", "runs", "median_ms", "q1_ms", "q3_ms", "min_ms", "max_ms",
           "images_per_s", "cpu_median_ms", "cpu_q1_ms", "cpu_q3_ms", "peak_mib", "model_mib", "baseline_mib", "power_w", "load1", "measured_at", "note"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def os_name():
    name = platform.system() + " " + platform.release()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    name += " (" + line.split("=", 1)[1].strip().strip('"') + ")"
    except OSError:
        pass
    return name


def default_machine_name():
    """A stable file name from the CPU and core count, e.g. `intel-xeon-2c`."""
    model = re.sub(r"\((R|TM|tm|r)\)|\bCPU\b|\bProcessor\b|@.*$|\d+-Core", " ", cpu_model())
    slug = re.sub(r"[^a-z0-9]+", "-", model.lower()).strip("-") or "machine"
    return f"{slug}-{os.cpu_count()}c"


def describe(machine, threads, args):
    import numpy
    import onnx
    import onnxruntime
    return {
        "machine": machine,
        "cpu": cpu_model(),
        "cores": str(os.cpu_count()),
        "memory_gib": f"{memory_gib():.1f}",
        "os": os_name(),
        "python": platform.python_version(),
        "onnxruntime": onnxruntime.__version__,
        "onnx": onnx.__version__,
        "numpy": numpy.__version__,
        "threads": str(threads),
        "repeats": f"warm-up {args.warmup}, then {args.min_repeats} to {args.repeats} runs within {args.budget:g} s per batch size",
        "power": power.availability(),
        "arena": "not reported: onnxruntime's Python API exposes no CPU arena statistics",
    }


def read_existing(path):
    """The header block and rows of an earlier run, or ({}, [])."""
    if not os.path.exists(path):
        return {}, []
    header, lines = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                key, _, value = line[1:].partition(":")
                if value:
                    header[key.strip()] = value.strip()
            else:
                lines.append(line)
    return header, list(csv.DictReader(io.StringIO("".join(lines))))


def write(path, header, rows):
    """Atomically: a killed harness never leaves half a file."""
    order = {name: i for i, name in enumerate(dict.fromkeys(r["network"] for r in rows))}
    rows = sorted(rows, key=lambda r: (order[r["network"]], int(r["batch"])))
    out = io.StringIO()
    out.write("# report measurements: one row per network and batch size; format: measure/README.md\n")
    for key, value in header.items():
        out.write(f"# {key}: {value}\n")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(out.getvalue())
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def update_index(folder, machine, measured):
    """machines.csv lists every measured machine and when; the paper draws the latest."""
    path = os.path.join(folder, "machines.csv")
    entries = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            entries = {r["machine"]: r["measured"] for r in csv.DictReader(f)}
    entries[machine] = measured
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["machine", "measured"])
    for name in sorted(entries):
        writer.writerow([name, entries[name]])
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(out.getvalue())
    os.replace(path + ".tmp", path)


def fmt(x, digits=4):
    if x is None or x == "":
        return ""
    return f"{x:.{digits}g}" if isinstance(x, float) else str(x)


class Progress:
    """One line on stderr: done/total, current step, elapsed and an estimate of what is
    left, from the seconds per operation of the steps done so far."""

    def __init__(self, steps):
        self.weights = {key: w for key, w in steps}
        self.total = sum(self.weights.values())
        self.done = 0.0
        self.count = 0
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()

    def step(self, key, label):
        self.done += self.weights.get(key, 0)
        self.count += 1
        self.show(label)

    def show(self, label):
        elapsed = time.monotonic() - self.started
        fraction = self.done / self.total if self.total else 1
        left = elapsed / fraction * (1 - fraction) if fraction > 0 else None
        bar = "#" * int(fraction * 30) + "." * (30 - int(fraction * 30))
        text = (f"[{bar}] {self.count}/{len(self.weights)} {label:<28} elapsed {clock(elapsed)}"
                f"  left {'~' + clock(left) if left is not None else '?'}")
        sys.stderr.write(("\r" + text + "\033[K") if self.tty else text + "\n")
        sys.stderr.flush()


def clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _interrupt(number, frame):
    raise KeyboardInterrupt


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graphs", required=True, help="folder of ID.json files from `report export`")
    parser.add_argument("--out", required=True, help="folder for MACHINE.csv")
    parser.add_argument("--machine", default=None)
    parser.add_argument("--batches", default="1,2,4,8,16,32,64")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--min-repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=5.0)
    parser.add_argument("--again", action="store_true", help="measure networks the file already has")
    args = parser.parse_args()
    # SIGTERM and SIGHUP (which `report measure` passes on) stop like Ctrl-C: the worker is
    # waited for and what was measured is kept.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _interrupt)

    machine = args.machine or default_machine_name()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", machine):
        sys.exit(f"harness: machine name {machine!r}: use lower-case letters, digits, '.', '_' and '-'")
    batches = sorted({int(b) for b in args.batches.split(",")})
    graphs = {}
    for name in sorted(os.listdir(args.graphs)):
        if name.endswith(".json"):
            with open(os.path.join(args.graphs, name)) as f:
                network = json.load(f)
            graphs[network["id"]] = network
    if not graphs:
        sys.exit(f"harness: no exported networks in {args.graphs}")

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, machine + ".csv")
    header, rows = read_existing(path)
    # A batch size measured (or skipped for memory) is kept; one that failed is tried again.
    kept = {(r["network"], int(r["batch"])) for r in rows if r["status"] in ("ok", "skipped")}
    wanted = {n["id"]: [b for b in batches if args.again or (n["id"], b) not in kept] for n in graphs.values()}
    todo = [n for n in sorted(graphs.values(), key=lambda n: n["totals"]["ops"]) if wanted[n["id"]]]
    rows = [r for r in rows if r["network"] not in wanted or int(r["batch"]) not in wanted[r["network"]]]
    described = describe(machine, args.threads, args)
    if header and (header.get("cpu"), header.get("threads")) != (described["cpu"], described["threads"]):
        sys.exit(f"harness: {path} was measured on {header.get('cpu')} with {header.get('threads')} threads; "
                 f"name this machine or thread count differently with --machine")
    first = header.get("measured", "").split(" to ")[0] if rows else ""
    # Rows kept from an earlier run were timed with its repeats: the header goes on
    # saying so, and a row timed now with other repeats says its own in its note.
    repeats = header.get("repeats", described["repeats"]) if rows else described["repeats"]
    own_repeats = "" if repeats == described["repeats"] else f"repeats: {described['repeats']}"
    skipped = [n["id"] for n in graphs.values() if n not in todo]
    print(f"measuring {len(todo)} network(s) on {machine} ({described['cpu']}, {args.threads} thread(s)), "
          f"batch sizes {', '.join(map(str, batches))}; power {described['power']}", file=sys.stderr)
    if skipped:
        print(f"already measured, kept (--again to redo): {', '.join(sorted(skipped))}", file=sys.stderr)

    progress = Progress([((n["id"], b), n["totals"]["ops"] * b + 2e9) for n in todo for b in wanted[n["id"]]])
    interrupted = False
    for network in todo:
        id_ = network["id"]
        command = [sys.executable, os.path.join(HERE, "worker.py"), os.path.join(args.graphs, id_ + ".json"),
                   "--batches", ",".join(map(str, wanted[id_])), "--threads", str(args.threads),
                   "--warmup", str(args.warmup), "--repeats", str(args.repeats),
                   "--min-repeats", str(args.min_repeats), "--budget", str(args.budget)]
        progress.show(f"{id_} (loading)")
        worker = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        model, measured = {}, []
        try:
            for line in worker.stdout:
                record = json.loads(line)
                if record["kind"] == "model":
                    model = record
                    continue
                measured.append(record)
                progress.step((id_, record["batch"]), f"{id_} batch {record['batch']}")
            code = worker.wait()
        except KeyboardInterrupt:
            worker.send_signal(signal.SIGINT)
            worker.wait()
            interrupted = True
            break
        if code == 3:
            sys.stderr.write("\n")
            sys.exit(f"harness: parameter or shape check failed for {id_}; nothing of it was written")
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        done = {r["batch"] for r in measured}
        for record in measured:
            rows.append({"network": id_, "batch": record["batch"], "status": record["status"],
                         "runs": record.get("runs", ""), "median_ms": fmt(record.get("median_ms")),
                         "q1_ms": fmt(record.get("q1_ms")), "q3_ms": fmt(record.get("q3_ms")),
                         "min_ms": fmt(record.get("min_ms")), "max_ms": fmt(record.get("max_ms")),
                         "images_per_s": fmt(record.get("images_per_s")),
                         "cpu_median_ms": fmt(record.get("cpu_median_ms")), "cpu_q1_ms": fmt(record.get("cpu_q1_ms")),
                         "cpu_q3_ms": fmt(record.get("cpu_q3_ms")), "peak_mib": fmt(record.get("peak_mib")),
                         "model_mib": fmt(model.get("model_mib")), "baseline_mib": fmt(model.get("baseline_mib")),
                         "power_w": fmt(record.get("power_w")), "load1": fmt(record.get("load1"), 3),
                         "measured_at": now, "note": "; ".join(n for n in (record.get("note", ""), own_repeats) if n)})
        for b in wanted[id_]:
            if b not in done:
                why = f"the worker ended with status {code}" + (" (killed: out of memory?)" if code < 0 else "")
                rows.append({"network": id_, "batch": b, "status": "failed", "measured_at": now, "note": why})
                progress.step((id_, b), f"{id_} batch {b} failed")
        first = first or now
        header = {**described, "repeats": repeats, "measured": f"{first} to {now}"}
        write(path, header, rows)
        update_index(args.out, machine, now)

    sys.stderr.write("\n")
    if interrupted:
        print(f"interrupted: {len({r['network'] for r in rows})} network(s) kept in {path}; run again to carry on",
              file=sys.stderr)
        sys.exit(130)
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
