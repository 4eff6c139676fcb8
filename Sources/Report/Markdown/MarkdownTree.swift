import CCmark
import Foundation

/// A CommonMark document parsed by libcmark, with source positions. The tree is owned
/// by this object and freed with it; node handles never outlive it.
///
/// Not Sendable (nor are the pages and fragments that hold trees, nor node handles): a
/// tree is mutated by the scanner and the renderer, and the compiler now checks that no
/// tree crosses from one task to another.
final class MarkdownTree {
    let root: OpaquePointer

    init(_ text: String) {
        // Rewrites that keep every line where it was: colon fences become backtick
        // fences, footnote definitions are kept from being read as link definitions.
        let source = Footnotes.protectDefinitions(ColonFence.rewrite(text))
        // cmark takes a length in bytes. SOURCEPOS gives line and column of every node;
        // SMART gives curly quotes, dashes and ellipses (never inside code); UNSAFE is for
        // rendering only (see `html()`).
        root = source.withCString {
            cmark_parse_document($0, strlen($0), CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART)
        }
        // One text node per run of text, so passes over text (references, strikethrough,
        // autolinks, footnotes) see `~~a~~` or `[^1]` whole.
        cmark_consolidate_text_nodes(root)
    }

    deinit { cmark_node_free(root) }

    /// Every node in document order (collected first, because the tree must not be
    /// mutated during a cmark iterator walk).
    func nodes() -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        guard let iterator = cmark_iter_new(root) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                result.append(MarkdownNode(node))
            }
        }
        return result
    }

    /// The first node (in document order) nested more than `limit` levels below the
    /// root, or nil. Walks with enter/exit events, so the check itself never recurses.
    func firstNode(deeperThan limit: Int) -> MarkdownNode? {
        guard let iterator = cmark_iter_new(root) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0   // of the node just entered, the root being 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return nil }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_EXIT { depth -= 1; continue }
            let nodeDepth = node == root ? 0 : depth + 1
            if nodeDepth > limit { return MarkdownNode(node) }
            // Leaves get no exit event, so only containers deepen the walk.
            if node == root || !MarkdownNode(node).isLeaf { depth = nodeDepth }
        }
    }
}

/// A handle on a node of a `MarkdownTree`; valid while the tree lives.
struct MarkdownNode: Hashable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    var type: cmark_node_type { cmark_node_get_type(pointer) }
    var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { _ = cmark_node_set_literal(pointer, newValue) }
    }
    var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }
    var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    var parent: MarkdownNode? { cmark_node_parent(pointer).map(MarkdownNode.init) }
    var previous: MarkdownNode? { cmark_node_previous(pointer).map(MarkdownNode.init) }
    var next: MarkdownNode? { cmark_node_next(pointer).map(MarkdownNode.init) }
    var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map(MarkdownNode.init) }
    var lastChild: MarkdownNode? { cmark_node_last_child(pointer).map(MarkdownNode.init) }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let c = child { result.append(c); child = c.next }
        return result
    }

    /// The concatenated text of this node's inline descendants (for headings).
    var plainText: String {
        var out = ""
        for child in children {
            switch child.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: out += child.literal ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: out += child.plainText
            }
        }
        return out
    }

    /// This node's inlines as HTML for an entry in a contents list: text and code
    /// escaped, emphasis kept, the builder's own inline nodes (a formula's MathML, a
    /// strikethrough) kept as they render; links and raw HTML reduced to their text.
    var contentsHTML: String {
        var out = ""
        for child in children {
            switch child.type {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE: out += escapeHTML(child.literal ?? "")
            case CMARK_NODE_CODE: out += "<code>" + escapeHTML(child.literal ?? "") + "</code>"
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            case CMARK_NODE_EMPH: out += "<em>" + child.contentsHTML + "</em>"
            case CMARK_NODE_STRONG: out += "<strong>" + child.contentsHTML + "</strong>"
            case CMARK_NODE_CUSTOM_INLINE:
                // libcmark gives NULL for a side that was never set.
                out += (cmark_node_get_on_enter(child.pointer).map { String(cString: $0) } ?? "") + child.contentsHTML
                    + (cmark_node_get_on_exit(child.pointer).map { String(cString: $0) } ?? "")
            default: out += child.contentsHTML
            }
        }
        return out
    }

    /// Replaces this node with raw HTML (block or inline, matching what it replaces)
    /// and frees the old node.
    func replace(withHTML html: String, block: Bool) {
        let new = cmark_node_new(block ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE)!
        cmark_node_set_literal(new, html)
        cmark_node_replace(pointer, new)
        cmark_node_free(pointer)
    }

    /// Replaces this node with a sequence of inline pieces (text or raw HTML).
    func replace(withInlines pieces: [InlinePiece]) {
        for piece in pieces {
            let new: OpaquePointer
            switch piece {
            case .text(let s):
                if s.isEmpty { continue }
                new = cmark_node_new(CMARK_NODE_TEXT)!
                cmark_node_set_literal(new, s)
            case .html(let s):
                new = cmark_node_new(CMARK_NODE_HTML_INLINE)!
                cmark_node_set_literal(new, s)
            }
            cmark_node_insert_before(pointer, new)
        }
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }

    func setURL(_ url: String) { cmark_node_set_url(pointer, url) }
}

enum InlinePiece: Equatable {
    case text(String)
    case html(String)
}

extension MarkdownNode {
    var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    /// Node kinds that cannot have children (libcmark's iterator gives them no exit event).
    var isLeaf: Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }
}
