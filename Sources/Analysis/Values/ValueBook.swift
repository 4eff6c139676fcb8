// The values the prose can quote, grouped by the data files they are computed from, so
// that a value's cache key depends on exactly those files: `arch.*` reads none,
// `network.*`, `count.*`, `density.*`, `pareto.*` read the dataset, `repro.*` also the
// original figures, `published.*` also the published counts.

import NotebookInterface

struct ValueEntry: Sendable {
    var key: String
    var summary: String
    var value: Value
}

enum ValueGroup: String, Sendable, CaseIterable {
    case architecture, dataset, reproduction, published

    /// The group a key belongs to, from its first component.
    init?(key: String) {
        switch key.prefix(while: { $0 != "." }) {
        case "arch": self = .architecture
        case "network", "count", "density", "pareto", "ten": self = .dataset
        case "repro": self = .reproduction
        case "published": self = .published
        default: return nil
        }
    }
}

/// Collects entries; keeps the insertion order for `report values`.
struct ValueList {
    var entries: [ValueEntry] = []
    mutating func add(_ key: String, _ summary: String, _ value: Value) {
        entries.append(ValueEntry(key: key, summary: summary, value: value))
    }
}

enum ValueBook {
    /// Values of the architectures defined for comparison only (e.g. `enet-encoder`).
    static func architecture(_ counts: [String: NetworkCounts], ids: [String]) -> [ValueEntry] {
        var list = ValueList()
        for id in ids {
            guard let c = counts[id] else { continue }
            let p = "arch.\(id)."
            list.add(p + "params", "\(id): learnable parameters (architecture only, no dataset row)", .params(c.params))
            list.add(p + "macs", "\(id): multiply-accumulates", .macs(c.macs))
            list.add(p + "gops", "\(id): operations in the 2016 paper's units, groups counted right", .gops(c.ops))
            list.add(p + "gops-profiler", "\(id): operations as the 2016 profiler counted them", .gops(c.opsProfiler))
            list.add(p + "ops", "\(id): operations, whole count", .whole(c.ops))
            list.add(p + "activations", "\(id): activation elements, summed over layers", .elements(c.activations))
            list.add(p + "weight-bytes", "\(id): weight bytes at fp32", .bytes(c.weightBytes))
            list.add(p + "layers", "\(id): number of counted layers", .count(c.layers.count))
        }
        return list.entries
    }

