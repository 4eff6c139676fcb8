// RegNetY (Radosavovic et al. 2020), the 400MF and 8GF models of Table 3 / Appendix,
// as torchvision's regnet_y_400mf and regnet_y_8gf at 224×224. Widths come from the
// design space's quantised linear rule (Section 3.3): u_j = w0 + wa·j for block j,
// s_j = round(log(u_j / w0) / log wm), w_j = w0·wm^s_j rounded to a multiple of 8;
// blocks of equal width form a stage, and each width is made divisible by the group
// width. A 3×3/2 stem of 32 channels, the stages of X blocks with squeeze-and-
// excitation (Y), global average pooling and a fully connected layer. A block is a
// 1×1 convolution, a 3×3 group convolution (stride 2 in a stage's first block), SE to
// a quarter of the block's input width, and a 1×1 convolution, added to the input
// (projected by a strided 1×1 convolution where the shape changes), then ReLU.

import Foundation

extension Network {
    static let regNetY400MF = regNetY("regnet-y-400mf", depth: 16, w0: 48, wa: 27.89, wm: 2.09, groupWidth: 8)
    static let regNetY8GF = regNetY("regnet-y-8gf", depth: 17, w0: 192, wa: 76.82, wm: 2.19, groupWidth: 56)

    /// Stage widths, depths and group widths of a RegNet from its design parameters.
    static func regNetStages(depth: Int, w0: Double, wa: Double, wm: Double, groupWidth: Int)
        -> [(width: Int, depth: Int, groupWidth: Int)] {
        let widths = (0..<depth).map { j -> Int in
            let u = Double(j) * wa + w0
            let s = (log(u / w0) / log(wm)).rounded(.toNearestOrEven)
            return Int((w0 * pow(wm, s) / 8).rounded(.toNearestOrEven)) * 8
        }
        var stages: [(width: Int, depth: Int, groupWidth: Int)] = []
        for w in widths {
            if let last = stages.last, last.width == w { stages[stages.count - 1].depth += 1 }
            else { stages.append((w, 1, groupWidth)) }
        }
        return stages.map { stage in
            let g = min(stage.groupWidth, stage.width)
            return (makeDivisible(Double(stage.width), g), stage.depth, g)
        }
    }

    private static func regNetY(_ id: String, depth: Int, w0: Double, wa: Double, wm: Double,
                                groupWidth: Int) -> Network {
        let stages = regNetStages(depth: depth, w0: w0, wa: wa, wm: wm, groupWidth: groupWidth)
        return Network(id, input: 224) {
            convNorm(32, 3, stride: 2, .relu, name: "stem")
            for (index, stage) in stages.enumerated() {
                block("stage\(index + 1)") {
                    for j in 0..<stage.depth {
                        let input = j > 0 ? stage.width : index == 0 ? 32 : stages[index - 1].width
                        regNetBlock(input, stage.width, stride: j == 0 ? 2 : 1, groupWidth: stage.groupWidth)
                            .named("block\(j + 1)")
                    }
                }
            }
            globalAvgPool()
            flatten()
            linear(1000)
        }
    }

    private static func regNetBlock(_ input: Int, _ width: Int, stride: Int, groupWidth: Int) -> Layer {
        sequence {
            residual {
                convNorm(width, 1, .relu, name: "a")
                convNorm(width, 3, stride: stride, groups: width / groupWidth, .relu, name: "b")
                squeezeExcitation(width, squeeze: Int((0.25 * Double(input)).rounded()))
                convNorm(width, 1, nil, name: "c")
            } shortcut: {
                if input != width || stride != 1 {
                    conv(width, 1×1, stride: stride, bias: false)
                    batchNorm()
                }
            }
            relu()
        }
    }
}
