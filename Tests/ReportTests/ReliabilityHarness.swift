import Foundation
import Testing

// Reliability tests drive the real `report` binary as a user would: a paper folder on
// disk, a subprocess, its exit status and stderr. Only a subprocess shows what a user
// sees — a crash, a stack trace, a half-written output folder — so these tests never
// call the builder in-process.

/// The `report` executable built beside this test bundle.
enum ReportExecutable {
    /// `REPORT_BINARY` overrides; otherwise the test runner's own folder (SwiftPM puts
    /// the test bundle and the executables of one configuration in the same folder).
    static let url: URL? = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["REPORT_BINARY"], fm.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
            // The runner may sit inside a bundle folder (`x.xctest/Contents/MacOS` on macOS).
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("report"))
                folder.deleteLastPathComponent()
            }
        }
        candidates.append(ReliabilityPaths.repository.appendingPathComponent(".build/debug/report"))
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }()

    static func require() throws -> URL {
        guard let url else {
            throw ReliabilityError("the `report` executable was not found next to the test bundle; run `swift build` first (or set REPORT_BINARY)")
        }
        return url
    }
}

/// How many times slower than usual `report` runs in this test process: under a
/// sanitizer (`make sanitize`) the binary beside the tests is instrumented too, so time
/// limits stretch by this factor.
enum Slowdown {
    static let factor: Double = {
        if dlsym(nil, "__tsan_init") != nil { return 10 }
        if dlsym(nil, "__asan_init") != nil { return 4 }
        return 1
    }()
    static var sanitized: Bool { factor > 1 }
}

struct ReliabilityError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum ReliabilityPaths {
    /// The repository root, from this file's place in `Tests/ReportTests/`.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let paperData = repository.appendingPathComponent("paper/data")
}

/// What one run of `report` did.
struct ReportRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
    var timedOut: Bool

    /// Lines in the compiler format `paper/FILE:LINE:COL: error: MESSAGE`.
    var errorLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
    }

    /// Signs of a crash rather than a diagnosed failure.
    var crashed: Bool {
        let signs = ["Fatal error", "Stack dump", "backtrace", "Segmentation fault", "Illegal instruction",
                     "AddressSanitizer", "ThreadSanitizer", "Current stack trace", "*** Program crashed"]
        return status > 1 || status < 0 || signs.contains { stderr.contains($0) || stdout.contains($0) }
    }
}

/// Runs `report` with `arguments` in `folder`, killing it after `timeout` seconds.
/// Output goes to files rather than pipes, so a chatty child can never block.
func runReport(_ arguments: [String], in folder: URL, timeout: Double = 120,
               environment: [String: String] = [:]) throws -> ReportRun {
    let binary = try ReportExecutable.require()
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent("report-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: logs) }
    let outURL = logs.appendingPathComponent("stdout"), errURL = logs.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    let start = Date()
    try process.run()
    var timedOut = false
    let limit = timeout * Slowdown.factor
    while process.isRunning {
        if Date().timeIntervalSince(start) > limit {
            kill(process.processIdentifier, SIGKILL)
            timedOut = true
            break
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    try? out.close()
    try? err.close()
    let seconds = Date().timeIntervalSince(start)
    let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
    return ReportRun(status: status,
                     stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                     seconds: seconds, timedOut: timedOut)
}

/// Every file and folder under `folder` (hidden ones included) with its content digest
/// and modification time: equal snapshots mean the folder was not touched.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    struct Entry: Equatable {
        var kind: String       // "file", "folder", "link"
        var bytes: Data?
        var modified: Date?
    }
    var entries: [String: Entry]

    init(_ folder: URL) {
        var entries: [String: Entry] = [:]
        let fm = FileManager.default
        func walk(_ relative: String) {
            let url = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).sorted() {
                let path = relative.isEmpty ? name : relative + "/" + name
                let item = folder.appendingPathComponent(path)
                let attributes = (try? fm.attributesOfItem(atPath: item.path)) ?? [:]
                let type = attributes[.type] as? FileAttributeType
                let modified = attributes[.modificationDate] as? Date
                switch type {
                case .typeDirectory?:
                    entries[path] = Entry(kind: "folder", bytes: nil, modified: nil)
                    walk(path)
                case .typeSymbolicLink?:
                    let target = (try? fm.destinationOfSymbolicLink(atPath: item.path)) ?? ""
                    entries[path] = Entry(kind: "link", bytes: Data(target.utf8), modified: nil)
                default:
                    entries[path] = Entry(kind: "file", bytes: try? Data(contentsOf: item), modified: modified)
                }
            }
        }
        walk("")
        self.entries = entries
    }

    var description: String {
        "\(entries.count) entries: " + entries.keys.sorted().prefix(20).joined(separator: ", ")
    }

    /// Paths that differ between two snapshots, for a readable failure.
    func differences(from other: FolderSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).sorted().filter { entries[$0] != other.entries[$0] }
    }
}

/// A throwaway project folder holding `paper/` (one page, the repository's data files, a
/// small bibliography) and, once built, `build/`.
struct ScratchProject {
    let root: URL
    var paper: URL { root.appendingPathComponent("paper") }
    var build: URL { root.appendingPathComponent("build") }

