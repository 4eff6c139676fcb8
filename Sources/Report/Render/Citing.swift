/// How to cite the paper and its figures: a line of text and a BibTeX entry each.
extension PageRenderer {
    /// BibTeX authors: a person's name as written ("A. Author", "Author, A."); a group
    /// ("The report developers") in double braces, which BibTeX takes as one corporate
    /// name instead of a person called "developers".
    func bibAuthors(_ authors: [FrontMatter.Author]) -> String {
        authors.map { isPersonalName($0.name) ? bibEscape($0.name) : "{" + bibEscape($0.name) + "}" }.joined(separator: " and ")
    }

    /// The year of the paper's date ("November 2026" → "2026").
    func paperYear(on page: Page) -> String {
        inputs.build(for: page).date.flatMap { d in d.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 } }.map(String.init) ?? "n.d."
    }

    /// The first page's "Cite this paper" block.
    func citePaperHTML(on page: Page) -> String {
        let paper = inputs.paper(for: page)
        let info = inputs.build(for: page)
        let year = paperYear(on: page), paperTitleText = paper.titleText
        let names = info.authors.map(\.name)
        let digest = inputs.inputsDigest(for: page)
        let url = paper.url
        var text = "\(names.isEmpty ? "Anonymous" : names.joined(separator: ", ")) (\(year)). \(paperTitleText)."
        if let subtitle = paper.subtitle { text = text.dropLast() + ": \(subtitle)." }
        text += " Built by report \(info.reportVersion) from inputs \(digest.prefix(12))."
        if let url { text += " \(url)" }
        var fields: [(String, String)] = [
            ("author", bibAuthors(info.authors)),
            ("title", bibEscape(paperTitleText)),
        ]
        if let subtitle = paper.subtitle { fields.append(("subtitle", bibEscape(subtitle))) }
        fields.append(("year", year))
        if let url { fields.append(("url", url)) }
        fields.append(("version", String(digest.prefix(12))))
        fields.append(("note", "Built by report \(bibEscape(info.reportVersion)) from inputs sha256:\(digest)"))
        let bib = bibEntry("misc", key: citationKey(on: page), fields)
        return "<details class=\"cite cite-paper\"><summary>Cite this paper</summary><p>\(escapeHTML(text))</p><pre><code>\(escapeHTML(bib))</code></pre></details>\n"
    }

    /// "reportdevelopers2026deep": the first author's surname (or the group's name), the
    /// year and the first long word of the title.
    func citationKey(suffix: String = "", on page: Page) -> String {
        let info = inputs.build(for: page)
        func ascii(_ s: Substring) -> String {
            String(s.lowercased().unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(Character.init))
        }
        var author = "anonymous"
        if let name = info.authors.first?.name {
            if name.contains(",") {
                author = ascii(name.split(separator: ",")[0])
            } else if isPersonalName(name) {
                author = ascii(name.split(separator: " ").last ?? "")
            } else {
                author = name.split(separator: " ").filter { $0.lowercased() != "the" }.map(ascii).joined()
            }
        }
        let word = inputs.paper(for: page).titleText.split(whereSeparator: { !$0.isLetter }).first { $0.count > 3 }.map(ascii) ?? ""
        return author + paperYear(on: page) + word + suffix
    }
}

/// A person's name: has a comma ("Author, A.") or is two to four words that each start
/// with a capital or are a particle (van, de, …). Anything else is a group's name.
func isPersonalName(_ name: String) -> Bool {
    if name.contains(",") { return true }
    let words = name.split(separator: " ")
    guard (2...4).contains(words.count), words.first?.lowercased() != "the" else { return false }
    let particles: Set<String> = ["van", "von", "de", "der", "den", "di", "da", "du", "la", "le", "del", "dos"]
    return words.allSatisfy { $0.first?.isUppercase == true || particles.contains(String($0)) }
}

/// Braces balanced and BibTeX's special characters escaped.
func bibEscape(_ s: String) -> String {
    var out = ""
    for c in s {
        switch c {
        case "{", "}": break   // BibTeX counts braces even after a backslash
        case "&", "%", "$", "#", "_": out += "\\" + String(c)
        default: out.append(c)
        }
    }
    return out
}

/// An entry with aligned fields, one per line.
func bibEntry(_ type: String, key: String, _ fields: [(String, String)]) -> String {
    let width = fields.map(\.0.count).max() ?? 0
    let lines = fields.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + " = {" + $0.1 + "}" }
    return "@\(type){\(key),\n" + lines.joined(separator: ",\n") + "\n}"
}
