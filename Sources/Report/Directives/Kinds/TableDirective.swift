import NotebookInterface

extension DirectiveKind {
    /// `{table} NAME [ARGUMENTS]`: a table the notebook computes, with its data as CSV.
    static let table = DirectiveKind(
        name: "table",
        argument: .name(what: "the name of the table to compute (see `report list`)"),
        label: LabelRule(prefix: "tbl-", noun: "Table", unlabelled: .fromName),
        evaluation: .notebook(.table),
        options: [
            OptionDeclaration(name: "label", summary: "its label, tbl-…: the name of its CSV and the target of @tbl-… references"),
        ],
        body: .required(what: "caption", how: "write it after the options"),
        html: { context, result in
            guard case .table(let table)? = result else { return "" }
            let id = context.id
            var out = "<div class=\"table\" id=\"\(id)\">\n<table>\n<caption>\(context.captionHTML())</caption>\n<thead><tr>"
            for column in table.columns {
                out += "<th\(column.numeric ? " class=\"num\"" : "") scope=\"col\">\(escapeHTML(column.title))</th>"
            }
            out += "</tr></thead>\n<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (i, cell) in row.enumerated() {
                    let numeric = i < table.columns.count && table.columns[i].numeric
                    var content = escapeHTML(cell.text)
                    if let color = safeColor(cell.swatch) {
                        content = "<span class=\"swatch\" style=\"background:\(color)\"></span>" + content
                    }
                    out += "<td\(numeric ? " class=\"num\"" : "")>\(content)</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n<p class=\"downloads\">Download <a href=\"\(OutputPaths.data)/\(id).csv\">CSV</a></p>\n</div>\n"
            return out
        },
        files: { label, result in
            guard case .table(let table) = result else { return [] }
            return [OutputFile(path: "\(OutputPaths.data)/\(label).csv", blob: Blob(bytes: Array(table.data.csv.utf8)))]
        })
}
