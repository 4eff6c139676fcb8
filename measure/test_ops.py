"""Every op kind of the export format, one small graph each: graph.py builds it, its
parameter and shape checks pass, ONNX Runtime runs it at batch 2 with the expected
output shape, and — for the ops that are more than one ONNX operator — its output
equals a reference written here in numpy from the op's definition (PyTorch's and
torchvision's). A last test exports all 37 networks and fails on any op kind that has
no case here. Run by measure/test-harness (REPORT set to the `report` binary)."""

import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import onnxruntime as ort
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import graph  # noqa: E402

REPORT = os.environ.get("REPORT", os.path.join(HERE, "..", ".build", "debug", "report"))
BATCH = 2
STATISTICS = ("mean", "var")  # batch norm's running statistics: buffers, not parameters
BUILT = set()  # the op kinds run() has built and run


def network(input_shape, layers):
    """A report-network/1 description of a chain of layers (op, attributes, params,
    output shape[, extra inputs]); every layer reads the one before it (and its extras)."""
    nodes, previous = [], "input"
    for i, layer in enumerate(layers):
        op, attributes, params, shape = layer[:4]
        extra = layer[4] if len(layer) > 4 else []
        name = f"t/{op}{i}"
        tensors = [{"name": f"{name}.{key}", "shape": list(s)} for key, s in params.items() if key not in STATISTICS]
        buffers = [{"name": f"{name}.{key}", "shape": list(s)} for key, s in params.items() if key in STATISTICS]
        nodes.append({"name": name, "op": op, "inputs": [previous] + extra, "shape": list(shape),
                      "attributes": attributes, "params": tensors, "buffers": buffers,
                      "param_count": sum(math.prod(t["shape"]) for t in tensors)})
        previous = name
    params = sum(n["param_count"] for n in nodes)
    return {"format": graph.FORMAT, "id": "t", "input": {"name": "input", "shape": list(input_shape)},
            "output": previous, "totals": {"params": params, "macs": 0, "ops": 0, "peak_activations": 0},
            "nodes": nodes}


def run(net, x=None, seed=0):
    """Builds, checks and runs `net`; returns (input, output, initializers by name)."""
    model = graph.build(net, seed=seed)
    BUILT.update(n["op"] for n in net["nodes"])
    summary = graph.check(net, model)
    assert summary["params"] == net["totals"]["params"], summary
    weights = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    if x is None:
        x = np.random.default_rng(seed + 7).standard_normal([BATCH] + net["input"]["shape"]).astype(np.float32)
    y = session.run(None, {"input": x})[0]
    return x, y, weights


def erf(a):
    return np.vectorize(math.erf)(a)


def softmax(a, axis=-1):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def layer_norm(a, scale, shift, eps=1e-6):
    mean = a.mean(axis=-1, keepdims=True)
    var = ((a - mean) ** 2).mean(axis=-1, keepdims=True)
    return (a - mean) / np.sqrt(var + eps) * scale + shift


def attention(x, w, heads, bias=None):
    """Multi-head self-attention over axis -2 of x (…, T, C), PyTorch's packing of Q, K, V;
    `w` holds the weights as the graph stores them (Wᵀ for MatMul), `bias` is added to
    the logits (…, heads, T, T)."""
    t, c = x.shape[-2:]
    d = c // heads
    qkv = x @ w["qkv_weight"] + w["qkv_bias"]
    q, k, v = (qkv[..., i * c:(i + 1) * c].reshape(*x.shape[:-1], heads, d).swapaxes(-2, -3) for i in range(3))
    logits = q @ k.swapaxes(-1, -2) / math.sqrt(d)
    if bias is not None:
        logits = logits + bias
    mixed = (softmax(logits) @ v).swapaxes(-2, -3).reshape(*x.shape[:-1], c)
    return mixed @ w["proj_weight"] + w["proj_bias"]


def tensors(weights, layer):
    return {name.rsplit(".", 1)[1]: value for name, value in weights.items() if name.startswith(layer + ".")}


