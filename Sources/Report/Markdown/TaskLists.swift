import CCmark

/// GFM task lists: a list item whose text starts `[ ]` or `[x]` followed by white space
/// shows a checkbox (disabled: the page is a document, not a form).
enum TaskLists {
    static func apply(_ root: MarkdownNode) {
        var items: [MarkdownNode] = []
        collect(root, into: &items)
        for item in items {
            guard let paragraph = item.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH,
                  let text = paragraph.firstChild, text.type == CMARK_NODE_TEXT, let literal = text.literal,
                  let checked = marker(literal) else { continue }
            let box = MarkdownNode.wrapper(open: checked ? "<input type=\"checkbox\" class=\"task\" checked disabled>"
                                                         : "<input type=\"checkbox\" class=\"task\" disabled>", close: "")
            text.insertBefore(box)
            text.literal = String(literal.dropFirst(3))
        }
    }

    /// Whether `[x] …` (true) or `[ ] …` (false) starts the text; nil if neither.
    static func marker(_ text: String) -> Bool? {
        let chars = Array(text.prefix(4))
        guard chars.count >= 3, chars[0] == "[", chars[2] == "]" else { return nil }
        guard chars.count == 3 || chars[3] == " " || chars[3] == "\t" else { return nil }
        switch chars[1] {
        case " ": return false
        case "x", "X": return true
        default: return nil
        }
    }

    private static func collect(_ node: MarkdownNode, into items: inout [MarkdownNode]) {
        var child = node.firstChild
        while let c = child {
            if c.type == CMARK_NODE_ITEM { items.append(c) }
            if !c.isLeaf, c.type != CMARK_NODE_PARAGRAPH { collect(c, into: &items) }
            child = c.next
        }
    }
}

/// The GFM inline passes, in order, over a rendered-to-be tree (after values and
/// references were replaced): strikethrough, autolinks, task lists, then footnote markers.
func applyInlinePasses(_ root: MarkdownNode, footnotes: PageFootnotes?) {
    Strikethrough.apply(root)
    Autolinks.apply(root)
    TaskLists.apply(root)
    if let footnotes { replaceFootnoteReferences(under: root, footnotes: footnotes) }
}
