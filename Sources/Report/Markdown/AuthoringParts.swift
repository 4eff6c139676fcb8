import Foundation
import CCmark

/// What the authoring passes found in one fragment: the GFM and MyST syntax libcmark
/// does not parse itself (pipe tables, admonitions, author tables, footnotes), and the
/// relative links to check once the paper is built.
struct AuthoringParts {
    var pipeTables: [PipeTable] = []
    var admonitions: [Admonition] = []
    var authorTables: [AuthorTable] = []
    var footnoteReferences: [FootnoteReference] = []
    var footnoteDefinitions: [FootnoteDefinition] = []
    var links: [LocalLink] = []
    /// A directive's Markdown body (an admonition's): may hold admonitions and tables,
    /// but not computed directives, which belong at page level.
    var isDirectiveBody = false
    /// Set once tables and admonitions have been replaced by HTML.
    var finished = false

    /// Fragments nested in this one (cells, captions, bodies), for `Fragment.allFragments`.
    var children: [Fragment] {
        pipeTables.flatMap(\.cells)
            + admonitions.flatMap { [$0.title, $0.body].compactMap { $0 } }
            + authorTables.flatMap { [$0.caption, $0.body].compactMap { $0 } }
    }
}

extension Fragment {
    /// The file location of `token`, which the tree has at byte `offset` of `node`'s
    /// literal. A literal is not a copy of the source (smart quotes, entities and
    /// escapes change its length), so the column is where the token really stands in
    /// the source line, the occurrence nearest to the literal's estimate.
    func location(of node: MarkdownNode, offset: Int, token: String) -> SourceLocation {
        let estimate = node.startColumn + offset
        let lineIndex = node.startLine - 1
        guard lineIndex >= 0, lineIndex < sourceLines.count, !token.isEmpty else {
            return location(line: node.startLine, column: estimate)
        }
        let line = Array(sourceLines[lineIndex].utf8)
        let needle = Array(token.utf8)
        var best: Int?
        if line.count >= needle.count {
            for start in 0...(line.count - needle.count) where line[start] == needle[0] {
                if Array(line[start..<(start + needle.count)]) == needle {
                    let column = start + 1
                    if best == nil || abs(column - estimate) < abs(best! - estimate) { best = column }
                }
            }
        }
        return location(line: node.startLine, column: best ?? estimate)
    }
}

/// Helpers to build and rearrange inline nodes for the passes.
extension MarkdownNode {
    /// A new text node.
    static func text(_ s: String) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, s)
        return MarkdownNode(node)
    }

    /// A new inline node rendered as `open`, its children, then `close` (builder HTML).
    static func wrapper(open: String, close: String, block: Bool = false) -> MarkdownNode {
        let node = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, open)
        cmark_node_set_on_exit(node, close)
        return MarkdownNode(node)
    }

    func insertBefore(_ node: MarkdownNode) { cmark_node_insert_before(pointer, node.pointer) }
    func append(_ child: MarkdownNode) { cmark_node_append_child(pointer, child.pointer) }
    func remove() { cmark_node_unlink(pointer); cmark_node_free(pointer) }

    /// Whether a link or image encloses this node (no links inside links).
    var isInsideLink: Bool {
        var p = parent
        while let n = p {
            if n.type == CMARK_NODE_LINK || n.type == CMARK_NODE_IMAGE { return true }
            p = n.parent
        }
        return false
    }
}

extension String {
    /// Whether the ASCII `needle` occurs, by bytes: the passes ask this of every text
    /// node, and most answer no (Foundation's `contains` is far slower for that).
    func containsASCII(_ needle: StaticString) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ String.search($0, needle) }) { return found }
        return Array(utf8).withUnsafeBufferPointer { String.search($0, needle) }
    }

    private static func search(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8Start
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard buffer.count >= count else { return false }
        guard let base = buffer.baseAddress else { return false }
        // memchr finds each candidate's first byte (every text node is asked several
        // times per build, so this loop was a few percent of scanning a large paper).
        var from = 0
        while from <= buffer.count - count,
              let hit = memchr(base + from, Int32(n[0]), buffer.count - count - from + 1) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < count, buffer[i + k] == n[k] { k += 1 }
            if k == count { return true }
            from = i + 1
        }
        return false
    }
}
