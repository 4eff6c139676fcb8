// Claims of the 2016 paper checked against one machine's measurements. Each verdict is
// computed from the rows when the paper is built; editing a measurement can turn it.

import Foundation
import NotebookInterface

enum MeasuredClaims {
    static let offers: [Offer] = [
        Offer(kind: .claim, name: "measured-time-linear-in-operations",
              summary: "time per image is linear in operations: least-squares fit over the networks at a batch size (default 1) explains at least :min-r2: (default 0.9) of the variance",
              options: ["machine": [], "batch": [], "min-r2": []]),
        Offer(kind: .claim, name: "measured-depthwise-below-rate",
              summary: "every network with depthwise convolutions runs fewer operations per second than the median of the others (default batch 1)",
              options: ["machine": [], "batch": []]),
        Offer(kind: .claim, name: "measured-structure-rates",
              summary: "networks built on depthwise convolutions, grouped convolutions or attention each run fewer operations per second, at their median, than those on dense convolutions (default batch 1)",
              options: ["machine": [], "batch": []]),
        Offer(kind: .claim, name: "measured-memory-linear-in-batch",
              summary: "peak memory is a constant offset plus a term linear in batch size: each network's fit over its batch sizes has R² ≥ :min-r2: (default 0.95)",
              options: ["machine": [], "min-r2": []]),
        Offer(kind: .claim, name: "measured-accuracy-throughput-tradeoff",
              summary: "accuracy is bought with throughput: the frontier of top-1 against images per second has at least three networks (default batch 1)",
              options: ["machine": [], "batch": []]),
    ]

    static func evaluate(_ name: String, _ set: MeasuredSet, options: [String: String]) throws(NotebookError) -> Claim {
        let batch = try MeasuredFigures.batchSize(options)
        switch name {
        case "measured-time-linear-in-operations":
            return try timeLinear(set, batch: batch, minR2: threshold(options, 0.9))
        case "measured-depthwise-below-rate":
            return try depthwiseBelowRate(set, batch: batch)
        case "measured-structure-rates":
            return try structureRates(set, batch: batch)
        case "measured-memory-linear-in-batch":
            return try memoryLinear(set, minR2: threshold(options, 0.95))
        case "measured-accuracy-throughput-tradeoff":
            return try tradeoff(set, batch: batch)
        default:
            throw .unknownName(.claim, name)
        }
    }

    static func threshold(_ options: [String: String], _ fallback: Double) throws(NotebookError) -> Double {
        guard let text = options["min-r2"] else { return fallback }
        guard isPlainDecimal(text), let x = Double(text), (0...1).contains(x) else {
            throw .problem("option 'min-r2' is '\(text)'; expected a number from 0 to 1")
        }
        return x
    }

    /// Time per image (ms) against G-Ops over the networks measured at `batch`.
    static func timeFit(_ set: MeasuredSet, batch: Int) -> LinearFit? {
        LinearFit(set.at(batch).map { ($0.network.summary.gops, set.msPerImage($0.row)) })
    }

    /// G-Ops per second achieved.
    static func rate(_ set: MeasuredSet, _ n: MeasuredNetwork, _ row: MeasurementRow) -> Double {
        n.summary.gops / (set.msPerImage(row) / 1000)
    }

