// Shape and counts of one leaf layer (conventions at the top of Counter.swift).

extension Counter {
    static func count(_ operation: Operation, _ input: Shape, path: String)
        throws(ArchitectureError) -> (LayerCount, Shape) {
        func fail(_ message: String) -> ArchitectureError {
            ArchitectureError(path: path, message: message + " (input \(input))")
        }
        func spatial(_ what: String) throws(ArchitectureError) {
            if input.isFlat { throw fail("\(what) needs a C×H×W input, not a flat vector") }
            if input.isTokens { throw fail("\(what) needs a C×H×W input, not tokens: add toImage() first") }
        }
        func tokens(_ what: String, grid: Bool = false) throws(ArchitectureError) {
            if !input.isTokens { throw fail("\(what) needs tokens: add toTokens() first") }
            if grid && input.width == 1 && input.height > 1 {
                throw fail("\(what) needs a grid of tokens, not a sequence")
            }
        }
        func result(_ kind: String, _ output: Shape, params: Int = 0, macs: Int = 0, ops: Int = 0,
                    opsProfiler: Int? = nil) -> (LayerCount, Shape) {
            (LayerCount(path: path, kind: kind, outputShape: output.dimensions, params: params,
                        macs: macs, ops: ops, opsProfiler: opsProfiler ?? ops,
                        activations: output.elements), output)
        }

        switch operation {
        case .convolution(let c):
            try spatial("a convolution")
            guard c.groups > 0, input.channels % c.groups == 0, c.outChannels % c.groups == 0 else {
                throw fail("\(input.channels) input and \(c.outChannels) output channels "
                    + "do not divide into \(c.groups) groups")
            }
            let h = try windowOutput(input.height, c.kernel.h, c.stride, c.padding, axis: \.h,
                                     dilation: c.dilation, ceil: false, fail)
            let w = try windowOutput(input.width, c.kernel.w, c.stride, c.padding, axis: \.w,
                                     dilation: c.dilation, ceil: false, fail)
            let output = Shape.image(c.outChannels, h, w)
            let window = c.kernel.h * c.kernel.w
            let inPerGroup = input.channels / c.groups
            var kind = "conv \(c.kernel.h)×\(c.kernel.w)/\(c.stride), \(c.outChannels)"
            if c.groups > 1 { kind += ", groups \(c.groups)" }
            if c.dilation > 1 { kind += ", dilation \(c.dilation)" }
            return result(kind, output,
                          params: c.outChannels * inPerGroup * window + (c.bias ? c.outChannels : 0),
                          macs: output.elements * inPerGroup * window,
                          ops: output.elements * (2 * window * inPerGroup + 1),
                          opsProfiler: output.elements * (2 * window * input.channels + 1))

        case .transposedConvolution(let t):
            try spatial("a transposed convolution")
            guard t.groups > 0, input.channels % t.groups == 0, t.outChannels % t.groups == 0 else {
                throw fail("\(input.channels) input and \(t.outChannels) output channels "
                    + "do not divide into \(t.groups) groups")
            }
            let h = (input.height - 1) * t.stride - 2 * t.padding + t.kernel.h + t.outputPadding
            let w = (input.width - 1) * t.stride - 2 * t.padding + t.kernel.w + t.outputPadding
            guard h > 0, w > 0 else { throw fail("padding \(t.padding) leaves no output") }
            let output = Shape.image(t.outChannels, h, w)
            let window = t.kernel.h * t.kernel.w
            let outPerGroup = t.outChannels / t.groups
            let macs = input.elements * window * outPerGroup
            var kind = "deconv \(t.kernel.h)×\(t.kernel.w)/\(t.stride), \(t.outChannels)"
            if t.groups > 1 { kind += ", groups \(t.groups)" }
            return result(kind, output,
                          params: input.channels * outPerGroup * window + (t.bias ? t.outChannels : 0),
                          macs: macs,
                          ops: 2 * macs + output.elements,
                          opsProfiler: 2 * input.elements * window * t.outChannels + output.elements)

        case .batchNorm(let affine):
            return result("batch norm", input, params: affine ? 2 * input.channels : 0)

        case .activation(let kind, let channelwise):
            let params = kind == .prelu ? (channelwise ? input.channels : 1) : 0
            return result(kind.rawValue, input, params: params, ops: input.elements)

        case .localResponseNorm(let size):
            try spatial("local response normalisation")
            return result("LRN \(size)", input)

        case .pool(let p):
            try spatial("pooling")
            let h = try windowOutput(input.height, p.kernel.h, p.stride, p.padding, axis: \.h,
                                     dilation: 1, ceil: p.ceilMode, fail)
            let w = try windowOutput(input.width, p.kernel.w, p.stride, p.padding, axis: \.w,
                                     dilation: 1, ceil: p.ceilMode, fail)
            let output = Shape.image(input.channels, h, w)
            return result("\(p.kind.rawValue) pool \(p.kernel.h)×\(p.kernel.w)/\(p.stride)", output,
                          ops: output.elements * p.kernel.h * p.kernel.w)

        case .globalPool(let kind):
            try spatial("global pooling")
            return result("global \(kind.rawValue) pool", .image(input.channels, 1, 1),
                          ops: input.elements)

        case .linear(let out, let bias):
            // A flat vector, or every token alike (a transformer's projections and MLP).
            guard input.isFlat || input.isTokens else {
                throw fail("a linear layer needs a flat input or tokens: flatten first")
            }
            var output = input
            output.channels = out
            let positions = input.isFlat ? 1 : input.tokens
            return result("fc \(out)", output,
                          params: input.channels * out + (bias ? out : 0),
                          macs: positions * input.channels * out,
                          ops: positions * (2 * input.channels * out + (bias ? out : 0)))

        case .flatten:
            return result("flatten", Shape(channels: input.elements, height: 1, width: 1, isFlat: true))

        case .dropout:
            return result("dropout", input)

        case .channelShuffle(let groups):
            try spatial("a channel shuffle")
            guard groups > 0, input.channels % groups == 0 else {
                throw fail("\(input.channels) channels do not shuffle in \(groups) groups")
            }
            return result("shuffle \(groups)", input)

        case .zeroPad(let top, let bottom, let left, let right):
            try spatial("zero padding")
            return result("zero pad", .image(input.channels, input.height + top + bottom,
                                             input.width + left + right))

        case .channelPad(let extra):
            try spatial("channel padding")
            return result("channel pad +\(extra)", .image(input.channels + extra, input.height,
                                                          input.width))

        case .softmax:
            return result("softmax", input, ops: 3 * input.elements)

        case .layerNorm:
            return result("layer norm", input, params: 2 * input.channels)

        case .layerScale:
            return result("layer scale", input, params: input.channels, ops: input.elements)

        case .stochasticDepth:
            return result("stochastic depth", input)

        case .toTokens(let grid):
            try spatial("toTokens")
            let output = grid
                ? Shape(channels: input.channels, height: input.height, width: input.width, isTokens: true)
                : Shape(channels: input.channels, height: input.tokens, width: 1, isTokens: true)
            return result(grid ? "to token grid" : "to tokens", output)

        case .toImage:
            try tokens("toImage")
            return result("to image", .image(input.channels, input.height, input.width))

        case .classToken:
            try tokens("a class token")
            guard input.width == 1 else { throw fail("a class token joins a token sequence, not a grid") }
            return result("class token", Shape(channels: input.channels, height: input.height + 1,
                                               width: 1, isTokens: true),
                          params: input.channels)

        case .positionEmbedding:
            try tokens("a position embedding")
            return result("position embedding", input, params: input.elements, ops: input.elements)

        case .selectToken(let index):
            try tokens("selecting a token")
            guard (0..<input.tokens).contains(index) else { throw fail("no token \(index)") }
            return result("token \(index)", Shape(channels: input.channels, height: 1, width: 1, isFlat: true))

        case .attention(let a):
            return try attention(a, input, fail: fail, tokens: tokens, result: result)

        case .patchMerging:
            try tokens("patch merging", grid: true)
            // An odd side is padded with zeros, as Swin does.
            return result("patch merging 2×2", Shape(channels: 4 * input.channels,
                                                      height: (input.height + 1) / 2,
                                                      width: (input.width + 1) / 2, isTokens: true))

        case .channelSlice(let from, let count):
            guard !input.isFlat, from >= 0, count > 0, from + count <= input.channels else {
                throw fail("channels \(from)..<\(from + count) are not in the input")
            }
            var output = input
            output.channels = count
            return result("channels \(from)..<\(from + count)", output)

        case .sequence, .parallel:
            preconditionFailure("structure nodes are walked by Counter.evaluate")
        }
    }

