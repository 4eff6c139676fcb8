import CCmark

/// `[^label]` in the text, pointing at a footnote.
struct FootnoteReference: Sendable {
    var label: String
    var location: SourceLocation
}

/// `[^label]: text` at the start of a paragraph: the footnote's text is the rest of the
/// paragraph, and any paragraphs indented by four spaces after it (joined to it by
/// `Footnotes.joinContinuation`).
struct FootnoteDefinition {
    var label: String
    var paragraph: MarkdownNode
    var location: SourceLocation
}

/// The footnotes of one page: numbered 1, 2, … in the order they are first referred to,
/// with their HTML once rendered. On wide screens each note is also set beside the line
/// that refers to it (a side note); the list at the end is for narrow screens and print.
final class PageFootnotes {
    private(set) var order: [String] = []
    private(set) var numbers: [String: Int] = [:]
    private var definitions: [String: (FootnoteDefinition, Fragment)] = [:]
    /// Rendered text of each note, by label (filled by `PageRenderer.prepareFootnotes`).
    var html: [String: String] = [:]
    /// References rendered so far, by label, for distinct back-link ids.
    var referencesRendered: [String: Int] = [:]
    /// How the page's ids are written (set by `PageRenderer.prepareFootnotes`): the notes'
    /// ids belong to their page, and are renamed where pages share one file.
    var links = PaperLinks.pages
    var page = ""

    private func id(_ id: String) -> String { escapeHTML(links.id(id, on: page)) }

    init() {}

    /// Numbers the page's footnotes and reports references to notes that do not exist,
    /// notes never referred to, and notes defined twice.
    init(fragments: [Fragment], sink: inout DiagnosticSink) {
        for fragment in fragments {
            for definition in fragment.authoring.footnoteDefinitions {
                if let (first, _) = definitions[definition.label] {
                    sink.error("footnote '[^\(definition.label)]' is defined twice (first at line \(first.location.line))",
                               at: definition.location)
                } else {
                    definitions[definition.label] = (definition, fragment)
                }
            }
        }
        let references = fragments.flatMap(\.authoring.footnoteReferences).sorted { $0.location < $1.location }
        for reference in references {
            guard definitions[reference.label] != nil else {
                sink.error(withSuggestion("footnote '[^\(reference.label)]' is never defined: add a paragraph '[^\(reference.label)]: …'",
                                          for: reference.label, among: definitions.keys), at: reference.location)
                continue
            }
            if numbers[reference.label] == nil {
                order.append(reference.label)
                numbers[reference.label] = order.count
            }
        }
        for (label, (definition, _)) in definitions where numbers[label] == nil {
            sink.error("footnote '[^\(label)]' is never referred to: write '[^\(label)]' where it belongs, or remove it",
                       at: definition.location)
        }
    }

    var allDefinitions: [(FootnoteDefinition, Fragment)] {
        definitions.values.sorted { $0.0.location < $1.0.location }
    }

    /// The list at the end of the page, with a link back to the first reference.
    var sectionHTML: String {
        guard !order.isEmpty else { return "" }
        var out = "<section class=\"footnotes\" aria-label=\"Notes\">\n<h2 class=\"footnotes-title\">Notes</h2>\n<ol>\n"
        for label in order {
            let back = " <a class=\"fn-back\" href=\"#\(id("fnref-" + label))\" aria-label=\"Back to the text\">↩</a>"
            var note = html[label] ?? ""
            // After a note of several paragraphs, the link ends the last one.
            if note.contains("<span class=\"fn-para\">"), note.hasSuffix("</span>") {
                note.insert(contentsOf: back, at: note.index(note.endIndex, offsetBy: -7))
                out += "<li id=\"\(id("fn-" + label))\">\(note)</li>\n"
            } else {
                out += "<li id=\"\(id("fn-" + label))\">\(note)\(back)</li>\n"
            }
        }
        return out + "</ol>\n</section>\n"
    }

