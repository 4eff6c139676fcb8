import Foundation
import Testing
@testable import Report

/// The authoring syntax of issue 12: each row of the issue's "Why" table, built through
/// the whole pipeline with the fake notebook.
@Suite("Authoring: tables, footnotes, admonitions, GFM, citations, links")
struct AuthoringTests {
    static let bibliography = """
    @inproceedings{he2016, author = {He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian}, title = {Deep Residual Learning}, year = {2016}}
    @article{simonyan2014, author = {Simonyan, Karen and Zisserman, Andrew}, title = {Very Deep Networks}, year = {2014}}
    @misc{a1, author = {A, One}, title = {A1}, year = {2001}}
    @misc{a2, author = {A, Two}, title = {A2}, year = {2002}}
    @misc{a3, author = {A, Three}, title = {A3}, year = {2003}}
    @misc{a4, author = {A, Four}, title = {A4}, year = {2004}}
    """

    /// The built index page's article, or the diagnostics if the build failed.
    func build(_ body: String, pages: [String: String] = [:]) async throws -> (html: String, errors: [String]) {
        var all = pages
        all["index.md"] = page(body)
        let project = try TempProject(pages: all, files: ["data/x.txt": "3\n", "references.bib": Self.bibliography])
        defer { project.remove() }
        let errors = await project.failures()
        guard errors.isEmpty else { return ("", errors) }
        let html = try project.read("index.html")
        let start = html.range(of: "</header>\n")?.upperBound ?? html.startIndex
        let end = html.range(of: "</article>")?.lowerBound ?? html.endIndex
        return (String(html[start..<end]), [])
    }

    // MARK: Pipe tables

