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
            return tableHTML(table, id: context.label ?? "", caption: context.captionHTML(), assets: context.renderer.inputs.assets)
        },
        files: { label, result in
            guard case .table(let table) = result else { return [] }
            return [OutputFile(path: "\(OutputPaths.data)/\(label).csv", blob: Blob(bytes: Array(table.data.csv.utf8)))]
        })
}
