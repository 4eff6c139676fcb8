// VGG (Simonyan & Zisserman 2014), Table 1 configurations D (16 layers) and E (19),
// as torchvision's vgg16 / vgg19: 3×3 convolutions with padding 1 and ReLU, 2×2 max
// pooling between stages, three fully connected layers. torchvision's adaptive 7×7
// average pool is the identity at 224×224 and is left out, as the paper has none.

extension Network {
    static let vgg16 = vgg("vgg-16", convolutionsPerStage: [2, 2, 3, 3, 3])
    static let vgg19 = vgg("vgg-19", convolutionsPerStage: [2, 2, 4, 4, 4])

    private static func vgg(_ id: String, convolutionsPerStage: [Int]) -> Network {
        let widths = [64, 128, 256, 512, 512]
        return Network(id, input: 224) {
            for (stage, width) in widths.enumerated() {
                block("stage\(stage + 1)") {
                    for _ in 0..<convolutionsPerStage[stage] {
                        conv(width, 3×3, pad: 1)
                        relu()
                    }
                    maxPool(2×2, stride: 2)
                }
            }
            flatten()
            block("classifier") {
                linear(4096); relu(); dropout()
                linear(4096); relu(); dropout()
                linear(1000)
            }
        }
    }
}
