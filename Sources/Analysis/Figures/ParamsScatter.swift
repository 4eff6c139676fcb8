import Chart
import NotebookInterface

/// Parameters against operations, log–log: the two costs span two orders of magnitude
/// each, and networks of one family line up.
enum ParamsScatter {
    static func make(_ c: FigureContext) -> Figure {
        let convention = c.convention
        let data = c.shown.map {
            Datum(key: $0.id, x: convention.value($0), y: $0.paramsMillions, color: c.color($0),
                  label: $0.name, marked: $0.source == .reported)
        }
        let chart = Chart(
            title: "Parameters against operations",
            x: Axis(title: convention.axisTitle, scale: .log),
            y: Axis(title: "Parameters [M]", scale: .log),
            layers: [ChartLayer(.point(radius: 5), data)],
            legends: c.withEraKey(FigureStyle.reportedLegend(c.shown, symbol: .dashedCircle, corner: .auto),
                                  symbol: .circle, corner: .auto))
        let table = DataTable(
            columns: ["id", "name", "family", "color", convention.column, "params_millions", "source"],
            rows: c.shown.map {
                [$0.id, $0.name, $0.family, c.color($0).hex, FigureStyle.number(convention.value($0)),
                 FigureStyle.number($0.paramsMillions), $0.source.rawValue]
            })
        return Figure(chart: chart, data: table)
    }
}