    @Test func pipeTableBecomesATable() async throws {
        let (html, errors) = try await build("""
        | Network | Params (M) | Note |
        |:--|--:|:-:|
        | AlexNet | 61.1 | *big* \\| piped |
        | ResNet-50 | 25.56 | {value}`answer` |
        | Tiny | 3 | |
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<th style=\"text-align: left\">Network</th>"))
        #expect(html.contains("<td style=\"text-align: center\"><em>big</em> | piped</td>"))
        #expect(html.contains("title=\"answer = 42\">forty-two</span></td>"))
        #expect(!html.contains("| AlexNet"))
        // Numbers line up on the point: 61.1 gets one figure space, 3 a point and two.
        #expect(html.contains("<td class=\"num\" style=\"text-align: right\">61.1<span class=\"decimal-pad\" aria-hidden=\"true\">\u{2007}</span></td>"))
        #expect(html.contains("<td class=\"num\" style=\"text-align: right\">3<span class=\"decimal-pad\" aria-hidden=\"true\">\u{2008}\u{2007}\u{2007}</span></td>"))
        #expect(html.contains("<td class=\"num\" style=\"text-align: right\">25.56</td>"))
    }

    /// As in cmark-gfm, a table may start right under a paragraph's text: the lines above
    /// its header row stay a paragraph, and cells still point at their own lines.
    @Test func aTableInterruptsAParagraph() async throws {
        let (html, errors) = try await build("""
        Sizes *below*,
        measured today:
        | Network | Params |
        |---|--:|
        | A | 1.5 |
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<p>Sizes <em>below</em>,\nmeasured today:</p>"), "\(html)")
        #expect(html.contains("<th>Network</th>"))
        #expect(html.contains("<td class=\"num\" style=\"text-align: right\">1.5</td>"))
        #expect(!html.contains("| A |"))

        let (_, located) = try await build("Text above.\n| a | b |\n|---|---|\n| x | {value}`nosuch` |\n")
        #expect(located == ["paper/index.md:7:7: error: unknown value 'nosuch'"])

        // Emphasis spanning the header row cannot be cut: text, with a warning.
        let (kept, _) = try await build("*Open\n| a | b |*\n|---|---|\n")
        #expect(!kept.contains("<table"))
    }

    @Test func errorInACellPointsAtTheCell() async throws {
        let (_, errors) = try await build("| a | b |\n|---|---|\n| x | {value}`nosuch` |\n")
        #expect(errors == ["paper/index.md:6:7: error: unknown value 'nosuch'"])
    }

    @Test func authorTableIsCaptionedNumberedAndReferenced() async throws {
        let (html, errors) = try await build("""
        See @tbl-sizes.

        ```{table} rows a
        :label: tbl-rows
        Computed rows.
        ```

        :::{table} Sizes of *two* networks.
        :label: tbl-sizes
        | Network | Params |
        |---|---:|
        | A | 1.5 |
        :::
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<a class=\"xref\" href=\"#tbl-sizes\">Table 2</a>"))
        #expect(html.contains("<div class=\"table author-table\" id=\"tbl-sizes\">\n<table>\n<caption><p><a class=\"number\" href=\"#tbl-sizes\">Table 2.</a> Sizes of <em>two</em> networks.</p></caption>"))
    }

    @Test func authorTableMistakes() async throws {
        let (_, errors) = try await build(":::{table}\n:widths: 1 2\n| a |\n| b |\n:::\n")
        #expect(errors.contains("paper/index.md:4:1: error: {table} has no caption: write it after {table}, e.g. ':::{table} Networks and their sizes.'"))
        #expect(errors.contains("paper/index.md:5:1: error: unknown option ':widths:' for an author {table}"))
        #expect(errors.contains("paper/index.md:6:1: error: {table} body is not a pipe table: it needs a header row, then a delimiter row such as '|---|---|'"))
    }

    // MARK: Footnotes

    @Test func footnotesAreNumberedWithSideNotesAndBackLinks() async throws {
        let (html, errors) = try await build("""
        First[^b] and second[^a], first again[^b].

        [^a]: Note *A*.
        [^b]: https://example.org
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<sup class=\"fn-ref\" id=\"fnref-b\"><a href=\"#fn-b\">1</a></sup><span class=\"sidenote\" aria-hidden=\"true\"><span class=\"sidenote-number\">1</span> <a href=\"https://example.org\">https://example.org</a></span>"))
        #expect(html.contains("<sup class=\"fn-ref\" id=\"fnref-b-2\"><a href=\"#fn-b\">1</a></sup>."))
        #expect(html.contains("<li id=\"fn-a\">Note <em>A</em>. <a class=\"fn-back\" href=\"#fnref-a\""))
        #expect(html.range(of: "id=\"fn-b\"")!.lowerBound < html.range(of: "id=\"fn-a\"")!.lowerBound)
        #expect(!html.contains("[^"))
    }

    /// GFM continues a footnote in paragraphs indented by four spaces after a blank
    /// line: they are the note's, with their inline Markdown, values and references, in
    /// the list and in the side note; line numbers stay right after them. Any other
    /// indented block (a list, code) gets a located warning instead of silently showing
    /// part of a note as code in the text. A fenced block is not warned about.
    @Test func aFootnoteGoesOnInIndentedParagraphs() async throws {
        let (html, errors) = try await build("""
        Text[^a] and[^b].

        [^a]: One paragraph,
          on two lines.

            Second *paragraph* with {value}`data.x`
            and a citation [@he2016].

            Third.

        [^b]: Another.

        After the notes.
        """)
        #expect(errors.isEmpty, "\(errors)")
        let note = "One paragraph,\non two lines.\n<span class=\"fn-para\">Second <em>paragraph</em> with "
        #expect(html.contains("<li id=\"fn-a\">" + note), "\(html)")
        #expect(html.contains("<span class=\"sidenote-number\">1</span> " + note))
        #expect(html.contains("<span class=\"fn-para\">Third. <a class=\"fn-back\" href=\"#fnref-a\" aria-label=\"Back to the text\">↩</a></span></li>"))
        #expect(!html.contains("<pre><code>Second") && !html.contains("\u{E000}"), "\(html)")
        #expect(html.contains("<li id=\"fn-b\">Another. <a"))
        // Lines after a note's paragraphs are where they were.
        let (_, located) = try await build("Text[^a].\n\n[^a]: One.\n\n    Two.\n\nAfter, {value}`nosuch`.\n")
        #expect(located == ["paper/index.md:10:8: error: unknown value 'nosuch'"], "\(located)")
    }

