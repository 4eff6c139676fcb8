// Vision Transformer (Dosovitskiy et al. 2021), ViT-B/16 and ViT-L/16 of Table 1 at
// 224×224, as torchvision's vit_b_16 and vit_l_16: a 16×16/16 patch embedding to 196
// tokens, a learned class token and position embedding, then pre-norm encoder blocks
// (12 of width 768 with 12 heads and MLP 3072; 24 of width 1024 with 16 heads and MLP
// 4096), each layer norm → multi-head self-attention → residual, layer norm → MLP
// (linear, GELU, linear) → residual; a final layer norm, and the class token through
// one linear layer.

extension Network {
    static let vitB16 = visionTransformer("vit-b-16", layers: 12, width: 768, heads: 12, mlp: 3072)
    static let vitL16 = visionTransformer("vit-l-16", layers: 24, width: 1024, heads: 16, mlp: 4096)

    private static func visionTransformer(_ id: String, layers: Int, width: Int, heads: Int,
                                          mlp: Int) -> Network {
        Network(id, input: 224) {
            patchEmbedding(width, patch: 16, grid: false, name: "patch_embed")
            classToken()
            positionEmbedding()
            dropout()
            block("encoder") {
                for index in 0..<layers {
                    block("layer\(index + 1)") {
                        residual {
                            layerNorm()
                            selfAttention(heads: heads)
                            dropout()
                        }
                        residual {
                            layerNorm()
                            linear(mlp)
                            gelu()
                            dropout()
                            linear(width)
                            dropout()
                        }
                    }
                }
                layerNorm()
            }
            selectToken(0)
            linear(1000, name: "head")
        }
    }
}
