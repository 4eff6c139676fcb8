// A table of data that an author's chart, table, value or check can read by name:
//
//     data/timings.csv        a CSV file under the paper folder (first row: column names)
//     networks                every network: the columns of data/networks.csv (the
//                             author's own included) and the computed ones
//     layers resnet-50        any other table the analysis offers, by its data columns
//
// Cells stay text as written; a cell that reads as a number is also a number.

import Foundation
import NotebookInterface

struct Frame: Sendable {
    /// The source as the author wrote it ("data/timings.csv", "layers resnet-50").
    var source: String
    var columns: [String]
    var rows: [[String]]
    /// The files read to build it, as the reader recorded them (the chart colours
    /// networks when it was built from data/networks.csv).
    var read: Set<String> = []
    /// Units of some columns, shown after a value taken from them ("G-Ops" for `gops`).
    var units: [String: String] = [:]

    /// The index of a column, or an error listing the columns, with a near miss.
    func column(_ name: String, option: String? = nil) throws(NotebookError) -> Int {
        if let i = columns.firstIndex(of: name) { return i }
        var message = "'\(source)' has no column '\(name.prefix(60))'"
        if let near = nearest(name, in: columns) { message += "; did you mean '\(near)'?" }
        message += " (columns: \(columns.joined(separator: ", ")))"
        throw .problems([Problem(.error, message, option: option)])
    }

    /// The row whose first cell is `id`.
    func row(_ id: String) throws(NotebookError) -> [String] {
        if let row = rows.first(where: { $0.first == id }) { return row }
        let ids = rows.compactMap(\.first)
        var message = "'\(source)' has no row '\(id.prefix(60))' (rows are named by the first column, '\(columns.first ?? "")')"
        if let near = nearest(id, in: ids) { message += "; did you mean '\(near)'?" }
        throw .problem(message)
    }

    /// A cell as a number, if it reads as one ("1 234" and "12.5" do; "" does not).
    static func number(_ cell: String) -> Double? {
        let t = cell.trimmingSpaces.replacingOccurrences(of: "\u{2009}", with: "").replacingOccurrences(of: "\u{2212}", with: "-")
        guard !t.isEmpty, let x = Double(t), x.isFinite else { return nil }
        return x
    }

    /// A cell as an operand of a filter or a check.
    static func operand(_ cell: String) -> Operand {
        number(cell).map { .number($0) } ?? .text(cell)
    }
}

/// `SOURCE[ROW].COLUMN`: one cell, as a value key (`data/t.csv[quick].ms`,
/// `networks[resnet-50].gops`, `layers resnet-50[conv1].params`).
struct CellReference: Sendable, Equatable {
    var source: String
    var row: String
    var column: String

    init?(_ key: String) {
        guard let open = key.firstIndex(of: "["), let close = key[open...].firstIndex(of: "]") else { return nil }
        let after = key[key.index(after: close)...]
        guard after.hasPrefix("."), after.count > 1 else { return nil }
        source = key[..<open].trimmingCharacters(in: .whitespaces)
        row = String(key[key.index(after: open)..<close])
        column = String(after.dropFirst())
        if source.isEmpty || row.isEmpty { return nil }
    }
}

extension AnalysisNotebook {
    /// A table by name: a CSV file under the paper folder or a table the analysis offers,
    /// read through `files`.
    func frame(_ source: String, option: String? = nil, _ files: any PaperFiles) throws(NotebookError) -> Frame {
        let log = ReadLog(files)
        var frame = try loadFrame(source, option: option, log)
        frame.read = Set(log.log.compactMap { if case .read(let path) = $0 { path } else { nil } })
        return frame
    }

    private func loadFrame(_ source: String, option: String?, _ files: any PaperFiles) throws(NotebookError) -> Frame {
        let source = source.trimmingCharacters(in: .whitespaces)
        if source.hasSuffix(".csv") { return try csvFrame(source, option: option, files) }
        let words = source.split(separator: " ").map(String.init)
        guard let name = words.first else { throw .problems([Problem(.error, "no data named", option: option)]) }
        if name == "networks" && words.count == 1 { return try networksFrame(files) }
        let tables = TableBook.offers.map(\.name) + ["networks"]
        guard tables.contains(name) else {
            var message = "unknown data '\(source.prefix(60))': name a CSV file under the paper folder (data/….csv) or a table: \(tables.joined(separator: ", "))"
            if let near = nearest(name, in: tables) { message += "; did you mean '\(near)'?" }
            throw .problems([Problem(.error, message, option: option)])
        }
        let result = try evaluate(Request(kind: .table, name: name, arguments: Array(words.dropFirst())), reading: files)
        guard case .table(let table) = result.output else { throw .problem("'\(source)' is not a table") }
        return Frame(source: source, columns: table.data.columns, rows: table.data.rows)
    }

