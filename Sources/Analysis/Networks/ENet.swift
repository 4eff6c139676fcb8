// The public ENet encoder (Paszke et al. 2016) as e-lab/Torch7-profiling
// `models/ENet-encoder.lua` defines it, at 224×224 and with its 30-class 1×1
// classifier. The ImageNet ENet the 2016 figure plotted is not public: `enet` uses
// the reported values, and this encoder is here only for comparison.

extension Network {
    static let enetEncoder = Network("enet-encoder", input: 224) {
        concat("initial") {
            conv(13, 3×3, stride: 2, pad: 1)
            maxPool(2×2, stride: 2)
        }
        batchNorm()
        prelu()
        enetBottleneck("bottleneck1.0", 16, 64, .downsample)
        for index in 1...4 {
            enetBottleneck("bottleneck1.\(index)", 64, 64, .regular)
        }
        enetBottleneck("bottleneck2.0", 64, 128, .downsample)
        for stage in 2...3 {
            let kinds: [ENetConvolution] = [.regular, .dilated(2), .asymmetric(5), .dilated(4),
                                            .regular, .dilated(8), .asymmetric(5), .dilated(16)]
            for (index, kind) in kinds.enumerated() {
                enetBottleneck("bottleneck\(stage).\(index + 1)", 128, 128, kind)
            }
        }
        conv(30, 1×1, name: "classifier")
    }

    private enum ENetConvolution {
        case regular, downsample, dilated(Int), asymmetric(Int)
    }

    /// Main branch: 2×2/2 (downsampling) or 1×1 projection to a quarter of the output
    /// width, the middle convolution, 1×1 expansion, spatial dropout; the shortcut max
    /// pools when downsampling and pads channels with zeros; PReLU after the sum.
    private static func enetBottleneck(_ name: String, _ input: Int, _ output: Int,
                                       _ kind: ENetConvolution) -> Layer {
        let internalWidth = output / 4
        let downsample = if case .downsample = kind { true } else { false }
        return block(name) {
            residual {
                if downsample {
                    conv(internalWidth, 2×2, stride: 2, bias: false)
                } else {
                    conv(internalWidth, 1×1, bias: false)
                }
                batchNorm(); prelu()
                switch kind {
                case .regular, .downsample:
                    conv(internalWidth, 3×3, pad: 1)
                case .dilated(let rate):
                    conv(internalWidth, 3×3, pad: Padding(rate), dilation: rate)
                case .asymmetric(let size):
                    conv(internalWidth, 1×size, pad: .same, bias: false)
                    conv(internalWidth, size×1, pad: .same)
                }
                batchNorm(); prelu()
                conv(output, 1×1, bias: false); batchNorm()
                dropout()
            } shortcut: {
                if downsample { maxPool(2×2, stride: 2) }
                if output != input { channelPad(output - input) }
            }
            prelu()
        }
    }
}
