import CCmark

extension Fragment {
    /// Swaps each formula's placeholder in the tree for its MathML, as a custom inline
    /// node: the scanner leaves those alone (they are not the author's raw HTML) and
    /// libcmark writes their HTML out as it is. A formula that does not convert is
    /// reported at the line and column of the problem inside it.
    func placeMath(sink: inout DiagnosticSink) {
        if forgedMathMarker {
            sink.error("character U+0378 (unassigned in Unicode) cannot be used in a page with $…$ math", at: location(line: 1, column: 1))
        }
        guard !math.isEmpty else { return }
        var next = 0   // the formula whose placeholder comes next in reading order
        var freed: Set<MarkdownNode> = []
        for node in tree.nodes() where node.type == CMARK_NODE_TEXT && !freed.contains(node) {
            var current: MarkdownNode? = node
            while let text = current, let literal = text.literal.map({ Array($0.utf8) }),
                  let start = Self.placeholderStart(in: literal) {
                guard next < math.count else { return }
                let formula = math[next]
                next += 1
                let html = mathML(of: formula, sink: &sink)
                let pieces = formula.placeholder.map { Array($0.utf8) }
                guard literal[start...].starts(with: pieces[0]) else {
                    notPlaced(formula, sink: &sink)
                    return
                }
                let before = Array(literal[..<start])
                if pieces.count == 1 {
                    text.insertBefore(.text(before))
                    text.insertBefore(.math(html))
                    let after = Array(literal[(start + pieces[0].count)...])
                    if after.isEmpty {
                        text.remove()
                        freed.insert(text)
                        current = nil
                    } else {
                        text.literal = String(decoding: after, as: UTF8.self)
                    }
                    continue
                }
                // A formula over several lines: its first piece ends this text node, and
                // each further line's piece starts the text node after a line break.
                var doomed: [MarkdownNode] = []
                var last: MarkdownNode?
                var cursor = text.next
                for (i, piece) in pieces.enumerated().dropFirst() {
                    guard literal.count == start + pieces[0].count, let lineBreak = cursor,
                          lineBreak.type == CMARK_NODE_SOFTBREAK || lineBreak.type == CMARK_NODE_LINEBREAK,
                          let line = lineBreak.next, line.type == CMARK_NODE_TEXT,
                          let lineText = line.literal.map({ Array($0.utf8) }), lineText.starts(with: piece),
                          i == pieces.count - 1 || lineText.count == piece.count else { break }
                    doomed.append(lineBreak)
                    if i == pieces.count - 1 { last = line } else { doomed.append(line) }
                    cursor = line.next
                }
                guard let last, let lastText = last.literal.map({ Array($0.utf8) }) else {
                    notPlaced(formula, sink: &sink)
                    return
                }
                text.insertBefore(.text(before))
                text.insertBefore(.math(html))
                text.remove()
                freed.insert(text)
                for node in doomed { node.remove(); freed.insert(node) }
                let after = Array(lastText[pieces[pieces.count - 1].count...])
                if after.isEmpty {
                    last.remove()
                    freed.insert(last)
                } else {
                    last.literal = String(decoding: after, as: UTF8.self)   // the loop reaches it later
                }
                current = nil
            }
        }
    }

    private static func placeholderStart(in bytes: [UInt8]) -> Int? {
        let marker = Array(String(MarkdownMath.marker).utf8)
        guard bytes.count >= marker.count else { return nil }
        return (0...(bytes.count - marker.count)).first { bytes[$0] == marker[0] && bytes[$0 + 1] == marker[1] }
    }

    /// The MathML of a formula, or its source as code after reporting why it failed.
    private func mathML(of formula: MarkdownMath, sink: inout DiagnosticSink) -> String {
        do {
            return try MathParser.mathML(formula.tex, display: formula.display)
        } catch {
            let position = formula.sourceMap.position(of: error.offset)
            sink.error(error.message, at: location(line: position.line, column: position.column))
            return "<code>\(escapeHTML(formula.tex))</code>"
        }
    }

    private func notPlaced(_ formula: MarkdownMath, sink: inout DiagnosticSink) {
        let position = formula.sourceMap.position(of: 0)
        sink.error("this formula overlaps a link, code span or HTML tag around it; move it out, or write \\$ for a dollar sign",
                   at: location(line: position.line, column: position.column))
    }
}

/// A node to insert: text or a formula's MathML.
enum InsertedNode {
    case text([UInt8])
    case math(String)
}

extension MarkdownNode {
    /// Inserts a node before this one (nothing for empty text).
    func insertBefore(_ inserted: InsertedNode) {
        let node: OpaquePointer
        switch inserted {
        case .text(let bytes):
            guard !bytes.isEmpty else { return }
            node = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(node, String(decoding: bytes, as: UTF8.self))
        case .math(let html):
            node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
            cmark_node_set_on_enter(node, html)
        }
        cmark_node_insert_before(pointer, node)
    }
}
