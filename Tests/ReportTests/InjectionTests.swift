import Foundation
import Testing
@testable import Report

// No injection: whatever an author (or a data file, or a bibliography downloaded from
// somewhere) puts into captions, values, table cells, labels, front matter and BibTeX
// fields shows up as text. The output is checked with a small tokenizer that knows
// quoted attribute values, so escaped payloads inside attributes are not mistaken for
// tags.

/// The payloads, as an attacker would type them.
enum Payload {
    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(2)>"
    static let javascriptURL = "javascript:alert(3)"
    static let closeFigure = "</figure></div><script>alert(4)</script>"
    static let all = [script, image, javascriptURL, closeFigure]
}

/// A start or end tag and its attributes.
struct HTMLTag {
    var name: String
    var closing: Bool
    var attributes: [(name: String, value: String)]
}

/// The tags of an HTML document in order. Text, comments and the doctype are skipped;
/// attribute values are unescaped only for `&quot;`, `&amp;`, `&#39;` and `&colon;`-free
/// checks (enough to read URLs).
func htmlTags(_ html: String) -> [HTMLTag] {
    let s = Array(html.unicodeScalars)
    var tags: [HTMLTag] = []
    var i = 0
    func isNameChar(_ c: Unicode.Scalar) -> Bool {
        !c.properties.isWhitespace && c != ">" && c != "/" && c != "=" && c != "\"" && c != "'" && c != "<"
    }
    while i < s.count {
        guard s[i] == "<" else { i += 1; continue }
        if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
            while i + 2 < s.count, !(s[i] == "-" && s[i + 1] == "-" && s[i + 2] == ">") { i += 1 }
            i += 3
            continue
        }
        var j = i + 1
        let closing = j < s.count && s[j] == "/"
        if closing { j += 1 }
        guard j < s.count, s[j].properties.isAlphabetic else { i += 1; continue }   // `<` as text
        var name = ""
        while j < s.count, isNameChar(s[j]) { name.unicodeScalars.append(s[j]); j += 1 }
        var attributes: [(String, String)] = []
        while j < s.count, s[j] != ">" {
            if s[j].properties.isWhitespace || s[j] == "/" { j += 1; continue }
            var attribute = ""
            while j < s.count, isNameChar(s[j]) { attribute.unicodeScalars.append(s[j]); j += 1 }
            if attribute.isEmpty { j += 1; continue }
            var value = ""
            while j < s.count, s[j].properties.isWhitespace { j += 1 }
            if j < s.count, s[j] == "=" {
                j += 1
                while j < s.count, s[j].properties.isWhitespace { j += 1 }
                if j < s.count, s[j] == "\"" || s[j] == "'" {
                    let quote = s[j]
                    j += 1
                    while j < s.count, s[j] != quote { value.unicodeScalars.append(s[j]); j += 1 }
                    j += 1
                } else {
                    while j < s.count, !s[j].properties.isWhitespace, s[j] != ">" { value.unicodeScalars.append(s[j]); j += 1 }
                }
            }
            attributes.append((attribute.lowercased(), decodeEntities(value)))
        }
        tags.append(HTMLTag(name: name.lowercased(), closing: closing, attributes: attributes))
        i = j + 1
    }
    return tags
}

/// Decodes the character references that could hide a URL scheme.
func decodeEntities(_ s: String) -> String {
    var out = s
    for (entity, char) in [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&colon;", ":"),
                           ("&#58;", ":"), ("&#x3a;", ":"), ("&#x3A;", ":"), ("&amp;", "&")] {
        out = out.replacingOccurrences(of: entity, with: char)
    }
    return out
}

