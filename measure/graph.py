"""Builds an ONNX model from a network exported by `report export` (format: README.md).

The model is assembled with the `onnx` package's helpers, weights are seeded random
values, and two checks make the export, the counter and ONNX agree before anything is
timed: the parameter count of the ONNX graph, taken from the initializers that feed a
learnable input of an operator, must equal the counter's exactly (per layer and in
total), and ONNX's own shape inference must give every layer the output shape the
counter computed. Either failure raises GraphMismatch, naming the layers.
"""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
IR_VERSION = 8  # what onnxruntime 1.16 and later all read
FORMAT = "report-network/1"

# The inputs of each ONNX operator that hold learned values. Anything else among a
# graph's initializers (batch norm's running statistics, Clip's bounds, Reshape's
# shapes, Pad's amounts) is not a parameter.
LEARNABLE_INPUTS = {
    "Conv": (1, 2),
    "ConvTranspose": (1, 2),
    "Gemm": (1, 2),
    "BatchNormalization": (1, 2),
    "PRelu": (1,),
}


class GraphMismatch(Exception):
    """The ONNX graph disagrees with the counter: the export or a counter is wrong."""


def build(network, seed=0):
    """An onnx.ModelProto for `network` (the parsed JSON), with a symbolic batch axis N."""
    if network.get("format") != FORMAT:
        raise ValueError(f"{network.get('id')}: format {network.get('format')!r}, expected {FORMAT!r}")
    rng = np.random.default_rng(seed)
    nodes, initializers = [], []
    constants = {}

    def constant(name, array):
        # Shared small constants (shapes, bounds) for operators that take them as inputs.
        if name not in constants:
            constants[name] = numpy_helper.from_array(np.asarray(array), name)
            initializers.append(constants[name])
        return name

    def weight(tensor, fan_in, kind):
        shape = tensor["shape"]
        if kind == "scale":
            values = rng.uniform(0.5, 1.5, shape)
        elif kind in ("shift", "mean", "bias"):
            values = rng.normal(0.0, 0.1, shape)
        elif kind == "var":
            values = rng.uniform(0.5, 1.5, shape)
        elif kind == "slope":
            values = rng.uniform(0.1, 0.3, shape)
        else:
            # He initialisation keeps activations near unit scale through the ReLUs, so no
            # run slows down on overflowing or denormal values.
            values = rng.normal(0.0, (2.0 / max(fan_in, 1)) ** 0.5, shape)
        return values.astype(np.float32)

    for node in network["nodes"]:
        name, op, a = node["name"], node["op"], node["attributes"]
        inputs = list(node["inputs"])
        tensors = {t["name"].rsplit(".", 1)[1]: t for t in node["params"] + node["buffers"]}
        # Batch norm without learned scale and shift still needs them: ones and zeros.
        fixed = {t["name"] for t in node["buffers"]} if op == "batch_norm" else set()

        def add_tensor(key, fan_in=1, reshape=None):
            t = tensors[key]
            values = weight(t, fan_in, key)
            if t["name"] in fixed and key in ("scale", "shift"):
                values = np.full(t["shape"], 1.0 if key == "scale" else 0.0, np.float32)
            if reshape is not None:
                values = values.reshape(reshape)
            initializers.append(numpy_helper.from_array(values, t["name"]))
            return t["name"]

        def emit(onnx_op, extra_inputs=(), output=name, **attributes):
            nodes.append(helper.make_node(onnx_op, inputs + list(extra_inputs), [output], name=output, **attributes))

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
            emit("Clip", [constant("const.zero", np.float32(0)), constant("const.six", np.float32(6))])
        elif op == "prelu":
            rank = len(_shape_of(network, node["inputs"][0]))
            reshape = [-1] + [1] * (rank - 1) if a.get("channelwise") else None
            emit("PRelu", [add_tensor("slope", reshape=reshape)])
        elif op == "sigmoid":
            emit("Sigmoid")
        elif op == "tanh":
            emit("Tanh")
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
            w = tensors["weight"]["shape"]
            extra = [add_tensor("weight", w[1])] + ([add_tensor("bias")] if "bias" in tensors else [])
            emit("Gemm", extra, transB=1)
        elif op == "flatten":
            emit("Flatten", axis=a["axis"])
        elif op == "dropout":
            emit("Identity")
        elif op == "channel_shuffle":
            c, h, w = _shape_of(network, node["inputs"][0])
            g = a["group"]
            split, moved = name + ".split", name + ".moved"
            nodes.append(helper.make_node("Reshape", [inputs[0], constant(f"shape.{g}x{c // g}x{h}x{w}",
                                          np.array([0, g, c // g, h, w], np.int64))], [split], name=split))
            nodes.append(helper.make_node("Transpose", [split], [moved], name=moved, perm=[0, 2, 1, 3, 4]))
            nodes.append(helper.make_node("Reshape", [moved, constant(f"shape.{c}x{h}x{w}",
                                          np.array([0, c, h, w], np.int64))], [name], name=name))
        elif op == "zero_pad":
            top, left, bottom, right = a["pads"]
            emit("Pad", [constant(f"pads.{top}.{left}.{bottom}.{right}",
                                  np.array([0, 0, top, left, 0, 0, bottom, right], np.int64))])
        elif op == "channel_pad":
            emit("Pad", [constant(f"pads.channels.{a['channels']}",
                                  np.array([0, 0, 0, 0, 0, a["channels"], 0, 0], np.int64))])
        elif op == "softmax":
            emit("Softmax", axis=a["axis"])
        elif op == "add":
            emit("Sum")
        elif op == "concat":
            emit("Concat", axis=a["axis"])
        else:
            raise ValueError(f"{name}: unknown op {op!r} (the export format has changed?)")

    def value(tensor_name, shape):
        return helper.make_tensor_value_info(tensor_name, TensorProto.FLOAT, ["N"] + list(shape))

    graph = helper.make_graph(nodes, network["id"], [value(network["input"]["name"], network["input"]["shape"])],
                              [value(network["output"], network["nodes"][-1]["shape"])], initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="report measure")
    model.ir_version = IR_VERSION
    return model


def _shape_of(network, tensor_name):
    if tensor_name == network["input"]["name"]:
        return network["input"]["shape"]
    for node in network["nodes"]:
        if node["name"] == tensor_name:
            return node["shape"]
    raise ValueError(f"{network['id']}: no tensor named {tensor_name!r}")


def parameter_count(model, buffers=frozenset()):
    """Learned parameters of an ONNX graph, per node (by node name) and in total.

    `buffers` names initializers in a learnable slot that are fixed (the ones and zeros
    of a batch norm without affine parameters)."""
    sizes = {init.name: int(np.prod(init.dims)) for init in model.graph.initializer if init.name not in buffers}
    per_node = {}
    for node in model.graph.node:
        slots = LEARNABLE_INPUTS.get(node.op_type, ())
        per_node[node.name] = sum(sizes.get(node.input[i], 0) for i in slots if i < len(node.input))
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

    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
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
