import Chart
import NotebookInterface

/// Figure 1: top-1 accuracy per network, ascending, one bar each.
enum Top1Bars {
    static func make(_ c: FigureContext) -> Figure {
        let sorted = c.shown.sorted { $0.top1 != $1.top1 ? $0.top1 < $1.top1 : $0.name < $1.name }
        let data = sorted.map {
            Datum(key: $0.id, category: $0.name, y: $0.top1, color: c.color($0), marked: $0.source == .reported)
        }
        let chart = Chart(
            title: "Top-1 accuracy per network",
            x: Axis(scale: .band(sorted.map(\.name)), grid: false, labelAngle: FigureStyle.barLabelAngle(sorted.count)),
            y: Axis(title: FigureStyle.top1Title, domain: FigureStyle.top1Domain(c.shown)),
            layers: [ChartLayer(.bar(width: 0.68), data)],
            legends: c.withEraKey(FigureStyle.reportedLegend(sorted, symbol: .dashedSwatch, corner: .topLeft),
                                  symbol: .swatch, corner: .topLeft))
        let table = DataTable(
            columns: ["id", "name", "family", "color", "top1", "source"],
            rows: sorted.map { [$0.id, $0.name, $0.family, c.color($0).hex, FigureStyle.number($0.top1), $0.source.rawValue] })
        return Figure(chart: chart, data: table)
    }
}
