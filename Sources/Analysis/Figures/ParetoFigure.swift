import Chart
import NotebookInterface

/// Top-1 accuracy against operations with the Pareto frontier drawn as a staircase: the
/// best accuracy any network reaches within a budget of operations.
enum ParetoFigure {
    static func make(_ c: FigureContext) -> Figure {
        let convention = c.convention
        let log = (c.options["scale"] ?? "log") == "log"
        let frontier = paretoFrontier(c.shown, cost: convention.value)
        let onFrontier = Set(frontier.map(\.id))
        let stepColor = Color.gray(0.25)
        let steps = frontier.map { Datum(key: $0.id, x: convention.value($0), y: $0.top1, color: stepColor) }
        let points = c.shown.map {
            Datum(key: $0.id, x: convention.value($0), y: $0.top1, color: c.color($0), label: $0.name,
                  marked: $0.source == .reported)
        }
        let legend: [LegendEntry] = [LegendEntry("Pareto frontier", color: stepColor, symbol: .dashedLine)]
            + c.shown.filter { $0.source == .reported }.map {
                LegendEntry("\($0.name): reported values, not computed", color: .gray(0.2), symbol: .dashedCircle)
            }
        let chart = Chart(
            title: "Pareto frontier of accuracy against operations",
            x: Axis(title: convention.axisTitle, scale: log ? .log : .linear, includeZero: !log),
            y: Axis(title: FigureStyle.top1Title),
            layers: [ChartLayer(.stepLine(width: 1.6, dash: [5, 3]), steps), ChartLayer(.point(radius: 5), points)],
            legends: c.withEraKey([.entries(legend, corner: .auto)], symbol: .circle, corner: .auto))
        let table = DataTable(
            columns: ["id", "name", "family", "color", convention.column, "top1", "frontier", "source"],
            rows: c.shown.map {
                [$0.id, $0.name, $0.family, c.color($0).hex, FigureStyle.number(convention.value($0)),
                 FigureStyle.number($0.top1), onFrontier.contains($0.id) ? "yes" : "no", $0.source.rawValue]
            })
        return Figure(chart: chart, data: table)
    }
}
