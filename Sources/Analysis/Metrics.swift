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

/// Rankings, the accuracy–cost frontier and its knee. Kept in a namespace so that the
/// figures' own helpers (same module) cannot clash with these names.
public enum Metrics {
    /// Top-1 points per G-Op (paper units, groups counted right).
    public static func accuracyPerGop(_ n: NetworkSummary) -> Double { n.top1 / n.gops }

    /// Networks best first by `key` (descending), ties broken by name for a stable order.
    public static func ranked(_ networks: [NetworkSummary],
                              by key: (NetworkSummary) -> Double) -> [NetworkSummary] {
        networks.sorted { key($0) != key($1) ? key($0) > key($1) : $0.name < $1.name }
    }

    /// 1-based rank of every network by `key`, descending; equal values share a rank.
    public static func ranks(_ networks: [NetworkSummary],
                             by key: (NetworkSummary) -> Double) -> [String: Int] {
        let order = ranked(networks, by: key)
        var ranks: [String: Int] = [:]
        for (i, n) in order.enumerated() {
            if i > 0, key(order[i - 1]) == key(n) { ranks[n.id] = ranks[order[i - 1].id] }
            else { ranks[n.id] = i + 1 }
        }
        return ranks
    }

    /// The networks no other network beats on both axes: none is at least as accurate
    /// with no more operations (and strictly better on one). Cheapest first; accuracy
    /// therefore rises along the list. The figures' definition, so that the frontier the
    /// claims and values describe is the one the Pareto figure draws.
    public static func paretoFrontier(_ networks: [NetworkSummary]) -> [NetworkSummary] {
        Analysis.paretoFrontier(networks)
    }

    /// Where the frontier bends: the member farthest above the straight line from the
    /// cheapest to the most accurate member, with both axes scaled to 0…1 (operations on
    /// a linear axis, because the question is what each extra operation buys). Nil when
    /// the frontier has fewer than three members or does not bend upwards.
    public static func knee(_ frontier: [NetworkSummary]) -> Int? {
        guard frontier.count >= 3, let first = frontier.first, let last = frontier.last,
              last.gops > first.gops, last.top1 > first.top1 else { return nil }
        var best: Int?
        var height = 0.0
        for i in 1..<(frontier.count - 1) {
            let x = (frontier[i].gops - first.gops) / (last.gops - first.gops)
            let y = (frontier[i].top1 - first.top1) / (last.top1 - first.top1)
            if y - x > height { height = y - x; best = i }
        }
        return best
    }

    /// Average top-1 points gained per extra G-Op between two networks.
    public static func gainPerGop(from a: NetworkSummary, to b: NetworkSummary) -> Double {
        (b.top1 - a.top1) / (b.gops - a.gops)
    }
}

/// The frontier split at its knee, with what extra operations buy on either side.
public struct Saturation: Sendable, Equatable {
    public var frontier: [NetworkSummary]
    public var knee: NetworkSummary
    /// Points per G-Op from the cheapest frontier member to the knee.
    public var gainBefore: Double
    /// Points per G-Op from the knee to the most accurate member.
    public var gainAfter: Double

    public init?(_ networks: [NetworkSummary]) {
        let frontier = Metrics.paretoFrontier(networks)
        guard let k = Metrics.knee(frontier), let first = frontier.first, let last = frontier.last else { return nil }
        self.frontier = frontier
        self.knee = frontier[k]
        self.gainBefore = Metrics.gainPerGop(from: first, to: frontier[k])
        self.gainAfter = Metrics.gainPerGop(from: frontier[k], to: last)
    }

    /// How many times less each G-Op buys past the knee.
    public var ratio: Double { gainBefore / gainAfter }
}
