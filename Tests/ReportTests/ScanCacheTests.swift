import Foundation
import Testing
import TestSupport
@testable import Report

/// The scan cache (`ScanRecord`): a build parses only the pages changed since the last
/// build and the pages it renders again; every other page is read from its record, and
/// the build is the same as one from nothing (`StalenessTests.expectFresh` compares).
@Suite struct ScanCacheTests {
    let staleness = StalenessTests()

    /// The pages a build parsed, and how many scans it took from the last build.
    static func parsed(_ report: BuildReport) -> (pages: Set<String>, taken: Int)? {
        for event in report.log {
            if case .parsed(let pages, let taken) = event { return (Set(pages), taken) }
        }
        return nil
    }

    @Test func onlyChangedAndRenderedPagesAreParsed() async throws {
        let project = try staleness.pagesProject()
        defer { project.remove() }
        let first = try #require(Self.parsed(try await staleness.expectFresh(project, "the first build")))
        #expect(first.pages == Set(StalenessTests.pages.keys) && first.taken == 0)

        // One sentence: that page is parsed; the three others are not.
        try project.write("quiet.md", StalenessTests.pages["quiet.md"]!.replacingOccurrences(of: "A sentence", with: "One sentence"))
        let sentence = try #require(Self.parsed(try await staleness.expectFresh(project, "a one-sentence edit")))
        #expect(sentence.pages == ["quiet.md"] && sentence.taken == 3)

        // A renumbering edit: the edited page, and the page that shows the new number,
        // which is rendered again and so parsed from its (unchanged) source.
        try project.write("figures.md", StalenessTests.pages["figures.md"]!.replacingOccurrences(
            of: "## Figures\n", with: "## Figures\n\n```{figure} bars\n:label: fig-zero\n:alt: Zero.\nZero.\n```\n"))
        let renumbered = try #require(Self.parsed(try await staleness.expectFresh(project, "a renumbering edit")))
        #expect(renumbered.pages == ["figures.md", "pointer.md"] && renumbered.taken == 3)
        #expect(try project.read("pointer.html").contains(">Figure 2</a>"))

        // Without the cache, every page is parsed.
        let uncached = try #require(Self.parsed(try await project.build(cache: false)))
        #expect(uncached.pages.count == 4 && uncached.taken == 0)
    }