    @Test func anIndentedBlockAfterAFootnoteThatIsNotAParagraphIsAWarning() async throws {
        let body = "Text[^a] and[^b].\n\n[^a]: One paragraph.\n\n    - a list item\n\n[^b]: Another.\n\n```\ncode\n```\n"
        let project = try TempProject(pages: ["index.md": page(body)], files: ["data/x.txt": "3\n", "references.bib": Self.bibliography])
        defer { project.remove() }
        let report = try await project.build()
        let warnings = report.warnings.map { $0.formatted(root: "paper") }
        #expect(warnings.count == 1, "\(warnings)")
        #expect(warnings.first?.hasPrefix("paper/index.md:8:") == true && warnings.first?.contains("after footnote '[^a]'") == true, "\(warnings)")
        // Text after a heading is not the note's: indented, it is code, as CommonMark says.
        let (html, _) = try await build("Text[^a].\n\n[^a]: A note.\n# Heading\n\n    code\n")
        #expect(html.contains("<pre><code>code"), "\(html)")
    }

    /// The joining as text: lines stay where they are, only blank lines between a
    /// note's paragraphs change, and code fences are left alone.
    @Test func joiningKeepsEveryLineInPlace() {
        let text = "[^a]: One.\n\n    Two.\n\n\n    Three.\nlazy\n\nNot the note's.\n\n    code\n```\n[^b]: in code\n\n    x\n```\n"
        let joined = Footnotes.protectDefinitions(text)
        let lines = joined.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        let mark = Substring(Footnotes.paragraphBreak)
        #expect(lines[0] == "[^a]\\:One." && lines[1] == mark && lines[3] == mark && lines[4] == mark, "\(lines)")
        #expect(lines[2] == "    Two." && lines[5] == "    Three." && lines[6] == "lazy")
        #expect(lines[7] == "" && lines[9] == "" && lines[10] == "    code")
        #expect(lines[12] == "[^b]: in code" && lines[13] == "", "inside a fence nothing changes")
    }

