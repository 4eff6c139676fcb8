// Turns a network's layer tree into the flat graph of ExportedNetwork. It names layers
// with the counter's own Scope and takes every output shape and parameter count from
// `Counter.count`, so the export cannot drift from the counts the paper prints; what it
// adds is the wiring (which tensor each node reads) and what a runtime needs spelled
// out (explicit paddings, parameter tensor shapes).

struct GraphWalk {
    let network: String
    private(set) var nodes: [ExportedNetwork.Node] = []

    init(network: String) { self.network = network }

    /// A tensor flowing between nodes.
    private struct Value {
        var name: String
        var shape: Shape
    }

    static let inputName = "input"

    /// The walk's nodes and the name of the tensor the network ends in.
    mutating func run(_ body: [Layer], input: Shape) throws(ArchitectureError) -> String {
        var scope = Counter.Scope(path: network)
        return try evaluate(Layer(.sequence(body)), Value(name: Self.inputName, shape: input), in: &scope).name
    }

    private mutating func evaluate(_ layer: Layer, _ input: Value,
                                   in scope: inout Counter.Scope) throws(ArchitectureError) -> Value {
        switch layer.operation {
        case .sequence(let children):
            if let name = layer.name {
                var inner = scope.child(name)
                return try evaluateSequence(children, input, in: &inner)
            }
            return try evaluateSequence(children, input, in: &scope)

        case .parallel(let branches, let merge):
            // Named as the counter names it: a named parallel node is a scope whose merge
            // is called `concat` or `add`; an unnamed one numbers its merge first.
            if let name = layer.name {
                var inner = scope.child(name)
                return try evaluateParallel(branches, merge, mergeName: merge.rawValue, input, in: &inner)
            }
            let mergeName = scope.autoName(merge.rawValue)
            return try evaluateParallel(branches, merge, mergeName: mergeName, input, in: &scope)

        default:
            let name = layer.name ?? scope.autoName(Counter.tag(layer.operation))
            let path = scope.path + "/" + name
            let (count, output) = try Counter.count(layer.operation, input.shape, path: path)
            var node = ExportedNetwork.Node(name: path, op: "", inputs: [input.name], shape: output.dimensions,
                                            attributes: .init(), params: [], buffers: [],
                                            paramCount: count.params)
            describe(layer.operation, input: input.shape, output: output, into: &node)
            nodes.append(node)
            return Value(name: path, shape: output)
        }
    }

    private mutating func evaluateSequence(_ children: [Layer], _ input: Value,
                                           in scope: inout Counter.Scope) throws(ArchitectureError) -> Value {
        var current = input
        for child in children { current = try evaluate(child, current, in: &scope) }
        return current
    }

    private mutating func evaluateParallel(_ branches: [Layer], _ merge: Merge, mergeName: String,
                                           _ input: Value, in scope: inout Counter.Scope)
        throws(ArchitectureError) -> Value {
        let path = scope.path + "/" + mergeName
        var outputs: [Value] = []
        for branch in branches { outputs.append(try evaluate(branch, input, in: &scope)) }
        guard let first = outputs.first else {
            throw ArchitectureError(path: path, message: "\(merge.rawValue) of no branches")
        }
        // The counter has checked that the branches fit together (it ran first, in `exported`).
        var attributes = ExportedNetwork.Attributes()
        let shape: Shape
        switch merge {
        case .concat:
            shape = Shape(channels: outputs.reduce(0) { $0 + $1.shape.channels },
                          height: first.shape.height, width: first.shape.width, isFlat: first.shape.isFlat,
                          isTokens: first.shape.isTokens)
            attributes.axis = 1
        case .add:
            shape = first.shape
        case .multiply:
            // The counter checked that the others broadcast over the largest.
            shape = outputs.max { $0.shape.elements < $1.shape.elements }!.shape
        }
        nodes.append(.init(name: path, op: merge.rawValue, inputs: outputs.map(\.name), shape: shape.dimensions,
                           attributes: attributes, params: [], buffers: [], paramCount: 0))
        return Value(name: path, shape: shape)
    }

