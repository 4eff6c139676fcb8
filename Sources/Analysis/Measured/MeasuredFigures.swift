// The figures drawn from one machine's measurements, in the style of the 2016 paper's
// Figures 3–9: one colour per family, shades for its members. Each caption in the paper
// names the machine and the date through the `measured.*` values.

import Foundation
import Chart
import NotebookInterface

enum MeasuredFigures {
    static let machineOption = ["machine": [String]()]
    static let batchOption = ["batch": [String]()]

    static let offers: [Offer] = [
        Offer(kind: .figure, name: "measured-time-vs-batch",
              summary: "Figure 3 measured: time per image against batch size, log–log, one line per network",
              options: machineOption),
        Offer(kind: .figure, name: "measured-memory-vs-batch",
              summary: "Figure 5 measured: peak memory (above the runtime's baseline) against batch size, one line per network",
              options: machineOption),
        Offer(kind: .figure, name: "measured-memory-vs-params",
              summary: "Figure 6 measured: peak memory at one batch size (default 1) against parameters, with the fitted line",
              options: machineOption.merging(batchOption) { a, _ in a }),
        Offer(kind: .figure, name: "measured-operations-vs-time",
              summary: "Figure 7 measured: operations against time per image (default batch 1), bubble area ∝ parameters, with the fitted line",
              options: machineOption.merging(batchOption) { a, _ in a }),
        Offer(kind: .figure, name: "measured-top1-vs-throughput",
              summary: "Figure 9 measured: top-1 accuracy against images per second (default batch 1), bubble area ∝ operations",
              options: machineOption.merging(batchOption) { a, _ in a }),
        Offer(kind: .figure, name: "measured-power-vs-batch",
              summary: "Figure 4 measured: package power (RAPL) against batch size; only where the machine exposes RAPL",
              options: machineOption),
    ]

    static func make(_ name: String, _ set: MeasuredSet, options: [String: String]) throws(NotebookError) -> Figure {
        guard !set.networks.isEmpty else {
            throw .problem("figure '\(name)': \(set.file) has no successful measurement of a network of the dataset")
        }
        let batch = try batchSize(options)
        switch name {
        case "measured-time-vs-batch":
            return perBatch(set, title: "Time per image against batch size", yTitle: "\(set.usesCPUTime ? "CPU time" : "Time") per image [ms]",
                            yLog: true, column: "ms_per_image") { set.msPerImage($0) }
        case "measured-memory-vs-batch":
            // Log y: from tens of MiB to many GiB, and the small networks apart from each other.
            return perBatch(set, title: "Memory against batch size", yTitle: "Peak memory above the runtime [MiB]",
                            yLog: true, column: "peak_mib") { $0.peakMiB }
        case "measured-power-vs-batch":
            guard set.machine.powerMeasured else {
                throw .problem("figure '\(name)': \(set.file) has no power measurements (power: \(set.machine.power))")
            }
            return perBatch(set, title: "Power against batch size", yTitle: "Package power [W]",
                            yLog: false, column: "power_w") { $0.powerW }
        case "measured-memory-vs-params": return try memoryVsParams(set, batch: batch)
        case "measured-operations-vs-time": return try operationsVsTime(set, batch: batch)
        case "measured-top1-vs-throughput": return try top1VsThroughput(set, batch: batch)
        default: throw .unknownName(.figure, name)
        }
    }

    static func batchSize(_ options: [String: String]) throws(NotebookError) -> Int {
        guard let text = options["batch"] else { return 1 }
        guard let n = Int(text), n > 0 else { throw .problem("option 'batch' is '\(text)'; expected a positive whole number") }
        return n
    }

    static func rows(_ set: MeasuredSet, batch: Int, name: String) throws(NotebookError) -> [(network: MeasuredNetwork, row: MeasurementRow)] {
        let rows = set.at(batch)
        guard rows.count >= 2 else {
            throw .problem("figure '\(name)': fewer than two networks were measured at batch size \(batch) in \(set.file)")
        }
        return rows
    }

