// Inception-v3 (Szegedy et al. 2015, "Rethinking the Inception Architecture"), Table 1
// and Figures 5–7, as torchvision's inception_v3 without its auxiliary classifier
// (which only runs in training): every convolution is conv (no bias) + batch norm +
// ReLU; 299×299 input; modules named as torchvision names them.

extension Network {
    static let inceptionV3 = Network("inception-v3", input: 299) {
        convBNReLU(32, 3×3, stride: 2, name: "Conv2d_1a_3x3")
        convBNReLU(32, 3×3, name: "Conv2d_2a_3x3")
        convBNReLU(64, 3×3, pad: 1, name: "Conv2d_2b_3x3")
        maxPool(3×3, stride: 2)
        convBNReLU(80, 1×1, name: "Conv2d_3b_1x1")
        convBNReLU(192, 3×3, name: "Conv2d_4a_3x3")
        maxPool(3×3, stride: 2)
        inceptionA("Mixed_5b", poolFeatures: 32)      // 35×35×256
        inceptionA("Mixed_5c", poolFeatures: 64)      // 35×35×288
        inceptionA("Mixed_5d", poolFeatures: 64)
        inceptionB("Mixed_6a")                        // 17×17×768
        inceptionC("Mixed_6b", width7x7: 128)
        inceptionC("Mixed_6c", width7x7: 160)
        inceptionC("Mixed_6d", width7x7: 160)
        inceptionC("Mixed_6e", width7x7: 192)
        inceptionD("Mixed_7a")                        // 8×8×1280
        inceptionE("Mixed_7b")                        // 8×8×2048
        inceptionE("Mixed_7c")
        globalAvgPool()
        dropout()
        flatten()
        linear(1000, name: "fc")
    }

    /// Convolution without bias, batch norm, ReLU: Inception's basic unit.
    static func convBNReLU(_ out: Int, _ kernel: Pair, stride: Int = 1, pad: Padding = 0,
                           name: String? = nil) -> Layer {
        let unit = sequence {
            conv(out, kernel, stride: stride, pad: pad, bias: false)
            batchNorm()
            relu()
        }
        return name.map(unit.named) ?? unit
    }

    /// Figure 5: 5×5 factorised into two 3×3 in one branch.
    private static func inceptionA(_ name: String, poolFeatures: Int) -> Layer {
        concat(name) {
            convBNReLU(64, 1×1, name: "branch1x1")
            block("branch5x5") {
                convBNReLU(48, 1×1)
                convBNReLU(64, 5×5, pad: 2)
            }
            block("branch3x3dbl") {
                convBNReLU(64, 1×1)
                convBNReLU(96, 3×3, pad: 1)
                convBNReLU(96, 3×3, pad: 1)
            }
            block("branch_pool") {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(poolFeatures, 1×1)
            }
        }
    }

    /// Grid reduction 35 → 17.
    private static func inceptionB(_ name: String) -> Layer {
        concat(name) {
            convBNReLU(384, 3×3, stride: 2, name: "branch3x3")
            block("branch3x3dbl") {
                convBNReLU(64, 1×1)
                convBNReLU(96, 3×3, pad: 1)
                convBNReLU(96, 3×3, stride: 2)
            }
            maxPool(3×3, stride: 2, name: "branch_pool")
        }
    }

    /// Figure 6: n×n factorised into 1×7 and 7×1.
    private static func inceptionC(_ name: String, width7x7 c7: Int) -> Layer {
        concat(name) {
            convBNReLU(192, 1×1, name: "branch1x1")
            block("branch7x7") {
                convBNReLU(c7, 1×1)
                convBNReLU(c7, 1×7, pad: .same)
                convBNReLU(192, 7×1, pad: .same)
            }
            block("branch7x7dbl") {
                convBNReLU(c7, 1×1)
                convBNReLU(c7, 7×1, pad: .same)
                convBNReLU(c7, 1×7, pad: .same)
                convBNReLU(c7, 7×1, pad: .same)
                convBNReLU(192, 1×7, pad: .same)
            }
            block("branch_pool") {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(192, 1×1)
            }
        }
    }

    /// Grid reduction 17 → 8.
    private static func inceptionD(_ name: String) -> Layer {
        concat(name) {
            block("branch3x3") {
                convBNReLU(192, 1×1)
                convBNReLU(320, 3×3, stride: 2)
            }
            block("branch7x7x3") {
                convBNReLU(192, 1×1)
                convBNReLU(192, 1×7, pad: .same)
                convBNReLU(192, 7×1, pad: .same)
                convBNReLU(192, 3×3, stride: 2)
            }
            maxPool(3×3, stride: 2, name: "branch_pool")
        }
    }

    /// Figure 7: expanded filter banks, 1×3 and 3×1 side by side.
    private static func inceptionE(_ name: String) -> Layer {
        concat(name) {
            convBNReLU(320, 1×1, name: "branch1x1")
            block("branch3x3") {
                convBNReLU(384, 1×1)
                concat {
                    convBNReLU(384, 1×3, pad: .same, name: "2a")
                    convBNReLU(384, 3×1, pad: .same, name: "2b")
                }
            }
            block("branch3x3dbl") {
                convBNReLU(448, 1×1)
                convBNReLU(384, 3×3, pad: 1)
                concat {
                    convBNReLU(384, 1×3, pad: .same, name: "3a")
                    convBNReLU(384, 3×1, pad: .same, name: "3b")
                }
            }
            block("branch_pool") {
                avgPool(3×3, stride: 1, pad: 1)
                convBNReLU(192, 1×1)
            }
        }
    }
}
