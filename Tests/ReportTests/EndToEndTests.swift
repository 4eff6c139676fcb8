import Foundation
import Testing
@testable import Report

/// Builds a small two-page paper against the fake notebook and checks what a reader and
/// a citing author get: numbered figures and tables, links across pages, files, CSVs.
@Suite struct EndToEndTests {
    static let index = """
    ---
    title: A Small Paper
    subtitle: For testing
    authors:
      - name: Ada Lovelace
        affiliation: Analytical Engines
      - name: Charles Babbage
        affiliation: Difference Engines
    date: 2026-11-29
    abstract: |
      We count {value}`answer` things.
    ---

    ## Introduction {#sec-intro}

    The figure @fig-bars shows x; @tbl-items lists items; see also @sec-method and
    [@knuth1984; @lamport1994]. A value in prose: {value}`data.x`. Evil: {value}`evil`.

    ```{figure} bars
    :label: fig-bars
    :alt: Bars of x.
    :reproduces: knuth1984 Figure 7
    Bars of x = {value}`data.x`. Second sentence.
    ```

    ```{table} items
    :label: tbl-items
    Items, with {value}`answer` in the caption.
    ```

    ```{claim} x-positive
    x is positive.
    ```

    ### Details

    More text.
    """

    static let second = """
    ---
    title: Method
    order: 2
    ---

    ## Method {#sec-method}

    As @fig-bars showed, and @fig-log shows again [@knuth1984].

    ```{figure} bars
    :label: fig-log
    :alt: Bars of x on a log scale.
    :scale: log
    The same on a log scale.
    ```
    """

    static let bib = """
    @book{knuth1984, author = {Knuth, Donald E.}, title = {The {\\TeX}book}, publisher = {Addison-Wesley}, year = 1984}
    @book{lamport1994, author = "Leslie Lamport", title = "{\\LaTeX}: A Document Preparation System", year = 1994,
      url = {https://example.org/latex}}
    """

    func project() throws -> TempProject {
        try TempProject(pages: ["index.md": Self.index, "method.md": Self.second],
                        files: ["data/x.txt": "3\n", "references.bib": Self.bib])
    }

