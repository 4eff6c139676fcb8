// One row of `data/networks.csv`: who the network is, how accurate it is and where
// each number comes from. Sizes and costs are not here: they are computed from the
// architecture, except for a network whose definition is not public (reported values).

public struct NetworkRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var family: String
    public var inOriginal: Bool
    /// Input side in pixels (224, 227, 299), when the file states it.
    public var input: Int?
    public var variant: String
    public var top1: Double
    public var top5: Double?
    public var top1Source: String
    public var modernTop1: Double?
    public var modernSource: String
    public var reportedParams: Int?
    /// Reported operations, in operations (not G-Ops).
    public var reportedOps: Int?
    public var reportedSource: String
    public var era: NetworkSummary.Era
    /// Year of first publication (the preprint), when given.
    public var year: Int?
    /// Line of the row in the file.
    public var line: Int
}

/// The loaded `data/networks.csv`, joined with the architectures' counts.
public struct Dataset: Sendable {
    public var records: [NetworkRecord]
    /// The reproduction's networks — those of the 2016 figures and the 2018 update — in
    /// file order. Networks added ten years later are kept apart, in `later`, so that
    /// they never enter the reproduction's figures, tables and claims by accident.
    public var networks: [NetworkSummary]
    /// The networks of 2018–2022 added by this paper, in file order.
    public var later: [NetworkSummary] = []
    /// Counts of every architecture, including those defined for comparison only.
    public var counts: [String: NetworkCounts]

    public init(records: [NetworkRecord], networks: [NetworkSummary], counts: [String: NetworkCounts]) {
        self.records = records
        self.networks = networks.filter { $0.era != .later }
        self.later = networks.filter { $0.era == .later }
        self.counts = counts
    }

    /// Every network of every era, in file order.
    public var every: [NetworkSummary] {
        let order = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.id, $0) })
        return (networks + later).sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
    }

    public func network(_ id: String) -> NetworkSummary? {
        networks.first { $0.id == id } ?? later.first { $0.id == id }
    }
    public func record(_ id: String) -> NetworkRecord? { records.first { $0.id == id } }

    public var original: [NetworkSummary] { networks.filter(\.inOriginal) }
    public var added: [NetworkSummary] { networks.filter { !$0.inOriginal } }
}