/// Everything in an HTML document that could run script or leave its element.
func injectionProblems(in html: String, page: String) -> [String] {
    var problems: [String] = []
    var open: [String: Int] = [:]
    // The page's own script (previews, print) is the one script allowed, verbatim, once.
    var html = html
    if let own = html.range(of: previewScript) { html.removeSubrange(own) }
    for tag in htmlTags(html) {
        if ["script", "iframe", "object", "embed", "base", "form", "meta"].contains(tag.name), !(tag.name == "meta" && tag.attributes.contains { $0.name == "charset" || $0.name == "name" }) {
            problems.append("\(page): <\(tag.closing ? "/" : "")\(tag.name)> element")
        }
        if tag.name == "img", tag.attributes.contains(where: { $0.name == "src" && $0.value == "x" }) {
            problems.append("\(page): an <img src=x> from a payload")
        }
        for attribute in tag.attributes {
            if attribute.name.hasPrefix("on") { problems.append("\(page): event handler \(attribute.name) on <\(tag.name)>") }
            if ["href", "src", "action", "formaction", "xlink:href"].contains(attribute.name) {
                let compact = attribute.value.unicodeScalars.filter { !$0.properties.isWhitespace && $0.value >= 0x20 }
                let lowered = String(String.UnicodeScalarView(compact)).lowercased()
                if lowered.hasPrefix("javascript:") || lowered.hasPrefix("data:") || lowered.hasPrefix("vbscript:") {
                    problems.append("\(page): \(attribute.name)=\"\(attribute.value)\" on <\(tag.name)>")
                }
            }
        }
        if ["figure", "figcaption", "table", "div", "section", "article", "main"].contains(tag.name) {
            open[tag.name, default: 0] += tag.closing ? -1 : 1
            if open[tag.name]! < 0 { problems.append("\(page): </\(tag.name)> closes more than was opened") }
        }
    }
    for (name, count) in open where count != 0 {
        problems.append("\(page): <\(name)> opened and closed \(count) times unevenly")
    }
    return problems
}

