import Chart
import Foundation
import NotebookInterface

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The paper folder, and the path to print in diagnostics (as the user typed it).
    public var paper: URL
    public var paperDisplayPath: String
    /// The output folder; nil checks everything and writes nothing (`report check`).
    public var output: URL?
    public var useCache = true
    /// For a build without output (`report check`): an output folder whose cache to read.
    public var readCacheFrom: URL?
    /// SOURCE_DATE_EPOCH, when set: the date shown as "inputs last changed".
    public var sourceDateEpoch: Int?
    public var reportVersion = "0.1.0"
    /// Write each page as one HTML file with everything embedded (`--self-contained`).
    public var selfContained = false

    public init(paper: URL, paperDisplayPath: String, output: URL?) {
        self.paper = paper
        self.paperDisplayPath = paperDisplayPath
        self.output = output
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var warnings: [Diagnostic]
    /// One line per directive: where it is, what it computes, and "cached" or
    /// "computed (why)"; then one line per page.
    public var log: [String]
    public var computed: Int
    public var cached: Int
    /// Whether the output folder was written (false when nothing changed).
    public var wrote: Bool
    public var files: [String]
    /// Where the time went, in pipeline order (`report build --timings`).
    public var timings: [StageTiming] = []
}

/// Seconds spent in one stage of a build. Stages marked `summed` add up the parallel
/// tasks that ran them (inside "evaluate"), so they can exceed the stage's wall time.
public struct StageTiming: Sendable {
    public var stage: String
    public var seconds: Double
    public var summed: Bool
}

/// Elapsed seconds since a start, for stage timings.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The pipeline, top to bottom:
///
///     load ─▶ scan ─▶ resolve ─▶ evaluate ─▶ check ─▶ render ─▶ write
///
/// Every stage adds its problems to one list, so a build reports all of them at once.
public struct Builder: Sendable {
    public let notebook: any Notebook
    public let options: BuildOptions

    public init(notebook: any Notebook, options: BuildOptions) {
        self.notebook = notebook
        self.options = options
    }

    public func build() async throws(BuildFailure) -> BuildReport {
        var sink = DiagnosticSink()
        var timings: [StageTiming] = []
        var mark = ContinuousClock.now
        func lap(_ stage: String) {
            timings.append(StageTiming(stage: stage, seconds: secondsSince(mark), summed: false))
            mark = ContinuousClock.now
        }
        if let out = options.output {
            do { try OutputFolder.check(out, paper: options.paper) } catch { throw BuildFailure([error]) }
        }

        // Nothing changed since the last build? Then there is nothing to parse or compute.
        if options.useCache, let out = options.output.map({ OutputFolder(url: $0) }),
           let previous = BuildKey.read(out.cacheURL.appendingPathComponent(BuildKey.fileName)),
           BuildKey.compute(paper: options.paper, inputs: previous.inputs, fingerprint: notebook.fingerprint,
                            options: options) == previous.digest,
           let manifest = out.readManifest(),
           manifest.keys.allSatisfy({ FileManager.default.fileExists(atPath: out.url.appendingPathComponent($0).path) }) {
            lap("compare inputs with the last build")
            return BuildReport(warnings: previous.warnings,
                               log: ["inputs identical to the last build's: all \(previous.directives) results cached, nothing written"],
                               computed: 0, cached: previous.directives, wrote: false,
                               files: manifest.keys.sorted(), timings: timings)
        }

        // Load and scan every page; resolve labels, numbers and citations.
        let project = Project.load(options.paper, sink: &sink)
        lap("load and parse pages")
        let resolution = Resolution(project: project, sink: &sink)
        checkBuilderOptions(project, sink: &sink)
        lap("resolve labels and references")

        // Evaluate every distinct request once, through the cache, in parallel.
        let output = options.output.map { OutputFolder(url: $0) }
        // `check` writes nothing but may still read the cache of an existing output folder.
        let cacheRoot = output?.cacheURL ?? options.readCacheFrom.map { OutputFolder(url: $0).cacheURL }
        let cache = ResultCache(readRoot: options.useCache ? cacheRoot : nil, fingerprint: notebook.fingerprint)
        let evaluator = Evaluator(notebook: notebook, cache: cache, inputs: InputDigests(folder: options.paper))
        var requests: [Request] = []
        var seen: Set<Request> = []
        for page in project.pages {
            for fragment in page.fragments {
                for request in fragment.blocks.compactMap(\.request) where seen.insert(request).inserted { requests.append(request) }
                for value in fragment.values where seen.insert(value.request).inserted { requests.append(value.request) }
            }
        }
        let outcomes = await evaluator.evaluate(requests)
        var log: [String] = []
        let results = check(project, outcomes: outcomes, evaluator: evaluator, sink: &sink, log: &log)
        lap("evaluate (cache, notebook, figures)")
        timings += evaluator.clock.totals()

        if sink.hasErrors { throw BuildFailure(sink.all) }

        // Render pages and collect every output file.
        let info = buildInfo(project)
        let digests = pageDigests(project, resolution: resolution, outcomes: outcomes, inputs: evaluator.inputs)
        let renderer = PageRenderer(project: project, resolution: resolution, results: results, info: info,
                                    pageDigests: digests)
        var files = outputFiles(project, resolution: resolution, results: results, renderer: renderer,
                                previous: output?.readManifest() ?? [:], log: &log)
        files += copiedImages(project, sink: &sink)
        if sink.hasErrors { throw BuildFailure(sink.all) }
        if options.selfContained {
            do { files = try SelfContained.pages(from: files) } catch { throw BuildFailure(sink.all + [error]) }
        }

        lap("render pages")
        let computed = outcomes.values.filter { $0.evaluation.provenance != .cached }.count
        var wrote = false
        if let output {
            var entries: [String: [UInt8]] = [:]
            var objects: [Blob] = []
            for outcome in outcomes.values {
                guard let new = outcome.newEntry else { continue }
                entries[new.key] = ResultCache.encode(new.entry)
                objects += new.objects
            }
            do {
                let lock = try BuildLock(output.lockURL) {
                    FileHandle.standardError.write(Data("report: waiting for another build of '\(output.url.path)' to finish\n".utf8))
                }
                defer { withExtendedLifetime(lock) {} }
                output.removeStaleStaging()
                wrote = try output.write(files, cacheEntries: entries, cacheObjects: objects, keepOldCache: options.useCache,
                                         buildKey: buildKey(project, outcomes: outcomes, warnings: sink.warnings))
            } catch {
                throw BuildFailure(sink.all + [error])
            }
        }
        lap("write output folder")
        log.append(wrote ? "wrote \(files.count) files to \(options.output?.path ?? "")" : "output unchanged: nothing written")
        return BuildReport(warnings: sink.warnings, log: log, computed: computed,
                           cached: outcomes.count - computed, wrote: wrote, files: files.map(\.path).sorted(),
                           timings: timings)
    }

