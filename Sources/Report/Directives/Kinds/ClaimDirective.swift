import NotebookInterface

extension DirectiveKind {
    /// `{claim} NAME [ARGUMENTS]`: a sentence the build checks against the data; one that
    /// no longer holds stops the build, unless it says `:expect: fail`.
    static let claim = DirectiveKind(
        name: "claim",
        argument: .name(what: "the name of the claim to check (see `report list`)"),
        label: LabelRule(prefix: "clm-", noun: "Claim", unlabelled: .numbered),
        evaluation: .notebook(.claim),
        options: [
            OptionDeclaration(name: "label", summary: "its label, clm-…: the target of @clm-… references"),
            OptionDeclaration(name: "expect", summary: "'fail' for a claim of the original that no longer holds (default 'hold')",
                              values: ["hold", "fail"]),
        ],
        body: .required(what: "sentence", how: "write the claim as the directive's body"),
        html: { context, result in
            guard case .claim(let claim)? = result else { return "" }
            let sentence = context.block.body.map { context.renderer.html(of: $0, on: context.page) } ?? ""
            let held = claim.holds
            let mark = held ? "✓ checked" : "✗ no longer holds"
            // What was verified, said from the data, in the summary line itself.
            let statement = claim.statement.map { "<span class=\"checked-statement\">: \(escapeHTML($0))</span>" } ?? ""
            let evidence = claim.evidence.map { "<li>\(escapeHTML($0))</li>" }.joined()
            return """
            <div class="claim \(held ? "claim-holds" : "claim-fails")" id="\(context.id)">
            \(sentence)<details class="evidence"><summary title="Checked against the data by this build">\(mark)\(statement)</summary><ul>\(evidence)</ul></details>
            </div>

            """
        },
        verify: { block, result, sink in
            guard case .claim(let claim) = result else { return }
            let expectFail = block.option("expect")?.value == "fail"
            let evidence = claim.evidence.isEmpty ? "" : " (" + claim.evidence.joined(separator: "; ") + ")"
            // An expression claim is all its words: name them all.
            let what = ([block.name] + block.arguments).joined(separator: " ")
            if !claim.holds, !expectFail {
                sink.error("claim '\(what)' does not hold for the current data\(evidence)", at: block.location)
            } else if claim.holds, expectFail {
                sink.error("claim '\(what)' is marked ':expect: fail' but now holds\(evidence)", at: block.location)
            }
            // The sentence must name what the check is about, so that the two cannot
            // drift apart: each name, or its first word ("SqueezeNet" for "SqueezeNet 1.0").
            if let sentence = (block.caption?.writtenText ?? block.body?.writtenText)?.lowercased() {
                let missing = claim.mentions.filter { name in
                    !sentence.contains(name.lowercased())
                        && !sentence.contains(String(name.split(separator: " ").first ?? "").lowercased())
                }
                if !missing.isEmpty {
                    sink.error("the sentence of claim '\(what)' does not name \(missing.map { "'\($0)'" }.joined(separator: ", ")), which the claim checks"
                               + (claim.statement.map { " (it checks: \($0))" } ?? ""), at: block.location)
                }
            }
        })
}
