import ArgumentParser
import Analysis
import Foundation
import NotebookInterface
import Report

/// `report` — builds a living, reproducible paper.
@main
struct ReportCommand: AsyncParsableCommand {
    static let version = "0.1.0"
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build a living, reproducible paper from Markdown with computed figures, tables, values and claims.",
        version: version,
        subcommands: [Build.self, Check.self, List.self, Values.self, Watch.self, Serve.self, Clean.self,
                      Export.self, Measure.self],
        defaultSubcommand: nil)
}

/// Options shared by the commands that read a paper.
struct PaperOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The paper folder: its *.md pages, data/ and references.bib.", valueName: "dir"))
    var paper: String = "paper"

    var paperURL: URL { URL(fileURLWithPath: paper).standardizedFileURL }

    func notebook() -> AnalysisNotebook {
        AnalysisNotebook(paperDirectory: paperURL, fingerprint: BinaryFingerprint.current)
    }

    func buildOptions(output: String?) -> BuildOptions {
        var options = BuildOptions(paper: paperURL,
                                   output: output.map { URL(fileURLWithPath: $0).standardizedFileURL })
        options.reportVersion = ReportCommand.version
        // The only place the environment is read: whatever in it changes output is passed
        // on explicitly (and so is part of `BuildOptions.fingerprint`).
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let n = Int(epoch) {
            options.sourceDateEpoch = n
        }
        return options
    }
}

/// Prints diagnostics in the compiler format, errors and warnings alike, to stderr.
func printDiagnostics(_ diagnostics: [Diagnostic], root: String) {
    for d in diagnostics.sorted() {
        FileHandle.standardError.write(Data((d.formatted(root: root) + "\n").utf8))
    }
}

func fail(_ diagnostics: [Diagnostic], root: String, stage: StageName? = nil) -> ExitCode {
    printDiagnostics(diagnostics, root: root)
    let errors = diagnostics.filter { $0.severity == .error }.count
    let when = stage.map { " (the build stopped at its \($0.rawValue) stage)" } ?? ""
    FileHandle.standardError.write(Data("report: \(errors) error\(errors == 1 ? "" : "s")\(when); nothing was written\n".utf8))
    return ExitCode(1)
}

extension ReportCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the paper into the output folder (default: build/).",
            discussion: """
            Evaluates every directive against the analysis (reusing cached results whose inputs \
            are unchanged), renders the pages, figures and data files, and swaps the new output \
            folder in only when the whole build succeeded.
            """)

        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out: String = "build"
        @Flag(name: .long, help: "Say, per directive, whether it was cached or computed, and why.")
        var verbose = false
        @Flag(name: .long, help: "Recompute everything, ignoring cached results.")
        var noCache = false
        @Flag(name: .long, help: "Write each page as one HTML file with its images, stylesheet and downloads embedded, to send on its own.")
        var selfContained = false
        @Flag(name: .long, help: "Print the seconds spent in each stage of the build (to find where time goes).")
        var timings = false
        @Flag(name: .long, help: "Treat warnings as errors: the build fails and writes nothing (for CI).")
        var strict = false

        func run() async throws {
            let start = Date()
            var options = paper.buildOptions(output: out)
            options.useCache = !noCache
            options.strict = strict
            options.selfContained = selfContained
            let builder = Builder(notebook: paper.notebook(), options: options)
            do {
                let report = try await builder.build()
                printDiagnostics(report.warnings, root: paper.paper)
                if verbose { for line in report.log { print(line) } }
                let ms = Int(Date().timeIntervalSince(start) * 1000)
                let index = URL(fileURLWithPath: out).appendingPathComponent("index.html").path
                print("\(report.wrote ? "built" : "up to date"): \(index) (\(report.computed) computed, \(report.cached) cached, \(ms) ms)")
                if timings {
                    for t in report.timings {
                        print("timing\t\(String(format: "%.6f", t.seconds))\t\(t.stage)")
                    }
                }
            } catch {
                throw fail(error.diagnostics, root: paper.paper, stage: error.stage)
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Do everything a build does, without writing anything.")

        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: ArgumentHelp("An output folder whose cached results may be reused (read only).", valueName: "dir"))
        var out: String = "build"

        func run() async throws {
            var options = paper.buildOptions(output: nil)
            options.readCacheFrom = URL(fileURLWithPath: out).standardizedFileURL
            let builder = Builder(notebook: paper.notebook(), options: options)
            do {
                let report = try await builder.build()
                printDiagnostics(report.warnings, root: paper.paper)
                print("ok: \(report.computed + report.cached) directives checked, no errors")
            } catch {
                throw fail(error.diagnostics, root: paper.paper, stage: error.stage)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every figure, table, value and claim the analysis offers.")

        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: ArgumentHelp("Only this kind: \(Listing.kinds.joined(separator: ", ")).", valueName: "kind"))
        var kind: String?

        func run() async throws {
            let offers: [Offer]
            do { offers = try paper.notebook().offers() } catch { throw fail(error.diagnostics(), root: paper.paper) }
            do {
                let lines = try Listing.lines(offers: offers, kind: kind)
                print(lines.map { $0 + "\n" }.joined(), terminator: "")
            } catch {
                throw fail([error], root: paper.paper)
            }
        }
    }

    struct Values: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every value key and its raw value as 'key<TAB>value', sorted by key.")

        @OptionGroup var paper: PaperOptions
        @Argument(help: "Only keys starting with this prefix (e.g. 'network.resnet-50.').")
        var prefix: String = ""

        func run() async throws {
            let notebook = paper.notebook()
            var lines: [String] = []
            var problems: [Diagnostic] = []
            do {
                let keys = try notebook.offers().filter { $0.kind == .value && $0.name.hasPrefix(prefix) }.map(\.name).sorted()
                for key in keys {
                    do {
                        let result = try notebook.evaluate(Request(kind: .value, name: key))
                        if case .value(let v) = result.output { lines.append("\(key)\t\(v.raw)") }
                    } catch {
                        problems += error.diagnostics()
                    }
                }
            } catch {
                problems += error.diagnostics()
            }
            if !problems.isEmpty { throw fail(problems, root: paper.paper) }
            print(lines.joined(separator: "\n"), terminator: lines.isEmpty ? "" : "\n")
        }
    }

    struct Clean: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the output folder (only what builds created, cache included).")

        @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out: String = "build"
        @Option(name: .long, help: ArgumentHelp("The paper folder (never removed).", valueName: "dir"))
        var paper: String = "paper"

        func run() async throws {
            do {
                let leftovers = try Report.clean(output: URL(fileURLWithPath: out).standardizedFileURL,
                                                 paper: URL(fileURLWithPath: paper).standardizedFileURL)
                if !leftovers.isEmpty {
                    print("removed the build; kept \(leftovers.count) file(s) that report did not create: \(leftovers.prefix(5).joined(separator: ", "))")
                }
            } catch {
                throw fail([error], root: paper)
            }
        }
    }
}

extension NotebookError {
    func diagnostics() -> [Diagnostic] {
        switch self {
        case .unknownName(let kind, let name): return [.error("unknown \(kind.rawValue) '\(name)'", at: nil)]
        case .problems(let problems): return problems.map { Diagnostic(problem: $0) }
        }
    }
}
