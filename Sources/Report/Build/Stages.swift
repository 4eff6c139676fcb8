import Foundation
import NotebookInterface

// The stages of a build, in the order `Builder.stages` runs them. Each reads what the
// stages before it put into the context and adds its own part.

extension Stage {
    /// Reads every page and the bibliography; parses the pages changed since the last
    /// build (the others' scans are in its page records).
    static let load = Stage(name: .load, stops: false) { context in
        let previous = context.previousPages, fingerprint = context.fingerprint, version = context.options.reportVersion
        let cache = PageCache(key: { PageRecord.key(source: $0, fingerprint: fingerprint, version: version) },
                              scan: { file, key in previous?.scan(of: file, key: key) })
        context.project = Project.load(context.options.paper, cache: cache, sink: &context.sink)
    }

    /// Finds directives, values, references, headings and images in every page parsed,
    /// and neutralises author-written raw HTML.
    static let scan = Stage(name: .scan, stops: false) { context in
        context.project.scan(sink: &context.sink)
    }

    /// Numbers figures, tables, claims and sections; resolves labels and citations.
    static let resolve = Stage(name: .resolve, stops: false) { context in
        context.resolution = Resolution(project: context.project, sink: &context.sink)
        Leftovers.check(context.project, sink: &context.sink)
    }

    /// Evaluates every distinct request once, through the cache, in parallel.
    static let evaluate = Stage(name: .evaluate, stops: false) { context in
        var seen: Set<Request> = []
        // Values by key first: a large paper uses each of a few hundred values tens of
        // times, and a key is cheaper to look up than a request.
        var seenValues: Set<String> = []
        func use(_ request: Request, at location: SourceLocation) {
            guard seen.insert(request).inserted else { return }
            context.requests.append(request)
            context.firstUse[request] = location
        }
        for page in context.project.pages {
            for fragment in page.fragments {
                for block in fragment.blocks {
                    if let request = block.request { use(request, at: block.location) }
                }
                for value in fragment.values where seenValues.insert(value.key).inserted {
                    use(value.request, at: value.location)
                }
            }
        }
        context.outcomes = await context.evaluator.evaluate(context.requests)
        context.timings += context.evaluator.clock.totals()
    }

    /// Turns what was found into diagnostics: the builder's options against the kinds'
    /// declarations, unknown names, the notebook's problems, claims that no longer hold.
    static let check = Stage(name: .check, stops: true) { context in
        context.checkBuilderOptions()
        context.checkOutcomes()
    }

    /// Draws every computed figure in every format (cached ones are already drawn).
    static let draw = Stage(name: .draw, stops: true) { context in
        await context.drawFigures()
    }

    /// Renders the pages and collects every output file.
    static let render = Stage(name: .render, stops: true) { (context: inout BuildContext) throws(BuildFailure) in
        try context.renderFiles()
        if context.options.strict { context.sink.promoteWarnings() }
    }

    /// Writes the output folder and the cache, under the build lock, and swaps it in.
    static let write = Stage(name: .write, stops: true) { (context: inout BuildContext) throws(BuildFailure) in
        try context.writeOutput()
    }
}
