import CCmark
import Foundation

/// A GFM pipe table written by the author:
///
///     | Network | Params (M) |
///     |:--------|-----------:|
///     | AlexNet | 61.1       |
///
/// libcmark 0.30 reads it as one paragraph. The scanner finds such paragraphs, reads
/// their lines from the source (so escaped pipes and code spans are seen as written),
/// and replaces each with a placeholder block; every cell is parsed as its own inline
/// Markdown fragment, so values, references and emphasis work in cells and errors in a
/// cell point at its line and column. Written by hand after the GFM specification: a
/// header row, a delimiter row with the same number of cells (`---`, `:--`, `--:`,
/// `:-:`), then body rows up to the paragraph's end; a row's cells are split at pipes
/// not escaped with `\`; leading and trailing pipes are optional; missing cells are
/// empty and extra cells dropped.
struct PipeTable {
    enum Alignment: String { case left, center, right }

    var alignments: [Alignment?]
    var header: [Fragment]
    var rows: [[Fragment]]
    /// The placeholder block that stands where the paragraph was.
    var node: MarkdownNode
    var location: SourceLocation

    var cells: [Fragment] { header + rows.flatMap { $0 } }
}

/// A line of a paragraph with the column (1-based, bytes) its text starts at.
struct SourceRow {
    var text: Substring
    var column: Int
}

enum PipeTableSyntax {
    /// A cell's text (escaped pipes unescaped) and the column it starts at.
    typealias Cell = (text: String, column: Int)

    /// Splits a row at unescaped pipes; leading and trailing pipes are dropped and
    /// cells trimmed.
    static func cells(of row: SourceRow) -> [Cell] {
        let bytes = Array(row.text.utf8)
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
        // Segments between unescaped pipes, with the byte offset each starts at.
        var segments: [(bytes: [UInt8], start: Int)] = [([], 0)]
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == backslash, i + 1 < bytes.count {
                // `\|` is a pipe inside the cell, even in a code span; other escapes stay.
                if bytes[i + 1] == pipe { segments[segments.count - 1].bytes.append(pipe) }
                else { segments[segments.count - 1].bytes += [b, bytes[i + 1]] }
                i += 2
            } else if b == pipe {
                segments.append(([], i + 1))
                i += 1
            } else {
                segments[segments.count - 1].bytes.append(b)
                i += 1
            }
        }
        func blank(_ s: [UInt8]) -> Bool { s.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        if segments.count > 1, blank(segments[0].bytes) { segments.removeFirst() }
        if segments.count > 1 || bytes.last == pipe, let last = segments.last, blank(last.bytes), bytes.contains(pipe) {
            segments.removeLast()
        }
        return segments.map { segment in
            var text = segment.bytes[...]
            var column = segment.start
            while let f = text.first, f == 0x20 || f == 0x09 { text = text.dropFirst(); column += 1 }
            while let l = text.last, l == 0x20 || l == 0x09 { text = text.dropLast() }
            return (String(decoding: text, as: UTF8.self), row.column + column)
        }
    }

    /// The alignments of a delimiter row, or nil if it is not one.
    static func delimiter(_ row: SourceRow) -> [PipeTable.Alignment?]? {
        guard row.text.contains("|") || row.text.contains("-") else { return nil }
        let cells = cells(of: row)
        guard !cells.isEmpty else { return nil }
        var alignments: [PipeTable.Alignment?] = []
        for cell in cells {
            let t = cell.text
            let left = t.hasPrefix(":"), right = t.hasSuffix(":")
            let dashes = t.dropFirst(left ? 1 : 0).dropLast(right && t.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : nil)
        }
        // A single `---` is a thematic break or heading underline, never a table.
        if cells.count == 1, !row.text.contains("|") { return nil }
        return alignments
    }
}

