// ShuffleNet V2 (Ma et al. 2018), Table 5, 1.0× at 224×224, as torchvision's
// shufflenet_v2_x1_0: a 3×3/2 convolution to 24 channels and a 3×3/2 max pool, three
// stages of 4, 8 and 4 units with outputs 116, 232 and 464, a 1×1 convolution to 1024,
// global average pooling and a fully connected layer. A unit (Figure 3c) splits the
// channels in two, passes one half through and sends the other through a 1×1
// convolution, a 3×3 depthwise convolution and a 1×1 convolution; a downsampling unit
// (Figure 3d) instead sends the whole input down two branches, one of them a 3×3/2
// depthwise and a 1×1 convolution. The halves are concatenated and shuffled in two
// groups. Convolutions carry no bias.

extension Network {
    static let shuffleNetV2 = Network("shufflenet-v2", input: 224) {
        convNorm(24, 3, stride: 2, .relu, name: "conv1")
        maxPool(3×3, stride: 2, pad: 1)
        let outputs = [116, 232, 464], units = [4, 8, 4]
        for (stage, output) in outputs.enumerated() {
            block("stage\(stage + 2)") {
                for index in 0..<units[stage] {
                    let input = index > 0 ? output : stage > 0 ? outputs[stage - 1] : 24
                    shuffleV2Unit(input, output, downsample: index == 0).named("unit\(index + 1)")
                }
            }
        }
        convNorm(1024, 1, .relu, name: "conv5")
        globalAvgPool()
        flatten()
        linear(1000)
    }

    private static func shuffleV2Unit(_ input: Int, _ output: Int, downsample: Bool) -> Layer {
        let half = output / 2
        let stride = downsample ? 2 : 1
        let branch = sequence {
            if !downsample { channelSlice(from: half, count: half) }
            convNorm(half, 1, .relu)
            convNorm(half, 3, stride: stride, groups: half, nil)
            convNorm(half, 1, .relu)
        }
        return sequence {
            concat {
                if downsample {
                    sequence {
                        convNorm(input, 3, stride: 2, groups: input, nil)
                        convNorm(half, 1, .relu)
                    }
                } else {
                    channelSlice(from: 0, count: half)
                }
                branch
            }
            channelShuffle(groups: 2)
        }
    }
}
