/// What a label points to: a numbered figure, table, claim or section on some page.
struct Target: Sendable {
    enum Kind: String, Sendable {
        case figure = "Figure", table = "Table", claim = "Claim", section = "Section", equation = "Equation"
    }
    var kind: Kind
    var label: String
    var number: String
    var page: Page
    var location: SourceLocation

    /// "Figure 2"
    var name: String { "\(kind.rawValue) \(number)" }
}

/// Numbers figures, tables, claims and sections in reading order across pages, gives
/// every labelled thing a target, and numbers citations by first use.
struct Resolution {
    var targets: [String: Target] = [:]
    /// The label of each block directive, by its code node.
    var blockLabels: [MarkdownNode: String] = [:]
    /// Number ("2.1") and anchor id of each numbered heading.
    var headingNumbers: [MarkdownNode: String] = [:]
    var headingIDs: [MarkdownNode: String] = [:]
    /// Citation numbers by BibTeX key, in order of first citation.
    var citationNumbers: [String: Int] = [:]
    var citedEntries: [BibEntry] = []

    init(project: Project, sink: inout DiagnosticSink) {
        var counters: [Target.Kind: Int] = [:]
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
                if let number { headingNumbers[heading.node] = number }
                var id = heading.label ?? "s-" + slug(heading.text)
                if heading.label == nil {
                    var n = 2
                    let base = id
                    while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
                }
                ids.insert(id)
                headingIDs[heading.node] = id
                if let label = heading.label {
                    register(Target(kind: .section, label: label, number: number ?? heading.text,
                                    page: page, location: heading.location))
                }
            }
            for block in page.body.blocks {
                let kind: Target.Kind = switch block.kind {
                case .figure: .figure
                case .table: .table
                case .claim: .claim
                }
                counters[kind, default: 0] += 1
                let label: String
                if let option = block.option("label") {
                    if let problem = labelProblem(option.value, prefix: block.kind.labelPrefix) {
                        sink.error(problem, at: option.location)
                        continue
                    }
                    label = option.value
                } else if block.kind == .claim {
                    label = "clm-\(counters[kind]!)"
                } else {
                    // A figure or table without a label gets one from its name, so its
                    // files still have stable names; a second one needs an explicit label.
                    label = block.kind.labelPrefix + ([block.name] + block.arguments).joined(separator: "-").lowercased()
                }
                blockLabels[block.node] = label
                register(Target(kind: kind, label: label, number: "\(counters[kind]!)", page: page, location: block.location))
            }
            // Equations are numbered when labelled (the scanner checked the label).
            for equation in page.body.equations {
                guard let label = equation.label else { continue }
                counters[.equation, default: 0] += 1
                register(Target(kind: .equation, label: label, number: "\(counters[.equation]!)", page: page,
                                location: equation.location))
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
                    case .citation(let keys):
                        for key in keys {
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
