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

    /// Inline references and citations in one text literal.
    static func references(_ bytes: [UInt8]) -> Int {
        findReferences(in: String(decoding: bytes, as: UTF8.self)).count
    }
}
