// The words network definitions are written in. Each returns a `Layer`; blocks take a
// result-builder closure, so a definition reads like the table of its paper:
//
//     block("conv2") {
//         conv(192, 3×3, pad: 1); batchNorm(); relu()
//     }

// MARK: Convolutions

func conv(_ outChannels: Int, _ kernel: Pair, stride: Int = 1, pad: Padding = 0,
          dilation: Int = 1, groups: Int = 1, bias: Bool = true, name: String? = nil) -> Layer {
    Layer(.convolution(Convolution(outChannels: outChannels, kernel: kernel, stride: stride,
                                   padding: pad, dilation: dilation, groups: groups,
                                   bias: bias)), name: name)
}

/// One filter per channel: `groups` equals the channel count, which must be given
/// because a definition does not know its input shape.
func depthwiseConv(_ channels: Int, _ kernel: Pair, stride: Int = 1, pad: Padding = 0,
                   bias: Bool = false, name: String? = nil) -> Layer {
    conv(channels, kernel, stride: stride, pad: pad, groups: channels, bias: bias, name: name)
}

func transposedConv(_ outChannels: Int, _ kernel: Pair, stride: Int = 1, pad: Int = 0,
                    outputPad: Int = 0, groups: Int = 1, bias: Bool = true,
                    name: String? = nil) -> Layer {
    Layer(.transposedConvolution(TransposedConvolution(
        outChannels: outChannels, kernel: kernel, stride: stride, padding: pad,
        outputPadding: outputPad, groups: groups, bias: bias)), name: name)
}

func linear(_ outFeatures: Int, bias: Bool = true, name: String? = nil) -> Layer {
    Layer(.linear(outFeatures: outFeatures, bias: bias), name: name)
}

// MARK: Normalisation and activations

func batchNorm(affine: Bool = true, name: String? = nil) -> Layer {
    Layer(.batchNorm(affine: affine), name: name)
}

func localResponseNorm(size: Int, name: String? = nil) -> Layer {
    Layer(.localResponseNorm(size: size), name: name)
}

func relu(name: String? = nil) -> Layer { Layer(.activation(.relu, channelwise: false), name: name) }
func relu6(name: String? = nil) -> Layer { Layer(.activation(.relu6, channelwise: false), name: name) }
func sigmoid(name: String? = nil) -> Layer { Layer(.activation(.sigmoid, channelwise: false), name: name) }

/// PReLU learns one slope per channel (Torch7 `nn.PReLU(n)`), or one in all when
/// `channelwise` is false.
func prelu(channelwise: Bool = true, name: String? = nil) -> Layer {
    Layer(.activation(.prelu, channelwise: channelwise), name: name)
}

func softmax(name: String? = nil) -> Layer { Layer(.softmax, name: name) }

func silu(name: String? = nil) -> Layer { Layer(.activation(.silu, channelwise: false), name: name) }
func hardSwish(name: String? = nil) -> Layer { Layer(.activation(.hardSwish, channelwise: false), name: name) }
func hardSigmoid(name: String? = nil) -> Layer { Layer(.activation(.hardSigmoid, channelwise: false), name: name) }
func gelu(name: String? = nil) -> Layer { Layer(.activation(.gelu, channelwise: false), name: name) }

/// Any of the pointwise activations, by kind (for blocks whose activation varies).
func activation(_ kind: Activation, name: String? = nil) -> Layer {
    Layer(.activation(kind, channelwise: true), name: name)
}

func layerNorm(name: String? = nil) -> Layer { Layer(.layerNorm, name: name) }
func layerScale(name: String? = nil) -> Layer { Layer(.layerScale, name: name) }
func stochasticDepth(name: String? = nil) -> Layer { Layer(.stochasticDepth, name: name) }

// MARK: Pooling and reshaping

func maxPool(_ kernel: Pair, stride: Int, pad: Padding = 0, ceil: Bool = false,
             name: String? = nil) -> Layer {
    Layer(.pool(Pooling(kind: .max, kernel: kernel, stride: stride, padding: pad,
                        ceilMode: ceil)), name: name)
}

func avgPool(_ kernel: Pair, stride: Int, pad: Padding = 0, ceil: Bool = false,
             name: String? = nil) -> Layer {
    Layer(.pool(Pooling(kind: .avg, kernel: kernel, stride: stride, padding: pad,
                        ceilMode: ceil)), name: name)
}

func globalAvgPool(name: String? = nil) -> Layer { Layer(.globalPool(.avg), name: name) }
func globalMaxPool(name: String? = nil) -> Layer { Layer(.globalPool(.max), name: name) }

func flatten(name: String? = nil) -> Layer { Layer(.flatten, name: name) }
func dropout(name: String? = nil) -> Layer { Layer(.dropout, name: name) }

func channelShuffle(groups: Int, name: String? = nil) -> Layer {
    Layer(.channelShuffle(groups: groups), name: name)
}

func zeroPad(top: Int, bottom: Int, left: Int, right: Int, name: String? = nil) -> Layer {
    Layer(.zeroPad(top: top, bottom: bottom, left: left, right: right), name: name)
}