    /// Every page, the stylesheet, and each figure's and table's files.
    private func outputFiles(_ project: Project, resolution: Resolution, results: [Request: Evaluated],
                             renderer: PageRenderer, previous: [String: String], log: inout [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        for page in project.pages {
            let html = renderer.document(page, body: renderer.bodyHTML(page))
            let file = OutputFile(path: page.outputName, blob: Blob(bytes: Array(html.utf8)))
            log.append("page \(page.file): \(previous[file.path] == file.blob.digest ? "unchanged" : "changed")")
            files.append(file)
        }
        files.append(OutputFile(path: "\(OutputPaths.assets)/style.css", blob: Blob(bytes: Array(stylesheet.utf8))))
        for page in project.pages {
            for block in page.body.blocks {
                guard let label = resolution.blockLabels[block.node], let result = block.request.flatMap({ results[$0] }) else { continue }
                files += block.kind.files(label, result)
            }
        }
        return files
    }

    // MARK: Checks

    /// The options the builder reads, checked against each kind's declarations.
    private func checkBuilderOptions(_ project: Project, sink: inout DiagnosticSink) {
        let context = OptionContext(citationKeys: Set(project.bibliography.map(\.key)))
        for page in project.pages {
            for block in page.body.blocks {
                block.kind.checkOptions(of: block, context: context, sink: &sink)
            }
        }
    }

    /// Turns outcomes into diagnostics (unknown names with suggestions, notebook
    /// problems, failed claims) and returns the results by request.
    private func check(_ project: Project, outcomes: [Request: Evaluator.Outcome], evaluator: Evaluator,
                       sink: inout DiagnosticSink, log: inout [String]) -> [Request: Evaluated] {
        var results: [Request: Evaluated] = [:]
        for (request, outcome) in outcomes { if let r = outcome.evaluation.result { results[request] = r } }

        func report(_ outcome: Evaluator.Outcome, request: Request, at location: SourceLocation,
                    options: [DirectiveOption]) {
            if outcome.evaluation.unknownName {
                let names = evaluator.allOffers().filter { $0.kind == request.kind }.map(\.name)
                sink.error(withSuggestion("unknown \(request.kind.rawValue) '\(request.name)'", for: request.name, among: names),
                           at: location)
            }
            for problem in outcome.evaluation.problems { sink.add(Diagnostic(problem, fallback: location)) }
            for (key, message) in outcome.optionProblems {
                sink.error(message, at: options.first { $0.key == key }?.location ?? location)
            }
        }

        var loggedValues: Set<String> = []
        for page in project.pages {
            for fragment in page.fragments {
                for block in fragment.blocks {
                    guard let request = block.request, let outcome = outcomes[request] else { continue }
                    report(outcome, request: request, at: block.location, options: block.options)
                    let what = ([block.name] + block.arguments).joined(separator: " ")
                    log.append("\(block.location.file):\(block.location.line): \(block.kind.name) \(what): \(outcome.evaluation.provenance.text)")
                    if let result = outcome.evaluation.result { block.kind.verify(block, result, &sink) }
                }
                for value in fragment.values {
                    guard let outcome = outcomes[value.request] else { continue }
                    report(outcome, request: value.request, at: value.location, options: [])
                    if loggedValues.insert(value.key).inserted {
                        log.append("\(value.location.file):\(value.location.line): value \(value.key): \(outcome.evaluation.provenance.text)")
                    }
                }
            }
        }
        let values = outcomes.filter { $0.key.kind == .value }
        let cachedValues = values.values.filter { $0.evaluation.provenance == .cached }.count
        log.append("values: \(values.count) distinct, \(cachedValues) cached, \(values.count - cachedValues) computed")
        return results
    }

    // MARK: Provenance

    private func buildInfo(_ project: Project) -> BuildInfo {
        let first = project.pages.first
        var lastChanged = first?.frontMatter.date
        if let epoch = options.sourceDateEpoch {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
            lastChanged = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
        }
        return BuildInfo(paperTitle: first?.title ?? "Untitled", authors: first?.frontMatter.authors ?? [],
                         date: first?.frontMatter.date, fingerprint: notebook.fingerprint, reportVersion: options.reportVersion,
                         lastChanged: lastChanged)
    }

    /// The record that lets the next build with identical inputs stop early (`BuildKey`).
    private func buildKey(_ project: Project, outcomes: [Request: Evaluator.Outcome], warnings: [Diagnostic]) -> [UInt8]? {
        var inputs = Set(outcomes.values.flatMap(\.evaluation.inputs))
        for page in project.pages {
            for fragment in page.fragments {
                for (node, _) in fragment.images { if let url = node.url { inputs.insert(url.removingPercentEncoding ?? url) } }
            }
        }
        let list = inputs.sorted()
        guard let digest = BuildKey.compute(paper: options.paper, inputs: list, fingerprint: notebook.fingerprint,
                                            options: options) else { return nil }
        return BuildKey(digest: digest, inputs: list, directives: outcomes.count, warnings: warnings).encoded()
    }

    /// A digest per page of everything its HTML depends on: its own source, the data
    /// files its results read, the bibliography, the paper-wide numbering and navigation,
    /// and the analysis fingerprint. Two readers with the same digest see the same page;
    /// editing one page's paragraph changes only that page's digest (and file).
    private func pageDigests(_ project: Project, resolution: Resolution,
                             outcomes: [Request: Evaluator.Outcome], inputs: InputDigests) -> [String: String] {
        var context = "fingerprint\0\(notebook.fingerprint)\nversion\0\(options.reportVersion)\n"
        if let bib = project.sources[Project.bibliographyFile] { context += "bib\0\(sha256Hex(bib))\n" }
        for page in project.pages {
            context += "page\0\(page.file)\0\(page.title)\n"
            if page === project.pages.first {
                context += "front\0\(page.frontMatter.authors.map { "\($0.name)/\($0.affiliation ?? "")" })\0\(page.frontMatter.date ?? "")\n"
            }
        }
        for (label, target) in resolution.targets.sorted(by: { $0.key < $1.key }) {
            context += "target\0\(label)\0\(target.name)\0\(target.page.file)\n"
        }
        for (key, n) in resolution.citationNumbers.sorted(by: { $0.key < $1.key }) { context += "cite\0\(key)\0\(n)\n" }
        let contextDigest = sha256Hex(context)
        var digests: [String: String] = [:]
        for page in project.pages {
            var text = "context\0\(contextDigest)\nsource\0\(sha256Hex(project.sources[page.file] ?? []))\n"
            var files: Set<String> = []
            for fragment in page.fragments {
                for request in fragment.blocks.compactMap(\.request) + fragment.values.map(\.request) {
                    files.formUnion(outcomes[request]?.evaluation.inputs ?? [])
                }
            }
            for path in files.sorted() { text += "input\0\(path)\0\(inputs.digest(path) ?? "-")\n" }
            digests[page.file] = sha256Hex(text)
        }
        return digests
    }

    /// Local images named in pages, copied to the same relative path in the output.
    private func copiedImages(_ project: Project, sink: inout DiagnosticSink) -> [OutputFile] {
        var files: [String: OutputFile] = [:]
        for page in project.pages {
            for fragment in page.fragments {
                for (node, location) in fragment.images {
                    guard let raw = node.url, !raw.isEmpty else { continue }
                    let path = (raw.removingPercentEncoding ?? raw).split(separator: "#").first.map(String.init) ?? raw
                    let url = options.paper.appendingPathComponent(path)
                    if path.hasPrefix("/") || path.split(separator: "/").contains("..") || pathProblem(url, inside: options.paper) != nil {
                        sink.error("image '\(path.prefix(80))' is outside the paper folder; only files inside it can be used", at: location)
                        continue
                    }
                    guard let data = try? Data(contentsOf: url) else {
                        sink.error("image '\(path.prefix(80))' does not exist in the paper folder", at: location)
                        continue
                    }
                    if OutputPaths.generated.contains(where: { path.hasPrefix($0 + "/") }) || path.hasSuffix(".html") {
                        sink.error("image '\(path.prefix(80))' would overwrite a generated file; move it to another folder", at: location)
                        continue
                    }
                    files[path] = OutputFile(path: path, blob: Blob(bytes: [UInt8](data)))
                }
            }
        }
        return files.values.sorted { $0.path < $1.path }
    }
}
