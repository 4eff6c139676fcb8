import Foundation

/// `report build --self-contained`: the whole paper as ONE HTML file, `index.html`, that
/// can be sent on its own and read offline. Each page becomes an `<article
/// id="page-NAME">` of the first page's document; links between pages become links
/// inside the file (`results.html#fig-x` → `#fig-x`, `results.html` → `#page-results`),
/// so every cross-reference and citation resolves inside it; an id that two pages both
/// use (a heading's automatic id, a footnote) is renamed on the later page. Then the
/// stylesheet, figures and downloads are embedded (`SelfContained.embed`).
///
/// The pages are our own template's output, so the markers looked for here (`<article>`,
/// the site navigation, the pager) are known; a page without them is reported, not
/// guessed at.
enum WholePaper {
    static let fileName = "index.html"

    static func file(from files: [OutputFile]) throws(Diagnostic) -> OutputFile {
        var byPath: [String: OutputFile] = [:]
        for file in files { byPath[file.path] = file }
        // Pages come first, in reading order; copied images may also be HTML-free files.
        let pages = files.filter { $0.path.hasSuffix(".html") && !$0.path.contains("/") }
        guard let first = pages.first else { throw .error("the paper has no page to write", at: nil) }
        let names = pages.map { String($0.path.dropLast(5)) }

        var seenIDs: Set<String> = []
        var articles: [String] = []
        var frame = ""
        for (page, name) in zip(pages, names) {
            let html: String
            do { html = String(decoding: try page.blob.bytes(), as: UTF8.self) } catch {
                throw .error("cannot read '\(page.path)' to join it into one file: \(error)", at: nil)
            }
            guard let open = html.range(of: "<article>"), let close = html.range(of: "</article>", options: .backwards),
                  open.upperBound <= close.lowerBound else {
                throw .error("'\(page.path)' has no <article> to join into one file", at: nil)
            }
            if page.path == first.path { frame = html }
            var body = String(html[open.upperBound..<close.lowerBound])
            // One file reads straight through: no previous/next links.
            body = body.replacing(/<nav class="pager"[^>]*>.*?<\/nav>/.dotMatchesNewlines()) { _ in "" }
            // Ids an earlier page already uses are renamed here, with the links to them.
            let ids = body.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
            var renamed: [String: String] = [:]
            for id in ids where seenIDs.contains(id) { renamed[id] = "\(name)--\(id)" }
            seenIDs.formUnion(ids.map { renamed[$0] ?? $0 })
            if !renamed.isEmpty {
                body = body.replacing(/(\s(?:id|href)=")(#?)([^"]*)"/) { m -> String in
                    let (whole, attribute, hash, value) = m.output
                    let isID = attribute.hasSuffix("id=\"")
                    guard isID || !hash.isEmpty, let new = renamed[String(value)] else { return String(whole) }
                    return "\(attribute)\(hash)\(new)\""
                }
            }
            articles.append("<article id=\"page-\(name)\">\(body)</article>")
        }
        guard let open = frame.range(of: "<article>"), let close = frame.range(of: "</article>", options: .backwards) else {
            throw .error("'\(first.path)' has no <article>", at: nil)
        }
        var joined = String(frame[..<open.lowerBound]) + articles.joined(separator: "\n") + String(frame[close.upperBound...])
        // Links to pages become links into the file.
        let pageSet = Set(names)
        joined = joined.replacing(/href="([^"#\/:?]+)\.html(#[^"]*)?"/) { m -> String in
            let (whole, page, anchor) = m.output
            guard pageSet.contains(String(page)) else { return String(whole) }
            if let anchor, anchor.count > 1 { return "href=\"\(anchor)\"" }
            return "href=\"#page-\(page)\""
        }
        joined = joined.replacingOccurrences(of: " aria-current=\"page\"", with: "")
        let embedded = try SelfContained.embed(joined, files: byPath)
        return OutputFile(path: fileName, blob: Blob(bytes: Array(embedded.utf8)))
    }
}
