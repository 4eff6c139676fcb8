/// What a label points to: a numbered figure, table, claim or section on some page.
struct Target {
    /// What a reference calls it before its number: "Figure", "Section".
    var noun: String
    var label: String
    var number: String
    var page: Page
    var location: SourceLocation

    /// "Figure 2"
    var name: String { "\(noun) \(number)" }
}

/// Numbers figures, tables, claims and sections in reading order across pages, gives
/// every labelled thing a target, and numbers citations by first use.
struct Resolution {
    var targets: [String: Target] = [:]
    /// The label of each block directive and author table, by where it is written
    /// (locations, not tree nodes: most pages are not parsed in a build, see `ScanRecord`).
    var blockLabels: [SourceLocation: String] = [:]
    /// Number ("2.1") and anchor id of each numbered heading, by where it is written.
    var headingNumbers: [SourceLocation: String] = [:]
    var headingIDs: [SourceLocation: String] = [:]
    /// Citation numbers by BibTeX key, in order of first citation.
    var citationNumbers: [String: Int] = [:]
    var citedEntries: [BibEntry] = []

    /// Nothing resolved yet.
    init() {}

    init(project: Project, sink: inout DiagnosticSink) {
        var counters: [DirectiveKind: Int] = [:]
        var section = 0, subsection = 0

        func register(_ target: Target) {
            if let existing = targets[target.label] {
                sink.error("duplicate label '\(target.label)' (first used at \(existing.location.file):\(existing.location.line))",
                           at: target.location)
            } else {
                targets[target.label] = target
            }
        }

        for page in project.pages {
            var ids: Set<String> = []
            for heading in page.headings {
                var number: String?
                if heading.level == 2 {
                    section += 1; subsection = 0
                    number = "\(section)"
                } else if heading.level == 3, section > 0 {
                    subsection += 1
                    number = "\(section).\(subsection)"
                }
                if let number { headingNumbers[heading.location] = number }
                var id = heading.label ?? "s-" + slug(heading.text)
                if heading.label == nil {
                    var n = 2
                    let base = id
                    while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
                }
                ids.insert(id)
                headingIDs[heading.location] = id
                if let label = heading.label {
                    register(Target(noun: "Section", label: label, number: number ?? heading.text,
                                    page: page, location: heading.location))
                }
            }
            // Author tables are numbered with computed tables, in reading order.
            var authorTables = page.facts.authorTables[...]
            func numberAuthorTables(before location: SourceLocation?) {
                while let table = authorTables.first, location.map({ table.location < $0 }) ?? true {
                    authorTables.removeFirst()
                    counters[.table, default: 0] += 1
                    let number = counters[.table]!
                    let label = table.label?.value ?? "tbl-table-\(number)"
                    blockLabels[table.location] = label
                    register(Target(noun: "Table", label: label, number: "\(number)", page: page, location: table.location))
                }
            }
            defer { numberAuthorTables(before: nil) }
            for block in page.blocks {
                numberAuthorTables(before: block.location)
                guard let rule = block.kind.label else { continue }
                if rule.unlabelled == .unnumbered, block.option("label") == nil { continue }
                counters[block.kind, default: 0] += 1
                let number = counters[block.kind]!
                let label: String
                if let option = block.option("label") {
                    if let problem = labelProblem(option.value, prefix: rule.prefix) {
                        sink.error(problem, at: option.location)
                        continue
                    }
                    label = option.value
                } else {
                    switch rule.unlabelled {
                    case .numbered:
                        label = "\(rule.prefix)\(number)"
                    case .fromName:
                        // Named after what it shows, so its files still have stable names;
                        // a second one needs an explicit label.
                        label = rule.prefix + ([block.name] + block.arguments).joined(separator: "-").lowercased()
                    case .unnumbered:
                        continue
                    }
                }
                blockLabels[block.location] = label
                register(Target(noun: rule.noun, label: label, number: "\(number)", page: page, location: block.location))
            }
        }

        // Cross-references and citations, in reading order.
        let entries = Dictionary(project.bibliography.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for page in project.pages {
            for fragment in page.fragments {
                for reference in fragment.references {
                    switch reference.kind {
                    case .crossReference(let label):
                        if targets[label] == nil {
                            sink.error(withSuggestion("unresolved reference '@\(label)'", for: label, among: targets.keys),
                                       at: reference.location)
                        }
                    case .narrative(let item):
                        // `@word` that is no BibTeX key is just text (a leftover check
                        // warns about keys that stay unresolved).
                        if let entry = entries[item.key], citationNumbers[item.key] == nil {
                            citedEntries.append(entry)
                            citationNumbers[item.key] = citedEntries.count
                        }
                    case .citation(let items):
                        for key in items.map(\.key) {
                            guard let entry = entries[key] else {
                                let message = project.bibliography.isEmpty && project.sources[Project.bibliographyFile] == nil
                                    ? "unknown citation key '\(key)': there is no \(Project.bibliographyFile) in the paper folder"
                                    : withSuggestion("unknown citation key '\(key)'", for: key, among: entries.keys)
                                sink.error(message, at: reference.location)
                                continue
                            }
                            if citationNumbers[key] == nil {
                                citedEntries.append(entry)
                                citationNumbers[key] = citedEntries.count
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A URL-fragment-safe id from heading text: lowercase ASCII words joined by hyphens.
func slug(_ text: String) -> String {
    var out = ""
    var pendingHyphen = false
    for scalar in text.lowercased().unicodeScalars {
        if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            if pendingHyphen, !out.isEmpty { out.append("-") }
            out.unicodeScalars.append(scalar)
            pendingHyphen = false
        } else {
            pendingHyphen = true
        }
    }
    return out.isEmpty ? "section" : String(out.prefix(60))
}