    static func dataset(_ data: Dataset) -> [ValueEntry] {
        var list = ValueList()
        let all = data.networks
        // The reproduction's networks are ranked among themselves, as the 2016 and 2018
        // figures ranked them; the networks added ten years later among every network.
        let densityRank = Metrics.ranks(all, by: \.density)
        let accuracyRank = Metrics.ranks(all, by: \.top1)
        // Each network's predecessor in its family, in the order of the data (ResNet-18 → ResNet-34).
        var previousMember: [String: NetworkSummary] = [:]
        var lastOfFamily: [String: NetworkSummary] = [:]
        for n in data.every {
            if let p = lastOfFamily[n.family] { previousMember[n.id] = p }
            lastOfFamily[n.family] = n
        }
        let densityRankEvery = Metrics.ranks(data.every, by: \.density)
        let accuracyRankEvery = Metrics.ranks(data.every, by: \.top1)
        for n in data.every {
            let p = "network.\(n.id)."
            let later = n.era == .later
            let among = later ? "every network, of every era" : "the 2016 and 2018 networks"
            let counts = data.counts[n.id]
            list.add(p + "name", "\(n.id): display name", .text(n.name))
            list.add(p + "family", "\(n.id): family", .text(n.family))
            list.add(p + "params", "\(n.id): learnable parameters", .params(n.params))
            list.add(p + "params-exact", "\(n.id): learnable parameters, every digit", .whole(n.params))
            if n.source == .derived {
                list.add(p + "macs", "\(n.id): multiply-accumulates (torchvision convention)", .macs(n.macs))
            }
            list.add(p + "gops", "\(n.id): operations in the 2016 paper's units, groups counted right", .gops(n.ops))
            list.add(p + "gops-profiler", "\(n.id): operations as the 2016 profiler counted them (blind to groups)", .gops(n.opsProfiler))
            list.add(p + "ops", "\(n.id): operations (paper units, groups right), whole count", .whole(n.ops))
            list.add(p + "ops-profiler", "\(n.id): operations as the profiler counted, whole count", .whole(n.opsProfiler))
            list.add(p + "profiler-over-groups", "\(n.id): how many times the profiler's count exceeds the groups-right count (of the G-Ops as shown)",
                     .times(shownRatio(n.gopsProfiler, n.gops)))
            if n.source == .derived {
                // Every digit: set beside a published "137 M", the reader's own division then
                // gives the difference printed with it.
                list.add(p + "macs-exact", "\(n.id): multiply-accumulates, every digit", .whole(n.macs))
            }
            if let previous = previousMember[n.id] {
                list.add(p + "previous", "\(n.id): the family member before it in the data", .text(previous.name))
                list.add(p + "top1-step", "\(n.id): top-1 points gained over \(previous.name) (of the accuracies as shown)",
                         .points(Format.shown(n.top1) - Format.shown(previous.top1)))
                list.add(p + "gops-step", "\(n.id): G-Ops added over \(previous.name) (of the G-Ops as shown)",
                         .gops(Format.shown(n.gops) - Format.shown(previous.gops)))
            }
            list.add(p + "top1", "\(n.id): top-1 single-crop ImageNet accuracy", .percent(n.top1))
            if let top5 = n.top5 {
                list.add(p + "top5", "\(n.id): top-5 single-crop ImageNet accuracy", .percent(top5))
            }
            if let record = data.record(n.id) {
                list.add(p + "top1-source", "\(n.id): source key of the top-1 accuracy", .text(record.top1Source))
                if let modern = record.modernTop1 {
                    list.add(p + "modern-top1", "\(n.id): a modern reference top-1 accuracy (\(record.modernSource))", .percent(modern))
                }
            }
            list.add(p + "density", "\(n.id): information density, top-1 % per million parameters", .density(n.density))
            list.add(p + "density-rank", "\(n.id): rank by information density among \(among)",
                     .count((later ? densityRankEvery : densityRank)[n.id] ?? 0))
            list.add(p + "top1-rank", "\(n.id): rank by top-1 accuracy among \(among)",
                     .count((later ? accuracyRankEvery : accuracyRank)[n.id] ?? 0))
            list.add(p + "era", "\(n.id): the figures that first showed it (original, 2018, later)", .text(n.era.rawValue))
            if let year = n.year {
                list.add(p + "year", "\(n.id): year of first publication", Value(raw: String(year), text: String(year)))
            }
            list.add(p + "top1-per-gop", "\(n.id): top-1 % per G-Op", .perGop(Metrics.accuracyPerGop(n)))
            if let c = counts {
                list.add(p + "activations", "\(n.id): activation elements, summed over layers", .elements(c.activations))
                list.add(p + "peak-activations", "\(n.id): peak live activation elements at batch size 1", .elements(c.peakActivations))
                list.add(p + "weight-bytes", "\(n.id): weight bytes at fp32", .bytes(c.weightBytes))
                if let side = c.inputShape.last {
                    list.add(p + "input", "\(n.id): input side in pixels", .count(side))
                }
            } else {
                list.add(p + "weight-bytes", "\(n.id): weight bytes at fp32 (from the reported parameters)", .bytes(n.params * 4))
            }
            list.add(p + "source", "\(n.id): whether size and cost are derived from the architecture or reported", .text(n.source.rawValue))
        }

        let original = data.original, added = data.added
        list.add("count.networks", "number of networks in the dataset", .count(all.count))
        list.add("count.original", "number of networks of the 2016 figures", .count(original.count))
        list.add("count.2018", "number of networks added in the 2018 update", .count(added.count))
        list.add("count.families", "number of network families", .count(Set(all.map(\.family)).count))
        list.add("count.derived", "networks whose counts are computed from the architecture", .count(all.filter { $0.source == .derived }.count))
        list.add("count.reported", "networks whose counts are reported values", .count(all.filter { $0.source == .reported }.count))

        for (suffix, group, what) in [("", all, "all networks"), (".original", original, "the 2016 networks"),
                                      (".2018", added, "the 2018 networks")] where !group.isEmpty {
            let byDensity = Metrics.ranked(group, by: \.density)
            list.add("density.leaders" + suffix, "the density-ranking leaders among \(what), cut at the largest drop", .networks(densityLeaders(group)))
            list.add("density.leader" + suffix, "the densest network among \(what)", .text(byDensity[0].name))
            list.add("density.lowest" + suffix, "the least dense network among \(what)", .text(byDensity[byDensity.count - 1].name))
            list.add("density.ranking" + suffix, "\(what), densest first", .networks(byDensity))
        }

        let frontier = Metrics.paretoFrontier(all)
        list.add("pareto.members", "networks on the Pareto frontier of top-1 against G-Ops, cheapest first", .networks(frontier))
        list.add("count.pareto", "number of networks on the Pareto frontier", .count(frontier.count))
        let frontierOriginal = frontier.filter(\.inOriginal)
        list.add("pareto.members.original", "the 2016 networks still on the Pareto frontier of all networks", .networks(frontierOriginal))
        list.add("count.pareto.original", "number of 2016 networks still on the Pareto frontier of all networks", .count(frontierOriginal.count))
        list.add("count.pareto.2018", "number of 2018 networks on the Pareto frontier of all networks", .count(frontier.count - frontierOriginal.count))
        if let s = Saturation(all) {
            list.add("pareto.knee", "the frontier member where extra operations start to buy little", .text(s.knee.name))
            list.add("pareto.knee.gops", "operations of the frontier's knee", .gops(s.knee.ops))
            list.add("pareto.gain-before", "top-1 points per extra G-Op along the frontier up to the knee", .pointsPerGop(s.gainBefore))
            list.add("pareto.gain-after", "top-1 points per extra G-Op along the frontier past the knee", .pointsPerGop(s.gainAfter))
            list.add("pareto.gain-ratio", "how many times less a G-Op buys past the knee (of the gains as shown)",
                     .times(shownRatio(s.gainBefore, s.gainAfter)))
        }
        return list.entries + tenYears(data)
    }

