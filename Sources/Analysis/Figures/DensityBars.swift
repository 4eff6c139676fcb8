import Chart
import NotebookInterface

/// Figure 10: top-1 accuracy per million parameters, ascending, with an arrow over each
/// network of the leading group that `densityLeaders` picks from the data.
enum DensityBars {
    static func make(_ c: FigureContext) -> Figure {
        let sorted = c.shown.sorted { $0.density != $1.density ? $0.density < $1.density : $0.name < $1.name }
        let leaders = Set(densityLeaders(c.shown).map(\.id))
        let bars = sorted.map {
            Datum(key: $0.id, category: $0.name, y: $0.density, color: c.color($0), marked: $0.source == .reported)
        }
        let arrows = sorted.filter { leaders.contains($0.id) }.map {
            Datum(key: $0.id, category: $0.name, y: $0.density)
        }
        let chart = Chart(
            title: "Top-1 accuracy density per network",
            x: Axis(scale: .band(sorted.map(\.name)), grid: false, labelAngle: FigureStyle.barLabelAngle(sorted.count)),
            y: Axis(title: "Top-1 accuracy density [%/M-Params]", includeZero: true),
            layers: [ChartLayer(.bar(width: 0.68), bars), ChartLayer(.arrow, arrows)],
            legends: c.withEraKey(FigureStyle.reportedLegend(sorted, symbol: .dashedSwatch, corner: .topLeft),
                                  symbol: .swatch, corner: .topLeft))
        let table = DataTable(
            columns: ["id", "name", "family", "color", "top1", "params", "density", "leader", "source"],
            rows: sorted.map {
                [$0.id, $0.name, $0.family, c.color($0).hex, FigureStyle.number($0.top1), String($0.params),
                 FigureStyle.number($0.density), leaders.contains($0.id) ? "yes" : "no", $0.source.rawValue]
            })
        return Figure(chart: chart, data: table)
    }
}
