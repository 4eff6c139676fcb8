import Foundation
import Testing
import TestSupport
@testable import Report

/// A page whose source is unchanged is taken from the last build without asking its
/// questions again when nothing any answer reads has changed (`PageRecord.context`).
/// These tests check both halves: that the shortcut is taken, and that no edit of
/// anything another page can read ever leaves a page stale because of it.
@Suite struct RenderContextTests {
    static func kept(_ report: BuildReport) -> (unasked: Int, asked: Int)? {
        for event in report.log { if case .pagesKept(let unasked, let asked) = event { return (unasked, asked) } }
        return nil
    }

    @Test func aSentenceEditAsksNoQuestionsOfOtherPages() async throws {
        let staleness = StalenessTests()
        let project = try staleness.pagesProject()
        defer { project.remove() }
        try await staleness.expectFresh(project, "the first build")
        let quiet = StalenessTests.pages["quiet.md"]!

        try project.write("quiet.md", quiet.replacingOccurrences(of: "A sentence", with: "One sentence"))
        let sentence = try #require(Self.kept(try await staleness.expectFresh(project, "a one-sentence edit")))
        #expect(sentence.unasked == 3 && sentence.asked == 0)

        // A new heading is something other pages read (the contents): the three other
        // pages' questions are asked again, and get the same answers.
        try project.write("quiet.md", quiet + "\n## Another heading\n\nMore.\n")
        let heading = try #require(Self.kept(try await staleness.expectFresh(project, "a heading added")))
        #expect(heading.unasked == 0 && heading.asked == 2)
        #expect(StalenessTests.pagesRendered(try await project.build()).rendered.isEmpty)

        // Their records now hold for the new context: the next sentence asks nothing again.
        try project.write("quiet.md", quiet + "\n## Another heading\n\nMore words.\n")
        let again = try #require(Self.kept(try await staleness.expectFresh(project, "a sentence after the heading")))
        #expect(again.unasked == 3 && again.asked == 0)
    }

