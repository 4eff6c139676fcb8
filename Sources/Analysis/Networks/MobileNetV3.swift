// MobileNetV3 (Howard et al. 2019), Tables 1 and 2, Large and Small at width 1.0 and
// 224×224, as torchvision's mobilenet_v3_large/small: a 3×3/2 convolution to 16
// channels with hard-swish, the rows of inverted residuals (kernel, expanded width,
// output width, squeeze-and-excitation, activation, stride), a 1×1 convolution to six
// times the last width, global average pooling and a two-layer classifier with
// hard-swish. Squeeze-and-excitation squeezes to a quarter of the expanded width
// (rounded to a multiple of 8) with ReLU and gates with hard-sigmoid.

extension Network {
    private struct V3Row {
        var kernel: Int, expanded: Int, output: Int, se: Bool, act: Activation, stride: Int
        init(_ kernel: Int, _ expanded: Int, _ output: Int, _ se: Bool, _ act: Activation, _ stride: Int) {
            self.kernel = kernel; self.expanded = expanded; self.output = output
            self.se = se; self.act = act; self.stride = stride
        }
    }

    static let mobileNetV3Large = mobileNetV3("mobilenet-v3-large", classifier: 1280, rows: [
        V3Row(3, 16, 16, false, .relu, 1),
        V3Row(3, 64, 24, false, .relu, 2),
        V3Row(3, 72, 24, false, .relu, 1),
        V3Row(5, 72, 40, true, .relu, 2),
        V3Row(5, 120, 40, true, .relu, 1),
        V3Row(5, 120, 40, true, .relu, 1),
        V3Row(3, 240, 80, false, .hardSwish, 2),
        V3Row(3, 200, 80, false, .hardSwish, 1),
        V3Row(3, 184, 80, false, .hardSwish, 1),
        V3Row(3, 184, 80, false, .hardSwish, 1),
        V3Row(3, 480, 112, true, .hardSwish, 1),
        V3Row(3, 672, 112, true, .hardSwish, 1),
        V3Row(5, 672, 160, true, .hardSwish, 2),
        V3Row(5, 960, 160, true, .hardSwish, 1),
        V3Row(5, 960, 160, true, .hardSwish, 1),
    ])

    static let mobileNetV3Small = mobileNetV3("mobilenet-v3-small", classifier: 1024, rows: [
        V3Row(3, 16, 16, true, .relu, 2),
        V3Row(3, 72, 24, false, .relu, 2),
        V3Row(3, 88, 24, false, .relu, 1),
        V3Row(5, 96, 40, true, .hardSwish, 2),
        V3Row(5, 240, 40, true, .hardSwish, 1),
        V3Row(5, 240, 40, true, .hardSwish, 1),
        V3Row(5, 120, 48, true, .hardSwish, 1),
        V3Row(5, 144, 48, true, .hardSwish, 1),
        V3Row(5, 288, 96, true, .hardSwish, 2),
        V3Row(5, 576, 96, true, .hardSwish, 1),
        V3Row(5, 576, 96, true, .hardSwish, 1),
    ])

    private static func mobileNetV3(_ id: String, classifier: Int, rows: [V3Row]) -> Network {
        Network(id, input: 224) {
            convNorm(16, 3, stride: 2, .hardSwish, name: "conv1")
            for (index, row) in rows.enumerated() {
                let input = index == 0 ? 16 : rows[index - 1].output
                invertedResidual(input, expanded: row.expanded, output: row.output, kernel: row.kernel,
                                 stride: row.stride, row.act,
                                 se: row.se ? squeezeExcitation(row.expanded, squeeze: makeDivisible(Double(row.expanded / 4)),
                                                                gate: .hardSigmoid) : nil)
                    .named("bneck\(index + 1)")
            }
            convNorm(6 * rows[rows.count - 1].output, 1, .hardSwish, name: "conv2")
            globalAvgPool()
            flatten()
            linear(classifier)
            hardSwish()
            dropout()
            linear(1000)
        }
    }
}
