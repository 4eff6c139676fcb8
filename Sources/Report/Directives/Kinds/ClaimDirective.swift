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
            let evidence = claim.evidence.map { "<li>\(escapeHTML($0))</li>" }.joined()
            return """
            <div class="claim \(held ? "claim-holds" : "claim-fails")" id="\(context.id)">
            \(sentence)<details class="evidence"><summary title="Checked against the data by this build">\(mark)</summary><ul>\(evidence)</ul></details>
            </div>

            """
        },
        verify: { block, result, sink in
            guard case .claim(let claim) = result else { return }
            let expectFail = block.option("expect")?.value == "fail"
            let evidence = claim.evidence.isEmpty ? "" : " (" + claim.evidence.joined(separator: "; ") + ")"
            if !claim.holds, !expectFail {
                sink.error("claim '\(block.name)' does not hold for the current data\(evidence)", at: block.location)
            } else if claim.holds, expectFail {
                sink.error("claim '\(block.name)' is marked ':expect: fail' but now holds\(evidence)", at: block.location)
            }
        })
}
