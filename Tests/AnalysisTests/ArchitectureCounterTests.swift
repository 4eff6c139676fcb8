// The counters layer by layer, on small networks whose counts are worked out by hand
// from the conventions in Counter.swift.
import Testing
@testable import Analysis

@Suite("Architecture counters")
struct ArchitectureCounterTests {
    private func count(_ side: Int, channels: Int,
                       @LayerBuilder _ body: () -> [Layer]) throws -> NetworkCounts {
        try Network("test", input: side, channels: channels, body).counts()
    }

    private func layer(_ counts: NetworkCounts, _ path: String) throws -> LayerCount {
        try #require(counts.layers.first { $0.path == path }, "no layer \(path)")
    }

    @Test func denseConvolution() throws {
        let counts = try count(8, channels: 3) { conv(16, 3×3, stride: 2, pad: 1) }
        let c = try layer(counts, "test/conv1")
        #expect(c.outputShape == [16, 4, 4])
        #expect(c.params == 16 * 3 * 9 + 16)
        #expect(c.macs == 16 * 4 * 4 * 3 * 9)
        #expect(c.ops == 16 * 4 * 4 * (2 * 9 * 3 + 1))
        #expect(c.opsProfiler == c.ops)
    }

    @Test func groupedConvolutionDividesTheWorkButNotForTheProfiler() throws {
        let counts = try count(8, channels: 4) { conv(8, 3×3, pad: 1, groups: 2) }
        let c = try layer(counts, "test/conv1")
        #expect(c.outputShape == [8, 8, 8])
        #expect(c.params == 8 * 2 * 9 + 8)
        #expect(c.macs == 512 * 2 * 9)
        #expect(c.ops == 512 * (2 * 9 * 2 + 1))
        #expect(c.opsProfiler == 512 * (2 * 9 * 4 + 1))
    }

    @Test func depthwiseConvolutionDiffersByTheGroupFactor() throws {
        let counts = try count(14, channels: 32) { depthwiseConv(32, 3×3, pad: 1) }
        let c = try layer(counts, "test/conv1")
        let outputs = 32 * 14 * 14
        #expect(c.params == 32 * 9)
        #expect(c.macs == outputs * 9)
        #expect(c.ops == outputs * (2 * 9 + 1))
        // Apart from the one-per-output bias term, the profiler counts 32× the work.
        #expect(c.opsProfiler - outputs == 32 * (c.ops - outputs))
    }

