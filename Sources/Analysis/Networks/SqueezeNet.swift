// SqueezeNet v1.0 (Iandola et al. 2016), Table 1, as torchvision's squeezenet1_0:
// fire modules squeeze with 1×1 convolutions, then expand with 1×1 and 3×3 ones in
// parallel; max pools in ceil mode; a 1×1 convolution classifies, global average
// pooling replaces fully connected layers.

extension Network {
    static let squeezeNet10 = Network("squeezenet-1.0", input: 224) {
        conv(96, 7×7, stride: 2)
        relu()
        maxPool(3×3, stride: 2, ceil: true)
        fire("fire2", squeeze: 16, expand: 64)
        fire("fire3", squeeze: 16, expand: 64)
        fire("fire4", squeeze: 32, expand: 128)
        maxPool(3×3, stride: 2, ceil: true)
        fire("fire5", squeeze: 32, expand: 128)
        fire("fire6", squeeze: 48, expand: 192)
        fire("fire7", squeeze: 48, expand: 192)
        fire("fire8", squeeze: 64, expand: 256)
        maxPool(3×3, stride: 2, ceil: true)
        fire("fire9", squeeze: 64, expand: 256)
        block("classifier") {
            dropout()
            conv(1000, 1×1)
            relu()
            globalAvgPool()
            flatten()
        }
    }

    /// Both expand branches have `expand` filters.
    private static func fire(_ name: String, squeeze: Int, expand: Int) -> Layer {
        block(name) {
            conv(squeeze, 1×1, name: "squeeze1x1")
            relu()
            concat {
                sequence { conv(expand, 1×1, name: "expand1x1"); relu() }
                sequence { conv(expand, 3×3, pad: 1, name: "expand3x3"); relu() }
            }
        }
    }
}
