// Claims the build checks against the current data. Each is a computation over the
// loaded networks, never a stored verdict: editing an accuracy or an architecture can
// turn a claim false, and the build then stops at the sentence that made it.

import NotebookInterface

enum ClaimBook {
    /// The networks the 2016 paper named as the density winners (its Figure 10).
    static let originalDensityLeaders = ["resnet-18", "bn-nin", "googlenet", "enet"]
    /// The families the 2016 paper called oversized.
    static let oversizedFamilies = ["VGG", "AlexNet"]
    /// Past the knee, a G-Op must buy at least this many times less accuracy than before it.
    static let saturationFactor = 4.0

    static let offers: [Offer] = [
        Offer(kind: .claim, name: "density-leaders",
              summary: "the networks named (by default ResNet-18, BN-NIN, GoogLeNet and ENet) are the densest (top-1 per parameter) among the 2016 ones, or among the 2016 and 2018 ones with :among: all, or among every network with :among: every",
              options: ["among": ["original", "all", "every"]], arguments: ["network-id..."]),
        Offer(kind: .claim, name: "least-efficient",
              summary: "the families named (by default VGG and AlexNet) are the least dense of the 2016 and 2018 networks (or, with :among: original, of the 2016 ones; with :among: every, of every network)",
              options: ["among": ["original", "all", "every"]], arguments: ["family..."]),
        Offer(kind: .claim, name: "accuracy-saturates",
              summary: "along the Pareto frontier of top-1 against G-Ops, a G-Op past the knee buys at least 4× less accuracy than before it (of the 2016 and 2018 networks, or of every network with :among: every)",
              options: ["among": ["all", "every"]]),
        Offer(kind: .claim, name: "density-leader-2018",
              summary: "the given network is the densest of the networks added in 2018",
              arguments: ["network-id"]),
        Offer(kind: .claim, name: "density-leader",
              summary: "the given network is the densest of all networks",
              arguments: ["network-id"]),
    ] + TenYearsClaims.offers

    static func evaluate(_ request: Request, _ data: Dataset) throws(NotebookError) -> Claim {
        switch request.name {
        case "density-leaders":
            let named = request.arguments.isEmpty ? originalDensityLeaders : request.arguments
            for id in named { _ = try network(id, data) }
            return try densityLeaders(data, among: request.options["among"] ?? "original", named: named)
        case "least-efficient":
            let families = request.arguments.isEmpty ? oversizedFamilies : request.arguments
            let known = Array(Set(data.every.map(\.family))).sorted()
            for f in families where !known.contains(f) {
                var message = "unknown family '\(f)'"
                if let near = nearest(f, in: known) { message += "; did you mean '\(near)'?" }
                throw .problem(message + " (families: \(known.joined(separator: ", ")))")
            }
            return leastEfficient(data, among: request.options["among"] ?? "all", families: families)
        case "accuracy-saturates":
            return accuracySaturates(data, among: request.options["among"] ?? "all")
        case "density-leader-2018":
            return try densityLeader(data, id: oneNetwork(request, data), among: data.added, what: "the 2018 networks")
        case "density-leader":
            return try densityLeader(data, id: oneNetwork(request, data), among: data.networks, what: "all networks")
        default:
            if TenYearsClaims.offers.contains(where: { $0.name == request.name }) {
                return try TenYearsClaims.evaluate(request, data)
            }
            throw .unknownName(.claim, request.name)
        }
    }

    /// The networks a claim's `:among:` option names.
    static func group(_ data: Dataset, _ among: String) -> [NetworkSummary] {
        switch among {
        case "original": data.original
        case "every": data.every
        default: data.networks
        }
    }

    static func density(_ n: NetworkSummary) -> String {
        "\(n.name): \(Format.number(n.density))\(Format.space)%/M (\(Format.number(n.top1))\(Format.space)% / \(Format.number(n.paramsMillions))\(Format.space)M)"
    }

    static func densityLeaders(_ data: Dataset, among: String, named: [String] = originalDensityLeaders) throws(NotebookError) -> Claim {
        let group = group(data, among)
        for id in named where data.network(id) == nil {
            throw .problem("the claim names '\(id)', which is not in \(NetworksFile.path)")
        }
        let ranked = Metrics.ranked(group, by: \.density)
        let top = ranked.prefix(named.count)
        let holds = Set(top.map(\.id)) == Set(named)
        var evidence = top.enumerated().map { "\($0.offset + 1). \(density($0.element))" }
        if ranked.count > named.count {
            let next = ranked[named.count]
            evidence.append("next, \(named.count + 1). \(density(next))")
        }
        for id in named where !top.contains(where: { $0.id == id }) {
            if let place = ranked.firstIndex(where: { $0.id == id }) {
                evidence.append("\(ranked[place].name) ranks \(place + 1) of \(ranked.count), outside the first \(named.count)")
            }
        }
        let what = among == "all" ? "of all networks" : among == "every" ? "of every network" : "of the 2016 networks"
        let statement = "the \(count(named.count)) densest \(what) are \(Format.list(top.map(\.name)))"
            + (holds ? "" : ", not \(Format.list(named.compactMap { data.network($0)?.name }))")
        return Claim(holds: holds, evidence: evidence, statement: statement,
                     mentions: named.compactMap { data.network($0)?.name })
    }

