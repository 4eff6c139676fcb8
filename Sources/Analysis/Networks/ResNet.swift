// ResNet (He et al. 2015), Table 1, as torchvision and fb.resnet.torch define it:
// a 7×7/2 stem and 3×3/2 max pool, four stages of residual units at widths 64…512,
// global average pooling and one fully connected layer. Convolutions carry no bias
// (batch norm follows each). A stage's first unit downsamples (stride 2 from stage 2
// on, on the 3×3 convolution of a bottleneck) and projects the shortcut with a 1×1
// convolution where the shape changes; other shortcuts are identities.

extension Network {
    static let resNet18 = resNet("resnet-18", unit: .basic, units: [2, 2, 2, 2])
    static let resNet34 = resNet("resnet-34", unit: .basic, units: [3, 4, 6, 3])
    static let resNet50 = resNet("resnet-50", unit: .bottleneck, units: [3, 4, 6, 3])
    static let resNet101 = resNet("resnet-101", unit: .bottleneck, units: [3, 4, 23, 3])
    static let resNet152 = resNet("resnet-152", unit: .bottleneck, units: [3, 8, 36, 3])
    // ResNeXt-50 32×4d (Xie et al. 2017, Table 1): the bottleneck's 3×3 convolution in
    // 32 groups of 4 channels at the first stage (128 wide), doubling per stage.
    static let resNeXt50 = resNet("resnext-50", unit: .bottleneck, units: [3, 4, 6, 3],
                                  groups: 32, widthPerGroup: 4)
    // Wide ResNet-50-2 (Zagoruyko & Komodakis 2016), as torchvision defines it: the
    // bottleneck's inner width doubled (128 at the first stage), outputs unchanged.
    static let wideResNet50 = resNet("wide-resnet-50", unit: .bottleneck, units: [3, 4, 6, 3],
                                     widthPerGroup: 128)

    private enum ResidualUnit {
        case basic, bottleneck
        var expansion: Int { self == .basic ? 1 : 4 }
    }

    /// `groups` and `widthPerGroup` set a bottleneck's inner width, as
    /// planes × widthPerGroup / 64 × groups (64 and 1: the plain ResNet).
    private static func resNet(_ id: String, unit: ResidualUnit, units: [Int], groups: Int = 1,
                               widthPerGroup: Int = 64) -> Network {
        Network(id, input: 224) {
            conv(64, 7×7, stride: 2, pad: 3, bias: false)
            batchNorm()
            relu()
            maxPool(3×3, stride: 2, pad: 1)
            for (stage, count) in units.enumerated() {
                block("layer\(stage + 1)") {
                    for index in 0..<count {
                        residualUnit(unit, width: 64 << stage,
                                     inner: (64 << stage) * widthPerGroup / 64 * groups, groups: groups,
                                     stride: stage > 0 && index == 0 ? 2 : 1,
                                     projectShortcut: index == 0 && (stage > 0 || unit == .bottleneck))
                            .named("block\(index + 1)")
                    }
                }
            }
            globalAvgPool()
            flatten()
            linear(1000)
        }
    }

    private static func residualUnit(_ unit: ResidualUnit, width: Int, inner: Int, groups: Int,
                                     stride: Int, projectShortcut: Bool) -> Layer {
        sequence {
            residual {
                switch unit {
                case .basic:
                    conv(width, 3×3, stride: stride, pad: 1, bias: false); batchNorm(); relu()
                    conv(width, 3×3, pad: 1, bias: false); batchNorm()
                case .bottleneck:
                    conv(inner, 1×1, bias: false); batchNorm(); relu()
                    conv(inner, 3×3, stride: stride, pad: 1, groups: groups, bias: false); batchNorm(); relu()
                    conv(4 * width, 1×1, bias: false); batchNorm()
                }
            } shortcut: {
                if projectShortcut {
                    conv(width * unit.expansion, 1×1, stride: stride, bias: false)
                    batchNorm()
                }
            }
            relu()
        }
    }
}