    /// One line per network through its batch sizes (x on a log₂-spaced axis), the
    /// network's name at its last point.
    static func perBatch(_ set: MeasuredSet, title: String, yTitle: String, yLog: Bool, column: String,
                         _ value: (MeasurementRow) -> Double?) -> Figure {
        var layers: [ChartLayer] = []
        var labelled: [Datum] = []
        var table: [[String]] = []
        for n in set.networks {
            let points = n.rows.compactMap { r in value(r).map { (r, $0) } }.filter { !yLog || $0.1 > 0 }
            guard !points.isEmpty else { continue }
            let color = set.color(n)
            let data = points.map { Datum(key: "\(n.id)@\($0.0.batch)", x: Double($0.0.batch), y: $0.1, color: color) }
            layers.append(ChartLayer(.line(width: 1.6, dash: []), data))
            labelled += data.enumerated().map { i, d in
                var d = d
                if i == data.count - 1 { d.label = n.summary.name }
                return d
            }
            table += points.map { [n.id, n.summary.name, n.summary.family, color.hex, String($0.0.batch), FigureStyle.number($0.1)] }
        }
        layers.append(ChartLayer(.point(radius: 2.6), labelled))
        // Padded so that the points at the smallest and largest batch sizes stay off the
        // plot's edges; the networks' names (three dozen of them) go in a column right of
        // the plot, level with the lines' ends.
        let batches = labelled.map(\.x)
        let xDomain = (batches.min() ?? 1) / 1.25...(batches.max() ?? 1) * 1.25
        var chart = Chart(title: title, x: Axis(title: "Batch size [images]", scale: .log, domain: xDomain),
                          y: Axis(title: yTitle, scale: yLog ? .log : .linear, includeZero: !yLog),
                          layers: layers)
        chart.labelsAtLineEnds = true
        return Figure(chart: chart, data: DataTable(columns: ["id", "name", "family", "color", "batch", column], rows: table))
    }

    /// A fitted line across the x-range of the data. On log axes a straight line with an
    /// offset is a curve: it is drawn through points evenly spaced in log x (where it
    /// stays positive).
    static func fitLine(_ fit: LinearFit, from lo: Double, to hi: Double, transpose: Bool = false, log: Bool = false) -> ChartLayer {
        let color = Color.gray(0.3)
        let xs = log && lo > 0 ? (0...40).map { lo * pow(hi / lo, Double($0) / 40) } : [lo, hi]
        let points = xs.map { ($0, fit.predict($0)) }.filter { !log || $0.1 > 0 }
            .map { transpose ? Datum(key: "fit", x: $0.1, y: $0.0, color: color)
                             : Datum(key: "fit", x: $0.0, y: $0.1, color: color) }
        return ChartLayer(.line(width: 1.2, dash: [5, 3]), points)
    }