    @Test func footnoteMistakes() async throws {
        let (_, errors) = try await build("Text[^nosuch] and[^x].\n\n[^x]: Used.\n[^unused]: Never referred to.\n[^x]: Twice.\n")
        #expect(errors == [
            "paper/index.md:4:5: error: footnote '[^nosuch]' is never defined: add a paragraph '[^nosuch]: …'",
            "paper/index.md:7:1: error: footnote '[^unused]' is never referred to: write '[^unused]' where it belongs, or remove it",
            "paper/index.md:8:1: error: footnote '[^x]' is defined twice (first at line 6)",
        ])
    }

    // MARK: Admonitions

    @Test func admonitionsInBothFencesWithTitles() async throws {
        let (html, errors) = try await build("""
        :::{note} Read *this*
        A note with {value}`answer` and a list:

        - one
        :::

        ```{warning}
        Careful.
        ```

        ::::{tip}
        :::{caution}
        Nested.
        :::
        ::::
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<div class=\"admonition note\" role=\"note\">\n<p class=\"admonition-title\">Read <em>this</em></p>\n<p>A note with <span class=\"value\""))
        #expect(html.contains("<li>one</li>"))
        #expect(html.contains("<div class=\"admonition warning\" role=\"note\">\n<p class=\"admonition-title\">Warning</p>\n<p>Careful.</p>"))
        #expect(html.contains("<p class=\"admonition-title\">Tip</p>\n<div class=\"admonition caution\" role=\"note\">"))
        #expect(!html.contains(":::"))
    }

    @Test func unknownDirectiveListsTheDirectives() async throws {
        let (_, errors) = try await build(":::{notte}\nText.\n:::\n")
        #expect(errors == ["paper/index.md:4:1: error: unknown directive '{notte}'; did you mean 'note'? (directives: {figure}, {table}, {claim}, {math}, {note}, {tip}, {important}, {warning}, {caution})"])
    }

    @Test func unclosedColonFence() async throws {
        let (_, errors) = try await build("Text.\n\n:::{note}\nNever closed.\n")
        #expect(errors == ["paper/index.md:6:1: error: code fence opened here is never closed: add a line ':::'"])
    }

    // MARK: Smart punctuation, strikethrough, task lists, autolinks

    @Test func smartPunctuationButNotInCode() async throws {
        let (html, errors) = try await build("It's \"quoted\" -- and --- so... `\"x\" -- y`\n\n```\n\"code\" --\n```\n")
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<p>It’s “quoted” – and — so… <code>&quot;x&quot; -- y</code></p>"))
        #expect(html.contains("<pre><code>&quot;code&quot; --\n</code></pre>"))
    }

    @Test func strikethroughTaskListsAndAutolinks() async throws {
        let (html, errors) = try await build("""
        ~~gone~~ and ~~*also*~~ but not ~~~three~~~.

        - [ ] to do
        - [x] done

        See https://example.org/a_(b), www.example.com. and write to me@example.org. Not `https://code.org`.
        """)
        #expect(errors.isEmpty, "\(errors)")
        #expect(html.contains("<del>gone</del> and <del><em>also</em></del> but not ~~~three~~~."))
        #expect(html.contains("<li><input type=\"checkbox\" class=\"task\" disabled> to do</li>"))
        #expect(html.contains("<li><input type=\"checkbox\" class=\"task\" checked disabled> done</li>"))
        #expect(html.contains("<a href=\"https://example.org/a_(b)\">https://example.org/a_(b)</a>,"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>."))
        #expect(html.contains("<a href=\"mailto:me@example.org\">me@example.org</a>."))
        #expect(html.contains("<code>https://code.org</code>"))
    }

    // MARK: Citations

    @Test func narrativeGroupedAndCompressedCitations() async throws {
        let (rendered, errors) = try await build("""
        As @he2016 showed [see @he2016, p. 3; @simonyan2014]. Others [@a4; @a2; @a1; @a3] and
        @simonyan2014 [ch. 2]; mail me@he2016.org; @nobody stays.
        """)
        #expect(errors.isEmpty, "\(errors)")
        // Each number links its entry and previews it (issue 14); the markup below is without the previews.
        #expect(rendered.contains("<a href=\"#ref-he2016\" data-preview=\"[1] "))
        let html = rendered.replacingOccurrences(of: #" data-preview="[^"]*""#, with: "", options: .regularExpression)
        #expect(html.contains("As <span class=\"citation narrative\">He et al. [<a href=\"#ref-he2016\">1</a>]</span> showed"))
        #expect(html.contains("<span class=\"citation\">[see <a href=\"#ref-he2016\">1</a>, p. 3; <a href=\"#ref-simonyan2014\">2</a>]</span>"))
        #expect(html.contains("<span class=\"citation\">[<a href=\"#ref-a1\">5</a>–<a href=\"#ref-a3\">7</a>]</span>") == false)
        #expect(html.contains("[<a href=\"#ref-a4\">3</a>–<a href=\"#ref-a3\">6</a>]"))
        #expect(html.contains("<span class=\"citation narrative\">Simonyan and Zisserman [<a href=\"#ref-simonyan2014\">2</a>, ch. 2]</span>"))
        #expect(html.contains("@nobody stays"))
    }

    // MARK: Links

    @Test func deadRelativeLinksAreLocatedErrors() async throws {
        let (_, errors) = try await build("""
        ## Here {#sec-here}

        [ok](#sec-here) [ok](other.html#sec-there) [bad](other.html#sec-nosuch) [bad](nosuch.html)
        [bad](#nowhere) [md](other.md) [ext](https://example.org/nosuch.html)
        """, pages: ["other.md": page("## There {#sec-there}\n\nText.\n", title: "Other")])
        #expect(errors == [
            "paper/index.md:6:44: error: link to '#sec-nosuch', which is not an anchor in other.html",
            "paper/index.md:6:73: error: link to 'nosuch.html', which is not in the built paper",
            "paper/index.md:7:1: error: link to '#nowhere', which is not an anchor in index.html",
            "paper/index.md:7:17: error: link to 'other.md': link to the built page instead, 'other.html'",
        ])
    }

    // MARK: No silent leftovers

    @Test func leftoversAreLocatedWarningsAndStrictMakesThemErrors() async throws {
        let body = "We count {value}answer and {value} `answer`, see@he2016, and $$ x.\n\nFine: {value}`answer` and @he2016.\n"
        let project = try TempProject(pages: ["index.md": page(body)], files: ["data/x.txt": "3\n", "references.bib": Self.bibliography])
        defer { project.remove() }
        let report = try await project.build()
        #expect(report.warnings.map { $0.formatted(root: "paper") } == [
            "paper/index.md:4:10: warning: '{value}' is followed by text, not a code span, so it shows as written: put the key in backticks, {value}`key`",
            "paper/index.md:4:28: warning: '{value}' is followed by text, not a code span, so it shows as written: remove the space before the code span",
            "paper/index.md:4:49: warning: '@he2016' names a reference but is not read as a citation (an '@' right after a letter or digit is not); write it after a space, or as [@he2016]",
            "paper/index.md:4:62: warning: '$$' opens display math that is never closed in this paragraph; close it with '$$' or write '\\$\\$'",
        ])
        // --strict: the same four as errors, and the output folder left as it was.
        let before = project.snapshot()
        var options = project.options()
        options.strict = true
        await #expect(throws: BuildFailure.self) { try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build() }
        do {
            _ = try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build()
        } catch {
            #expect(error.diagnostics.count == 4 && error.diagnostics.allSatisfy { $0.severity == .error })
        }
        #expect(project.snapshot() == before)
    }

    /// `make test` builds our own paper with `--strict`: no warning may creep in.
    @Test func ourPaperBuildsWithStrict() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-strict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let paper = ReliabilityPaths.repository.appendingPathComponent("paper")
        let run = try runReport(["build", "--strict", "--paper", paper.path, "--out", root.appendingPathComponent("site").path],
                                in: root, timeout: 300)
        #expect(run.status == 0, "\(run.stderr.prefix(3000))")
        #expect(!run.stderr.contains("warning:"), "\(run.stderr.prefix(3000))")

        // Every phone drawing is declared with its own size (they grow with their
        // content), so the page reserves the right space before the image loads.
        let site = root.appendingPathComponent("site")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: site.path) where name.hasSuffix(".html") {
            let html = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            for match in html.matches(of: /srcset="(figures\/[^"]+\.narrow(?:-dark)?\.svg)" width="(\d+)" height="(\d+)"/) {
                let svg = try String(contentsOf: site.appendingPathComponent(String(match.output.1)), encoding: .utf8)
                #expect(svg.prefix(600).contains("viewBox=\"0 0 \(match.output.2) \(match.output.3)\""), "\(name): \(match.output.1)")
                checked += 1
            }
        }
        #expect(checked >= 20, "only \(checked) phone drawings found")
    }

    // MARK: Titles and paper structure

    @Test func aValueInTheTitleWorksEverywhereTheTitleAppears() async throws {
        let project = try TempProject(pages: [
            "index.md": "---\ntitle: \"All {value}`answer` networks\"\n---\nText.\n",
            "more.md": "---\ntitle: More\n---\nText.\n",
        ])
        defer { project.remove() }
        _ = try await project.build()
        let index = try project.read("index.html"), more = try project.read("more.html")
        #expect(index.contains("<title>All forty-two networks</title>"))
        #expect(index.contains("<h1>All <span class=\"value\" title=\"answer = 42\">forty-two</span> networks</h1>"))
        #expect(more.contains("<title>More — All forty-two networks</title>"))
        #expect(more.contains("class=\"site-title\" href=\"index.html\">All <span class=\"value\""))
        #expect(!index.contains("{value}") && !more.contains("{value}"))
    }

    /// Math in a title is MathML in headings; in `<title>` it is the formula's text, not
    /// its text followed by the TeX source the MathML keeps for copying.
    @Test func mathInATitleIsItsTextInTheWindowTitle() async throws {
        let project = try TempProject(pages: ["index.md": "---\ntitle: 'Trying $\\alpha$ things'\n---\nText.\n"])
        defer { project.remove() }
        _ = try await project.build()
        let index = try project.read("index.html")
        #expect(index.contains("<title>Trying α things</title>"), "\(index.prefix(600))")
        #expect(index.contains("<h1>Trying <math"))
    }

    @Test func aPageWithoutFrontMatterTakesItsTitleFromItsHeadingOnce() async throws {
        let project = try TempProject(pages: ["index.md": "# Hello *world*\n\nText.\n", "notes.md": "Just text.\n"])
        defer { project.remove() }
        let report = try await project.build()
        let index = try project.read("index.html")
        #expect(index.contains("<title>Hello world</title>"))
        #expect(index.contains("<h1>Hello <em>world</em></h1>"))
        #expect(index.components(separatedBy: "Hello <em>world</em>").count == 3, "once in the title block, once in the site title")
        let notes = try project.read("notes.html")
        #expect(notes.contains("<title>Notes — Hello world</title>"))
        #expect(report.warnings.map { $0.formatted(root: "paper") } == [
            "paper/notes.md:1:1: warning: page has no title: add 'title:' to its front matter or start it with a '# Heading'; it is called 'Notes'",
        ])
    }

    @Test func aPageInASubfolderWithoutAProjectFileIsAnError() async throws {
        let project = try TempProject(pages: ["index.md": page("Text.\n"), "chapters/ch1.md": page("Chapter.\n")])
        defer { project.remove() }
        #expect(await project.failures() == [
            "paper/chapters/ch1.md:1:1: error: page in a subfolder is not part of the paper: list it under 'pages:' in paper/report.yaml (with the other pages, in reading order), or move it up into paper/",
        ])
    }

    @Test func theProjectFileOrdersPagesIncludingSubfoldersAndNamesThePaper() async throws {
        let project = try TempProject(pages: [
            "index.md": page("See [chapter one](chapters-ch1.html#sec-one).\n", title: "Start"),
            "chapters/ch1.md": page("## One {#sec-one}\n\nBack to [the start](index.html).\n", title: "Chapter one"),
            "appendix.md": page("Appendix.\n", title: "Appendix"),
        ])
        defer { project.remove() }
        try project.write("report.yaml", """
        title: The Whole Paper
        authors:
          - name: A. Author
            affiliation: Somewhere
        date: 2026-12-02
        license: CC-BY-4.0
        repository: https://example.org/paper
        pages:
          - index.md
          - chapters/ch1.md
        """)
        let report = try await project.build()
        #expect(report.warnings.map { $0.formatted(root: "paper") } == [
            "paper/appendix.md:1:1: warning: 'appendix.md' is not listed under 'pages:' in report.yaml, so it is not built",
        ])
        let index = try project.read("index.html")
        #expect(index.contains("<title>The Whole Paper</title>"))
        #expect(index.contains("<span class=\"author\">A. Author</span>"))
        #expect(index.contains("Licence: CC-BY-4.0."))
        #expect(index.contains("<a href=\"https://example.org/paper\">Source code and data</a>"))
        #expect(index.contains("<a class=\"next\" href=\"chapters-ch1.html\">Chapter one →</a>"))
        let chapter = try project.read("chapters-ch1.html")
        #expect(chapter.contains("<title>Chapter one — The Whole Paper</title>"))
        #expect(!FileManager.default.fileExists(atPath: project.out.appendingPathComponent("appendix.html").path))
    }

    @Test func projectFileMistakes() async throws {
        let project = try TempProject(pages: ["index.md": page("Text.\n")])
        defer { project.remove() }
        try project.write("report.yaml", "titel: X\npages:\n  - index.md\n  - nosuch.md\n  - ../up.md\n")
        #expect(await project.failures() == [
            "paper/report.yaml:1:1: warning: unknown key 'titel' in report.yaml; did you mean 'title'?",
            "paper/report.yaml:4:5: error: page 'nosuch.md' listed in report.yaml does not exist",
            "paper/report.yaml:5:5: error: each page in report.yaml is a .md file inside the paper folder, e.g. 'chapters/ch1.md'",
        ])
    }
}

