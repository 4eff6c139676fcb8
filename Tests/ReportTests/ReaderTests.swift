import Foundation
import NotebookInterface
import Testing
@testable import Report

/// What issue 14 added for the reader: table markup, the paper's contents and citation,
/// titles not repeated, previews, and the input data published with the paper.
@Suite struct ReaderTests {
    @Test func groupedColumnsGetOneHeadingAndRowGroupsTheirOwnBody() {
        let table = Table(columns: [Table.Column("Network"), Table.Column("2016", numeric: true, group: "Params [M]"),
                                    Table.Column("here", numeric: true, group: "Params [M]"),
                                    Table.Column("Δ [%]", numeric: true, group: "Params [M]"), Table.Column("Source")],
                          rows: [[.init("A", swatch: "#112233"), .init("1.00"), .init("1.00"), .init("±0.0"), .init("C16")],
                                 [.init("B", swatch: "#000000", dashed: true), .init("2.00"), .init("2.10"), .init("+5.0"), .init("C16")]],
                          data: DataTable(columns: ["x"], rows: []),
                          rowGroups: [Table.RowGroup("Old", start: 0), Table.RowGroup("New", start: 1)])
        let html = tableHTML(table, id: "tbl-x", caption: "<p>C</p>")
        // One heading over the three grouped columns; the others span both header rows.
        #expect(html.contains("<th scope=\"col\" rowspan=\"2\">Network</th><th class=\"colgroup\" scope=\"colgroup\" colspan=\"3\">Params [M]</th><th scope=\"col\" rowspan=\"2\">Source</th></tr>"))
        #expect(html.contains("<tr><th class=\"num\" scope=\"col\">2016</th><th class=\"num\" scope=\"col\">here</th><th class=\"num\" scope=\"col\">Δ [%]</th></tr>"))
        #expect(html.components(separatedBy: "<tbody>").count == 3)
        #expect(html.contains("<tr class=\"rowgroup\"><th colspan=\"5\" scope=\"rowgroup\">New</th></tr>\n<tr><td><span class=\"swatch dashed\" style=\"border-color:#000000;background:#0000004d\"></span>B</td>"))
        // Without groups: one header row, one body, as before.
        let plain = tableHTML(Table(columns: [Table.Column("a")], rows: [[.init("1")]], data: DataTable(columns: [], rows: [])),
                              id: "tbl-p", caption: "")
        #expect(plain.contains("<thead>\n<tr><th scope=\"col\">a</th></tr>\n</thead>"))
        #expect(plain.components(separatedBy: "<tbody>").count == 2)
        #expect(!plain.contains("wide"))
    }

    @Test func onlyTablesTooWideForAPortraitPagePrintInLandscape() {
        func table(_ widths: [Int]) -> Table {
            Table(columns: widths.map { Table.Column(String(repeating: "x", count: $0)) }, rows: [],
                  data: DataTable(columns: [], rows: []))
        }
        #expect(!isWide(table([10, 10, 10, 10, 10, 10, 10])))
        #expect(isWide(table(Array(repeating: 12, count: 12))))
    }

    @Test func groupsAreCitedAsOneCorporateAuthorAndPeopleAsPeople() {
        #expect(!isPersonalName("The report developers"))
        #expect(isPersonalName("Ada Lovelace"))
        #expect(isPersonalName("Lovelace, Ada"))
        #expect(isPersonalName("Laurens van der Maaten"))
        #expect(shortTitle("Top-1 accuracy against operations for a single forward pass, in G-Ops (x).") ==
                "Top-1 accuracy against operations for a single forward pass")
        #expect(bibEscape("R&D {x} 100%") == "R\\&D x 100\\%")
    }

    @Test func thePaperHasOneContentsACitationAndNoRepeatedTitle() async throws {
        let index = """
        ---
        title: A Small Paper
        subtitle: Checked
        authors:
          - name: The report developers
        date: November 2026
        repository: https://example.org/paper.git
        ---

        ## Introduction {#sec-intro}

        See @sec-method and @fig-bars; the data: [x.txt](data/x.txt). {value}`data.x`

        ### Details

        Text.
        """
        let method = """
        ---
        title: Method
        order: 2
        ---

        ## Method {#sec-method}

        ```{figure} bars
        :label: fig-bars
        :alt: Bars.
        Bars of x = {value}`data.x`, with @sec-intro.
        ```
        """
        let p = try TempProject(pages: ["index.md": index, "method.md": method])
        defer { p.remove() }
        let report = try await p.build()
        let first = try p.read("index.html"), second = try p.read("method.html")
        // The contents of the whole paper, on the first page only, linking across pages.
        #expect(first.contains("<nav class=\"toc toc-paper\" aria-label=\"Contents\">"))
        #expect(first.contains("<a href=\"method.html#sec-method\"><span class=\"secnum\">2</span> Method</a>"))
        #expect(first.contains("<a href=\"#sec-intro\"><span class=\"secnum\">1</span> Introduction</a><ol><li><a href=\"#s-details\"><span class=\"secnum\">1.1</span> Details</a>"))
        #expect(!second.contains("toc-paper"))
        // The method page's title repeats its first section: kept for screen readers only.
        #expect(second.contains("<h1 class=\"visually-hidden\">Method</h1>"))
        #expect(first.contains("<h1>A Small Paper</h1>"))
        // "Cite this paper": a group as one corporate author, the inputs' digest as version.
        #expect(first.contains("<summary>Cite this paper</summary>"))
        #expect(first.contains("author   = {{The report developers}}"))
        #expect(first.contains("@misc{reportdevelopers2026small,"))
        #expect(first.contains("version  = {"))
        // A figure's BibTeX: the same corporate author, a short title.
        #expect(second.contains("author    = {{The report developers}}"))
        #expect(second.contains("title     = {Figure 1: Bars of x = 3.0}"))
        // Previews across pages: a section's title and page; a figure's caption, values filled in.
        #expect(first.contains("data-preview=\"Section 2 Method (page “Method”)\""))
        #expect(first.contains("data-preview=\"Figure 1. Bars of x = 3.0, with Section 1.\" data-preview-img=\"figures/fig-bars.png\""))
        // The source repository, in every page's footer.
        #expect(second.contains("<a href=\"https://example.org/paper.git\">Source code and data</a>"))
        // The input data published beside the outputs, byte for byte.
        #expect(report.files.contains("data/x.txt"))
        #expect(try p.read("data/x.txt") == "3\n")
    }

    @Test func aRepositoryThatIsNoAddressIsAnError() async throws {
        let p = try TempProject(pages: ["index.md": "---\ntitle: T\nrepository: javascript:alert(1)\n---\n\nText.\n"])
        defer { p.remove() }
        await #expect(throws: BuildFailure.self) { try await p.build() }
    }
}
