// MobileNet v1 (Howard et al. 2017), Table 1, width multiplier 1.0 at 224×224: a
// full 3×3/2 convolution, then 13 depthwise-separable layers (3×3 depthwise, 1×1
// pointwise, each followed by batch norm and ReLU; convolutions without bias),
// global average pooling, one fully connected layer and a softmax. (Keras uses ReLU6
// and a 1×1 convolution as the classifier: the same counts.)

extension Network {
    static let mobileNetV1 = Network("mobilenet-v1", input: 224) {
        block("conv1") { conv(32, 3×3, stride: 2, pad: 1, bias: false); batchNorm(); relu() }
        //           (input channels, output channels, stride) of Table 1's rows
        separable("conv_dw1", 32, 64, stride: 1)
        separable("conv_dw2", 64, 128, stride: 2)
        separable("conv_dw3", 128, 128, stride: 1)
        separable("conv_dw4", 128, 256, stride: 2)
        separable("conv_dw5", 256, 256, stride: 1)
        separable("conv_dw6", 256, 512, stride: 2)
        for index in 7...11 {
            separable("conv_dw\(index)", 512, 512, stride: 1)
        }
        separable("conv_dw12", 512, 1024, stride: 2)
        separable("conv_dw13", 1024, 1024, stride: 1)
        globalAvgPool()
        flatten()
        dropout()
        linear(1000)
        softmax()
    }

    private static func separable(_ name: String, _ input: Int, _ output: Int, stride: Int) -> Layer {
        block(name) {
            depthwiseConv(input, 3×3, stride: stride, pad: 1); batchNorm(); relu()
            conv(output, 1×1, bias: false); batchNorm(); relu()
        }
    }
}
