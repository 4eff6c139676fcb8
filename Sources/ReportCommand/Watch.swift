import ArgumentParser
import Analysis
import Dispatch
import Foundation
import Report

extension ReportCommand {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build, then rebuild whenever a file in the paper folder changes (Ctrl-C stops).",
            discussion: """
            Watches every page, data file and the bibliography. A failed build prints its \
            diagnostics and leaves the output folder as the last good build left it.
            """)

        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out: String = "build"

        func run() async throws {
            let loop = liveLoop(paper, out: out)
            let root = paper.paper, out = self.out
            say("watching \(root)/ (Ctrl-C stops)")
            do {
                try await untilInterrupted {
                    try await loop.run { build in printLiveBuild(build, root: root, out: out) }
                }
            } catch let error as Diagnostic {
                throw fail([error], root: root)
            }
        }
    }
}

/// The rebuild loop of `watch` and `serve`: a fresh analysis notebook per build, so
/// that edited data is read again.
func liveLoop(_ paper: PaperOptions, out: String) -> RebuildLoop {
    let url = paper.paperURL
    return RebuildLoop(options: paper.buildOptions(output: out)) {
        AnalysisNotebook(paperDirectory: url, fingerprint: BinaryFingerprint.current)
    }
}

/// One line per build (with the time, since these lines pile up in a terminal left
/// open), and a failed build's diagnostics above it.
func printLiveBuild(_ build: LiveBuild, root: String, out: String) {
    let formatter = DateFormatter()
    formatter.dateFormat = "HH:mm:ss"
    let time = formatter.string(from: Date())
    var cause = ""
    if let first = build.changed.first {
        let name = first.isEmpty ? "the paper folder" : first
        cause = build.changed.count == 1 ? "\(name) changed: " : "\(name) and \(build.changed.count - 1) more changed: "
    }
    let index = URL(fileURLWithPath: out).appendingPathComponent("index.html").path
    switch build.outcome {
    case .built(let report):
        printDiagnostics(report.warnings, root: root)
        let what = report.wrote ? "built \(index)" : "up to date"
        say("[\(time)] \(cause)\(what) (\(report.computed) computed, \(report.cached) cached, \(build.milliseconds) ms)")
    case .failed(let diagnostics):
        printDiagnostics(diagnostics, root: root)
        let errors = diagnostics.filter { $0.severity == .error }.count
        say("[\(time)] \(cause)build failed with \(errors) error\(errors == 1 ? "" : "s"); \(out)/ still holds the last good build")
    }
}

/// Writes a line to stdout at once (print is buffered when stdout is not a terminal,
/// and a log of a long-running command must not lag behind).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Runs `body` until it ends or the user presses Ctrl-C (or the process gets SIGTERM);
/// then cancels it and waits for it, so that a build in progress finishes writing. A
/// second Ctrl-C exits at once (the output folder is swapped in atomically, so even
/// that leaves no half-written build).
func untilInterrupted(_ body: @escaping @Sendable () async throws -> Void) async throws {
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    let task = Task { try await body() }
    let sources = [SIGINT, SIGTERM].map { number in
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            if task.isCancelled { exit(130) }
            FileHandle.standardError.write(Data("\nreport: stopping\n".utf8))
            task.cancel()
        }
        source.resume()
        return source
    }
    defer { for source in sources { source.cancel() } }
    do {
        try await task.value
    } catch {
        if !task.isCancelled { throw error }
    }
}
