import Foundation
import Testing
@testable import Report

/// The hand-written trimming that replaced Foundation's in the scanner and previews
/// removes exactly what `trimmingCharacters(in:)` removes, on every kind of space.
@Suite struct TrimmingTests {
    /// Every space-like scalar there is, and some that are not.
    static let edges: [String] = ["", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                                  "\u{2003}", "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}",
                                  "\u{3000}", "\u{FEFF}", "x", "é", "e\u{301}", "\u{301}", "🙂"]

    static var samples: [String] {
        var out: [String] = []
        for a in edges {
            for b in edges { out += [a + "key" + b, a + b, a + "a b" + b + a, b + a + "{value}" + a + b] }
        }
        return out
    }

    @Test func spacesAsFoundationTrimsThem() {
        for s in Self.samples {
            #expect(s.trimmingSpaces == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            let line = Substring("::" + s + "::").dropFirst(2).dropLast(2)
            #expect(line.trimmingSpaces == String(line).trimmingCharacters(in: .whitespaces))
        }
    }

    @Test func spacesAndNewlinesAsFoundationTrimsThem() {
        for s in Self.samples {
            #expect(s.trimmingSpacesAndNewlines == s.trimmingCharacters(in: .whitespacesAndNewlines),
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func linesSplitAtEveryNewline() {
        for s in Self.samples + ["a\nb", "\n", "\n\n", "a\n", "é\n🙂\nx", "\r\n"] {
            let expected = s.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            #expect(splitLines(s).map(String.init) == expected)
        }
    }
}
