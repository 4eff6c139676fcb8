/// A BibTeX entry: `@article{key, author = {…}, year = 2016}`.
public struct BibEntry: Sendable, Equatable {
    public var type: String          // lowercased: article, inproceedings, misc, …
    public var key: String
    public var fields: [String: String]   // lowercased names → values with braces removed
    public var line: Int
}

/// Parses BibTeX: entries, fields, nested braces, quoted strings, numbers, `#`
/// concatenation and `@string` macros; `@comment` and `@preamble` are skipped.
/// Written by hand because no maintained Swift BibTeX library is available here, and
/// the grammar is small. Every malformed construct is reported with its line and column.
struct BibTeXParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var column = 1
    private let file: String
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    init(_ text: String, file: String) {
        s = Array(text.unicodeScalars)
        self.file = file
    }

    private var here: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private mutating func advance() {
        if s[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }

    private mutating func skipSpace() {
        while i < s.count, s[i].properties.isWhitespace { advance() }
    }

    private func isNameChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_:./+'".unicodeScalars.contains(c)
    }

    private mutating func name() -> String {
        var out = ""
        while i < s.count, isNameChar(s[i]) { out.unicodeScalars.append(s[i]); advance() }
        return out
    }

    mutating func parse(sink: inout DiagnosticSink) -> [BibEntry] {
        var entries: [BibEntry] = []
        var seen: [String: Int] = [:]
        while i < s.count {
            // Text outside entries is a comment in BibTeX.
            while i < s.count, s[i] != "@" { advance() }
            guard i < s.count else { break }
            let start = here
            advance()
            let type = name().lowercased()
            skipSpace()
            guard i < s.count, s[i] == "{" || s[i] == "(" else {
                sink.error("malformed BibTeX entry: expected '{' after '@\(type)'", at: here)
                continue
            }
            let close: Unicode.Scalar = s[i] == "{" ? "}" : ")"
            advance()
            if type == "comment" || type == "preamble" {
                if !skipBalanced(close: close, from: start, sink: &sink) { break }
                continue
            }
            if type == "string" {
                skipSpace()
                let macro = name().lowercased()
                skipSpace()
                guard i < s.count, s[i] == "=" else {
                    sink.error("malformed @string: expected '='", at: here)
                    if !skipBalanced(close: close, from: start, sink: &sink) { break }
                    continue
                }
                advance()
                guard let value = fieldValue(sink: &sink) else { break }
                macros[macro] = value
                skipSpace()
                if i < s.count, s[i] == close { advance() }
                continue
            }
            skipSpace()
            let key = name()
            guard !key.isEmpty else {
                sink.error("BibTeX entry '@\(type)' has no key", at: here)
                if !skipBalanced(close: close, from: start, sink: &sink) { break }
                continue
            }
            var fields: [String: String] = [:]
            var failed = false
            var lastField: (name: String, location: SourceLocation)?
            while true {
                skipSpace()
                guard i < s.count else {
                    // An unclosed brace in a value swallows the rest of the file; point
                    // at the value most likely to hold it.
                    if let lastField {
                        sink.error("BibTeX entry '\(key)' is not closed: the braces in '\(lastField.name)' are probably unbalanced",
                                   at: lastField.location)
                    } else {
                        sink.error("BibTeX entry '\(key)' is not closed (unbalanced braces?)", at: start)
                    }
                    failed = true
                    break
                }
                if s[i] == close {
                    advance()
                    if let stray = strayAfterEntry() {
                        sink.error("text after the end of BibTeX entry '\(key)' looks like more of it: is there one '\(close)' too many before it?",
                                   at: stray)
                        failed = true
                    }
                    break
                }
                guard s[i] == "," else {
                    sink.error("malformed BibTeX entry '\(key)': expected ',' or '\(close)'", at: here)
                    failed = true
                    _ = skipBalanced(close: close, from: start, sink: &sink, quiet: true)
                    break
                }
                advance()
                skipSpace()
                if i < s.count, s[i] == close { advance(); break }   // trailing comma
                let fieldStart = here
                let field = name().lowercased()
                skipSpace()
                guard !field.isEmpty, i < s.count, s[i] == "=" else {
                    sink.error("malformed field in BibTeX entry '\(key)': expected 'name = value'", at: fieldStart)
                    failed = true
                    _ = skipBalanced(close: close, from: start, sink: &sink, quiet: true)
                    break
                }
                advance()
                lastField = (field, fieldStart)
                guard let value = fieldValue(sink: &sink) else { failed = true; break }
                if fields[field] != nil {
                    sink.error("field '\(field)' is given twice in BibTeX entry '\(key)'", at: fieldStart)
                }
                fields[field] = value
            }
            if failed { continue }
            if let previous = seen[key] {
                sink.error("duplicate BibTeX key '\(key)' (first defined on line \(previous))", at: start)
                continue
            }
            seen[key] = start.line
            entries.append(BibEntry(type: type, key: key, fields: fields, line: start.line))
        }
        return entries
    }

    /// A field value: `{…}`, `"…"`, a number or a macro, joined with `#`.
    private mutating func fieldValue(sink: inout DiagnosticSink) -> String? {
        var out = ""
        while true {
            skipSpace()
            guard i < s.count else {
                sink.error("BibTeX value is missing at end of file", at: here)
                return nil
            }
            let start = here
            if s[i] == "{" {
                advance()
                var depth = 1
                var text = ""
                while i < s.count {
                    if s[i] == "\\", i + 1 < s.count { text.unicodeScalars.append(s[i]); advance() }
                    else if s[i] == "{" { depth += 1 }
                    else if s[i] == "}" { depth -= 1; if depth == 0 { break } }
                    text.unicodeScalars.append(s[i])
                    advance()
                }
                guard i < s.count else {
                    sink.error("unbalanced braces in BibTeX value: '{' is never closed", at: start)
                    return nil
                }
                advance()
                out += text
            } else if s[i] == "\"" {
                advance()
                var depth = 0
                var text = ""
                while i < s.count, !(s[i] == "\"" && depth == 0) {
                    if s[i] == "{" { depth += 1 } else if s[i] == "}" { depth -= 1 }
                    text.unicodeScalars.append(s[i])
                    advance()
                }
                guard i < s.count else {
                    sink.error("BibTeX string is never closed: missing '\"'", at: start)
                    return nil
                }
                advance()
                out += text
            } else {
                let word = name()
                guard !word.isEmpty else {
                    sink.error("malformed BibTeX value: expected '{', '\"', a number or a macro", at: start)
                    return nil
                }
                if word.allSatisfy(\.isNumber) { out += word }
                else if let m = macros[word.lowercased()] { out += m }
                else {
                    sink.error("unknown BibTeX macro '\(word)'", at: start)
                    out += word
                }
            }
            skipSpace()
            if i < s.count, s[i] == "#" { advance(); continue }
            return out
        }
    }

    /// Where the text right after a closed entry continues it — `, name =` or another
    /// closing brace — which means a brace closed the entry too early; nil otherwise
    /// (text between entries is a comment in BibTeX, so anything else is left alone).
    private func strayAfterEntry() -> SourceLocation? {
        var j = i, line = self.line, column = self.column
        while j < s.count, s[j].properties.isWhitespace {
            if s[j] == "\n" { line += 1; column = 1 } else { column += 1 }
            j += 1
        }
        guard j < s.count else { return nil }
        let location = SourceLocation(file: file, line: line, column: column)
        if s[j] == "}" || s[j] == ")" { return location }
        guard s[j] == "," else { return nil }
        j += 1
        while j < s.count, s[j].properties.isWhitespace { j += 1 }
        let nameStart = j
        while j < s.count, isNameChar(s[j]) { j += 1 }
        guard j > nameStart else { return nil }
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        return j < s.count && s[j] == "=" ? location : nil
    }

    /// Skips to the matching close of an entry after an error, so parsing can go on
    /// with the next entry. Returns false at end of file.
    private mutating func skipBalanced(close: Unicode.Scalar, from start: SourceLocation,
                                       sink: inout DiagnosticSink, quiet: Bool = false) -> Bool {
        var depth = 1
        while i < s.count {
            if s[i] == "{" || s[i] == "(" && close == ")" { depth += 1 }
            if s[i] == "}" || s[i] == ")" && close == ")" { depth -= 1 }
            advance()
            if depth == 0 { return true }
        }
        if !quiet { sink.error("BibTeX entry is not closed (unbalanced braces?)", at: start) }
        return false
    }
}

