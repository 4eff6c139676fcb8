import Foundation
import Yams

/// The YAML block at the top of a page, between `---` lines.
public struct FrontMatter: Sendable, Equatable {
    public struct Author: Sendable, Equatable {
        public var name: String
        public var affiliation: String?
    }

    public var title: String?
    public var subtitle: String?
    public var authors: [Author] = []
    public var date: String?
    /// Markdown; values and citations work in it.
    public var abstract: String?
    /// 1-based line in the page where the abstract's text starts.
    public var abstractLine: Int = 1
    /// Where the title's text starts (values and Markdown work in it).
    public var titleLine = 1
    public var titleColumn = 1
    public var order: Int?
    /// Where the paper is read (`url`) and where its source lives (`repository`), as
    /// http(s) addresses: for "Cite this paper" and the link to the source.
    public var url: String?
    public var repository: String?

    static let keys = ["title", "subtitle", "authors", "date", "abstract", "order", "url", "repository"]
}

/// A page split into its front matter and Markdown body.
struct SplitPage {
    var frontMatter: FrontMatter
    var body: String
    /// Lines before the body (front matter and its fences), to map body lines to file lines.
    var bodyLineOffset: Int
}

/// Splits and parses the front matter. Errors carry the page's file and line.
func splitFrontMatter(_ text: String, file: String, sink: inout DiagnosticSink) -> SplitPage {
    // Only the lines up to the closing fence are looked at; the body is the rest as it is
    // (splitting a whole page into lines cost more than the rest of loading it).
    var lines: [Substring] = []
    var start = text.startIndex
    func nextLine() -> Substring? {
        guard start < text.endIndex else { return nil }
        let end = text.utf8[start...].firstIndex(of: 0x0A) ?? text.endIndex
        let line = text[start..<end]
        start = end < text.endIndex ? text.utf8.index(after: end) : text.endIndex
        return line
    }
    guard let first = nextLine(), first.trimmingSpaces == "---" else {
        return SplitPage(frontMatter: FrontMatter(), body: text, bodyLineOffset: 0)
    }
    while let line = nextLine() {
        let l = line.trimmingSpaces
        if l == "---" || l == "..." {
            let yaml = lines.joined(separator: "\n")
            let frontMatter = parseFrontMatter(yaml, file: file, firstLine: 2, sink: &sink)
            return SplitPage(frontMatter: frontMatter, body: String(text[start...]), bodyLineOffset: lines.count + 2)
        }
        lines.append(line)
    }
    sink.error("front matter is not closed: add a line '---' after it", at: SourceLocation(file: file, line: 1))
    return SplitPage(frontMatter: FrontMatter(), body: "", bodyLineOffset: text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
}

/// Most aliases accepted: YAML aliases can expand exponentially ("billion laughs"), and
/// front matter never needs many. The parser shares aliased nodes rather than copying
/// them, but it hashes mapping keys in full, so `n` aliases used in a key can still cost
/// about 3^(n/3) steps: 24 keeps that under ten thousand.
private let maxAliases = 24

/// How many `*name` aliases refer to an `&name` anchor. Counting only names that are
/// anchored keeps emphasis such as `*word*` in an abstract from counting as an alias.
func yamlAliasCount(_ yaml: String) -> Int {
    let scalars = Array(yaml.unicodeScalars)
    func name(after i: Int) -> String {
        var j = i + 1
        var out = ""
        while j < scalars.count, !scalars[j].properties.isWhitespace, !"[]{},".unicodeScalars.contains(scalars[j]) {
            out.unicodeScalars.append(scalars[j])
            j += 1
        }
        return out
    }
    var anchors: Set<String> = []
    for (i, c) in scalars.enumerated() where c == "&" {
        let n = name(after: i)
        if !n.isEmpty { anchors.insert(n) }
    }
    guard !anchors.isEmpty else { return 0 }
    var count = 0
    for (i, c) in scalars.enumerated() where c == "*" {
        if anchors.contains(name(after: i)) { count += 1 }
    }
    return count
}

func parseFrontMatter(_ yaml: String, file: String, firstLine: Int, sink: inout DiagnosticSink) -> FrontMatter {
    var fm = FrontMatter()
    func at(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + max(0, (mark?.line ?? 1) - 1), column: mark?.column ?? 1)
    }
    let aliasCount = yamlAliasCount(yaml)
    if aliasCount > maxAliases {
        sink.error("front matter uses \(aliasCount) YAML aliases (at most \(maxAliases) allowed)", at: at(nil))
        return fm
    }
    let node: Node?
    do {
        node = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
        sink.error("malformed front matter: \(yamlProblem(error))", at: at(yamlMark(error)))
        return fm
    } catch {
        sink.error("malformed front matter: \(error)", at: at(nil))
        return fm
    }
    guard let node else { return fm }   // empty front matter
    guard let mapping = node.mapping else {
        sink.error("front matter must be a mapping of keys to values (title: …, authors: …)", at: at(node.mark))
        return fm
    }
    func string(_ key: String, _ value: Node) -> String? {
        guard let s = value.scalar?.string else {
            sink.error("front matter '\(key)' must be text", at: at(value.mark))
            return nil
        }
        return s
    }
    for (keyNode, value) in mapping {
        guard let key = keyNode.scalar?.string else {
            sink.error("front matter keys must be plain names", at: at(keyNode.mark))
            continue
        }
        switch key {
        case "title":
            fm.title = string(key, value)
            let start = at(value.mark)
            // A quoted title's text starts after its quote.
            let quoted = value.scalar?.style == .singleQuoted || value.scalar?.style == .doubleQuoted
            fm.titleLine = start.line
            fm.titleColumn = start.column + (quoted ? 1 : 0)
        case "subtitle": fm.subtitle = string(key, value)
        case "date": fm.date = string(key, value)
        case "url", "repository":
            guard let address = string(key, value) else { continue }
            guard address.hasPrefix("https://") || address.hasPrefix("http://"), !address.contains(where: \.isWhitespace) else {
                sink.error("front matter '\(key)' must be an http or https address", at: at(value.mark))
                continue
            }
            if key == "url" { fm.url = address } else { fm.repository = address }
        case "abstract":
            fm.abstract = string(key, value)
            // A block scalar (`abstract: |`) starts on the line after the key.
            let line = at(value.mark).line
            fm.abstractLine = value.scalar?.style == .literal || value.scalar?.style == .folded ? line + 1 : line
        case "order":
            if let n = value.scalar.flatMap({ Int($0.string) }) { fm.order = n } else {
                sink.error("front matter 'order' must be a whole number", at: at(value.mark))
            }
        case "authors":
            fm.authors = parseAuthors(value, sink: &sink, at: at)
        default:
            sink.warning(withSuggestion("unknown front matter key '\(key)'", for: key, among: FrontMatter.keys),
                         at: at(keyNode.mark))
        }
    }
    return fm
}