    static func reproduction(_ data: Dataset, _ figures: [OriginalFigure], comparison: [String: NetworkCounts]) -> [ValueEntry] {
        var list = ValueList()
        // Only networks whose counts are recomputed are counted as recovered: ENet's
        // reported values are the original's own and agree by construction.
        var paramsClose = 0, profilerClose = 0, recomputed = 0
        for f in figures {
            guard let n = data.network(f.id) else { continue }
            let p = "repro.\(f.id)."
            let paramsDiff = percentDifference(n.paramsMillions, from: f.paramsMillions)
            let gopsDiff = percentDifference(n.gops, from: f.gops)
            let profilerDiff = percentDifference(n.gopsProfiler, from: f.gops)
            if n.source == .derived {
                recomputed += 1
                if abs(paramsDiff) < 1 { paramsClose += 1 }
                if abs(profilerDiff) < 1 { profilerClose += 1 }
            }
            list.add(p + "original-top1", "\(f.id): top-1 the 2016 figures plotted", .percent(f.top1))
            list.add(p + "original-params", "\(f.id): parameters the 2016 figures plotted", .params(Int((f.paramsMillions * 1e6).rounded())))
            list.add(p + "original-gops", "\(f.id): G-Ops the 2016 figures plotted", .gops(f.gops))
            list.add(p + "params-diff", "\(f.id): computed parameters against the original, in %", .difference(paramsDiff))
            list.add(p + "gops-diff", "\(f.id): computed G-Ops (groups right) against the original, in %", .difference(gopsDiff))
            list.add(p + "gops-profiler-diff", "\(f.id): G-Ops counted as the profiler did against the original, in %", .difference(profilerDiff))
            list.add(p + "profiler-over-groups", "\(f.id): how many times the profiler's count exceeds the groups-right count",
                     .times(shownRatio(n.gopsProfiler, n.gops)))
            if let c = comparison["\(f.id)-encoder"] {
                let q = "repro.\(f.id).encoder-"
                list.add(q + "params-diff", "\(f.id): the public encoder's parameters against the original, in %",
                         .difference(percentDifference(Double(c.params) / 1e6, from: f.paramsMillions)))
                list.add(q + "gops-diff", "\(f.id): the public encoder's G-Ops against the original, in %",
                         .difference(percentDifference(Double(c.ops) / 1e9, from: f.gops)))
            }
        }
        list.add("repro.count", "networks compared with the 2016 figures", .count(figures.count))
        list.add("repro.count.derived", "networks compared with the 2016 figures whose counts are recomputed (not reported)", .count(recomputed))
        list.add("repro.params-within-1pct", "recomputed networks whose parameters are within 1 % of the original", .count(paramsClose))
        list.add("repro.gops-profiler-within-1pct", "recomputed networks whose profiler-style G-Ops are within 1 % of the original", .count(profilerClose))
        return list.entries
    }

