import Foundation
import Testing
@testable import Report

@Suite("Self-contained: the whole paper in one file")
struct SelfContainedTests {
    static let figureAndTable = """
    ```{figure} bars
    :label: fig-bars
    :alt: Bars of x.
    Bars of x.
    ```

    ```{table} items
    :label: tbl-items
    Items.
    ```
    """

    /// Two pages, a figure, a table, a local image and links between the pages.
    private func project() throws -> TempProject {
        let project = try TempProject(pages: [
            "index.md": page("""
            # Paper

            The value is {value}`data.x`; see [the methods](methods.html#sec-how) and [a site](https://example.org/a.png).

            ![A logo](images/logo.png)

            \(Self.figureAndTable)
            """, title: "Paper"),
            "methods.md": page("# Methods\n\n## How {#sec-how}\n\nBack to [the paper](index.html), to @fig-bars and [@a].\n\n## Paper\n\nA heading both pages have.\n", title: "Methods"),
            "references.bib": "@misc{a, title = {A}, author = {Someone}, year = {2020}}\n",
        ])
        try FileManager.default.createDirectory(at: project.paper.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: project.paper.appendingPathComponent("images/logo.png"))
        return project
    }

    private func build(_ project: TempProject, selfContained: Bool) async throws -> BuildReport {
        var options = project.options()
        options.selfContained = selfContained
        return try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build()
    }

