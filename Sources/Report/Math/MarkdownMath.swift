import CCmark

/// A formula written in Markdown as `$…$` (inline) or `$$…$$` (display), found by
/// pandoc's rules:
///
/// - an opening `$` must have a non-space character right after it, and a closing `$`
///   a non-space character right before it and no digit right after it (so `$5 and $6`
///   stays text); `\$` is a dollar sign;
/// - `$$…$$` is display math, inline or on lines of its own within a paragraph;
/// - never inside code spans or code blocks, link destinations or autolinks; inside a
///   formula, `\$` and `\text{…}` may hold a `$`.
///
/// libcmark knows nothing of math, and its inline parsing would eat the formula's
/// backslashes (`\{`, `\,`) and underscores (emphasis) and curl its quotes. So the
/// formulas are found first, in the source of each paragraph and heading of a first
/// parse, and replaced by inert placeholders of the same byte length (so every other
/// position on the line stays true); the fragment is parsed again, and the scanner later
/// swaps each placeholder for the MathML.
struct MarkdownMath: Sendable {
    var tex: String
    var display: Bool
    /// Where the TeX came from, line by line (the formula may span lines).
    var sourceMap: TeXSourceMap
    /// The placeholder, as the re-parsed tree holds it: one string per source line.
    var placeholder: [String]

    /// The first character of every placeholder: U+0378 is unassigned in Unicode, so no
    /// author writes it (a page that does gets an error instead of math). The rest of a
    /// placeholder is `M`: inert in Markdown, in smart punctuation and in our own roles.
    static let marker: Unicode.Scalar = "\u{378}"
    private static let markerBytes: [UInt8] = Array(String(marker).utf8)
    private static let filler = UInt8(ascii: "M")

    /// The text to parse (with placeholders) and the formulas found, in reading order.
    /// `tree` is a parse of `text`; nothing is found when the text has no `$`.
    static func protect(_ text: String, parsed tree: MarkdownTree) -> (text: String, formulas: [MarkdownMath]) {
        guard text.utf8.contains(UInt8(ascii: "$")), !text.unicodeScalars.contains(marker) else { return (text, []) }
        var bytes = Array(text.utf8)
        // Byte offset of each line's start.
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
        func lineEnd(_ line: Int) -> Int { line < lineStarts.count ? lineStarts[line] - 1 : bytes.count }

        var formulas: [MarkdownMath] = []
        for node in tree.nodes() where node.type == CMARK_NODE_PARAGRAPH || node.type == CMARK_NODE_HEADING {
            // The node's content, line by line, without container prefixes.
            var segments: [(line: Int, start: Int, end: Int)] = []
            var lastLine = node.endLine
            if node.type == CMARK_NODE_HEADING, lastLine > node.startLine { lastLine -= 1 }   // a setext underline
            guard node.startLine >= 1, lastLine <= lineStarts.count, lastLine >= node.startLine else { continue }
            let quotes = node.blockQuoteDepth
            for line in node.startLine...lastLine {
                let lineStart = lineStarts[line - 1], end = lineEnd(line)
                var start: Int
                if line == node.startLine {
                    start = min(lineStart + node.startColumn - 1, end)
                    if node.type == CMARK_NODE_HEADING, node.startLine == node.endLine || lastLine == node.endLine {
                        // ATX: skip the opening #s and the space after them.
                        while start < end, bytes[start] == UInt8(ascii: "#") { start += 1 }
                    }
                } else {
                    start = lineStart
                    var markers = 0
                    while true {
                        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
                        guard markers < quotes, start < end, bytes[start] == UInt8(ascii: ">") else { break }
                        start += 1
                        markers += 1
                    }
                }
                while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
                segments.append((line, start, end))
            }
            // The content as one string; `origin[k]` is where its byte k lies in `bytes`.
            // Lines are joined by "\n" (content has no other newline).
            var content: [UInt8] = []
            var origin: [Int] = []
            for (i, segment) in segments.enumerated() {
                if i > 0 { content.append(UInt8(ascii: "\n")); origin.append(-1) }
                content += bytes[segment.start..<segment.end]
                origin += Array(segment.start..<segment.end)
            }
            for span in findSpans(content) {
                formulas.append(MarkdownMath(span: span, content: content, origin: origin, lineStarts: lineStarts))
                // Overwrite the source with the placeholder, keeping the newlines. The
                // first two bytes are on the first line: a `$` and a non-space, or `$$`.
                for k in span.start..<span.end where origin[k] >= 0 { bytes[origin[k]] = filler }
                bytes[origin[span.start]] = markerBytes[0]
                bytes[origin[span.start + 1]] = markerBytes[1]
            }
        }
        guard !formulas.isEmpty else { return (text, []) }
        return (String(decoding: bytes, as: UTF8.self), formulas)
    }

