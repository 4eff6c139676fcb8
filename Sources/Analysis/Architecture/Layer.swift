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
    /// x·σ(x) (EfficientNet's swish), x·relu6(x+3)/6 and relu6(x+3)/6 (MobileNetV3),
    /// and the Gaussian error linear unit of the transformers.
    case silu, hardSwish = "hardswish", hardSigmoid = "hardsigmoid", gelu
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
    /// `multiply` scales element-wise; a branch of shape C×1×1 is broadcast over H×W
    /// (the excitation of squeeze-and-excitation).
    case concat, add, multiply
}

/// Self-attention over tokens (Vaswani et al. 2017; ViT, Swin). `window` nil attends
/// over every token; otherwise over non-overlapping window×window windows of a token
/// grid (padded up to whole windows), with a learned relative position bias per head,
/// and `shift` the cyclic shift of Swin's alternate blocks (cost-neutral).
struct Attention: Sendable {
    var heads: Int
    var window: Int?
    var shift: Int
    var bias: Bool
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
    /// Layer normalisation over the channels of each position or token, with a scale
    /// and a shift per channel (ConvNeXt's LayerNorm2d on images).
    case layerNorm
    /// A learned per-channel scale (CaiT/ConvNeXt "layer scale").
    case layerScale
    /// Drops a residual branch in training; the identity at inference.
    case stochasticDepth
    /// C×H×W image ↔ tokens of C features, kept as an H×W grid (Swin, ConvNeXt's
    /// channels-last blocks) or flattened to a sequence of H·W tokens (ViT).
    case toTokens(grid: Bool)
    case toImage
    /// Prepends a learned class token to a token sequence (ViT).
    case classToken
    /// Adds a learned embedding to every token position (ViT).
    case positionEmbedding
    /// Keeps one token of a sequence as a flat feature vector (ViT's class token).
    case selectToken(Int)
    case attention(Attention)
    /// Swin's patch merging: each 2×2 neighbourhood of a token grid concatenated into
    /// one token of 4C features (the linear reduction that follows is its own layer).
    case patchMerging
    /// A contiguous range of channels (ShuffleNetV2's channel split).
    case channelSlice(from: Int, count: Int)
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