func zeroPad(_ amount: Int, name: String? = nil) -> Layer {
    zeroPad(top: amount, bottom: amount, left: amount, right: amount, name: name)
}

func channelPad(_ extraChannels: Int, name: String? = nil) -> Layer {
    Layer(.channelPad(extraChannels), name: name)
}

func channelSlice(from: Int, count: Int, name: String? = nil) -> Layer {
    Layer(.channelSlice(from: from, count: count), name: name)
}

// MARK: Tokens and attention

/// `grid: true` keeps the H×W layout (Swin, ConvNeXt); false flattens it (ViT).
func toTokens(grid: Bool = true, name: String? = nil) -> Layer { Layer(.toTokens(grid: grid), name: name) }
func toImage(name: String? = nil) -> Layer { Layer(.toImage, name: name) }

/// ViT and Swin's patch embedding: a patch×patch convolution with stride patch, whose
/// outputs become tokens.
func patchEmbedding(_ dimension: Int, patch: Int, grid: Bool, name: String? = nil) -> Layer {
    let layer = sequence {
        conv(dimension, patch×patch, stride: patch)
        toTokens(grid: grid)
    }
    return name.map(layer.named) ?? layer
}

func classToken(name: String? = nil) -> Layer { Layer(.classToken, name: name) }
func positionEmbedding(name: String? = nil) -> Layer { Layer(.positionEmbedding, name: name) }
func selectToken(_ index: Int = 0, name: String? = nil) -> Layer { Layer(.selectToken(index), name: name) }

/// Multi-head self-attention over every token.
func selfAttention(heads: Int, bias: Bool = true, name: String? = nil) -> Layer {
    Layer(.attention(Attention(heads: heads, window: nil, shift: 0, bias: bias)), name: name)
}

/// Swin's (shifted) window attention with relative position bias.
func windowAttention(heads: Int, window: Int, shift: Int = 0, bias: Bool = true,
                     name: String? = nil) -> Layer {
    Layer(.attention(Attention(heads: heads, window: window, shift: shift, bias: bias)), name: name)
}

func patchMerging(name: String? = nil) -> Layer { Layer(.patchMerging, name: name) }

// MARK: Structure

/// A named block: its name becomes a component of every inner layer's path.
func block(_ name: String, @LayerBuilder _ body: () -> [Layer]) -> Layer {
    Layer(.sequence(body()), name: name)
}

/// A sequence that adds nothing to the path: a branch written inline.
func sequence(@LayerBuilder _ body: () -> [Layer]) -> Layer {
    Layer(.sequence(body()))
}

/// Passes its input through: the shortcut of a residual, or the kept features of a
/// dense layer.
func identity() -> Layer { Layer(.sequence([])) }

/// Parallel branches on the same input, concatenated along channels (Inception).
func concat(_ name: String? = nil, @LayerBuilder branches: () -> [Layer]) -> Layer {
    Layer(.parallel(branches(), .concat), name: name)
}

/// Parallel branches on the same input, added element-wise.
func sum(_ name: String? = nil, @LayerBuilder branches: () -> [Layer]) -> Layer {
    Layer(.parallel(branches(), .add), name: name)
}

/// `main(x) + shortcut(x)`; the shortcut is the identity unless given, and its layers
/// are named under `shortcut/`.
func residual(_ name: String? = nil, @LayerBuilder _ main: () -> [Layer],
              @LayerBuilder shortcut: () -> [Layer] = { [] }) -> Layer {
    let projection = shortcut()
    let shortcutBranch = projection.isEmpty ? identity() : Layer(.sequence(projection), name: "shortcut")
    return Layer(.parallel([Layer(.sequence(main())), shortcutBranch], .add), name: name)
}

/// Branches on the same input, multiplied element-wise (a C×1×1 branch broadcast).
func scale(_ name: String? = nil, @LayerBuilder branches: () -> [Layer]) -> Layer {
    Layer(.parallel(branches(), .multiply), name: name)
}

/// Squeeze-and-excitation (Hu et al. 2018) on a `channels`-wide input: global average
/// pooling, a 1×1 convolution to `squeeze` channels, `activation`, a 1×1 convolution
/// back, the `gate`, and the input scaled by the result. Both convolutions have biases.
func squeezeExcitation(_ channels: Int, squeeze: Int, activation: Activation = .relu,
                       gate: Activation = .sigmoid, name: String = "se") -> Layer {
    scale(name) {
        identity()
        sequence {
            globalAvgPool()
            conv(squeeze, 1×1)
            Analysis.activation(activation)
            conv(channels, 1×1)
            Analysis.activation(gate)
        }
    }
}

/// A residual branch that stochastic depth may drop in training: at inference the
/// plain sum (the drop layer is recorded, at no cost).
func droppableResidual(_ name: String? = nil, @LayerBuilder _ main: () -> [Layer]) -> Layer {
    let body = main()
    return residual(name) { body; stochasticDepth() }
}
