import Foundation
import Synchronization
import NotebookInterface
import Testing
@testable import Report

/// "Never stale": after any change to any input, a build that reuses the cache and the
/// last output writes exactly what a build from nothing writes. One test per kind of
/// input: a page, the bibliography, a data file the notebook read, a local image, the
/// notebook's code (fingerprint), and the environment (SOURCE_DATE_EPOCH) through the
/// rebuild loop of `watch` and `serve`.
@Suite struct StalenessTests {
    static let index = """
    ---
    title: Stale?
    date: 2026-11-29
    ---

    ## Start {#sec-start}

    Data: {value}`data.x`, and {value}`pointed`; see @fig-bars and [@knuth1984]. ![sketch](img/sketch.svg)

    ```{figure} bars
    :label: fig-bars
    :alt: Bars.
    Bars of {value}`data.x`.
    ```

    ```{claim} x-positive
    x is positive.
    ```
    """
    static let bib = "@book{knuth1984, author = {Knuth, Donald E.}, title = {The Book}, year = 1984}\n"

    func project() throws -> TempProject {
        try TempProject(pages: ["index.md": Self.index],
                        files: ["data/x.txt": "3\n", "references.bib": Self.bib,
                                "data/pointer.txt": "data/a.txt\n", "data/a.txt": "alpha\n", "data/b.txt": "beta\n",
                                "img/sketch.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n"])
    }