    @Test func groupsMustDivideTheChannels() {
        #expect(throws: ArchitectureError.self) {
            try count(8, channels: 6) { conv(8, 1×1, groups: 4) }
        }
    }

    @Test func dilatedConvolutionWidensTheWindow() throws {
        let counts = try count(32, channels: 16) {
            conv(16, 3×3, pad: 2, dilation: 2, name: "same")
            conv(16, 3×3, dilation: 2, name: "valid")
            conv(16, 3×3, stride: 2, dilation: 3, name: "strided")
        }
        #expect(try layer(counts, "test/same").outputShape == [16, 32, 32])
        #expect(try layer(counts, "test/valid").outputShape == [16, 28, 28])
        // (28 − 3·2 − 1) / 2 + 1 = 11
        let strided = try layer(counts, "test/strided")
        #expect(strided.outputShape == [16, 11, 11])
        #expect(strided.macs == 16 * 11 * 11 * 16 * 9)
    }

    @Test func samePaddingRoundsUp() throws {
        let counts = try count(147, channels: 8) {
            maxPool(3×3, stride: 2, pad: .same)
            conv(4, 1×7, pad: .same)
        }
        #expect(try layer(counts, "test/maxpool1").outputShape == [8, 74, 74])
        #expect(try layer(counts, "test/conv1").outputShape == [4, 74, 74])
    }

    @Test func transposedConvolutionCountsEachInputElementScattered() throws {
        let counts = try count(7, channels: 8) { transposedConv(4, 4×4, stride: 2, pad: 1) }
        let t = try layer(counts, "test/deconv1")
        // (7 − 1)·2 − 2·1 + 4 = 14
        #expect(t.outputShape == [4, 14, 14])
        #expect(t.params == 8 * 4 * 16 + 4)
        #expect(t.macs == 8 * 7 * 7 * 16 * 4)
        #expect(t.ops == 2 * t.macs + 4 * 14 * 14)
        #expect(t.opsProfiler == t.ops)
    }

    @Test func groupedTransposedConvolution() throws {
        let counts = try count(5, channels: 8) { transposedConv(8, 3×3, groups: 4, bias: false) }
        let t = try layer(counts, "test/deconv1")
        #expect(t.outputShape == [8, 7, 7])
        #expect(t.params == 8 * 2 * 9)
        #expect(t.macs == 8 * 25 * 9 * 2)
        #expect(t.opsProfiler == 2 * 8 * 25 * 9 * 8 + 8 * 49)
    }

    @Test func residualAdditionCountsOnePerElementPerTensor() throws {
        let counts = try count(4, channels: 8) {
            residual { conv(8, 3×3, pad: 1, bias: false); batchNorm() }
            sum {
                identity()
                conv(8, 1×1)
                conv(8, 1×1)
            }
        }
        let add = try layer(counts, "test/add1")
        #expect(add.kind == "add 2")
        #expect(add.outputShape == [8, 4, 4])
        #expect(add.ops == 2 * 128)
        #expect(add.opsProfiler == add.ops)
        #expect(add.macs == 0 && add.params == 0)
        #expect(try layer(counts, "test/add2").ops == 3 * 128)
    }

    @Test func projectionShortcutIsNamedUnderShortcut() throws {
        let counts = try count(8, channels: 4) {
            block("block1") {
                residual {
                    conv(8, 3×3, stride: 2, pad: 1, bias: false); batchNorm()
                } shortcut: {
                    conv(8, 1×1, stride: 2, bias: false); batchNorm()
                }
                relu()
            }
        }
        #expect(counts.layers.map(\.path) == [
            "test/block1/conv1", "test/block1/bn1",
            "test/block1/shortcut/conv1", "test/block1/shortcut/bn1",
            "test/block1/add1", "test/block1/relu1",
        ])
    }

    @Test func residualShapesMustAgree() {
        #expect {
            try count(8, channels: 4) {
                block("block1") { residual { conv(8, 1×1) } }
            }
        } throws: { error in
            let e = error as? ArchitectureError
            return e?.path == "test/block1/add1" && e?.message.contains("8×8×8 + 4×8×8") == true
        }
    }

    @Test func poolingWindowsAndCeilMode() throws {
        let counts = try count(112, channels: 2) {
            maxPool(3×3, stride: 2, ceil: true, name: "ceil")
            maxPool(3×3, stride: 2, name: "floor")
            avgPool(2×2, stride: 2, pad: 1, name: "padded")
        }
        let ceil = try layer(counts, "test/ceil")
        #expect(ceil.outputShape == [2, 56, 56])
        #expect(ceil.ops == 2 * 56 * 56 * 9)
        #expect(try layer(counts, "test/floor").outputShape == [2, 27, 27])
        #expect(try layer(counts, "test/padded").outputShape == [2, 14, 14])
    }

    @Test func globalPoolingReadsEveryInputElement() throws {
        let counts = try count(7, channels: 64) { globalAvgPool(); flatten() }
        let pool = try layer(counts, "test/avgpool1")
        #expect(pool.outputShape == [64, 1, 1])
        #expect(pool.ops == 64 * 7 * 7)
        #expect(pool.macs == 0)
        #expect(try layer(counts, "test/flatten1").outputShape == [64])
    }

    @Test func concatenationJoinsChannels() throws {
        let counts = try count(6, channels: 3) {
            concat("mixed") {
                conv(4, 1×1)
                block("tower") { conv(2, 1×1); conv(6, 3×3, pad: 1) }
                maxPool(3×3, stride: 1, pad: 1)
            }
        }
        let join = try layer(counts, "test/mixed/concat")
        #expect(join.outputShape == [13, 6, 6])
        #expect(join.ops == 0 && join.params == 0)
        #expect(counts.layers.map(\.path) == [
            "test/mixed/conv1", "test/mixed/tower/conv1", "test/mixed/tower/conv2",
            "test/mixed/maxpool1", "test/mixed/concat",
        ])
    }

    @Test func concatenationNeedsEqualSpatialSizes() {
        #expect {
            try count(8, channels: 3) {
                concat("mixed") { conv(4, 1×1); conv(4, 3×3) }
            }
        } throws: { error in
            (error as? ArchitectureError)?.path == "test/mixed/concat"
        }
    }

    @Test func linearBatchNormActivationsAndSoftmax() throws {
        let counts = try count(2, channels: 3) {
            batchNorm()
            prelu()
            flatten()
            linear(10)
            linear(5, bias: false)
            relu()
            softmax()
        }
        #expect(try layer(counts, "test/bn1").params == 6)
        #expect(try layer(counts, "test/bn1").ops == 0)
        #expect(try layer(counts, "test/prelu1").params == 3)
        #expect(try layer(counts, "test/prelu1").ops == 12)
        let fc = try layer(counts, "test/fc1")
        #expect(fc.params == 12 * 10 + 10)
        #expect(fc.macs == 120)
        #expect(fc.ops == 2 * 120 + 10)
        let noBias = try layer(counts, "test/fc2")
        #expect(noBias.params == 50 && noBias.ops == 100)
        #expect(try layer(counts, "test/relu1").ops == 5)
        #expect(try layer(counts, "test/softmax1").ops == 15)
    }

    @Test func shuffleAndPaddingCostNothingButShape() throws {
        let counts = try count(5, channels: 6) {
            channelShuffle(groups: 3)
            zeroPad(top: 0, bottom: 1, left: 0, right: 1)
            channelPad(2)
            localResponseNorm(size: 5)
            dropout()
        }
        #expect(counts.layers.map(\.outputShape).last == [8, 6, 6])
        #expect(counts.ops == 0 && counts.params == 0 && counts.macs == 0)
    }

    @Test func totalsAreTheSumsOfTheLayers() throws {
        let counts = try count(8, channels: 3) {
            conv(4, 3×3, pad: 1); batchNorm(); relu()
            residual { conv(4, 3×3, pad: 1, groups: 2) }
            globalAvgPool(); flatten(); linear(2)
        }
        #expect(counts.params == counts.layers.reduce(0) { $0 + $1.params })
        #expect(counts.macs == counts.layers.reduce(0) { $0 + $1.macs })
        #expect(counts.ops == counts.layers.reduce(0) { $0 + $1.ops })
        #expect(counts.opsProfiler == counts.layers.reduce(0) { $0 + $1.opsProfiler })
        #expect(counts.activations == counts.layers.reduce(0) { $0 + $1.activations })
        #expect(counts.weightBytes == 4 * counts.params)
        #expect(counts.inputShape == [3, 8, 8])
    }

    @Test func peakOfAChainIsTheLargestInputPlusOutput() throws {
        let counts = try count(8, channels: 3) {
            conv(4, 1×1)    // 192 + 256
            relu()          // 256 + 256
            conv(1, 1×1)    // 256 + 64
        }
        #expect(counts.peakActivations == 512)
    }

    @Test func branchesKeepTheirInputAndFinishedOutputsAlive() throws {
        // x = 2×4×4 (32). Branch 1: 32 + 48; branch 2: x and branch 1's 48 held, + 80
        // = 160; the concatenation: 48 + 80 + 128 = 256.
        let concatenated = try count(4, channels: 2) {
            concat { conv(3, 1×1); conv(5, 1×1) }
            conv(1, 1×1)
        }
        #expect(concatenated.peakActivations == 256)
        // An identity branch keeps x alive to the merge: 32 + 48 + 80 = 160.
        let dense = try count(4, channels: 2) {
            concat { identity(); conv(3, 1×1) }
        }
        #expect(dense.peakActivations == 160)
    }

    @Test func errorsNameTheNetworkAndTheLayerPath() {
        #expect {
            try Network("resnet-50", input: 8) {
                block("layer3") {
                    block("block2") {
                        conv(4, 3×3, pad: 1)
                        conv(4, 11×11)
                    }
                }
            }.counts()
        } throws: { error in
            let e = error as? ArchitectureError
            return e?.path == "resnet-50/layer3/block2/conv2"
                && e?.description.hasPrefix("resnet-50/layer3/block2/conv2: ") == true
        }
    }

    @Test func linearLayersNeedAFlatInput() {
        #expect {
            try count(4, channels: 3) { conv(2, 1×1); linear(10) }
        } throws: { error in
            (error as? ArchitectureError)?.path == "test/fc1"
        }
    }
}