class OpsTest(unittest.TestCase):
    def close(self, got, want, tol=1e-4):
        self.assertEqual(got.shape, want.shape)
        np.testing.assert_allclose(got, want, rtol=tol, atol=tol)

    def shape_only(self, input_shape, layers):
        net = network(input_shape, layers)
        x, y, weights = run(net)
        self.assertEqual(list(y.shape), [BATCH] + list(layers[-1][3]))
        self.assertTrue(np.isfinite(y).all())
        return x, y, weights

    # The ops of the 2016 networks, each a single ONNX operator.

    def test_conv_and_conv_transpose(self):
        conv = {"kernel": [3, 3], "strides": [2, 2], "pads": [1, 1, 1, 1], "dilations": [1, 1], "group": 2}
        self.shape_only([4, 9, 9], [("conv", conv, {"weight": [6, 2, 3, 3], "bias": [6]}, [6, 5, 5])])
        up = {"kernel": [2, 2], "strides": [2, 2], "pads": [0, 0, 0, 0], "output_padding": [0, 0], "group": 1}
        self.shape_only([4, 5, 5], [("conv_transpose", up, {"weight": [4, 3, 2, 2]}, [3, 10, 10])])

    def test_batch_norm_and_activations(self):
        layers = [("batch_norm", {}, {"scale": [3], "shift": [3], "mean": [3], "var": [3]}, [3, 4, 4])]
        for op in ("relu", "relu6", "sigmoid", "tanh", "lrn"):
            layers.append((op, {"size": 3} if op == "lrn" else {}, {}, [3, 4, 4]))
        layers.append(("prelu", {"channelwise": True}, {"slope": [3]}, [3, 4, 4]))
        self.shape_only([3, 4, 4], layers)

    def test_pools_flatten_linear_softmax(self):
        pool = {"kernel": [2, 2], "strides": [2, 2], "pads": [0, 0, 0, 0]}
        self.shape_only([3, 8, 8], [("max_pool", pool, {}, [3, 4, 4]), ("avg_pool", pool, {}, [3, 2, 2]),
                                    ("zero_pad", {"pads": [1, 1, 0, 0]}, {}, [3, 3, 3]),
                                    ("channel_pad", {"channels": 2}, {}, [5, 3, 3]),
                                    ("global_max_pool", {}, {}, [5, 1, 1]), ("global_avg_pool", {}, {}, [5, 1, 1]),
                                    ("flatten", {"axis": 1}, {}, [5]), ("dropout", {}, {}, [5]),
                                    ("linear", {}, {"weight": [7, 5], "bias": [7]}, [7]),
                                    ("softmax", {"axis": 1}, {}, [7])])

    def test_add_concat_multiply(self):
        # Squeeze-and-excitation: the features times sigmoid of their pooled channels.
        net = network([3, 4, 4], [("identity", {}, {}, [3, 4, 4]), ("global_avg_pool", {}, {}, [3, 1, 1]),
                                  ("sigmoid", {}, {}, [3, 1, 1]), ("multiply", {}, {}, [3, 4, 4], ["t/identity0"]),
                                  ("add", {}, {}, [3, 4, 4], ["input"]),
                                  ("concat", {"axis": 1}, {}, [6, 4, 4], ["input"])])
        x, y, _ = run(net)
        gate = 1 / (1 + np.exp(-x.mean(axis=(2, 3), keepdims=True)))
        self.close(y, np.concatenate([x * gate + x, x], axis=1))

    def test_channel_shuffle_and_slice(self):
        net = network([6, 2, 2], [("channel_shuffle", {"group": 2}, {}, [6, 2, 2]),
                                  ("channel_slice", {"axis": 1, "size": 1, "channels": 3}, {}, [3, 2, 2])])
        x, y, _ = run(net)
        shuffled = x.reshape(BATCH, 2, 3, 2, 2).swapaxes(1, 2).reshape(BATCH, 6, 2, 2)
        self.close(y, shuffled[:, 1:4])

    # The ops of the later networks, most of them several ONNX operators.

    def test_activations_of_later_networks(self):
        for op, reference in (("gelu", lambda a: a * 0.5 * (1 + erf(a / math.sqrt(2)))),
                              ("silu", lambda a: a / (1 + np.exp(-a))),
                              ("hardswish", lambda a: a * np.clip(a + 3, 0, 6) / 6),
                              ("hardsigmoid", lambda a: np.clip(a + 3, 0, 6) / 6)):
            with self.subTest(op=op):
                x, y, _ = run(network([3, 4, 4], [(op, {}, {}, [3, 4, 4])]))
                self.close(y, reference(x))

    def test_layer_norm_of_an_image_normalises_channels(self):
        net = network([5, 3, 3], [("layer_norm", {}, {"scale": [5], "shift": [5]}, [5, 3, 3])])
        x, y, weights = run(net)
        w = tensors(weights, "t/layer_norm0")
        want = layer_norm(x.transpose(0, 2, 3, 1), w["scale"], w["shift"]).transpose(0, 3, 1, 2)
        self.close(y, want)

    def test_tokens_layer_norm_linear_layer_scale_and_back(self):
        # ConvNeXt's block: to channels-last, layer norm, a linear layer and GELU on each
        # token, layer scale, back to an image.
        net = network([4, 3, 5], [("to_tokens", {}, {}, [3, 5, 4]),
                                  ("layer_norm", {}, {"scale": [4], "shift": [4]}, [3, 5, 4]),
                                  ("linear", {}, {"weight": [6, 4], "bias": [6]}, [3, 5, 6]),
                                  ("layer_scale", {}, {"scale": [6]}, [3, 5, 6]),
                                  ("to_image", {}, {}, [6, 3, 5])])
        x, y, weights = run(net)
        ln, fc, ls = (tensors(weights, f"t/{name}") for name in ("layer_norm1", "linear2", "layer_scale3"))
        self.assertEqual(fc["weight"].shape, (4, 6))  # stored as Wᵀ for MatMul
        tokens = layer_norm(x.transpose(0, 2, 3, 1), ln["scale"], ln["shift"])
        want = ((tokens @ fc["weight"] + fc["bias"]) * ls["scale"]).transpose(0, 3, 1, 2)
        self.close(y, want)

    def test_vit_sequence_class_token_position_attention_select(self):
        c, heads = 8, 2
        net = network([c, 2, 3], [("to_tokens", {}, {}, [6, c]),
                                  ("class_token", {}, {"token": [c]}, [7, c]),
                                  ("position_embedding", {}, {"embedding": [7, c]}, [7, c]),
                                  ("self_attention", {"group": heads},
                                   {"qkv_weight": [3 * c, c], "qkv_bias": [3 * c], "proj_weight": [c, c], "proj_bias": [c]},
                                   [7, c]),
                                  ("select_token", {"axis": 0}, {}, [c])])
        x, y, weights = run(net)
        sequence = x.reshape(BATCH, c, 6).transpose(0, 2, 1)
        token = np.broadcast_to(tensors(weights, "t/class_token1")["token"].reshape(1, 1, c), (BATCH, 1, c))
        sequence = np.concatenate([token, sequence], axis=1) + tensors(weights, "t/position_embedding2")["embedding"]
        self.close(y, attention(sequence, tensors(weights, "t/self_attention3"), heads)[:, 0])

    def window_attention_reference(self, x, w, window, shift, heads):
        """Swin's (shifted) window attention, written with loops over windows and pairs."""
        n, h, wd, c = x.shape
        size = window * window
        rolled = np.roll(x, (-shift, -shift), axis=(1, 2)) if shift else x
        table = w["relative_bias"]

        def region(i, length):
            return 0 if i < length - window else (1 if i < length - shift else 2)

        out = np.empty_like(rolled)
        for wy in range(h // window):
            for wx in range(wd // window):
                cells = [(wy * window + i, wx * window + j) for i in range(window) for j in range(window)]
                bias = np.zeros((heads, size, size), np.float32)
                for p, (yp, xp) in enumerate(cells):
                    for q, (yq, xq) in enumerate(cells):
                        row = (yp - yq + window - 1) * (2 * window - 1) + (xp - xq + window - 1)
                        bias[:, p, q] = table[row]
                        if shift and (region(yp, h), region(xp, wd)) != (region(yq, h), region(xq, wd)):
                            bias[:, p, q] -= 100
                tokens = np.stack([rolled[:, yy, xx] for yy, xx in cells], axis=1)  # n, size, c
                mixed = attention(tokens, w, heads, bias)
                for p, (yy, xx) in enumerate(cells):
                    out[:, yy, xx] = mixed[:, p]
        return np.roll(out, (shift, shift), axis=(1, 2)) if shift else out

    def test_window_attention_shifted_unshifted_and_covering(self):
        c, heads = 4, 2
        for grid, window, shift in ((4, 2, 1), (6, 3, 0), (3, 3, 1)):
            with self.subTest(grid=grid, window=window, shift=shift):
                params = {"qkv_weight": [3 * c, c], "qkv_bias": [3 * c], "proj_weight": [c, c], "proj_bias": [c],
                          "relative_bias": [(2 * window - 1) ** 2, heads]}
                net = network([grid, grid, c], [("window_attention",
                                                 {"group": heads, "kernel": [window, window], "strides": [shift, shift]},
                                                 params, [grid, grid, c])])
                # The input is read as tokens: start from an image and move to tokens.
                net = network([c, grid, grid], [("to_tokens", {}, {}, [grid, grid, c])] + [
                    (n["op"], n["attributes"], {t["name"].rsplit(".", 1)[1]: t["shape"] for t in n["params"]}, n["shape"])
                    for n in net["nodes"]])
                x, y, weights = run(net)
                w = tensors(weights, "t/window_attention1")
                # A window that covers the grid is not shifted (torchvision's rule).
                effective = shift if window < grid else 0
                want = self.window_attention_reference(x.transpose(0, 2, 3, 1), w, window, effective, heads)
                self.close(y, want)

    def test_patch_merging_in_torchvision_order(self):
        net = network([3, 4, 6], [("to_tokens", {}, {}, [4, 6, 3]), ("patch_merging", {}, {}, [2, 3, 12])])
        x, y, _ = run(net)
        t = x.transpose(0, 2, 3, 1)
        want = np.concatenate([t[:, 0::2, 0::2], t[:, 1::2, 0::2], t[:, 0::2, 1::2], t[:, 1::2, 1::2]], axis=-1)
        self.close(y, want)

    def test_fixed_values_are_not_parameters(self):
        # GELU's constants and a shifted window's mask feed Add and Mul, whose second input
        # is learnable: they must not count.
        net = network([4, 4, 4], [("to_tokens", {}, {}, [4, 4, 4]), ("gelu", {}, {}, [4, 4, 4]),
                                  ("window_attention", {"group": 1, "kernel": [2, 2], "strides": [1, 1]},
                                   {"qkv_weight": [12, 4], "proj_weight": [4, 4], "relative_bias": [9, 1]}, [4, 4, 4])])
        model = graph.build(net)
        _, total = graph.parameter_count(model)
        self.assertEqual(total, 12 * 4 + 4 * 4 + 9)
        net["nodes"][2]["param_count"] += 1
        net["totals"]["params"] += 1
        with self.assertRaises(graph.GraphMismatch) as caught:
            graph.check(net, model)
        self.assertIn("t/window_attention2: ONNX graph 73 parameters, counter 74", str(caught.exception))

    def test_every_exported_op_kind_has_a_case(self):
        # The other tests, run again here, record what they build; every op kind of the
        # exported networks must be among it.
        BUILT.clear()
        for name in sorted(dir(self)):
            if name.startswith("test_") and name != "test_every_exported_op_kind_has_a_case":
                getattr(self, name)()
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([REPORT, "export", "--out", out], check=True, capture_output=True)
            used = set()
            for file in os.listdir(out):
                with open(os.path.join(out, file)) as f:
                    used |= {n["op"] for n in json.load(f)["nodes"]}
        self.assertGreater(len(used), 20)
        self.assertEqual(sorted(used - BUILT), [], "op kinds the networks use that no test here builds")


if __name__ == "__main__":
    unittest.main()