extension Scanner {
    /// Replaces every paragraph of `fragment` that is a pipe table with a placeholder,
    /// and scans its cells.
    mutating func extractPipeTables(_ fragment: Fragment) {
        // Cheap test first: a table has a pipe in one of its lines.
        func hasPipe(_ line: Int) -> Bool {
            line >= 1 && line <= fragment.sourceLines.count && fragment.sourceLines[line - 1].utf8.contains(UInt8(ascii: "|"))
        }
        guard fragment.sourceLines.contains(where: { $0.utf8.contains(UInt8(ascii: "|")) }) else { return }
        // Paragraphs are collected before any is replaced: replacing frees a paragraph's
        // inlines, which a list of every node would still hold.
        for node in fragment.tree.nodes().filter({ $0.type == CMARK_NODE_PARAGRAPH }) {
            guard node.endLine > node.startLine, (node.startLine...node.endLine).contains(where: hasPipe) else { continue }
            let lines = sourceRows(of: node, in: fragment)
            guard lines.count >= 2 else { continue }
            // The header row is the line above the first delimiter row. Usually that is
            // the paragraph's first line; further down, the table interrupts a paragraph
            // (as in cmark-gfm): the lines above it stay a paragraph of their own.
            guard let delimiterLine = lines.indices.dropFirst().first(where: { i in
                PipeTableSyntax.delimiter(lines[i]).map { PipeTableSyntax.cells(of: lines[i - 1]).count == $0.count } ?? false
                    && (lines[i].text.contains("|") || lines[i - 1].text.contains("|"))
            }) ?? (PipeTableSyntax.delimiter(lines[1]) != nil ? 1 : nil) else { continue }
            let start = delimiterLine - 1
            let rows = Array(lines[start...])
            let alignments = PipeTableSyntax.delimiter(rows[1])!
            let headerCells = PipeTableSyntax.cells(of: rows[0])
            guard headerCells.count == alignments.count else {
                if rows[1].text.contains("|") {
                    sink.warning("table header has \(headerCells.count) cells but its delimiter row has \(alignments.count); it is shown as text",
                                 at: fragment.location(line: node.startLine, column: rows[0].column))
                }
                continue
            }
            // Cut the paragraph before the header row: its inlines after the line break
            // that ends line `start` belong to the table. A break inside emphasis or a
            // link spanning the lines cannot be cut there; then the table stays text.
            var keptParagraph = false
            if start > 0 {
                let breaks = node.children.filter { $0.type == CMARK_NODE_SOFTBREAK || $0.type == CMARK_NODE_LINEBREAK }
                guard breaks.count >= start else {
                    sink.warning("this looks like a table inside a paragraph, but emphasis or a link spans its header row; leave an empty line before the table's header row",
                                 at: fragment.location(line: node.startLine + start, column: rows[0].column))
                    continue
                }
                var cut: MarkdownNode? = breaks[start - 1]
                while let n = cut {
                    cut = n.next
                    cmark_node_unlink(n.pointer)
                    cmark_node_free(n.pointer)
                }
                keptParagraph = true
            }
            let firstLine = node.startLine + start
            func cellFragments(_ row: Int) -> [Fragment] {
                var cells = PipeTableSyntax.cells(of: rows[row])
                if row > 0 {
                    cells = Array(cells.prefix(alignments.count))
                    while cells.count < alignments.count { cells.append(("", rows[row].column)) }
                }
                return cells.map { cell in
                    let f = inlineFragment(cell.text, file: fragment.file, line: fragment.firstLine + firstLine + row - 1,
                                           column: fragment.columnOffset + cell.column)
                    scan(f, allowBlocks: false)
                    return f
                }
            }
            let header = cellFragments(0)
            let body = (2..<rows.count).map(cellFragments)
            let placeholder = MarkdownNode(cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)!)
            let location = keptParagraph ? fragment.location(line: firstLine, column: rows[0].column) : fragment.location(of: node)
            if keptParagraph {
                cmark_node_insert_after(node.pointer, placeholder.pointer)
            } else {
                cmark_node_replace(node.pointer, placeholder.pointer)
                cmark_node_free(node.pointer)
            }
            fragment.authoring.pipeTables.append(PipeTable(alignments: alignments, header: header, rows: body,
                                                           node: placeholder, location: location))
        }
    }

    /// The paragraph's lines as written, without the markers of the block quotes and the
    /// indentation of the list items it sits in.
    private func sourceRows(of node: MarkdownNode, in fragment: Fragment) -> [SourceRow] {
        var quotes = 0
        var p = node.parent
        while let n = p { if n.type == CMARK_NODE_BLOCK_QUOTE { quotes += 1 }; p = n.parent }
        var rows: [SourceRow] = []
        for line in node.startLine...max(node.startLine, node.endLine) {
            guard line >= 1, line <= fragment.sourceLines.count else { return [] }
            var text = fragment.sourceLines[line - 1]
            var column = 1
            if line == node.startLine {
                let drop = min(node.startColumn - 1, text.utf8.count)
                text = Substring(String(decoding: Array(text.utf8).dropFirst(drop), as: UTF8.self))
                column += drop
            } else {
                for _ in 0..<quotes {
                    let spaces = text.prefix { $0 == " " }.count
                    guard spaces <= 3, text.dropFirst(spaces).first == ">" else { break }
                    text = text.dropFirst(spaces + 1); column += spaces + 1
                    if text.first == " " { text = text.dropFirst(); column += 1 }
                }
                let spaces = text.prefix { $0 == " " || $0 == "\t" }.count
                text = text.dropFirst(spaces); column += spaces
            }
            rows.append(SourceRow(text: text, column: column))
        }
        return rows
    }
}

