import NotebookInterface

/// A table's HTML: a caption, a header of one or two rows (group headings over the
/// column titles they share), and one body per row group. The `.table` wrapper scrolls
/// sideways when the table is wider than the screen; the stylesheet marks that. `id` is
/// the table's label, which names its CSV; `assets` says how to link to it.
func tableHTML(_ table: Table, id: String, caption: String, assets: AssetLinks = .relative) -> String {
    var out = "<div class=\"table\(isWide(table) ? " wide" : "")\" id=\"\(escapeHTML(id))\">\n<table>\n<caption>\(caption)</caption>\n<thead>\n"
    out += headerHTML(table.columns)
    out += "</thead>\n"
    let groups = table.rowGroups.filter { $0.start >= 0 && $0.start < table.rows.count }.sorted { $0.start < $1.start }
    var bodies: [(title: String?, rows: Range<Int>)] = []
    if groups.isEmpty {
        bodies = [(nil, 0..<table.rows.count)]
    } else {
        if groups[0].start > 0 { bodies.append((nil, 0..<groups[0].start)) }
        for (i, g) in groups.enumerated() {
            let end = i + 1 < groups.count ? groups[i + 1].start : table.rows.count
            bodies.append((g.title, g.start..<max(g.start, end)))
        }
    }
    for body in bodies {
        out += "<tbody>\n"
        if let title = body.title {
            out += "<tr class=\"rowgroup\"><th colspan=\"\(max(table.columns.count, 1))\" scope=\"rowgroup\">\(escapeHTML(title))</th></tr>\n"
        }
        for row in table.rows[body.rows] {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                let numeric = i < table.columns.count && table.columns[i].numeric
                var content = escapeHTML(cell.text)
                if let color = safeColor(cell.swatch) {
                    // A dashed swatch is drawn as the figures draw a reported value's mark: the
                    // colour at 30 % opacity (alpha 4d) inside a dashed outline in the colour.
                    let style = cell.dashed ? "border-color:\(color);background:\(color)4d" : "background:\(color)"
                    content = "<span class=\"swatch\(cell.dashed ? " dashed" : "")\" style=\"\(style)\"></span>" + content
                }
                out += "<td\(numeric ? " class=\"num\"" : "")>\(content)</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n"
    }
    out += "</table>\n<p class=\"downloads\">Download <a \(assets.link(OutputPaths.data + "/" + id + ".csv"))>CSV</a></p>\n</div>\n"
    return out
}

/// One header row when no column has a group; otherwise group headings spanning their
/// columns over a second row of titles, and ungrouped titles spanning both rows.
private func headerHTML(_ columns: [Table.Column]) -> String {
    func th(_ c: Table.Column, _ extra: String = "") -> String {
        "<th\(c.numeric ? " class=\"num\"" : "") scope=\"col\"\(extra)>\(escapeHTML(c.title))</th>"
    }
    guard columns.contains(where: { $0.group != nil }) else {
        return "<tr>" + columns.map { th($0) }.joined() + "</tr>\n"
    }
    var top = "<tr>", bottom = "<tr>"
    var i = 0
    while i < columns.count {
        guard let group = columns[i].group else {
            top += th(columns[i], " rowspan=\"2\"")
            i += 1
            continue
        }
        var j = i
        while j < columns.count && columns[j].group == group { j += 1 }
        top += "<th class=\"colgroup\" scope=\"colgroup\" colspan=\"\(j - i)\">\(escapeHTML(group))</th>"
        for c in columns[i..<j] { bottom += th(c) }
        i = j
    }
    return top + "</tr>\n" + bottom + "</tr>\n"
}

/// Too wide for a portrait page even in small type: printed on a landscape page. The
/// measure is the widest cell or title of each column, in characters, summed.
func isWide(_ table: Table) -> Bool {
    var width = 0
    for (i, column) in table.columns.enumerated() {
        let cells = table.rows.map { i < $0.count ? $0[i].text.count : 0 }
        width += max(column.title.count, cells.max() ?? 0) + 2
    }
    return width > 130
}