    /// The marker for a reference, and at the first reference the side note.
    func referenceHTML(_ label: String) -> String? {
        guard let n = numbers[label] else { return nil }
        let seen = referencesRendered[label, default: 0]
        referencesRendered[label] = seen + 1
        let ref = seen == 0 ? "fnref-\(label)" : "fnref-\(label)-\(seen + 1)"
        var out = "<sup class=\"fn-ref\" id=\"\(id(ref))\"><a href=\"#\(id("fn-" + label))\">\(n)</a></sup>"
        if seen == 0 {
            out += "<span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-number\">\(n)</span> \(html[label] ?? "")</span>"
        }
        return out
    }
}

enum Footnotes {
    /// A footnote label: letters, digits, `-` and `_`.
    static func isLabel(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 100 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// `[^label]:` at the start of `text` (after up to three spaces): the label and the
    /// length of the marker in bytes.
    static func definitionMarker(_ text: Substring) -> (label: String, length: Int)? {
        guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
        let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
        let after = text.index(after: close)
        guard isLabel(label), after < text.endIndex, text[after] == ":" else { return nil }
        return (String(label), text.utf8.distance(from: text.startIndex, to: after) + 1)
    }

    /// libcmark would read `[^1]: https://…` as a link reference definition and drop it
    /// from the tree. Escaping the colon (`]\:`) keeps it a paragraph; when a space
    /// follows the colon the escape takes the space's place, so columns do not move.
    /// Paragraphs that continue a footnote are joined to it (`joinContinuation`).
    static func protectDefinitions(_ text: String) -> String {
        guard text.containsASCII("[^") else { return text }
        var lines = splitLines(text).map(String.init)
        var code = CodeFenceTracker()
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if code.isInside || code.opens(line) { code.feed(line); i += 1; continue }
            let indent = line.prefix { $0 == " " }.count
            guard indent <= 3, let marker = definitionMarker(line.dropFirst(indent)) else { i += 1; continue }
            let utf8 = Array(line.utf8)
            let colon = indent + marker.length - 1
            var rewritten = Array(utf8[..<colon]) + Array("\\:".utf8)
            let rest = utf8[(colon + 1)...]
            rewritten += rest.first == UInt8(ascii: " ") ? Array(rest.dropFirst()) : Array(rest)
            lines[i] = String(decoding: rewritten, as: UTF8.self)
            i = joinContinuation(&lines, definition: i)
        }
        return lines.joined(separator: "\n")
    }

    /// Stands between the paragraphs of one footnote: a private-use character, which
    /// the renderer turns into a paragraph break of the note.
    static let paragraphBreak = "\u{E000}"

    /// In GFM a footnote goes on in paragraphs indented by four spaces after a blank
    /// line; libcmark would read them as code. The blank lines before such a paragraph
    /// become lines holding only `paragraphBreak`: a paragraph's lines may be indented,
    /// so libcmark reads the note as one paragraph, and every line stays where it was.
    /// Only plain text is joined; a list or code indented under a note stays code (and
    /// the scanner warns). Returns the line to go on from.
    static func joinContinuation(_ lines: inout [String], definition: Int) -> Int {
        /// A line of text that cannot start a block of its own (a heading, a quote, a
        /// list, a fence, a table, a directive, another note).
        func isPlain(_ line: String) -> Bool {
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard let first = text.first else { return false }
            if "#>|:=".contains(first) || definitionMarker(text) != nil { return false }
            // A list item or a rule (`- a`, `***`), a fence (```), not `*emphasis*` or `code`.
            let second = text.dropFirst().first
            if "-*+".contains(first), second == nil || second == " " || second == "\t" || second == first { return false }
            if "`~".contains(first), text.hasPrefix(String(repeating: first, count: 3)) { return false }
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, let after = text.dropFirst(digits.count).first, after == "." || after == ")" { return false }
            return true
        }
        func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
        func isIndented(_ line: String) -> Bool {
            var width = 0
            for c in line {
                if c == " " { width += 1 } else if c == "\t" { width += 4 - width % 4 } else { break }
                if width >= 4 { return true }
            }
            return false
        }
        var i = definition + 1
        while i < lines.count, !isBlank(lines[i]) {
            guard isPlain(lines[i]) else { return i }
            i += 1
        }
        while i < lines.count {
            var next = i
            while next < lines.count, isBlank(lines[next]) { next += 1 }
            guard next < lines.count, isIndented(lines[next]), isPlain(lines[next]) else { return i }
            var end = next
            while end < lines.count, !isBlank(lines[end]), isPlain(lines[end]) { end += 1 }
            guard end == lines.count || isBlank(lines[end]) else { return i }
            for k in i..<next { lines[k] = paragraphBreak }
            i = end
        }
        return i
    }

