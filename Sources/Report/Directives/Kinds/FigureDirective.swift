import Foundation
import Chart
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
            let caption = context.captionHTML()
            var style = ""
            if let width = context.block.option("width")?.value { style = " style=\"width: \(escapeHTML(width))\"" }
            let base = OutputPaths.figures + "/" + label
            let assets = context.renderer.inputs.assets
            return """
            <figure id="\(context.id)" class="figure">
            <a class="figure-image" \(assets.link(base + ".svg")) title="Open the figure full size">\(figurePictureHTML(base, figure, alt: alt, style: style, assets: assets))</a>
            <figcaption>\(caption)</figcaption>
            <div class="figure-tools"><span class="downloads">Download <a \(assets.link(base + ".svg"))>SVG</a> <a \(assets.link(base + ".png"))>PNG</a> <a \(assets.link(base + ".pdf"))>PDF</a> <a \(assets.link(OutputPaths.data + "/" + label + ".csv"))>CSV</a></span>
            \(context.cite)</div>
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
        },
        citeBox: true)
}

/// The figure as drawn for the reader's screen: the narrow drawing on phones, the dark
/// one in dark mode, each an SVG (sharp at any zoom); the wide light SVG otherwise.
/// Figures drawn only in the three download formats show their PNG. `base` is the
/// figures' path in the output folder without extension; `assets` names the files.
func figurePictureHTML(_ base: String, _ figure: RenderedFigure, alt: String, style: String, assets: AssetLinks) -> String {
    // A drawing grows downwards to hold a key of numbered labels: its size is read from
    // the drawing itself (as a phone drawing's below).
    let drawnWide = figure.files[.svg].flatMap(svgSize) ?? (Int(figure.width.rounded()), Int(figure.height.rounded()))
    let size = "width=\"\(drawnWide.width)\" height=\"\(drawnWide.height)\""
    guard figure.files[.svg] != nil, figure.files[.darkSVG] != nil else {
        return "<img src=\"\(assets.source(base + ".png"))\" \(size) alt=\"\(alt)\"\(style)>"
    }
    var sources = ""
    if figure.files[.narrowSVG] != nil, figure.files[.narrowDarkSVG] != nil {
        // The stylesheet's phone layout starts at the same width.
        let phone = "(max-width: 600px)"
        // A phone drawing is as tall as its content needs (38 sideways bars, a key of
        // numbered labels): its size is read from the drawing itself, so the page
        // reserves the right space before the image loads.
        let drawn = figure.files[.narrowSVG].flatMap(svgSize) ?? (Int(Chart.narrowWidth), Int(Chart.narrowHeight))
        let narrow = "width=\"\(drawn.width)\" height=\"\(drawn.height)\""
        sources += "<source media=\"\(phone) and (prefers-color-scheme: dark)\" srcset=\"\(assets.source(base + "." + ChartFormat.narrowDarkSVG.rawValue))\" \(narrow)>"
        sources += "<source media=\"\(phone)\" srcset=\"\(assets.source(base + "." + ChartFormat.narrowSVG.rawValue))\" \(narrow)>"
    }
    sources += "<source media=\"(prefers-color-scheme: dark)\" srcset=\"\(assets.source(base + "." + ChartFormat.darkSVG.rawValue))\">"
    return "<picture>\(sources)<img src=\"\(assets.source(base + ".svg"))\" \(size) alt=\"\(alt)\"\(style)></picture>"
}

/// A CSS width authors may give a figure: 1–100 % or 1–4000 px.
func isCSSWidth(_ s: String) -> Bool {
    if s.hasSuffix("%"), let n = Int(s.dropLast()), (1...100).contains(n) { return true }
    if s.hasSuffix("px"), let n = Int(s.dropLast(2)), (1...4000).contains(n) { return true }
    return false
}

/// The width and height of an SVG drawing, from the `viewBox` of its opening tag (Cairo
/// writes `viewBox="0 0 W H"` in the first few hundred bytes).
func svgSize(_ blob: Blob) -> (width: Int, height: Int)? {
    let head: [UInt8]
    switch blob.source {
    case .bytes(let bytes): head = Array(bytes.prefix(1024))
    case .file(let url):
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        head = [UInt8]((try? handle.read(upToCount: 1024)) ?? Data())
    }
    let text = String(decoding: head, as: UTF8.self)
    guard let start = text.range(of: "viewBox=\""), let end = text[start.upperBound...].firstIndex(of: "\"") else { return nil }
    let numbers = text[start.upperBound..<end].split(separator: " ").compactMap { Double($0) }
    guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else { return nil }
    return (Int(numbers[2].rounded()), Int(numbers[3].rounded()))
}
