import CCmark
import Foundation
import NotebookInterface

/// Facts about the build shown on every page and in every figure's citation.
struct BuildInfo: Sendable {
    var paperTitle: String
    var authors: [FrontMatter.Author]
    var date: String?
    var fingerprint: String
    var reportVersion: String
    /// When the inputs last changed, as the author or SOURCE_DATE_EPOCH says.
    var lastChanged: String?
    /// SHA-256 of what the paper's numbers were computed from: the analysis fingerprint,
    /// the report version, the bibliography and every data file read. A prose edit leaves
    /// it alone (and so leaves the other pages' files alone); a data edit changes it.
    var inputsDigest: String = ""
}

/// What a directive kind's `html` gets: the block, its label and number, and the
/// renderer for its caption.
struct BlockContext {
    let block: BlockDirective
    let label: String?
    let target: TargetView?
    let page: Page
    let renderer: PageRenderer
    /// The "Cite" box of a kind that has one (`DirectiveKind.citeBox`), else empty. The
    /// renderer makes it before the kind's `html` runs: it quotes the caption's first
    /// sentence as written, which rendering the caption would change (its number, the
    /// GFM passes), so no kind can get the order wrong.
    var cite = ""

    /// The label, escaped for an `id` attribute.
    var id: String { escapeHTML(label ?? "") }

    /// "Figure 2.", linked to the block itself.
    var numberHTML: String {
        guard let label, let target else { return "" }
        return "<a class=\"number\" href=\"#\(urlPath(label))\">\(target.name).</a>"
    }

    /// The body's HTML, led by the number ("Figure 2. Caption…").
    func captionHTML() -> String {
        block.body.map { renderer.html(of: $0, on: page, lead: numberHTML) } ?? "<p>\(numberHTML)</p>"
    }
}

/// Turns scanned pages and evaluated results into HTML. It sees its page and, through
/// `inputs`, answers about the rest of the paper, each recorded for the page that asked:
/// nothing else, so that what a page's HTML depends on is known (see `PageRecord`).
struct PageRenderer {
    let inputs: RenderInputs

    /// The page the bibliography is printed on: the last one.
    func referencesPage(for page: Page) -> PageSummary? { inputs.pages(for: page).last }

    // MARK: Inline

    /// Replaces values, cross-references and citations in a fragment's tree.
    func replaceInlines(in fragment: Fragment, on page: Page) {
        guard !fragment.inlinesReplaced else { return }
        fragment.inlinesReplaced = true
        for value in fragment.values {
            guard case .value(let v)? = inputs.result(value.request, for: page) else { continue }
            if var text = value.roleNode.literal, text.hasSuffix("{value}") {
                text.removeLast("{value}".count)
                value.roleNode.literal = text
            }
            let html = "<span class=\"value\" title=\"\(escapeHTML(value.key)) = \(escapeHTML(v.raw))\">\(escapeHTML(v.text))</span>"
            value.codeNode.replace(withHTML: html, block: false)
        }
        // Several references may share a text node: rebuild each node once.
        var byNode: [MarkdownNode: [InlineReference]] = [:]
        var order: [MarkdownNode] = []
        for reference in fragment.references {
            if byNode[reference.node] == nil { order.append(reference.node) }
            byNode[reference.node, default: []].append(reference)
        }
        for node in order {
            guard let text = node.literal else { continue }
            var pieces: [InlinePiece] = []
            var cursor = text.startIndex
            for reference in byNode[node]! {
                // An `@word` that is no reference stays text (autolinks may still need it).
                guard let html = referenceHTML(reference.kind, from: page) else { continue }
                pieces.append(.text(String(text[cursor..<reference.range.lowerBound])))
                pieces.append(.html(html))
                cursor = reference.range.upperBound
            }
            if cursor == text.startIndex { continue }
            pieces.append(.text(String(text[cursor...])))
            node.replace(withInlines: pieces)
        }
    }

    private func referenceHTML(_ kind: InlineReference.Kind, from page: Page) -> String? {
        switch kind {
        case .crossReference(let label):
            guard let target = inputs.target(label, for: page) else { return nil }
            let preview = previewAttributes(inputs.preview(label: label, for: page), image: inputs.previewImage(label: label, for: page))
            return "<a class=\"xref\" href=\"\(href(to: target.outputName, anchor: label, from: page))\"\(preview)>\(escapeHTML(target.name))</a>"
        case .citation(let items):
            return citationStyle(for: items.map(\.key), from: page)?.group(items)
        case .narrative(let item):
            guard let entry = inputs.bibEntry(item.key, for: page) else { return nil }
            return citationStyle(for: [item.key], from: page)?.narrative(item, entry: entry)
        }
    }

    /// The style for citing `keys`, knowing the numbers of those keys only.
    private func citationStyle(for keys: [String], from page: Page) -> CitationStyle? {
        guard let refsPage = referencesPage(for: page) else { return nil }
        var numbers: [String: Int] = [:]
        for key in keys { numbers[key] = inputs.citationNumber(key, for: page) }
        return CitationStyle(numbers: numbers, attributes: { previewAttributes(inputs.preview(citation: $0, for: page)) }) { key in
            href(to: refsPage.outputName, anchor: "ref-" + key, from: page)
        }
    }

