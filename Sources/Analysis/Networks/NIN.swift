// Network in Network (Lin et al. 2013) for ImageNet with batch normalisation, as
// soumith/imagenet-multiGPU.torch `models/ninbn.lua`: four "mlpconv" blocks (a spatial
// convolution then two 1×1 convolutions, each with batch norm and ReLU), max pools
// 3×3/2 with padding 1, 7×7 average pooling and one linear classifier.

extension Network {
    static let bnNIN = Network("bn-nin", input: 224) {
        mlpconv("block1", 96, 11×11, stride: 4, pad: 5)
        maxPool(3×3, stride: 2, pad: 1)
        mlpconv("block2", 256, 5×5, stride: 1, pad: 2)
        maxPool(3×3, stride: 2, pad: 1)
        mlpconv("block3", 384, 3×3, stride: 1, pad: 1)
        maxPool(3×3, stride: 2, pad: 1)
        mlpconv("block4", 1024, 3×3, stride: 1, pad: 1)
        avgPool(7×7, stride: 1)
        flatten()
        linear(1000)
        softmax()
    }

    private static func mlpconv(_ name: String, _ width: Int, _ kernel: Pair, stride: Int,
                                pad: Int) -> Layer {
        block(name) {
            conv(width, kernel, stride: stride, pad: Padding(pad)); batchNorm(); relu()
            conv(width, 1×1); batchNorm(); relu()
            conv(width, 1×1); batchNorm(); relu()
        }
    }
}
