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
    /// Line of the row in the file.
    public var line: Int
}

/// The loaded `data/networks.csv`, joined with the architectures' counts.
public struct Dataset: Sendable {
    public var records: [NetworkRecord]
    /// Every network, in file order.
    public var networks: [NetworkSummary]
    /// Counts of every architecture, including those defined for comparison only.
    public var counts: [String: NetworkCounts]

    public func network(_ id: String) -> NetworkSummary? { networks.first { $0.id == id } }
    public func record(_ id: String) -> NetworkRecord? { records.first { $0.id == id } }

    public var original: [NetworkSummary] { networks.filter(\.inOriginal) }
    public var added: [NetworkSummary] { networks.filter { !$0.inOriginal } }
}
