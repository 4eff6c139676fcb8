// Shape and counts of one leaf layer (conventions at the top of Counter.swift).

extension Counter {
    static func count(_ operation: Operation, _ input: Shape, path: String)
        throws(ArchitectureError) -> LayerCount {
        func fail(_ message: String) -> ArchitectureError {
            ArchitectureError(path: path, message: message + " (input \(input))")
        }
        func spatial(_ what: String) throws(ArchitectureError) {
            if input.isFlat { throw fail("\(what) needs a C×H×W input, not a flat vector") }
        }
        func result(_ kind: String, _ output: Shape, params: Int = 0, macs: Int = 0, ops: Int = 0,
                    opsProfiler: Int? = nil) -> LayerCount {
            LayerCount(path: path, kind: kind, outputShape: output.dimensions, params: params,
                       macs: macs, ops: ops, opsProfiler: opsProfiler ?? ops,
                       activations: output.elements)
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
            guard input.isFlat else { throw fail("a linear layer needs a flat input: flatten first") }
            return result("fc \(out)", Shape(dimensions: [out]),
                          params: input.channels * out + (bias ? out : 0),
                          macs: input.channels * out,
                          ops: 2 * input.channels * out + (bias ? out : 0))

        case .flatten:
            return result("flatten", Shape(dimensions: [input.elements]))

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

        case .sequence, .parallel:
            preconditionFailure("structure nodes are walked by Counter.evaluate")
        }
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
