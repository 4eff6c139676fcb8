"""Measures one network in a process of its own (so its memory is its own).

Run by harness.py, never by hand: `worker.py GRAPH.json --batches 1,2,4 ...`. Prints one
JSON object per line: first the baseline and the model, then one per batch size (or a
skip), so the harness can show progress and keep what was done if this process dies.

Memory figures (MiB, resident set, from /proc/self/status):
  baseline  after importing numpy and onnxruntime and running a one-node session: the
            runtime itself, subtracted from the others;
  model     after the network's session was created and Python's copies of the weights
            were freed: the weights as the runtime holds them, minus the baseline;
  peak      the high-water mark while one batch size ran (warm-up included), minus the
            baseline. The mark is reset before each batch size (/proc/self/clear_refs);
            batch sizes run in increasing order, and the runtime's arena keeps what the
            smaller ones grew, which the larger ones need anyway.
"""

import argparse
import gc
import json
import os
import statistics
import sys
import time

import numpy as np
import onnxruntime as ort

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import graph  # noqa: E402
import power  # noqa: E402

MIB = 1024 * 1024


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def rss_mib():
    return status_kib("VmRSS") / 1024


def reset_peak():
    """Resets VmHWM to the current resident set (Linux 4.0+); False where not allowed."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def available_mib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    return float("inf")


def session(model_bytes, threads):
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    return ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])


def emit(record):
    print(json.dumps(record), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("--batches", required=True)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--min-repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds of timed runs per batch size, at most (min-repeats always run)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    # The runtime's own footprint: a session of one Identity node.
    from onnx import TensorProto, helper
    tiny = helper.make_model(helper.make_graph(
        [helper.make_node("Identity", ["x"], ["y"])], "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])]),
        opset_imports=[helper.make_opsetid("", graph.OPSET)])
    tiny.ir_version = graph.IR_VERSION
    session(tiny.SerializeToString(), args.threads).run(None, {"x": np.zeros(1, np.float32)})
    gc.collect()
    baseline = rss_mib()

    with open(args.graph) as f:
        network = json.load(f)
    model = graph.build(network, seed=args.seed)
    summary = graph.check(network, model)
    model_bytes = model.SerializeToString()
    del model
    gc.collect()
    sess = session(model_bytes, args.threads)
    del model_bytes
    gc.collect()
    model_mib = rss_mib() - baseline
    emit({"kind": "model", "baseline_mib": round(baseline, 1), "model_mib": round(model_mib, 1), **summary})

    rng = np.random.default_rng(args.seed + 1)
    input_shape = network["input"]["shape"]
    activation_mib = network["totals"]["peak_activations"] * 4 / MIB
    meter = power.Meter()
    for batch in [int(b) for b in args.batches.split(",")]:
        # A generous guess at what the batch needs (the live activations of a plain
        # executor, three times over for the runtime's workspaces and arena rounding): a
        # batch size that would not fit is skipped and said so, rather than swapping.
        needed = model_mib + 3 * activation_mib * batch
        free = available_mib()
        if needed > 0.8 * free:
            emit({"kind": "batch", "batch": batch, "status": "skipped",
                  "note": f"needs about {needed:.0f} MiB; {free:.0f} MiB available"})
            continue
        x = rng.standard_normal([batch] + input_shape, dtype=np.float32)
        feed = {network["input"]["name"]: x}
        exact_peak = reset_peak()
        for _ in range(args.warmup):
            sess.run(None, feed)
        times, cpu_times = [], []
        energy = meter.start()
        started = time.perf_counter()
        while len(times) < args.min_repeats or (len(times) < args.repeats and time.perf_counter() - started < args.budget):
            # Wall-clock time is what a user waits; CPU time (all threads of this process)
            # is what the network costs, and stays put when other work shares the cores.
            t0, c0 = time.perf_counter(), time.process_time()
            sess.run(None, feed)
            times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((time.process_time() - c0) * 1000)
        watts = meter.watts(energy, time.perf_counter() - started)
        peak = (status_kib("VmHWM") if exact_peak else _ru_maxrss_kib()) / 1024 - baseline
        quartiles = statistics.quantiles(times, n=4, method="inclusive")
        median = statistics.median(times)
        cpu_quartiles = statistics.quantiles(cpu_times, n=4, method="inclusive")
        emit({"kind": "batch", "batch": batch, "status": "ok", "runs": len(times),
              "median_ms": median, "q1_ms": quartiles[0], "q3_ms": quartiles[2],
              "min_ms": min(times), "max_ms": max(times),
              "images_per_s": batch / (median / 1000),
              "cpu_median_ms": statistics.median(cpu_times), "cpu_q1_ms": cpu_quartiles[0], "cpu_q3_ms": cpu_quartiles[2],
              "peak_mib": round(peak, 1), "power_w": watts,
              "load1": os.getloadavg()[0],
              "note": "" if exact_peak else "peak: process high-water mark (clear_refs not allowed)"})
        del x, feed


def _ru_maxrss_kib():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    try:
        main()
    except graph.GraphMismatch as error:
        print(str(error), file=sys.stderr)
        sys.exit(3)
    except KeyboardInterrupt:
        sys.exit(130)
