import Foundation
import Testing
import Chart
import NotebookInterface
@testable import Analysis

/// The figures as the paper shows them: what is drawn, where, and the data kept with it.
@Suite struct FigureCatalogTests {
    let networks = FigureFixtures.networks

    func make(_ name: String, _ options: [String: String] = [:]) throws -> Figure {
        try FigureCatalog.make(name, options: options, networks: networks, later: FigureFixtures.later)
    }

    func column(_ table: DataTable, _ name: String) -> [String] {
        let i = table.columns.firstIndex(of: name)!
        return table.rows.map { $0[i] }
    }

    @Test(arguments: FigureRenderTests.variants.indices)
    func layoutInvariants(_ v: Int) throws {
        let (name, options) = FigureRenderTests.variants[v]
        let layout = try make(name, options).chart.layout()
        let texts = layout.texts
        for t in texts {
            #expect(layout.canvas.contains(t.box.boundingBox), "\(name) \(options): '\(t.text)' is clipped")
        }
        for a in texts.indices {
            for b in texts.indices where b > a {
                #expect(!texts[a].box.intersects(texts[b].box), "\(name) \(options): '\(texts[a].text)' overlaps '\(texts[b].text)'")
            }
        }
        for t in layout.texts(.label) {
            let box = t.box.boundingBox
            #expect(layout.plot.contains(box), "\(name) \(options): '\(t.text)' leaves the plot")
            for c in layout.circles {
                #expect(!box.intersects(circle: c.center, radius: 1.6), "\(name) \(options): '\(t.text)' covers \(c.key)'s centre")
            }
        }
        // The reference bubbles never sit on data.
        for c in layout.circles {
            for r in layout.references {
                #expect(c.center.distance(to: r.center) >= c.radius + r.radius, "\(name) \(options): legend covers \(c.key)")
            }
        }
    }