    /// A note's HTML with its paragraph breaks made into paragraphs: each after the
    /// first a block span, which may stand both in the list's item and in the side note
    /// (a `<span>`, where a `<p>` may not).
    static func paragraphs(_ html: String) -> String {
        guard html.contains(paragraphBreak) else { return html }
        let pieces = html.components(separatedBy: paragraphBreak).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return pieces.enumerated().map { $0.offset == 0 ? $0.element : "<span class=\"fn-para\">\($0.element)</span>" }
            .joined(separator: "\n")
    }

    /// Every `[^label]` in a text literal that is not a definition marker: label and
    /// byte offset.
    static func references(in text: String, skippingDefinitionAtStart: Bool) -> [(label: String, offset: Int, length: Int)] {
        guard text.containsASCII("[^") else { return [] }
        var found: [(String, Int, Int)] = []
        var search = text.startIndex
        while let open = text.range(of: "[^", range: search..<text.endIndex) {
            guard let close = text[open.upperBound...].firstIndex(of: "]") else { break }
            let label = text[open.upperBound..<close]
            let offset = text.utf8.distance(from: text.startIndex, to: open.lowerBound)
            let isMarker = skippingDefinitionAtStart && offset == 0
            if isLabel(label), !isMarker {
                found.append((String(label), offset, text.utf8.distance(from: open.lowerBound, to: close) + 1))
                search = text.index(after: close)
            } else {
                search = open.upperBound
            }
        }
        return found
    }
}

extension Scanner {
    /// A paragraph that starts `[^label]:` is a footnote's text. Definitions on
    /// consecutive lines (or right after a paragraph) are one paragraph to libcmark;
    /// they are split at each line that starts a definition.
    mutating func scanFootnoteDefinition(_ node: MarkdownNode, in fragment: Fragment) {
        var paragraph = node
        var location = fragment.location(of: node)
        var child = node.firstChild
        while let c = child {
            child = c.next
            guard c.type == CMARK_NODE_SOFTBREAK, let text = child, text.type == CMARK_NODE_TEXT,
                  let literal = text.literal, Footnotes.definitionMarker(Substring(literal)) != nil else { continue }
            // Move everything from `text` on into a new paragraph after this one.
            let next = MarkdownNode(cmark_node_new(CMARK_NODE_PARAGRAPH)!)
            cmark_node_insert_after(paragraph.pointer, next.pointer)
            var moving: MarkdownNode? = text
            while let m = moving { moving = m.next; next.append(m) }
            // The line break stays, at the end of the paragraph before: the scanner's
            // list of nodes still holds it, so it must not be freed.
            paragraph.append(c)
            record(paragraph, at: location, in: fragment)
            paragraph = next
            child = text.next
            location = fragment.location(of: text)
        }
        record(paragraph, at: location, in: fragment)
    }

    private mutating func record(_ paragraph: MarkdownNode, at location: SourceLocation, in fragment: Fragment) {
        guard let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT, let text = first.literal,
              let marker = Footnotes.definitionMarker(Substring(text)) else { return }
        fragment.authoring.footnoteDefinitions.append(FootnoteDefinition(label: marker.label, paragraph: paragraph, location: location))
    }

    /// In GFM a footnote may go on in blocks indented by four spaces; here it goes on in
    /// paragraphs only (`Footnotes.joinContinuation`), and libcmark reads any other such
    /// block as code. Say so at the block rather than show part of a note as code in
    /// the text.
    mutating func warnIfFootnoteContinuation(_ node: MarkdownNode, in fragment: Fragment, at location: SourceLocation) {
        var previous = node.previous
        while let p = previous, p.type == CMARK_NODE_CODE_BLOCK, Self.isIndented(p, in: fragment) { previous = p.previous }
        guard Self.isIndented(node, in: fragment), let paragraph = previous, paragraph.type == CMARK_NODE_PARAGRAPH,
              let last = fragment.authoring.footnoteDefinitions.last(where: { $0.paragraph.pointer == paragraph.pointer }) else { return }
        sink.warning("this indented block after footnote '[^\(last.label)]' is shown as code: a footnote goes on only in paragraphs of text indented by four spaces, not in lists, tables or code; fence code with ``` if it belongs in the text",
                     at: location)
    }

