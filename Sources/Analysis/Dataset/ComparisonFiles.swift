// The numbers others published, kept apart from the dataset because only the
// reproduction and the comparison with the 2018 papers read them:
// `data/original-figures.csv` (what the 2016 figures plotted) and
// `data/published-counts.csv` (what the 2018 networks' papers state).

import NotebookInterface

public struct OriginalFigure: Sendable, Equatable {
    public var id: String
    public var top1: Double
    public var paramsMillions: Double
    public var gops: Double
    public var source: String
    public var line: Int
}

public struct PublishedCount: Sendable, Equatable {
    public var id: String
    public var paramsMillions: Double?
    public var multAddsMillions: Double?
    public var source: String
    public var note: String
    public var line: Int
}

enum OriginalFiguresFile {
    static let path = "data/original-figures.csv"
    static let schema = CSVSchema(required: ["id", "top1", "params_millions", "gops", "source"], optional: [])

    /// Checks the file on its own and against the dataset: every id must be a network of
    /// the 2016 figures, and every such network must have a row.
    static func load(_ text: String, dataset: Dataset) -> (figures: [OriginalFigure]?, problems: [Problem]) {
        let (table, syntax) = CSVTable.read(text, file: path, schema: schema)
        var reader = CellReader(file: path)
        var figures: [OriginalFigure] = []
        var seen: [String: Int] = [:]
        for row in table.rows where row.complete {
            guard let id = reader.text(row, "id") else { continue }
            if let first = seen[id] {
                reader.fail(row, "id", "duplicate id '\(id)' (first on line \(first))"); continue
            }
            seen[id] = row.line
            if let record = dataset.record(id) {
                if !record.inOriginal {
                    reader.fail(row, "id", "'\(id)' is not marked in_original in \(NetworksFile.path)")
                }
            } else {
                var message = "'\(id)' is not a network of \(NetworksFile.path)"
                if let near = nearest(id, in: dataset.records.map(\.id)) { message += "; did you mean '\(near)'?" }
                reader.fail(row, "id", message)
            }
            let top1 = reader.number(row, "top1", in: 0...100, unit: " %")
            let params = reader.number(row, "params_millions", in: Double.leastNonzeroMagnitude...1e6)
            let gops = reader.number(row, "gops", in: Double.leastNonzeroMagnitude...1e6)
            let source = reader.text(row, "source")
            if let top1, let params, let gops, let source {
                figures.append(OriginalFigure(id: id, top1: top1, paramsMillions: params, gops: gops,
                                              source: source, line: row.line))
            }
        }
        if table.columns.contains("id") {
            for record in dataset.records where record.inOriginal && seen[record.id] == nil {
                reader.problems.append(Problem(.error, "'\(record.id)' is in the 2016 figures (\(NetworksFile.path) line \(record.line)) but has no row here",
                                               file: path, line: table.endLine, column: 1))
            }
        }
        let problems = sortedByPosition(syntax + reader.problems)
        return (problems.isEmpty ? figures : nil, problems)
    }
}

enum PublishedCountsFile {
    static let path = "data/published-counts.csv"
    static let schema = CSVSchema(required: ["id", "params_millions", "mult_adds_millions", "source"],
                                  optional: ["note"])

    /// Several sources may publish counts for one network (its paper first, then a
    /// reference implementation), but each source only once.
    static func load(_ text: String, dataset: Dataset) -> (counts: [PublishedCount]?, problems: [Problem]) {
        let (table, syntax) = CSVTable.read(text, file: path, schema: schema)
        var reader = CellReader(file: path)
        var counts: [PublishedCount] = []
        var seen: [String: Int] = [:]
        for row in table.rows where row.complete {
            guard let id = reader.text(row, "id"), let source = reader.text(row, "source") else { continue }
            if let first = seen[id + "\u{0}" + source] {
                reader.fail(row, "source", "'\(id)' already has counts from \(source) (line \(first))"); continue
            }
            seen[id + "\u{0}" + source] = row.line
            if dataset.record(id) == nil {
                var message = "'\(id)' is not a network of \(NetworksFile.path)"
                if let near = nearest(id, in: dataset.records.map(\.id)) { message += "; did you mean '\(near)'?" }
                reader.fail(row, "id", message)
            } else if dataset.network(id)?.source == .reported {
                reader.fail(row, "id", "'\(id)' has no architecture here, so there is nothing to compare its published counts with")
            }
            let params = reader.number(row, "params_millions", in: Double.leastNonzeroMagnitude...1e6, optional: true)
            let multAdds = reader.number(row, "mult_adds_millions", in: Double.leastNonzeroMagnitude...1e9, optional: true)
            if row.text("params_millions").isEmpty && row.text("mult_adds_millions").isEmpty {
                reader.fail(row, "params_millions", "the row gives neither parameters nor mult-adds")
            }
            counts.append(PublishedCount(id: id, paramsMillions: params, multAddsMillions: multAdds,
                                         source: source, note: row.text("note"), line: row.line))
        }
        let problems = sortedByPosition(syntax + reader.problems)
        return (problems.isEmpty ? counts : nil, problems)
    }
}