    /// A page that builds fast with the real analysis: values from the dataset, a
    /// citation, a cross-referenced section and one small table.
    static let goodPage = """
    ---
    title: Reliability fixture
    authors:
      - name: A. Author
        affiliation: Somewhere
    date: 2026-01-01
    abstract: We compare {value}`count.networks` networks [@canziani2016].
    ---

    ## Results {#sec-results}

    There are {value}`count.networks` networks; see @sec-results and @tbl-networks.

    ```{table} networks
    :label: tbl-networks
    The networks compared.
    ```

    """

    static let goodBibliography = """
    @article{canziani2016,
      author = {Canziani, Alfredo and Paszke, Adam and Culurciello, Eugenio},
      title = {An Analysis of Deep Neural Network Models for Practical Applications},
      journal = {arXiv preprint arXiv:1605.07678},
      year = {2016}
    }

    """

    /// A fresh folder with the good paper (not built).
    static func make(page: String = goodPage, bibliography: String? = goodBibliography) throws -> ScratchProject {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-rely-\(UUID().uuidString)")
        let project = ScratchProject(root: root)
        let fm = FileManager.default
        try fm.createDirectory(at: project.paper, withIntermediateDirectories: true)
        try fm.copyItem(at: ReliabilityPaths.paperData, to: project.paper.appendingPathComponent("data"))
        try project.write("index.md", page)
        if let bibliography { try project.write("references.bib", bibliography) }
        return project
    }

    /// A fresh folder whose `build/` holds a successful build of the good paper (copied
    /// from one built once per test process, so each test starts from the same output).
    static func built() throws -> ScratchProject {
        let template = try BuiltTemplate.shared.get()
        let project = try make()
        try FileManager.default.copyItem(at: template.build, to: project.build)
        return project
    }

    func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    func write(_ relativePath: String, _ data: Data) throws {
        let url = paper.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: paper.appendingPathComponent(relativePath), encoding: .utf8)
    }

    func run(_ arguments: [String] = ["build"], timeout: Double = 120) throws -> ReportRun {
        try runReport(arguments, in: root, timeout: timeout)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// The good paper built once per test process.
enum BuiltTemplate {
    static let shared: Swift.Result<ScratchProject, ReliabilityError> = {
        do {
            let project = try ScratchProject.make()
            let run = try project.run()
            guard run.status == 0 else {
                project.remove()
                return .failure(ReliabilityError("the fixture paper does not build (status \(run.status)):\n\(run.stderr)"))
            }
            // It lives as long as the test process; remove it when that ends.
            atexit { if case .success(let template) = BuiltTemplate.shared { template.remove() } }
            return .success(project)
        } catch {
            return .failure(ReliabilityError("cannot prepare the fixture paper: \(error)"))
        }
    }()
}

/// Builds `project` after `corrupt` broke it, and checks what every bad input must give:
/// exit status 1, no crash, at least one located error, and the previous `build/` (and
/// its surroundings) exactly as they were. Returns the run for case-specific checks.
@discardableResult
func expectDiagnosedFailure(_ project: ScratchProject, file: String, line: Int? = nil,
                            message: String? = nil, timeout: Double = 120,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ReportRun {
    let before = FolderSnapshot(project.build)
    let siblingsBefore = Set((try? FileManager.default.contentsOfDirectory(atPath: project.root.path)) ?? [])
    let run = try project.run(timeout: timeout)
    #expect(!run.timedOut, "report did not finish within \(timeout * Slowdown.factor) s", sourceLocation: sourceLocation)
    #expect(!run.crashed, "report crashed (status \(run.status)):\n\(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
    #expect(run.status == 1, "expected exit status 1, got \(run.status); stderr:\n\(run.stderr.prefix(2000))",
            sourceLocation: sourceLocation)
    let prefix = "paper/\(file):" + (line.map { "\($0):" } ?? "")
    let located = run.errorLines.filter { $0.hasPrefix(prefix) }
    #expect(!located.isEmpty, "no error located at \(prefix); stderr:\n\(run.stderr.prefix(2000))",
            sourceLocation: sourceLocation)
    if let message {
        #expect(located.contains { $0.contains(message) },
                "no error at \(prefix) says '\(message)'; stderr:\n\(run.stderr.prefix(2000))", sourceLocation: sourceLocation)
    }
    // Every error line is located (file:line:col) and stderr holds nothing but
    // diagnostics and the summary: no stack trace, no dumped internals.
    for line in run.stderr.split(separator: "\n") {
        let ok = line.hasPrefix("paper/") || line.hasPrefix("report: ")
        #expect(ok, "unexpected stderr line: \(line.prefix(300))", sourceLocation: sourceLocation)
    }
    #expect(run.stderr.utf8.count < 200_000, "stderr is \(run.stderr.utf8.count) bytes", sourceLocation: sourceLocation)
    let after = FolderSnapshot(project.build)
    #expect(after == before, "build/ changed: \(after.differences(from: before).prefix(10))", sourceLocation: sourceLocation)
    let siblingsAfter = Set((try? FileManager.default.contentsOfDirectory(atPath: project.root.path)) ?? [])
    #expect(siblingsAfter.subtracting(siblingsBefore).subtracting([".build.lock"]).isEmpty,
            "left behind: \(siblingsAfter.subtracting(siblingsBefore))", sourceLocation: sourceLocation)
    return run
}