    /// The op name, attributes and tensors of one leaf.
    private func describe(_ operation: Operation, input: Shape, output: Shape, into node: inout ExportedNetwork.Node) {
        func tensor(_ suffix: String, _ shape: [Int]) -> ExportedTensor {
            ExportedTensor(name: node.name + "." + suffix, shape: shape)
        }
        var a = ExportedNetwork.Attributes()
        switch operation {
        case .convolution(let c):
            node.op = "conv"
            a.kernel = [c.kernel.h, c.kernel.w]
            a.strides = [c.stride, c.stride]
            a.dilations = [c.dilation, c.dilation]
            a.group = c.groups
            a.pads = Self.pads(c.padding, input: input, output: output, kernel: c.kernel,
                               stride: c.stride, dilation: c.dilation)
            node.params = [tensor("weight", [c.outChannels, input.channels / c.groups, c.kernel.h, c.kernel.w])]
            if c.bias { node.params.append(tensor("bias", [c.outChannels])) }

        case .transposedConvolution(let t):
            node.op = "conv_transpose"
            a.kernel = [t.kernel.h, t.kernel.w]
            a.strides = [t.stride, t.stride]
            a.pads = [t.padding, t.padding, t.padding, t.padding]
            a.outputPadding = [t.outputPadding, t.outputPadding]
            a.group = t.groups
            node.params = [tensor("weight", [input.channels, t.outChannels / t.groups, t.kernel.h, t.kernel.w])]
            if t.bias { node.params.append(tensor("bias", [t.outChannels])) }

        case .batchNorm(let affine):
            node.op = "batch_norm"
            let scaleShift = [tensor("scale", [input.channels]), tensor("shift", [input.channels])]
            let statistics = [tensor("mean", [input.channels]), tensor("var", [input.channels])]
            // Without learned scale and shift a runtime still wants them: fixed ones and zeros.
            if affine { node.params = scaleShift; node.buffers = statistics } else { node.buffers = scaleShift + statistics }

        case .activation(let kind, let channelwise):
            node.op = kind.rawValue
            if kind == .prelu {
                a.channelwise = channelwise
                node.params = [tensor("slope", [channelwise ? input.channels : 1])]
            }

        case .localResponseNorm(let size):
            node.op = "lrn"
            a.size = size

        case .pool(let p):
            node.op = p.kind.rawValue + "_pool"
            a.kernel = [p.kernel.h, p.kernel.w]
            a.strides = [p.stride, p.stride]
            a.pads = Self.pads(p.padding, input: input, output: output, kernel: p.kernel, stride: p.stride, dilation: 1)

        case .globalPool(let kind):
            node.op = "global_\(kind.rawValue)_pool"

        case .linear(let out, let bias):
            node.op = "linear"
            node.params = [tensor("weight", [out, input.channels])]
            if bias { node.params.append(tensor("bias", [out])) }

        case .flatten:
            node.op = "flatten"
            a.axis = 1

        case .dropout:
            node.op = "dropout"

        case .channelShuffle(let groups):
            node.op = "channel_shuffle"
            a.group = groups

        case .zeroPad(let top, let bottom, let left, let right):
            node.op = "zero_pad"
            a.pads = [top, left, bottom, right]

        case .channelPad(let extra):
            node.op = "channel_pad"
            a.channels = extra

        case .softmax:
            node.op = "softmax"
            a.axis = 1

        case .layerNorm:
            node.op = "layer_norm"
            node.params = [tensor("scale", [input.channels]), tensor("shift", [input.channels])]

        case .layerScale:
            node.op = "layer_scale"
            node.params = [tensor("scale", [input.channels])]

        case .stochasticDepth:
            node.op = "identity"

        case .toTokens:
            node.op = "to_tokens"

        case .toImage:
            node.op = "to_image"

        case .classToken:
            node.op = "class_token"
            node.params = [tensor("token", [input.channels])]

        case .positionEmbedding:
            node.op = "position_embedding"
            node.params = [tensor("embedding", [input.tokens, input.channels])]

        case .selectToken(let index):
            node.op = "select_token"
            a.axis = index

        case .attention(let attention):
            let c = input.channels
            node.op = attention.window == nil ? "self_attention" : "window_attention"
            a.group = attention.heads
            if let window = attention.window {
                a.kernel = [window, window]
                a.strides = [attention.shift, attention.shift]
                node.params.append(tensor("relative_bias", [(2 * window - 1) * (2 * window - 1), attention.heads]))
            }
            node.params = [tensor("qkv_weight", [3 * c, c])] + (attention.bias ? [tensor("qkv_bias", [3 * c])] : [])
                + [tensor("proj_weight", [c, c])] + (attention.bias ? [tensor("proj_bias", [c])] : [])
                + node.params

        case .patchMerging:
            node.op = "patch_merging"

        case .channelSlice(let from, let count):
            node.op = "channel_slice"
            a.axis = 1
            a.channels = count
            a.size = from

        case .sequence, .parallel:
            preconditionFailure("structure nodes are walked by evaluate")
        }
        node.attributes = a
    }

    /// Explicit begin and end paddings (top, left, bottom, right) that give, with the
    /// runtime's floor rule, the output the counter computed: ceil-mode pooling becomes
    /// extra padding at the end, and "same" splits its padding with the odd one at the
    /// end (TensorFlow's rule).
    static func pads(_ padding: Padding, input: Shape, output: Shape, kernel: Pair, stride: Int,
                     dilation: Int) -> [Int] {
        func axis(_ size: Int, _ out: Int, _ k: Int, _ p: Int?) -> (Int, Int) {
            let span = (out - 1) * stride + dilation * (k - 1) + 1
            guard let p else {
                let total = max(0, span - size)
                return (total / 2, total - total / 2)
            }
            return (p, max(p, span - size - p))
        }
        let symmetric: Pair?
        if case .symmetric(let pair) = padding { symmetric = pair } else { symmetric = nil }
        let (top, bottom) = axis(input.height, output.height, kernel.h, symmetric?.h)
        let (left, right) = axis(input.width, output.width, kernel.w, symmetric?.w)
        return [top, left, bottom, right]
    }
}

extension Network {
    func exported() throws(ArchitectureError) -> ExportedNetwork {
        let counts = try counts()
        var walk = GraphWalk(network: id)
        let output = try walk.run(body, input: input)
        return ExportedNetwork(
            format: ExportedNetwork.formatVersion, id: id,
            input: ExportedTensor(name: GraphWalk.inputName, shape: input.dimensions), output: output,
            totals: .init(params: counts.params, macs: counts.macs, ops: counts.ops,
                          peakActivations: counts.peakActivations),
            nodes: walk.nodes)
    }
}

extension Zoo {
    /// The exported graph of a defined network; nil when no architecture has that id.
    public static func exported(_ id: String) throws(ArchitectureError) -> ExportedNetwork? {
        try network(id)?.exported()
    }
}
