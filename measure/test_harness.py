"""Quick test of the harness: export two small networks, measure them at batch sizes 1
and 2, and check the file, the resumption and the parameter check. Run by
measure/test-harness (with REPORT set to the `report` binary)."""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.environ.get("REPORT", os.path.join(HERE, "..", ".build", "debug", "report"))
NETWORKS = ["squeezenet-1.0", "shufflenet-v1"]
FAST = ["--batches", "1,2", "--warmup", "1", "--repeats", "3", "--min-repeats", "2", "--budget", "0.5"]


def rows(path):
    with open(path) as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


class HarnessTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="report-harness-test-")
        self.graphs = os.path.join(self.dir, "graphs")
        self.out = os.path.join(self.dir, "out")
        subprocess.run([REPORT, "export", *NETWORKS, "--out", self.graphs], check=True, capture_output=True)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def harness(self, *extra):
        return subprocess.run([sys.executable, os.path.join(HERE, "harness.py"), "--graphs", self.graphs,
                               "--out", self.out, "--machine", "test-machine", *FAST, *extra],
                              capture_output=True, text=True)

    def test_measures_checks_and_resumes(self):
        first = self.harness()
        self.assertEqual(first.returncode, 0, first.stderr)
        path = os.path.join(self.out, "test-machine.csv")
        measured = rows(path)
        self.assertEqual(sorted((r["network"], r["batch"]) for r in measured),
                         sorted((n, b) for n in NETWORKS for b in ("1", "2")))
        for r in measured:
            self.assertEqual(r["status"], "ok", r)
            median = float(r["median_ms"])
            self.assertLessEqual(float(r["q1_ms"]), median)
            self.assertLessEqual(median, float(r["q3_ms"]))
            self.assertAlmostEqual(float(r["images_per_s"]), int(r["batch"]) / (median / 1000), delta=0.001 * float(r["images_per_s"]))
            self.assertGreater(float(r["model_mib"]), 0)
        with open(path) as f:
            header = [line for line in f if line.startswith("#")]
        for key in ("machine", "cpu", "cores", "memory_gib", "os", "onnxruntime", "threads", "measured", "power"):
            self.assertTrue(any(line.startswith(f"# {key}: ") for line in header), key)
        with open(os.path.join(self.out, "machines.csv")) as f:
            self.assertEqual([r["machine"] for r in csv.DictReader(f)], ["test-machine"])

        # A second run keeps what was measured and measures nothing again.
        with open(path) as f:
            before = f.read()
        second = self.harness()
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertIn("already measured, kept", second.stderr)
        with open(path) as f:
            self.assertEqual(f.read().split("network,batch")[1], before.split("network,batch")[1])

    def test_a_run_carried_on_with_other_repeats_says_so(self):
        first = self.harness("--batches", "1")
        self.assertEqual(first.returncode, 0, first.stderr)
        second = self.harness("--batches", "1,2", "--budget", "0.6")
        self.assertEqual(second.returncode, 0, second.stderr)
        path = os.path.join(self.out, "test-machine.csv")
        with open(path) as f:
            header = [line.strip() for line in f if line.startswith("# repeats: ")]
        # The header tells how the rows kept from the first run were timed ...
        self.assertEqual(header, ["# repeats: warm-up 1, then 2 to 3 runs within 0.5 s per batch size"])
        # ... and each row timed otherwise says how.
        for r in rows(path):
            own = "repeats: warm-up 1, then 2 to 3 runs within 0.6 s per batch size"
            self.assertEqual(own in r["note"], r["batch"] == "2", r)

    def test_parameter_mismatch_fails_loudly(self):
        graph = os.path.join(self.graphs, "squeezenet-1.0.json")
        with open(graph) as f:
            network = json.load(f)
        network["totals"]["params"] += 1
        with open(graph, "w") as f:
            json.dump(network, f)
        result = self.harness()
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("disagrees with the counter", result.stderr)
        self.assertIn("total: ONNX graph", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.out, "test-machine.csv")) and
                         any(r["network"] == "squeezenet-1.0" for r in rows(os.path.join(self.out, "test-machine.csv"))))


if __name__ == "__main__":
    unittest.main()