    private func previewAttributes(_ text: String?, image: String? = nil) -> String {
        guard let text, !text.isEmpty else { return "" }
        return " data-preview=\"\(escapeHTML(text))\"" + (image.flatMap(inputs.assets.previewImage).map { " data-preview-img=\"\($0)\"" } ?? "")
    }

    func href(to outputName: String, anchor: String, from page: Page) -> String {
        inputs.links.href(to: outputName, anchor: anchor, from: page.outputName)
    }

    /// HTML of a fragment on its own (a caption, a claim's sentence, the abstract).
    /// `lead` is inserted at the start of its first paragraph (e.g. "Figure 2.").
    func html(of fragment: Fragment, on page: Page, lead: String? = nil) -> String {
        replaceInlines(in: fragment, on: page)
        finishAuthoring(fragment, on: page)
        if let lead {
            if let first = fragment.tree.nodes().first(where: { $0.type == CMARK_NODE_PARAGRAPH }) {
                let node = cmark_node_new(CMARK_NODE_HTML_INLINE)!
                cmark_node_set_literal(node, lead + " ")
                cmark_node_prepend_child(first.pointer, node)
            } else {
                return "<p>\(lead)</p>" + fragment.tree.html(fragment.proof)
            }
        }
        return fragment.tree.html(fragment.proof)
    }

    // MARK: Page body

    func bodyHTML(_ page: Page) -> String {
        _ = inputs.pages(for: page)   // the titles, before a title's heading leaves the body
        prepareFootnotes(page)
        for block in page.body.blocks {
            block.node?.replace(withHTML: blockHTML(block, on: page), block: true)
        }
        replaceInlines(in: page.body, on: page)
        finishAuthoring(page.body, on: page)
        for heading in page.body.headings {
            guard let node = heading.node else { continue }
            // A page titled by its first heading shows it once, in the title block.
            if heading.location == page.titleHeading?.location {
                node.replace(withHTML: "", block: true)
                continue
            }
            let view = inputs.heading(heading, for: page)
            let id = inputs.links.id(view.id ?? "section", on: page.outputName)
            var html = node.html(page.body.proof)
            let tag = "<h\(heading.level)>"
            if html.hasPrefix(tag) {
                var open = "<h\(heading.level) id=\"\(escapeHTML(id))\">"
                if let number = view.number {
                    open += "<span class=\"secnum\">\(number)</span> "
                }
                html = open + html.dropFirst(tag.count)
                html = html.replacingOccurrences(of: "</h\(heading.level)>",
                                                 with: "<a class=\"anchor\" href=\"#\(urlPath(id))\" aria-label=\"Link to this section\">#</a></h\(heading.level)>")
            }
            node.replace(withHTML: html, block: true)
        }
        return page.body.tree.html(page.body.proof) + page.footnotes.sectionHTML
    }

    private func blockHTML(_ block: BlockDirective, on page: Page) -> String {
        let label = inputs.blockLabel(at: block.location, for: page)
        let result = block.request.flatMap { inputs.result($0, for: page) }
        if block.kind.offerKind != nil, result == nil { return "" }
        var context = BlockContext(block: block, label: label, target: label.flatMap { inputs.target($0, for: page) },
                                   page: page, renderer: self)
        if let rule = block.kind.label, label != nil || rule.unlabelled != .unnumbered, context.target == nil { return "" }
        if block.kind.citeBox, let target = context.target { context.cite = citeHTML(block, target: target, on: page) }
        return block.kind.html(context, result)
    }

    // MARK: Citing a figure

    /// The "Cite" box: a plain citation and BibTeX for this block.
    func citeHTML(_ block: BlockDirective, target: TargetView, on page: Page) -> String {
        let caption = block.body.map { body in
            replaceInlines(in: body, on: page)
            return firstSentence(plainText(of: body))
        } ?? ""
        let info = inputs.build(for: page)
        let authors = info.authors.map(\.name)
        let year = paperYear(on: page)
        let paperTitleText = inputs.paper(for: page).titleText
        // The block lies on this page: its citation carries the page's input digest.
        let inputDigest = inputs.pageDigest(prefix: 64, for: page)
        let digest = inputs.pageDigest(prefix: 12, for: page)
        var reproduces = ""
        var bibReproduces = ""
        if let option = block.option("reproduces") {
            let parts = option.value.split(separator: " ", maxSplits: 1).map(String.init)
            if let key = parts.first, let entry = inputs.bibEntry(key, for: page) {
                let what = parts.count > 1 ? parts[1] : "a figure"
                let original = "\(shortAuthors(entry)) (\(bibPlainText(entry.fields["year"] ?? "n.d.")))"
                reproduces = " Reproduces \(what) of \(original)."
                bibReproduces = "Reproduces \(what) of \(original), \(bibPlainText(entry.fields["title"] ?? key)). "
            }
        }
        let text = "\(authors.isEmpty ? "Anonymous" : authors.joined(separator: ", ")) (\(year)). \(target.name): \(caption) In: \(paperTitleText). Input digest \(digest).\(reproduces)"
        // A short title: the caption's first sentence up to its first comma or bracket.
        let short = shortTitle(caption)
        var fields: [(String, String)] = [("author", bibAuthors(info.authors)),
                                          ("title", bibEscape("\(target.name): \(short)")),
                                          ("booktitle", bibEscape(paperTitleText)),
                                          ("year", year)]
        if let base = inputs.paper(for: page).url {
            let root = base.hasSuffix("/") ? base : base + "/"
            fields.append(("url", root + urlPath(target.outputName) + "#" + urlPath(target.label)))
        }
        fields.append(("version", digest))
        fields.append(("note", bibEscape("\(bibReproduces)Built by report \(info.reportVersion) from inputs sha256:\(inputDigest)")))
        let bib = bibEntry("incollection", key: citationKey(suffix: "-" + target.label, on: page), fields)
        return "<details class=\"cite\"><summary>Cite</summary><p>\(escapeHTML(text))</p><pre><code>\(escapeHTML(bib))</code></pre></details>"
    }