    private init(span: Span, content: [UInt8], origin: [Int], lineStarts: [Int]) {
        let texRange = span.start + span.delimiter..<span.end - span.delimiter
        tex = String(decoding: content[texRange], as: UTF8.self)
        display = span.delimiter == 2
        // One piece per line: where the TeX (and the placeholder) starts on that line.
        var pieces: [TeXSourceMap.Piece] = []
        var placeholder: [String] = []
        var k = span.start
        while k < span.end {
            var end = k
            while end < span.end, content[end] != UInt8(ascii: "\n") { end += 1 }
            let sourceOffset = origin[k]
            let line = (lineStarts.lastIndex { $0 <= sourceOffset } ?? 0) + 1
            let column = sourceOffset - lineStarts[line - 1] + 1
            let texOffset = max(0, k - texRange.lowerBound)
            // On the first line the TeX starts after the opening delimiter.
            let texColumn = k == span.start ? column + span.delimiter : column
            pieces.append(TeXSourceMap.Piece(texOffset: texOffset, line: line, column: texColumn))
            var text = String(repeating: "M", count: end - k)
            if k == span.start { text = String(MarkdownMath.marker) + text.dropFirst(2) }
            placeholder.append(text)
            k = end + 1
        }
        sourceMap = TeXSourceMap(pieces: pieces)
        self.placeholder = placeholder
    }

    // MARK: Finding formulas (pandoc's rules)

    struct Span: Equatable {
        /// Byte range in the content, delimiters included.
        var start: Int
        var end: Int
        /// 1 for `$`, 2 for `$$`.
        var delimiter: Int
    }

    /// Formulas in a paragraph's content, skipping code spans, escapes, autolinks, HTML
    /// tags and link destinations.
    static func findSpans(_ s: [UInt8]) -> [Span] {
        var spans: [Span] = []
        let n = s.count
        func at(_ i: Int) -> UInt8 { i < n ? s[i] : 0 }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isPunctuation(_ b: UInt8) -> Bool { (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b) }
        var i = 0
        while i < n {
            switch s[i] {
            case UInt8(ascii: "\\"):
                i += isPunctuation(at(i + 1)) ? 2 : 1
            case UInt8(ascii: "`"):
                var run = 0
                while at(i + run) == UInt8(ascii: "`") { run += 1 }
                i = closingBackticks(s, from: i + run, run: run).map { $0 + run } ?? i + run
            case UInt8(ascii: "<"):
                i = endOfTag(s, from: i) ?? i + 1
            case UInt8(ascii: "]") where at(i + 1) == UInt8(ascii: "("):
                i = endOfDestination(s, from: i + 2) ?? i + 2
            case UInt8(ascii: "$"):
                if at(i + 1) == UInt8(ascii: "$") {
                    // Display: anything up to the next `$$` that is not escaped.
                    var j = i + 2
                    var found: Int?
                    while j < n {
                        if s[j] == UInt8(ascii: "\\") { j += 2; continue }
                        if s[j] == UInt8(ascii: "$"), at(j + 1) == UInt8(ascii: "$") { found = j; break }
                        j += 1
                    }
                    if let close = found, s[(i + 2)..<close].contains(where: { !isSpace($0) }) {
                        spans.append(Span(start: i, end: close + 2, delimiter: 2))
                        i = close + 2
                    } else {
                        i += 2
                    }
                    continue
                }
                if let close = closingDollar(s, after: i) {
                    spans.append(Span(start: i, end: close + 1, delimiter: 1))
                    i = close + 1
                } else {
                    i += 1
                }
            default:
                i += 1
            }
        }
        return spans
    }

