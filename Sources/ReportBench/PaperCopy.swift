import Foundation

/// A scratch copy of a paper and an output folder beside it, so that benchmarks can
/// edit pages and data without touching the real paper.
final class PaperCopy {
    let root: URL
    let paper: URL
    let output: URL
    private let originalPage: (url: URL, text: String, line: Int)?
    private let originalData: (url: URL, text: String)?

    init(of source: URL, name: String = "paper") throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("report-bench-\(getpid())-\(name)")
        try? fm.removeItem(at: root)
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        paper = root.appendingPathComponent("paper")
        output = root.appendingPathComponent("build")
        try fm.copyItem(at: source, to: paper)
        originalPage = PaperCopy.editableParagraph(in: paper)
        let csv = paper.appendingPathComponent("data/networks.csv")
        originalData = (try? String(contentsOf: csv, encoding: .utf8)).map { (csv, $0) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func removeOutput() { try? FileManager.default.removeItem(at: output) }

    var pages: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: paper, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "md" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    var paragraphDescription: String {
        originalPage.map { "\($0.url.lastPathComponent):\($0.line + 1)" } ?? "none"
    }

    /// Appends a sentence to one prose paragraph; each revision differs from the last.
    func editParagraph(revision: Int) throws {
        guard let (url, text, line) = originalPage else { throw BenchError("no prose paragraph to edit in \(paper.path)") }
        var lines = text.components(separatedBy: "\n")
        lines[line] += " This sentence was added by the benchmark (revision \(revision))."
        try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
    }

    /// Changes one number in `data/networks.csv`: a top-1 accuracy, up and down by 0.01
    /// on alternate revisions, so every revision is a real change and claims still hold.
    func editNumber(revision: Int) throws {
        guard let (url, text) = originalData else { throw BenchError("no data/networks.csv in \(paper.path)") }
        var lines = text.components(separatedBy: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        guard let column = header.firstIndex(of: "top1"),
              let row = lines.indices.dropFirst().first(where: { lines[$0].hasPrefix("resnet-50,") })
                ?? lines.indices.dropFirst().first(where: { !lines[$0].isEmpty }) else {
            throw BenchError("cannot find a top1 value to edit in data/networks.csv")
        }
        // The first columns hold no quoted commas, so a plain split is exact up to top1.
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let value = Double(fields[column]) else { throw BenchError("top1 of row \(row + 1) is not a number") }
        let decimals = fields[column].split(separator: ".").dropFirst().first?.count ?? 2
        fields[column] = String(format: "%.\(decimals)f", value + (revision % 2 == 0 ? 0.01 : -0.01))
        lines[row] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
    }

    func restore() throws {
        if let (url, text, _) = originalPage { try text.write(to: url, atomically: false, encoding: .utf8) }
        if let (url, text) = originalData { try text.write(to: url, atomically: false, encoding: .utf8) }
    }

    /// Removes every directive, computed value and reference to a removed label, leaving
    /// the prose, headings, section references and citations: what is left measures
    /// Markdown parsing and HTML rendering alone.
    func stripDirectives() throws {
        for url in pages {
            let text = try String(contentsOf: url, encoding: .utf8)
            try PaperCopy.withoutDirectives(text).write(to: url, atomically: false, encoding: .utf8)
        }
    }

    static func withoutDirectives(_ text: String) -> String {
        var out: [String] = []
        var fence: String?
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open), trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                continue
            }
            let marker = trimmed.prefix { $0 == "`" || $0 == "~" }
            if marker.count >= 3, trimmed.dropFirst(marker.count).hasPrefix("{") {
                fence = String(marker)
                continue
            }
            out.append(line)
        }
        var result = out.joined(separator: "\n")
        for (pattern, replacement) in [("\\{[a-z]+\\}`[^`]*`", "1"), ("@(fig|tbl|clm|eq)-[a-z0-9-]+", "Figure 1"),
                                     // Data files are published only when a result read them.
                                     ("\\[([^\\]]*)\\]\\(data/[^)]*\\)", "$1")] {
            result = result.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return result
    }

    /// The first line of a plain prose paragraph outside front matter and fences.
    private static func editableParagraph(in paper: URL) -> (URL, String, Int)? {
        let pages = ((try? FileManager.default.contentsOfDirectory(at: paper, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "md" }
            .sorted { ($0.lastPathComponent == "index.md" ? "" : $0.lastPathComponent) < ($1.lastPathComponent == "index.md" ? "" : $1.lastPathComponent) }
        for url in pages {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            var i = 0
            if lines.first == "---" {
                i = 1
                while i < lines.count, lines[i] != "---" { i += 1 }
                i += 1
            }
            var inFence = false
            var previousBlank = true
            while i < lines.count {
                let t = lines[i].trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("```") || t.hasPrefix("~~~") { inFence.toggle() }
                else if !inFence, previousBlank, let c = t.first, c.isLetter, !lines[i].hasPrefix(" "), t.count > 40,
                        i + 1 >= lines.count || lines[i + 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[i + 1].first?.isLetter == true {
                    return (url, text, i)
                }
                previousBlank = t.isEmpty
                i += 1
            }
        }
        return nil
    }
}
