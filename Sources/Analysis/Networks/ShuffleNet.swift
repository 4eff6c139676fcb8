// ShuffleNet v1 (Zhang et al. 2017), Table 1, 1× with g = 3 groups at 224×224, as
// Megvii's ShuffleNet-Series reference: a 3×3/2 convolution (24 channels) and max
// pool, three stages of 4, 8 and 4 units with outputs 240, 480, 960, global average
// pooling and a fully connected layer without bias. A unit is a 1×1 group
// convolution to a quarter of the output width, channel shuffle, a 3×3 depthwise
// convolution, a 1×1 group convolution back; batch norm after each, ReLU after the
// first. A stage's first unit has stride 2 and concatenates a 3×3/2 average pool of
// its input; the others add their input. The very first 1×1 convolution is not
// grouped (its input has only 24 channels). Convolutions carry no bias.

extension Network {
    static let shuffleNetV1 = shuffleNet("shufflenet-v1", groups: 3,
                                         stageOutputs: [240, 480, 960], units: [4, 8, 4])

    private static func shuffleNet(_ id: String, groups: Int, stageOutputs: [Int],
                                   units: [Int]) -> Network {
        let stemWidth = 24
        return Network(id, input: 224) {
            conv(stemWidth, 3×3, stride: 2, pad: 1, bias: false); batchNorm(); relu()
            maxPool(3×3, stride: 2, pad: 1)
            for (stage, output) in stageOutputs.enumerated() {
                block("stage\(stage + 2)") {
                    for index in 0..<units[stage] {
                        let input = index > 0 ? output : stage > 0 ? stageOutputs[stage - 1] : stemWidth
                        shuffleUnit(input, output, groups: groups, downsample: index == 0,
                                    groupFirstConvolution: stage > 0 || index > 0)
                            .named("unit\(index + 1)")
                    }
                }
            }
            globalAvgPool()
            flatten()
            linear(1000, bias: false)
        }
    }

    private static func shuffleUnit(_ input: Int, _ output: Int, groups: Int, downsample: Bool,
                                    groupFirstConvolution: Bool) -> Layer {
        let bottleneck = output / 4
        let mainBranch = sequence {
            conv(bottleneck, 1×1, groups: groupFirstConvolution ? groups : 1, bias: false)
            batchNorm(); relu()
            channelShuffle(groups: groups)
            depthwiseConv(bottleneck, 3×3, stride: downsample ? 2 : 1, pad: 1); batchNorm()
            // Downsampling units concatenate the input, so they produce the rest.
            conv(downsample ? output - input : output, 1×1, groups: groups, bias: false)
            batchNorm()
        }
        if downsample {
            return concat {
                avgPool(3×3, stride: 2, pad: 1)
                sequence { mainBranch; relu() }
            }
        }
        return sequence {
            residual { mainBranch }
            relu()
        }
    }
}