    static func memoryVsParams(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Figure {
        let rows = try rows(set, batch: batch, name: "measured-memory-vs-params").filter { $0.row.peakMiB != nil }
        let data = rows.map { Datum(key: $0.network.id, x: $0.network.summary.paramsMillions, y: $0.row.peakMiB!,
                                    color: set.color($0.network), label: $0.network.summary.name) }
        var layers = [ChartLayer(.point(radius: 5), data)]
        var legend: [Legend] = []
        if let fit = LinearFit(data.map { ($0.x, $0.y) }) {
            let xs = data.map(\.x)
            layers.insert(fitLine(fit, from: xs.min()!, to: xs.max()!, log: true), at: 0)
            legend = [.entries([LegendEntry("fit: \(Format.number(fit.intercept)) MiB + \(Format.number(fit.slope)) MiB per M parameters, R² = \(Format.fixed(fit.r2, 3))",
                                            color: .gray(0.3), symbol: .dashedLine)], corner: .topLeft)]
        }
        // Log–log: the networks span three orders of magnitude in parameters, and on
        // linear axes the small ones pile up in a corner.
        let chart = Chart(title: "Memory against parameters",
                          x: Axis(title: "Parameters [M]", scale: .log),
                          y: Axis(title: "Peak memory above the runtime [MiB]", scale: .log),
                          layers: layers, legends: legend)
        let table = rows.map { [$0.network.id, $0.network.summary.name, $0.network.summary.family, set.color($0.network).hex,
                                String(batch), String($0.network.summary.params), FigureStyle.number($0.row.peakMiB!)] }
        return Figure(chart: chart, data: DataTable(columns: ["id", "name", "family", "color", "batch", "params", "peak_mib"], rows: table))
    }

    static func operationsVsTime(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Figure {
        let rows = try rows(set, batch: batch, name: "measured-operations-vs-time")
        let data = rows.map { Datum(key: $0.network.id, x: set.msPerImage($0.row), y: $0.network.summary.gops,
                                    size: Double($0.network.summary.params), color: set.color($0.network),
                                    label: $0.network.summary.name) }
        var layers = [ChartLayer(.bubble, data)]
        var legend: [Legend] = [.size]
        if let fit = MeasuredClaims.timeFit(set, batch: batch) {
            // The fit is time = a + b·G-Ops; drawn in this figure's axes (time across).
            let gops = data.map(\.y)
            layers.insert(fitLine(fit, from: gops.min()!, to: gops.max()!, transpose: true, log: true), at: 0)
            legend.append(.entries([LegendEntry("fit: \(Format.number(fit.slope)) ms per G-Op + \(Format.number(fit.intercept)) ms, R² = \(Format.fixed(fit.r2, 3))",
                                                color: .gray(0.3), symbol: .dashedLine)], corner: .topLeft))
        }
        let references = Top1Bubbles.references
        let largest = max(references.last!, rows.map { Double($0.network.summary.params) }.max() ?? 0)
        // Log–log, as for memory: operations span three orders of magnitude.
        let chart = Chart(title: "Operations against time per image",
                          x: Axis(title: "\(set.usesCPUTime ? "CPU time" : "Time") per image at batch size \(batch) [ms]", scale: .log),
                          y: Axis(title: "Operations [G-Ops]", scale: .log),
                          layers: layers,
                          size: SizeScale(maxValue: largest, maxRadius: 36 * (largest / references.last!).squareRoot(),
                                          references: references, referenceLabels: references.map { "\(Int($0 / 1e6))M" }),
                          legends: legend)
        let table = rows.map { [$0.network.id, $0.network.summary.name, $0.network.summary.family, set.color($0.network).hex,
                                String(batch), FigureStyle.number(set.msPerImage($0.row)), FigureStyle.number($0.network.summary.gops),
                                String($0.network.summary.params), $0.network.depthwise ? "yes" : "no"] }
        return Figure(chart: chart, data: DataTable(columns: ["id", "name", "family", "color", "batch", "ms_per_image", "gops", "params", "depthwise"], rows: table))
    }

    static func top1VsThroughput(_ set: MeasuredSet, batch: Int) throws(NotebookError) -> Figure {
        let rows = try rows(set, batch: batch, name: "measured-top1-vs-throughput")
        let data = rows.map { Datum(key: $0.network.id, x: set.imagesPerSecond($0.row), y: $0.network.summary.top1,
                                    size: $0.network.summary.gops, color: set.color($0.network),
                                    label: $0.network.summary.name) }
        let references = [1.0, 5, 10, 20]
        let largest = max(references.last!, rows.map(\.network.summary.gops).max() ?? 0)
        let chart = Chart(title: "Top-1 accuracy against images per second",
                          x: Axis(title: "Images per second at batch size \(batch)\(set.usesCPUTime ? " (CPU time)" : "")", scale: .log),
                          y: Axis(title: FigureStyle.top1Title, domain: FigureStyle.top1Domain(rows.map(\.network.summary))),
                          layers: [ChartLayer(.bubble, data)],
                          size: SizeScale(maxValue: largest, maxRadius: 24 * (largest / references.last!).squareRoot(),
                                          references: references, referenceLabels: references.map { "\(Int($0)) G-Ops" }),
                          legends: [.size])
        let frontier = Set(MeasuredClaims.throughputFrontier(set, batch: batch).map(\.network.id))
        let table = rows.map { [$0.network.id, $0.network.summary.name, $0.network.summary.family, set.color($0.network).hex,
                                String(batch), FigureStyle.number(set.imagesPerSecond($0.row)), FigureStyle.number($0.network.summary.top1),
                                FigureStyle.number($0.network.summary.gops), frontier.contains($0.network.id) ? "yes" : "no"] }
        return Figure(chart: chart, data: DataTable(columns: ["id", "name", "family", "color", "batch", "images_per_s", "top1", "gops", "frontier"], rows: table))
    }
}
