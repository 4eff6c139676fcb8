import Foundation
import Chart
import NotebookInterface

/// The figures the analysis offers. Each builds a chart spec from the networks and keeps
/// the exact data drawn as a table (the CSV beside the figure).
public enum FigureCatalog {
    /// `all` is the reproduction's set, the 2016 and 2018 networks; `later` the networks
    /// of 2018–2022 added by this paper and `ten-years` every network of every era.
    static let subsetOption = ["subset": ["all", "original", "2018", "later", "ten-years"],
                               "colour": ["family", "era"]]
    static let conventionOption = ["convention": ["ops", "macs", "ops-profiler"]]

    /// The figures the analysis offers, with the options each accepts.
    public static let offers: [Offer] = [
        Offer(kind: .figure, name: "top1-by-network",
              summary: "Figure 1: single-crop top-1 accuracy per network, one bar each, in family colours (y-range shared with top1-vs-operations)",
              options: subsetOption),
        Offer(kind: .figure, name: "top1-vs-operations",
              summary: "Figure 2: top-1 accuracy against operations per image, bubble area proportional to parameters",
              options: subsetOption.merging(conventionOption) { a, _ in a }.merging(["scale": ["linear", "log"]]) { a, _ in a }),
        Offer(kind: .figure, name: "density-by-network",
              summary: "Figure 10: top-1 accuracy per million parameters, ascending, arrows over the leading group",
              options: subsetOption),
        Offer(kind: .figure, name: "params-vs-operations",
              summary: "parameters against operations per image, both on log axes",
              options: subsetOption.merging(conventionOption) { a, _ in a }),
        Offer(kind: .figure, name: "pareto-frontier",
              summary: "top-1 accuracy against operations with the Pareto frontier as a step line",
              options: subsetOption.merging(conventionOption) { a, _ in a }.merging(["scale": ["log", "linear"]]) { a, _ in a }),
        Offer(kind: .figure, name: "pareto-by-year",
              summary: "the Pareto frontier of every network published by 2016, by 2018 and by 2022 (year of first publication)",
              options: conventionOption.merging(["scale": ["log", "linear"], "colour": ["family", "era"]]) { a, _ in a }),
    ]

    /// Builds the named figure from the networks: the reproduction's (`networks`) and
    /// those added ten years later (`later`), which only the `later` and `ten-years`
    /// subsets and the frontier by year draw.
    public static func make(_ name: String, options: [String: String],
                            networks: [NetworkSummary], later: [NetworkSummary] = []) throws(NotebookError) -> Figure {
        // Options and arguments were checked against `offers` by the builder (the one
        // place they are validated); a name not offered falls through to `unknownName`.
        // The reproduction's figures see only its networks, exactly as before the later
        // ones were added; the others see every network.
        let which = name == "pareto-by-year" ? "ten-years" : options["subset"] ?? "all"
        let base = ["later", "ten-years"].contains(which) ? networks + later : networks
        // Colours come from every network drawn from, so a network keeps its colour in any subset.
        let colors = options["colour"] == "era" ? base.reduce(into: [:]) { $0[$1.id] = Palette.eras[$1.era] }
                                                : Palette.colors(base)
        let shown = subset(base, which)
        guard !shown.isEmpty else { throw .problem("figure '\(name)': no networks to draw") }
        let context = FigureContext(all: base, shown: shown, colors: colors, options: options)
        switch name {
        case "top1-by-network": return Top1Bars.make(context)
        case "top1-vs-operations": return Top1Bubbles.make(context)
        case "density-by-network": return DensityBars.make(context)
        case "params-vs-operations": return ParamsScatter.make(context)
        case "pareto-frontier": return ParetoFigure.make(context)
        case "pareto-by-year": return try ParetoByYear.make(context)
        default: throw .unknownName(.figure, name)
        }
    }

