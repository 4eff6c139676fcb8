// The `measured.*` values: the machine, the date and what the measurements say, for
// the prose and the captions of the Measured page. All from the most recently measured
// machine (data/measurements/machines.csv).

import NotebookInterface

enum MeasuredValues {
    static func unit(_ x: Double, _ unit: String) -> Value {
        Value(raw: Format.raw(x), text: Format.number(x) + Format.space + unit)
    }

    static func entries(_ set: MeasuredSet) -> [ValueEntry] {
        var list = ValueList()
        let m = set.machine
        list.add("measured.machine", "name of the machine measured (its file in data/measurements/)", .text(m.name))
        list.add("measured.cpu", "CPU model of the machine measured", .text(m.cpu))
        list.add("measured.cores", "logical cores of the machine measured", .count(m.cores))
        list.add("measured.memory", "memory of the machine measured", unit(m.memoryGiB, "GiB"))
        list.add("measured.os", "operating system of the machine measured", .text(m.os))
        list.add("measured.onnxruntime", "ONNX Runtime version used", .text(m.onnxruntime))
        list.add("measured.threads", "intra-op threads ONNX Runtime used", .count(m.threads))
        list.add("measured.date", "day the last network was measured", .text(m.date))
        list.add("measured.power", "whether package power was measured (RAPL), and why not", .text(m.power))
        list.add("measured.repeats", "warm-up and repetitions per batch size, and the rows timed otherwise", .text(repeats(set)))
        list.add("measured.machine-caption", "the machine and date, for captions", .text(set.caption))
        list.add("measured.clock", "which time the figures and claims use: CPU time when recorded, else wall-clock", .text(set.clockName))
        list.add("measured.networks", "number of networks measured", .count(set.networks.count))
        let batches = Set(set.networks.flatMap { $0.rows.map(\.batch) }).sorted()
        list.add("measured.batches", "batch sizes measured", Value(raw: batches.map(String.init).joined(separator: ","),
                                                                  text: Format.list(batches.map(String.init))))
        list.add("measured.coverage", "which batch sizes were measured for how many networks, and what was skipped", .text(coverage(set)))
        list.add("measured.arena", "whether ONNX Runtime reported its arena's figures, and why not", .text(m.fields["arena"] ?? "not recorded"))
        let loads = set.networks.flatMap { $0.rows.compactMap(\.load1) }.sorted()
        if !loads.isEmpty {
            list.add("measured.load-median", "median one-minute load average while measuring", .text(Format.number(loads[loads.count / 2])))
            list.add("measured.load-max", "highest one-minute load average while measuring", .text(Format.number(loads.last!)))
        }
        if let fit = MeasuredClaims.timeFit(set, batch: 1) {
            list.add("measured.fit.ms-per-gop", "slope of time per image against G-Ops at batch 1", unit(fit.slope, "ms per G-Op"))
            list.add("measured.fit.intercept", "intercept of time per image against G-Ops at batch 1", unit(fit.intercept, "ms"))
            list.add("measured.fit.r2", "R² of time per image against G-Ops at batch 1", Value(raw: Format.raw(fit.r2), text: Format.fixed(fit.r2, 3)))
            list.add("measured.fit.gops-per-s", "operations per second the fit implies (1 / slope)", unit(1000 / fit.slope, "G-Ops/s"))
        }
        let one = set.at(1)
        if let fastest = one.min(by: { set.msPerImage($0.row) < set.msPerImage($1.row) }),
           let slowest = one.max(by: { set.msPerImage($0.row) < set.msPerImage($1.row) }) {
            list.add("measured.fastest", "network with the least time per image at batch 1", .text(fastest.network.summary.name))
            list.add("measured.fastest.ms", "its time per image", unit(set.msPerImage(fastest.row), "ms"))
            list.add("measured.slowest", "network with the most time per image at batch 1", .text(slowest.network.summary.name))
            list.add("measured.slowest.ms", "its time per image", unit(set.msPerImage(slowest.row), "ms"))
            // From the two times as shown, so that the reader's own division agrees.
            list.add("measured.slowest-over-fastest", "how many times slower", .times(shownRatio(set.msPerImage(slowest.row), set.msPerImage(fastest.row))))
        }
        let rates = one.map { (n: $0.network, r: MeasuredClaims.rate(set, $0.network, $0.row)) }
        if let top = rates.max(by: { $0.r < $1.r }), let bottom = rates.min(by: { $0.r < $1.r }) {
            list.add("measured.rate.highest", "network with the most G-Ops per second at batch 1", .text(top.n.summary.name))
            list.add("measured.rate.highest.value", "its rate", unit(top.r, "G-Ops/s"))
            list.add("measured.rate.lowest", "network with the fewest G-Ops per second at batch 1", .text(bottom.n.summary.name))
            list.add("measured.rate.lowest.value", "its rate", unit(bottom.r, "G-Ops/s"))
        }
        list.add("measured.depthwise", "networks with depthwise convolutions", .networks(set.networks.filter(\.depthwise).map(\.summary)))
        let depthwise = one.filter(\.network.depthwise), others = one.filter { !$0.network.depthwise }
        if !depthwise.isEmpty, !others.isEmpty {
            let median = MeasuredClaims.median(others.map { MeasuredClaims.rate(set, $0.network, $0.row) })
            let below = depthwise.filter { MeasuredClaims.rate(set, $0.network, $0.row) < median }
            list.add("measured.depthwise.count", "networks with depthwise convolutions measured at batch 1", .count(depthwise.count))
            list.add("measured.depthwise.below", "how many of them run fewer G-Ops/s than the median of the others", .count(below.count))
            list.add("measured.depthwise.not-below", "those that do not", .networks(depthwise.filter { e in !below.contains { $0.network.id == e.network.id } }.map(\.network.summary)))
        }
        for group in MeasuredClaims.rateByStructure(set, batch: 1) {
            let key = "measured.rate." + group.structure.key
            list.add(key, "median G-Ops/s at batch 1 of the networks built on \(group.structure.rawValue)", unit(group.median, "G-Ops/s"))
            list.add(key + ".networks", "the networks built on \(group.structure.rawValue)", .networks(group.members.map(\.0.summary)))
        }
        if let (batch, factor) = batchingFactor(set) {
            list.add("measured.batching.batch", "the largest batch size every network was measured at", .count(batch))
            list.add("measured.batching.factor", "median over networks of time per image at that batch size ÷ at batch 1", .times(factor))
        }
        let fits = MeasuredClaims.memoryFits(set)
        if !fits.isEmpty {
            let offsets = fits.map(\.fit.intercept).sorted(), slopes = fits.map(\.fit.slope).sorted()
            list.add("measured.memory.offset-median", "median over networks of the memory fit's offset", unit(offsets[offsets.count / 2], "MiB"))
            list.add("measured.memory.per-image-median", "median over networks of the memory fit's MiB per image", unit(slopes[slopes.count / 2], "MiB"))
            list.add("measured.memory.r2-min", "lowest R² of the per-network memory fits", Value(raw: Format.raw(fits.map(\.fit.r2).min()!), text: Format.fixed(fits.map(\.fit.r2).min()!, 3)))
        }
        let memory = one.compactMap { e in e.row.peakMiB.map { (e.network.summary.paramsMillions, $0) } }
        if let fit = LinearFit(memory) {
            list.add("measured.memory-params.offset", "offset of batch-1 memory against parameters", unit(fit.intercept, "MiB"))
            list.add("measured.memory-params.slope", "MiB per million parameters at batch 1", unit(fit.slope, "MiB per M"))
            // One copy of the 32-bit weights takes 4 bytes per parameter: 3.81 MiB per million.
            list.add("measured.memory-params.copies", "how many copies of the 32-bit weights the slope amounts to", .times(fit.slope / (4e6 / 1_048_576)))
            list.add("measured.memory-params.r2", "R² of batch-1 memory against parameters", Value(raw: Format.raw(fit.r2), text: Format.fixed(fit.r2, 3)))
        }
        let frontier = MeasuredClaims.throughputFrontier(set, batch: 1)
        list.add("measured.frontier", "accuracy/throughput frontier at batch 1, fastest first", .networks(frontier.map(\.network.summary)))
        return list.entries
    }

