// Claims of the "Ten years later" page: the 2016 paper's conclusions re-checked against
// every network, those added ten years later included.

import NotebookInterface

enum TenYearsClaims {
    /// The later networks' median top-1 per G-Op must be at least this many times the
    /// 2016 networks' for `accuracy-per-gop-rose` to hold.
    static let perGopFactor = 2.0

    static let offers: [Offer] = [
        Offer(kind: .claim, name: "original-dominated",
              summary: "every network of the 2016 figures is dominated by one first shown later: as accurate or more for fewer operations (or, with :cost: parameters, fewer parameters)",
              options: ["cost": TenYears.Cost.allCases.map(\.rawValue)]),
        Offer(kind: .claim, name: "density-led-by-smallest",
              summary: "the densest quarter of every network (top-1 per parameter) is the smallest quarter by parameters"),
        Offer(kind: .claim, name: "accuracy-per-gop-rose",
              summary: "the best top-1 per G-Op of the networks added ten years later is at least twice the best of the 2016 networks (with :measure: median, the medians)",
              options: ["measure": ["best", "median"]]),
        Offer(kind: .claim, name: "frontier-renewed",
              summary: "no network of the 2016 figures is on the Pareto frontier of every network"),
    ]

    static func evaluate(_ request: Request, _ data: Dataset) throws(NotebookError) -> Claim {
        guard !data.later.isEmpty else {
            throw .problem("claim '\(request.name)' compares with the networks added ten years later, and \(NetworksFile.path) has none (era 'later')")
        }
        switch request.name {
        case "original-dominated":
            return originalDominated(data, cost: TenYears.Cost(rawValue: request.options["cost"] ?? "operations") ?? .operations)
        case "density-led-by-smallest": return densityLedBySmallest(data)
        case "accuracy-per-gop-rose": return accuracyPerGopRose(data, median: request.options["measure"] == "median")
        default: return frontierRenewed(data)
        }
    }

    static func point(_ n: NetworkSummary, _ cost: TenYears.Cost) -> String {
        let amount = cost == .operations ? "\(Format.number(n.gops))\(Format.space)G-Ops"
                                         : "\(Format.number(n.paramsMillions))\(Format.space)M parameters"
        return "\(n.name) (\(Format.number(n.top1))\(Format.space)%, \(amount))"
    }

    static func originalDominated(_ data: Dataset, cost: TenYears.Cost) -> Claim {
        var holds = true
        let evidence = data.original.map { n -> String in
            if let d = TenYears.laterDominator(of: n, in: data.every, cost: cost) {
                return "\(point(n, cost)) ← \(point(d, cost))"
            }
            holds = false
            return "\(point(n, cost)): no later network is as accurate for less"
        }
        let count = data.original.filter { TenYears.laterDominator(of: $0, in: data.every, cost: cost) != nil }.count
        return Claim(holds: holds, evidence: evidence,
                     statement: "\(count) of the \(data.original.count) networks of 2016 are beaten on accuracy and \(cost.rawValue) by a later one")
    }

    static func densityLedBySmallest(_ data: Dataset) -> Claim {
        let every = data.every
        let small = TenYears.smallestQuarter(every)
        let dense = Array(Metrics.ranked(every, by: \.density).prefix(small.count))
        let holds = Set(dense.map(\.id)) == Set(small.map(\.id))
        let outside = dense.filter { n in !small.contains { $0.id == n.id } }
        var evidence = ["densest \(dense.count) of \(every.count): " + dense.map(ClaimBook.density).joined(separator: "; "),
                        "smallest \(small.count): " + small.map { "\($0.name) \(Format.number($0.paramsMillions))\(Format.space)M" }
                            .joined(separator: ", ")]
        for n in outside { evidence.append("\(n.name) is among the densest but not the smallest") }
        let statement = "the \(ClaimBook.count(dense.count)) densest of the \(every.count) networks are "
            + (holds ? "" : "not ") + "its \(ClaimBook.count(small.count)) smallest"
        return Claim(holds: holds, evidence: evidence, statement: statement)
    }

    static func accuracyPerGopRose(_ data: Dataset, median: Bool) -> Claim {
        let r = TenYears.accuracyPerGopRatio(data)
        let best = { (group: [NetworkSummary]) in Metrics.ranked(group, by: Metrics.accuracyPerGop)[0] }
        let bestOriginal = best(data.original), bestLater = best(data.later)
        let bestRatio = Metrics.accuracyPerGop(bestLater) / Metrics.accuracyPerGop(bestOriginal)
        let ratio = median ? r.ratio : bestRatio
        let holds = ratio >= perGopFactor
        let evidence = [
            "best of 2016: \(bestOriginal.name), \(Format.number(Metrics.accuracyPerGop(bestOriginal))) %/G-Op",
            "best added later: \(bestLater.name), \(Format.number(Metrics.accuracyPerGop(bestLater))) %/G-Op",
            "median of the \(data.original.count) networks of 2016: \(Format.number(r.original)) %/G-Op",
            "median of the \(data.later.count) added later: \(Format.number(r.later)) %/G-Op",
            "\(median ? "median" : "best") ratio \(Format.number(ratio))× \(holds ? "≥" : "<") \(Format.number(perGopFactor))×",
        ]
        let statement = "the \(median ? "median" : "best") top-1 per G-Op of the networks added later is "
            + "\(Format.number(ratio))× that of the 2016 networks"
        return Claim(holds: holds, evidence: evidence, statement: statement,
                     mentions: median ? [] : [bestLater.name])
    }

    static func frontierRenewed(_ data: Dataset) -> Claim {
        let frontier = Metrics.paretoFrontier(data.every)
        let holds = !frontier.contains { $0.era == .original }
        return Claim(holds: holds,
                     evidence: ["Pareto frontier of every network, cheapest first: "
                         + frontier.map { "\(point($0, .operations)) [\($0.era.rawValue)]" }.joined(separator: ", ")],
                     statement: "the frontier of every network is " + Format.list(frontier.map(\.name)))
    }
}
