import CCmark

/// A table the author writes, captioned, labelled and numbered like a computed one
/// (MyST's syntax: the caption is the argument, the body the table):
///
///     :::{table} Networks and their sizes.
///     :label: tbl-sizes
///     | Network | Params (M) |
///     |---|---:|
///     | AlexNet | 61.1 |
///     :::
///
/// `{table} NAME` with a caption as body stays a computed table: a `{table}` is the
/// author's when its body (after the options) starts with `|`.
struct AuthorTable {
    var caption: Fragment?
    var label: DirectiveOption?
    var body: Fragment?
    var node: MarkdownNode
    var location: SourceLocation

    var table: PipeTable? { body?.authoring.pipeTables.first }
}

extension Scanner {
    /// Whether the code block's body, after its options, starts with a pipe.
    func directiveBodyStartsWithTable(_ node: MarkdownNode) -> Bool {
        for line in (node.literal ?? "").split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix(":") { continue }
            return t.hasPrefix("|")
        }
        return false
    }

    mutating func scanAuthorTable(options: [DirectiveOption], caption: Fragment?, body: Fragment?,
                                  node: MarkdownNode, in fragment: Fragment, location: SourceLocation) {
        var label: DirectiveOption?
        for option in options {
            if option.key == "label" {
                if let problem = labelProblem(option.value, prefix: "tbl-") { sink.error(problem, at: option.location) } else { label = option }
            } else {
                sink.error(withSuggestion("unknown option ':\(option.key):' for an author {table}", for: option.key, among: ["label"]),
                           at: option.location)
            }
        }
        if caption == nil {
            sink.error("{table} has no caption: write it after {table}, e.g. ':::{table} Networks and their sizes.'", at: location)
        }
        if let body {
            let tables = body.authoring.pipeTables.count
            let other = body.tree.nodes().contains { $0.type != CMARK_NODE_DOCUMENT && $0.type != CMARK_NODE_CUSTOM_BLOCK && $0.parent?.type == CMARK_NODE_DOCUMENT }
            if tables != 1 || other {
                sink.error(tables == 0
                           ? "{table} body is not a pipe table: it needs a header row, then a delimiter row such as '|---|---|'"
                           : "a {table} holds exactly one pipe table and nothing else; put other text outside it",
                           at: body.location(line: 1, column: 1))
            }
        }
        fragment.authoring.authorTables.append(AuthorTable(caption: caption, label: label, body: body, node: node, location: location))
    }
}

extension PageRenderer {
    func authorTableHTML(_ table: AuthorTable, on page: Page) -> String {
        guard let pipeTable = table.table, let label = inputs.blockLabel(at: table.location, for: page),
              let target = inputs.target(label, for: page) else { return "" }
        let number = "<a class=\"number\" href=\"#\(urlPath(label))\">\(target.name).</a>"
        let caption = "<p>\(number) \(table.caption.map { inlineHTML($0, on: page) } ?? "")</p>"
        return "<div class=\"table author-table\" id=\"\(escapeHTML(label))\">\n" + pipeTableHTML(pipeTable, on: page, caption: caption) + "</div>\n"
    }
}