    /// An indented code block, not a fenced one: its first source line does not open
    /// with ``` or ~~~ (libcmark's API does not tell the two apart).
    static func isIndented(_ node: MarkdownNode, in fragment: Fragment) -> Bool {
        guard node.type == CMARK_NODE_CODE_BLOCK, node.startLine >= 1, node.startLine <= fragment.sourceLines.count else { return false }
        let line = fragment.sourceLines[node.startLine - 1].drop { $0 == " " || $0 == "\t" || $0 == ">" }
        return !line.hasPrefix("```") && !line.hasPrefix("~~~")
    }

    /// `[^label]` references in a text node.
    mutating func scanFootnoteReferences(_ node: MarkdownNode, text: String, in fragment: Fragment) {
        let atDefinitionStart = node.previous == nil && node.parent?.type == CMARK_NODE_PARAGRAPH
        for reference in Footnotes.references(in: text, skippingDefinitionAtStart: atDefinitionStart) {
            let location = fragment.location(of: node, offset: reference.offset, token: "[^\(reference.label)]")
            fragment.authoring.footnoteReferences.append(FootnoteReference(label: reference.label, location: location))
        }
    }
}

extension PageRenderer {
    /// Renders every footnote's text and takes its paragraph out of the page, before
    /// anything that refers to a note is rendered.
    func prepareFootnotes(_ page: Page) {
        page.footnotes.links = inputs.links
        page.footnotes.page = page.outputName
        for (definition, fragment) in page.footnotes.allDefinitions {
            replaceInlines(in: fragment, on: page)
            let paragraph = definition.paragraph
            if let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT, var text = first.literal,
               let marker = Footnotes.definitionMarker(Substring(text)) {
                text = String(decoding: Array(text.utf8).dropFirst(marker.length), as: UTF8.self)
                while text.first == " " { text.removeFirst() }
                if text.isEmpty { first.remove() } else { first.literal = text }
            }
            applyInlinePasses(paragraph, footnotes: nil)
            page.footnotes.html[definition.label] = Footnotes.paragraphs(paragraph.innerHTML(fragment.proof))
            paragraph.remove()
        }
    }
}

/// Replaces `[^label]` in the text nodes under `root` with footnote markers.
func replaceFootnoteReferences(under root: MarkdownNode, footnotes: PageFootnotes) {
    var nodes: [MarkdownNode] = []
    collectTextNodes(root, into: &nodes)
    for node in nodes {
        guard let text = node.literal, text.containsASCII("[^") else { continue }
        let found = Footnotes.references(in: text, skippingDefinitionAtStart: false)
        guard !found.isEmpty else { continue }
        let bytes = Array(text.utf8)
        var pieces: [InlinePiece] = []
        var cursor = 0
        for reference in found {
            guard let html = footnotes.referenceHTML(reference.label) else { continue }
            pieces.append(.text(String(decoding: bytes[cursor..<reference.offset], as: UTF8.self)))
            pieces.append(.html(html))
            cursor = reference.offset + reference.length
        }
        guard cursor > 0 else { continue }
        pieces.append(.text(String(decoding: bytes[cursor...], as: UTF8.self)))
        node.replace(withInlines: pieces)
    }
}

/// Text nodes under `root` (not inside links), in document order.
func collectTextNodes(_ root: MarkdownNode, into nodes: inout [MarkdownNode], insideLink: Bool = false) {
    var child = root.firstChild
    while let c = child {
        let next = c.next
        if c.type == CMARK_NODE_TEXT {
            if !insideLink { nodes.append(c) }
        } else {
            collectTextNodes(c, into: &nodes, insideLink: insideLink || c.type == CMARK_NODE_LINK || c.type == CMARK_NODE_IMAGE)
        }
        child = next
    }
}
