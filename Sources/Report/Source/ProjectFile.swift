import Foundation
import Yams

/// `paper/report.yaml`, the optional project file (in the spirit of Jupyter Book's
/// `_toc.yml` and Quarto's `_quarto.yml`): the paper's title, authors, date, licence,
/// repository, and the order of its pages, which may lie in subfolders:
///
///     title: A Living Paper
///     authors:
///       - name: A. Author
///         affiliation: Somewhere
///     date: 2026-12-02
///     license: CC-BY-4.0
///     repository: https://example.org/paper
///     pages:
///       - index.md
///       - chapters/ch1.md
///
/// Without it, every `paper/*.md` is a page, ordered by `order:` and file name, and a
/// page in a subfolder is an error (so it is never silently left out).
struct ProjectFile: Sendable {
    static let name = "report.yaml"
    static let keys = ["title", "authors", "date", "license", "licence", "repository", "pages"]

    var title: String?
    var authors: [FrontMatter.Author] = []
    var date: String?
    var license: String?
    var repository: String?
    /// Pages in reading order, relative to the paper folder, with where each is listed.
    var pages: [(path: String, location: SourceLocation)]?

    static func load(_ folder: URL, sink: inout DiagnosticSink, sources: inout [String: [UInt8]]) -> ProjectFile? {
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        if let problem = pathProblem(url, inside: folder) {
            sink.error(problem, at: SourceLocation(file: name, line: 1))
            return nil
        }
        let text: String
        do { text = try readSourceText(url, relativePath: name) } catch { sink.add(error); return nil }
        sources[name] = Array(text.utf8)
        func at(_ mark: Mark?) -> SourceLocation { SourceLocation(file: name, line: mark?.line ?? 1, column: mark?.column ?? 1) }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            sink.error("malformed \(name): \(error)", at: SourceLocation(file: name, line: 1))
            return nil
        }
        var file = ProjectFile()
        guard let mapping = node?.mapping else {
            if node != nil { sink.error("\(name) must be a mapping (title: …, pages: …)", at: at(node?.mark)) }
            return file
        }
        func string(_ key: String, _ value: Node) -> String? {
            guard let s = value.scalar?.string else { sink.error("'\(key)' in \(name) must be text", at: at(value.mark)); return nil }
            return s
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "title": file.title = string(key, value)
            case "date": file.date = string(key, value)
            case "license", "licence": file.license = string(key, value)
            case "repository":
                file.repository = string(key, value)
                if let r = file.repository, !(r.hasPrefix("https://") || r.hasPrefix("http://")) {
                    sink.error("'repository' in \(name) must be an http(s) URL", at: at(value.mark))
                    file.repository = nil
                }
            case "authors": file.authors = parseAuthors(value, sink: &sink, at: at)
            case "pages":
                guard let items = value.sequence else {
                    sink.error("'pages' in \(name) must be a list of page files (- index.md)", at: at(value.mark))
                    continue
                }
                var pages: [(String, SourceLocation)] = []
                for item in items {
                    guard let path = item.scalar?.string, path.hasSuffix(".md"), !path.hasPrefix("/"),
                          !path.split(separator: "/").contains("..") else {
                        sink.error("each page in \(name) is a .md file inside the paper folder, e.g. 'chapters/ch1.md'", at: at(item.mark))
                        continue
                    }
                    if pages.contains(where: { $0.0 == path }) {
                        sink.error("page '\(path)' is listed twice in \(name)", at: at(item.mark))
                        continue
                    }
                    pages.append((path, at(item.mark)))
                }
                file.pages = pages
            default:
                sink.warning(withSuggestion("unknown key '\(key)' in \(name)", for: key, among: keys), at: at(keyNode.mark))
            }
        }
        return file
    }

    /// Every `.md` file in the paper folder and its subfolders (hidden ones skipped).
    static func markdownFiles(in folder: URL) -> [String] {
        var found: [String] = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        while let item = enumerator.nextObject() as? String {
            if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            if item.hasSuffix(".md") { found.append(item) }
        }
        return found.sorted()
    }

    /// Which files are pages, in reading order (nil: today's rule, every top-level
    /// `.md`, sorted later). Files left out are reported, never silently dropped.
    static func pageNames(_ file: ProjectFile?, folder: URL, sink: inout DiagnosticSink) -> [String]? {
        let all = markdownFiles(in: folder)
        guard let listed = file?.pages else {
            for path in all where path.contains("/") {
                sink.error("page in a subfolder is not part of the paper: list it under 'pages:' in paper/\(name) (with the other pages, in reading order), or move it up into paper/",
                           at: SourceLocation(file: path, line: 1))
            }
            return nil
        }
        for (path, location) in listed where !all.contains(path) {
            sink.error(withSuggestion("page '\(path)' listed in \(name) does not exist", for: path, among: all), at: location)
        }
        for path in all where !listed.contains(where: { $0.path == path }) {
            sink.warning("'\(path)' is not listed under 'pages:' in \(name), so it is not built", at: SourceLocation(file: path, line: 1))
        }
        return listed.map(\.path).filter(all.contains)
    }

    /// `chapters/ch1.md` → `chapters-ch1`: every page is written at the top of the output
    /// folder, so its links to the stylesheet, figures and other pages stay the same.
    static func stem(_ path: String) -> String {
        String(path.dropLast(3)).replacingOccurrences(of: "/", with: "-")
    }
}
