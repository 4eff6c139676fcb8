extension DirectiveKind {
    /// ```` ```{math} ````: a displayed equation in TeX (the subset `MathParser` reads),
    /// numbered and the target of `@eq-…` when it has a `:label:`, as MyST numbers
    /// labelled equations. A TeX error is reported at its line and column in the block.
    static let math = DirectiveKind(
        name: "math",
        argument: .none,
        label: LabelRule(prefix: "eq-", noun: "Equation", unlabelled: .unnumbered),
        evaluation: .none,
        options: [
            OptionDeclaration(name: "label", summary: "its label, eq-…: numbers it and makes it the target of @eq-… references"),
        ],
        body: .source(what: "formula"),
        html: { context, _ in
            // `check` has reported any error, which stops the build before rendering.
            let mathML = (try? MathParser.mathML(context.block.rawBody?.text ?? "", display: true)) ?? ""
            guard let label = context.label, let target = context.target else {
                return "<div class=\"equation\">\(mathML)</div>\n"
            }
            return "<div class=\"equation\" id=\"\(context.id)\">\(mathML)<a class=\"eqno\" href=\"#\(urlPath(label))\">(\(escapeHTML(target.number)))</a></div>\n"
        },
        check: { block, sink in
            guard let body = block.rawBody else { return }
            do throws(MathError) {
                _ = try MathParser.mathML(body.text, display: true)
            } catch {
                sink.error(error.message, at: body.location(ofOffset: error.offset))
            }
        })
}