func parseAuthors(_ node: Node, sink: inout DiagnosticSink, at: (Mark?) -> SourceLocation) -> [FrontMatter.Author] {
    // Accept one author or a list; each is a name or a mapping {name, affiliation}.
    let items: [Node] = node.sequence.map(Array.init) ?? [node]
    var authors: [FrontMatter.Author] = []
    for item in items {
        if let name = item.scalar?.string {
            authors.append(.init(name: name, affiliation: nil))
        } else if let map = item.mapping {
            guard let name = map["name"]?.scalar?.string else {
                sink.error("each author needs a 'name'", at: at(item.mark))
                continue
            }
            for (k, _) in map where !["name", "affiliation"].contains(k.scalar?.string ?? "") {
                sink.warning("unknown author key '\(k.scalar?.string ?? "?")' (use name, affiliation)", at: at(k.mark))
            }
            authors.append(.init(name: name, affiliation: map["affiliation"]?.scalar?.string))
        } else {
            sink.error("an author must be a name or a mapping with 'name' and 'affiliation'", at: at(item.mark))
        }
    }
    return authors
}

private func yamlMark(_ error: YamlError) -> Mark? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark
    case .duplicatedKeysInMapping(_, let context): return context.mark
    default: return nil
    }
}

private func yamlProblem(_ error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
         .composer(let context, let problem, _, _):
        return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    case .duplicatedKeysInMapping(let duplicates, _):
        return "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
    default:
        return "\(error)"
    }
}
