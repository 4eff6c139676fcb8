import Chart
import NotebookInterface

/// The Pareto frontier as it stood in 2016, 2018 and 2022: for each year, the frontier
/// of the networks first published by then (the `year` column of the data), drawn as
/// staircases over every network.
enum ParetoByYear {
    static let years = [2016, 2018, 2022]
    static let lineColors = ["#9e9e9e", "#2c7fb8", "#e6550d"].compactMap { Color(hex: $0) }
    static let dashes: [[Double]] = [[2, 3], [6, 3], []]

    /// The frontier of the networks published by `year`, cheapest first.
    static func frontier(_ networks: [NetworkSummary], by year: Int,
                         cost: (NetworkSummary) -> Double) -> [NetworkSummary] {
        paretoFrontier(networks.filter { ($0.year ?? .max) <= year }, cost: cost)
    }

    static func make(_ c: FigureContext) throws(NotebookError) -> Figure {
        let undated = c.shown.filter { $0.year == nil }.map(\.id)
        guard undated.isEmpty else {
            throw .problem("figure 'pareto-by-year' needs the year of every network; 'year' is empty for "
                + undated.joined(separator: ", ") + " in data/networks.csv")
        }
        let convention = c.convention
        let log = (c.options["scale"] ?? "log") == "log"
        let frontiers = years.map { frontier(c.shown, by: $0, cost: convention.value) }
        let members = frontiers.map { Set($0.map(\.id)) }
        let layers = zip(years.indices, frontiers).map { i, f in
            ChartLayer(.stepLine(width: 1.8, dash: dashes[i]),
                       f.map { Datum(key: "\(years[i])-\($0.id)", x: convention.value($0), y: $0.top1, color: lineColors[i]) })
        }
        // Only the networks on some frontier are named; the rest are context.
        let points = c.shown.map { n in
            Datum(key: n.id, x: convention.value(n), y: n.top1, color: c.color(n),
                  label: members.contains { $0.contains(n.id) } ? n.name : nil, marked: n.source == .reported)
        }
        let legend = years.indices.map {
            LegendEntry("frontier in \(years[$0])", color: lineColors[$0], symbol: dashes[$0].isEmpty ? .line : .dashedLine)
        } + c.shown.filter { $0.source == .reported }.map {
            LegendEntry("\($0.name): reported values, not computed", color: .gray(0.2), symbol: .dashedCircle)
        }
        let chart = Chart(
            title: "The Pareto frontier in 2016, 2018 and 2022",
            x: Axis(title: convention.axisTitle, scale: log ? .log : .linear, includeZero: !log),
            y: Axis(title: FigureStyle.top1Title),
            layers: layers + [ChartLayer(.point(radius: 4.5), points)],
            legends: c.withEraKey([.entries(legend, corner: .auto)], symbol: .circle, corner: .auto))
        let table = DataTable(
            columns: ["id", "name", "family", "year", "color", convention.column, "top1"]
                + years.map { "frontier_\($0)" } + ["source"],
            rows: c.shown.map { n in
                [n.id, n.name, n.family, n.year.map(String.init) ?? "", c.color(n).hex,
                 FigureStyle.number(convention.value(n)), FigureStyle.number(n.top1)]
                    + members.map { $0.contains(n.id) ? "yes" : "no" } + [n.source.rawValue]
            })
        return Figure(chart: chart, data: table)
    }
}
