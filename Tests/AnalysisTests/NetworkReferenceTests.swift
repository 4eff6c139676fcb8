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

    @Test func printTable() throws {
        for id in Zoo.ids {
            let c = try #require(try Zoo.counts(id))
            print(id, c.params, c.macs, Double(c.ops) / 1e9, Double(c.opsProfiler) / 1e9, c.activations, c.peakActivations)
        }
    }
}
