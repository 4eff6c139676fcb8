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