    /// The closing `$` of inline math opened at `open`, or nil when pandoc would not
    /// read math there.
    private static func closingDollar(_ s: [UInt8], after open: Int) -> Int? {
        let n = s.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        guard open + 1 < n, !isSpace(s[open + 1]) else { return nil }
        var j = open + 1
        while j < n {
            let b = s[j]
            if b == UInt8(ascii: "\\") {
                // `\text{…}` may hold a `$`; any other backslash pair is skipped whole.
                if s[(j + 1)...].starts(with: "text{".utf8) {
                    var depth = 0
                    var k = j + 5
                    while k < n {
                        if s[k] == UInt8(ascii: "\\") { k += 2; continue }
                        if s[k] == UInt8(ascii: "{") { depth += 1 }
                        if s[k] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { break } }
                        k += 1
                    }
                    j = k + 1
                } else {
                    j += 2
                }
                continue
            }
            if isSpace(b) {
                var k = j
                while k < n, isSpace(s[k]) { k += 1 }
                if k < n, s[k] == UInt8(ascii: "$") { return nil }   // a space before the closing `$`
                j = k
                continue
            }
            if b == UInt8(ascii: "$") {
                if j + 1 < n, s[j + 1] >= 0x30, s[j + 1] <= 0x39 { return nil }   // `$5 and $6`
                return j
            }
            j += 1
        }
        return nil
    }

    /// Where a code span opened by `run` backticks ends (the start of its closing run).
    private static func closingBackticks(_ s: [UInt8], from: Int, run: Int) -> Int? {
        var i = from
        while i < s.count {
            if s[i] == UInt8(ascii: "`") {
                var length = 0
                while i + length < s.count, s[i + length] == UInt8(ascii: "`") { length += 1 }
                if length == run { return i }
                i += length
            } else {
                i += 1
            }
        }
        return nil
    }

    /// Past an autolink or an HTML tag starting at `<`, or nil.
    private static func endOfTag(_ s: [UInt8], from: Int) -> Int? {
        guard from + 1 < s.count else { return nil }
        let next = s[from + 1]
        let isLetter = (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") else { return nil }
        var i = from + 1
        while i < s.count, s[i] != UInt8(ascii: ">"), s[i] != UInt8(ascii: "<") { i += 1 }
        return i < s.count && s[i] == UInt8(ascii: ">") ? i + 1 : nil
    }

    /// Past the destination (and title) of an inline link `](…)`, or nil.
    private static func endOfDestination(_ s: [UInt8], from: Int) -> Int? {
        var depth = 1
        var i = from
        while i < s.count {
            switch s[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return nil
    }
}

/// Where each line of a formula's TeX lies in its fragment, to turn an error's offset in
/// the formula into a line and column.
struct TeXSourceMap: Sendable {
    struct Piece: Sendable {
        /// Byte offset in the TeX where this line's part starts.
        var texOffset: Int
        /// Fragment line (1-based) and byte column (1-based) of that offset.
        var line: Int
        var column: Int
    }
    var pieces: [Piece]

    func position(of offset: Int) -> (line: Int, column: Int) {
        guard let piece = pieces.last(where: { $0.texOffset <= offset }) ?? pieces.first else { return (1, 1) }
        return (piece.line, piece.column + max(0, offset - piece.texOffset))
    }

}

extension MarkdownNode {
    /// How many block quotes contain this node (their `>` markers prefix its lines).
    var blockQuoteDepth: Int {
        var depth = 0
        var node = parent
        while let n = node {
            if n.type == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            node = n.parent
        }
        return depth
    }
}