    @Test func buildsNumberedLinkedPaper() async throws {
        let p = try project()
        defer { p.remove() }
        let report = try await p.build()
        #expect(report.wrote)
        for file in ["index.html", "method.html", "assets/style.css",
                     "figures/fig-bars.svg", "figures/fig-bars.png", "figures/fig-bars.pdf",
                     "figures/fig-log.svg", "figures/fig-log.png", "figures/fig-log.pdf",
                     "data/fig-bars.csv", "data/fig-log.csv", "data/tbl-items.csv"] {
            #expect(report.files.contains(file), "missing \(file)")
            #expect(FileManager.default.fileExists(atPath: p.out.appendingPathComponent(file).path), "missing \(file)")
        }

        let index = try p.read("index.html")
        #expect(index.contains("<figure id=\"fig-bars\" class=\"figure\">"))
        #expect(index.contains("<a class=\"number\" href=\"#fig-bars\">Figure 1.</a> Bars of x = <span class=\"value\" title=\"data.x = 3.0\">3.0</span>."))
        // The page shows the SVG drawn for the screen: dark, narrow, or wide and light.
        #expect(index.contains("<img src=\"figures/fig-bars.svg\" width=\"320\" height=\"200\" alt=\"Bars of x.\"></picture>"))
        #expect(index.contains("<source media=\"(prefers-color-scheme: dark)\" srcset=\"figures/fig-bars.dark.svg\">"))
        // The phone drawing is declared with the size it was drawn at (its legend can
        // make it taller than 500).
        let narrowSVG = try p.read("figures/fig-bars.narrow.svg")
        let viewBox = try #require(narrowSVG.firstMatch(of: /viewBox="0 0 (\d+) (\d+)"/))
        #expect(index.contains("<source media=\"(max-width: 600px)\" srcset=\"figures/fig-bars.narrow.svg\" width=\"\(viewBox.output.1)\" height=\"\(viewBox.output.2)\">"))
        for variant in ["dark.svg", "narrow.svg", "narrow-dark.svg"] {
            #expect(report.files.contains("figures/fig-bars.\(variant)"), "missing \(variant)")
        }
        #expect(index.contains("<a href=\"figures/fig-bars.pdf\">PDF</a> <a href=\"data/fig-bars.csv\">CSV</a>"))
        // Links carry a preview of what they point to, for hover and tap.
        #expect(index.contains("<a class=\"xref\" href=\"#tbl-items\" data-preview=\"Table 1. "))
        #expect(index.contains("<a class=\"xref\" href=\"method.html#sec-method\" data-preview=\"Section 2 "))
        #expect(index.contains(">Section 2</a>"))
        #expect(index.contains("<span class=\"citation\">[<a href=\"method.html#ref-knuth1984\" data-preview=\"[1] Donald E. Knuth. The TeXbook. Addison-Wesley, 1984.\">1</a>, <a href=\"method.html#ref-lamport1994\""))
        #expect(index.contains("<h2 id=\"sec-intro\"><span class=\"secnum\">1</span> Introduction"))
        #expect(index.contains("<span class=\"secnum\">1.1</span> Details"))
        #expect(index.contains("<p class=\"abstract-title\">") == false)
        #expect(index.contains("We count <span class=\"value\" title=\"answer = 42\">forty-two</span> things."))
        #expect(index.contains("<td class=\"num\">12</td>"))
        #expect(index.contains("<span class=\"swatch\" style=\"background:#ff0000\"></span>apples"))
        #expect(index.contains("&lt;b&gt;pears&lt;/b&gt;"))
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The one script is the page's own (previews and print), after the content.
        #expect(index.components(separatedBy: "<script>").count == 2)
        #expect(index.contains(previewScript))
        #expect(index.contains("<div class=\"claim claim-holds\" id=\"clm-1\">"))
        #expect(index.contains("<li>x = 3.0</li>"))
        #expect(index.contains("Reproduces Figure 7 of Knuth (1984)."))
        // BibTeX: a short title, the figure's version (input digest), the authors as BibTeX reads them.
        #expect(index.contains("title     = {Figure 1: Bars of x = 3.0}"))
        #expect(index.contains("version   = {"))
        #expect(index.contains("Cite this paper"))
        // Navigation on every page.
        #expect(index.contains("<a href=\"method.html\">Method</a>"))

        let method = try p.read("method.html")
        #expect(method.contains("As <a class=\"xref\" href=\"index.html#fig-bars\" data-preview=\"Figure 1. Bars of x = 3.0. Second sentence.\" data-preview-img=\"figures/fig-bars.png\">Figure 1</a> showed"))
        #expect(method.contains("<li id=\"ref-knuth1984\">Donald E. Knuth. <cite>The TeXbook</cite>. Addison-Wesley, 1984.</li>"))
        #expect(method.contains("<a href=\"https://example.org/latex\">https://example.org/latex</a>"))
        #expect(method.contains("<a class=\"site-title\" href=\"index.html\">A Small Paper</a>"))

        #expect(try p.read("data/fig-bars.csv") == "name,x\na,3.0\n")
        #expect(try p.read("data/tbl-items.csv") == "name,count\napples,3\n<b>pears</b>,12\n")

        // The PNG is drawn at twice the CSS size.
        let png = try Data(contentsOf: p.out.appendingPathComponent("figures/fig-bars.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 640)
    }

    @Test func outputIsValidHTML() async throws {
        let tidy = "/usr/bin/tidy"
        guard FileManager.default.isExecutableFile(atPath: tidy) else {
            Issue.record("tidy is not installed (make test installs it)")
            return
        }
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        for page in ["index.html", "method.html"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tidy)
            // -errors: report errors only; exit status 2 means errors were found.
            process.arguments = ["-errors", "-quiet", p.out.appendingPathComponent(page).path]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus < 2, "tidy found errors in \(page): \(output)")
        }
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let a = try project()
        let b = try project()
        defer { a.remove(); b.remove() }
        _ = try await a.build()
        _ = try await b.build()
        // Everything but the record of which cache files were checked (their inodes and
        // times: this machine's state, like git's index, never shown to a reader).
        func snapshot(_ p: TempProject) -> [String: Data] {
            p.snapshot().filter { $0.key != ".cache/" + ObjectStamps.fileName }
        }
        let snapA = snapshot(a), snapB = snapshot(b)
        #expect(snapA.keys.sorted() == snapB.keys.sorted())
        for (path, data) in snapA { #expect(snapB[path] == data, "\(path) differs") }
        // A rebuild from scratch in the same place gives the same bytes too.
        _ = try await a.build(cache: false)
        #expect(snapshot(a) == snapA)
    }

    @Test func checkWritesNothing() async throws {
        let p = try project()
        defer { p.remove() }
        let report = try await Builder(notebook: FakeNotebook(folder: p.paper), options: p.options(output: false)).build()
        #expect(!report.wrote)
        #expect(!FileManager.default.fileExists(atPath: p.out.path))
        // After a build, check reuses its cached results, read only.
        _ = try await p.build()
        let before = p.snapshot()
        var options = p.options(output: false)
        options.readCacheFrom = p.out
        let notebook = FakeNotebook(folder: p.paper)
        let checked = try await Builder(notebook: notebook, options: options).build()
        #expect(checked.computed == 0 && notebook.evaluations.isEmpty)
        #expect(p.snapshot() == before)
    }

    @Test func cleanRemovesOnlyWhatBuildsMade() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try Data("mine".utf8).write(to: p.out.appendingPathComponent("notes.txt"))
        let kept = try clean(output: p.out, paper: p.paper)
        #expect(kept == ["notes.txt"])
        #expect(FileManager.default.fileExists(atPath: p.out.appendingPathComponent("notes.txt").path))
        #expect(!FileManager.default.fileExists(atPath: p.out.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: p.paper.appendingPathComponent("index.md").path))
    }

    @Test func refusesDangerousOutputFolders() async throws {
        let p = try project()
        defer { p.remove() }
        for out in [URL(fileURLWithPath: "/"), p.paper, p.root, FileManager.default.homeDirectoryForCurrentUser] {
            var options = p.options()
            options.output = out
            await #expect(throws: BuildFailure.self) {
                _ = try await Builder(notebook: FakeNotebook(folder: p.paper), options: options).build()
            }
        }
        // An existing folder that a build did not make is never replaced.
        let foreign = p.root.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: foreign.appendingPathComponent("keep.txt"))
        var options = p.options()
        options.output = foreign
        do {
            _ = try await Builder(notebook: FakeNotebook(folder: p.paper), options: options).build()
            Issue.record("build into a foreign folder succeeded")
        } catch {
            #expect(error.diagnostics.first?.message.contains("was not made by report") == true)
        }
        #expect(try String(contentsOf: foreign.appendingPathComponent("keep.txt"), encoding: .utf8) == "keep")
    }
}