    /// An author's CSV: the header names the columns; every row must be as wide.
    private func csvFrame(_ path: String, option: String?, _ files: any PaperFiles) throws(NotebookError) -> Frame {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw .problems([Problem(.error, "'\(path.prefix(80))' must be a path inside the paper folder, like data/mine.csv", option: option)])
        }
        guard files.exists(path) else {
            throw .problems([Problem(.error, "no file '\(path.prefix(80))' in the paper folder", option: option)])
        }
        let text: String
        switch read(path, files) {
        case .failure(let problems): throw .problems(problems)
        case .success(let t): text = t
        }
        let (records, syntax) = CSV.parse(text, file: path)
        if !syntax.isEmpty { throw .problems(syntax) }
        guard let header = records.first else {
            throw .problems([Problem(.error, "the file is empty; its first line must name the columns", file: path, line: 1, column: 1)])
        }
        var problems: [Problem] = []
        var columns: [String] = []
        for field in header.fields {
            let name = field.text.trimmingSpaces
            if name.isEmpty {
                problems.append(Problem(.error, "column \(columns.count + 1) has no name", file: path, line: field.line, column: field.column))
            } else if columns.contains(name) {
                problems.append(Problem(.error, "column '\(name)' appears twice", file: path, line: field.line, column: field.column))
            }
            columns.append(name)
        }
        var rows: [[String]] = []
        var ids: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                problems.append(Problem(.error, "row has \(record.fields.count) cells but the header has \(columns.count) columns",
                                        file: path, line: record.line, column: 1))
                continue
            }
            let row = record.fields.map(\.text.trimmingSpaces)
            if let first = row.first, let earlier = ids[first] {
                problems.append(Problem(.warning, "row id '\(first.prefix(40))' also names line \(earlier); a value of it reads the first",
                                        file: path, line: record.line, column: 1))
            } else if let first = row.first {
                ids[first] = record.line
            }
            rows.append(row)
        }
        if problems.contains(where: { $0.severity == .error }) { throw .problems(problems) }
        return Frame(source: path, columns: columns, rows: rows)
    }

    /// Every network with the columns of data/networks.csv (an author's new column
    /// included) and the counts computed from its architecture.
    func networksFrame(_ files: any PaperFiles) throws(NotebookError) -> Frame {
        let data = try loadDataset(files)
        let computed = ["id", "name", "family", "in_original", "top1", "top5", "params", "params_m", "macs", "gmacs",
                        "ops", "gops", "gops_profiler", "density", "top1_per_gop", "source"]
        // The file's own columns, as written, for the ones not computed.
        var fileColumns: [String] = []
        var fileRows: [String: [String: String]] = [:]
        if case .success(let text) = read(NetworksFile.path, files) {
            let records = CSV.parse(text, file: NetworksFile.path).records
            if let header = records.first {
                let names = header.fields.map(\.text.trimmingSpaces)
                fileColumns = names.filter { !computed.contains($0) }
                for record in records.dropFirst() where record.fields.count == names.count {
                    let cells = Dictionary(zip(names, record.fields.map(\.text.trimmingSpaces)), uniquingKeysWith: { a, _ in a })
                    if let id = cells["id"] { fileRows[id] = cells }
                }
            }
        }
        let rows = data.networks.map { n -> [String] in
            let derived = n.source == .derived
            var row = [n.id, n.name, n.family, n.inOriginal ? "yes" : "no", Format.raw(n.top1), n.top5.map(Format.raw) ?? "",
                       String(n.params), Format.raw(n.paramsMillions), derived ? String(n.macs) : "",
                       derived ? Format.raw(n.gmacs) : "", String(n.ops), Format.raw(n.gops), Format.raw(n.gopsProfiler),
                       Format.raw(n.density), Format.raw(Metrics.accuracyPerGop(n)), n.source.rawValue]
            row += fileColumns.map { fileRows[n.id]?[$0] ?? "" }
            return row
        }
        return Frame(source: "networks", columns: computed + fileColumns, rows: rows,
                     units: ["top1": "%", "top5": "%", "params_m": "M", "gmacs": "GMACs", "gops": "G-Ops",
                             "gops_profiler": "G-Ops", "density": "%/M", "top1_per_gop": "%/G-Op", "modern_top1": "%"])
    }

    /// One cell as a value: a number when it reads as one (with the column's unit).
    func cellValue(_ reference: CellReference, _ files: any PaperFiles) throws(NotebookError) -> Value {
        let frame = try frame(reference.source, files)
        let column = try frame.column(reference.column)
        let cell = try frame.row(reference.row)[column]
        guard let x = Frame.number(cell) else { return Value(raw: cell, text: cell) }
        let unit = frame.units[reference.column] ?? ""
        var text = cell.replacingOccurrences(of: "-", with: "\u{2212}")
        if !unit.isEmpty { text += "\u{00A0}" + unit }
        return Value(raw: cell, text: text, number: x, unit: unit)
    }
}
