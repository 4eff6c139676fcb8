import Foundation
import Testing
@testable import Report

/// Refactoring the builder must not change a single byte it writes. This paper uses every
/// directive kind, option and inline feature; `Golden/golden-build.sha256` holds the
/// digest of every file its build wrote before the builder was split into stages and
/// kinds (recorded from main at 46a9a44). To re-record after an intended change to the
/// output, run the suite with `REPORT_RECORD_GOLDEN=1` and review the diff of that file.
@Suite struct GoldenBuildTests {
    static let index = """
    ---
    title: A Golden Paper
    subtitle: Every feature once
    authors:
      - name: Ada Lovelace
        affiliation: Analytical Engines
    date: 2026-11-29
    abstract: |
      We count {value}`answer` things and cite @fig-first.
    ---

    # A heading one

    ## Introduction {#sec-intro}

    The figure @fig-first shows x; @tbl-items lists items; @clm-x holds; see @sec-method and
    [@knuth1984; @lamport1994]. A value: {value}`data.x`. Evil: {value}`evil`.
    Raw <b>HTML</b> stays text. ![a sketch](img/sketch.svg)

    <div onclick="x()">block html</div>

    ```{figure} bars
    :label: fig-first
    :alt: Bars of x.
    :width: 80%
    :reproduces: knuth1984 Figure 7
    Bars of x = {value}`data.x`. Second sentence with @tbl-items.
    ```

    ```{table} items
    :label: tbl-items
    Items, with {value}`answer` in the caption.
    ```

    ```{table} rows a
    Rows for a.
    ```

    ```{claim} x-positive
    :label: clm-x
    x is positive.
    ```

    ```{claim} never
    :expect: fail
    This never held.
    ```

    ### Details

    More text, and `code`.

    ### Details

    A second heading with the same text.
    """

    static let second = """
    ---
    title: Method
    order: 2
    ---

    ## Method {#sec-method}

    As @fig-first showed, and @fig-log shows again [@knuth1984].

    ```{figure} bars
    :label: fig-log
    :alt: Bars of x on a log scale.
    :scale: log
    The same on a log scale.
    ```

    ```{figure} bars
    :alt: Unlabelled.
    Unlabelled figure.
    ```
    """

    static let bib = """
    @book{knuth1984, author = {Knuth, Donald E.}, title = {The {\\TeX}book}, publisher = {Addison-Wesley}, year = 1984}
    @book{lamport1994, author = "Leslie Lamport", title = "{\\LaTeX}: A Document Preparation System", year = 1994,
      url = {https://example.org/latex}}
    """

    static let goldenFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/golden-build.sha256")

    /// "path<TAB>sha256" for every file the build wrote, except the cache (its format is
    /// an implementation detail, not output).
    static func digests(of project: TempProject) -> String {
        project.snapshot()
            .filter { !$0.key.hasPrefix(".cache/") }
            .sorted { $0.key < $1.key }
            .map { "\($0.key)\t\(sha256Hex($0.value))\n" }
            .joined()
    }

    @Test(arguments: [false, true])
    func buildIsByteIdenticalToTheRecordedOne(selfContained: Bool) async throws {
        let project = try TempProject(pages: ["index.md": Self.index, "method.md": Self.second],
                                      files: ["data/x.txt": "3\n", "references.bib": Self.bib,
                                              "img/sketch.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n"])
        defer { project.remove() }
        var options = project.options()
        options.sourceDateEpoch = 1_464_048_000   // the charts' default PDF date, so that it reads the same whether or not it reaches them
        options.selfContained = selfContained
        _ = try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build()
        let actual = "self-contained\t\(selfContained)\n" + Self.digests(of: project)

        let file = Self.goldenFile.deletingPathExtension().appendingPathExtension(selfContained ? "self-contained.sha256" : "sha256")
        if ProcessInfo.processInfo.environment["REPORT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        let expectedLines = Set(expected.split(separator: "\n")), actualLines = Set(actual.split(separator: "\n"))
        #expect(actual == expected,
                "differs from the recorded build: only recorded \(expectedLines.subtracting(actualLines).sorted()), only now \(actualLines.subtracting(expectedLines).sorted())")
    }
}
