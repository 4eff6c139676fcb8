// EfficientNet (Tan & Le 2019), Table 1 scaled by width and depth (compound scaling,
// Section 3.3), as torchvision's efficientnet_b0/b4/b7, each at its own evaluation
// resolution: B0 224, B4 380, B7 600 pixels. Channels are the table's times the width
// coefficient, rounded to multiples of 8; each stage repeats ⌈layers × depth⌉ times.
// A 3×3/2 convolution stem, seven stages of MBConv blocks (expansion, kernel, stride,
// output channels, layers), a 1×1 convolution to four times the last width, global
// average pooling, dropout and a fully connected layer; SiLU throughout.
//
// EfficientNetV2-S (Tan & Le 2021), Table 4, at 384 pixels: Fused-MBConv in the first
// three stages, MBConv after, a 1×1 convolution to 1280 channels.

extension Network {
    static let efficientNetB0 = efficientNet("efficientnet-b0", width: 1.0, depth: 1.0, input: 224)
    static let efficientNetB4 = efficientNet("efficientnet-b4", width: 1.4, depth: 1.8, input: 380)
    static let efficientNetB7 = efficientNet("efficientnet-b7", width: 2.0, depth: 3.1, input: 600)

    private struct MBStage {
        var fused = false
        var expand: Int, kernel: Int, stride: Int, input: Int, output: Int, layers: Int
    }

    private static func efficientNet(_ id: String, width: Double, depth: Double, input: Int) -> Network {
        let channels = { (c: Int) in makeDivisible(Double(c) * width) }
        let layers = { (n: Int) in Int((Double(n) * depth).rounded(.up)) }
        //                    expand  kernel stride  in   out  layers
        let stages = [
            MBStage(expand: 1, kernel: 3, stride: 1, input: 32, output: 16, layers: 1),
            MBStage(expand: 6, kernel: 3, stride: 2, input: 16, output: 24, layers: 2),
            MBStage(expand: 6, kernel: 5, stride: 2, input: 24, output: 40, layers: 2),
            MBStage(expand: 6, kernel: 3, stride: 2, input: 40, output: 80, layers: 3),
            MBStage(expand: 6, kernel: 5, stride: 1, input: 80, output: 112, layers: 3),
            MBStage(expand: 6, kernel: 5, stride: 2, input: 112, output: 192, layers: 4),
            MBStage(expand: 6, kernel: 3, stride: 1, input: 192, output: 320, layers: 1),
        ].map { s in
            MBStage(expand: s.expand, kernel: s.kernel, stride: s.stride, input: channels(s.input),
                    output: channels(s.output), layers: layers(s.layers))
        }
        return efficientNet(id, input: input, stages: stages, head: 4 * stages[stages.count - 1].output)
    }

    static let efficientNetV2S = efficientNet("efficientnet-v2-s", input: 384, stages: [
        MBStage(fused: true, expand: 1, kernel: 3, stride: 1, input: 24, output: 24, layers: 2),
        MBStage(fused: true, expand: 4, kernel: 3, stride: 2, input: 24, output: 48, layers: 4),
        MBStage(fused: true, expand: 4, kernel: 3, stride: 2, input: 48, output: 64, layers: 4),
        MBStage(expand: 4, kernel: 3, stride: 2, input: 64, output: 128, layers: 6),
        MBStage(expand: 6, kernel: 3, stride: 1, input: 128, output: 160, layers: 9),
        MBStage(expand: 6, kernel: 3, stride: 2, input: 160, output: 256, layers: 15),
    ], head: 1280)

    private static func efficientNet(_ id: String, input: Int, stages: [MBStage], head: Int) -> Network {
        Network(id, input: input) {
            convNorm(stages[0].input, 3, stride: 2, .silu, name: "stem")
            for (index, stage) in stages.enumerated() {
                block("stage\(index + 1)") {
                    for layer in 0..<stage.layers {
                        let blockInput = layer == 0 ? stage.input : stage.output
                        let stride = layer == 0 ? stage.stride : 1
                        (stage.fused
                            ? fusedMBConv(blockInput, expandRatio: stage.expand, output: stage.output,
                                          kernel: stage.kernel, stride: stride)
                            : mbConv(blockInput, expandRatio: stage.expand, output: stage.output,
                                     kernel: stage.kernel, stride: stride))
                            .named("block\(layer + 1)")
                    }
                }
            }
            convNorm(head, 1, .silu, name: "head")
            globalAvgPool()
            flatten()
            dropout()
            linear(1000)
        }
    }
}
