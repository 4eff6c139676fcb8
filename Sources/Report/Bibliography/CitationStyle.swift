/// One cited work inside a citation, as pandoc writes it: `[see @he2016, p. 3]` is the
/// prefix "see", the key "he2016" and the locator "p. 3".
struct CitationItem: Sendable, Equatable {
    var key: String
    var prefix: String = ""
    var locator: String = ""
}

enum CitationSyntax {
    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_:./+".unicodeScalars.contains(c)
    }

    /// A key at `i` (just after `@`): its end, without trailing `.` or `:` (sentence
    /// punctuation).
    static func keyEnd(_ s: [Unicode.Scalar], from i: Int) -> Int {
        var k = i
        while k < s.count, isKeyCharacter(s[k]) { k += 1 }
        while k > i, s[k - 1] == "." || s[k - 1] == ":" { k -= 1 }
        return k
    }

    /// The items of a bracketed citation's inside (`see @a, p. 3; @b`), or nil if it is
    /// not one: every `;`-separated item holds one `@key`, optionally with words before
    /// it and a locator after a comma. `@a, @b` is read as two items, as it always was.
    static func group(_ inside: String) -> [CitationItem]? {
        guard inside.contains("@"), !inside.contains("["), !inside.contains("]") else { return nil }
        var items: [CitationItem] = []
        for part in inside.split(separator: ";", omittingEmptySubsequences: false) {
            let s = Array(part.unicodeScalars)
            guard let at = s.indices.first(where: { i in
                s[i] == "@" && (i == 0 || s[i - 1] == " " || s[i - 1] == "-" || s[i - 1] == "\u{00A0}")
            }) else { return nil }
            let end = keyEnd(s, from: at + 1)
            guard end > at + 1 else { return nil }
            var prefix = String(String.UnicodeScalarView(s[..<at])).trimmingSpaces
            if prefix.hasSuffix("-") { prefix.removeLast() }   // `-@key` (suppress author): same in a numeric style
            let key = String(String.UnicodeScalarView(s[(at + 1)..<end]))
            var rest = String(String.UnicodeScalarView(s[end...])).trimmingSpaces
            var item = CitationItem(key: key, prefix: prefix.trimmingSpaces)
            // `@a, @b`: more keys after commas.
            var more: [CitationItem] = []
            while rest.hasPrefix(","), rest.dropFirst().trimmingSpaces.hasPrefix("@") {
                let next = Array(rest.dropFirst().trimmingSpaces.unicodeScalars)
                let e = keyEnd(next, from: 1)
                guard e > 1 else { return nil }
                more.append(CitationItem(key: String(String.UnicodeScalarView(next[1..<e]))))
                rest = String(String.UnicodeScalarView(next[e...])).trimmingSpaces
            }
            if rest.hasPrefix(",") { rest = rest.dropFirst().trimmingSpaces }
            if more.isEmpty { item.locator = rest } else if !rest.isEmpty { more[more.count - 1].locator = rest }
            items.append(item)
            items += more
        }
        return items.isEmpty ? nil : items
    }
}

/// How citations look: numeric, in order of first citation. A group is sorted and runs
/// of three or more are compressed (`[5–9]`, not `[9, 6, 5, 7, 8]`) unless an item has
/// a prefix or locator, which keeps the author's order; a narrative citation names the
/// authors from the BibTeX entry ("He et al. [23]").
struct CitationStyle {
    var numbers: [String: Int]
    /// Extra attributes of a key's link (the reader's preview of the entry), or "".
    var attributes: (String) -> String = { _ in "" }
    var link: (String) -> String   // href of a key's entry

    func number(_ key: String) -> String? {
        numbers[key].map { "<a href=\"\(link(key))\"\(attributes(key))>\($0)</a>" }
    }

    func group(_ items: [CitationItem]) -> String? {
        let known = items.filter { numbers[$0.key] != nil }
        guard !known.isEmpty else { return nil }
        let plain = known.allSatisfy { $0.prefix.isEmpty && $0.locator.isEmpty }
        var parts: [String] = []
        if plain {
            // Unique keys, sorted by number, consecutive runs of 3+ as ranges.
            var seen: Set<Int> = []
            let sorted = known.compactMap { item -> (Int, String)? in
                guard let n = numbers[item.key], seen.insert(n).inserted else { return nil }
                return (n, item.key)
            }.sorted { $0.0 < $1.0 }
            var i = 0
            while i < sorted.count {
                var j = i
                while j + 1 < sorted.count, sorted[j + 1].0 == sorted[j].0 + 1 { j += 1 }
                if j - i >= 2 {
                    parts.append(number(sorted[i].1)! + "–" + number(sorted[j].1)!)
                } else {
                    for k in i...j { parts.append(number(sorted[k].1)!) }
                }
                i = j + 1
            }
            return "<span class=\"citation\">[\(parts.joined(separator: ", "))]</span>"
        }
        for item in known {
            var part = item.prefix.isEmpty ? "" : escapeHTML(item.prefix) + " "
            part += number(item.key)!
            if !item.locator.isEmpty { part += ", " + escapeHTML(item.locator) }
            parts.append(part)
        }
        return "<span class=\"citation\">[\(parts.joined(separator: "; "))]</span>"
    }

    func narrative(_ item: CitationItem, entry: BibEntry) -> String? {
        guard let n = number(item.key) else { return nil }
        let locator = item.locator.isEmpty ? "" : ", " + escapeHTML(item.locator)
        return "<span class=\"citation narrative\">\(escapeHTML(shortAuthors(entry))) [\(n)\(locator)]</span>"
    }
}