    static func published(_ data: Dataset, _ rows: [PublishedCount]) -> [ValueEntry] {
        var list = ValueList()
        var firstParams: Set<String> = [], firstMultAdds: Set<String> = []
        for r in rows {
            guard let n = data.network(r.id) else { continue }
            // Per source, and unqualified for the first source listed (the paper itself).
            let prefixes = ["published.\(r.id).\(r.source.lowercased())."]
            if let pm = r.paramsMillions {
                var keys = prefixes
                if firstParams.insert(r.id).inserted { keys.append("published.\(r.id).") }
                for p in keys {
                    list.add(p + "params", "\(r.id): parameters published by \(r.source), to the precision published",
                             .quantity(raw: String(Int((pm * 1e6).rounded())), text: Format.raw(pm) + Format.space + "M", shown: pm, unit: "M"))
                    list.add(p + "params-diff", "\(r.id): computed parameters against \(r.source), in %",
                             .difference(percentDifference(n.paramsMillions, from: pm)))
                    if p.hasSuffix("\(r.id).") { list.add(p + "params-source", "\(r.id): source key of the published parameters", .text(r.source)) }
                }
            }
            if let mm = r.multAddsMillions {
                var keys = prefixes
                if firstMultAdds.insert(r.id).inserted { keys.append("published.\(r.id).") }
                for p in keys {
                    list.add(p + "mult-adds", "\(r.id): multiply-adds published by \(r.source)",
                             .quantity(raw: String(Int((mm * 1e6).rounded())), text: Format.raw(mm) + Format.space + "M", shown: mm, unit: "M"))
                    list.add(p + "mult-adds-diff", "\(r.id): computed MACs against \(r.source), in %",
                             .difference(percentDifference(Double(n.macs) / 1e6, from: mm)))
                    if p.hasSuffix("\(r.id).") { list.add(p + "mult-adds-source", "\(r.id): source key of the published multiply-adds", .text(r.source)) }
                }
            }
        }
        return list.entries
    }
}

/// `a / b` of the numbers as the page shows them (see `Format.shown`).
func shownRatio(_ a: Double, _ b: Double) -> Double { Format.shown(a) / Format.shown(b) }