    /// A page record reads back as written, with or without questions, and no prefix of
    /// one traps (a build killed while writing leaves one).
    @Test func pageRecordsReadBack() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<40 {
            let questions = (0..<Int.random(in: 0...6, using: &generator)).map { i in
                ["pages", "target\tfig-\(i)", "heading\tindex.md\t\(i)\t1", "preview\tfig-é\(i)"][Int.random(in: 0...3, using: &generator)]
            }
            let record = PageRecord(key: sha256Hex("k"), html: sha256Hex("h"), answers: sha256Hex("a"),
                                    context: Bool.random(using: &generator) ? sha256Hex("c") : nil, questions: questions,
                                    scan: (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let bytes = record.encoded
            let read = try #require(PageRecord(bytes))
            #expect(read == record)
            #expect(read.questions == questions)
            for cut in 0..<bytes.count { _ = PageRecord(Array(bytes[..<cut])) }
        }
    }

    /// Everything one page can show of another, each with a few variants; the paper is
    /// written from a choice of variants, so that every edit leaves a paper that builds.
    struct Paper {
        var figuresBefore = 0          // figures inserted before fig-bars: renumbers it
        var caption = 0                // fig-bars' caption (its preview on the pointer page)
        var heading = 0                // the index's section (the contents, a section's preview)
        var quietTitle = 0             // how the quiet page is titled (the page list)
        var footnote = 0               // the footnote in the quiet page's title
        var sentence = 0               // prose that no other page shows
        var citation = 0               // what the pointer page cites (numbering, references)
        var bib = 0
        var data = 3
        var pointerLast = false        // reading order
        var extraPage = false          // a page with a figure before the others
        var projectTitle = 0
        var authorTableFirst = false   // numbering by place alone (author table, computed table)
        var indexProse = 0             // a paragraph of the first page's that nothing shows elsewhere
        var shift = 0                  // lines and words before what other pages show: where, not what

        static let captions = ["Bars.", "Bars of {value}`data.x`.", "Bars, as in @sec-start.", "Bars [@knuth1984].", "Bars *emphasised*."]
        static let headings = ["## Start {#sec-start}", "## Beginning {#sec-start}", "## Start *now* {#sec-start}", "### Start {#sec-start}"]
        static let citations = ["", " [@knuth1984]", " [@lamport1994]", " @lamport1994 says so."]

        var files: [String: String] {
            let figure = "```{figure} bars\n:label: fig-bars\n:alt: Bars.\n\(Self.captions[caption])\n```\n"
            let before = (0..<figuresBefore).map { "```{figure} bars\n:label: fig-before-\($0)\n:alt: Before.\nBefore \($0).\n```\n\n" }.joined()
            let author = ":::{table} The author's table.\n:label: tbl-author\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n"
            let computed = "```{table} items\n:label: tbl-items\nThe computed table.\n```\n"
            let tables = authorTableFirst ? author + "\n" + computed : computed + "\n" + author
            let quietHead: String
            switch quietTitle {
            case 0: quietHead = "---\ntitle: Quiet\norder: 4\n---\n\n## Quiet\n"
            case 1: quietHead = "---\ntitle: Quiet *and still*\norder: 4\n---\n\n## Quiet\n"
            case 2: quietHead = "---\norder: 4\n---\n\n# Quiet [page](https://example.com/a)\n"
            case 3: quietHead = "---\norder: 4\n---\n\n# Quiet [page](https://example.com/b)\n"
            case 4: quietHead = "---\norder: 4\n---\n\n# *Quiet* page\n"
            default: quietHead = "---\ntitle: Quiet[^q]\norder: 4\n---\n\n## Quiet\n"
            }
            var files = [
                "index.md": "---\ntitle: Pages\norder: 1\n---\n\n"
                    // A paragraph a line longer each time: everything after it moves down.
                    + (0...indexProse).map { "Prose line \($0) that no other page shows." }.joined(separator: "\n")
                    + "\n\n\(Self.headings[heading])\n\nThe value is {value}`data.x`, as [@knuth1984] says.\n",
                "figures.md": "---\ntitle: Figures\norder: 2\n---\n\n## Figures\n\n"
                    + String(repeating: "A line before the figures.\n\n", count: shift) + "\(before)\(figure)\n\(tables)\nSee @tbl-items and @tbl-author.\n",
                "pointer.md": "---\ntitle: Pointer\norder: \(pointerLast ? 5 : 3)\n---\n\n## Pointing\n\n\(String(repeating: "Indeed, ", count: shift))see @fig-bars, @tbl-author and @sec-start.\(Self.citations[citation])\n",
                "quiet.md": quietHead + "\nA sentence about nothing else\(String(repeating: " and more", count: sentence))"
                    + (quietTitle == 5 ? ".\n" : ".[^q]\n")
                    + "\n[^q]: The title's note, version \(footnote).\n",
                "references.bib": "@book{knuth1984, author = {Knuth, Donald E.}, title = {The Book \(bib)}, year = 1984}\n"
                    + "@book{lamport1994, author = {Lamport, Leslie}, title = {LaTeX}, year = 1994}\n",
                "data/x.txt": "\(data)\n",
            ]
            if extraPage { files["extra.md"] = "---\ntitle: Extra\norder: 0\n---\n\n## Extra\n\n```{figure} bars\n:label: fig-extra\n:alt: Extra.\nExtra.\n```\n" }
            if projectTitle > 0 { files["report.yaml"] = "title: The Paper \(projectTitle)\n" }
            return files
        }

        /// The kinds of edit `edit(_:)` makes, and how many of each go round all their variants.
        static let edits = [3, 5, 4, 6, 1, 1, 4, 1, 1, 2, 2, 3, 2, 3]

        /// An edit of kind `kind`: the name of what changed.
        mutating func edit(_ kind: Int) -> String {
            switch kind {
            case 0: figuresBefore = (figuresBefore + 1) % 3; return "figures before fig-bars: \(figuresBefore)"
            case 1: caption = (caption + 1) % Self.captions.count; return "caption \(caption)"
            case 2: heading = (heading + 1) % Self.headings.count; return "heading \(heading)"
            case 3: quietTitle = (quietTitle + 1) % 6; return "quiet title \(quietTitle)"
            case 4: footnote += 1; return "footnote \(footnote)"
            case 5: sentence += 1; return "sentence \(sentence)"
            case 6: citation = (citation + 1) % Self.citations.count; return "citation \(citation)"
            case 7: bib += 1; return "bibliography \(bib)"
            case 8: data += 1; return "data \(data)"
            case 9: pointerLast.toggle(); return "pointer last: \(pointerLast)"
            case 10: extraPage.toggle(); return "extra page: \(extraPage)"
            case 11: projectTitle = (projectTitle + 1) % 3; return "project title \(projectTitle)"
            case 12: authorTableFirst.toggle(); return "author table first: \(authorTableFirst)"
            default: shift = (shift + 1) % 3; return "shifted by \(shift)"
            }
        }
    }

    /// Writes the files of `new` that differ from `old`, and removes those it lacks.
    static func write(_ new: [String: String], over old: [String: String], in project: TempProject) throws {
        for (name, text) in new where old[name] != text { try project.write(name, text) }
        for name in old.keys where new[name] == nil {
            try FileManager.default.removeItem(at: project.paper.appendingPathComponent(name))
        }
    }

    /// Every variant of everything one page shows of another, in turn: after each edit
    /// the build writes what a build from nothing writes.
    @Test func everyEditOfWhatPagesShowOfEachOtherIsBuilt() async throws {
        var paper = Paper()
        let project = try TempProject(pages: [:], files: paper.files)
        defer { project.remove() }
        let staleness = StalenessTests()
        try await staleness.expectFresh(project, "the first build")
        for (kind, count) in Paper.edits.enumerated() {
            for _ in 0..<count {
                let old = paper.files
                let what = paper.edit(kind)
                let new = paper.files
                try Self.write(new, over: old, in: project)
                try await staleness.expectFresh(project, Comment(rawValue: what))
            }
        }
    }

    /// Random edits of what pages show of each other, one or two at a time: after each,
    /// the build that takes pages from the last one writes what a build from nothing
    /// writes. After each, a sentence of the first page is edited: every other page is
    /// taken from the last build without asking its questions again, whatever the
    /// edits before were. (The seed is in every failure's message.)
    @Test(arguments: [UInt64(20261202), 7, 42])
    func randomEditsNeverLeaveAStalePage(seed: UInt64) async throws {
        var paper = Paper()
        let before = paper.files
        let project = try TempProject(pages: [:], files: before)
        defer { project.remove() }
        let staleness = StalenessTests()
        try await staleness.expectFresh(project, "the first build (seed \(seed))")
        var generator = SeededGenerator(seed: seed)
        for round in 1...6 {
            let old = paper.files
            var edits = [paper.edit(Int.random(in: 0..<Paper.edits.count, using: &generator))]
            if Bool.random(using: &generator) { edits.append(paper.edit(Int.random(in: 0..<Paper.edits.count, using: &generator))) }
            let new = paper.files
            try Self.write(new, over: old, in: project)
            let what = "round \(round) of seed \(seed): \(edits.joined(separator: ", "))"
            try await staleness.expectFresh(project, Comment(rawValue: what))

            paper.indexProse += 1
            try project.write("index.md", paper.files["index.md"]!)
            let report = try await staleness.expectFresh(project, Comment(rawValue: what + ", then a sentence"))
            let pages = paper.files.keys.filter { $0.hasSuffix(".md") }.count
            #expect(Self.kept(report).map { $0.unasked == pages - 1 && $0.asked == 0 } == true, Comment(rawValue: what))
        }
    }
}
