import CCmark
import Foundation

/// A relative link written by the author, to be checked against the built paper.
struct LocalLink: Sendable {
    var url: String
    var location: SourceLocation
}

extension Scanner {
    /// Links without a scheme point into the built paper; they are checked once it is built.
    mutating func recordLocalLink(_ node: MarkdownNode, in fragment: Fragment) {
        guard node.type == CMARK_NODE_LINK, let url = node.url, !url.isEmpty, LinkCheck.isLocal(url) else { return }
        fragment.authoring.links.append(LocalLink(url: url, location: fragment.location(of: node)))
    }
}

/// Checks every relative link against the files of the built paper: the page or file
/// must be among them, and an anchor (`results.html#sec-x`, `#fig-y`) must be an `id` in
/// that page. External links are not fetched. `written` says how the pages' ids were
/// written (see `PaperLinks`); the check is against the ids as their author knows them.
enum LinkCheck {
    static func check(_ project: Project, files: [OutputFile], written: PaperLinks = .pages, sink: inout DiagnosticSink) {
        let links = project.pages.flatMap { page in page.fragments.flatMap { f in f.links.map { (page, $0) } } }
        guard !links.isEmpty else { return }
        var byPath: [String: OutputFile] = [:]
        for file in files { byPath[file.path] = file }
        var idsByPath: [String: Set<String>] = [:]
        func ids(_ path: String) -> Set<String> {
            if let known = idsByPath[path] { return known }
            var found: Set<String> = []
            if let bytes = try? byPath[path]?.blob.bytes() {
                found = Set(htmlIDs(String(decoding: bytes, as: UTF8.self)).map { written.authorID($0, on: path) })
            }
            idsByPath[path] = found
            return found
        }
        for (page, link) in links {
            let (path, anchor) = split(link.url)
            let target = path.isEmpty ? page.outputName : normalized(path)
            guard let target, byPath[target] != nil else {
                let pages = project.pages.map(\.outputName)
                var message = withSuggestion("link to '\(path.prefix(80))', which is not in the built paper", for: path,
                                             among: pages + byPath.keys.filter { !$0.hasPrefix(".") })
                if path.hasSuffix(".md") {
                    let html = String(path.dropLast(3)) + ".html"
                    if pages.contains(html) { message = "link to '\(path.prefix(80))': link to the built page instead, '\(html)'" }
                }
                sink.error(message, at: link.location)
                continue
            }
            if let anchor, !anchor.isEmpty {
                guard target.hasSuffix(".html") else { continue }
                let known = ids(target)
                if !known.contains(anchor) {
                    sink.error(withSuggestion("link to '#\(anchor.prefix(80))', which is not an anchor in \(target)", for: anchor,
                                              among: known.filter { !$0.hasPrefix("fnref-") }), at: link.location)
                }
            }
        }
    }

    /// Whether a link's URL points into the built paper: it has no scheme and does not
    /// start with `//` (protocol-relative, external).
    static func isLocal(_ url: String) -> Bool {
        let scheme = url.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        if scheme.count < url.count, url[url.index(url.startIndex, offsetBy: scheme.count)] == ":" { return false }
        return !url.hasPrefix("//")
    }

    /// A local URL's path (empty for the page itself) and anchor, percent-decoded, without
    /// its query.
    static func split(_ url: String) -> (path: String, anchor: String?) {
        var raw = url
        if let q = raw.firstIndex(of: "?") {
            let hash = raw.firstIndex(of: "#")
            raw = String(raw[..<q]) + (hash.map { String(raw[$0...]) } ?? "")
        }
        let parts = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts[0])
        let path = rawPath.removingPercentEncoding ?? rawPath
        let anchor = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : nil
        return (path, anchor)
    }

    /// A relative path inside the output folder ("./a/../b.html" → "b.html"), or nil if
    /// it leaves the folder.
    static func normalized(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if parts.isEmpty { return nil }; parts.removeLast(); continue }
            parts.append(part)
        }
        if path.hasPrefix("/") { return nil }
        return parts.joined(separator: "/")
    }

    /// Every `id="…"` in an HTML page.
    static func htmlIDs(_ html: String) -> Set<String> {
        var ids: Set<String> = []
        var search = html.startIndex
        while let r = html.range(of: " id=\"", range: search..<html.endIndex) {
            guard let end = html[r.upperBound...].firstIndex(of: "\"") else { break }
            ids.insert(unescapeHTML(String(html[r.upperBound..<end])))
            search = end
        }
        return ids
    }
}
