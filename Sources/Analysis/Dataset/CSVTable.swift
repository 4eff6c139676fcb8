// A CSV file with a header checked against a schema: every column known, every required
// column present, every row the header's width. Rows come back keyed by column name,
// each cell still carrying its position so that value checks can point at it.

import NotebookInterface

struct CSVSchema: Sendable {
    var required: [String]
    var optional: [String]
    /// Whether the author may add columns of their own (for charts and values); a new
    /// column that is a near miss of a known one still fails, as the typo it likely is.
    var allowsOtherColumns = false
}

struct CSVRow: Sendable {
    var line: Int
    /// Where a cell of a column the file does not have would go (for messages).
    var endColumn: Int
    var cells: [String: CSVField]
    /// False when the row had more or fewer cells than the header (already reported):
    /// its cells may be misaligned, so only its first cell is trusted, to name it.
    var complete: Bool = true

    /// The cell's text, trimmed; "" when the column is absent.
    func text(_ column: String) -> String {
        cells[column].map { $0.text.trimmingSpaces } ?? ""
    }

    func location(_ column: String) -> (line: Int, column: Int) {
        if let cell = cells[column] { return (cell.line, cell.column) }
        return (line, endColumn)
    }
}

struct CSVTable: Sendable {
    var file: String
    var columns: [String]
    var rows: [CSVRow]
    /// Line just after the last record: where a missing row would be added.
    var endLine: Int

    /// Reads `text` against `schema`. Rows with the wrong number of cells are reported and
    /// dropped, so that one bad row does not hide problems in the others.
    static func read(_ text: String, file: String, schema: CSVSchema) -> (table: CSVTable, problems: [Problem]) {
        let (records, syntax) = CSV.parse(text, file: file)
        var problems = syntax
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let endLine = text.hasSuffix("\n") ? lineCount : lineCount + 1
        guard let header = records.first else {
            problems.append(Problem(.error, "the file is empty; expected a header with the columns "
                                    + (schema.required).joined(separator: ", "),
                                    file: file, line: 1, column: 1))
            return (CSVTable(file: file, columns: [], rows: [], endLine: 1), problems)
        }

        let known = Set(schema.required + schema.optional)
        var columns: [String] = []
        var seen: [String: Int] = [:]
        for field in header.fields {
            let name = field.text.trimmingSpaces
            columns.append(name)
            let nearMiss = nearest(name, in: (schema.required + schema.optional).filter { k in !header.fields.contains { $0.text.trimmingSpaces == k } })
            if !known.contains(name) && !(schema.allowsOtherColumns && nearMiss == nil && !name.isEmpty) {
                var message = "unknown column '\(name)'"
                if let near = nearest(name, in: schema.required + schema.optional) {
                    message += "; did you mean '\(near)'?"
                } else {
                    message += "; known columns: " + (schema.required + schema.optional).joined(separator: ", ")
                }
                problems.append(Problem(.error, message, file: file, line: field.line, column: field.column))
            } else if let first = seen[name] {
                problems.append(Problem(.error, "column '\(name)' appears twice (first at column \(first))",
                                        file: file, line: field.line, column: field.column))
            }
            seen[name] = seen[name] ?? field.column
        }
        for name in schema.required where seen[name] == nil {
            problems.append(Problem(.error, "missing column '\(name)'", file: file,
                                    line: header.line, column: header.endColumn))
        }

        var rows: [CSVRow] = []
        for record in records.dropFirst() {
            if record.fields.count > columns.count {
                let extra = record.fields[columns.count]
                problems.append(Problem(.error, "row has \(record.fields.count) cells but the header has \(columns.count) columns",
                                        file: file, line: extra.line, column: extra.column))
                rows.append(incomplete(record, columns))
                continue
            }
            if record.fields.count < columns.count {
                problems.append(Problem(.error, "row has \(record.fields.count) cells but the header has \(columns.count) columns; missing '\(columns[record.fields.count])'",
                                        file: file, line: record.line, column: record.endColumn))
                rows.append(incomplete(record, columns))
                continue
            }
            var cells: [String: CSVField] = [:]
            for (name, field) in zip(columns, record.fields) where cells[name] == nil {
                cells[name] = field
            }
            rows.append(CSVRow(line: record.line, endColumn: record.endColumn, cells: cells))
        }
        return (CSVTable(file: file, columns: columns, rows: rows, endLine: endLine), problems)
    }

    private static func incomplete(_ record: CSVRecord, _ columns: [String]) -> CSVRow {
        var cells: [String: CSVField] = [:]
        if let name = columns.first, let first = record.fields.first { cells[name] = first }
        return CSVRow(line: record.line, endColumn: record.endColumn, cells: cells, complete: false)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}

/// The closest candidate within a small edit distance, for "did you mean" hints.
func nearest(_ name: String, in candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
    let scored = candidates.map { ($0, distance(Array(name.lowercased()), Array($0.lowercased()))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }),
          best.1 <= Swift.max(2, name.count / 3) else { return nil }
    return best.0
}
