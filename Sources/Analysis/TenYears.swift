// What moved in the ten years after the 2016 paper: computations over every network,
// shared by the claims and the values of the "Ten years later" page, so that a sentence
// and the number quoted beside it come from one place.

import Foundation

enum TenYears {
    /// The cost a comparison is made on.
    enum Cost: String, CaseIterable {
        case operations, parameters
        func of(_ n: NetworkSummary) -> Double { self == .operations ? n.gops : n.paramsMillions }
    }

    /// Whether `a` dominates `b`: at least as accurate for no more cost, better on one.
    static func dominates(_ a: NetworkSummary, _ b: NetworkSummary, cost: Cost) -> Bool {
        a.top1 >= b.top1 && cost.of(a) <= cost.of(b) && (a.top1 > b.top1 || cost.of(a) < cost.of(b))
    }

    /// The cheapest network of a later era than the 2016 figures that dominates `n`.
    static func laterDominator(of n: NetworkSummary, in every: [NetworkSummary], cost: Cost) -> NetworkSummary? {
        every.filter { $0.era != .original && dominates($0, n, cost: cost) }
            .min { cost.of($0) != cost.of($1) ? cost.of($0) < cost.of($1) : $0.top1 > $1.top1 }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The cheapest network (in operations) at least as accurate as `n`, other than it.
    static func cheapestMatch(for n: NetworkSummary, in every: [NetworkSummary]) -> NetworkSummary? {
        every.filter { $0.id != n.id && $0.top1 >= n.top1 }.min { $0.ops < $1.ops }
    }

    /// The networks of the smallest quarter by parameters (at least one).
    static func smallestQuarter(_ every: [NetworkSummary]) -> [NetworkSummary] {
        let bySize = every.sorted { $0.params != $1.params ? $0.params < $1.params : $0.id < $1.id }
        return Array(bySize.prefix(max(1, bySize.count / 4)))
    }

    /// How many times the later networks' median top-1 per G-Op exceeds the 2016
    /// networks' median.
    static func accuracyPerGopRatio(_ data: Dataset) -> (original: Double, later: Double, ratio: Double) {
        let o = median(data.original.map(Metrics.accuracyPerGop))
        let l = median(data.later.map(Metrics.accuracyPerGop))
        return (o, l, l / o)
    }
}
