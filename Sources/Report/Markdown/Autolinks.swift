import CCmark

/// GFM's extended autolinks: a bare `https://…`, `http://…` or `www.…` address, or an
/// e-mail address, in text becomes a link. Written by hand after the GFM specification's
/// rules (libcmark 0.30 has no extensions): the address starts at the beginning of a
/// line, after white space or after `*`, `_`, `~` or `(`; its domain has at least one
/// period and no underscore in its last two parts; it ends at white space or `<`, and
/// then loses trailing punctuation (`?!.,:*_~`), a `)` that has no partner, and a
/// trailing entity-like `&name;`. Text inside links is left alone.
enum Autolinks {
    static func apply(_ root: MarkdownNode) {
        var nodes: [MarkdownNode] = []
        collectTextNodes(root, into: &nodes)
        for node in nodes {
            guard let text = node.literal,
                  text.containsASCII("@") || text.containsASCII("www.") || text.containsASCII("WWW.") || text.containsASCII("://") else { continue }
            let links = find(in: text, atLineStart: CharacterClass.before(node) == .whitespace)
            guard !links.isEmpty else { continue }
            let scalars = Array(text.unicodeScalars)
            var cursor = 0
            for link in links {
                if link.range.lowerBound > cursor { node.insertBefore(.text(string(scalars[cursor..<link.range.lowerBound]))) }
                let a = MarkdownNode(cmark_node_new(CMARK_NODE_LINK)!)
                a.setURL(link.url)
                a.append(.text(string(scalars[link.range])))
                node.insertBefore(a)
                cursor = link.range.upperBound
            }
            if cursor < scalars.count { node.insertBefore(.text(string(scalars[cursor...]))) }
            node.remove()
        }
    }

    struct Found: Equatable {
        var range: Range<Int>   // in Unicode scalars
        var url: String
    }

    /// Every autolink in a text literal. `atLineStart`: whether what precedes the
    /// literal counts as white space.
    static func find(in text: String, atLineStart: Bool) -> [Found] {
        let s = Array(text.unicodeScalars)
        var found: [Found] = []
        var i = 0
        while i < s.count {
            if let link = addressLink(s, at: i, atLineStart: atLineStart) ?? emailLink(s, at: i, after: found.last?.range.upperBound ?? 0) {
                found.append(link)
                i = link.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    private static let prefixes = ["www.", "https://", "http://"].map { Array($0.unicodeScalars) }

    /// Whether `prefix` (lowercase ASCII) starts at `i`, ignoring case.
    private static func startsWith(_ s: [Unicode.Scalar], _ i: Int, _ prefix: [Unicode.Scalar]) -> Bool {
        guard i + prefix.count <= s.count else { return false }
        for k in 0..<prefix.count {
            var c = s[i + k].value
            if c >= 65, c <= 90 { c += 32 }
            if c != prefix[k].value { return false }
        }
        return true
    }

    private static func addressLink(_ s: [Unicode.Scalar], at i: Int, atLineStart: Bool) -> Found? {
        // Cheap test first: almost every character starts no address.
        let first = s[i].value | 0x20
        guard first == 0x77 || first == 0x68 else { return nil }   // w, h
        let prefix: String
        if startsWith(s, i, prefixes[0]) { prefix = "" }
        else if startsWith(s, i, prefixes[1]) || startsWith(s, i, prefixes[2]) { prefix = "scheme" }
        else { return nil }
        let before: Unicode.Scalar? = i > 0 ? s[i - 1] : nil
        if let b = before {
            guard b.properties.isWhitespace || "*_~(".unicodeScalars.contains(b) else { return nil }
        } else if !atLineStart {
            return nil
        }
        let domainStart = prefix.isEmpty ? i : i + (startsWith(s, i, prefixes[1]) ? 8 : 7)
        var j = domainStart
        while j < s.count, isDomain(s[j]) { j += 1 }
        guard validDomain(s[domainStart..<j]) else { return nil }
        while j < s.count, !s[j].properties.isWhitespace, s[j] != "<" { j += 1 }
        let end = trimmedEnd(s, from: domainStart, to: j)
        guard end > domainStart else { return nil }
        let text = String(String.UnicodeScalarView(s[i..<end]))
        return Found(range: i..<end, url: prefix.isEmpty ? "http://" + text : text)
    }

    private static func isDomain(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil || c == "-" || c == "_" || c == "."
    }

    /// At least one period, no underscore in the last two segments, no empty segment.
    private static func validDomain(_ d: ArraySlice<Unicode.Scalar>) -> Bool {
        let segments = String(String.UnicodeScalarView(d)).split(separator: ".", omittingEmptySubsequences: false)
        // A trailing period belongs to the sentence, not the domain.
        var parts = segments
        if parts.last == "" { parts.removeLast() }
        guard parts.count >= 2, !parts.contains(where: \.isEmpty) else { return false }
        return !parts.suffix(2).contains { $0.contains("_") }
    }

    /// Where an address ends once trailing punctuation, unpaired `)` and a trailing
    /// entity-like `&name;` are taken off.
    private static func trimmedEnd(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        var e = end
        while e > start {
            let c = s[e - 1]
            if "?!.,:*_~".unicodeScalars.contains(c) { e -= 1; continue }
            if c == ")" {
                let opens = s[start..<e].filter { $0 == "(" }.count
                let closes = s[start..<e].filter { $0 == ")" }.count
                if closes > opens { e -= 1; continue }
            }
            if c == ";" {
                var k = e - 2
                while k >= start, s[k].isASCII, s[k].properties.isAlphabetic || s[k].properties.numericType != nil { k -= 1 }
                if k >= start, k < e - 2, s[k] == "&" { e = k; continue }
            }
            break
        }
        return e
    }

    /// `user@example.com`: user of letters, digits and `.-_+`; a domain with a period,
    /// not ending in `-` or `_`.
    private static func emailLink(_ s: [Unicode.Scalar], at i: Int, after floor: Int) -> Found? {
        guard s[i] == "@" else { return nil }
        func isUser(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || ".-_+".unicodeScalars.contains(c))
        }
        var start = i
        while start > floor, isUser(s[start - 1]) { start -= 1 }
        guard start < i else { return nil }
        var j = i + 1
        while j < s.count, s[j].isASCII, s[j].properties.isAlphabetic || s[j].properties.numericType != nil || "-_.".unicodeScalars.contains(s[j]) { j += 1 }
        while j > i + 1, s[j - 1] == "." { j -= 1 }
        let domain = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        guard domain.contains("."), !domain.hasSuffix("-"), !domain.hasSuffix("_"),
              !domain.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else { return nil }
        let text = String(String.UnicodeScalarView(s[start..<j]))
        return Found(range: start..<j, url: "mailto:" + text)
    }
}

private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    String(String.UnicodeScalarView(scalars))
}
