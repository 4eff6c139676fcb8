// Each network checked against the counts its reference implementation publishes.
// Parameters must match exactly; MACs within 0.5 % of torchvision's "GFLOPS" column
// (which counts multiply-accumulates of convolutions and linear layers, to 2 or 3
// significant decimals).
import Testing
@testable import Analysis

@Suite("Network reference counts")
struct NetworkReferenceTests {
    struct Reference: Sendable, CustomStringConvertible {
        var id: String
        var params: Int
        var gmacs: Double
        var description: String { id }
    }

    // torchvision 0.29 weights metadata: num_params and _ops (GFLOPS).
    // inception-v3: torchvision's 27,161,264 includes the auxiliary classifier, which
    // the paper's network leaves out. AuxLogits holds conv0 (768→128, 1×1, no bias) +
    // BN = 98,304 + 256, conv1 (128→768, 5×5, no bias) + BN = 2,457,600 + 1,536, and
    // fc (768→1000) = 769,000: 3,326,696 in all, so 27,161,264 − 3,326,696 =
    // 23,834,568. The 5.71 GFLOPS are measured in eval mode, where the aux head is off.
    static let torchvision: [Reference] = [
        Reference(id: "vgg-16", params: 138_357_544, gmacs: 15.47),
        Reference(id: "vgg-19", params: 143_667_240, gmacs: 19.63),
        Reference(id: "resnet-18", params: 11_689_512, gmacs: 1.81),
        Reference(id: "resnet-34", params: 21_797_672, gmacs: 3.66),
        Reference(id: "resnet-50", params: 25_557_032, gmacs: 4.09),
        Reference(id: "resnet-101", params: 44_549_160, gmacs: 7.80),
        Reference(id: "resnet-152", params: 60_192_808, gmacs: 11.51),
        Reference(id: "squeezenet-1.0", params: 1_248_424, gmacs: 0.82),
        Reference(id: "densenet-121", params: 7_978_856, gmacs: 2.83),
        Reference(id: "inception-v3", params: 27_161_264 - 3_326_696, gmacs: 5.71),
    ]

