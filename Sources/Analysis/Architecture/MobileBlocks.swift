// The blocks of the mobile networks after 2017: the inverted residual of MobileNetV2
// (Sandler et al. 2018, Figure 3d) with the squeeze-and-excitation and hard-swish of
// MobileNetV3, EfficientNet's MBConv and EfficientNetV2's Fused-MBConv. Convolutions
// have no bias (batch norm follows each) and "same" padding, (k − 1)/2 on each side.

/// A convolution without bias, batch norm and, unless nil, an activation: the unit
/// torchvision calls Conv2dNormActivation.
func convNorm(_ outChannels: Int, _ kernel: Int, stride: Int = 1, groups: Int = 1,
              _ act: Activation?, name: String? = nil) -> Layer {
    let unit = sequence {
        conv(outChannels, kernel×kernel, stride: stride, pad: Padding((kernel - 1) / 2),
             groups: groups, bias: false)
        batchNorm()
        if let act { activation(act) }
    }
    return name.map(unit.named) ?? unit
}

/// Rounds a channel count to the nearest multiple of `divisor`, but never more than 10 %
/// below it (the rule of the TensorFlow MobileNet code, kept by every later network).
func makeDivisible(_ value: Double, _ divisor: Int = 8, minimum: Int? = nil) -> Int {
    let rounded = max(minimum ?? divisor, Int(value + Double(divisor) / 2) / divisor * divisor)
    return Double(rounded) < 0.9 * value ? rounded + divisor : rounded
}

/// The inverted residual: a 1×1 expansion (left out when `expanded` equals `input`),
/// a k×k depthwise convolution carrying the stride, optionally squeeze-and-excitation,
/// and a linear 1×1 projection; the input is added back when the shapes allow.
/// `dropPath` marks the residual as one stochastic depth may drop (EfficientNet).
func invertedResidual(_ input: Int, expanded: Int, output: Int, kernel: Int, stride: Int,
                      _ act: Activation, se: Layer? = nil, dropPath: Bool = false) -> Layer {
    let body = sequence {
        if expanded != input { convNorm(expanded, 1, act, name: "expand") }
        convNorm(expanded, kernel, stride: stride, groups: expanded, act, name: "depthwise")
        if let se { se }
        convNorm(output, 1, nil, name: "project")
    }
    guard stride == 1 && input == output else { return body }
    return residual { body; if dropPath { stochasticDepth() } }
}

/// EfficientNet's MBConv (Tan & Le 2019, after MnasNet): an inverted residual with SiLU
/// and squeeze-and-excitation to a quarter of the block's input channels.
func mbConv(_ input: Int, expandRatio: Int, output: Int, kernel: Int, stride: Int) -> Layer {
    let expanded = makeDivisible(Double(input * expandRatio))
    return invertedResidual(input, expanded: expanded, output: output, kernel: kernel, stride: stride,
                            .silu, se: squeezeExcitation(expanded, squeeze: max(1, input / 4), activation: .silu),
                            dropPath: true)
}

/// EfficientNetV2's Fused-MBConv (Tan & Le 2021, Figure 2): the expansion and the
/// depthwise convolution fused into one k×k convolution, then a 1×1 projection; with
/// expansion ratio 1, the k×k convolution alone. No squeeze-and-excitation.
func fusedMBConv(_ input: Int, expandRatio: Int, output: Int, kernel: Int, stride: Int) -> Layer {
    let expanded = makeDivisible(Double(input * expandRatio))
    let body = sequence {
        if expanded != input {
            convNorm(expanded, kernel, stride: stride, .silu, name: "fused")
            convNorm(output, 1, nil, name: "project")
        } else {
            convNorm(output, kernel, stride: stride, .silu, name: "fused")
        }
    }
    guard stride == 1 && input == output else { return body }
    return residual { body; stochasticDepth() }
}
