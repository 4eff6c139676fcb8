// Inception-v4 (Szegedy et al. 2016, "Inception-v4, Inception-ResNet and the Impact of
// Residual Connections"), Figures 3–9 as published: the stem, 4 × Inception-A,
// Reduction-A (k, l, m, n = 192, 224, 256, 384), 7 × Inception-B, Reduction-B,
// 3 × Inception-C, average pooling, dropout and softmax, at 299×299. Every
// convolution is conv (no bias) + batch norm + ReLU, as in the reference TF-slim and
// timm implementations; "V" in the figures (valid padding) is padding 0, all other
// convolutions keep the size.

extension Network {
    static let inceptionV4 = Network("inception-v4", input: 299) {
        block("stem") {
            convBNReLU(32, 3×3, stride: 2)                    // 149×149×32
            convBNReLU(32, 3×3)                               // 147×147×32
            convBNReLU(64, 3×3, pad: .same)                   // 147×147×64
            concat {
                maxPool(3×3, stride: 2)
                convBNReLU(96, 3×3, stride: 2)
            }                                                 // 73×73×160
            concat {
                sequence {
                    convBNReLU(64, 1×1)
                    convBNReLU(96, 3×3)
                }
                sequence {
                    convBNReLU(64, 1×1)
                    convBNReLU(64, 7×1, pad: .same)
                    convBNReLU(64, 1×7, pad: .same)
                    convBNReLU(96, 3×3)
                }
            }                                                 // 71×71×192
            concat {
                convBNReLU(192, 3×3, stride: 2)
                maxPool(3×3, stride: 2)
            }                                                 // 35×35×384
        }
        for index in 1...4 { inceptionV4A("inception_a\(index)") }
        reductionA(k: 192, l: 224, m: 256, n: 384)            // 17×17×1024
        for index in 1...7 { inceptionV4B("inception_b\(index)") }
        reductionB()                                          // 8×8×1536
        for index in 1...3 { inceptionV4C("inception_c\(index)") }
        globalAvgPool()
        dropout()
        flatten()
        linear(1000)
        softmax()
    }

    /// Figure 4, the 35×35 grid.
    private static func inceptionV4A(_ name: String) -> Layer {
        concat(name) {
            sequence {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(96, 1×1)
            }
            convBNReLU(96, 1×1)
            sequence {
                convBNReLU(64, 1×1)
                convBNReLU(96, 3×3, pad: .same)
            }
            sequence {
                convBNReLU(64, 1×1)
                convBNReLU(96, 3×3, pad: .same)
                convBNReLU(96, 3×3, pad: .same)
            }
        }
    }

    /// Figure 5, the 17×17 grid.
    private static func inceptionV4B(_ name: String) -> Layer {
        concat(name) {
            sequence {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(128, 1×1)
            }
            convBNReLU(384, 1×1)
            sequence {
                convBNReLU(192, 1×1)
                convBNReLU(224, 1×7, pad: .same)
                convBNReLU(256, 7×1, pad: .same)
            }
            sequence {
                convBNReLU(192, 1×1)
                convBNReLU(192, 1×7, pad: .same)
                convBNReLU(224, 7×1, pad: .same)
                convBNReLU(224, 1×7, pad: .same)
                convBNReLU(256, 7×1, pad: .same)
            }
        }
    }

    /// Figure 6, the 8×8 grid, with the last convolutions of two branches split into
    /// 1×3 and 3×1 side by side.
    private static func inceptionV4C(_ name: String) -> Layer {
        concat(name) {
            sequence {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(256, 1×1)
            }
            convBNReLU(256, 1×1)
            sequence {
                convBNReLU(384, 1×1)
                concat {
                    convBNReLU(256, 1×3, pad: .same)
                    convBNReLU(256, 3×1, pad: .same)
                }
            }
            sequence {
                convBNReLU(384, 1×1)
                convBNReLU(448, 1×3, pad: .same)
                convBNReLU(512, 3×1, pad: .same)
                concat {
                    convBNReLU(256, 3×1, pad: .same)
                    convBNReLU(256, 1×3, pad: .same)
                }
            }
        }
    }

    /// Figure 7: 35 → 17.
    private static func reductionA(k: Int, l: Int, m: Int, n: Int) -> Layer {
        concat("reduction_a") {
            maxPool(3×3, stride: 2)
            convBNReLU(n, 3×3, stride: 2)
            sequence {
                convBNReLU(k, 1×1)
                convBNReLU(l, 3×3, pad: .same)
                convBNReLU(m, 3×3, stride: 2)
            }
        }
    }

    /// Figure 8: 17 → 8.
    private static func reductionB() -> Layer {
        concat("reduction_b") {
            maxPool(3×3, stride: 2)
            sequence {
                convBNReLU(192, 1×1)
                convBNReLU(192, 3×3, stride: 2)
            }
            sequence {
                convBNReLU(256, 1×1)
                convBNReLU(256, 1×7, pad: .same)
                convBNReLU(320, 7×1, pad: .same)
                convBNReLU(320, 3×3, stride: 2)
            }
        }
    }
}
