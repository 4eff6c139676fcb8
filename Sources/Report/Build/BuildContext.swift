import Foundation
import NotebookInterface

/// The page records of the last build, each read once when first asked for (pages
/// are loaded side by side, so it takes a lock).
final class PreviousPageRecords: @unchecked Sendable {
    private let cache: URL
    private var read: [String: PageRecord?] = [:]
    private let lock = NSLock()

    init(cache: URL) { self.cache = cache }

    func record(for file: String) -> PageRecord? {
        if let known = lock.withLock({ read[file] }) { return known }
        let record = (try? Data(contentsOf: PageRecord.url(in: cache, page: file))).flatMap { PageRecord([UInt8]($0)) }
        lock.withLock { read[file] = record }
        return record
    }

    /// The scan of a page from its record, with its archived bytes, when the record's
    /// key is the page's (its bytes, the fingerprint and the version are what it was made from).
    func scan(of file: String, key: String) -> (facts: ScanRecord, archive: [UInt8], shape: String?)? {
        guard let record = record(for: file), !record.scan.isEmpty, record.key == key,
              let scan = ScanRecord(archived: record.scan[...], file: file) else { return nil }
        return (scan, record.scan, record.shape.count == 64 ? record.shape : nil)
    }
}

/// Everything a build knows, filled in stage by stage (see `Builder.stages`).
struct BuildContext {
    let notebook: any Notebook
    let options: BuildOptions
    let output: OutputFolder?
    let evaluator: Evaluator
    /// What every result depends on besides the files it read: see `BuildOptions.fingerprint`.
    let fingerprint: String
    /// The last build's page records (nil without a cache to read): for pages kept as
    /// they were, and the scans of pages not changed since.
    let previousPages: PreviousPageRecords?

    var sink = DiagnosticSink()
    var log: [BuildEvent] = []
    var timings: [StageTiming] = []

    /// load, scan: the pages and the bibliography.
    var project = Project(pages: [], bibliography: [], sources: [:])
    /// resolve: labels, numbers, citations.
    var resolution = Resolution()
    /// evaluate: every distinct request once, with where it was first used.
    var requests: [Request] = []
    var firstUse: [Request: SourceLocation] = [:]
    var outcomes: [Request: Evaluator.Outcome] = [:]
    /// render: the output files, and what each rendered page read (`PageRecord`); the
    /// pages taken from the last build keep their records.
    var files: [OutputFile] = []
    var newPageRecords: [String: PageRecord] = [:]
    var keptPageRecords: Set<String> = []
    /// write
    var wrote = false

    init(notebook: any Notebook, options: BuildOptions) {
        self.notebook = notebook
        self.options = options
        output = options.output.map { OutputFolder(url: $0, swapByExchange: options.swapByExchange) }
        fingerprint = options.fingerprint(of: notebook)
        // `check` writes nothing but may still read the cache of an existing output folder.
        let cacheRoot = output?.cacheURL ?? options.readCacheFrom.map { OutputFolder(url: $0).cacheURL }
        let cache = ResultCache(readRoot: options.useCache ? cacheRoot : nil, fingerprint: fingerprint)
        evaluator = Evaluator(notebook: notebook, cache: cache, inputs: InputDigests(folder: options.paper))
        previousPages = options.useCache ? cacheRoot.map(PreviousPageRecords.init) : nil
    }


    /// The results, by request, once evaluated (and drawn).
    var results: [Request: Evaluated] {
        outcomes.compactMapValues(\.evaluation.result)
    }

    var report: BuildReport {
        let computed = outcomes.values.filter { $0.evaluation.provenance != .cached }.count
        return BuildReport(warnings: sink.warnings, log: log, computed: computed, cached: outcomes.count - computed,
                           wrote: wrote, files: files.map(\.path).sorted(), timings: timings)
    }

    func checkOutputFolder() throws(BuildFailure) {
        if let out = options.output {
            do { try OutputFolder.check(out, paper: options.paper) } catch { throw BuildFailure([error]) }
        }
    }

    /// The report of a build whose inputs equal the last build's (`BuildKey`), or nil.
    mutating func unchangedSinceLastBuild() -> BuildReport? {
        let start = ContinuousClock.now
        guard options.useCache, let out = output,
              let previous = BuildKey.read(out.cacheURL.appendingPathComponent(BuildKey.fileName)),
              BuildKey.compute(paper: options.paper, inputs: previous.inputs, fingerprint: fingerprint,
                               options: options) == previous.digest,
              let manifest = out.readManifest(),
              out.holdsEveryFile(of: manifest)
        else { return nil }
        timings.append(StageTiming(stage: "compare inputs with the last build", seconds: secondsSince(start), summed: false))
        return BuildReport(warnings: previous.warnings, log: [.upToDate(directives: previous.directives)],
                           computed: 0, cached: previous.directives, wrote: false,
                           files: manifest.keys.sorted(), timings: timings)
    }
}
