// One network as the figures, tables, values and claims see it: its identity and
// accuracy from `paper/data/networks.csv`, its size and cost computed from its
// architecture (or, for `enet` only, the reported values).

public struct NetworkSummary: Sendable, Equatable {
    public enum Source: String, Sendable { case derived, reported }

    /// Which figures first showed the network: the 2016 paper's, its 2018 update's, or
    /// this paper's ten-years-later additions (networks of 2018–2022). The reproduction's
    /// figures and tables show only the first two.
    public enum Era: String, Sendable, CaseIterable {
        case original, update = "2018", later
    }

    public var id: String            // e.g. "resnet-50"
    public var name: String          // e.g. "ResNet-50"
    public var family: String        // e.g. "ResNet"
    public var inOriginal: Bool      // plotted in the 2016 figures
    public var top1: Double          // %
    public var top5: Double?         // %
    public var params: Int           // learnable parameters
    public var macs: Int             // multiply-accumulates (torchvision convention)
    public var ops: Int              // operations, 2016 paper units, groups counted right
    public var opsProfiler: Int      // operations exactly as the 2016 profiler counted
    public var source: Source
    public var era: Era
    /// Year the network was first published (its preprint), when the data give it.
    public var year: Int?

    public init(id: String, name: String, family: String, inOriginal: Bool,
                top1: Double, top5: Double?, params: Int, macs: Int, ops: Int,
                opsProfiler: Int, source: Source, era: Era? = nil, year: Int? = nil) {
        self.id = id; self.name = name; self.family = family; self.inOriginal = inOriginal
        self.top1 = top1; self.top5 = top5; self.params = params; self.macs = macs
        self.ops = ops; self.opsProfiler = opsProfiler; self.source = source
        self.era = era ?? (inOriginal ? .original : .update)
        self.year = year
    }

    /// Operations in G-Ops (paper units, groups counted right): the figures' x-axis.
    public var gops: Double { Double(ops) / 1e9 }
    public var gopsProfiler: Double { Double(opsProfiler) / 1e9 }
    public var gmacs: Double { Double(macs) / 1e9 }
    public var paramsMillions: Double { Double(params) / 1e6 }
    /// Information density: top-1 accuracy (%) per million parameters.
    public var density: Double { top1 / paramsMillions }
}
