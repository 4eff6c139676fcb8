import Chart
import NotebookInterface

/// Figure 2: top-1 accuracy against operations; bubble area proportional to parameters.
enum Top1Bubbles {
    /// The size legend's reference bubbles, as in the original figure.
    static let references: [Double] = [5e6, 35e6, 65e6, 95e6, 125e6, 155e6]

    static func make(_ c: FigureContext) -> Figure {
        let convention = c.convention
        let log = c.options["scale"] == "log"
        let data = c.shown.map {
            Datum(key: $0.id, x: convention.value($0), y: $0.top1, size: Double($0.params), color: c.color($0),
                  label: $0.name, marked: $0.source == .reported)
        }
        let largest = max(references.last!, c.shown.map { Double($0.params) }.max() ?? 0)
        let chart = Chart(
            title: "Top-1 accuracy against operations",
            x: Axis(title: convention.axisTitle, scale: log ? .log : .linear, includeZero: !log),
            y: Axis(title: FigureStyle.top1Title, domain: FigureStyle.top1Domain(c.shown)),
            layers: [ChartLayer(.bubble, data)],
            size: SizeScale(maxValue: largest, maxRadius: 44 * (largest / references.last!).squareRoot(),
                            references: references, referenceLabels: references.map { "\(Int($0 / 1e6))M" }),
            legends: c.withEraKey([.size] + FigureStyle.reportedLegend(c.shown, symbol: .dashedCircle, corner: .auto),
                                  symbol: .circle, corner: .auto))
        let table = DataTable(
            columns: ["id", "name", "family", "color", convention.column, "top1", "params", "source"],
            rows: c.shown.map {
                [$0.id, $0.name, $0.family, c.color($0).hex, FigureStyle.number(convention.value($0)),
                 FigureStyle.number($0.top1), String($0.params), $0.source.rawValue]
            })
        return Figure(chart: chart, data: table)
    }
}
