import Foundation
import Testing
@testable import Report

/// Our own runner for the GFM specification's examples of the extensions `report` adds
/// to libcmark (tables, task lists, strikethrough, extended autolinks). The examples are
/// test data (GFMSpec/, with their source and licence); each is rendered through the
/// same scan and render passes as a page body and compared after normalising the few
/// deliberate differences of markup (see `normalized`).
@Suite("GFM specification: extension examples")
struct GFMSpecTests {
    struct Example: CustomTestStringConvertible, Sendable {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var testDescription: String { "example \(number) (\(section))" }
    }

    static let examples: [Example] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("GFMSpec/gfm-extension-examples.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        var current: Example?
        var inHTML = false
        var md: [String] = [], html: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil {
                guard line.hasPrefix("example ") else { continue }
                let words = line.split(separator: " ")
                let section = line.split(separator: " ", maxSplits: 2).last.map { String($0.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces) } ?? ""
                current = Example(number: Int(words[1]) ?? 0, section: section, markdown: "", html: "")
                md = []; html = []; inHTML = false
            } else if line == "end" {
                current!.markdown = md.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                current!.html = html.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t")
                examples.append(current!)
                current = nil
            } else if line == ".", !inHTML {
                inHTML = true
            } else if inHTML {
                html.append(String(line))
            } else {
                md.append(String(line))
            }
        }
        return examples
    }()

    /// Examples that do not pass, each with the reason (checked: if one starts passing,
    /// the test says so, so this list stays true).
    static let knownDifferences: [Int: String] = [
        203: "report sets smart punctuation: the non-table line '| --- |' shows an em dash, the specification three hyphens",
        628: "report links only http, https and mailto (its link policy), so a bare ftp:// address stays text",
        630: "report sets smart punctuation: \"isn't\" gets a typographic apostrophe",
    ]

    @Test func theExamplesAreThere() {
        #expect(Self.examples.count == 23)
        #expect(Set(Self.examples.map(\.section)).count == 4)
    }

    @Test(arguments: examples) func example(_ example: Example) throws {
        let ours = Self.normalized(render(example.markdown))
        let theirs = Self.normalized(example.html)
        if let reason = Self.knownDifferences[example.number] {
            #expect(ours != theirs, "example \(example.number) passes now; remove it from knownDifferences (\(reason))")
        } else {
            #expect(ours == theirs, "example \(example.number):\n\(example.markdown)\nours:\n\(ours)\nspec:\n\(theirs)")
        }
    }

    /// Renders Markdown as a page body is rendered: scanned, then rendered with the
    /// authoring passes (no directives, values or references involved).
    func render(_ markdown: String) -> String {
        let body = Fragment(markdown, file: "spec.md", firstLine: 1)
        let parsed = ParsedPage(body: body, lines: markdown.split(separator: "\n", omittingEmptySubsequences: false))
        var sink = DiagnosticSink()
        parsed.scan(file: "spec.md", frontMatter: FrontMatter(), sink: &sink)
        let page = Page(file: "spec.md", stem: "spec", text: markdown, frontMatter: FrontMatter(), parsed: parsed)
        let project = Project(pages: [page], bibliography: [], sources: [:])
        let inputs = RenderInputs(project: project, resolution: Resolution(project: project, sink: &sink), results: [:],
                                  info: BuildInfo(paperTitle: "", authors: [], date: nil, fingerprint: "", reportVersion: "", lastChanged: nil))
        let renderer = PageRenderer(inputs: inputs)
        renderer.finishAuthoring(body, on: page)
        return body.tree.html(body.proof)
    }

    /// Our markup says the same as the specification's in other words: a wrapper `div`
    /// that lets wide tables scroll, `style="text-align: …"` for the obsolete `align`,
    /// the class and padding of numeric columns, and the checkbox's attributes in
    /// another order. Line breaks between tags are not significant.
    static func normalized(_ html: String) -> String {
        var s = html
        s = s.replacingOccurrences(of: "<div class=\"table author-table\">\n", with: "")
        s = s.replacingOccurrences(of: "</table>\n</div>", with: "</table>")
        s = s.replacingOccurrences(of: " class=\"num\"", with: "")
        s = s.replacingOccurrences(of: "style=\"text-align: (left|center|right)\"", with: "align=\"$1\"", options: .regularExpression)
        s = s.replacingOccurrences(of: "<span class=\"decimal-pad\" aria-hidden=\"true\">[^<]*</span>", with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "<input type=\"checkbox\" class=\"task\" checked disabled>", with: "<input checked=\"\" disabled=\"\" type=\"checkbox\">")
        s = s.replacingOccurrences(of: "<input type=\"checkbox\" class=\"task\" disabled>", with: "<input disabled=\"\" type=\"checkbox\">")
        s = s.replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression)
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