@Suite("Injection: payloads in every author-controlled field come out as text")
struct InjectionTests {
    /// Every page of the build, by name.
    static func pages(_ project: ScratchProject) throws -> [String: String] {
        var pages: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: project.build.path) where name.hasSuffix(".html") {
            pages[name] = try String(contentsOf: project.build.appendingPathComponent(name), encoding: .utf8)
        }
        return pages
    }

    static func csvQuoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func payloadsInPagesFrontMatterDataAndBibliographyAreText() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        let p = Payload.self
        // YAML double-quoted strings: escape backslashes and quotes.
        func yaml(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        try project.write("index.md", """
        ---
        title: \(yaml("Title " + p.script))
        subtitle: \(yaml("Sub " + p.image))
        authors:
          - name: \(yaml("Eve " + p.closeFigure))
            affiliation: \(yaml("Lab " + p.image))
          - name: \(yaml(p.javascriptURL))
            affiliation: \(yaml("Other " + p.script))
        date: \(yaml("2026 " + p.image))
        abstract: \(yaml("Abstract " + p.script + " " + p.image + " " + p.closeFigure + " [@evil]"))
        ---

        ## Heading \(p.script) {#sec-heading}

        Prose \(p.script) and \(p.image) and \(p.closeFigure) and {value}`count.networks` [@evil].

        <div onmouseover="alert(5)">raw block HTML</div>

        Inline <img src=x onerror=alert(6)> raw HTML and <a href="javascript:alert(7)">a raw link</a>.

        A code span `\(p.script)` and an autolink <https://example.org/?q="><script>>.

        ```{figure} \(Self.figureName)
        :label: fig-evil
        :alt: Alt \(p.image) \(p.script)
        Caption \(p.script) \(p.image) \(p.closeFigure) with {value}`count.networks` and @tbl-evil.
        ```

        ```{table} networks
        :label: tbl-evil
        Table caption \(p.closeFigure) \(p.image) `\(p.script)`.
        ```

        ```{claim} \(ScratchProject.holdingClaimName)
        Claim \(p.script) \(p.image).
        ```

        ```html
        \(p.script)
        ```

        """)
        try project.write("references.bib", """
        @article{evil,
          author = {Mallory, \(p.script) and Trudy, \(p.image.replacingOccurrences(of: "\"", with: "{\\\"}"))},
          title = {\(p.closeFigure)},
          journal = {\(p.image.replacingOccurrences(of: "\"", with: "{\\\"}"))},
          note = {\(p.javascriptURL)},
          url = {\(p.javascriptURL)},
          year = {2016}
        }

        """)
        // A data cell that reaches the table: the network's display name.
        var csv = try project.read("data/networks.csv").components(separatedBy: "\n")
        let row = csv.firstIndex { $0.hasPrefix("vgg-16,") }!
        var cells = csv[row].components(separatedBy: ",")
        cells[1] = Self.csvQuoted("VGG " + p.image + p.script)
        csv[row] = cells.joined(separator: ",")
        try project.write("data/networks.csv", csv.joined(separator: "\n"))

        let run = try project.run()
        #expect(run.status == 0, "\(run.stderr.prefix(3000))")
        #expect(!run.crashed)
        let pages = try Self.pages(project)
        #expect(pages["index.html"] != nil)
        for (name, html) in pages {
            let problems = injectionProblems(in: html, page: name)
            #expect(problems.isEmpty, "\(problems)")
            // The raw payloads never appear verbatim, only escaped.
            for payload in [p.script, "<img src=x onerror", "</figure></div>", "href=\"javascript:"] {
                #expect(!html.contains(payload), "\(name) contains the raw payload \(payload)")
            }
        }
        let index = pages["index.html"] ?? ""
        // Shown as text: the escaped forms are there, in the title, prose, caption, cells.
        #expect(index.contains("Title &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(index.contains("Prose &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(index.contains("Caption &lt;script&gt;"))
        #expect(index.contains("VGG &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(index.contains("&lt;/figure&gt;&lt;/div&gt;"))
        // The data file behind the table is CSV, not HTML, and keeps the name as written.
        let data = try String(contentsOf: project.build.appendingPathComponent("data/tbl-evil.csv"), encoding: .utf8)
        #expect(data.contains("<script>"), "the CSV should hold the name verbatim")
        // The BibTeX url is not a link, since it is not http(s).
        #expect(!index.contains("href=\"javascript"))
    }

    @Test func javascriptLinksAndImagesAreRefused() throws {
        for (markdown, what) in [
            ("[click](javascript:alert(1))", "link"),
            ("[click](JaVaScRiPt:alert(1))", "mixed case"),
            ("[click](<java\tscript:alert(1)>)", "tab inside"),
            ("[click](&#106;avascript:alert(1))", "entity"),
            ("[click](javascript&colon;alert(1))", "named entity"),
            ("![img](javascript:alert(1))", "image"),
            ("<javascript:alert(1)>", "autolink"),
            ("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data URL"),
            ("[click][ref]\n\n[ref]: vbscript:msgbox(1)", "reference definition"),
        ] {
            let project = try ScratchProject.built()
            defer { project.remove() }
            try project.write("links.md", "# Links\n\n\(markdown)\n")
            let before = FolderSnapshot(project.build)
            let run = try project.run()
            if run.status == 0 {
                // Accepted: then nothing executable may have reached the page.
                let html = try String(contentsOf: project.build.appendingPathComponent("links.html"), encoding: .utf8)
                #expect(injectionProblems(in: html, page: "links.html (\(what))").isEmpty)
            } else {
                #expect(run.status == 1, "\(what): \(run.stderr)")
                #expect(!run.crashed)
                #expect(run.errorLines.contains { $0.hasPrefix("paper/links.md:3:") }, "\(what): \(run.stderr)")
                #expect(FolderSnapshot(project.build) == before, "\(what)")
            }
        }
    }

    @Test func payloadInLabelIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", HostileInputTests.page(replacingProse:
            "```{table} networks\n:label: tbl-x\"><script>alert(1)</script>\nA table.\n```"))
        let run = try expectDiagnosedFailure(project, file: "index.md", line: HostileInputTests.probeLine + 1, message: "invalid label")
        #expect(!run.stderr.contains("\u{1B}"), "diagnostics must not carry terminal escapes")
    }

    @Test func payloadInSectionLabelIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // Markdown reads the `<img …>` as inline HTML, so this may not even be a label;
        // either it is refused at its line, or it builds and shows as text.
        try project.write("index.md", HostileInputTests.page(replacingProse: "### Bad {#sec-\"><img src=x onerror=alert(1)>}"))
        let before = FolderSnapshot(project.build)
        let run = try project.run()
        #expect(!run.crashed)
        if run.status == 0 {
            let html = try String(contentsOf: project.build.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(injectionProblems(in: html, page: "index.html").isEmpty)
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        } else {
            #expect(run.status == 1)
            #expect(run.errorLines.contains { $0.hasPrefix("paper/index.md:\(HostileInputTests.probeLine):") }, "\(run.stderr)")
            #expect(FolderSnapshot(project.build) == before)
        }
    }

    @Test func payloadInPlainSectionLabelIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", HostileInputTests.page(replacingProse: "### Bad {#sec-x\" onmouseover=\"alert(1)}"))
        try expectDiagnosedFailure(project, file: "index.md", line: HostileInputTests.probeLine, message: "invalid label")
    }

    @Test func payloadInWidthIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", HostileInputTests.page(replacingProse:
            "```{figure} \(Self.figureName)\n:alt: A chart.\n:width: 50%\" onload=\"alert(1)\nCaption.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: HostileInputTests.probeLine + 2, message: "invalid width")
    }

    /// A cheap figure the real analysis offers.
    static let figureName = "top1-vs-operations"
}

extension ScratchProject {
    static var holdingClaimName: String { HostileInputTests.holdingClaim }
}