    /// "four", for sentences; digits past twelve.
    static func count(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        return n < words.count ? words[n] : String(n)
    }

    static func leastEfficient(_ data: Dataset, among: String, families oversizedFamilies: [String] = oversizedFamilies) -> Claim {
        let group = group(data, among)
        let oversized = group.filter { oversizedFamilies.contains($0.family) }
        let others = group.filter { !oversizedFamilies.contains($0.family) }
        guard let densestOversized = oversized.max(by: { $0.density < $1.density }),
              let sparsestOther = others.min(by: { $0.density < $1.density }) else {
            return Claim(holds: false, evidence: ["no \(Format.list(oversizedFamilies)) network, or no other network, to compare"])
        }
        let holds = densestOversized.density < sparsestOther.density
        let statement = "the \(Format.list(oversizedFamilies)) networks are the least dense \(among == "original" ? "of the 2016 networks" : among == "every" ? "of every network" : "of all networks"): "
            + "the densest of them, \(densestOversized.name) (\(Format.number(densestOversized.density))\(Format.space)%/M), "
            + (holds ? "is below" : "is not below") + " the least dense of the others, \(sparsestOther.name) (\(Format.number(sparsestOther.density))\(Format.space)%/M)"
        let evidence = [
            "densest of \(Format.list(oversizedFamilies)): \(density(densestOversized))",
            "\(holds ? "<" : "≥") least dense of the other \(others.count): \(density(sparsestOther))",
        ] + Metrics.ranked(oversized, by: \.density).map { "  \(density($0))" }
        return Claim(holds: holds, evidence: evidence, statement: statement, mentions: oversizedFamilies)
    }

    static func accuracySaturates(_ data: Dataset, among: String = "all") -> Claim {
        let group = group(data, among)
        guard let s = Saturation(group) else {
            let frontier = Metrics.paretoFrontier(group)
            return Claim(holds: false, evidence: ["the Pareto frontier (\(Format.list(frontier.map(\.name)))) has no knee"])
        }
        let holds = s.gainBefore >= saturationFactor * s.gainAfter
        var evidence = ["Pareto frontier, cheapest first: " + s.frontier.map {
            "\($0.name) (\(Format.number($0.gops))\(Format.space)G-Ops, \(Format.number($0.top1))\(Format.space)%)"
        }.joined(separator: ", ")]
        let first = s.frontier[0], last = s.frontier[s.frontier.count - 1]
        evidence.append("knee: \(s.knee.name) at \(Format.number(s.knee.gops))\(Format.space)G-Ops")
        evidence.append("\(first.name) → \(s.knee.name): \(Format.number(s.gainBefore)) points per G-Op")
        evidence.append("\(s.knee.name) → \(last.name): \(Format.number(s.gainAfter)) points per G-Op")
        // The ratio of the gains as printed above, so that the reader's division agrees (see `Format.shown`).
        let ratio = shownRatio(s.gainBefore, s.gainAfter)
        evidence.append("ratio \(Format.number(ratio))× \(holds ? "≥" : "<") \(Format.number(saturationFactor))×")
        let statement = "past the knee of the Pareto frontier (\(s.knee.name), \(Format.number(s.knee.gops))\(Format.space)G-Ops) a G-Op buys "
            + "\(Format.number(ratio))× less top-1 than before it (\(holds ? "at least" : "less than") \(Format.number(saturationFactor))×)"
        return Claim(holds: holds, evidence: evidence, statement: statement)
    }

    static func densityLeader(_ data: Dataset, id: String, among group: [NetworkSummary], what: String) throws(NotebookError) -> Claim {
        guard group.contains(where: { $0.id == id }) else {
            throw .problem("'\(id)' is not one of \(what): \(group.map(\.id).joined(separator: ", "))")
        }
        let ranked = Metrics.ranked(group, by: \.density)
        let holds = ranked[0].id == id
        var evidence = ranked.enumerated().map { "\($0.offset + 1). \(density($0.element))" }
        if !holds, let place = ranked.firstIndex(where: { $0.id == id }) {
            evidence.append("\(ranked[place].name) ranks \(place + 1) of \(ranked.count)")
        }
        let statement = "the densest of \(what) is \(ranked[0].name) (\(Format.number(ranked[0].density))\(Format.space)%/M)"
        return Claim(holds: holds, evidence: evidence, statement: statement, mentions: group.filter { $0.id == id }.map(\.name))
    }

    private static func oneNetwork(_ request: Request, _ data: Dataset) throws(NotebookError) -> String {
        guard request.arguments.count == 1 else {
            throw .problem("claim '\(request.name)' takes one network id, got \(request.arguments.count) arguments")
        }
        return try network(request.arguments[0], data)
    }

    private static func network(_ id: String, _ data: Dataset) throws(NotebookError) -> String {
        guard data.network(id) != nil else {
            var message = "unknown network '\(id)'"
            if let near = nearest(id, in: data.networks.map(\.id)) { message += "; did you mean '\(near)'?" }
            throw .problem(message)
        }
        return id
    }
}
