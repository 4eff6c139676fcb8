// Where the dataset gets sizes and costs from. The notebook uses the Zoo; tests hand in
// a few made-up architectures so that the loader's checks can be exercised on their own.

import NotebookInterface

public struct Architectures: Sendable {
    /// Defined network ids, in the order they should be reported.
    public var ids: [String]
    /// Ids that are defined for comparison only and need no dataset row.
    public var comparisonOnly: Set<String>
    public var count: @Sendable (String) throws(ArchitectureError) -> NetworkCounts?

    public init(ids: [String], comparisonOnly: Set<String> = [],
                count: @escaping @Sendable (String) throws(ArchitectureError) -> NetworkCounts?) {
        self.ids = ids
        self.comparisonOnly = comparisonOnly
        self.count = count
    }

    /// The paper's architectures. `enet-encoder` is the public part of ENet, defined only
    /// to compare with the values the original reported for the whole network.
    public static let zoo = Architectures(ids: Zoo.ids, comparisonOnly: ["enet-encoder"]) {
        (id: String) throws(ArchitectureError) -> NetworkCounts? in try Zoo.counts(id)
    }

    /// Counts every architecture once. A definition that does not fit is a problem
    /// naming the network and layer path; the others are still counted.
    func countAll() -> (counts: [String: NetworkCounts], problems: [Problem]) {
        var counts: [String: NetworkCounts] = [:]
        var problems: [Problem] = []
        for id in ids {
            do {
                if let c = try count(id) { counts[id] = c }
            } catch {
                problems.append(Problem(.error, "architecture \(error.path): \(error.message)"))
            }
        }
        return (counts, problems)
    }
}
