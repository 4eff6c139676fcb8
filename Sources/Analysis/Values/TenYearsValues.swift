// The values of the "Ten years later" page (`ten.*`, `count.later`, `count.every`):
// what moved between the 2016 figures and the networks of 2018–2022.

import NotebookInterface

extension ValueBook {
    static func tenYears(_ data: Dataset) -> [ValueEntry] {
        var list = ValueList()
        let every = data.every, original = data.original, later = data.later
        list.add("count.later", "number of networks added ten years later (2018–2022)", .count(later.count))
        list.add("count.every", "number of networks of every era", .count(every.count))
        list.add("count.families.every", "number of network families of every era", .count(Set(every.map(\.family)).count))
        guard !later.isEmpty, !original.isEmpty else { return list.entries }

        for cost in TenYears.Cost.allCases {
            let dominated = original.filter { TenYears.laterDominator(of: $0, in: every, cost: cost) != nil }
            list.add("ten.dominated.\(cost.rawValue)", "number of 2016 networks a later network beats on accuracy and \(cost.rawValue)",
                     .count(dominated.count))
        }
        if let alexNet = data.network("alexnet"),
           let d = TenYears.laterDominator(of: alexNet, in: every, cost: .operations) {
            list.add("ten.alexnet.dominator", "the cheapest later network that beats AlexNet on accuracy and operations", .text(d.name))
        }

        let frontier = Metrics.paretoFrontier(every)
        list.add("ten.pareto.members", "the Pareto frontier of every network, cheapest first", .networks(frontier))
        list.add("ten.pareto.count", "number of networks on the Pareto frontier of every network", .count(frontier.count))
        list.add("ten.pareto.later", "number of networks added ten years later on the frontier of every network",
                 .count(frontier.filter { $0.era == .later }.count))
        list.add("ten.pareto.update", "networks of the 2018 update still on the frontier of every network",
                 .networks(frontier.filter { $0.era == .update }))
        // The share of ViT-B/16's MACs in attention's two matrix products QKᵀ and A·V:
        // what a count of the linear layers alone would miss.
        if let vit = data.counts["vit-b-16"] {
            let products = vit.layers.filter { $0.kind.hasPrefix("attention") }.reduce(0) { total, layer in
                let tokens = layer.outputShape[0], width = layer.outputShape[1]
                return total + layer.macs - 4 * tokens * width * width
            }
            list.add("ten.vit-b-16.products-share", "share of ViT-B/16's MACs in attention's two matrix products, in %",
                     .percent(100 * Double(products) / Double(vit.macs)))
        }
        for year in ParetoByYear.years {
            let f = ParetoByYear.frontier(every, by: year) { $0.gops }
            list.add("ten.pareto.\(year)", "the Pareto frontier of the networks first published by \(year)", .networks(f))
        }

        let ranked = Metrics.ranked(every, by: \.density)
        list.add("ten.density.leader", "the densest network of every era", .text(ranked[0].name))
        list.add("ten.density.leaders", "the density leaders of every network, cut at the largest drop", .networks(densityLeaders(every)))
        list.add("ten.density.lowest", "the least dense network of every era", .text(ranked[ranked.count - 1].name))
        list.add("ten.density.lowest.value", "information density of the least dense network of every era", .density(ranked[ranked.count - 1].density))
        let laterRanked = Metrics.ranked(later, by: \.density)
        list.add("ten.density.leader.later", "the densest network added ten years later", .text(laterRanked[0].name))

        let r = TenYears.accuracyPerGopRatio(data)
        list.add("ten.per-gop.original", "median top-1 per G-Op of the 2016 networks", .perGop(r.original))
        list.add("ten.per-gop.later", "median top-1 per G-Op of the networks added ten years later", .perGop(r.later))
        list.add("ten.per-gop.ratio", "how many times the later networks' median top-1 per G-Op exceeds the 2016 networks'", .times(r.ratio))

        let bestOriginal = Metrics.ranked(original, by: \.top1)[0]
        let bestLater = Metrics.ranked(later, by: \.top1)[0]
        list.add("ten.best.original", "the most accurate 2016 network", .text(bestOriginal.name))
        list.add("ten.best.original.top1", "top-1 of the most accurate 2016 network", .percent(bestOriginal.top1))
        list.add("ten.best.later", "the most accurate network added ten years later", .text(bestLater.name))
        list.add("ten.best.later.top1", "top-1 of the most accurate network added ten years later", .percent(bestLater.top1))
        list.add("ten.best.gain", "top-1 points the best later network adds to the best 2016 one",
                 Value(raw: Format.raw(bestLater.top1 - bestOriginal.top1),
                       text: Format.number(bestLater.top1 - bestOriginal.top1) + Format.space + "points"))
        if let match = TenYears.cheapestMatch(for: bestOriginal, in: every) {
            list.add("ten.match.network", "the cheapest network (in operations) at least as accurate as the best 2016 network", .text(match.name))
            list.add("ten.match.gops", "its operations", .gops(match.ops))
            list.add("ten.match.factor", "how many times fewer operations it needs than the best 2016 network",
                     .times(Double(bestOriginal.ops) / Double(match.ops)))
        }
        return list.entries
    }
}
