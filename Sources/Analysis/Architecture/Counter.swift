// Shape inference and counting in one walk over a network's layer tree.
//
// Conventions (see shared/reference/SOURCES.md; per output element unless said):
//   params       conv/linear weights + biases, batch-norm scale + shift, PReLU slopes;
//                running statistics are buffers and are not counted.
//   macs         torchvision: conv Cout·Hout·Wout·(Cin/groups)·kh·kw, linear in·out;
//                everything else zero, biases ignored.
//   ops          the 2016 profiler's units with groups done right:
//                conv 2·kh·kw·Cin/groups + 1 (the profiler adds the 1 with or without a
//                bias), linear 2·in·out + out (the + out only with a bias, as the
//                profiler reads the bias tensor), ReLU/PReLU/… 1 per input element,
//                pooling kh·kw per output element (global pooling H·W), addition of k
//                tensors k per element, softmax 3 per element; batch norm, LRN,
//                concatenation, dropout, padding, shuffle and reshapes zero (the
//                profiler had no LRN handler; LRN is left out like batch norm).
//   opsProfiler  the same with Cin in place of Cin/groups, as the profiler (blind to
//                groups) counted.
//   transposed convolution: counted per input element scattered, Cin·Hin·Win·kh·kw·
//                Cout/groups MACs, twice that in ops plus one per output element (the
//                bias term, as for a convolution); the profiler form uses Cout. (The
//                profiler's own handler multiplies by Cin twice, a bug not reproduced.)
//   Output sizes are the true ones, also where the profiler's formula was off (ceil-
//   mode pooling, dilation).
//   The layers of 2018–2022 (LayerCounting.swift has the detail): layer norm 2·C
//   params and no ops, like batch norm; hard-swish, hard-sigmoid, SiLU, GELU 1 op per
//   element; layer scale C params and 1 op per element; stochastic depth nothing (it
//   is the identity at inference); a multiply merge (squeeze-and-excitation's scaling)
//   1 op per output element per extra operand; class token C params, position
//   embedding N·C params and 1 op per element; a linear layer on tokens in·out MACs
//   per token; self-attention its four C×C projections per token plus the two matrix
//   products QKᵀ and A·V, N²·C MACs each (torchvision's GFLOPS count them too), and
//   windowed attention the same per window on the grid padded to whole windows, with
//   (2w − 1)² · heads relative-position-bias params.
//
// Liveness (peak live elements at batch 1): a layer needs its input and its output.
// While parallel branches run, their shared input stays alive until the merge, and
// each finished branch's output stays alive until the merge; the merge holds all
// branch outputs and its own output. Branches run in order; in-place tricks are
// ignored, so this is the memory of a plain, non-fusing executor.

struct Shape: Sendable, Equatable, CustomStringConvertible {
    var channels: Int
    var height: Int
    var width: Int
    /// After `flatten`: a feature vector of `channels` elements.
    var isFlat: Bool = false
    /// Tokens of `channels` features each, channels last: an H×W grid, or a sequence
    /// of `height` tokens when `width` is 1. Linear layers act on each token.
    var isTokens: Bool = false

    var elements: Int { channels * height * width }
    var tokens: Int { height * width }
    var dimensions: [Int] {
        if isFlat { return [channels] }
        if isTokens { return width == 1 ? [height, channels] : [height, width, channels] }
        return [channels, height, width]
    }
    var description: String { dimensions.map(String.init).joined(separator: "×") }

    static func image(_ channels: Int, _ height: Int, _ width: Int) -> Shape {
        Shape(channels: channels, height: height, width: width)
    }
}

struct Counter {
    let network: String
    private(set) var layers: [LayerCount] = []
    private(set) var peak = 0

    init(network: String) { self.network = network }

    /// Layer paths; shared with the graph export (Export/GraphWalk.swift) so that both
    /// name every layer the same way.
    struct Scope {
        var path: String
        var ordinals: [String: Int] = [:]

        mutating func autoName(_ tag: String) -> String {
            let next = ordinals[tag, default: 0] + 1
            ordinals[tag] = next
            return "\(tag)\(next)"
        }

        func child(_ name: String) -> Scope { Scope(path: path + "/" + name) }
    }

    /// What a node produced; `aliasesInput` when it is its input (an identity).
    private struct Output {
        var shape: Shape
        var aliasesInput: Bool
    }

    mutating func run(_ body: [Layer], input: Shape) throws(ArchitectureError) -> Shape {
        var scope = Scope(path: network)
        let out = try evaluate(Layer(.sequence(body)), input, pinned: false, held: 0, in: &scope)
        return out.shape
    }

