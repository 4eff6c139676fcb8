import CCmark

/// A MyST admonition: a boxed note with an optional title and a Markdown body, written
/// ```` ```{note} Optional title ```` or `:::{note} Optional title` … `:::`.
struct Admonition {
    /// The kinds MyST names, in the order `report` documents them.
    static let kinds = ["note", "tip", "important", "warning", "caution"]

    var kind: String
    var title: Fragment?
    var body: Fragment?
    var node: MarkdownNode
    var location: SourceLocation

    var defaultTitle: String { kind.prefix(1).uppercased() + kind.dropFirst() }
}

/// Every directive name a page may use, for the "unknown directive" message.
var knownDirectiveNames: [String] {
    DirectiveKind.all.map(\.name) + Admonition.kinds
}

extension Scanner {
    /// Admonitions and author tables; false if `name` is neither (the caller goes on
    /// with computed directives).
    mutating func scanAuthoringDirective(_ name: String, node: MarkdownNode, in fragment: Fragment,
                                         allowBlocks: Bool, location: SourceLocation) -> Bool {
        let isAdmonition = Admonition.kinds.contains(name)
        guard isAdmonition || (name == "table" && directiveBodyStartsWithTable(node)) else { return false }
        guard allowBlocks || fragment.authoring.isDirectiveBody else {
            sink.error("a {\(name)} directive cannot appear inside a caption", at: location)
            return true
        }
        let (options, body) = directiveBody(node, in: fragment, markdown: true)
        let argument = inlineArgument(of: node, in: fragment)
        if isAdmonition {
            for option in options {
                sink.error("{\(name)} takes no options (':\(option.key):'); write its title after {\(name)}", at: option.location)
            }
            if body == nil {
                sink.error("{\(name)} is empty: write its text on the lines after the fence", at: location)
            }
            fragment.authoring.admonitions.append(Admonition(kind: name, title: argument, body: body, node: node, location: location))
        } else {
            scanAuthorTable(options: options, caption: argument, body: body, node: node, in: fragment, location: location)
        }
        return true
    }

    /// The text after `{name}` on the fence line, as an inline fragment (a title or a
    /// caption), located at its column.
    mutating func inlineArgument(of node: MarkdownNode, in fragment: Fragment) -> Fragment? {
        let lineIndex = node.startLine - 1
        guard lineIndex >= 0, lineIndex < fragment.sourceLines.count else { return nil }
        let line = fragment.sourceLines[lineIndex]
        guard let close = line.firstIndex(of: "}") else { return nil }
        let rest = line[line.index(after: close)...]
        let text = rest.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let leading = rest.prefix { $0 == " " || $0 == "\t" }.utf8.count
        let column = line.utf8.distance(from: line.startIndex, to: rest.startIndex) + leading + 1
        let argument = inlineFragment(text, file: fragment.file, line: fragment.firstLine + node.startLine - 1,
                                      column: fragment.columnOffset + column)
        scan(argument, allowBlocks: false)
        return argument
    }
}

/// Inline Markdown on its own (a table cell, a title): a no-break space in front keeps
/// text that starts `#`, `-` or `1.` from being read as a heading or a list. It is two
/// bytes, which the column offset takes back; the renderer drops it (`inlineHTML`).
func inlineFragment(_ text: String, file: String, line: Int, column: Int) -> Fragment {
    Fragment("\u{00A0}" + text, file: file, firstLine: line, columnOffset: column - 3)
}

extension PageRenderer {
    /// An inline fragment's HTML without its paragraph and leading no-break space.
    func inlineHTML(_ fragment: Fragment, on page: Page) -> String {
        Self.inlineHTML(fromBlock: html(of: fragment, on: page))
    }

    /// The HTML of an inline fragment rendered as a block, without its paragraph and
    /// leading no-break space.
    static func inlineHTML(fromBlock html: String) -> String {
        var html = html
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        if html.hasPrefix("\u{00A0}") { html.removeFirst() }
        return html
    }

    func admonitionHTML(_ admonition: Admonition, on page: Page) -> String {
        let title = admonition.title.map { inlineHTML($0, on: page) } ?? escapeHTML(admonition.defaultTitle)
        let body = admonition.body.map { html(of: $0, on: page) } ?? ""
        return "<div class=\"admonition \(admonition.kind)\" role=\"note\">\n<p class=\"admonition-title\">\(title)</p>\n\(body)</div>\n"
    }

    /// Replaces the fragment's tables and admonitions with HTML and runs the GFM inline
    /// passes over the rest (after values and references were replaced).
    func finishAuthoring(_ fragment: Fragment, on page: Page) {
        guard !fragment.authoring.finished else { return }
        fragment.authoring.finished = true
        for table in fragment.authoring.pipeTables {
            table.node.replace(withHTML: "<div class=\"table author-table\">\n" + pipeTableHTML(table, on: page) + "</div>\n", block: true)
        }
        for admonition in fragment.authoring.admonitions {
            admonition.node.replace(withHTML: admonitionHTML(admonition, on: page), block: true)
        }
        for table in fragment.authoring.authorTables {
            table.node.replace(withHTML: authorTableHTML(table, on: page), block: true)
        }
        applyInlinePasses(MarkdownNode(fragment.tree.root), footnotes: page.mayNeedFootnotes(fragment) ? page.footnotes : nil)
    }
}