    static func timeLinear(_ set: MeasuredSet, batch: Int, minR2: Double) throws(NotebookError) -> Claim {
        let rows = set.at(batch)
        guard let fit = timeFit(set, batch: batch) else {
            throw .problem("fewer than two networks were measured at batch size \(batch) in \(set.file)")
        }
        var evidence = ["\(set.machine.name), batch size \(batch), \(fit.count) networks, \(set.clockName): time per image = \(Format.number(fit.intercept)) ms + \(Format.number(fit.slope)) ms per G-Op; R² = \(Format.fixed(fit.r2, 3)) (needs ≥ \(plain(minR2)))"]
        // Furthest from the line first, as measured ÷ predicted.
        let off = rows.map { ($0, set.msPerImage($0.row) / max(fit.predict($0.network.summary.gops), 1e-9)) }
            .sorted { abs(log($0.1)) > abs(log($1.1)) }
        for (entry, ratio) in off.prefix(5) {
            evidence.append("\(entry.network.summary.name) (\(entry.network.structure.rawValue)): \(Format.number(set.msPerImage(entry.row))) ms measured, \(Format.number(fit.predict(entry.network.summary.gops))) ms on the line (×\(Format.number(ratio)))")
        }
        return Claim(holds: fit.r2 >= minR2, evidence: evidence)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Per kind of building block, the networks measured at `batch` and their median
    /// G-Ops per second, in the order of `Structure.allCases`; kinds with no network left out.
    static func rateByStructure(_ set: MeasuredSet, batch: Int) -> [(structure: MeasuredNetwork.Structure, median: Double, members: [(MeasuredNetwork, Double)])] {
        let rows = set.at(batch)
        return MeasuredNetwork.Structure.allCases.compactMap { structure in
            let members = rows.filter { $0.network.structure == structure }.map { ($0.network, rate(set, $0.network, $0.row)) }
            return members.isEmpty ? nil : (structure, median(members.map(\.1)), members.sorted { $0.1 > $1.1 })
        }
    }

    static func structureRates(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Claim {
        let groups = rateByStructure(set, batch: batch)
        guard let dense = groups.first(where: { $0.structure == .dense }), groups.count >= 2 else {
            throw .problem("needs networks on dense convolutions and on another building block measured at batch size \(batch) in \(set.file)")
        }
        var evidence = ["median G-Ops/s at batch size \(batch), \(set.clockName); dense convolutions: \(Format.number(dense.median)) (\(dense.members.count) networks)"]
        var holds = true
        for group in groups where group.structure != .dense {
            let below = group.median < dense.median
            if !below { holds = false }
            evidence.append("\(group.structure.rawValue): \(Format.number(group.median)) (\(group.members.count) networks, \(below ? "below" : "NOT below"))")
        }
        for group in groups {
            evidence.append("\(group.structure.rawValue): " + group.members.map { "\($0.0.summary.name) \(Format.number($0.1))" }.joined(separator: ", "))
        }
        return Claim(holds: holds, evidence: evidence)
    }

    static func depthwiseBelowRate(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Claim {
        let rows = set.at(batch)
        let depthwise = rows.filter(\.network.depthwise), others = rows.filter { !$0.network.depthwise }
        guard !depthwise.isEmpty, !others.isEmpty else {
            throw .problem("needs networks with and without depthwise convolutions measured at batch size \(batch) in \(set.file)")
        }
        let median = median(others.map { rate(set, $0.network, $0.row) })
        var evidence = ["median of the \(others.count) other networks at batch size \(batch): \(Format.number(median)) G-Ops/s"]
        var holds = true
        for entry in depthwise {
            let r = rate(set, entry.network, entry.row)
            if r >= median { holds = false }
            evidence.append("\(entry.network.summary.name): \(Format.number(r)) G-Ops/s (\(r < median ? "below" : "NOT below"))")
        }
        return Claim(holds: holds, evidence: evidence)
    }

    /// Per network: peak memory = offset + slope·batch over its batch sizes.
    static func memoryFits(_ set: MeasuredSet) -> [(network: MeasuredNetwork, fit: LinearFit)] {
        set.networks.compactMap { n in
            let points = n.rows.compactMap { r in r.peakMiB.map { (Double(r.batch), $0) } }
            guard points.count >= 3, let fit = LinearFit(points) else { return nil }
            return (n, fit)
        }
    }

    static func memoryLinear(_ set: MeasuredSet, minR2: Double) throws(NotebookError) -> Claim {
        let fits = memoryFits(set)
        guard !fits.isEmpty else {
            throw .problem("no network of \(set.file) was measured at three or more batch sizes")
        }
        let failing = fits.filter { $0.fit.r2 < minR2 }
        var evidence = ["\(fits.count) networks with three or more batch sizes; \(failing.count) below R² = \(plain(minR2))"]
        for (n, fit) in fits.sorted(by: { $0.fit.r2 < $1.fit.r2 }) {
            evidence.append("\(n.summary.name): \(Format.number(fit.intercept)) MiB + \(Format.number(fit.slope)) MiB per image, R² = \(Format.fixed(fit.r2, 3))")
        }
        return Claim(holds: failing.isEmpty, evidence: evidence)
    }

    /// The networks no other beats on both top-1 and images per second, fastest first.
    static func throughputFrontier(_ set: MeasuredSet, batch: Int) -> [(network: MeasuredNetwork, row: MeasurementRow)] {
        let rows = set.at(batch)
        let frontier = paretoFrontier(rows.map(\.network.summary)) { s in
            set.msPerImage(rows.first { $0.network.id == s.id }!.row)
        }
        return frontier.map { s in rows.first { $0.network.id == s.id }! }
    }

    static func tradeoff(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Claim {
        let frontier = throughputFrontier(set, batch: batch)
        guard !frontier.isEmpty else { throw .problem("no network was measured at batch size \(batch) in \(set.file)") }
        var evidence = ["frontier at batch size \(batch), fastest first (\(frontier.count) networks, needs ≥ 3):"]
        evidence += frontier.map { "\($0.network.summary.name): \(Format.number(set.imagesPerSecond($0.row))) images/s, \(Format.number($0.network.summary.top1)) % top-1" }
        return Claim(holds: frontier.count >= 3, evidence: evidence)
    }
}