    private func plainText(of fragment: Fragment) -> String {
        var out = ""
        for node in fragment.tree.nodes() {
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += node.literal ?? ""
            case CMARK_NODE_HTML_INLINE: out += textOfHTML(node.literal ?? "")
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            case CMARK_NODE_PARAGRAPH where !out.isEmpty: out += " "
            default: break
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    // MARK: References

    func referencesHTML(on page: Page) -> String {
        guard referencesPage(for: page)?.file == page.file else { return "" }
        let cited = inputs.references(for: page)
        guard !cited.isEmpty else { return "" }
        var html = "<section class=\"references\" id=\"references\">\n<h2>References</h2>\n<ol>\n"
        for entry in cited {
            html += "<li id=\"ref-\(escapeHTML(entry.key))\">\(referenceText(entry))</li>\n"
        }
        return html + "</ol>\n</section>\n"
    }
}

/// A reference-list entry as HTML.
func referenceText(_ entry: BibEntry) -> String {
    func field(_ name: String) -> String? { entry.fields[name].map(bibPlainText).flatMap { $0.isEmpty ? nil : $0 } }
    var parts: [String] = []
    if let authors = field("author") { parts.append(escapeHTML(formatAuthors(authors)) + ".") }
    if let title = field("title") { parts.append("<cite>\(escapeHTML(title))</cite>.") }
    let venue = [field("journal"), field("booktitle"), field("howpublished"), field("publisher"), field("institution")]
        .compactMap { $0 }.first
    var tail = [venue, field("volume").map { "vol. \($0)" }, field("pages").map { "pp. \($0)" }, field("year")]
        .compactMap { $0 }.joined(separator: ", ")
    if !tail.isEmpty { tail += "."; parts.append(escapeHTML(tail)) }
    if let note = field("note") { parts.append(escapeHTML(note) + ".") }
    // The DOI first (the permanent name), then the URL when it is another address.
    var links: [String] = []
    if let doi = field("doi") { links.append("https://doi.org/" + doi) }
    if let url = field("url"), !links.contains(url) { links.append(url) }
    for url in links where url.hasPrefix("https://") || url.hasPrefix("http://") {
        parts.append("<a href=\"\(escapeHTML(url))\">\(escapeHTML(url))</a>")
    }
    return parts.joined(separator: " ")
}

/// "Last, First and B and C" → "First Last, B and C".
func formatAuthors(_ authors: String) -> String {
    let names = authors.components(separatedBy: " and ").map { name -> String in
        let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 ? "\(parts[1]) \(parts[0])" : name.trimmingCharacters(in: .whitespaces)
    }
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
}

/// "Canziani et al." for a citation line.
func shortAuthors(_ entry: BibEntry) -> String {
    let names = bibPlainText(entry.fields["author"] ?? entry.key).components(separatedBy: " and ")
    // "Last, First" or "First Last".
    func surname(_ name: String) -> String {
        let n = name.trimmingCharacters(in: .whitespaces)
        return n.contains(",") ? String(n.split(separator: ",")[0]) : String(n.split(separator: " ").last ?? "")
    }
    let first = surname(names.first ?? entry.key)
    return names.count > 2 ? "\(first) et al." : names.count == 2 ? "\(first) and \(surname(names[1]))" : first
}

/// "Top-1 accuracy against operations" from "Top-1 accuracy against operations for a
/// single forward pass, in G-Ops (…)": at most the first clause, and at most 12 words.
func shortTitle(_ sentence: String) -> String {
    var s = sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence
    if let cut = s.firstIndex(where: { ",;:(".contains($0) }) { s = String(s[..<cut]) }
    let words = s.split(separator: " ")
    return words.count > 12 ? words.prefix(12).joined(separator: " ") + " …" : s.trimmingCharacters(in: .whitespaces)
}

private func firstSentence(_ text: String) -> String {
    guard let end = text.range(of: ". ") else { return text }
    return String(text[..<end.lowerBound]) + "."
}