    /// Every `src` and `href` value of a page.
    private func references(_ html: String) -> [String] {
        html.matches(of: /\s(?:src|href)="([^"]*)"/).map { String($0.output.1) }
    }

    private func decode(_ uri: String) -> Data? {
        guard let comma = uri.firstIndex(of: ","), uri[..<comma].hasSuffix(";base64") else { return nil }
        return Data(base64Encoded: String(uri[uri.index(after: comma)...]))
    }

    @Test func theWholePaperIsOneFileWhoseLinksAllResolveInsideIt() async throws {
        let project = try project()
        defer { project.remove() }
        // A normal build first, to compare the embedded bytes with the files it writes.
        _ = try await build(project, selfContained: false)
        let png = try Data(contentsOf: project.out.appendingPathComponent("figures/fig-bars.png"))
        let svg = try Data(contentsOf: project.out.appendingPathComponent("figures/fig-bars.svg"))
        let csv = try Data(contentsOf: project.out.appendingPathComponent("data/tbl-items.csv"))
        let css = try project.read("assets/style.css")

        let report = try await build(project, selfContained: true)
        #expect(report.files == ["index.html"])
        let written = project.snapshot().keys.filter { !$0.hasPrefix(".") }.sorted()
        #expect(written == ["index.html"])

        let paper = try project.read("index.html")
        #expect(!paper.contains("<link rel=\"stylesheet\""))
        #expect(paper.contains("<style>\n" + css))
        #expect(paper.contains("<article id=\"page-index\">") && paper.contains("<article id=\"page-methods\">"))
        let ids = paper.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "every id once: \(ids)")
        for reference in references(paper) where !(reference.hasPrefix("data:") || reference.hasPrefix("https:")) {
            // Nothing points outside the file: every local link is an anchor in it.
            #expect(reference.hasPrefix("#") && ids.contains(String(reference.dropFirst())), "\(reference)")
        }
        let refs = references(paper)
        #expect(refs.contains("#sec-how"))           // was methods.html#sec-how
        #expect(refs.contains("#page-index"))        // was index.html
        #expect(refs.contains("#fig-bars"))          // a cross-reference from the second page
        #expect(refs.contains("#ref-a"))             // a citation, to the one reference list
        // The heading both pages have keeps its id on the first, is renamed on the second.
        #expect(ids.contains("s-paper") && ids.contains("methods--s-paper"))

        // The figure shows its SVG (a <picture> since figures follow the theme and width).
        #expect(paper.contains("<img src=\"data:image/svg+xml;base64,\(svg.base64EncodedString())\" width="))
        #expect(refs.contains { $0.hasPrefix("data:image/svg+xml;base64,") && decode($0) == svg })
        // The SVG is embedded where the figure shows, where a click opens it full size,
        // and as its download: three times (the file stays whole, with no server).
        #expect(paper.components(separatedBy: svg.base64EncodedString()).count == 4)
        #expect(paper.contains("<a class=\"figure-image\" href=\"data:image/svg+xml;base64,"))
        #expect(refs.contains { $0.hasPrefix("data:text/csv;charset=utf-8;base64,") && decode($0) == csv })
        #expect(refs.contains { $0.hasPrefix("data:application/pdf;base64,") })
        #expect(refs.contains { $0.hasPrefix("data:image/png;base64,") && decode($0) == Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]) })
        #expect(paper.contains("download=\"fig-bars.pdf\""))
        #expect(paper.contains("download=\"tbl-items.csv\""))
        #expect(refs.contains("https://example.org/a.png"))

        // Building again changes nothing; a normal build brings the usual layout back.
        #expect(try await build(project, selfContained: true).wrote == false)
        _ = try await build(project, selfContained: false)
        #expect(FileManager.default.fileExists(atPath: project.out.appendingPathComponent("figures/fig-bars.png").path))
        #expect(try project.read("index.html").contains("<link rel=\"stylesheet\" href=\"assets/style.css\">"))
    }

    /// Two pages that share a heading's text and a footnote's label, with every kind of
    /// URL the renderer writes: a figure (with its theme and phone drawings), a table's
    /// CSV, an image, links to a page, to a place on a page, to a published data file,
    /// an equation, a citation and a cross-reference each way.
    private func crossLinked() throws -> TempProject {
        let project = try TempProject(pages: [
            "index.md": page("""
            # Paper

            The value is {value}`data.x`[^n]; the data is [here](data/x.txt "The data"); see @sec-how,
            [their paper section](methods.html#s-paper), [the methods](methods.html) and [ours](#s-paper).

            ![A logo](images/logo.png)

            ## Paper

            \(Self.figureAndTable)

            ```{math}
            :label: eq-one
            x = 1
            ```

            [^n]: The note of the first page.
            """, title: "Paper"),
            "methods.md": page("""
            # Methods

            ## How {#sec-how}

            Back to @fig-bars, @eq-one and [@a], to [the section of the first page](index.html#s-paper) and [ours](#s-paper)[^n].

            ## Paper

            A heading both pages have.

            ```{figure} bars
            :label: fig-again
            :alt: Bars of x again.
            Bars of x again.
            ```

            [^n]: The note of the second page.
            """, title: "Methods"),
            "references.bib": "@misc{a, title = {A}, author = {Someone}, year = {2020}}\n",
        ])
        try FileManager.default.createDirectory(at: project.paper.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]).write(to: project.paper.appendingPathComponent("images/logo.png"))
        return project
    }

    /// Every value of an attribute that holds a URL, with the attribute's name.
    private func urls(_ html: String) -> [(attribute: String, value: String)] {
        html.matches(of: /\s(src|href|srcset|data-preview-img|poster|action)="([^"]*)"/).map { (String($0.output.1), String($0.output.2)) }
    }

    /// The page (`<article>` id) and element name of the element with id `id`.
    private func element(_ id: String, in html: String) -> (page: String, tag: String)? {
        guard let at = html.range(of: " id=\"\(id)\"") else { return nil }
        let before = html[..<at.lowerBound]
        guard let open = before.lastIndex(of: "<") else { return nil }
        let tag = String(before[before.index(after: open)...].prefix { $0.isLetter || $0.isNumber })
        let page = before.matches(of: /<article id="([^"]*)">/).last.map { String($0.output.1) } ?? ""
        return (page, tag)
    }

    @Test func noURLInTheFileLeadsOutsideIt() async throws {
        let project = try crossLinked()
        defer { project.remove() }
        _ = try await build(project, selfContained: true)
        let paper = try project.read("index.html")
        let ids = paper.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
        #expect(Set(ids).count == ids.count, "every id once: \(ids)")
        let found = urls(paper)
        // Each kind of URL the renderer writes is there, so that the scan below sees it.
        #expect(found.contains { $0.attribute == "srcset" })
        #expect(found.filter { $0.attribute == "src" }.count >= 2)   // the figure and the image
        for (attribute, value) in found {
            if value.hasPrefix("data:") { continue }
            // The one link in the paper to another site is the reference's, none here.
            #expect(value.hasPrefix("#"), "\(attribute)=\"\(value.prefix(80))\" leads outside the file")
            #expect(ids.contains(String(value.dropFirst())), "\(attribute)=\"\(value)\" is no id in the file")
        }
        // The data file an author linked to is embedded, for download under its name.
        #expect(paper.contains("download=\"x.txt\" title=\"The data\">here</a>"))
        #expect(paper.contains("<img src=\"data:image/png;base64,iVBORwECAw==\" alt=\"A logo\""))
        // No hover preview points at a figure file that is not there.
        #expect(!paper.contains("data-preview-img=\""))
    }

    @Test func aReferenceAcrossPagesLandsOnItsElement() async throws {
        let project = try crossLinked()
        defer { project.remove() }
        _ = try await build(project, selfContained: true)
        let paper = try project.read("index.html")
        /// The part of the file that is one page.
        func article(_ id: String) -> Substring {
            guard let open = paper.range(of: "<article id=\"\(id)\">"),
                  let close = paper[open.upperBound...].range(of: "</article>") else { return "" }
            return paper[open.upperBound..<close.lowerBound]
        }
        // Cross-references each way, an equation's and a citation's: the link is on one
        // page, its target the element on the other.
        #expect(article("page-index").contains("<a class=\"xref\" href=\"#sec-how\""))
        #expect(element("sec-how", in: paper).map { "\($0.page) \($0.tag)" } == "page-methods h2")
        #expect(article("page-methods").contains("<a class=\"xref\" href=\"#fig-bars\""))
        #expect(element("fig-bars", in: paper).map { "\($0.page) \($0.tag)" } == "page-index figure")
        #expect(article("page-methods").contains("<a class=\"xref\" href=\"#eq-one\""))
        #expect(element("eq-one", in: paper).map { "\($0.page) \($0.tag)" } == "page-index div")
        #expect(article("page-methods").contains("href=\"#ref-a\""))
        #expect(element("ref-a", in: paper).map { "\($0.page) \($0.tag)" } == "page-methods li")
        // The heading both pages have: each link reaches the page it names.
        #expect(element("s-paper", in: paper)?.page == "page-index")
        #expect(element("methods--s-paper", in: paper)?.page == "page-methods")
        #expect(paper.contains("<a href=\"#methods--s-paper\">their paper section</a>"))
        #expect(paper.contains("<a href=\"#s-paper\">the section of the first page</a>"))
        #expect(paper.contains("<a href=\"#s-paper\">ours</a>") && paper.contains("<a href=\"#methods--s-paper\">ours</a>"))
        #expect(paper.contains("<a href=\"#page-methods\">the methods</a>"))
        // Each page's footnote marker leads to its own note, and back.
        #expect(element("fn-n", in: paper)?.page == "page-index")
        #expect(element("methods--fn-n", in: paper)?.page == "page-methods")
        #expect(paper.contains("<a href=\"#methods--fn-n\">1</a>") && paper.contains("href=\"#methods--fnref-n\""))
        #expect(paper.contains("The note of the second page.") && paper.contains("The note of the first page."))
    }

    /// "Input digest …" values: the footer's (16 characters) and the Cite boxes' (12).
    private func digests(_ html: String) -> [String] {
        html.matches(of: /Input digest (?:<code[^>]*>)?([0-9a-f]{12,16})/).map { String($0.output.1) }
    }

    @Test func eachPageKeepsTheDigestItHasInABuildOfPages() async throws {
        let project = try crossLinked()
        defer { project.remove() }
        _ = try await build(project, selfContained: false)
        let index = digests(try project.read("index.html")), methods = digests(try project.read("methods.html"))
        _ = try await build(project, selfContained: true)
        let paper = digests(try project.read("index.html"))
        // The first page's figure and the second's, then the first page's footer.
        #expect(index.count == 2 && methods.count == 2)
        #expect(paper == [index[0], methods[0], index[1]], "\(paper) against \(index) and \(methods)")
        #expect(index[0] != methods[0])
    }

    @Test func aLinkToAFileTheBuildDoesNotHaveStopsTheBuild() async throws {
        let project = try TempProject(pages: ["index.md": page("See [the data](data/missing.csv) and [there](#nowhere).\n")])
        defer { project.remove() }
        var options = project.options()
        options.selfContained = true
        var failures: [String] = []
        do { _ = try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build() } catch {
            failures = error.diagnostics.map { $0.formatted(root: "paper") }
        }
        #expect(failures.contains { $0.contains("link to 'data/missing.csv', which is not in the built paper") }, "\(failures)")
        #expect(failures.contains { $0.contains("link to '#nowhere', which is not an anchor in index.html") }, "\(failures)")
        #expect(!FileManager.default.fileExists(atPath: project.out.appendingPathComponent("index.html").path))
    }
}