    static func subset(_ networks: [NetworkSummary], _ which: String) -> [NetworkSummary] {
        switch which {
        case "original": return networks.filter(\.inOriginal)
        // The families the 2018 update added.
        case "2018": return networks.filter { $0.era == .update }
        case "later": return networks.filter { $0.era == .later }
        case "ten-years": return networks
        default: return networks.filter { $0.era != .later }
        }
    }
}

/// What every figure builder gets.
struct FigureContext {
    var all: [NetworkSummary]
    var shown: [NetworkSummary]
    var colors: [String: Color]
    var options: [String: String]

    func color(_ n: NetworkSummary) -> Color { colors[n.id] ?? .gray(0.5) }

    /// With `:colour: era`, the key to the era colours of the networks shown joins the
    /// first boxed legend (or makes one), so that two boxes never compete for a corner.
    func withEraKey(_ legends: [Legend], symbol: LegendEntry.Symbol, corner: Corner) -> [Legend] {
        guard options["colour"] == "era" else { return legends }
        let eras = NetworkSummary.Era.allCases.filter { era in shown.contains { $0.era == era } }
        let key = eras.map { LegendEntry(Palette.eraLabel($0), color: Palette.eras[$0]!, symbol: symbol) }
        var out = legends
        if let i = out.firstIndex(where: { if case .entries = $0 { true } else { false } }),
           case .entries(let entries, let at) = out[i] {
            out[i] = .entries(key + entries, corner: at)
        } else {
            out.append(.entries(key, corner: corner))
        }
        return out
    }

    var convention: OperationsConvention { OperationsConvention(rawValue: options["convention"] ?? "ops") ?? .ops }
}

/// Which count of operations goes on the x-axis.
enum OperationsConvention: String {
    case ops, macs, opsProfiler = "ops-profiler"

    func value(_ n: NetworkSummary) -> Double {
        switch self {
        case .ops: return n.gops
        case .macs: return n.gmacs
        case .opsProfiler: return n.gopsProfiler
        }
    }

    var axisTitle: String {
        switch self {
        case .ops: return "Operations [G-Ops]"
        case .macs: return "Multiply-accumulates [GMACs]"
        case .opsProfiler: return "Operations as the 2016 profiler counted [G-Ops]"
        }
    }

    var column: String {
        switch self {
        case .ops: return "gops"
        case .macs: return "gmacs"
        case .opsProfiler: return "gops_profiler"
        }
    }
}

/// Shared by the figures.
enum FigureStyle {
    static let top1Title = "Top-1 accuracy [%]"
    static let reportedNote = "dashed: reported values, not computed"

    /// Bar labels slant 30° as in the original; past two dozen bars (every network of
    /// every era) they stand steeper so that neighbours do not collide.
    static func barLabelAngle(_ bars: Int) -> Double { bars > 24 ? 60 : 30 }

    /// The top-1 range of Figures 1 and 2 (shared, so the two read alike): whole fives
    /// around the data, with room above the best network for its bubble and label.
    static func top1Domain(_ networks: [NetworkSummary]) -> ClosedRange<Double> {
        let lo = networks.map(\.top1).min() ?? 50, hi = networks.map(\.top1).max() ?? 80
        return (floor((lo - 2) / 5) * 5)...(ceil((hi + 3) / 5) * 5)
    }

    /// A note explaining dashed marks, when any network drawn has reported values.
    static func reportedLegend(_ networks: [NetworkSummary], symbol: LegendEntry.Symbol, corner: Corner) -> [Legend] {
        let reported = networks.filter { $0.source == .reported }
        guard !reported.isEmpty else { return [] }
        let names = reported.map(\.name).joined(separator: ", ")
        return [.entries([LegendEntry("\(names): reported values, not computed", color: .gray(0.2), symbol: symbol)], corner: corner)]
    }

    static func number(_ v: Double, _ decimals: Int = 4) -> String {
        NiceTicks.formatShortest((v * pow(10, Double(decimals))).rounded() / pow(10, Double(decimals)))
            .replacingOccurrences(of: "\u{2212}", with: "-")
    }
}
