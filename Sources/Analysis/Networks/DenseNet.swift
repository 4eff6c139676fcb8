// DenseNet-BC-121 (Huang et al. 2017), Table 1, as torchvision's densenet121: growth
// rate 32, bottleneck width 4 × 32, dense blocks of 6, 12, 24 and 16 layers, each
// layer appending its 32 new feature maps to everything before it; transitions halve
// the channels (compression 0.5) and the resolution. Convolutions carry no bias.

extension Network {
    static let denseNet121 = denseNet("densenet-121", initialWidth: 64, growth: 32,
                                      layersPerBlock: [6, 12, 24, 16])

    private static func denseNet(_ id: String, initialWidth: Int, growth: Int,
                                 layersPerBlock: [Int]) -> Network {
        // Channels leaving each transition: half of what the block before it produced.
        var transitionWidths: [Int] = []
        var width = initialWidth
        for layers in layersPerBlock {
            width = (width + layers * growth) / 2
            transitionWidths.append(width)
        }
        return Network(id, input: 224) {
            conv(initialWidth, 7×7, stride: 2, pad: 3, bias: false, name: "conv0")
            batchNorm()
            relu()
            maxPool(3×3, stride: 2, pad: 1)
            for (index, layers) in layersPerBlock.enumerated() {
                block("denseblock\(index + 1)") {
                    for layer in 0..<layers {
                        denseLayer(growth: growth).named("denselayer\(layer + 1)")
                    }
                }
                if index < layersPerBlock.count - 1 {
                    block("transition\(index + 1)") {
                        batchNorm()
                        relu()
                        conv(transitionWidths[index], 1×1, bias: false)
                        avgPool(2×2, stride: 2)
                    }
                }
            }
            batchNorm()
            relu()
            globalAvgPool()
            flatten()
            linear(1000, name: "classifier")
        }
    }

    /// BN-ReLU-conv 1×1 (4·growth) then BN-ReLU-conv 3×3 (growth), concatenated to the
    /// input.
    private static func denseLayer(growth: Int) -> Layer {
        concat {
            identity()
            sequence {
                batchNorm(); relu(); conv(4 * growth, 1×1, bias: false)
                batchNorm(); relu(); conv(growth, 3×3, pad: 1, bias: false)
            }
        }
    }
}
