"""Builds an ONNX model from a network exported by `report export` (format: README.md).

The model is assembled with the `onnx` package's helpers, weights are seeded random
values, and two checks make the export, the counter and ONNX agree before anything is
timed: the parameter count of the ONNX graph, taken from the initializers that feed a
learnable input of an operator, must equal the counter's exactly (per layer and in
total), and ONNX's own shape inference must give every layer the output shape the
counter computed. Either failure raises GraphMismatch, naming the layers.

Learned values are initializers; fixed values (shapes, bounds, GELU's constants, the
shifted-window mask) are Constant nodes, so no fixed value can pass for a parameter
even where it feeds an operator's learnable input (Add, Mul). One exported layer may
become several ONNX nodes: the last is named after the layer, the others
`LAYER#PART`, and the parameter check adds up every node of a layer.
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17  # LayerNormalization needs 17; GELU is written with Erf (the Gelu op is 20)
IR_VERSION = 8  # what onnxruntime 1.16 and later all read
FORMAT = "report-network/1"

# The inputs of each ONNX operator that can hold learned values; an input counts only
# when it is an initializer. Anything else among a graph's initializers (batch norm's
# running statistics) is not a parameter.
LEARNABLE_INPUTS = {
    "Conv": (1, 2),
    "ConvTranspose": (1, 2),
    "Gemm": (1, 2),
    "BatchNormalization": (1, 2),
    "PRelu": (1,),
    "LayerNormalization": (1, 2),
    "MatMul": (1,),  # a linear layer on tokens: x · Wᵀ
    "Add": (1,),  # its bias; a position embedding
    "Mul": (1,),  # layer scale
    "Gather": (0,),  # the table of relative position biases
    "Expand": (0,),  # the class token
}

SEPARATOR = "#"  # between a layer's name and the part an auxiliary node computes


class GraphMismatch(Exception):
    """The ONNX graph disagrees with the counter: the export or a counter is wrong."""


def layer_of(node_name):
    """The exported layer an ONNX node belongs to."""
    return node_name.split(SEPARATOR, 1)[0]


def build(network, seed=0):
    """An onnx.ModelProto for `network` (the parsed JSON), with a symbolic batch axis N."""
    if network.get("format") != FORMAT:
        raise ValueError(f"{network.get('id')}: format {network.get('format')!r}, expected {FORMAT!r}")
    rng = np.random.default_rng(seed)
    nodes, initializers = [], []
    constants = set()
    # Where each tensor keeps its channels: "image" is N, C, H, W; "tokens" is N, …, C
    # (a grid N, H, W, C or a sequence N, T, C), from `to_tokens` until `to_image`.
    layout = {network["input"]["name"]: "image"}
    shapes = {network["input"]["name"]: network["input"]["shape"]}

    def constant(name, array):
        # Shared fixed values as Constant nodes, defined before their first use.
        name = "const" + SEPARATOR + name
        if name not in constants:
            constants.add(name)
            nodes.append(helper.make_node("Constant", [], [name], name=name,
                                          value=numpy_helper.from_array(np.asarray(array), name)))
        return name

    def ints(*values):
        return np.array(values, np.int64)

    def weight(tensor, fan_in, kind):
        shape = tensor["shape"]
        if kind == "scale":
            values = rng.uniform(0.5, 1.5, shape)
        elif kind in ("shift", "mean", "bias", "qkv_bias", "proj_bias"):
            values = rng.normal(0.0, 0.1, shape)
        elif kind == "var":
            values = rng.uniform(0.5, 1.5, shape)
        elif kind == "slope":
            values = rng.uniform(0.1, 0.3, shape)
        elif kind in ("token", "embedding", "relative_bias"):
            values = rng.normal(0.0, 0.02, shape)  # as ViT and Swin initialise them
        else:
            # He initialisation keeps activations near unit scale through the ReLUs, so no
            # run slows down on overflowing or denormal values.
            values = rng.normal(0.0, (2.0 / max(fan_in, 1)) ** 0.5, shape)
        return values.astype(np.float32)

    for node in network["nodes"]:
        name, op, a = node["name"], node["op"], node["attributes"]
        inputs = list(node["inputs"])
        in_shape = shapes[inputs[0]]
        tokens = layout[inputs[0]] == "tokens"
        tensors = {t["name"].rsplit(".", 1)[1]: t for t in node["params"] + node["buffers"]}
        # Batch norm without learned scale and shift still needs them: ones and zeros.
        fixed = {t["name"] for t in node["buffers"]} if op == "batch_norm" else set()

        def add_tensor(key, fan_in=1, reshape=None, transpose=False):
            t = tensors[key]
            values = weight(t, fan_in, key)
            if t["name"] in fixed and key in ("scale", "shift"):
                values = np.full(t["shape"], 1.0 if key == "scale" else 0.0, np.float32)
            if transpose:
                values = values.T.copy()
            if reshape is not None:
                values = values.reshape(reshape)
            initializers.append(numpy_helper.from_array(values, t["name"]))
            return t["name"]

        def emit(onnx_op, extra_inputs=(), output=name, **attributes):
            nodes.append(helper.make_node(onnx_op, inputs + list(extra_inputs), [output], name=output, **attributes))

        def step(part, onnx_op, node_inputs, output=None, **attributes):
            """An auxiliary node of this layer; returns its output (the layer's when `output`)."""
            out = output or name + SEPARATOR + part
            nodes.append(helper.make_node(onnx_op, node_inputs, [out], name=out, **attributes))
            return out

        def linear_tokens(x, weight_key, bias_key, part, output=None):
            """x · Wᵀ (+ b) over the last axis of a tensor of any rank: MatMul, Add."""
            w = tensors[weight_key]["shape"]
            y = step(part, "MatMul", [x, add_tensor(weight_key, w[1], transpose=True)],
                     output=None if bias_key in tensors else output)
            if bias_key in tensors:
                y = step(part + "_bias", "Add", [y, add_tensor(bias_key)], output=output)
            return y

        def attention(x, lead, tokens_per_group, heads, extra_logits=(), output=None):
            """Multi-head self-attention over the second-to-last axis of `x` (shape
            N, *lead, T, C): a joint Q, K, V projection, softmax(QKᵀ/√d + bias) V, and the
            output projection."""
            c = in_shape[-1]
            d = c // heads
            keep = [0] * (1 + len(lead))  # Reshape's 0 keeps N and the lead axes as they are
            qkv = linear_tokens(x, "qkv_weight", "qkv_bias", "qkv")
            split = step("qkv_heads", "Reshape", [qkv, constant(f"shape.{len(lead)}.{tokens_per_group}x3x{heads}x{d}",
                                                                ints(*keep, tokens_per_group, 3, heads, d))])
            r = len(lead)
            # N, *lead, T, 3, h, d  →  3, N, *lead, h, T, d
            perm = [r + 2] + list(range(r + 1)) + [r + 3, r + 1, r + 4]
            moved = step("qkv_moved", "Transpose", [split], perm=perm)
            q, k, v = (step(part, "Gather", [moved, constant(f"index.{i}", np.int64(i))], axis=0)
                       for i, part in enumerate(("q", "k", "v")))
            q = step("q_scaled", "Mul", [q, constant(f"scale.{d}", np.float32(d ** -0.5))])
            rank = r + 4  # N, *lead, h, T, d
            k_t = step("k_t", "Transpose", [k], perm=list(range(rank - 2)) + [rank - 1, rank - 2])
            logits = step("logits", "MatMul", [q, k_t])
            for part, term in extra_logits:
                logits = step(part, "Add", [logits, term])
            weights = step("softmax", "Softmax", [logits], axis=-1)
            mixed = step("mixed", "MatMul", [weights, v])
            # N, *lead, h, T, d  →  N, *lead, T, h, d  →  N, *lead, T, C
            back = step("heads_back", "Transpose", [mixed], perm=list(range(r + 1)) + [r + 2, r + 1, r + 3])
            merged = step("merged", "Reshape", [back, constant(f"shape.{len(lead)}.{tokens_per_group}x{c}",
                                                               ints(*keep, tokens_per_group, c))])
            return linear_tokens(merged, "proj_weight", "proj_bias", "proj", output=output)

        def roll(x, shift, part):
            """torch.roll(x, (shift, shift), dims=(1, 2)) on N, H, W, C: two slices joined."""
            for axis, size in ((1, in_shape[0]), (2, in_shape[1])):
                s = shift % size
                if s == 0:
                    continue
                head = step(f"{part}_{axis}a", "Slice", [x, constant(f"at.{size - s}", ints(size - s)),
                                                         constant(f"at.{size}", ints(size)), constant(f"axis.{axis}", ints(axis))])
                tail = step(f"{part}_{axis}b", "Slice", [x, constant("at.0", ints(0)), constant(f"at.{size - s}", ints(size - s)),
                                                         constant(f"axis.{axis}", ints(axis))])
                x = step(f"{part}_{axis}", "Concat", [head, tail], axis=axis)
            return x

        if op == "conv":
            w = tensors["weight"]["shape"]
            fan_in = w[1] * w[2] * w[3]
            extra = [add_tensor("weight", fan_in)] + ([add_tensor("bias")] if "bias" in tensors else [])
            emit("Conv", extra, kernel_shape=a["kernel"], strides=a["strides"], pads=a["pads"],
                 dilations=a["dilations"], group=a["group"])
        elif op == "conv_transpose":
            w = tensors["weight"]["shape"]
            extra = [add_tensor("weight", w[0] * w[2] * w[3])] + ([add_tensor("bias")] if "bias" in tensors else [])
            emit("ConvTranspose", extra, kernel_shape=a["kernel"], strides=a["strides"], pads=a["pads"],
                 output_padding=a["output_padding"], group=a["group"])
        elif op == "batch_norm":
            emit("BatchNormalization", [add_tensor(k) for k in ("scale", "shift", "mean", "var")], epsilon=1e-5)
        elif op == "relu":
            emit("Relu")
        elif op == "relu6":
            emit("Clip", [constant("zero", np.float32(0)), constant("six", np.float32(6))])
        elif op == "prelu":
            rank = len(in_shape) + 1
            reshape = [-1] + [1] * (rank - 2) if a.get("channelwise") else None
            emit("PRelu", [add_tensor("slope", reshape=reshape)])
        elif op == "sigmoid":
            emit("Sigmoid")
        elif op == "tanh":
            emit("Tanh")
        elif op == "hardsigmoid":
            emit("HardSigmoid", alpha=1 / 6, beta=0.5)  # relu6(x + 3) / 6, as PyTorch defines it
        elif op == "hardswish":
            emit("HardSwish")
        elif op == "silu":
            emit("Mul", [step("sigmoid", "Sigmoid", inputs)])
        elif op == "gelu":
            # The exact GELU, x · ½(1 + erf(x / √2)); ONNX Runtime fuses it into one kernel.
            scaled = step("scaled", "Div", [inputs[0], constant("sqrt2", np.float32(np.sqrt(2)))])
            erf = step("erf", "Erf", [scaled])
            shifted = step("plus1", "Add", [erf, constant("one", np.float32(1))])
            half = step("half", "Mul", [shifted, constant("half", np.float32(0.5))])
            emit("Mul", [half])
        elif op == "lrn":
            emit("LRN", size=a["size"], alpha=1e-4, beta=0.75, bias=1.0)
        elif op in ("max_pool", "avg_pool"):
            emit("MaxPool" if op == "max_pool" else "AveragePool",
                 kernel_shape=a["kernel"], strides=a["strides"], pads=a["pads"])
        elif op == "global_avg_pool":
            emit("GlobalAveragePool")
        elif op == "global_max_pool":
            emit("GlobalMaxPool")
        elif op == "linear":
            if tokens:
                linear_tokens(inputs[0], "weight", "bias", "matmul", output=name)
            else:
                w = tensors["weight"]["shape"]
                extra = [add_tensor("weight", w[1])] + ([add_tensor("bias")] if "bias" in tensors else [])
                emit("Gemm", extra, transB=1)
        elif op == "layer_norm":
            # Over the channels: the last axis of tokens; of an image (ConvNeXt's LayerNorm2d)
            # by way of channels-last, as PyTorch computes it.
            affine = [add_tensor("scale"), add_tensor("shift")]
            if tokens:
                emit("LayerNormalization", affine, axis=-1, epsilon=1e-6)
            else:
                last = step("channels_last", "Transpose", inputs, perm=[0, 2, 3, 1])
                normed = step("normed", "LayerNormalization", [last] + affine, axis=-1, epsilon=1e-6)
                step("", "Transpose", [normed], output=name, perm=[0, 3, 1, 2])
        elif op == "layer_scale":
            emit("Mul", [add_tensor("scale")])
        elif op == "to_tokens":
            c, h, w = in_shape
            if len(node["shape"]) == 3:  # a grid of tokens, N, H, W, C
                emit("Transpose", perm=[0, 2, 3, 1])
            else:  # a sequence, N, H·W, C
                flat = step("flat", "Reshape", [inputs[0], constant(f"shape.{c}x{h * w}", ints(0, c, h * w))])
                step("", "Transpose", [flat], output=name, perm=[0, 2, 1])
        elif op == "to_image":
            emit("Transpose", perm=[0, 3, 1, 2])
        elif op == "class_token":
            # The learned token, repeated over the batch, in front of the sequence.
            t, c = in_shape
            batch = step("batch", "Shape", inputs, start=0, end=1)
            target = step("target", "Concat", [batch, constant(f"shape.1x{c}", ints(1, c))], axis=0)
            token = step("tokens", "Expand", [add_tensor("token", reshape=[1, 1, c]), target])
            step("", "Concat", [token, inputs[0]], output=name, axis=1)
        elif op == "position_embedding":
            emit("Add", [add_tensor("embedding")])
        elif op == "select_token":
            emit("Gather", [constant(f"index.{a['axis']}", np.int64(a["axis"]))], axis=1)
        elif op == "self_attention":
            t, c = in_shape
            attention(inputs[0], [], t, a["group"], output=name)
        elif op == "window_attention":
            h, w, c = in_shape
            window, heads = a["kernel"][0], a["group"]
            if h % window or w % window:
                raise ValueError(f"{name}: a {h}×{w} grid does not split into {window}×{window} windows")
            # torchvision does not shift a window that covers the whole grid.
            shift = a["strides"][0] if window < h else 0
            x = roll(inputs[0], -shift, "roll") if shift else inputs[0]
            # N, H, W, C → N, H/w, w, W/w, w, C → N, H/w, W/w, w, w, C → N, windows, w², C
            rows, cols = h // window, w // window
            grid = step("windows", "Reshape", [x, constant(f"shape.{rows}x{window}x{cols}x{window}x{c}",
                                                           ints(0, rows, window, cols, window, c))])
            grid = step("windows_moved", "Transpose", [grid], perm=[0, 1, 3, 2, 4, 5])
            seq = step("windows_flat", "Reshape", [grid, constant(f"shape.{rows * cols}x{window * window}x{c}",
                                                                  ints(0, rows * cols, window * window, c))])
            table = add_tensor("relative_bias")
            bias = step("bias", "Gather", [table, constant(f"relative_index.{window}", _relative_index(window))], axis=0)
            bias = step("bias_square", "Reshape", [bias, constant(f"shape.{window ** 2}x{window ** 2}x{heads}",
                                                                  ints(window ** 2, window ** 2, heads))])
            bias = step("bias_heads", "Transpose", [bias], perm=[2, 0, 1])
            extra = [("relative_bias", bias)]
            if shift:
                mask = _shift_mask(h, w, window, shift)  # windows, 1 (heads), w², w²
                extra.append(("mask", constant(f"mask.{h}x{w}.{window}.{shift}", mask)))
            out = attention(seq, [rows * cols], window * window, heads, extra)
            grid = step("unwindow", "Reshape", [out, constant(f"shape.{rows}x{cols}x{window}x{window}x{c}",
                                                              ints(0, rows, cols, window, window, c))])
            grid = step("unwindow_moved", "Transpose", [grid], perm=[0, 1, 3, 2, 4, 5])
            if shift:
                x = step("unwindow_flat", "Reshape", [grid, constant(f"shape.{h}x{w}x{c}", ints(0, h, w, c))])
                x = roll(x, shift, "unroll")
                step("", "Identity", [x], output=name)
            else:
                step("", "Reshape", [grid, constant(f"shape.{h}x{w}x{c}", ints(0, h, w, c))], output=name)
        elif op == "patch_merging":
            # Each 2×2 patch's four tokens side by side, in torchvision's order
            # (x[0::2, 0::2], x[1::2, 0::2], x[0::2, 1::2], x[1::2, 1::2]).
            h, w, c = in_shape
            split = step("split", "Reshape", [inputs[0], constant(f"shape.{h // 2}x2x{w // 2}x2x{c}",
                                                                  ints(0, h // 2, 2, w // 2, 2, c))])
            moved = step("moved", "Transpose", [split], perm=[0, 1, 3, 4, 2, 5])
            step("", "Reshape", [moved, constant(f"shape.{h // 2}x{w // 2}x{4 * c}", ints(0, h // 2, w // 2, 4 * c))],
                 output=name)
        elif op == "flatten":
            emit("Flatten", axis=a["axis"])
        elif op in ("dropout", "identity"):
            emit("Identity")
        elif op == "channel_shuffle":
            c, h, w = in_shape
            g = a["group"]
            split = step("split", "Reshape", [inputs[0], constant(f"shape.{g}x{c // g}x{h}x{w}",
                                                                  ints(0, g, c // g, h, w))])
            moved = step("moved", "Transpose", [split], perm=[0, 2, 1, 3, 4])
            step("", "Reshape", [moved, constant(f"shape.{c}x{h}x{w}", ints(0, c, h, w))], output=name)
        elif op == "channel_slice":
            first, count = a["size"], a["channels"]
            emit("Slice", [constant(f"at.{first}", ints(first)), constant(f"at.{first + count}", ints(first + count)),
                           constant(f"axis.{a['axis']}", ints(a["axis"]))])
        elif op == "zero_pad":
            top, left, bottom, right = a["pads"]
            emit("Pad", [constant(f"pads.{top}.{left}.{bottom}.{right}", ints(0, 0, top, left, 0, 0, bottom, right))])
        elif op == "channel_pad":
            emit("Pad", [constant(f"pads.channels.{a['channels']}", ints(0, 0, 0, 0, 0, a["channels"], 0, 0))])
        elif op == "softmax":
            emit("Softmax", axis=a["axis"])
        elif op == "add":
            emit("Sum")
        elif op == "multiply":
            # Squeeze-and-excitation: the features times their channel weights (broadcast).
            product = inputs[0]
            for i, other in enumerate(inputs[1:-1]):
                product = step(f"mul{i}", "Mul", [product, other])
            step("", "Mul", [product, inputs[-1]], output=name)
        elif op == "concat":
            emit("Concat", axis=a["axis"])
        else:
            raise ValueError(f"{name}: unknown op {op!r} (the export format has changed?)")

        shapes[name] = node["shape"]
        layout[name] = {"to_tokens": "tokens", "to_image": "image"}.get(op, layout[inputs[0]])

    def value(tensor_name, shape):
        return helper.make_tensor_value_info(tensor_name, TensorProto.FLOAT, ["N"] + list(shape))

    graph = helper.make_graph(nodes, network["id"], [value(network["input"]["name"], network["input"]["shape"])],
                              [value(network["output"], network["nodes"][-1]["shape"])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="report measure")
    model.ir_version = IR_VERSION
    return model


def _relative_index(window):
    """For each pair of positions in a window, the row of the relative-bias table for
    their offset (Swin's relative_position_index), flattened: w⁴ indices."""
    ys, xs = np.meshgrid(np.arange(window), np.arange(window), indexing="ij")
    coords = np.stack([ys.ravel(), xs.ravel()])  # 2, w²
    offset = coords[:, :, None] - coords[:, None, :] + (window - 1)  # 2, w², w²
    return (offset[0] * (2 * window - 1) + offset[1]).ravel().astype(np.int64)


def _shift_mask(h, w, window, shift):
    """Swin's mask for shifted windows: -100 between tokens that came from different
    regions of the rolled grid, 0 elsewhere; shape windows, 1, w², w²."""
    regions = np.zeros((h, w), np.int64)
    bounds = lambda size: ((0, size - window), (size - window, size - shift), (size - shift, size))  # noqa: E731
    label = 0
    for y0, y1 in bounds(h):
        for x0, x1 in bounds(w):
            regions[y0:y1, x0:x1] = label
            label += 1
    windows = regions.reshape(h // window, window, w // window, window).transpose(0, 2, 1, 3).reshape(-1, window * window)
    differs = windows[:, :, None] != windows[:, None, :]
    return np.where(differs, -100.0, 0.0).astype(np.float32)[:, None, :, :]


def parameter_count(model, buffers=frozenset()):
    """Learned parameters of an ONNX graph, per exported layer (all its nodes) and in total.

    `buffers` names initializers in a learnable slot that are fixed (the ones and zeros
    of a batch norm without affine parameters)."""
    sizes = {init.name: int(np.prod(init.dims)) for init in model.graph.initializer if init.name not in buffers}
    per_node = {}
    for node in model.graph.node:
        slots = LEARNABLE_INPUTS.get(node.op_type, ())
        layer = layer_of(node.name)
        per_node[layer] = per_node.get(layer, 0) + sum(sizes.get(node.input[i], 0) for i in slots if i < len(node.input))
    return per_node, sum(per_node.values())


def check(network, model):
    """Raises GraphMismatch unless parameters and shapes equal the counter's; returns a summary."""
    onnx.checker.check_model(model)
    buffers = {t["name"] for node in network["nodes"] for t in node["buffers"]}
    per_node, total = parameter_count(model, buffers)
    problems = []
    for node in network["nodes"]:
        got = per_node.get(node["name"], 0)
        if got != node["param_count"]:
            problems.append(f"  {node['name']}: ONNX graph {got:,} parameters, counter {node['param_count']:,}")
    if total != network["totals"]["params"]:
        problems.append(f"  total: ONNX graph {total:,} parameters, counter {network['totals']['params']:,}")

    # data_prop carries the batch axis through Shape → Concat → Expand (the class token).
    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True, data_prop=True)
    shapes = {}
    for info in list(inferred.graph.value_info) + list(inferred.graph.output):
        dims = info.type.tensor_type.shape.dim
        shapes[info.name] = [d.dim_value if d.HasField("dim_value") else d.dim_param for d in dims]
    checked = 0
    for node in network["nodes"]:
        got = shapes.get(node["name"])
        if got is None:
            continue
        checked += 1
        if got != ["N"] + node["shape"]:
            problems.append(f"  {node['name']}: ONNX infers shape {got}, counter {['N'] + node['shape']}")
    if problems:
        raise GraphMismatch(f"{network['id']}: the ONNX graph disagrees with the counter:\n" + "\n".join(problems))
    return {"params": total, "shapes_checked": checked, "layers": len(network["nodes"])}
