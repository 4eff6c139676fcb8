// Reads and checks `data/networks.csv`. Every problem is collected with its file, line
// and column, so that an author fixing the data sees all of them in one build.

import NotebookInterface

enum NetworksFile {
    static let path = "data/networks.csv"

    static let schema = CSVSchema(
        required: ["id", "name", "family", "in_original", "top1", "top1_source"],
        optional: ["variant", "input", "top5", "modern_top1", "modern_source",
                   "reported_params", "reported_gops", "reported_source", "era", "year"],
        allowsOtherColumns: true)

    /// Parses `text` and joins it with the architectures' counts. Returns the dataset only
    /// when there is no problem at all: a figure drawn from half-valid data would mislead.
    static func load(_ text: String, architectures: Architectures,
                     counted: (counts: [String: NetworkCounts], problems: [Problem]))
        -> (dataset: Dataset?, problems: [Problem])
    {
        let file = path
        let (table, syntax) = CSVTable.read(text, file: file, schema: schema)
        var problems = syntax
        var reader = CellReader(file: file)
        var records: [NetworkRecord] = []
        var firstLine: [String: Int] = [:]
        let defined = Set(architectures.ids)

        for row in table.rows {
            if !row.complete {
                // Already reported; remember its id so it is not also called missing.
                if table.columns.first == "id" { firstLine[row.text("id")] = firstLine[row.text("id")] ?? row.line }
                continue
            }
            guard let id = reader.text(row, "id") else { continue }
            if !isValidID(id) {
                reader.fail(row, "id", "id '\(id)' may hold only lowercase letters, digits, '.' and '-', starting with a letter or digit")
                continue
            }
            if let first = firstLine[id] {
                reader.fail(row, "id", "duplicate id '\(id)' (first on line \(first))")
                continue
            }
            firstLine[id] = row.line

            let name = reader.text(row, "name")
            let family = reader.text(row, "family")
            let inOriginal = reader.flag(row, "in_original")
            let top1 = reader.number(row, "top1", in: 0...100, unit: " %")
            let top5 = reader.number(row, "top5", in: 0...100, unit: " %", optional: true)
            if let top1, let top5, top5 < top1 {
                reader.fail(row, "top5", "top-5 accuracy \(plain(top5)) % is below top-1 accuracy \(plain(top1)) %")
            }
            let top1Source = reader.text(row, "top1_source")
            let modernTop1 = reader.number(row, "modern_top1", in: 0...100, unit: " %", optional: true)
            if modernTop1 != nil && row.text("modern_source").isEmpty {
                reader.fail(row, "modern_source", "'modern_source' is empty but 'modern_top1' is given")
            }
            let input = reader.count(row, "input", optional: true)
            let reportedParams = reader.count(row, "reported_params", optional: true)
            let reportedGops = reader.number(row, "reported_gops", in: Double.leastNonzeroMagnitude...1e6, unit: " G-Ops", optional: true)
            let hasReported = !row.text("reported_params").isEmpty || !row.text("reported_gops").isEmpty
            if hasReported {
                if row.text("reported_params").isEmpty {
                    reader.fail(row, "reported_params", "'reported_gops' is given but 'reported_params' is empty")
                }
                if row.text("reported_gops").isEmpty {
                    reader.fail(row, "reported_gops", "'reported_params' is given but 'reported_gops' is empty")
                }
                if row.text("reported_source").isEmpty {
                    reader.fail(row, "reported_source", "reported values need a 'reported_source'")
                }
            }

            // The row must be backed by exactly one of: an architecture, reported values.
            let counts = counted.counts[id]
            if defined.contains(id) && hasReported {
                reader.fail(row, "reported_params", "'\(id)' has an architecture, so its size and cost are computed; remove the reported values")
            } else if !defined.contains(id) && !hasReported {
                var message = "no architecture is defined for '\(id)' and it has no reported values"
                if let near = nearest(id, in: architectures.ids) { message += "; did you mean '\(near)'?" }
                reader.fail(row, "id", message)
            }
            if let input, let counts, let side = counts.inputShape.last, side != input {
                reader.fail(row, "input", "input is \(input) but the architecture of '\(id)' is counted at \(side)×\(side)")
            }

            // The era defaults to what `in_original` says (2016 or the 2018 update);
            // networks added ten years later must say `later`.
            var era: NetworkSummary.Era? = inOriginal.map { $0 ? .original : .update }
            let eraText = row.text("era")
            if !eraText.isEmpty {
                if let given = NetworkSummary.Era(rawValue: eraText) {
                    if inOriginal == true && given != .original {
                        reader.fail(row, "era", "era is '\(eraText)' but in_original is yes; a network of the 2016 figures has era 'original'")
                    } else if inOriginal == false && given == .original {
                        reader.fail(row, "era", "era is 'original' but in_original is no")
                    }
                    era = given
                } else {
                    reader.fail(row, "era", "'era' is '\(eraText)'; expected one of "
                        + NetworkSummary.Era.allCases.map(\.rawValue).joined(separator: ", "))
                    era = nil
                }
            }
            let year = reader.count(row, "year", optional: true)
            if let year, !(1990...2100).contains(year) {
                reader.fail(row, "year", "'year' is \(year); expected the year of the network's first publication")
            }

            guard let name, let family, let inOriginal, let top1, let top1Source, let era else { continue }
            records.append(NetworkRecord(
                id: id, name: name, family: family, inOriginal: inOriginal, input: input,
                variant: row.text("variant"), top1: top1, top5: top5, top1Source: top1Source,
                modernTop1: modernTop1, modernSource: row.text("modern_source"),
                reportedParams: reportedParams,
                reportedOps: reportedGops.map { Int(($0 * 1e9).rounded()) },
                reportedSource: row.text("reported_source"), era: era, year: year, line: row.line))
        }

        // Only check for missing rows when the header could be read: otherwise every
        // architecture would be reported missing for one typo in the header.
        if !table.columns.isEmpty && table.columns.contains("id") {
            for id in architectures.ids where !architectures.comparisonOnly.contains(id) && firstLine[id] == nil {
                problems.append(Problem(.error, "architecture '\(id)' has no row in \(file); add one with its accuracy and source",
                                        file: file, line: table.endLine, column: 1))
            }
        }
        problems += reader.problems
        problems += counted.problems
        guard problems.isEmpty else { return (nil, sortedByPosition(problems)) }

        let networks = records.map { r -> NetworkSummary in
            if let c = counted.counts[r.id] {
                return NetworkSummary(id: r.id, name: r.name, family: r.family, inOriginal: r.inOriginal,
                                      top1: r.top1, top5: r.top5, params: c.params, macs: c.macs,
                                      ops: c.ops, opsProfiler: c.opsProfiler, source: .derived,
                                      era: r.era, year: r.year)
            }
            // Reported values: the original plotted the profiler's count, and the
            // multiply-accumulates of a network nobody can rebuild are unknown (0).
            return NetworkSummary(id: r.id, name: r.name, family: r.family, inOriginal: r.inOriginal,
                                  top1: r.top1, top5: r.top5, params: r.reportedParams ?? 0, macs: 0,
                                  ops: r.reportedOps ?? 0, opsProfiler: r.reportedOps ?? 0, source: .reported,
                                  era: r.era, year: r.year)
        }
        return (Dataset(records: records, networks: networks, counts: counted.counts), [])
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isLowerAlnum else { return false }
        return id.unicodeScalars.allSatisfy { $0.isLowerAlnum || $0 == "-" || $0 == "." }
    }
}

extension Unicode.Scalar {
    var isLowerAlnum: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}

/// Problems in reading order: by file, line, column (file-less ones last).
func sortedByPosition(_ problems: [Problem]) -> [Problem] {
    problems.enumerated().sorted { a, b in
        let x = a.element, y = b.element
        if (x.file ?? "\u{10FFFF}") != (y.file ?? "\u{10FFFF}") { return (x.file ?? "\u{10FFFF}") < (y.file ?? "\u{10FFFF}") }
        if (x.line ?? .max) != (y.line ?? .max) { return (x.line ?? .max) < (y.line ?? .max) }
        if (x.column ?? .max) != (y.column ?? .max) { return (x.column ?? .max) < (y.column ?? .max) }
        return a.offset < b.offset
    }.map(\.element)
}
