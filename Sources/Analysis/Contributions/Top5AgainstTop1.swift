import Chart
import NotebookInterface

/// `{figure} top5-vs-top1`: top-5 against top-1 accuracy, for the networks whose top-5
/// accuracy is known, in the paper's family colours. The worked example of the README's
/// "Adding your own analysis".
struct Top5AgainstTop1: Contribution {
    let offer = Offer(kind: .figure, name: "top5-vs-top1",
                      summary: "top-5 against top-1 accuracy of the networks whose top-5 is known",
                      options: ["labels": ["yes", "no"]])

    func evaluate(_ request: Request, _ analysis: AnalysisContext) throws(NotebookError) -> Output {
        let networks = try analysis.networks().filter { $0.top5 != nil }
        guard !networks.isEmpty else { throw .problem("no network has a top-5 accuracy in data/networks.csv") }
        let colors = try analysis.colors()
        let labelled = request.options["labels"] != "no"
        let points = networks.map { n in
            Datum(key: n.id, x: n.top1, y: n.top5 ?? 0, color: colors[n.id] ?? .black, label: labelled ? n.name : nil)
        }
        let chart = Chart(title: "Top-5 against top-1 accuracy",
                          x: Axis(title: "Top-1 accuracy [%]"), y: Axis(title: "Top-5 accuracy [%]"),
                          layers: [ChartLayer(.point(radius: 5), points)])
        let data = DataTable(columns: ["id", "name", "top1", "top5"],
                             rows: networks.map { [$0.id, $0.name, Format.raw($0.top1), Format.raw($0.top5 ?? 0)] })
        return .figure(Figure(chart: chart, data: data))
    }
}
