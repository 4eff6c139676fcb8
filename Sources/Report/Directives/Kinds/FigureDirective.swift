import NotebookInterface

extension DirectiveKind {
    /// `{figure} NAME`: a chart the notebook computes and the builder draws as SVG, PNG
    /// and PDF, with its data as CSV and a "Cite" box.
    static let figure = DirectiveKind(
        name: "figure",
        argument: .name(what: "the name of the figure to compute (see `report list`)"),
        label: LabelRule(prefix: "fig-", noun: "Figure", unlabelled: .fromName),
        evaluation: .notebook(.figure),
        options: [
            OptionDeclaration(name: "label", summary: "its label, fig-…: the name of its files and the target of @fig-… references"),
            OptionDeclaration(name: "alt", summary: "what the figure shows, for readers who cannot see it",
                              required: "what the figure shows"),
            OptionDeclaration(name: "width", summary: "its width on the page: a percentage (80%) or pixels (480px)",
                              validate: { value, _ in
                                  isCSSWidth(value) ? nil : "invalid width '\(value.prefix(40))': use a percentage (80%) or pixels (480px)"
                              }),
            OptionDeclaration(name: "reproduces", summary: "a BibTeX key and what of it the figure reproduces, for its Cite box",
                              validate: { value, context in
                                  let key = String(value.split(separator: " ").first ?? "")
                                  guard !context.citationKeys.contains(key) else { return nil }
                                  return withSuggestion("':reproduces:' names unknown citation key '\(key)'", for: key,
                                                        among: context.citationKeys)
                              }),
        ],
        body: .required(what: "caption", how: "write it after the options"),
        html: { context, result in
            guard case .figure(let figure)? = result, let label = context.label else { return "" }
            let alt = escapeHTML(context.block.option("alt")?.value ?? "")
            let cite = context.citeHTML()   // before the caption's tree is rendered
            let caption = context.captionHTML()
            var style = ""
            if let width = context.block.option("width")?.value { style = " style=\"width: \(escapeHTML(width))\"" }
            let base = OutputPaths.figures + "/" + label
            return """
            <figure id="\(context.id)" class="figure">
            <a class="figure-image" href="\(base).svg"><img src="\(base).png" width="\(Int(figure.width.rounded()))" height="\(Int(figure.height.rounded()))" alt="\(alt)"\(style)></a>
            <figcaption>\(caption)</figcaption>
            <div class="figure-tools"><span class="downloads">Download <a href="\(base).svg">SVG</a> <a href="\(base).png">PNG</a> <a href="\(base).pdf">PDF</a> <a href="\(OutputPaths.data)/\(context.id).csv">CSV</a></span>
            \(cite)</div>
            </figure>

            """
        },
        files: { label, result in
            guard case .figure(let figure) = result else { return [] }
            var files: [OutputFile] = []
            for (format, blob) in figure.files.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                files.append(OutputFile(path: "\(OutputPaths.figures)/\(label).\(format.rawValue)", blob: blob))
            }
            files.append(OutputFile(path: "\(OutputPaths.data)/\(label).csv", blob: Blob(bytes: Array(figure.csv.utf8))))
            return files
        })
}

/// A CSS width authors may give a figure: 1–100 % or 1–4000 px.
func isCSSWidth(_ s: String) -> Bool {
    if s.hasSuffix("%"), let n = Int(s.dropLast()), (1...100).contains(n) { return true }
    if s.hasSuffix("px"), let n = Int(s.dropLast(2)), (1...4000).contains(n) { return true }
    return false
}
