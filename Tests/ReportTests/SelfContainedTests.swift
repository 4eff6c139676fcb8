import Foundation
import Testing
@testable import Report

@Suite("Self-contained: the whole paper in one file")
struct SelfContainedTests {
    /// Two pages, a figure, a table, a local image and links between the pages.
    private func project() throws -> TempProject {
        let project = try TempProject(pages: [
            "index.md": page("""
            # Paper

            The value is {value}`data.x`; see [the methods](methods.html#sec-how) and [a site](https://example.org/a.png).

            ![A logo](images/logo.png)

            ```{figure} bars
            :label: fig-bars
            :alt: Bars of x.
            Bars of x.
            ```

            ```{table} items
            :label: tbl-items
            Items.
            ```
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

    @Test func localPaths() {
        #expect(SelfContained.localPath("figures/a.png") == "figures/a.png")
        #expect(SelfContained.localPath("figures/a%20b.png#x") == "figures/a b.png")
        #expect(SelfContained.localPath("./data/a.csv?x=1") == "data/a.csv")
        #expect(SelfContained.localPath("a/../b.png") == "b.png")
        for other in ["#fig-1", "https://example.org/x.png", "mailto:a@b.c", "data:image/png;base64,AA",
                      "/etc/passwd", "../outside.png", ""] {
            #expect(SelfContained.localPath(other) == nil, "\(other)")
        }
    }

    @Test func aLinkToAFileOutsideTheBuildIsAnError() {
        #expect(throws: Diagnostic.self) {
            _ = try SelfContained.embed("<p><img src=\"figures/missing.png\"></p>", files: [:])
        }
    }
}