    /// - pinned: the input is owned by an enclosing parallel node and already in `held`.
    /// - held: elements kept alive by enclosing nodes while this one runs.
    private mutating func evaluate(_ layer: Layer, _ input: Shape, pinned: Bool, held: Int,
                                   in scope: inout Scope) throws(ArchitectureError) -> Output {
        switch layer.operation {
        case .sequence(let children):
            if let name = layer.name {
                var inner = scope.child(name)
                return try evaluateSequence(children, input, pinned: pinned, held: held, in: &inner)
            }
            return try evaluateSequence(children, input, pinned: pinned, held: held, in: &scope)

        case .parallel(let branches, let merge):
            if let name = layer.name {
                var inner = scope.child(name)
                return try evaluateParallel(branches, merge, mergeName: merge.rawValue, input,
                                            pinned: pinned, held: held, in: &inner)
            }
            let mergeName = scope.autoName(merge.rawValue)
            return try evaluateParallel(branches, merge, mergeName: mergeName, input,
                                        pinned: pinned, held: held, in: &scope)

        default:
            let name = layer.name ?? scope.autoName(Self.tag(layer.operation))
            let path = scope.path + "/" + name
            var (count, output) = try Self.count(layer.operation, input, path: path)
            count.path = path
            peak = max(peak, held + (pinned ? 0 : input.elements) + output.elements)
            layers.append(count)
            return Output(shape: output, aliasesInput: false)
        }
    }

    private mutating func evaluateSequence(_ children: [Layer], _ input: Shape, pinned: Bool,
                                           held: Int, in scope: inout Scope)
        throws(ArchitectureError) -> Output {
        var current = Output(shape: input, aliasesInput: true)
        for child in children {
            let out = try evaluate(child, current.shape, pinned: pinned && current.aliasesInput,
                                   held: held, in: &scope)
            current = Output(shape: out.shape, aliasesInput: current.aliasesInput && out.aliasesInput)
        }
        return current
    }

    private mutating func evaluateParallel(_ branches: [Layer], _ merge: Merge, mergeName: String,
                                           _ input: Shape, pinned: Bool, held: Int,
                                           in scope: inout Scope) throws(ArchitectureError) -> Output {
        let path = scope.path + "/" + mergeName
        guard !branches.isEmpty else {
            throw ArchitectureError(path: path, message: "\(merge.rawValue) of no branches")
        }
        let inputHeld = pinned ? 0 : input.elements
        var finished = 0
        var keepsInput = false
        var shapes: [Shape] = []
        for branch in branches {
            let out = try evaluate(branch, input, pinned: true, held: held + inputHeld + finished,
                                   in: &scope)
            if out.aliasesInput { keepsInput = true } else { finished += out.shape.elements }
            shapes.append(out.shape)
        }

        let output: Shape
        var ops = 0
        switch merge {
        case .concat:
            let first = shapes[0]
            for shape in shapes.dropFirst()
            where shape.isFlat != first.isFlat || shape.height != first.height || shape.width != first.width {
                throw ArchitectureError(path: path, message: "cannot concatenate "
                    + shapes.map(\.description).joined(separator: ", ") + ": spatial sizes differ")
            }
            output = Shape(channels: shapes.reduce(0) { $0 + $1.channels }, height: first.height,
                           width: first.width, isFlat: first.isFlat, isTokens: first.isTokens)
        case .add:
            guard shapes.allSatisfy({ $0 == shapes[0] }) else {
                throw ArchitectureError(path: path, message: "cannot add "
                    + shapes.map(\.description).joined(separator: " + ") + ": shapes differ")
            }
            output = shapes[0]
            ops = shapes.count * output.elements
        case .multiply:
            // The largest operand sets the shape; the others must equal it or be one
            // value per channel (C×1×1), broadcast over the positions.
            let largest = shapes.max { $0.elements < $1.elements }!
            for shape in shapes where shape != largest && !(shape.channels == largest.channels
                && shape.tokens == 1 && !shape.isFlat && !shape.isTokens && !largest.isTokens) {
                throw ArchitectureError(path: path, message: "cannot multiply "
                    + shapes.map(\.description).joined(separator: " · ") + ": shapes do not broadcast")
            }
            output = largest
            ops = (shapes.count - 1) * output.elements
        }
        peak = max(peak, held + (keepsInput ? inputHeld : 0) + finished + output.elements)
        let kind = "\(merge.rawValue) \(shapes.count)"
        layers.append(LayerCount(path: path, kind: kind, outputShape: output.dimensions, params: 0,
                                 macs: 0, ops: ops, opsProfiler: ops, activations: output.elements))
        return Output(shape: output, aliasesInput: false)
    }

    static func tag(_ operation: Operation) -> String {
        switch operation {
        case .convolution: "conv"
        case .transposedConvolution: "deconv"
        case .batchNorm: "bn"
        case .activation(let kind, _): kind.rawValue
        case .localResponseNorm: "lrn"
        case .pool(let pooling): pooling.kind.rawValue + "pool"
        case .globalPool(let kind): kind.rawValue + "pool"
        case .linear: "fc"
        case .flatten: "flatten"
        case .dropout: "dropout"
        case .channelShuffle: "shuffle"
        case .zeroPad, .channelPad: "pad"
        case .softmax: "softmax"
        case .layerNorm: "ln"
        case .layerScale: "layerscale"
        case .stochasticDepth: "droppath"
        case .toTokens, .toImage: "permute"
        case .classToken: "cls"
        case .positionEmbedding: "pos"
        case .selectToken: "token"
        case .attention: "attn"
        case .patchMerging: "merge"
        case .channelSlice: "split"
        case .sequence: "block"
        case .parallel(_, let merge): merge.rawValue
        }
    }
}

extension Shape {
    init(dimensions: [Int]) {
        if dimensions.count == 1 {
            self.init(channels: dimensions[0], height: 1, width: 1, isFlat: true)
        } else {
            self.init(channels: dimensions[0], height: dimensions[1], width: dimensions[2])
        }
    }
}