    /// Multi-head self-attention, as one layer: the query/key/value projection
    /// (3·C² weights), the two matrix products QKᵀ and A·V (N² · C MACs each over N
    /// tokens, whatever the number of heads), the softmax and the output projection
    /// (C² weights). Windowed attention does the same within each window of
    /// window² tokens, on the grid padded up to whole windows, and adds a learned
    /// relative position bias ((2·window − 1)² entries per head).
    private static func attention(
        _ a: Attention, _ input: Shape, fail: (String) -> ArchitectureError,
        tokens: (String, Bool) throws(ArchitectureError) -> Void,
        result: (String, Shape, Int, Int, Int, Int?) -> (LayerCount, Shape)
    ) throws(ArchitectureError) -> (LayerCount, Shape) {
        try tokens(a.window == nil ? "attention" : "window attention", a.window != nil)
        let c = input.channels
        guard a.heads > 0, c % a.heads == 0 else {
            throw fail("\(c) channels do not divide into \(a.heads) heads")
        }
        var positions = input.tokens        // tokens the projections run on
        var groups = 1, perGroup = input.tokens
        var params = 4 * c * c + (a.bias ? 4 * c : 0)
        var kind = "attention, \(a.heads) heads"
        if let window = a.window {
            guard window > 0 else { throw fail("window must be positive") }
            let rows = (input.height + window - 1) / window, columns = (input.width + window - 1) / window
            positions = rows * columns * window * window
            groups = rows * columns
            perGroup = window * window
            params += (2 * window - 1) * (2 * window - 1) * a.heads
            // A window covering the whole grid has nothing to shift (Swin skips it).
            let shifted = a.shift > 0 && (window < input.height || window < input.width)
            kind = (shifted ? "shifted window \(window), shift \(a.shift)" : "window \(window)")
                + " attention, \(a.heads) heads"
        }
        let scores = groups * a.heads * perGroup * perGroup
        let projections = positions * 4 * c * c
        let products = 2 * groups * perGroup * perGroup * c
        let macs = projections + products
        // Operations: two per MAC, the biases, the softmax (3 per score) and, for
        // windows, the relative position bias added to each score.
        let ops = 2 * macs + (a.bias ? positions * 4 * c : 0) + 3 * scores
            + (a.window != nil ? scores : 0)
        return result(kind, input, params, macs, ops, nil)
    }

    /// Output length of a sliding window along one axis (PyTorch's rule, which Caffe's
    /// ceil mode shares: a window may not start in the right padding).
    static func windowOutput(_ size: Int, _ kernel: Int, _ stride: Int, _ padding: Padding,
                             axis: KeyPath<Pair, Int>, dilation: Int, ceil: Bool,
                             _ fail: (String) -> ArchitectureError) throws(ArchitectureError) -> Int {
        guard stride > 0, kernel > 0, dilation > 0 else { throw fail("non-positive kernel or stride") }
        switch padding {
        case .same:
            return (size + stride - 1) / stride
        case .symmetric(let pad):
            let p = pad[keyPath: axis]
            let span = size + 2 * p - dilation * (kernel - 1) - 1
            guard span >= 0 else {
                throw fail("a \(kernel)-wide window (dilation \(dilation), padding \(p)) "
                    + "does not fit \(size) elements")
            }
            var out = (ceil ? (span + stride - 1) / stride : span / stride) + 1
            if ceil && (out - 1) * stride >= size + p { out -= 1 }
            return out
        }
    }
}
