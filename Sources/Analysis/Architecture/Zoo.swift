// The public face of the architectures: per-layer and total counts of every defined
// network, by id. The DSL, the counter and the definitions stay internal.

/// Counts for one layer, as the profiler view of the paper shows them.
public struct LayerCount: Sendable, Equatable {
    public var path: String          // e.g. "resnet-50/layer3/block2/conv2"
    public var kind: String          // e.g. "conv 3×3/1, 256 groups 1"
    public var outputShape: [Int]    // C, H, W (or features)
    public var params: Int
    public var macs: Int
    public var ops: Int              // paper units, groups counted right
    public var opsProfiler: Int      // as the 2016 profiler counted (blind to groups)
    public var activations: Int      // output elements

    public init(path: String, kind: String, outputShape: [Int], params: Int, macs: Int,
                ops: Int, opsProfiler: Int, activations: Int) {
        self.path = path; self.kind = kind; self.outputShape = outputShape
        self.params = params; self.macs = macs; self.ops = ops
        self.opsProfiler = opsProfiler; self.activations = activations
    }
}

/// Totals for one network at its input size.
public struct NetworkCounts: Sendable, Equatable {
    public var inputShape: [Int]     // C, H, W
    public var params: Int
    public var macs: Int
    public var ops: Int
    public var opsProfiler: Int
    public var activations: Int      // sum of every layer's output elements (merges included)
    public var peakActivations: Int  // peak live elements at batch size 1 (model in Counter.swift)
    public var weightBytes: Int      // params × 4 (fp32)
    public var layers: [LayerCount]

    public init(inputShape: [Int], params: Int, macs: Int, ops: Int, opsProfiler: Int,
                activations: Int, peakActivations: Int, weightBytes: Int, layers: [LayerCount]) {
        self.inputShape = inputShape; self.params = params; self.macs = macs; self.ops = ops
        self.opsProfiler = opsProfiler; self.activations = activations
        self.peakActivations = peakActivations; self.weightBytes = weightBytes; self.layers = layers
    }
}

public struct ArchitectureError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String          // network id and layer path
    public var message: String
    public var description: String { "\(path): \(message)" }
    public init(path: String, message: String) { self.path = path; self.message = message }
}

public enum Zoo {
    /// Every defined network id, including `enet-encoder`; `enet` has no public
    /// architecture and uses its reported values instead.
    public static let ids: [String] = definitions.map(\.id)

    /// Builds the network and counts it; nil when no architecture has that id.
    public static func counts(_ id: String) throws(ArchitectureError) -> NetworkCounts? {
        guard let result = counted[id] else { return nil }
        return try result.get()
    }

    static let definitions: [Network] = [
        .alexNet, .bnAlexNet, .bnNIN, .enetEncoder, .googLeNet,
        .vgg16, .vgg19,
        .resNet18, .resNet34, .resNet50, .resNet101, .resNet152,
        .inceptionV3, .inceptionV4, .squeezeNet10, .mobileNetV1, .shuffleNetV1, .xception,
        .denseNet121,
        // Ten years later: the networks of 2018–2022.
        .mobileNetV2, .mobileNetV3Large, .mobileNetV3Small, .shuffleNetV2, .mnasNet10,
        .efficientNetB0, .efficientNetB4, .efficientNetB7, .efficientNetV2S,
        .regNetY400MF, .regNetY8GF, .resNeXt50, .wideResNet50,
        .convNeXtTiny, .convNeXtBase, .vitB16, .vitL16, .swinT,
    ]

    static func network(_ id: String) -> Network? { definitions.first { $0.id == id } }

    /// Counted once, on first use: definitions are immutable.
    private static let counted: [String: Result<NetworkCounts, ArchitectureError>] =
        Dictionary(uniqueKeysWithValues: definitions.map { network in
            (network.id, Result { () throws(ArchitectureError) in try network.counts() })
        })
}