    @Test(arguments: FigureCatalog.offers.map(\.name))
    func tableHoldsExactlyTheDataDrawn(_ name: String) throws {
        let figure = try make(name)
        let layout = try figure.chart.layout()
        let ids = column(figure.data, "id")
        // The frontier by year draws every era; the others, by default, the reproduction's.
        let networks = name == "pareto-by-year" ? networks + FigureFixtures.later : networks
        #expect(Set(ids) == Set(networks.map(\.id)))
        let drawn = layout.bars.map(\.key) + layout.circles.map(\.key)
        #expect(drawn.count == ids.count)
        #expect(Set(drawn) == Set(ids))
        let colors = networkColors(networks)
        for (id, color) in zip(ids, column(figure.data, "color")) { #expect(colors[id] == color) }
        // The colour drawn is the colour listed.
        for bar in layout.bars { #expect(bar.color.hex == colors[bar.key]) }
        for c in layout.circles { #expect(c.color.hex == colors[c.key]) }
    }

    @Test func figure2IsTheOriginalBubbleChart() throws {
        let figure = try make("top1-vs-operations")
        let layout = try figure.chart.layout()
        #expect(figure.chart.x.title == "Operations [G-Ops]")
        #expect(figure.chart.y.title == "Top-1 accuracy [%]")
        #expect(layout.references.map(\.value) == [5e6, 35e6, 65e6, 95e6, 125e6, 155e6])
        #expect(layout.texts(.legend).map(\.text).prefix(6) == ["5M", "35M", "65M", "95M", "125M", "155M"])
        // Bottom-right corner.
        let last = try #require(layout.references.last)
        #expect(layout.plot.maxX - (last.center.x + last.radius) < 10)
        #expect(layout.plot.maxY - (last.center.y + last.radius) < 10)
        // Area proportional to parameters, for data and legend alike.
        let k = layout.references[0].radius * layout.references[0].radius / layout.references[0].value
        for n in networks {
            let c = try #require(layout.circles.first { $0.key == n.id })
            #expect(abs(c.radius * c.radius / Double(n.params) / k - 1) < 1e-9)
            #expect(c.centerDot)
            #expect(c.marked == (n.source == .reported))
        }
        // Each bubble carries its network's name.
        #expect(Set(layout.texts(.label).map(\.text)) == Set(networks.map(\.name)))
        #expect(column(figure.data, "gops") == networks.map { FigureStyle.number($0.gops) })
        #expect(column(figure.data, "params") == networks.map { String($0.params) })
    }

    @Test func figures1And2ShareTheirAccuracyRange() throws {
        for subset in ["all", "original", "2018"] {
            let bars = try make("top1-by-network", ["subset": subset]).chart.layout()
            let bubbles = try make("top1-vs-operations", ["subset": subset]).chart.layout()
            #expect(bars.yDomain == bubbles.yDomain)
            #expect(bars.yDomain.lowerBound.truncatingRemainder(dividingBy: 5) == 0)
        }
    }

    @Test func figure1BarsAscendByAccuracy() throws {
        let figure = try make("top1-by-network")
        let top1 = column(figure.data, "top1").map { Double($0)! }
        #expect(top1 == top1.sorted())
        let layout = try figure.chart.layout()
        #expect(layout.bars.map(\.key) == column(figure.data, "id"))
        #expect(layout.texts(.tickLabel).filter { $0.box.angle != 0 }.map(\.text) == column(figure.data, "name"))
    }

    @Test func figure10ArrowsMarkTheDensityLeaders() throws {
        for subset in ["all", "original", "2018"] {
            let figure = try make("density-by-network", ["subset": subset])
            let shown = FigureCatalog.subset(networks, subset)
            let leaders = Set(densityLeaders(shown).map(\.id))
            let layout = try figure.chart.layout()
            #expect(Set(layout.arrows.map(\.key)) == leaders)
            #expect(!leaders.isEmpty)
            let density = column(figure.data, "density").map { Double($0)! }
            #expect(density == density.sorted())
            let flagged = zip(column(figure.data, "id"), column(figure.data, "leader")).filter { $0.1 == "yes" }.map(\.0)
            #expect(Set(flagged) == leaders)
            #expect(figure.chart.y.title == "Top-1 accuracy density [%/M-Params]")
        }
    }

    @Test func conventionsChooseTheXValues() throws {
        let cases: [(String, String, (NetworkSummary) -> Double)] = [
            ("ops", "gops", { $0.gops }), ("macs", "gmacs", { $0.gmacs }), ("ops-profiler", "gops_profiler", { $0.gopsProfiler }),
        ]
        for (convention, col, value) in cases {
            for name in ["top1-vs-operations", "params-vs-operations", "pareto-frontier"] {
                let figure = try make(name, ["convention": convention])
                #expect(column(figure.data, col) == networks.map { FigureStyle.number(value($0)) })
                let layout = try figure.chart.layout()
                let x = layout.xDomain
                for n in networks { #expect(x.contains(value(n))) }
            }
        }
        #expect(try make("top1-vs-operations", ["convention": "macs"]).chart.x.title == "Multiply-accumulates [GMACs]")
    }

    @Test func logScaleOption() throws {
        #expect(try make("top1-vs-operations", ["scale": "log"]).chart.x.scale == .log)
        #expect(try make("top1-vs-operations").chart.x.scale == .linear)
        #expect(try make("pareto-frontier", ["scale": "linear"]).chart.x.scale == .linear)
    }

    @Test func subsets() throws {
        let original = try make("top1-vs-operations", ["subset": "original"])
        #expect(Set(column(original.data, "id")) == Set(networks.filter(\.inOriginal).map(\.id)))
        let added = try make("top1-by-network", ["subset": "2018"])
        #expect(Set(column(added.data, "id")) == Set(networks.filter { !$0.inOriginal }.map(\.id)))
        // A network keeps its colour whatever else is drawn.
        #expect(column(original.data, "color") == original.data.rows.map { networkColors(networks)[$0[0]]! })
    }

    @Test func paretoFrontierIsUndominatedAndDrawnAsSteps() throws {
        let frontier = paretoFrontier(networks)
        let ids = Set(frontier.map(\.id))
        for n in networks {
            let dominated = networks.contains {
                $0.id != n.id && $0.gops <= n.gops && $0.top1 >= n.top1 && ($0.gops < n.gops || $0.top1 > n.top1)
            }
            #expect(dominated == !ids.contains(n.id), "\(n.id)")
        }
        #expect(frontier.map(\.top1) == frontier.map(\.top1).sorted())
        let figure = try make("pareto-frontier")
        let flagged = zip(column(figure.data, "id"), column(figure.data, "frontier")).filter { $0.1 == "yes" }.map(\.0)
        #expect(Set(flagged) == ids)
        let layout = try figure.chart.layout()
        let line = try #require(layout.lines.first)
        // A step per frontier network, ending at the last one (not running on to the edge).
        #expect(line.points.count == 2 * frontier.count - 1)
        #expect(line.points.last?.x == layout.circles.first { $0.key == frontier.last?.id }?.center.x)
    }

    @Test func reportedNetworksAreExplained() throws {
        for name in FigureCatalog.offers.map(\.name) {
            let layout = try make(name).chart.layout()
            #expect(layout.texts(.legend).contains { $0.text.contains("ENet") && $0.text.contains("reported") }, "\(name)")
            #expect(layout.bars.filter(\.marked).map(\.key) + layout.circles.filter(\.marked).map(\.key) == ["enet"])
        }
        let original = FigureFixtures.networks.filter { $0.source == .derived }
        let layout = try FigureCatalog.make("top1-vs-operations", options: [:], networks: original).chart.layout()
        #expect(layout.legends.isEmpty)
    }

    @Test func badRequestsAreErrors() {
        #expect(throws: NotebookError.unknownName(.figure, "top1-vs-operation")) {
            try FigureCatalog.make("top1-vs-operation", options: [:], networks: networks)
        }
        // (Options are checked against the offers by the builder, the one place they are
        // validated: see Report's DiagnosticTests.)
        #expect(throws: NotebookError.self) { try FigureCatalog.make("top1-by-network", options: [:], networks: []) }
    }

    @Test func everyOfferHasASummaryAndOptions() {
        #expect(Set(FigureCatalog.offers.map(\.name)) ==
                ["top1-by-network", "top1-vs-operations", "density-by-network", "params-vs-operations",
                 "pareto-frontier", "pareto-by-year"])
        for offer in FigureCatalog.offers {
            #expect(offer.kind == .figure && !offer.summary.isEmpty)
            #expect(offer.options["colour"] == ["family", "era"])
            if offer.name != "pareto-by-year" {
                #expect(offer.options["subset"] == ["all", "original", "2018", "later", "ten-years"])
            }
        }
    }
}

/// The networks added ten years later: kept out of the reproduction's figures, drawn by
/// the `later` and `ten-years` subsets and by the frontier by year.
@Suite struct TenYearsFigureTests {
    let networks = FigureFixtures.networks
    let later = FigureFixtures.later

    func ids(_ name: String, _ options: [String: String] = [:]) throws -> Set<String> {
        let figure = try FigureCatalog.make(name, options: options, networks: networks, later: later)
        let i = figure.data.columns.firstIndex(of: "id")!
        return Set(figure.data.rows.map { $0[i] })
    }

    @Test(arguments: ["top1-by-network", "top1-vs-operations", "density-by-network",
                      "params-vs-operations", "pareto-frontier"])
    func reproductionFiguresIgnoreTheLaterNetworks(_ name: String) throws {
        let reproduction = Set(networks.map(\.id))
        #expect(try ids(name) == reproduction)
        #expect(try ids(name, ["subset": "all"]) == reproduction)
        // Exactly the figure it was before the later networks existed.
        let before = try FigureCatalog.make(name, options: [:], networks: networks)
        let after = try FigureCatalog.make(name, options: [:], networks: networks, later: later)
        #expect(before.data == after.data)
        #expect(try ids(name, ["subset": "ten-years"]) == reproduction.union(later.map(\.id)))
        #expect(try ids(name, ["subset": "later"]) == Set(later.map(\.id)))
    }

    @Test func eraColoursTellTheThreeErasApartWithAKey() throws {
        let figure = try FigureCatalog.make("top1-vs-operations", options: ["subset": "ten-years", "colour": "era"],
                                            networks: networks, later: later)
        let colors = figure.data.rows.map { $0[figure.data.columns.firstIndex(of: "color")!] }
        #expect(Set(colors) == Set(Palette.eras.values.map(\.hex)))
        let byID = Dictionary(uniqueKeysWithValues: figure.data.rows.map { ($0[0], $0[3]) })
        #expect(byID["vit-b-16"] == Palette.eras[.later]!.hex)
        #expect(byID["vgg-16"] == Palette.eras[.original]!.hex)
        #expect(byID["xception"] == Palette.eras[.update]!.hex)
        let legend = try figure.chart.layout().texts(.legend).map(\.text)
        #expect(legend.contains { $0.contains("ten years later") })
        #expect(legend.contains { $0.contains("2016") })
    }

    @Test func frontierByYearKeepsOnlyWhatWasPublishedByThen() throws {
        let figure = try FigureCatalog.make("pareto-by-year", options: [:], networks: networks, later: later)
        let table = figure.data
        func column(_ name: String) -> [String] {
            let i = table.columns.firstIndex(of: name)!
            return table.rows.map { $0[i] }
        }
        let every = networks + later
        let years = Dictionary(uniqueKeysWithValues: every.map { ($0.id, $0.year!) })
        for year in ParetoByYear.years {
            let members = zip(column("id"), column("frontier_\(year)")).filter { $0.1 == "yes" }.map(\.0)
            #expect(members.allSatisfy { years[$0]! <= year }, "\(year)")
            let expected = paretoFrontier(every.filter { $0.year! <= year }).map(\.id)
            #expect(Set(members) == Set(expected), "\(year)")
        }
        // A later network on today's frontier is on no earlier one.
        let on2022 = zip(column("id"), column("frontier_2022")).filter { $0.1 == "yes" }.map(\.0)
        #expect(on2022.contains { id in later.contains { $0.id == id } })
        #expect(try figure.chart.layout().lines.count == 3)
    }

    @Test func frontierByYearNeedsEveryYear() {
        var undated = later
        undated[0].year = nil
        #expect(throws: NotebookError.self) {
            try FigureCatalog.make("pareto-by-year", options: [:], networks: networks, later: undated)
        }
    }
}
