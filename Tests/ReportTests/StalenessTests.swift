import Foundation
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
}
