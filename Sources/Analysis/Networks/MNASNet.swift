// MnasNet (Tan et al. 2019), the B1 variant torchvision defines as mnasnet1_0 (depth
// multiplier 1.0, no squeeze-and-excitation), at 224×224: a 3×3/2 convolution to 32
// channels, a separable 3×3 convolution to 16, six stacks of inverted residuals
// (output channels, kernel, first stride, expansion, repeats), a 1×1 convolution to
// 1280, global average pooling, dropout and a fully connected layer. ReLU throughout.

extension Network {
    static let mnasNet10 = Network("mnasnet-1.0", input: 224) {
        convNorm(32, 3, stride: 2, .relu, name: "conv1")
        block("sepconv") {
            convNorm(32, 3, groups: 32, .relu, name: "depthwise")
            convNorm(16, 1, nil, name: "project")
        }
        //           out  k  s  t  n
        let stacks = [(24, 3, 2, 3, 3), (40, 5, 2, 3, 3), (80, 5, 2, 6, 3),
                      (96, 3, 1, 6, 2), (192, 5, 2, 6, 4), (320, 3, 1, 6, 1)]
        for (index, (out, k, s, t, n)) in stacks.enumerated() {
            block("stack\(index + 1)") {
                for repeat_ in 0..<n {
                    let input = repeat_ > 0 ? out : index == 0 ? 16 : stacks[index - 1].0
                    invertedResidual(input, expanded: input * t, output: out, kernel: k,
                                     stride: repeat_ == 0 ? s : 1, .relu)
                        .named("unit\(repeat_ + 1)")
                }
            }
        }
        convNorm(1280, 1, .relu, name: "conv2")
        globalAvgPool()
        flatten()
        dropout()
        linear(1000)
    }
}