    /// "batch sizes 1, 2, 4, 8 and 16 for all 36 networks; 32 for 20 of them; skipped as
    /// too large for the memory: EfficientNet-B7 at 32"
    static func coverage(_ set: MeasuredSet) -> String {
        let count = set.networks.count
        let batches = Set(set.networks.flatMap { $0.rows.map(\.batch) }).sorted()
        let everyone = batches.filter { b in set.networks.allSatisfy { $0.at(b) != nil } }
        var parts = ["batch sizes \(Format.list(everyone.map(String.init))) for all \(count) networks"]
        for b in batches where !everyone.contains(b) {
            parts.append("\(b) for \(set.networks.filter { $0.at(b) != nil }.count) of them")
        }
        let skipped = set.notMeasured.filter { $0.row.status == .skipped }, failed = set.notMeasured.filter { $0.row.status == .failed }
        if !skipped.isEmpty {
            parts.append("skipped as too large for the memory: " + Format.list(skipped.map { "\($0.network.summary.name) at \($0.row.batch)" }))
        }
        if !failed.isEmpty {
            parts.append("failed: " + Format.list(failed.map { "\($0.network.summary.name) at \($0.row.batch)" }))
        }
        return parts.joined(separator: "; ")
    }

    /// How each batch size's runs were repeated: as the file's description says, and,
    /// for rows a later run timed with other settings (their note says `repeats: …`,
    /// see measure/harness.py), as they say.
    static func repeats(_ set: MeasuredSet) -> String {
        var otherwise: [String: [String]] = [:]
        for network in set.networks {
            for row in network.rows {
                guard let own = row.note.components(separatedBy: "; ").first(where: { $0.hasPrefix("repeats: ") }) else { continue }
                otherwise[String(own.dropFirst("repeats: ".count)), default: []].append("\(network.summary.name) at \(row.batch)")
            }
        }
        let file = set.machine.fields["repeats"] ?? "not recorded"
        return ([file] + otherwise.sorted { $0.key < $1.key }.map { "for \(Format.list($0.value)): \($0.key)" }).joined(separator: "; ")
    }

    /// The largest batch size every network was measured at (above 1), and the median
    /// over networks of time per image there ÷ at batch 1.
    static func batchingFactor(_ set: MeasuredSet) -> (Int, Double)? {
        let batches = Set(set.networks.flatMap { $0.rows.map(\.batch) }).sorted()
        guard let batch = batches.last(where: { b in b > 1 && set.networks.allSatisfy { $0.at(b) != nil } }) else { return nil }
        let ratios = set.networks.compactMap { n -> Double? in
            guard let one = n.at(1), let big = n.at(batch) else { return nil }
            return set.msPerImage(big) / set.msPerImage(one)
        }
        return ratios.isEmpty ? nil : (batch, MeasuredClaims.median(ratios))
    }
}

extension MeasuredNetwork.Structure {
    /// Its part of a value's name: `measured.rate.depthwise`.
    var key: String {
        switch self {
        case .attention: "attention"
        case .depthwise: "depthwise"
        case .grouped: "grouped"
        case .dense: "dense"
        }
    }
}
