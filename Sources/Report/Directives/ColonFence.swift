/// MyST's colon fence, `:::{note} Title` … `:::`, for directives whose body is Markdown
/// (admonitions, author tables). libcmark does not know it, so before parsing, the
/// outermost colon fence is rewritten into a backtick fence one line for one line: the
/// directive then takes the same path as ```` ```{note} ````, and every node keeps its
/// line. The backtick fence is made longer than any backtick fence inside the body, so
/// code blocks in a note stay inside it. Fences nested inside the body are rewritten
/// when the body itself is parsed.
enum ColonFence {
    /// `text` with its outermost colon fences turned into backtick fences.
    static func rewrite(_ text: String) -> String {
        guard text.containsASCII(":::") else { return text }
        var lines = splitLines(text).map(String.init)
        var code = CodeFenceTracker()
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if code.isInside || code.opens(line) { code.feed(line); i += 1; continue }
            guard let open = opening(line) else { i += 1; continue }
            // Find the matching close, skipping code blocks and nested colon fences.
            var depth: [Int] = [open.colons]
            var inner = CodeFenceTracker()
            var longestBackticks = 0
            var close: Int?
            var j = i + 1
            while j < lines.count {
                let l = lines[j]
                if inner.isInside || inner.opens(l) {
                    if !inner.isInside, let run = backtickRun(l) { longestBackticks = max(longestBackticks, run) }
                    inner.feed(l); j += 1; continue
                }
                if let nested = opening(l) { depth.append(nested.colons) }
                else if let colons = closing(l), let last = depth.last, colons >= last {
                    depth.removeLast()
                    if depth.isEmpty { close = j; break }
                }
                j += 1
            }
            let ticks = String(repeating: "`", count: max(3, longestBackticks + 1))
            lines[i] = open.indent + ticks + open.info
            if let close {
                lines[close] = open.indent + ticks
                i = close + 1
            } else {
                i = lines.count   // unclosed: runs to the end, and the scanner says so
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `:::{name} rest` (at most three spaces of indentation): its indent, colon count and
    /// the info string from `{` on.
    static func opening(_ line: String) -> (indent: String, colons: Int, info: String)? {
        let indent = line.prefix { $0 == " " }
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        let colons = rest.prefix { $0 == ":" }.count
        guard colons >= 3 else { return nil }
        let info = rest.dropFirst(colons)
        guard info.hasPrefix("{") else { return nil }
        return (String(indent), colons, String(info))
    }

    /// A line of only colons (three or more): a closing fence.
    static func closing(_ line: String) -> Int? {
        let trimmed = line.trimmingSpaces
        guard trimmed.count >= 3, trimmed.allSatisfy({ $0 == ":" }), line.prefix(while: { $0 == " " }).count <= 3 else { return nil }
        return trimmed.count
    }

    private static func backtickRun(_ line: String) -> Int? {
        let rest = line.drop { $0 == " " || $0 == ">" }
        let run = rest.prefix { $0 == "`" }.count
        return run >= 3 ? run : nil
    }
}

/// Follows backtick and tilde code fences line by line, so that line-level rewrites
/// (colon fences, footnote definitions) leave code blocks alone. Block-quote markers
/// and indentation before a fence are skipped.
struct CodeFenceTracker {
    private var open: (character: Character, length: Int)?

    var isInside: Bool { open != nil }

    func opens(_ line: String) -> Bool { fence(line) != nil }

    mutating func feed(_ line: String) {
        guard let f = fence(line) else { return }
        if let o = open {
            // A closing fence: same character, at least as long, nothing after it.
            let rest = line.drop { $0 == " " || $0 == ">" }.dropFirst(f.length)
            if f.character == o.character, f.length >= o.length, rest.allSatisfy({ $0 == " " || $0 == "\t" }) { open = nil }
        } else {
            open = f
        }
    }

    private func fence(_ line: String) -> (character: Character, length: Int)? {
        let rest = line.drop { $0 == " " || $0 == ">" }
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        // A backtick fence's info string may not contain backticks.
        if first == "`", rest.dropFirst(length).contains("`") { return nil }
        return (first, length)
    }
}
