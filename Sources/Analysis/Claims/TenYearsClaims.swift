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
              summary: "the density leaders of every network (cut at the largest drop) all lie in the smallest quarter by parameters"),
        Offer(kind: .claim, name: "accuracy-per-gop-rose",
              summary: "the median top-1 per G-Op of the networks added ten years later is at least twice that of the 2016 networks"),
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
        case "accuracy-per-gop-rose": return accuracyPerGopRose(data)
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
        return Claim(holds: holds, evidence: evidence)
    }

    static func densityLedBySmallest(_ data: Dataset) -> Claim {
        let every = data.every
        let leaders = densityLeaders(every)
        let small = TenYears.smallestQuarter(every)
        let smallIDs = Set(small.map(\.id))
        let holds = leaders.allSatisfy { smallIDs.contains($0.id) }
        let bySize = every.sorted { $0.params < $1.params }.map(\.id)
        var evidence = leaders.map { n in
            "\(ClaimBook.density(n)), \(bySize.firstIndex(of: n.id)! + 1). smallest of \(every.count)"
        }
        evidence.append("smallest quarter (\(small.count)): " + small.map {
            "\($0.name) \(Format.number($0.paramsMillions))\(Format.space)M"
        }.joined(separator: ", "))
        return Claim(holds: holds, evidence: evidence)
    }

    static func accuracyPerGopRose(_ data: Dataset) -> Claim {
        let r = TenYears.accuracyPerGopRatio(data)
        let holds = r.ratio >= perGopFactor
        let best = { (group: [NetworkSummary]) in Metrics.ranked(group, by: Metrics.accuracyPerGop).first }
        var evidence = [
            "median of the \(data.original.count) networks of 2016: \(Format.number(r.original)) %/G-Op",
            "median of the \(data.later.count) networks added ten years later: \(Format.number(r.later)) %/G-Op",
            "ratio \(Format.number(r.ratio))× \(holds ? "≥" : "<") \(Format.number(perGopFactor))×",
        ]
        for (what, group) in [("2016", data.original), ("added later", data.later)] {
            if let b = best(group) {
                evidence.append("best \(what): \(b.name), \(Format.number(Metrics.accuracyPerGop(b))) %/G-Op")
            }
        }
        return Claim(holds: holds, evidence: evidence)
    }

    static func frontierRenewed(_ data: Dataset) -> Claim {
        let frontier = Metrics.paretoFrontier(data.every)
        let holds = !frontier.contains { $0.era == .original }
        return Claim(holds: holds, evidence: ["Pareto frontier of every network, cheapest first: "
            + frontier.map { "\(point($0, .operations)) [\($0.era.rawValue)]" }.joined(separator: ", ")])
    }
}
