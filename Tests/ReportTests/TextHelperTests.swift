import Foundation
import Testing
import TestSupport
@testable import Report

/// Text helpers written by hand for speed do what the slower library calls they replaced
/// did: trimming as Foundation's `trimmingCharacters(in:)` on every kind of space, line
/// splitting, URL path escaping, and filling a page's digest marks.
@Suite struct TextHelperTests {
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

    @Test func urlPathsEscapeAsCharactersDid() {
        // The definition it replaced: ASCII letters, digits and "-_./~" kept, any other byte %XX.
        func reference(_ path: String) -> String {
            path.utf8.map { byte in
                let c = Character(UnicodeScalar(byte))
                return c.isASCII && (c.isLetter || c.isNumber || "-_./~".contains(c)) ? String(c) : String(format: "%%%02X", byte)
            }.joined()
        }
        for s in Self.samples + ["results.html", "chapters-ch1.html#s-a b", "a%b?c=d&e", "ünïcode/ü.html", "\u{7F}\u{0}"] {
            #expect(urlPath(s) == reference(s))
        }
    }

    @Test func digestMarksAreFilledEverywhereAndNowhereElse() {
        let source = sha256Hex(Array("the page".utf8)), other = sha256Hex(Array("another page".utf8))
        let digest = sha256Hex(Array("what it read".utf8))
        let html = PageDigest.mark(16, source: source) + PageDigest.mark(16, source: source) + "<p>"
            + PageDigest.mark(64, source: source) + " page-digest-16- " + PageDigest.mark(12, source: other) + "p"
            + PageDigest.mark(12, source: source)
        let filled = String(decoding: PageDigest.fill(html, source: source, with: digest), as: UTF8.self)
        #expect(filled == String(digest.prefix(16)) + String(digest.prefix(16)) + "<p>" + digest + " page-digest-16- "
                + PageDigest.mark(12, source: other) + "p" + String(digest.prefix(12)))
        #expect(PageDigest.fill("no marks", source: source, with: digest) == Array("no marks".utf8))
    }

    /// A byte search, as the scanner wants it (a `}` followed by a combining accent still
    /// counts, unlike in a search by Characters).
    @Test func containsASCIIFindsTheBytes() {
        for s in Self.samples + ["@", "a@b", "x$$", "$", "$ $", "{value}", "{valu", "é@", "🙂{", "@@", "{", "{vvalue}"] {
            for needle in ["@", "$$", "{value}", "{"] as [StaticString] {
                let bytes = Array(needle.description.utf8)
                #expect(s.containsASCII(needle) == (Array(s.utf8).firstRange(of: bytes) != nil), "\(s) \(needle)")
            }
        }
    }

    /// Source text is checked by the standard library's UTF-8 validation first; a file
    /// it refuses is walked byte by byte to say where. Over random bytes (mostly text,
    /// some broken sequences, CRs and NULs), what is accepted reads as UTF-8 with LF line
    /// ends, and what is refused is exactly what is not UTF-8 or holds a NUL.
    @Test func sourceTextIsAcceptedExactlyWhenItIsUTF8() {
        var generator = SeededGenerator(seed: 0x7E47)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x0A], [0x0D], [0x0D, 0x0A],
                                 [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xEF, 0xBB, 0xBF]]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                // Mostly text: a broken piece in about one input of four.
                let piece = Int.random(in: 0..<100, using: &generator) < 92 ? Int.random(in: 0..<7, using: &generator)
                    : Int.random(in: 0..<pieces.count, using: &generator)
                bytes += pieces[piece]
            }
            let valid = !bytes.contains(0) && String(validating: bytes, as: UTF8.self) != nil
            do {
                let text = try decodeSourceText(bytes, relativePath: "x.md")
                #expect(valid, "accepted \(bytes)")
                #expect(!text.utf8.contains(0x0D))
                var expected = String(decoding: bytes, as: UTF8.self)
                if expected.hasPrefix("\u{FEFF}") { expected.removeFirst() }
                expected = expected.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                #expect(text == expected)
            } catch {
                #expect(!valid, "refused \(bytes): \(error.message)")
                #expect(error.location?.file == "x.md")
            }
        }
    }

    /// A path inside the paper folder through plain names is inside; one through a
    /// symbolic link or '..' that leads out is not (the quick check and the full
    /// resolution must agree).
    @Test func pathsInsideThePaperFolderAreToldFromPathsOutside() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("report-paths-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let paper = base.appendingPathComponent("paper"), outside = base.appendingPathComponent("outside")
        try fm.createDirectory(at: paper.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        for file in ["paper/a.md", "paper/sub/b.md", "outside/c.md"] {
            try Data("x".utf8).write(to: base.appendingPathComponent(file))
        }
        try fm.createSymbolicLink(atPath: paper.appendingPathComponent("away").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: paper.appendingPathComponent("c.md").path, withDestinationPath: outside.appendingPathComponent("c.md").path)
        try fm.createSymbolicLink(atPath: paper.appendingPathComponent("near.md").path, withDestinationPath: paper.appendingPathComponent("a.md").path)
        for (path, inside) in [("a.md", true), ("sub/b.md", true), ("sub/../a.md", true), ("near.md", true),
                               ("away/c.md", false), ("c.md", false), ("sub/../../outside/c.md", false), ("away/../outside/c.md", false)] {
            #expect((pathProblem(paper.appendingPathComponent(path), inside: paper) == nil) == inside, "\(path)")
        }
    }
}
