// `{figure} chart`: a chart whose spec is written in the directive, in the manner of
// Vega-Lite and ggplot2 (data + mark + encodings + scales), drawn by the same chart layer
// as the paper's own figures:
//
//     ```{figure} chart
//     :label: fig-timings
//     :alt: Sorting time against input size, one line per algorithm.
//     :data: data/timings.csv
//     :mark: line
//     :x: n
//     :y: ms
//     :color: algorithm
//     :x-scale: log
//     :y-scale: log
//     Time to sort n numbers.
//     ```

import Chart
import Foundation
import NotebookInterface

struct ChartSpec: Sendable {
    static let options: [String: OptionDeclaration] = [
        "data": OptionDeclaration([], "what to draw: a CSV file under the paper folder (data/mine.csv), networks, or a table such as 'layers resnet-50'"),
        "mark": OptionDeclaration(["point", "bubble", "bar", "line", "step"], "how each row is drawn (default point)"),
        "x": OptionDeclaration([], "column along x (bar: the categories, in row order)"),
        "y": OptionDeclaration([], "column along y"),
        "size": OptionDeclaration([], "column giving each bubble's area (mark bubble)"),
        "color": OptionDeclaration([], "column whose values get one colour each (networks keep their family colours); line and step draw one line per colour"),
        "colour": OptionDeclaration([], "the same as :color:"),
        "labels": OptionDeclaration([], "column whose text is placed next to each mark, without overlaps"),
        "x-scale": OptionDeclaration(["linear", "log"], "x scale (default linear)"),
        "y-scale": OptionDeclaration(["linear", "log"], "y scale (default linear)"),
        "x-title": OptionDeclaration([], "x-axis title (default: the column's name)"),
        "y-title": OptionDeclaration([], "y-axis title (default: the column's name)"),
        "filter": OptionDeclaration([], "rows to keep, an expression over columns: year >= 2017, id in [resnet-18, resnet-50]"),
        "sort": OptionDeclaration([], "row order: a column, optionally followed by asc or desc"),
        "plot-width": OptionDeclaration([], "the drawing's width in points, 240 to 1600 (default 640)"),
        "aspect": OptionDeclaration([], "width to height, as 3:2 or 1.5 (default 3:2)"),
    ]

    /// Eight colours told apart by readers with any colour vision and in grey print
    /// (Okabe & Ito's palette, ordered so that neighbours differ in lightness too).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
        .compactMap { Color(hex: $0) }

    enum MarkKind: String, Sendable { case point, bubble, bar, line, step }

    var mark: MarkKind
    var x: Int, y: Int
    var size: Int?, color: Int?, labels: Int?
    var xLog: Bool, yLog: Bool
    var xTitle: String, yTitle: String
    var width: Double, height: Double

    /// Checks every option against the frame; every problem is reported, each at its option.
    init(_ options: [String: String], frame: Frame) throws(NotebookError) {
        var options = options
        var colorKey = "color"
        if options["color"] == nil, let british = options.removeValue(forKey: "colour") {
            options["color"] = british
            colorKey = "colour"
        }
        var problems: [Problem] = []
        func column(_ key: String, required: Bool = false) -> Int? {
            guard let name = options[key] else {
                if required { problems.append(Problem(.error, "a chart needs ':\(key):', the column along \(key) (columns of '\(frame.source)': \(frame.columns.joined(separator: ", ")))")) }
                return nil
            }
            do throws(NotebookError) { return try frame.column(name, option: key == "color" ? colorKey : key) } catch {
                if case .problems(let p) = error { problems += p }
                return nil
            }
        }
        mark = MarkKind(rawValue: options["mark"] ?? "point") ?? .point
        let x = column("x", required: true), y = column("y", required: true)
        size = column("size")
        color = column("color")
        labels = column("labels")
        if mark == .bubble && size == nil && options["size"] == nil {
            problems.append(Problem(.error, "mark 'bubble' needs ':size:', the column giving each bubble's area", option: "mark"))
        }
        if mark != .bubble && options["size"] != nil {
            problems.append(Problem(.error, ":size: applies to mark 'bubble' only", option: "size"))
        }
        xLog = options["x-scale"] == "log"
        yLog = options["y-scale"] == "log"
        if mark == .bar && xLog { problems.append(Problem(.error, "a bar chart's x-axis holds categories: it has no log scale", option: "x-scale")) }
        width = 640
        if let text = options["plot-width"] {
            if let w = Double(text), (240...1600).contains(w) { width = w } else {
                problems.append(Problem(.error, ":plot-width: must be a number of points from 240 to 1600, got '\(text.prefix(20))'", option: "plot-width"))
            }
        }
        var ratio = 1.5
        if let text = options["aspect"] {
            let parts = text.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let w = parts[0], let h = parts[1], w > 0, h > 0 { ratio = w / h }
            else if parts.count == 1, let r = parts[0], r > 0 { ratio = r }
            else { problems.append(Problem(.error, ":aspect: is width to height, as 3:2 or 1.5, got '\(text.prefix(20))'", option: "aspect")) }
            if !(0.25...4).contains(ratio) {
                problems.append(Problem(.error, ":aspect: \(text.prefix(20)) is outside 1:4 to 4:1", option: "aspect"))
            }
        }
        height = (width / ratio).rounded()
        if !problems.isEmpty { throw .problems(problems) }
        self.x = x!
        self.y = y!
        xTitle = options["x-title"] ?? frame.columns[self.x]
        yTitle = options["y-title"] ?? frame.columns[self.y]
    }