extension PageRenderer {
    /// A pipe table's HTML; numeric columns are right-aligned on the decimal point.
    func pipeTableHTML(_ table: PipeTable, on page: Page, caption: String? = nil) -> String {
        let header = table.header.map { inlineHTML($0, on: page) }
        let rows = table.rows.map { $0.map { inlineHTML($0, on: page) } }
        let columns = table.alignments.indices.map { c in
            NumericColumn(rows.map { textOfHTML($0[c]) }, alignment: table.alignments[c])
        }
        var out = "<table>\n"
        if let caption { out += "<caption>\(caption)</caption>\n" }
        out += "<thead>\n<tr>\n"
        for (c, cell) in header.enumerated() {
            out += "<th\(attributes(table.alignments[c], numeric: columns[c]?.rightAligned ?? false))>\(cell)</th>\n"
        }
        out += "</tr>\n</thead>\n"
        if !rows.isEmpty {
            out += "<tbody>\n"
            for row in rows {
                out += "<tr>\n"
                for (c, cell) in row.enumerated() {
                    let numeric = columns[c]
                    let padding = numeric?.padding(for: textOfHTML(cell)) ?? ""
                    let pad = padding.isEmpty ? "" : "<span class=\"decimal-pad\" aria-hidden=\"true\">\(padding)</span>"
                    out += "<td\(attributes(table.alignments[c], numeric: numeric?.rightAligned ?? false))>\(cell)\(pad)</td>\n"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        return out + "</table>\n"
    }

    private func attributes(_ alignment: PipeTable.Alignment?, numeric: Bool) -> String {
        var out = ""
        if numeric { out += " class=\"num\"" }
        if let alignment { out += " style=\"text-align: \(alignment.rawValue)\"" }
        return out
    }
}

/// A column whose every non-empty body cell is a number: right-aligned, and padded so
/// that decimal points line up (figure spaces are as wide as a digit in tabular figures;
/// a punctuation space is as wide as the point).
struct NumericColumn {
    var decimals: Int
    var hasPoint: Bool
    var percent: Bool
    var rightAligned: Bool

    init?(_ texts: [String], alignment: PipeTable.Alignment?) {
        let numbers = texts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !NumericColumn.isBlank($0) }
        guard !numbers.isEmpty, numbers.allSatisfy(NumericColumn.isNumber), alignment != .center else { return nil }
        decimals = numbers.map(NumericColumn.decimals).max() ?? 0
        hasPoint = numbers.contains { $0.contains(".") }
        percent = numbers.contains { $0.hasSuffix("%") }
        rightAligned = alignment != .left
    }

    static func isBlank(_ s: String) -> Bool { s.isEmpty || s == "—" || s == "–" || s == "-" }

    static func isNumber(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasSuffix("%") { t = t.dropLast() }
        if let f = t.first, "+-−".contains(f) { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return false }
        let digits = whole.filter { $0 != "," && $0 != "\u{2009}" }
        guard !digits.isEmpty || parts.count == 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber } }
        return true
    }

    static func decimals(_ s: String) -> Int {
        guard let point = s.firstIndex(of: ".") else { return 0 }
        return s[s.index(after: point)...].filter { $0.isNumber }.count
    }

    func padding(for text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard rightAligned, NumericColumn.isNumber(t) else { return "" }
        var pad = ""
        if hasPoint, !t.contains(".") { pad += "\u{2008}" }
        pad += String(repeating: "\u{2007}", count: decimals - NumericColumn.decimals(t))
        if percent, !t.hasSuffix("%") { pad += "\u{2007}" }
        return pad
    }
}