/// Plain text of a BibTeX value: braces dropped, common LaTeX escapes turned into
/// characters, `--` into an en dash.
func bibPlainText(_ value: String) -> String {
    let accents: [Character: [Character: Character]] = [
        "\"": ["a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë", "i": "ï"],
        "'": ["a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "E": "É", "c": "ć", "n": "ń", "s": "ś"],
        "`": ["a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"],
        "^": ["a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û"],
        "~": ["n": "ñ", "a": "ã", "o": "õ"],
        "c": ["c": "ç", "C": "Ç"],
        "v": ["s": "š", "c": "č", "z": "ž", "r": "ř", "e": "ě", "S": "Š", "C": "Č", "Z": "Ž"],
    ]
    var out = ""
    let chars = Array(value)
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if c == "\\", i + 1 < chars.count {
            let command = chars[i + 1]
            if let table = accents[command] {
                var j = i + 2
                while j < chars.count, chars[j] == "{" || chars[j] == " " { j += 1 }
                if j < chars.count, let accented = table[chars[j]] {
                    out.append(accented)
                    i = j + 1
                    while i < chars.count, chars[i] == "}" { i += 1 }
                    continue
                }
            }
            if "&%$#_{}".contains(command) { out.append(command); i += 2; continue }
            // An unknown command: drop the backslash and keep its name.
            i += 1
            continue
        }
        if c == "{" || c == "}" { i += 1; continue }
        if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
            out.append("–")
            i += 2
            while i < chars.count, chars[i] == "-" { i += 1 }
            continue
        }
        if c == "~" { out.append("\u{00A0}"); i += 1; continue }
        out.append(c)
        i += 1
    }
    return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}