    /// A page's warnings come from its record when it is not parsed: the same warnings,
    /// in the same order; a leftover `@key` is judged against this build's bibliography.
    @Test func warningsOfPagesNotParsedAreReportedAgain() async throws {
        var pages = StalenessTests.pages
        pages["warned.md"] = "---\ntitle: Warned\norder: 3\n---\n\n## Warned\n\nAs written by see@knuth1984, the value {value}data.x shows as written.\n\nAnd $$ x opens display math.\n"
        let project = try TempProject(pages: pages, files: ["data/x.txt": "3\n", "references.bib": StalenessTests.bib])
        defer { project.remove() }
        let first = try await project.build()
        let messages = first.warnings.map { "\($0.location.map { "\($0.file):\($0.line):\($0.column)" } ?? ""): \($0.message)" }
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("warned.md:8:") && $0.contains("'@knuth1984' names a reference") })

        try project.write("quiet.md", StalenessTests.pages["quiet.md"]! + "\nMore.\n")
        let second = try await project.build()
        #expect(Self.parsed(second)?.pages == ["quiet.md"])
        #expect(second.warnings == first.warnings)

        // The key is gone from the bibliography: `see@knuth1984` is no leftover any more,
        // although the page that writes it is not parsed. (The page that cites it must
        // now fail, so it cites nothing.)
        try project.write("index.md", StalenessTests.pages["index.md"]!.replacingOccurrences(of: ", as [@knuth1984] says", with: ""))
        try project.write("references.bib", "@book{other2000, author = {Other, A.}, title = {T}, year = 2000}\n")
        let third = try await project.build()
        #expect(Self.parsed(third)?.pages.contains("warned.md") == false)
        #expect(third.warnings.count == 2)
        #expect(!third.warnings.contains { $0.message.contains("knuth1984") })
    }

    /// A record whose scan does not read back is no record: the page is parsed and the
    /// build is what a build from nothing writes.
    @Test func aDamagedScanIsParsedAgain() async throws {
        let project = try staleness.pagesProject()
        defer { project.remove() }
        try await staleness.expectFresh(project, "the first build")
        let url = PageRecord.url(in: project.out.appendingPathComponent(ResultCache.folderName), page: "pointer.md")
        var record = try #require(PageRecord([UInt8](try Data(contentsOf: url))))
        #expect(!record.scan.isEmpty)
        record.scan = Array(record.scan.prefix(record.scan.count / 2))
        // Replaced, not written in place: the record may be linked from elsewhere.
        try FileManager.default.removeItem(at: url)
        try Data(record.encoded).write(to: url)
        try project.write("quiet.md", StalenessTests.pages["quiet.md"]! + "\nMore.\n")
        let report = try await staleness.expectFresh(project, "a build over a damaged scan")
        #expect(Self.parsed(report)?.pages == ["quiet.md", "pointer.md"])
        // That build kept the page but renewed its record: the next one reads it.
        try project.write("quiet.md", StalenessTests.pages["quiet.md"]! + "\nMore still.\n")
        let next = try await staleness.expectFresh(project, "the build after")
        #expect(Self.parsed(next)?.pages == ["quiet.md"])
    }

    /// Every record of a paper reads back as written; bytes changed at random read back
    /// as no record or as a record that itself reads back as written, and never trap.
    @Test func scanRecordsReadBackAndDamageIsCaught() async throws {
        var pages = StalenessTests.pages
        pages["rich.md"] = """
        ---
        title: "Rich *page* {value}`data.x`"
        order: 6
        abstract: |
          An abstract with {value}`data.x` and @fig-bars.
        ---

        ## Rich {#sec-rich}

        Text[^n] with a [link](index.html#sec-start), ![an image](img/a.svg), $x^2$ and `code`.

        [^n]: A note citing [see @knuth1984, p. 3].

        ```{math}
        :label: eq-rich
        E = mc^2
        ```

        ```{figure} bars
        :label: fig-rich
        :alt: Bars.
        A caption with {value}`data.x`, @fig-bars and [@knuth1984].

        Second paragraph.
        ```

        :::{note}
        An admonition with {value}`data.x`.
        :::
        """
        let project = try TempProject(pages: pages, files: ["data/x.txt": "3\n", "references.bib": StalenessTests.bib,
                                                            "img/a.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n"])
        defer { project.remove() }
        _ = try await project.build()
        var generator = SeededGenerator(seed: 0x5CA7)
        for file in pages.keys.sorted() {
            let url = PageRecord.url(in: project.out.appendingPathComponent(ResultCache.folderName), page: file)
            let bytes = try #require(PageRecord([UInt8](try Data(contentsOf: url)))).scan
            let record = try #require(ScanRecord(archived: bytes[...], file: file), "\(file)")
            #expect(record.archived(file: file) == bytes, "\(file)")
            if file == "rich.md" {
                #expect(record.fragments.count >= 5)   // title, abstract, body, caption, note, admonition
                #expect(record.blocks.map(\.kind.name) == ["math", "figure"])
                #expect(record.blocks[1].caption?.preview.isEmpty == false)
                #expect(record.fragments.flatMap(\.values).count == 4)
                #expect(record.fragments.flatMap(\.images).map(\.url) == ["img/a.svg"])
                #expect(record.fragments.flatMap(\.links).map(\.url) == ["index.html#sec-start"])
            }
            for round in 0..<300 {
                var damaged = bytes
                switch round % 3 {
                case 0: damaged = Array(damaged.prefix(Int.random(in: 0..<damaged.count, using: &generator)))
                case 1: damaged[Int.random(in: 0..<damaged.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
                default: damaged.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...damaged.count, using: &generator))
                }
                if let read = ScanRecord(archived: damaged[...], file: file) {
                    let again = read.archived(file: file)
                    #expect(ScanRecord(archived: again[...], file: file)?.archived(file: file) == again)
                }
            }
        }
    }

    /// A title that is Markdown alone is kept rendered in its page's record (every page
    /// list shows it); one with a value in it is rendered in each build. Either way the
    /// pages equal a build from nothing, whether the titled page was parsed or not.
    @Test func fixedTitlesAreKeptRendered() async throws {
        var pages = StalenessTests.pages
        pages["figures.md"] = pages["figures.md"]!.replacingOccurrences(of: "title: Figures", with: "title: \"The *figures*, ~~old~~ and 'new'\"")
        pages["quiet.md"] = pages["quiet.md"]!.replacingOccurrences(of: "title: Quiet", with: "title: \"Quiet at {value}`data.x`\"")
        let project = try TempProject(pages: pages, files: ["data/x.txt": "3\n", "references.bib": StalenessTests.bib])
        defer { project.remove() }
        try await staleness.expectFresh(project, "the first build")
        let cache = project.out.appendingPathComponent(ResultCache.folderName)
        func record(_ file: String) throws -> ScanRecord? {
            let bytes = try #require(PageRecord([UInt8](try Data(contentsOf: PageRecord.url(in: cache, page: file))))).scan
            return ScanRecord(archived: bytes[...], file: file)
        }
        #expect(try record("figures.md")?.titleHTML == "The <em>figures</em>, <del>old</del> and ‘new’")
        #expect(try record("quiet.md")?.titleHTML == nil)
        #expect(try record("figures.md") != nil && record("quiet.md") != nil)
        // A page that shows the titles, rendered again without parsing the titled pages.
        try project.write("index.md", StalenessTests.pages["index.md"]! + "\nMore.\n")
        let report = try await staleness.expectFresh(project, "a build that takes the titles from the records")
        #expect(Self.parsed(report)?.pages == ["index.md"])
        let index = try project.read("index.html")
        #expect(index.contains("The <em>figures</em>, <del>old</del> and ‘new’"))
        #expect(index.contains("Quiet at <span class=\"value\""))
    }
}
