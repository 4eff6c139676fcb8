import CCmark
import Foundation

/// Proof that the author-written raw HTML of one Markdown tree has been turned into
/// text. HTML is rendered with CMARK_OPT_UNSAFE, so that the builder's own HTML (values,
/// figures, references) passes through; that is safe only after this pass. The pass below
/// is the only maker of a proof (its initialiser is private to this file), and every way
/// of rendering HTML from a tree or node takes one and checks that it belongs to that
/// tree, so HTML cannot be rendered from a tree the pass has not run on, whatever order
/// the stages run in.
struct Neutralised: Sendable, Equatable {
    /// The tree's root node, as an address (nodes are not Sendable).
    private let root: UInt

    fileprivate init(root: OpaquePointer) { self.root = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(root))) }

    /// Whether `node` belongs to the tree this proof was made for.
    fileprivate func covers(_ node: OpaquePointer) -> Bool {
        var top = node
        while let parent = cmark_node_parent(top) { top = parent }
        return UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(top))) == root
    }
}

extension MarkdownTree {
    /// Turns every piece of author-written raw HTML in the tree into literal text, so
    /// that `<script>` in the Markdown shows as text instead of running: inline HTML
    /// becomes text, an HTML block a code block. Run by the scanner, before the builder
    /// adds HTML of its own.
    func neutraliseRawHTML() -> Neutralised {
        for node in nodes() {
            switch node.type {
            case CMARK_NODE_HTML_INLINE:
                node.replace(withInlines: [.text(node.literal ?? "")])
            case CMARK_NODE_HTML_BLOCK:
                let new = cmark_node_new(CMARK_NODE_CODE_BLOCK)!
                cmark_node_set_literal(new, node.literal ?? "")
                cmark_node_replace(node.pointer, new)
                cmark_node_free(node.pointer)
            default:
                break
            }
        }
        return Neutralised(root: root)
    }

    /// HTML for the whole tree; the only raw HTML left in it is what the builder added.
    func html(_ proof: Neutralised) -> String {
        precondition(proof.covers(root), "HTML rendered from a tree whose raw HTML was not neutralised")
        return renderHTML(root)
    }
}

extension MarkdownNode {
    /// HTML for this node of a neutralised tree.
    func html(_ proof: Neutralised) -> String {
        precondition(proof.covers(pointer), "HTML rendered from a tree whose raw HTML was not neutralised")
        return renderHTML(pointer)
    }

    /// The HTML of this node's children alone (a paragraph without its `<p>`).
    func innerHTML(_ proof: Neutralised) -> String {
        var html = self.html(proof)
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        while html.last?.isWhitespace == true { html.removeLast() }
        return html
    }
}

private func renderHTML(_ node: OpaquePointer) -> String {
    guard let raw = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
    defer { free(raw) }
    return String(cString: raw)
}
