// Swin Transformer (Liu et al. 2021), Swin-T of Section 3.3 at 224×224, as torchvision's
// swin_t: a 4×4/4 patch embedding to C = 96 channels and layer norm, four stages of
// 2, 2, 6 and 2 blocks with 3, 6, 12 and 24 heads, stages after the first entered
// through patch merging (2×2 neighbours concatenated, layer norm, a linear reduction
// from 4C to 2C without bias); a final layer norm, global average pooling and a fully
// connected layer. A block (Figure 3b) is layer norm → 7×7 window attention with
// relative position bias → residual, layer norm → MLP (4C, GELU) → residual, every
// second block with windows shifted by 3; both residuals under stochastic depth.

extension Network {
    static let swinT = swin("swin-t", width: 96, depths: [2, 2, 6, 2], heads: [3, 6, 12, 24])

    private static func swin(_ id: String, width: Int, depths: [Int], heads: [Int]) -> Network {
        let window = 7
        return Network(id, input: 224) {
            block("patch_embed") {
                conv(width, 4×4, stride: 4)
                toTokens(grid: true)
                layerNorm()
            }
            for (stage, depth) in depths.enumerated() {
                let dim = width << stage
                if stage > 0 {
                    block("patch_merging\(stage)") {
                        patchMerging()
                        layerNorm()
                        linear(dim, bias: false)
                    }
                }
                block("stage\(stage + 1)") {
                    for index in 0..<depth {
                        block("block\(index + 1)") {
                            droppableResidual {
                                layerNorm()
                                windowAttention(heads: heads[stage], window: window,
                                                shift: index % 2 == 1 ? window / 2 : 0)
                            }
                            droppableResidual {
                                layerNorm()
                                linear(4 * dim)
                                gelu()
                                linear(dim)
                            }
                        }
                    }
                }
            }
            layerNorm()
            toImage()
            globalAvgPool()
            flatten()
            linear(1000, name: "head")
        }
    }
}