    @Test("parameters equal torchvision's, MACs within 0.5 %", arguments: torchvision)
    func matchesTorchvision(_ reference: Reference) throws {
        let counts = try #require(try Zoo.counts(reference.id))
        #expect(counts.params == reference.params)
        let gmacs = Double(counts.macs) / 1e9
        #expect(abs(gmacs - reference.gmacs) / reference.gmacs < 0.005,
                "\(reference.id): \(gmacs) GMACs, torchvision \(reference.gmacs)")
    }

    // The networks of 2018–2022, each at torchvision's evaluation resolution: the
    // num_params and _ops ("GFLOPS", which count multiply-accumulates, attention's two
    // matrix products included) of torchvision's weights metadata [torchvision2016],
    // read from torchvision/models/*.py (IMAGENET1K_V1 entries).
    static let torchvisionLater: [Reference] = [
        Reference(id: "mobilenet-v2", params: 3_504_872, gmacs: 0.301),
        Reference(id: "mobilenet-v3-large", params: 5_483_032, gmacs: 0.217),
        Reference(id: "mobilenet-v3-small", params: 2_542_856, gmacs: 0.057),
        Reference(id: "shufflenet-v2", params: 2_278_604, gmacs: 0.145),
        Reference(id: "mnasnet-1.0", params: 4_383_312, gmacs: 0.314),
        Reference(id: "efficientnet-b0", params: 5_288_548, gmacs: 0.386),
        Reference(id: "efficientnet-b4", params: 19_341_616, gmacs: 4.394),
        Reference(id: "efficientnet-b7", params: 66_347_960, gmacs: 37.746),
        Reference(id: "efficientnet-v2-s", params: 21_458_488, gmacs: 8.366),
        Reference(id: "regnet-y-400mf", params: 4_344_144, gmacs: 0.402),
        Reference(id: "regnet-y-8gf", params: 39_381_472, gmacs: 8.473),
        Reference(id: "resnext-50", params: 25_028_904, gmacs: 4.23),
        Reference(id: "wide-resnet-50", params: 68_883_240, gmacs: 11.398),
        Reference(id: "convnext-tiny", params: 28_589_128, gmacs: 4.456),
        Reference(id: "convnext-base", params: 88_591_464, gmacs: 15.355),
        Reference(id: "vit-b-16", params: 86_567_656, gmacs: 17.564),
        Reference(id: "vit-l-16", params: 304_326_632, gmacs: 61.555),
        Reference(id: "swin-t", params: 28_288_354, gmacs: 4.491),
    ]

    @Test("2018–2022: parameters equal torchvision's, MACs within 1 %", arguments: torchvisionLater)
    func laterMatchTorchvision(_ reference: Reference) throws {
        let counts = try #require(try Zoo.counts(reference.id))
        #expect(counts.params == reference.params)
        let gmacs = Double(counts.macs) / 1e9
        #expect(abs(gmacs - reference.gmacs) / reference.gmacs < 0.01,
                "\(reference.id): \(gmacs) GMACs, torchvision \(reference.gmacs)")
    }

    @Test("each at torchvision's evaluation size", arguments: [
        ("efficientnet-b0", 224), ("efficientnet-b4", 380), ("efficientnet-b7", 600),
        ("efficientnet-v2-s", 384), ("vit-b-16", 224), ("vit-l-16", 224), ("swin-t", 224),
    ])
    func evaluationResolution(_ id: String, _ side: Int) throws {
        let counts = try #require(try Zoo.counts(id))
        #expect(counts.inputShape == [3, side, side])
    }

    @Test func vitAttentionProductsAreCounted() throws {
        // ViT-B/16: 197 tokens of 768; without QKᵀ and A·V (2 · 197² · 768 MACs per
        // layer, 12 layers) the total would fall 0.72 G short of torchvision's 17.564.
        let counts = try #require(try Zoo.counts("vit-b-16"))
        let attention = counts.layers.filter { $0.kind.hasPrefix("attention") }
        #expect(attention.count == 12)
        let products = 12 * 2 * 197 * 197 * 768
        #expect(attention.reduce(0) { $0 + $1.macs } == 12 * 197 * 4 * 768 * 768 + products)
    }

    @Test func vgg16Anchors() throws {
        let counts = try #require(try Zoo.counts("vgg-16"))
        #expect(counts.params == 138_357_544)
        #expect(counts.macs == 15_470_264_320)
        // No grouped convolutions: both operation counts agree, 30.97 G-Ops as plotted.
        #expect(counts.ops == counts.opsProfiler)
        #expect((Double(counts.ops) / 1e7).rounded() / 100 == 30.97)
        #expect(counts.weightBytes == 4 * counts.params)
    }

    // Published counts of the networks torchvision does not define in the same variant.

    @Test func alexNetMatchesCaffe() throws {
        // bvlc_alexnet has 60,965,224 parameters (the 2016 figure's 60.97 M); its grouped
        // conv2/4/5 make the profiler's count exceed the true one.
        let counts = try #require(try Zoo.counts("alexnet"))
        #expect(counts.params == 60_965_224)
        #expect(counts.opsProfiler > counts.ops)
    }

    @Test func googLeNetWithoutAuxiliaryClassifiers() throws {
        // The 2016 figure plots 6.99 M for bvlc_googlenet without its auxiliary heads.
        let counts = try #require(try Zoo.counts("googlenet"))
        #expect(abs(Double(counts.params) - 6.99e6) / 6.99e6 < 0.002)
    }

    @Test func mobileNetMatchesThePaperAndKeras() throws {
        // Howard et al. 2017: 4.2 M parameters, 569 M mult-adds. Keras MobileNet (1.0,
        // 224) has 4,231,976 trainable parameters; its 21,888 non-trainable ones are
        // batch-norm running statistics, which are not parameters here.
        let counts = try #require(try Zoo.counts("mobilenet-v1"))
        #expect(counts.params == 4_231_976)
        #expect(abs(Double(counts.macs) - 569e6) / 569e6 < 0.005)
    }

    @Test func shuffleNetMatchesMegvii() throws {
        // Megvii ShuffleNet-Series, ShuffleNetV1 1.0x (group=3): 138 M FLOPs (counted as
        // multiply-adds; the paper's Table 2 rounds to 140 M) and 1.9 M parameters;
        // mmclassification's shufflenet-v1 1x g3 lists 1.87 M.
        let counts = try #require(try Zoo.counts("shufflenet-v1"))
        #expect(abs(Double(counts.macs) - 138e6) / 138e6 < 0.005)
        #expect(abs(Double(counts.params) - 1.87e6) / 1.87e6 < 0.005)
    }

    @Test func xceptionMatchesKeras() throws {
        // Keras Applications' Xception: 22,910,480 parameters in all, of which
        // 22,855,952 trainable; the difference is the batch-norm running mean and
        // variance, as many as batch norm's scale and shift.
        let counts = try #require(try Zoo.counts("xception"))
        #expect(counts.params == 22_855_952)
        let batchNorm = counts.layers.filter { $0.kind == "batch norm" }.reduce(0) { $0 + $1.params }
        #expect(counts.params + batchNorm == 22_910_480)
    }

    @Test func inceptionV4MatchesTimm() throws {
        // timm's inception_v4 (a port of the TF-slim reference): 42.68 M parameters.
        let counts = try #require(try Zoo.counts("inception-v4"))
        #expect((counts.params + 5_000) / 10_000 == 4_268)
    }

    /// The 2016 figures' G-Ops (original-figures.csv, read to two decimals) for the
    /// networks defined the same way here: the profiler's count reproduces them.
    @Test("profiler count reproduces the 2016 figure", arguments: [
        ("vgg-16", 30.97), ("vgg-19", 39.29), ("resnet-18", 3.63), ("resnet-34", 7.34),
        ("resnet-50", 8.21), ("resnet-101", 15.65), ("resnet-152", 23.10), ("bn-nin", 2.52),
    ])
    func reproducesOriginalFigure(_ id: String, _ gops: Double) throws {
        let counts = try #require(try Zoo.counts(id))
        #expect(abs(Double(counts.opsProfiler) / 1e9 - gops) <= 0.011)
    }
}
