import Chart
import Foundation
import NotebookInterface
import Synchronization
@testable import Report

/// A notebook with a few fixed offers, so builder tests don't depend on the analysis.
/// `data.x`, the `bars` figure and the `x-positive` claim read `data/x.txt` (through the
/// reader they are handed, declaring nothing); it counts its evaluations.
final class FakeNotebook: Notebook {
    let fingerprint: String
    let folder: URL
    private let log = Mutex<[Request]>([])

    init(folder: URL, fingerprint: String = "fake-1") {
        self.folder = folder
        self.fingerprint = fingerprint
    }

    var evaluations: [Request] { log.withLock { $0 } }

    func offers(reading files: any PaperFiles) throws(NotebookError) -> [Offer] {
        [
            Offer(kind: .figure, name: "bars", summary: "Bars of x.", options: ["scale": ["linear", "log"]]),
            Offer(kind: .table, name: "items", summary: "A small table."),
            Offer(kind: .table, name: "rows", summary: "Rows for an id.", arguments: ["id"]),
            Offer(kind: .value, name: "answer", summary: "42."),
            Offer(kind: .value, name: "data.x", summary: "The number in data/x.txt."),
            Offer(kind: .value, name: "evil", summary: "A value with markup."),
            Offer(kind: .value, name: "pointed", summary: "The text of the file data/pointer.txt names."),
            Offer(kind: .claim, name: "always", summary: "Holds."),
            Offer(kind: .claim, name: "never", summary: "Fails."),
            Offer(kind: .claim, name: "x-positive", summary: "x > 0."),
            Offer(kind: .claim, name: "alpha-leads", summary: "Alpha leads Beta; the sentence must name both."),
            Offer(kind: .figure, name: "spec", summary: "Checks its own option.", options: ["x": []]),
        ]
    }

    private func x(_ files: any PaperFiles) throws(NotebookError) -> Double {
        guard let text = try? files.text("data/x.txt") else {
            throw .problem("cannot read", file: "data/x.txt", line: 1)
        }
        guard let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .problem("not a number: '\(text.trimmingCharacters(in: .whitespacesAndNewlines))'", file: "data/x.txt", line: 1)
        }
        return value
    }

    func evaluate(_ request: Request, reading files: any PaperFiles) throws(NotebookError) -> Result {
        log.withLock { $0.append(request) }
        switch (request.kind, request.name) {
        case (.value, "answer"):
            return Result(.value(Value(raw: "42", text: "forty-two")))
        case (.value, "data.x"):
            let v = try x(files)
            return Result(.value(Value(raw: "\(v)", text: String(format: "%.1f", v))))
        case (.value, "pointed"):
            // Which file it reads depends on data: no list written in advance could say.
            let target = try files.text("data/pointer.txt").trimmingCharacters(in: .whitespacesAndNewlines)
            let text = try files.text(target).trimmingCharacters(in: .whitespacesAndNewlines)
            return Result(.value(Value(raw: text, text: text)))
        case (.value, "evil"):
            return Result(.value(Value(raw: "<script>", text: "<script>alert(1)</script>")))
        case (.figure, "bars"):
            let v = try x(files)
            let chart = Chart(width: 320, height: 200, title: "x = \(v) \(request.options["scale"] ?? "linear")")
            let data = DataTable(columns: ["name", "x"], rows: [["a", "\(v)"]])
            return Result(.figure(Figure(chart: chart, data: data)))
        case (.table, "items"):
            let table = Table(columns: [.init("Name"), .init("Count", numeric: true)],
                              rows: [[.init("apples", swatch: "#ff0000"), .init("3")], [.init("<b>pears</b>"), .init("12")]],
                              data: DataTable(columns: ["name", "count"], rows: [["apples", "3"], ["<b>pears</b>", "12"]]))
            return Result(.table(table))
        case (.table, "rows"):
            guard request.arguments == ["a"] else { throw .problem("unknown id '\(request.arguments.first ?? "")'") }
            let table = Table(columns: [.init("Id")], rows: [[.init("a")]], data: DataTable(columns: ["id"], rows: [["a"]]))
            return Result(.table(table))
        case (.claim, "always"):
            return Result(.claim(Claim(holds: true, evidence: ["1 < 2"])))
        case (.claim, "never"):
            return Result(.claim(Claim(holds: false, evidence: ["2 < 1 is false"])))
        case (.claim, "x-positive"):
            let v = try x(files)
            return Result(.claim(Claim(holds: v > 0, evidence: ["x = \(v)"])))
        case (.claim, "alpha-leads"):
            return Result(.claim(Claim(holds: true, evidence: ["Alpha: 2 > Beta: 1"], statement: "Alpha (2) leads Beta (1)",
                                       mentions: ["Alpha One", "Beta"])))
        case (.figure, "spec"):
            throw .problems([Problem(.error, "no column '\(request.options["x"] ?? "")'", option: "x")])
        default:
            throw .unknownName(request.kind, request.name)
        }
    }
}

/// A temporary project folder with `paper/` and room for `build/`.
struct TempProject {
    let root: URL
    var paper: URL { root.appendingPathComponent("paper") }
    var out: URL { root.appendingPathComponent("build") }

    init(pages: [String: String], files: [String: String] = ["data/x.txt": "3\n"]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("report-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("paper/data"), withIntermediateDirectories: true)
        for (name, text) in pages { try write(name, text) }
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let url = paper.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
    }

    func options(output: Bool = true, cache: Bool = true) -> BuildOptions {
        var options = BuildOptions(paper: paper, output: output ? out : nil)
        options.useCache = cache
        return options
    }

    func build(_ notebook: (any Notebook)? = nil, cache: Bool = true) async throws -> BuildReport {
        try await Builder(notebook: notebook ?? FakeNotebook(folder: paper), options: options(cache: cache)).build()
    }

    /// The diagnostics of a build that must fail, formatted as the CLI prints them.
    func failures(_ notebook: (any Notebook)? = nil) async -> [String] {
        do {
            _ = try await Builder(notebook: notebook ?? FakeNotebook(folder: paper), options: options()).build()
            return []
        } catch {
            return error.diagnostics.map { $0.formatted(root: "paper") }
        }
    }

    /// Every file under the output folder with its bytes, for comparing folders.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: out.path)
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = out.appendingPathComponent(item)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[item] = try? Data(contentsOf: url)
            }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A page with a front matter block.
func page(_ body: String, title: String = "Test") -> String {
    "---\ntitle: \(title)\n---\n\(body)"
}