    /// Every file under `folder` but the cache, with its bytes.
    static func files(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(item)
            if !item.hasPrefix(".cache"), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
               !isDirectory.boolValue {
                files[item] = try? Data(contentsOf: url)
            }
        }
        return files
    }

    /// Builds into the project's output (reusing its cache), then from nothing into
    /// another folder, and expects the same files; returns the first build's report.
    @discardableResult
    func expectFresh(_ project: TempProject, fingerprint: String = "fake-1", epoch: Int? = nil,
                     _ what: Comment) async throws -> BuildReport {
        var options = project.options()
        options.sourceDateEpoch = epoch
        let report = try await Builder(notebook: FakeNotebook(folder: project.paper, fingerprint: fingerprint), options: options).build()
        let fresh = project.root.appendingPathComponent("fresh-\(UUID().uuidString)")
        var freshOptions = options
        freshOptions.output = fresh
        freshOptions.useCache = false
        _ = try await Builder(notebook: FakeNotebook(folder: project.paper, fingerprint: fingerprint), options: freshOptions).build()
        let incremental = Self.files(project.out), scratch = Self.files(fresh)
        #expect(incremental.keys.sorted() == scratch.keys.sorted(), what)
        for (path, bytes) in scratch where incremental[path] != bytes {
            Issue.record("\(path) is stale after \(what)")
        }
        return report
    }

    @Test func everyInputKind() async throws {
        let project = try project()
        defer { project.remove() }
        try await expectFresh(project, "the first build")

        try project.write("index.md", Self.index.replacingOccurrences(of: "Data:", with: "The data:"))
        try await expectFresh(project, "a page edit")

        try project.write("references.bib", Self.bib.replacingOccurrences(of: "The Book", with: "The Other Book"))
        try await expectFresh(project, "a bibliography edit")

        // The project file (an edit of it once left the build "up to date", with the old title).
        try project.write("report.yaml", "title: A Titled Paper\n")
        try await expectFresh(project, "a project file added")
        try project.write("report.yaml", "title: A Retitled Paper\n")
        try await expectFresh(project, "a project file edit")
        // A page in a subfolder, which only the project file names (an edit of it once
        // left the build "up to date").
        try project.write("parts/more.md", "---\ntitle: More\n---\n\nFirst words.\n")
        try project.write("report.yaml", "title: A Retitled Paper\npages:\n  - index.md\n  - parts/more.md\n")
        try await expectFresh(project, "a page in a subfolder added")
        try project.write("parts/more.md", "---\ntitle: More\n---\n\nSecond words.\n")
        try await expectFresh(project, "an edit of a page in a subfolder")

        try project.write("data/x.txt", "7\n")
        let data = try await expectFresh(project, "a data file edit")
        #expect(data.computed > 0)

        try project.write("img/sketch.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>\n")
        try await expectFresh(project, "an image edit")

        // Files the notebook found only by reading another: nothing declared them.
        try project.write("data/a.txt", "alpha two\n")
        let pointed = try await expectFresh(project, "an edit of a file the notebook read but never declared")
        #expect(pointed.log.contains { if case .value(_, "pointed", .computed) = $0 { true } else { false } })
        try project.write("data/pointer.txt", "data/b.txt\n")
        try await expectFresh(project, "a retargeted pointer")
        try project.write("data/a.txt", "alpha three\n")
        let unread = try await expectFresh(project, "an edit of a file no result reads any more")
        #expect(unread.computed == 0)

        let code = try await expectFresh(project, fingerprint: "fake-2", "a new analysis")
        #expect(code.cached == 0)
    }

    /// A page saved while a build runs (as under `watch`): the build shows the page as it
    /// read it, and the next build must not take that build's record for the page as it
    /// is now (the record once hashed the page again when writing, and said "up to date").
    @Test func aPageSavedDuringABuildIsBuiltAgain() async throws {
        let project = try project()
        defer { project.remove() }
        let edited = Self.index.replacingOccurrences(of: "Data:", with: "Edited data:")
        let notebook = EditingNotebook(folder: project.paper) { try? project.write("index.md", edited) }
        _ = try await project.build(notebook)
        #expect(notebook.edited, "the page was not saved during the build")
        #expect(!(try project.read("index.html")).contains("Edited data:"))
        let next = try await expectFresh(project, "a page saved during the last build")
        #expect(next.wrote)
        #expect(try project.read("index.html").contains("Edited data:"))
    }

    /// `watch` started with one SOURCE_DATE_EPOCH, then again with another, must redraw
    /// the figures with the new date (it once said "0 computed" and kept the old PDFs).
    @Test func watchWithAChangedEnvironment() async throws {
        let project = try project()
        defer { project.remove() }
        func loop(_ epoch: Int) -> RebuildLoop {
            var options = project.options()
            options.sourceDateEpoch = epoch
            let paper = project.paper
            return RebuildLoop(options: options) { FakeNotebook(folder: paper) }
        }
        let first = await loop(1_464_048_000).build(changed: [], number: 1)
        #expect(first.succeeded)
        let pdf = try Data(contentsOf: project.out.appendingPathComponent("figures/fig-bars.pdf"))

        let second = await loop(1_764_633_600).build(changed: [], number: 1)
        guard case .built(let report) = second.outcome else { Issue.record("\(second.outcome)"); return }
        #expect(report.computed > 0 && report.wrote)
        #expect(try Data(contentsOf: project.out.appendingPathComponent("figures/fig-bars.pdf")) != pdf)
        try await expectFresh(project, epoch: 1_764_633_600, "a changed SOURCE_DATE_EPOCH")
    }

    // MARK: Pages taken from the last build

    /// Four pages: one that shows a value and cites, one with a figure another page
    /// points to, one that points to it, and one that shows nothing of the others.
    static let pages: [String: String] = [
        "index.md": "---\ntitle: Pages\norder: 1\n---\n\n## Start {#sec-start}\n\nThe value is {value}`data.x`, as [@knuth1984] says.\n",
        "figures.md": "---\ntitle: Figures\norder: 2\n---\n\n## Figures\n\n```{figure} bars\n:label: fig-bars\n:alt: Bars.\nBars.\n```\n",
        "pointer.md": "---\ntitle: Pointer\norder: 3\n---\n\n## Pointing\n\nSee @fig-bars.\n",
        "quiet.md": "---\ntitle: Quiet\norder: 4\n---\n\n## Quiet\n\nA sentence about nothing else.\n",
    ]

    func pagesProject() throws -> TempProject {
        try TempProject(pages: Self.pages, files: ["data/x.txt": "3\n", "references.bib": Self.bib])
    }

    /// The pages a build rendered, and the pages whose HTML changed.
    static func pagesRendered(_ report: BuildReport) -> (rendered: Set<String>, changed: Set<String>) {
        var rendered: Set<String> = [], changed: Set<String> = []
        for event in report.log {
            guard case .page(let file, let didChange, let didRender) = event else { continue }
            if didRender { rendered.insert(file) }
            if didChange { changed.insert(file) }
        }
        return (rendered, changed)
    }

    /// After each kind of edit, the build renders exactly the pages whose HTML changes
    /// (every other page is taken from the last build) and writes what a build from
    /// nothing writes.
    @Test func pagesRenderedAreThePagesThatChange() async throws {
        let project = try pagesProject()
        defer { project.remove() }
        let first = Self.pagesRendered(try await expectFresh(project, "the first build"))
        #expect(first.rendered == Set(Self.pages.keys))

        // One sentence of one page: that page only.
        try project.write("quiet.md", Self.pages["quiet.md"]!.replacingOccurrences(of: "A sentence", with: "One sentence"))
        let sentence = Self.pagesRendered(try await expectFresh(project, "a one-sentence edit"))
        #expect(sentence.rendered == ["quiet.md"])
        #expect(sentence.changed == ["quiet.md"])

        // A figure before fig-bars renumbers it: exactly its page and the page that points
        // to it show the new number (each page's input digest covers only what it shows).
        try project.write("figures.md", Self.pages["figures.md"]!.replacingOccurrences(
            of: "## Figures\n", with: "## Figures\n\n```{figure} bars\n:label: fig-zero\n:alt: Zero.\nZero.\n```\n"))
        let renumbered = Self.pagesRendered(try await expectFresh(project, "a renumbering edit"))
        #expect(renumbered.rendered == renumbered.changed)
        #expect(renumbered.rendered == ["figures.md", "pointer.md"])
        let pointer = try project.read("pointer.html")
        #expect(pointer.contains(">Figure 2</a>"))

        // A value a page shows.
        try project.write("data/x.txt", "9\n")
        let value = Self.pagesRendered(try await expectFresh(project, "a change of a value a page shows"))
        #expect(value.rendered == value.changed)
        #expect(value.rendered.contains("index.md"))
        #expect(try project.read("index.html").contains(">9.0</span>"))

        // The bibliography.
        try project.write("references.bib", Self.bib.replacingOccurrences(of: "The Book", with: "The Other Book"))
        let bibliography = Self.pagesRendered(try await expectFresh(project, "a bibliography edit"))
        #expect(bibliography.rendered == bibliography.changed)
        // The page that cites the entry, and the last page, which lists the references.
        #expect(bibliography.rendered == ["index.md", "quiet.md"])

        // Options: the date the pages show, and the version of report.
        let epoch = Self.pagesRendered(try await expectFresh(project, epoch: 1_764_633_600, "a change of SOURCE_DATE_EPOCH"))
        #expect(epoch.rendered == Set(Self.pages.keys))
        var options = project.options()
        options.sourceDateEpoch = 1_764_633_600
        options.reportVersion = "9.9.9"
        let version = Self.pagesRendered(try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build())
        #expect(version.rendered == Set(Self.pages.keys))
        #expect(try project.read("quiet.html").contains("report 9.9.9"))

        // Nothing changed but the build key: no page renders.
        try project.write("quiet.md", Self.pages["quiet.md"]! + "\n")
        options.reportVersion = "9.9.9"
        let blankLine = Self.pagesRendered(try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build())
        #expect(blankLine.rendered == ["quiet.md"])
    }

    /// The footer's input digest of a page.
    static func footerDigest(_ html: String) -> String? {
        guard let code = html.range(of: "Input digest <code"), let end = html[code.upperBound...].range(of: "</code>"),
              let open = html[code.upperBound..<end.lowerBound].lastIndex(of: ">") else { return nil }
        return String(html[html.index(after: open)..<end.lowerBound])
    }

    /// Each page's input digest covers what the page shows, not the whole paper's
    /// numbering: an edit that renumbers a figure changes the digest (and the file) of the
    /// pages that show the number and of no other; a label renamed on one page and in the
    /// page that points to it changes those two pages only.
    @Test func aPageDigestCoversWhatThePageShows() async throws {
        let project = try pagesProject()
        defer { project.remove() }
        try await expectFresh(project, "the first build")
        let before = try Dictionary(uniqueKeysWithValues: ["index", "figures", "pointer", "quiet"].map {
            ($0, try #require(Self.footerDigest(try project.read("\($0).html"))))
        })
        #expect(Set(before.values).count == 4)
        #expect(before.values.allSatisfy { $0.count == 16 && $0.allSatisfy(\.isHexDigit) })
        #expect(try project.read("figures.html").contains("Input digest \(before["figures"]!.prefix(12))."))   // the Cite box

        try project.write("figures.md", Self.pages["figures.md"]!.replacingOccurrences(
            of: "## Figures\n", with: "## Figures\n\n```{figure} bars\n:label: fig-zero\n:alt: Zero.\nZero.\n```\n"))
        try await expectFresh(project, "a renumbering edit")
        for page in ["index", "quiet"] {
            #expect(Self.footerDigest(try project.read("\(page).html")) == before[page], "\(page) shows no changed number")
        }
        for page in ["figures", "pointer"] {
            #expect(Self.footerDigest(try project.read("\(page).html")) != before[page], "\(page) shows a changed number")
        }

        // A label renamed where it is defined and where it is used: those two pages only.
        try project.write("figures.md", Self.pages["figures.md"]!.replacingOccurrences(of: "fig-bars", with: "fig-bars-renamed"))
        try project.write("pointer.md", Self.pages["pointer.md"]!.replacingOccurrences(of: "fig-bars", with: "fig-bars-renamed"))
        let renamed = Self.pagesRendered(try await expectFresh(project, "a renamed label"))
        #expect(renamed.rendered == ["figures.md", "pointer.md"])
        #expect(try project.read("pointer.html").contains("href=\"figures.html#fig-bars-renamed\""))
        #expect(try project.read("pointer.html").contains(">Figure 1</a>"))
    }

    /// A page's digest is written where the renderer left a mark that holds the digest of
    /// the page's own source; text of another page that looks like this page's mark is
    /// text, and no mark is left in any page.
    @Test func pageDigestMarksAreNeverTakenFromText() async throws {
        let project = try pagesProject()
        defer { project.remove() }
        let foreign = PageDigest.mark(16, source: sha256Hex(Array(Self.pages["figures.md"]!.utf8)))
        try project.write("quiet.md", Self.pages["quiet.md"]! + "\nA look-alike: \(foreign).\n")
        try await expectFresh(project, "a page quoting another page's mark")
        #expect(try project.read("quiet.html").contains("A look-alike: \(foreign)."))
        for page in ["index", "figures", "pointer", "quiet"] {
            let html = try project.read("\(page).html")
            #expect(html.components(separatedBy: "page-digest-").count == (page == "quiet" ? 2 : 1))
        }
    }

    /// A page's record that no longer matches what is on disk (a damaged record, or an
    /// output file changed by hand) is not trusted: the page is rendered again. A record
    /// is trusted without asking its questions only under the context it names: a
    /// damaged context, or an edit that changes the context, has them asked again.
    @Test func aDamagedPageRecordIsNotTrusted() async throws {
        let project = try pagesProject()
        defer { project.remove() }
        try await expectFresh(project, "the first build")
        let url = PageRecord.url(in: project.out.appendingPathComponent(".cache"), page: "pointer.md")
        /// The pointer page's record with one of its questions damaged (and its context).
        func damage(context: Bool) throws {
            var record = try #require(PageRecord([UInt8](try Data(contentsOf: url))))
            let question = try #require(record.questions.firstIndex(of: "target\tfig-bars"))
            record.questions[question] = "target\tfig-other"
            if context { record.context = String(repeating: "0", count: 64) }
            try Data(record.encoded).write(to: url)
        }
        try damage(context: true)
        try project.write("quiet.md", Self.pages["quiet.md"]!.replacingOccurrences(of: "A sentence", with: "One sentence"))
        let report = Self.pagesRendered(try await expectFresh(project, "an edit after a damaged record"))
        #expect(report.rendered == ["quiet.md", "pointer.md"])

        try damage(context: false)
        try project.write("quiet.md", Self.pages["quiet.md"]! + "\n## A heading the contents shows\n")
        let heading = Self.pagesRendered(try await expectFresh(project, "a heading added after a damaged record"))
        // (The first page shows the contents, which the heading changes.)
        #expect(heading.rendered == ["index.md", "quiet.md", "pointer.md"])
    }
}

/// The fake notebook, which runs `edit` once, while it evaluates the build's first result:
/// after the pages were read, before anything is written.
final class EditingNotebook: Notebook {
    private let inner: FakeNotebook
    private let edit: @Sendable () -> Void
    private let done = Mutex(false)

    init(folder: URL, edit: @escaping @Sendable () -> Void) {
        inner = FakeNotebook(folder: folder)
        self.edit = edit
    }

    var fingerprint: String { inner.fingerprint }
    var edited: Bool { done.withLock { $0 } }

    func offers(reading files: any PaperFiles) throws(NotebookError) -> [Offer] { try inner.offers(reading: files) }

    func evaluate(_ request: Request, reading files: any PaperFiles) throws(NotebookError) -> Result {
        if done.withLock({ let first = !$0; $0 = true; return first }) { edit() }
        return try inner.evaluate(request, reading: files)
    }
}
