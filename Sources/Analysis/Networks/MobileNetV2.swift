// MobileNetV2 (Sandler et al. 2018), Table 2, width 1.0 at 224×224, as torchvision's
// mobilenet_v2: a 3×3/2 convolution to 32 channels, seven rows of inverted residuals
// (expansion t, output channels c, n repeats, first stride s), a 1×1 convolution to
// 1280 channels, global average pooling, dropout and a fully connected layer. ReLU6
// after every convolution but the projections.

extension Network {
    static let mobileNetV2 = Network("mobilenet-v2", input: 224) {
        convNorm(32, 3, stride: 2, .relu6, name: "conv1")
        //                 t    c   n  s
        let rows = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                    (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
        for (index, (t, c, n, s)) in rows.enumerated() {
            block("bottleneck\(index + 1)") {
                for repeat_ in 0..<n {
                    let input = repeat_ == 0 ? (index == 0 ? 32 : rows[index - 1].1) : c
                    invertedResidual(input, expanded: input * t, output: c, kernel: 3,
                                     stride: repeat_ == 0 ? s : 1, .relu6)
                        .named("unit\(repeat_ + 1)")
                }
            }
        }
        convNorm(1280, 1, .relu6, name: "conv2")
        globalAvgPool()
        flatten()
        dropout()
        linear(1000)
    }
}
