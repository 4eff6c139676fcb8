// `{table} data/FILE.csv`: a table of an author's CSV file, captioned and numbered like
// the paper's own:
//
//     ```{table} data/timings.csv
//     :label: tbl-timings
//     :columns: algorithm, n, ms
//     :format: ms=.1f n=,d
//     :filter: n >= 1000
//     :sort: ms desc
//     Sorting times.
//     ```

import NotebookInterface

enum AuthorTable {
    static let summary = "a table of a CSV file under the paper folder, with chosen columns, number formats, filter and sort"

    static let options: [String: OptionDeclaration] = [
        "columns": OptionDeclaration([], "the columns shown, in order, comma-separated (default: all); 'column as Title' renames one"),
        "format": OptionDeclaration([], "number formats per column, separated by spaces: ms=.1f n=,d (the value format specs)"),
        "filter": OptionDeclaration([], "rows to keep, an expression over columns: n >= 1000 and algorithm != \"bubble\""),
        "sort": OptionDeclaration([], "row order: a column, optionally followed by asc or desc"),
    ]
}

extension AnalysisNotebook {
    func authorTable(_ path: String, options: [String: String], _ files: any PaperFiles) throws(NotebookError) -> Result {
        let frame = try frame(path, files)
        var problems: [Problem] = []

        // Columns shown, each optionally retitled: "ms as Time [ms]".
        var shown: [(index: Int, title: String)] = []
        if let list = options["columns"] {
            for item in list.split(separator: ",") {
                let parts = item.components(separatedBy: " as ")
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                do throws(NotebookError) {
                    let i = try frame.column(name, option: "columns")
                    shown.append((i, parts.count > 1 ? parts[1...].joined(separator: " as ").trimmingCharacters(in: .whitespaces) : name))
                } catch {
                    if case .problems(let p) = error { problems += p }
                }
            }
        } else {
            shown = frame.columns.enumerated().map { ($0.offset, $0.element) }
        }

        var formats: [Int: FormatSpec] = [:]
        if let list = options["format"] {
            for item in list.split(whereSeparator: { $0 == " " || $0 == ";" }) {
                guard let eq = item.firstIndex(of: "=") else {
                    problems.append(Problem(.error, ":format: entries are COLUMN=SPEC, e.g. ms=.1f; got '\(item.trimmingCharacters(in: .whitespaces).prefix(30))'", option: "format"))
                    continue
                }
                let name = item[..<eq].trimmingCharacters(in: .whitespaces)
                let specText = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                do throws(NotebookError) {
                    let i = try frame.column(name, option: "format")
                    formats[i] = try FormatSpec.parse(specText)
                } catch {
                    if case .problems(let p) = error { problems += p.map { var q = $0; q.option = "format"; return q } }
                }
            }
        }
        if !problems.isEmpty { throw .problems(problems) }

        var rows = frame.rows
        if let text = options["filter"] { rows = try RowFilter(text, frame: frame).apply(to: frame) }
        if let text = options["sort"] { rows = try RowSort(text, frame: frame).apply(to: rows) }

        // A column is numeric (right-aligned) when every non-empty cell is a number.
        let numeric = Dictionary(uniqueKeysWithValues: shown.map { column in
            (column.index, rows.allSatisfy { $0[column.index].isEmpty || Frame.number($0[column.index]) != nil })
        })
        let cells = try rows.map { row throws(NotebookError) in
            try shown.map { column throws(NotebookError) -> Table.Cell in
                let text = row[column.index]
                guard let spec = formats[column.index], let x = Frame.number(text) else {
                    return Table.Cell(numeric[column.index] == true ? text.replacingOccurrences(of: "-", with: "\u{2212}") : text)
                }
                return Table.Cell(try spec.apply(to: Value(raw: text, text: text, number: x, unit: "")).text)
            }
        }
        let table = Table(columns: shown.map { Table.Column($0.title, numeric: numeric[$0.index] ?? false) },
                          rows: cells,
                          data: DataTable(columns: shown.map { frame.columns[$0.index] },
                                          rows: rows.map { row in shown.map { row[$0.index] } }))
        return Result(.table(table))
    }
}
