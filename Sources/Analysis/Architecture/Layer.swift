// The vocabulary of the architecture DSL: a network is a tree of layers. Leaves are
// operations (convolution, pooling, …); inner nodes are sequences (a named block adds
// a component to the layer path) and parallel branches joined by concatenation or
// element-wise addition (Inception modules, residual blocks, dense layers).

/// A height × width pair: kernel sizes and paddings, written `3×3` or `1×7`.
struct Pair: Sendable, Equatable, ExpressibleByIntegerLiteral {
    var h: Int
    var w: Int
    init(_ h: Int, _ w: Int) { self.h = h; self.w = w }
    init(integerLiteral value: Int) { self.init(value, value) }
}

infix operator ×: MultiplicationPrecedence
func × (h: Int, w: Int) -> Pair { Pair(h, w) }

/// Spatial padding of a convolution or pooling window.
enum Padding: Sendable, Equatable, ExpressibleByIntegerLiteral {
    /// The same number of zeros on both sides of each axis (PyTorch, Torch7, Caffe).
    case symmetric(Pair)
    /// TensorFlow/Keras "same": the output is ⌈input / stride⌉, whatever the kernel.
    case same
    init(integerLiteral value: Int) { self.init(value) }
    init(_ value: Int) { self = .symmetric(Pair(value, value)) }
}

enum Activation: String, Sendable {
    case relu, relu6, prelu, sigmoid, tanh
}

enum PoolKind: String, Sendable { case max, avg }

struct Convolution: Sendable {
    var outChannels: Int
    var kernel: Pair
    var stride: Int
    var padding: Padding
    var dilation: Int
    var groups: Int
    var bias: Bool
}

struct TransposedConvolution: Sendable {
    var outChannels: Int
    var kernel: Pair
    var stride: Int
    var padding: Int
    var outputPadding: Int
    var groups: Int
    var bias: Bool
}

struct Pooling: Sendable {
    var kind: PoolKind
    var kernel: Pair
    var stride: Int
    var padding: Padding
    var ceilMode: Bool
}

enum Merge: String, Sendable {
    case concat, add
}

indirect enum Operation: Sendable {
    case convolution(Convolution)
    case transposedConvolution(TransposedConvolution)
    case batchNorm(affine: Bool)
    case activation(Activation, channelwise: Bool)
    case localResponseNorm(size: Int)
    case pool(Pooling)
    case globalPool(PoolKind)
    case linear(outFeatures: Int, bias: Bool)
    case flatten
    case dropout
    case channelShuffle(groups: Int)
    case zeroPad(top: Int, bottom: Int, left: Int, right: Int)
    /// Zeros appended along the channel axis (ENet's shortcut, Torch7 `nn.Padding`).
    case channelPad(Int)
    case softmax
    case sequence([Layer])
    /// Every branch reads the same input; the outputs are merged.
    case parallel([Layer], Merge)
}

/// One node of a network: an operation, optionally named. Unnamed leaves are named by
/// kind and ordinal in their block (`conv2`, `bn2`); unnamed sequences add nothing to
/// the path, so a residual's main branch reads as the block itself.
struct Layer: Sendable {
    var name: String?
    var operation: Operation

    init(_ operation: Operation, name: String? = nil) {
        self.operation = operation
        self.name = name
    }

    func named(_ name: String) -> Layer { Layer(operation, name: name) }
}

@resultBuilder
enum LayerBuilder {
    static func buildExpression(_ layer: Layer) -> [Layer] { [layer] }
    static func buildExpression(_ layers: [Layer]) -> [Layer] { layers }
    static func buildBlock(_ parts: [Layer]...) -> [Layer] { parts.flatMap { $0 } }
    static func buildArray(_ parts: [[Layer]]) -> [Layer] { parts.flatMap { $0 } }
    static func buildOptional(_ part: [Layer]?) -> [Layer] { part ?? [] }
    static func buildEither(first part: [Layer]) -> [Layer] { part }
    static func buildEither(second part: [Layer]) -> [Layer] { part }
}
