// The layer kinds of the networks of 2018–2022, on small inputs whose counts are
// worked out by hand from the conventions in Counter.swift and LayerCounting.swift.
import Testing
@testable import Analysis

@Suite("Layers of the 2018–2022 networks")
struct ModernLayerTests {
    private func count(_ side: Int, channels: Int,
                       @LayerBuilder _ body: () -> [Layer]) throws -> NetworkCounts {
        try Network("t", input: side, channels: channels, body).counts()
    }

    private func layer(_ counts: NetworkCounts, _ path: String) throws -> LayerCount {
        try #require(counts.layers.first { $0.path == path },
                     "no layer \(path) in \(counts.layers.map(\.path))")
    }

    @Test func squeezeExcitationPoolsSqueezesAndScales() throws {
        let counts = try count(4, channels: 8) { squeezeExcitation(8, squeeze: 2) }
        // fc1 8→2 and fc2 2→8 as 1×1 convolutions with biases, on a 1×1 map.
        #expect(try layer(counts, "t/se/conv1").params == 8 * 2 + 2)
        #expect(try layer(counts, "t/se/conv2").params == 2 * 8 + 8)
        #expect(counts.params == 18 + 24)
        #expect(counts.macs == 16 + 16)
        let gate = try layer(counts, "t/se/multiply")
        #expect(gate.kind == "multiply 2")
        #expect(gate.outputShape == [8, 4, 4])
        #expect(gate.ops == 8 * 16)          // one multiplication per output element
        #expect(try layer(counts, "t/se/sigmoid1").ops == 8)
    }

    @Test func multiplyNeedsBroadcastableShapes() {
        #expect(throws: ArchitectureError.self) {
            try count(4, channels: 8) {
                scale { identity(); conv(4, 1×1) }
            }
        }
    }

    @Test func newActivationsCostOnePerElementAndNoParameters() throws {
        let counts = try count(3, channels: 2) { hardSwish(); hardSigmoid(); silu(); gelu() }
        #expect(counts.layers.map(\.kind) == ["hardswish", "hardsigmoid", "silu", "gelu"])
        #expect(counts.layers.allSatisfy { $0.ops == 18 && $0.params == 0 && $0.macs == 0 })
    }

    @Test func invertedResidualExpandsFiltersProjectsAndAdds() throws {
        let counts = try count(8, channels: 16) {
            invertedResidual(16, expanded: 32, output: 16, kernel: 3, stride: 1, .relu6)
        }
        #expect(try layer(counts, "t/expand/conv1").params == 16 * 32)
        #expect(try layer(counts, "t/depthwise/conv1").params == 32 * 9)
        #expect(try layer(counts, "t/project/conv1").params == 32 * 16)
        // Three batch norms (32, 32, 16 channels), scale and shift each.
        #expect(counts.params == 512 + 288 + 512 + 2 * (32 + 32 + 16))
        #expect(counts.macs == 64 * 512 + 64 * 32 * 9 + 64 * 512)
        #expect(try layer(counts, "t/add1").ops == 2 * 16 * 64)
        // Linear bottleneck: no activation after the projection.
        #expect(counts.layers.filter { $0.kind == "relu6" }.count == 2)
    }

    @Test func stridedOrWideningInvertedResidualHasNoShortcut() throws {
        let strided = try count(8, channels: 16) {
            invertedResidual(16, expanded: 16, output: 24, kernel: 5, stride: 2, .hardSwish)
        }
        #expect(!strided.layers.contains { $0.kind.hasPrefix("add") })
        // Expansion 1: no expansion convolution at all.
        #expect(!strided.layers.contains { $0.path.contains("expand") })
        #expect(strided.layers.last?.outputShape == [24, 4, 4])
    }

    @Test func mbConvSqueezesToAQuarterOfItsInputAndMayBeDropped() throws {
        let counts = try count(4, channels: 16) {
            mbConv(16, expandRatio: 6, output: 16, kernel: 3, stride: 1)
        }
        #expect(try layer(counts, "t/se/conv1").outputShape == [4, 1, 1])   // 16 / 4
        #expect(try layer(counts, "t/se/conv2").outputShape == [96, 1, 1])
        let drop = try layer(counts, "t/droppath1")
        #expect(drop.kind == "stochastic depth")
        #expect(drop.params == 0 && drop.macs == 0 && drop.ops == 0)
        #expect(counts.layers.contains { $0.kind == "silu" })
    }

    @Test func fusedMBConvFusesExpansionIntoOneConvolution() throws {
        let expanded = try count(8, channels: 24) {
            fusedMBConv(24, expandRatio: 4, output: 48, kernel: 3, stride: 2)
        }
        let fused = try layer(expanded, "t/fused/conv1")
        #expect(fused.outputShape == [96, 4, 4])
        #expect(fused.params == 96 * 24 * 9)
        #expect(try layer(expanded, "t/project/conv1").outputShape == [48, 4, 4])
        #expect(!expanded.layers.contains { $0.kind.hasPrefix("conv") && $0.kind.contains("groups") })
        // Ratio 1: a single k×k convolution, with the residual.
        let plain = try count(8, channels: 24) {
            fusedMBConv(24, expandRatio: 1, output: 24, kernel: 3, stride: 1)
        }
        #expect(plain.layers.filter { $0.kind.hasPrefix("conv") }.count == 1)
        #expect(plain.layers.contains { $0.kind == "add 2" })
    }

    @Test func makeDivisibleRoundsToEightButNotTooFarDown() {
        #expect(makeDivisible(22.4) == 24)      // 16 × 1.4
        #expect(makeDivisible(44.8) == 48)      // 32 × 1.4
        #expect(makeDivisible(10) == 16)        // 8 would lose more than 10 %
        #expect(makeDivisible(3) == 8)          // never below the divisor
        #expect(makeDivisible(448) == 448)
    }

    @Test func layerNormAndLayerScaleOwnOneOrTwoValuesPerChannel() throws {
        let counts = try count(4, channels: 6) {
            layerNorm()
            toTokens(grid: true)
            layerNorm()
            layerScale()
        }
        #expect(try layer(counts, "t/ln1").params == 12)
        #expect(try layer(counts, "t/ln1").ops == 0)
        #expect(try layer(counts, "t/ln2").outputShape == [4, 4, 6])
        let scale = try layer(counts, "t/layerscale1")
        #expect(scale.params == 6 && scale.ops == 96 && scale.macs == 0)
    }

    @Test func patchEmbeddingCutsTheImageIntoTokens() throws {
        let counts = try count(32, channels: 3) {
            patchEmbedding(8, patch: 16, grid: false)
            classToken()
            positionEmbedding()
            selectToken(0)
        }
        let projection = try layer(counts, "t/conv1")
        #expect(projection.params == 8 * 3 * 256 + 8)
        #expect(projection.macs == 8 * 4 * 3 * 256)
        #expect(try layer(counts, "t/permute1").outputShape == [4, 8])      // 4 tokens of 8
        #expect(try layer(counts, "t/cls1").outputShape == [5, 8])
        #expect(try layer(counts, "t/cls1").params == 8)
        #expect(try layer(counts, "t/pos1").params == 5 * 8)
        #expect(try layer(counts, "t/pos1").ops == 5 * 8)
        #expect(try layer(counts, "t/token1").outputShape == [8])
    }

    @Test func linearActsOnEveryToken() throws {
        let counts = try count(2, channels: 4) { toTokens(grid: false); linear(6) }
        let fc = try layer(counts, "t/fc1")
        #expect(fc.outputShape == [4, 6])
        #expect(fc.params == 4 * 6 + 6)             // shared by every token
        #expect(fc.macs == 4 * 4 * 6)
        #expect(fc.ops == 4 * (2 * 24 + 6))
    }

    @Test func selfAttentionCountsProjectionsAndBothMatrixProducts() throws {
        // 5 tokens of 8 features, 2 heads.
        let counts = try count(1, channels: 8) {
            toTokens(grid: false); classToken(); classToken(); classToken(); classToken()
            selfAttention(heads: 2)
        }
        let attention = try layer(counts, "t/attn1")
        #expect(attention.outputShape == [5, 8])
        #expect(attention.params == 4 * 64 + 4 * 8)  // Q, K, V and output projections
        // Projections 5 · 4 · 8², then QKᵀ and A·V: 5² · 8 each (heads split the
        // channels, so their number does not change the count).
        #expect(attention.macs == 5 * 4 * 64 + 2 * 25 * 8)
        #expect(attention.ops == 2 * attention.macs + 5 * 32 + 3 * 2 * 25)
    }

    @Test func windowAttentionPadsToWholeWindowsAndLearnsARelativeBias() throws {
        // A 7×7 grid of 8-feature tokens in 4×4 windows: padded to 8×8, four windows.
        let counts = try count(7, channels: 8) {
            toTokens(grid: true)
            windowAttention(heads: 2, window: 4, shift: 2)
            windowAttention(heads: 2, window: 7, shift: 3)
        }
        let shifted = try layer(counts, "t/attn1")
        #expect(shifted.kind == "shifted window 4, shift 2 attention, 2 heads")
        #expect(shifted.outputShape == [7, 7, 8])
        #expect(shifted.params == 4 * 64 + 4 * 8 + 7 * 7 * 2)
        #expect(shifted.macs == 64 * 4 * 64 + 2 * 4 * 16 * 16 * 8)
        // One window covering the grid: nothing to shift, one window of 49 tokens.
        let whole = try layer(counts, "t/attn2")
        #expect(whole.kind == "window 7 attention, 2 heads")
        #expect(whole.macs == 49 * 4 * 64 + 2 * 49 * 49 * 8)
        #expect(whole.params == 4 * 64 + 4 * 8 + 13 * 13 * 2)
    }

    @Test func patchMergingConcatenatesNeighbours() throws {
        let counts = try count(7, channels: 3) { toTokens(grid: true); patchMerging() }
        #expect(counts.layers.last?.outputShape == [4, 4, 12])
        #expect(counts.params == 0 && counts.macs == 0)
    }

    @Test func channelSliceKeepsARange() throws {
        let counts = try count(2, channels: 8) { channelSlice(from: 4, count: 4) }
        #expect(counts.layers.last?.outputShape == [4, 2, 2])
        #expect(throws: ArchitectureError.self) {
            try count(2, channels: 8) { channelSlice(from: 6, count: 4) }
        }
    }

    @Test func tokenAndImageLayersRefuseTheWrongLayout() {
        // Attention needs tokens; convolution and pooling need an image.
        #expect(throws: ArchitectureError.self) { try count(4, channels: 8) { selfAttention(heads: 2) } }
        #expect(throws: ArchitectureError.self) {
            try count(4, channels: 8) { toTokens(); conv(8, 1×1) }
        }
        #expect(throws: ArchitectureError.self) {
            try count(4, channels: 8) { toTokens(); selfAttention(heads: 3) }
        }
        #expect(throws: ArchitectureError.self) {
            try count(4, channels: 8) { toTokens(grid: false); windowAttention(heads: 2, window: 2) }
        }
        #expect(throws: ArchitectureError.self) { try count(4, channels: 8) { toTokens(); classToken() } }
        #expect(throws: ArchitectureError.self) { try count(4, channels: 8) { linear(4) } }
    }

    @Test func regNetWidthsFollowTheQuantisedLinearRule() {
        // RegNetY-400MF: 16 blocks in four stages (Radosavovic et al. 2020, Table 3 models).
        let stages = Network.regNetStages(depth: 16, w0: 48, wa: 27.89, wm: 2.09, groupWidth: 8)
        #expect(stages.map(\.width) == [48, 104, 208, 440])
        #expect(stages.map(\.depth) == [1, 3, 6, 6])
        #expect(stages.map(\.depth).reduce(0, +) == 16)
    }
}
