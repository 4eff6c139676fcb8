import NotebookInterface

extension BuildContext {
    /// The options the builder reads, checked against each kind's declarations.
    mutating func checkBuilderOptions() {
        let optionContext = OptionContext(citationKeys: Set(project.bibliography.map(\.key)))
        for page in project.pages {
            for block in page.blocks {
                block.kind.checkOptions(of: block, context: optionContext, sink: &sink)
            }
        }
    }

    /// Turns outcomes into diagnostics (unknown names with suggestions, notebook
    /// problems, option problems, failed claims) and logs each directive's provenance.
    mutating func checkOutcomes() {
        let evaluator = self.evaluator
        func report(_ outcome: Evaluator.Outcome, request: Request, at location: SourceLocation,
                    options: [DirectiveOption], sink: inout DiagnosticSink) {
            if outcome.evaluation.unknownName {
                let names = evaluator.allOffers().filter { $0.kind == request.kind }.map(\.name)
                sink.error(withSuggestion("unknown \(request.kind.rawValue) '\(request.name)'", for: request.name, among: names),
                           at: location)
            }
            for problem in outcome.evaluation.problems {
                // A problem about one option (an unknown column in ':x:') points at its line.
                let at = problem.option.flatMap { key in options.first { $0.key == key }?.location } ?? location
                sink.add(Diagnostic(problem, fallback: at))
            }
            for (key, message) in outcome.optionProblems {
                sink.error(message, at: options.first { $0.key == key }?.location ?? location)
            }
        }

        var loggedValues: Set<String> = []
        // Each value's outcome by key (a large paper shows each value many times), and
        // whether it has anything to report at all.
        var valueOutcomes: [String: (outcome: Evaluator.Outcome, quiet: Bool)] = [:]
        for (request, outcome) in outcomes where request.kind == .value {
            let quiet = !outcome.evaluation.unknownName && outcome.evaluation.problems.isEmpty && outcome.optionProblems.isEmpty
            valueOutcomes[request.name] = (outcome, quiet)
        }
        for page in project.pages {
            for fragment in page.fragments {
                for block in fragment.blocks {
                    guard let request = block.request, let outcome = outcomes[request] else { continue }
                    report(outcome, request: request, at: block.location, options: block.options, sink: &sink)
                    log.append(.directive(at: block.location, kind: block.kind.name,
                                          what: ([block.name] + block.arguments).joined(separator: " "),
                                          provenance: outcome.evaluation.provenance))
                    if let result = outcome.evaluation.result { block.kind.verify(block, result, &sink) }
                }
                for value in fragment.values {
                    guard let (outcome, quiet) = valueOutcomes[value.key] else { continue }
                    if !quiet { report(outcome, request: value.request, at: value.location, options: [], sink: &sink) }
                    if loggedValues.insert(value.key).inserted {
                        log.append(.value(at: value.location, key: value.key, provenance: outcome.evaluation.provenance))
                    }
                }
            }
        }
        let values = outcomes.filter { $0.key.kind == .value }
        log.append(.values(distinct: values.count, cached: values.values.filter { $0.evaluation.provenance == .cached }.count))
    }
}
