// ConvNeXt (Liu et al. 2022), Tiny and Base at 224×224, as torchvision's convnext_tiny
// and convnext_base: a 4×4/4 "patchify" convolution and layer norm, four stages of
// ConvNeXt blocks (3, 3, 9, 3 for Tiny; 3, 3, 27, 3 for Base) at widths C, 2C, 4C, 8C
// (C = 96 and 128), each stage after the first entered through layer norm and a 2×2/2
// convolution; global average pooling, layer norm and a fully connected layer. A
// block (Figure 4) is a 7×7 depthwise convolution, then, channels last, layer norm, a
// linear layer to 4× the width, GELU, a linear layer back and layer scale, added to
// its input under stochastic depth. Every convolution and linear layer has a bias.

extension Network {
    static let convNeXtTiny = convNeXt("convnext-tiny", width: 96, depths: [3, 3, 9, 3])
    static let convNeXtBase = convNeXt("convnext-base", width: 128, depths: [3, 3, 27, 3])

    private static func convNeXt(_ id: String, width: Int, depths: [Int]) -> Network {
        Network(id, input: 224) {
            block("stem") {
                conv(width, 4×4, stride: 4)
                layerNorm()
            }
            for (stage, depth) in depths.enumerated() {
                let dim = width << stage
                if stage > 0 {
                    block("downsample\(stage)") {
                        layerNorm()
                        conv(dim, 2×2, stride: 2)
                    }
                }
                block("stage\(stage + 1)") {
                    for index in 0..<depth {
                        droppableResidual("block\(index + 1)") {
                            depthwiseConv(dim, 7×7, pad: 3, bias: true)
                            toTokens(grid: true)
                            layerNorm()
                            linear(4 * dim)
                            gelu()
                            linear(dim)
                            layerScale()
                            toImage()
                        }
                    }
                }
            }
            globalAvgPool()
            layerNorm()
            flatten()
            linear(1000)
        }
    }
}
