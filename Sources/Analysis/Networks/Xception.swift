// Xception (Chollet 2017), Figure 5, as Keras Applications defines it at 299×299:
// entry flow (two full convolutions, then three residual blocks of separable
// convolutions ending in 3×3/2 max pooling, with 1×1/2 projection shortcuts), middle
// flow (8 residual blocks of three ReLU + separable 728 convolutions), exit flow, global
// average pooling and a fully connected softmax classifier. A separable convolution is
// a 3×3 depthwise then a 1×1 pointwise convolution, neither with bias; batch norm
// follows every (separable) convolution. Keras pads "same" (⌈n/stride⌉), "valid" in
// the first two convolutions.

extension Network {
    static let xception = Network("xception", input: 299) {
        block("entry") {
            conv(32, 3×3, stride: 2, bias: false); batchNorm(); relu()   // 149×149
            conv(64, 3×3, bias: false); batchNorm(); relu()              // 147×147
            downsamplingBlock("block2", 64, 128, reluFirst: false)       // 74×74
            downsamplingBlock("block3", 128, 256, reluFirst: true)       // 37×37
            downsamplingBlock("block4", 256, 728, reluFirst: true)       // 19×19
        }
        block("middle") {
            for index in 5...12 {
                residual {
                    for _ in 0..<3 {
                        relu(); separableConv(728, 728); batchNorm()
                    }
                }.named("block\(index)")
            }
        }
        block("exit") {
            residual("block13") {
                relu(); separableConv(728, 728); batchNorm()
                relu(); separableConv(728, 1024); batchNorm()
                maxPool(3×3, stride: 2, pad: .same)                       // 10×10
            } shortcut: {
                conv(1024, 1×1, stride: 2, bias: false); batchNorm()
            }
            block("block14") {
                separableConv(1024, 1536); batchNorm(); relu()
                separableConv(1536, 2048); batchNorm(); relu()
            }
        }
        globalAvgPool()
        flatten()
        linear(1000)
        softmax()
    }

    /// Depthwise 3×3 then pointwise 1×1; `input` channels name the depthwise groups.
    private static func separableConv(_ input: Int, _ output: Int) -> Layer {
        sequence {
            depthwiseConv(input, 3×3, pad: .same)
            conv(output, 1×1, bias: false)
        }
    }

    private static func downsamplingBlock(_ name: String, _ input: Int, _ output: Int,
                                          reluFirst: Bool) -> Layer {
        residual(name) {
            if reluFirst { relu() }
            separableConv(input, output); batchNorm()
            relu(); separableConv(output, output); batchNorm()
            maxPool(3×3, stride: 2, pad: .same)
        } shortcut: {
            conv(output, 1×1, stride: 2, bias: false); batchNorm()
        }
    }
}
