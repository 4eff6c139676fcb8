import Chart
import Foundation
import NotebookInterface

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The paper folder.
    public var paper: URL
    /// The output folder; nil checks everything and writes nothing (`report check`).
    public var output: URL?
    public var useCache = true
    /// For a build without output (`report check`): an output folder whose cache to read.
    public var readCacheFrom: URL?
    /// SOURCE_DATE_EPOCH, when set: the date shown as "inputs last changed" and written
    /// into every PDF. The command line reads the environment once and passes it here;
    /// nothing below reads the environment.
    public var sourceDateEpoch: Int?
    public var reportVersion = "0.1.0"
    /// Write each page as one HTML file with everything embedded (`--self-contained`).
    public var selfContained = false
    /// Warnings are errors (`--strict`): the build stops before writing anything.
    public var strict = false
    /// Whether the new output folder is swapped in with RENAME_EXCHANGE where the file
    /// system has it; tests turn it off to take the way of file systems without it.
    var swapByExchange = true

    public init(paper: URL, output: URL?) {
        self.paper = paper
        self.output = output
    }
}

extension BuildOptions {
    /// What every cached result, page digest and build key depends on besides the
    /// files read: the notebook's code and the environment that changes output. This is
    /// the one place it is computed, so `build`, `check`, `watch` and `serve` agree.
    public func fingerprint(of notebook: any Notebook) -> String {
        notebook.fingerprint + (sourceDateEpoch.map { "+epoch:\($0)" } ?? "")
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var warnings: [Diagnostic]
    /// What happened, in order: per directive, cached or computed and why; per page,
    /// changed or not; what was written (`report build --verbose` prints it).
    public var log: [BuildEvent]
    public var computed: Int
    public var cached: Int
    /// Whether the output folder was written (false when nothing changed).
    public var wrote: Bool
    public var files: [String]
    /// Where the time went, in pipeline order (`report build --timings`).
    public var timings: [StageTiming] = []
}

/// Seconds spent in one stage of a build. `summed` times add up the parallel tasks that
/// ran them (the notebook's share of "evaluate"), so they can exceed the stage's wall time.
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

/// A build is a list of named stages over one typed context (`BuildContext`), like
/// Publish's publishing steps. Every stage adds its problems to one list, so a build
/// reports all of them at once; the stages that need a clean slate stop it first.
public struct Builder: Sendable {
    public let notebook: any Notebook
    public let options: BuildOptions

    /// The pipeline, top to bottom.
    static let stages: [Stage] = [.load, .scan, .resolve, .evaluate, .check, .draw, .render, .write]

    public init(notebook: any Notebook, options: BuildOptions) {
        self.notebook = notebook
        self.options = options
    }

    public func build() async throws(BuildFailure) -> BuildReport {
        var context = BuildContext(notebook: notebook, options: options)
        try context.checkOutputFolder()
        // Nothing changed since the last build? Then there is nothing to parse or compute.
        if let report = context.unchangedSinceLastBuild() {
            if options.strict, !report.warnings.isEmpty {
                var sink = DiagnosticSink()
                for warning in report.warnings { sink.add(warning) }
                sink.promoteWarnings()
                throw BuildFailure(sink.all)
            }
            return report
        }
        for stage in Self.stages {
            try await context.run(stage)
        }
        return context.report
    }
}
