import Foundation
import Testing
import Chart
import NotebookInterface
@testable import Analysis

/// Zero collisions in every figure the paper shows, wide and narrow (phones), as the
/// real networks place them; and in every option of every figure on the test networks.
@Suite struct FigureCollisionTests {
    static func check(_ chart: Chart, _ what: String) throws {
        for (variant, drawn) in [("wide", chart), ("narrow", chart.narrow())] {
            let found = try drawn.layout().collisions()
            if !found.isEmpty { print("COLLISIONS \(what) \(variant): \(found)") }
            #expect(found.isEmpty, "\(what), \(variant): \(found.count) collisions: \(found)")
        }
    }

    @Test(.enabled(if: !Zoo.ids.isEmpty, "needs the network definitions"))
    func everyFigureOfThePaper() throws {
        let notebook = AnalysisNotebook(paperDirectory: URL(fileURLWithPath: Fixture.repositoryPaper), fingerprint: "test")
        let figures = try NotebookPaperTests.directives().filter { $0.kind == .figure }
        #expect(figures.count >= 7)
        for d in figures {
            var options = d.options
            for key in ["label", "alt", "width", "reproduces"] { options[key] = nil }
            let result = try notebook.evaluate(Request(kind: .figure, name: d.name, arguments: d.arguments, options: options))
            guard case .figure(let figure) = result.output else { Issue.record("\(d.where_): not a figure"); continue }
            try Self.check(figure.chart, "\(d.where_) \(d.name) \(options)")
        }
    }

    @Test func everyFigureOptionOnTheTestNetworks() throws {
        // The fixture networks are all of 2016 and 2018: the later-network subsets are
        // checked on the paper's own data above.
        for (name, options) in FigureRenderTests.variants where !["later", "ten-years"].contains(options["subset"] ?? "") {
            let figure = try FigureCatalog.make(name, options: options, networks: FigureFixtures.networks)
            try Self.check(figure.chart, "\(name) \(options)")
        }
    }

    @Test func figuresAreDrawnForTheirShownWidth() throws {
        // 960 px wide with 15 px text: at least 0.8 × the page's 18 px body text where
        // the page shows it at full size; the phone drawing, 400 px wide, is shown in a
        // 390 px screen's 360 px column: its text at least 10 px there.
        for (name, options) in FigureRenderTests.variants.prefix(6) {
            let chart = try FigureCatalog.make(name, options: options, networks: FigureFixtures.networks).chart
            let wide = try chart.layout().texts.map(\.fontSize).min() ?? 0
            #expect(chart.width == 960 && wide >= 0.8 * 18, "\(name): \(wide)")
            let narrow = chart.narrow()
            let small = try narrow.layout().texts.map(\.fontSize).min() ?? 0
            #expect(narrow.width == 400 && small * 360 / narrow.width >= 10, "\(name) narrow: \(small)")
        }
    }
}

