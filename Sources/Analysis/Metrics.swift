// Metrics derived from the networks' accuracy, size and cost.

/// The networks that lead the information-density ranking as a group: sort by density,
/// descending, and cut at the largest relative drop between neighbours among the top
/// half. The group is therefore chosen by the data, never named by hand.
public func densityLeaders(_ networks: [NetworkSummary]) -> [NetworkSummary] {
    let ranked = networks.sorted { $0.density > $1.density }
    guard ranked.count > 2 else { return ranked }
    var cut = 1
    var largest = 0.0
    for i in 1...max(1, ranked.count / 2) where i < ranked.count {
        let drop = ranked[i - 1].density / ranked[i].density
        if drop > largest { largest = drop; cut = i }
    }
    return Array(ranked.prefix(cut))
}
