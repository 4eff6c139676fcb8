import Foundation
import Testing
@testable import Analysis

/// The exported graphs (measure/README.md) agree with the counter the paper prints:
/// same layers in the same order, same shapes, the same parameters, wiring that only
/// reads tensors already written, and paddings that give the counter's output sizes
/// under a runtime's floor rule.
@Suite struct ExportTests {
    @Test(arguments: Zoo.ids) func exportAgreesWithTheCounter(id: String) throws {
        let exported = try #require(try Zoo.exported(id))
        let counts = try #require(try Zoo.counts(id))
        #expect(exported.format == "report-network/1")
        #expect(exported.nodes.map(\.name) == counts.layers.map(\.path))
        #expect(exported.nodes.map(\.shape) == counts.layers.map(\.outputShape))
        #expect(exported.nodes.map(\.paramCount) == counts.layers.map(\.params))
        #expect(exported.totals.params == counts.params)
        #expect(exported.input.shape == counts.inputShape)
        #expect(exported.output == exported.nodes.last?.name)

        var written: Set<String> = [exported.input.name]
        for node in exported.nodes {
            for input in node.inputs { #expect(written.contains(input), "\(node.name) reads \(input) before it is written") }
            #expect(node.params.reduce(0) { $0 + $1.elements } == node.paramCount, "\(node.name)")
            written.insert(node.name)
        }
    }

    /// out = ⌊(in + begin + end − dilation·(k − 1) − 1) / stride⌋ + 1 on both axes.
    @Test(arguments: Zoo.ids) func paddingsGiveTheCountersOutputUnderTheFloorRule(id: String) throws {
        let exported = try #require(try Zoo.exported(id))
        var shapes = [exported.input.name: exported.input.shape]
        var checked = 0
        for node in exported.nodes {
            defer { shapes[node.name] = node.shape }
            let a = node.attributes
            guard ["conv", "max_pool", "avg_pool"].contains(node.op), let k = a.kernel, let s = a.strides,
                  let p = a.pads, let input = shapes[node.inputs[0]] else { continue }
            let d = a.dilations ?? [1, 1]
            for axis in 0..<2 {
                let size = input[axis + 1] + p[axis] + p[axis + 2] - d[axis] * (k[axis] - 1) - 1
                #expect(size / s[axis] + 1 == node.shape[axis + 1], "\(node.name) axis \(axis)")
            }
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test func ceilModeAndSameBecomeExplicitPaddings() throws {
        // 3×3/2 over 112 in ceil mode gives 56 (floor: 55): one extra row and column at the end.
        let input = Shape.image(64, 112, 112)
        #expect(GraphWalk.pads(.symmetric(Pair(0, 0)), input: input, output: .image(64, 56, 56),
                               kernel: 3, stride: 2, dilation: 1) == [0, 0, 1, 1])
        // "same" with stride 2 over an even size: the odd padding goes to the end (TensorFlow).
        #expect(GraphWalk.pads(.same, input: input, output: .image(64, 56, 56),
                               kernel: 3, stride: 2, dilation: 1) == [0, 0, 1, 1])
        // Inception-v4's "same" 7×1 convolutions pad three rows on each side and no column.
        let v4 = try #require(try Zoo.exported("inception-v4"))
        let sevenByOne = try #require(v4.nodes.first { $0.attributes.kernel == [7, 1] })
        #expect(sevenByOne.attributes.pads == [3, 0, 3, 0])
    }

    @Test func depthwiseAndGroupedConvolutionsCarryTheirGroups() throws {
        let mobilenet = try #require(try Zoo.exported("mobilenet-v1"))
        let depthwise = mobilenet.nodes.filter { ($0.attributes.group ?? 1) > 1 }
        #expect(!depthwise.isEmpty)
        for node in depthwise {
            // One filter per channel: weight [C, 1, 3, 3].
            #expect(node.params[0].shape[1] == 1, "\(node.name)")
            #expect(node.params[0].shape[0] == node.attributes.group)
        }
        let shufflenet = try #require(try Zoo.exported("shufflenet-v1"))
        #expect(shufflenet.nodes.contains { $0.op == "channel_shuffle" && $0.attributes.group == 3 })
    }

    @Test func jsonIsSnakeCaseDeterministicAndRoundTrips() throws {
        let network = try #require(try Zoo.exported("resnet-18"))
        let data = try network.json()
        #expect(try network.json() == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"param_count\""))
        #expect(text.contains("\"peak_activations\""))
        #expect(!text.contains("paramCount"))
        // Attributes that do not apply are left out, not written as null.
        #expect(!text.contains("null"))
        #expect(try ExportedNetwork.decode(data) == network)
    }

    @Test func unknownNetworkExportsNothing() throws {
        #expect(try Zoo.exported("resnet-19") == nil)
    }
}
