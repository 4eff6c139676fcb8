// A network: an id, the input it is defined for, and its layers.

struct Network: Sendable {
    let id: String
    let input: Shape
    let body: [Layer]

    /// `input` is the side of the square RGB image the network is defined for.
    init(_ id: String, input side: Int, channels: Int = 3, @LayerBuilder _ body: () -> [Layer]) {
        self.id = id
        self.input = .image(channels, side, side)
        self.body = body()
    }

    func counts() throws(ArchitectureError) -> NetworkCounts {
        var counter = Counter(network: id)
        _ = try counter.run(body, input: input)
        let layers = counter.layers
        var total = NetworkCounts(inputShape: input.dimensions, params: 0, macs: 0, ops: 0,
                                  opsProfiler: 0, activations: 0,
                                  peakActivations: counter.peak, weightBytes: 0, layers: layers)
        for layer in layers {
            total.params += layer.params
            total.macs += layer.macs
            total.ops += layer.ops
            total.opsProfiler += layer.opsProfiler
            total.activations += layer.activations
        }
        total.weightBytes = total.params * 4
        return total
    }
}