    /// Draws the rows. `networkColors` holds the family colours by network id, when the
    /// frame's rows are networks.
    func figure(_ rows: [[String]], frame: Frame, networkColors: [String: Color]?) throws(NotebookError) -> Figure {
        func number(_ row: [String], _ c: Int, _ option: String, log: Bool) throws(NotebookError) -> Double {
            guard let v = Frame.number(row[c]) else {
                throw .problems([Problem(.error, "column '\(frame.columns[c])' of row '\(row.first ?? "")' is '\(row[c].prefix(30))', not a number", option: option)])
            }
            if log && v <= 0 {
                throw .problems([Problem(.error, "a log scale cannot show \(Operand.show(v)) (column '\(frame.columns[c])', row '\(row.first ?? "")')", option: option == "x" ? "x-scale" : "y-scale")])
            }
            return v
        }
        guard !rows.isEmpty else { throw .problem("no row to draw (is the filter too strict?)") }

        // Colours: family colours for networks coloured by family or id (or not at all),
        // else one palette colour per category in order of appearance.
        let idColumn = frame.columns.firstIndex(of: "id")
        let familyColours = networkColors.flatMap { colors -> [String: Color]? in
            guard let idColumn, color == nil || ["family", "id"].contains(frame.columns[color!]) else { return nil }
            return rows.allSatisfy({ colors[$0[idColumn]] != nil }) ? colors : nil
        }
        var categories: [String] = []
        if let color { for row in rows where !categories.contains(row[color]) { categories.append(row[color]) } }
        if familyColours == nil && categories.count > ChartSpec.palette.count {
            throw .problems([Problem(.error, "':color: \(frame.columns[color!])' has \(categories.count) values; at most \(ChartSpec.palette.count) colours stay distinguishable (filter the rows or colour by a coarser column)", option: "color")])
        }
        func colour(_ row: [String]) -> Color {
            if let familyColours, let idColumn, let c = familyColours[row[idColumn]] { return c }
            guard let color, let i = categories.firstIndex(of: row[color]) else { return ChartSpec.palette[0] }
            return ChartSpec.palette[i]
        }

        var data: [Datum] = []
        for (i, row) in rows.enumerated() {
            let key = (row.first ?? "") + "#\(i)"
            let label = labels.map { row[$0] }
            let value = try number(row, y, "y", log: yLog)
            if mark == .bar {
                data.append(Datum(key: key, category: row[x], y: value, color: colour(row), label: label))
            } else {
                data.append(Datum(key: key, x: try number(row, x, "x", log: xLog), y: value,
                                  size: try size.map { c throws(NotebookError) in try number(row, c, "size", log: false) },
                                  color: colour(row), label: label))
            }
        }

        var layers: [ChartLayer] = []
        var sizeScale: SizeScale?
        switch mark {
        case .point: layers = [ChartLayer(.point(radius: 5), data)]
        case .bubble:
            let largest = data.compactMap(\.size).max() ?? 1
            // Reference bubbles at round values (1, 2 or 5 times a power of ten).
            func round(_ x: Double) -> Double {
                let power = pow(10, floor(log10(x)))
                return [5.0, 2, 1].map { $0 * power }.first { $0 <= x } ?? power
            }
            let references = largest > 0 ? Array(Set([round(largest / 4), round(largest)])).sorted() : []
            sizeScale = SizeScale(maxValue: largest, maxRadius: min(width, height) / 12,
                                  references: references, referenceLabels: references.map { Operand.show($0) })
            layers = [ChartLayer(.bubble, data)]
        case .bar: layers = [ChartLayer(.bar(width: 0.68), data)]
        case .line, .step:
            // One line per colour, through its rows in order of x.
            let groups = color == nil ? [data] : categories.map { c in
                zip(rows, data).filter { $0.0[color!] == c }.map(\.1)
            }
            for group in groups where !group.isEmpty {
                let sorted = group.sorted { $0.x < $1.x }
                let m: Mark = mark == .line ? .line(width: 2, dash: []) : .stepLine(width: 2, dash: [])
                layers.append(ChartLayer(m, sorted))
                layers.append(ChartLayer(.point(radius: 3), sorted))
            }
        }

        var legends: [Legend] = []
        // A legend says what the colours mean, unless the x-axis already names each bar.
        if let color, !(mark == .bar && color == x) {
            var entries: [LegendEntry] = []
            var seen: Set<String> = []
            for row in rows where seen.insert(row[color]).inserted {
                let symbol: LegendEntry.Symbol = mark == .line || mark == .step ? .line : mark == .bar ? .swatch : .circle
                entries.append(LegendEntry(row[color], color: colour(row), symbol: symbol))
            }
            legends.append(.entries(entries, corner: .auto))
        }
        if sizeScale != nil { legends.append(.size) }

        let chart = Chart(
            width: width, height: height, title: "\(yTitle) against \(xTitle)",
            x: mark == .bar ? Axis(title: xTitle, scale: .band(uniqueCategories(rows)), grid: false, labelAngle: rows.count > 6 ? 30 : 0)
                            : Axis(title: xTitle, scale: xLog ? .log : .linear),
            y: Axis(title: yTitle, scale: yLog ? .log : .linear, includeZero: mark == .bar && !yLog),
            layers: layers, size: sizeScale, legends: legends)

        // The data drawn: the columns used, in the order drawn.
        let used = [x, y, size, color, labels].compactMap { $0 }
        var columns: [Int] = []
        if let first = frame.columns.indices.first, !used.contains(first) { columns.append(first) }
        for c in used where !columns.contains(c) { columns.append(c) }
        let table = DataTable(columns: columns.map { frame.columns[$0] }, rows: rows.map { row in columns.map { row[$0] } })
        return Figure(chart: chart, data: table)
    }

    private func uniqueCategories(_ rows: [[String]]) -> [String] {
        var out: [String] = []
        for row in rows where !out.contains(row[x]) { out.append(row[x]) }
        return out
    }
}

extension AnalysisNotebook {
    /// `{figure} chart`: reads the data, filters and sorts it, draws it.
    func chart(_ options: [String: String], _ files: any PaperFiles) throws(NotebookError) -> Result {
        guard let source = options["data"] else {
            throw .problem("a chart needs ':data:', the table to draw: a CSV file under the paper folder (data/mine.csv) or a table such as networks")
        }
        let frame = try frame(source, option: "data", files)
        let spec = try ChartSpec(options, frame: frame)
        var rows = frame.rows
        if let text = options["filter"] { rows = try RowFilter(text, frame: frame).apply(to: Frame(source: frame.source, columns: frame.columns, rows: rows, read: frame.read)) }
        if let text = options["sort"] { rows = try RowSort(text, frame: frame).apply(to: rows) }
        var colours: [String: Color]?
        if frame.read.contains(NetworksFile.path), let data = try? loadDataset(files) {
            colours = Palette.colors(data.networks)
        }
        return Result(.figure(try spec.figure(rows, frame: frame, networkColors: colours)))
    }
}
