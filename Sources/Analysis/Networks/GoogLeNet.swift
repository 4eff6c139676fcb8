// GoogLeNet (Szegedy et al. 2014), Table 1, as Caffe's bvlc_googlenet deploy
// definition without the two auxiliary classifiers (training only): convolutions
// with bias and ReLU, LRN after the stem's first and third convolutions, max pools
// in Caffe's ceil mode, nine Inception modules, 7×7 average pooling, dropout, one
// fully connected layer and a softmax.

extension Network {
    static let googLeNet = Network("googlenet", input: 224) {
        block("conv1") { conv(64, 7×7, stride: 2, pad: 3); relu() }
        maxPool(3×3, stride: 2, ceil: true, name: "pool1")
        localResponseNorm(size: 5, name: "norm1")
        block("conv2") {
            conv(64, 1×1, name: "reduce"); relu()
            conv(192, 3×3, pad: 1); relu()
        }
        localResponseNorm(size: 5, name: "norm2")
        maxPool(3×3, stride: 2, ceil: true, name: "pool2")
        //                       1×1  3×3 reduce, 3×3  5×5 reduce, 5×5  pool proj
        inception("inception_3a", 64, 96, 128, 16, 32, 32)
        inception("inception_3b", 128, 128, 192, 32, 96, 64)
        maxPool(3×3, stride: 2, ceil: true, name: "pool3")
        inception("inception_4a", 192, 96, 208, 16, 48, 64)
        inception("inception_4b", 160, 112, 224, 24, 64, 64)
        inception("inception_4c", 128, 128, 256, 24, 64, 64)
        inception("inception_4d", 112, 144, 288, 32, 64, 64)
        inception("inception_4e", 256, 160, 320, 32, 128, 128)
        maxPool(3×3, stride: 2, ceil: true, name: "pool4")
        inception("inception_5a", 256, 160, 320, 32, 128, 128)
        inception("inception_5b", 384, 192, 384, 48, 128, 128)
        avgPool(7×7, stride: 1, name: "pool5")
        dropout()
        flatten()
        linear(1000, name: "classifier")
        softmax(name: "prob")
    }

    /// The columns of Table 1: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj.
    private static func inception(_ name: String, _ n1x1: Int, _ n3x3reduce: Int, _ n3x3: Int,
                                  _ n5x5reduce: Int, _ n5x5: Int, _ poolProjection: Int) -> Layer {
        concat(name) {
            block("1x1") { conv(n1x1, 1×1); relu() }
            block("3x3") {
                conv(n3x3reduce, 1×1); relu()
                conv(n3x3, 3×3, pad: 1); relu()
            }
            block("5x5") {
                conv(n5x5reduce, 1×1); relu()
                conv(n5x5, 5×5, pad: 2); relu()
            }
            block("pool") {
                maxPool(3×3, stride: 1, pad: 1, ceil: true)
                conv(poolProjection, 1×1); relu()
            }
        }
    }
}
