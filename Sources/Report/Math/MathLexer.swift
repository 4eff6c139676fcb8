/// A problem in a TeX formula, at a byte offset into the formula's text (the builder
/// turns it into the page's line and column).
struct MathError: Error, Equatable, Sendable {
    var message: String
    var offset: Int
}

/// One token of TeX math: a command (`\frac`, `\,`), a brace, a script mark, an
/// alignment tab, a prime, or a single character. Whitespace and `%` comments are
/// skipped, as TeX does in math.
struct MathToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case command(String)
        case open, close, superscriptMark, subscriptMark, alignment, prime
        case character(Unicode.Scalar)
        case end
    }
    var kind: Kind
    /// Byte offset of the token's first character in the formula.
    var offset: Int
}

/// Splits a formula into tokens on demand; the parser can also read raw text (for
/// `\text{…}`) and single characters (for digits that form one number).
struct MathLexer {
    let scalars: [Unicode.Scalar]
    /// The byte offset of each scalar, plus one past the end.
    let offsets: [Int]
    private(set) var index: Int
    /// One past the last scalar this lexer may read (a nested `\text{$…$}` reads a slice).
    let end: Int

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.scalars = scalars
        self.offsets = offsets
        self.index = 0
        self.end = scalars.count
    }

    /// A lexer over `range` of another lexer's text, with the same offsets.
    init(slicing other: MathLexer, range: Range<Int>) {
        scalars = other.scalars
        offsets = other.offsets
        index = range.lowerBound
        end = range.upperBound
    }

    var offset: Int { offsets[index] }

    mutating func skipSpaceAndComments() {
        while index < end {
            let c = scalars[index]
            if c.properties.isWhitespace {
                index += 1
            } else if c == "%" {
                while index < end, scalars[index] != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() throws(MathError) -> MathToken {
        skipSpaceAndComments()
        guard index < end else { return MathToken(kind: .end, offset: offsets[end]) }
        let start = offsets[index]
        let c = scalars[index]
        index += 1
        let kind: MathToken.Kind
        switch c {
        case "\\":
            guard index < end else {
                throw MathError(message: "a backslash at the end of the formula (write \\backslash for the symbol)", offset: start)
            }
            if isLetter(scalars[index]) {
                var name = ""
                while index < end, isLetter(scalars[index]) {
                    name.unicodeScalars.append(scalars[index])
                    index += 1
                }
                // `\operatorname*`: the star belongs to the command.
                if name == "operatorname", index < end, scalars[index] == "*" {
                    name += "*"
                    index += 1
                }
                kind = .command(name)
            } else {
                try checkAllowed(scalars[index], at: offsets[index])
                kind = .command(String(scalars[index]))
                index += 1
            }
        case "{": kind = .open
        case "}": kind = .close
        case "^": kind = .superscriptMark
        case "_": kind = .subscriptMark
        case "&": kind = .alignment
        case "'": kind = .prime
        default:
            try checkAllowed(c, at: start)
            kind = .character(c)
        }
        return MathToken(kind: kind, offset: start)
    }

    func peek() throws(MathError) -> MathToken {
        var copy = self
        return try copy.next()
    }

    /// The next scalar with nothing skipped, if any (to join the digits of a number).
    var nextScalar: Unicode.Scalar? { index < end ? scalars[index] : nil }
    var scalarAfterNext: Unicode.Scalar? { index + 1 < end ? scalars[index + 1] : nil }
    mutating func advance() { index += 1 }

    /// The index range inside a `{…}` group that starts at the next non-space
    /// character, with braces balanced (`\{` and `\}` do not count); the lexer moves
    /// past the closing brace. Nil when no group starts there.
    mutating func rawGroup() throws(MathError) -> Range<Int>? {
        skipSpaceAndComments()
        guard index < end, scalars[index] == "{" else { return nil }
        let open = index
        var depth = 0
        var i = index
        while i < end {
            switch scalars[i] {
            case "\\": i += 1
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 {
                    index = i + 1
                    return open + 1..<i
                }
            default: break
            }
            i += 1
        }
        throw MathError(message: "unbalanced '{': no '}' closes it", offset: offsets[open])
    }

    /// The text of a range, for names (`\begin{pmatrix}`) and `\text{…}` content.
    func text(_ range: Range<Int>) -> String {
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars[range])
        return s
    }

    private func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    /// Characters that XML cannot carry (control characters, U+FFFE, U+FFFF) or that
    /// would only confuse (C1 controls) are refused rather than written into the page.
    func checkAllowed(_ c: Unicode.Scalar, at offset: Int) throws(MathError) {
        let v = c.value
        if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
            throw MathError(message: "control character U+\(String(v, radix: 16, uppercase: true)) is not allowed in math", offset: offset)
        }
    }
}
