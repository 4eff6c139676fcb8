// The exported description of a network: a flat graph of named tensors, one node per
// leaf layer or merge, in an order where every node's inputs come before it. It is what
// the measurement harness (measure/) turns into an ONNX graph, so it spells out what a
// runtime needs and the layer tree leaves implicit: explicit paddings (begin and end),
// the tensors each node reads, and the shapes of its parameter tensors. The format is
// documented in measure/README.md; bump `formatVersion` on any change a reader could see.

import Foundation

public struct ExportedNetwork: Codable, Sendable, Equatable {
    public static let formatVersion = "report-network/1"

    public var format: String
    public var id: String
    /// The image the network is defined for; the batch axis is left out everywhere.
    public var input: ExportedTensor
    /// The name of the tensor the last node writes.
    public var output: String
    /// The counter's totals (Counter.swift's conventions), for the harness to check against.
    public var totals: Totals
    public var nodes: [Node]

    public struct Totals: Codable, Sendable, Equatable {
        public var params: Int
        public var macs: Int
        public var ops: Int
        public var peakActivations: Int
    }

    public struct Node: Codable, Sendable, Equatable {
        /// The layer path (`resnet-50/layer1/block1/conv1`); also the name of its output tensor.
        public var name: String
        public var op: String
        public var inputs: [String]
        /// Output shape without the batch axis: C, H, W, or features after `flatten`.
        public var shape: [Int]
        public var attributes: Attributes
        /// Learnable tensors, counted as parameters.
        public var params: [ExportedTensor]
        /// Tensors a runtime needs that are not learned (batch norm's running statistics).
        public var buffers: [ExportedTensor]
        /// The counter's parameters for this layer: the sum of `params`' sizes.
        public var paramCount: Int
    }

    /// Only the attributes that apply to a node's `op` are present.
    public struct Attributes: Codable, Sendable, Equatable {
        public var kernel: [Int]?           // kh, kw
        public var strides: [Int]?          // sh, sw
        public var pads: [Int]?             // top, left, bottom, right (end may exceed begin: ceil mode, "same")
        public var dilations: [Int]?        // dh, dw
        public var group: Int?              // convolution groups, channel-shuffle groups
        public var outputPadding: [Int]?    // transposed convolution
        public var size: Int?               // LRN window
        public var channels: Int?           // channel_pad: zero channels appended
        public var channelwise: Bool?       // prelu: one slope per channel or one in all
        public var axis: Int?               // concat, softmax, flatten (1 = after the batch axis)

        public init() {}
    }
}

public struct ExportedTensor: Codable, Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var elements: Int { shape.reduce(1, *) }
}

extension ExportedNetwork {
    /// Pretty-printed JSON with sorted keys: the same network always exports byte-identically.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ExportedNetwork {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ExportedNetwork.self, from: data)
    }
}
