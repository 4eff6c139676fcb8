import Foundation
@testable import Report

/// What each fuzz target does with one input. The libFuzzer targets under `fuzz/` link
/// this very file (a symbolic link), and `HostileFuzzReplayTests` replays the kept corpus
/// and crashers through it, so a crash once found stays a test.
enum FuzzDrivers {
    static let file = "fuzz.md"

    /// One page, as `report` reads it before evaluating anything: the UTF-8 check, the
    /// front matter (YAML), the Markdown tree, directives with their options and
    /// captions, inline values, cross-references, citations, labels and headings.
    /// Returns the number of diagnostics (so that the work cannot be optimised away).
    static func page(_ bytes: [UInt8]) -> Int {
        let text: String
        do { text = try decodeSourceText(bytes, relativePath: file) } catch { return 1 }
        var sink = DiagnosticSink()
        let split = splitFrontMatter(text, file: file, sink: &sink)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = Fragment(split.body, file: file, firstLine: split.bodyLineOffset + 1)
        let abstract = split.frontMatter.abstract.map { Fragment($0, file: file, firstLine: split.frontMatter.abstractLine) }
        var scanner = Scanner(sink: sink, fileLines: lines)
        if let abstract { scanner.scan(abstract, allowBlocks: false) }
        scanner.scan(body, allowBlocks: true)
        var count = scanner.sink.all.count
        for fragment in (abstract.map { [$0] } ?? []) + body.allFragments {
            for block in fragment.blocks {
                if let label = block.option("label"), let rule = block.kind.label {
                    count += labelProblem(label.value, prefix: rule.prefix) == nil ? 0 : 1
                }
                count += block.request?.options.count ?? 0
            }
            for heading in fragment.headings { count += slug(heading.text).count }
            count += fragment.values.count + fragment.references.count
        }
        // Rendering the tree back to HTML walks every node the scanner touched.
        count += body.neutralised.map(body.tree.html)?.utf8.count ?? 0
        return count
    }

    /// One bibliography: entries, fields, macros, and the plain text and author lists
    /// the reference list is made of.
    static func bibTeX(_ bytes: [UInt8]) -> Int {
        let text: String
        do { text = try decodeSourceText(bytes, relativePath: "references.bib") } catch { return 1 }
        var sink = DiagnosticSink()
        var parser = BibTeXParser(text, file: "references.bib")
        let entries = parser.parse(sink: &sink)
        var count = sink.all.count
        for entry in entries {
            for value in entry.fields.values { count += bibPlainText(value).count }
            count += formatAuthors(bibPlainText(entry.fields["author"] ?? "")).count + shortAuthors(entry).count
        }
        return count
    }

    /// One formula: the first byte chooses inline or display math, the rest is TeX. The
    /// converter must either give well-formed MathML whose annotation is the TeX, or an
    /// error at an offset inside the formula; and the search for `$…$` in a paragraph
    /// (pandoc's rules) must give ordered spans inside the text. Anything else traps,
    /// which libFuzzer records as a crash.
    static func math(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.first else { return 0 }
        let tex = String(decoding: bytes.dropFirst(), as: UTF8.self)
        var count = 0
        do {
            let xml = try MathParser.mathML(tex, display: first & 1 == 1)
            guard let problem = xmlProblem(xml) else { count += xml.utf8.count; return count + spans(bytes) }
            fatalError("MathML not well-formed (\(problem)) for \(tex.debugDescription): \(xml)")
        } catch {
            guard (0...tex.utf8.count).contains(error.offset) else {
                fatalError("error offset \(error.offset) outside \(tex.debugDescription) (\(tex.utf8.count) bytes)")
            }
            count += error.message.utf8.count
        }
        return count + spans(bytes)
    }

    private static func spans(_ bytes: [UInt8]) -> Int {
        let found = MarkdownMath.findSpans(bytes)
        var last = 0
        for span in found {
            guard span.start >= last, span.start < span.end, span.end <= bytes.count, [1, 2].contains(span.delimiter)
            else { fatalError("math span \(span) out of order or outside \(bytes.count) bytes (previous ended at \(last))") }
            last = span.end
        }
        return found.count
    }

    /// Why `xml` is not well-formed, or nil: tags open and close in order, names are
    /// plain, text holds no bare `<` and every `&` starts an entity. Read as bytes, not
    /// characters: a combining mark after `>` (an accent's `<mo>`) would join it into one
    /// Swift `Character`.
    static func xmlProblem(_ xml: String) -> String? {
        let b = Array(xml.utf8)
        func isNameByte(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) }
        func text(_ r: Range<Int>) -> String { String(decoding: b[r], as: UTF8.self) }
        var stack: [String] = []
        var i = 0
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "&"):
                var j = i + 1
                while j < b.count, j - i <= 9, isNameByte(b[j]) || b[j] == UInt8(ascii: "#") { j += 1 }
                guard j < b.count, b[j] == UInt8(ascii: ";"), j > i + 1 else { return "bare & at byte \(i)" }
                i = j + 1
            case UInt8(ascii: "<"):
                guard let close = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return "unclosed tag at byte \(i)" }
                let closing = i + 1 < close && b[i + 1] == UInt8(ascii: "/")
                var j = closing ? i + 2 : i + 1
                let nameStart = j
                while j < close, isNameByte(b[j]) { j += 1 }
                let name = text(nameStart..<j)
                guard !name.isEmpty else { return "empty tag name at byte \(i)" }
                let attributes = b[j..<close]
                if closing {
                    guard attributes.isEmpty else { return "attributes on </\(name)>" }
                    guard stack.popLast() == name else { return "</\(name)> closes \(stack.last ?? "nothing")" }
                } else {
                    guard attributes.first.map({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "/") }) ?? true
                    else { return "tag name '\(text(nameStart..<close))'" }
                    if attributes.filter({ $0 == UInt8(ascii: "\"") }).count % 2 == 1 { return "unbalanced quotes in <\(name)>" }
                    if attributes.contains(UInt8(ascii: "<")) { return "< inside <\(name)>" }
                    if attributes.last != UInt8(ascii: "/") { stack.append(name) }
                }
                i = close + 1
            default:
                i += 1
            }
        }
        return stack.isEmpty ? nil : "unclosed \(stack)"
    }

    /// Inline references and citations in one text literal.
    static func references(_ bytes: [UInt8]) -> Int {
        findReferences(in: String(decoding: bytes, as: UTF8.self)).count
    }
}
