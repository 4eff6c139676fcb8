import NotebookInterface

/// `report list`: what a paper may use, one line each, from the declarations: each
/// directive kind's builder options (`DirectiveKind.options`), then what the notebook
/// offers of that kind (`Offer`), with the notebook's options.
public enum Listing {
    /// The kinds `report list --kind` accepts: every directive kind, then inline values.
    public static var kinds: [String] { DirectiveKind.all.map(\.name) + [OfferKind.value.rawValue] }

    /// The lines for every kind, or only `kind`'s; an unknown kind is an error that lists
    /// the kinds.
    public static func lines(offers: [Offer], kind: String? = nil) throws(Diagnostic) -> [String] {
        if let kind, !kinds.contains(kind) {
            throw .error(withSuggestion("unknown kind '\(kind.prefix(40))'", for: kind, among: kinds)
                         + " (kinds: \(kinds.joined(separator: ", ")))", at: nil)
        }
        var lines: [String] = []
        for name in kinds where kind == nil || kind == name {
            for option in DirectiveKind.named(name)?.options ?? [] {
                let values = option.values.isEmpty ? "" : " " + option.values.joined(separator: "|")
                lines.append("\(name)\t:\(option.name):\(values)\t\(option.required == nil ? "" : "required: ")\(option.summary)")
            }
            for offer in offers where offer.kind.rawValue == name {
                var line = "\(name)\t\(offer.name)"
                if !offer.arguments.isEmpty { line += " " + offer.arguments.map { "<\($0)>" }.joined(separator: " ") }
                line += "\t\(offer.summary)"
                if !offer.options.isEmpty {
                    let options = offer.options.keys.sorted().map { key in
                        let allowed = offer.options[key]!
                        return ":\(key):" + (allowed.isEmpty ? "" : " " + allowed.joined(separator: "|"))
                    }
                    line += " [" + options.joined(separator: "; ") + "]"
                }
                lines.append(line)
                // Then each option the offer describes, one line each, with its values.
                for key in offer.optionSummaries.keys.sorted() {
                    let allowed = offer.options[key] ?? []
                    let values = allowed.isEmpty ? "" : " " + allowed.joined(separator: "|")
                    lines.append("\(name)\t\(offer.name) :\(key):\(values)\t\(offer.optionSummaries[key]!)")
                }
            }
        }
        return lines
    }
}
