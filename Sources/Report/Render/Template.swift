/// The page shell: head, navigation shared by every page, title block, table of
/// contents, content, references and the provenance footer.
extension PageRenderer {
    func document(_ page: Page, body: String) -> String {
        let pages = inputs.pages(for: page)
        let paper = inputs.paper(for: page)
        let isFirst = pages.first?.file == page.file
        let pageTitle = isFirst ? paper.titleText : "\(titleText(page)) — \(paper.titleText)"
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="report \(escapeHTML(inputs.build(for: page).reportVersion))">
        <title>\(escapeHTML(pageTitle))</title>
        <link rel="stylesheet" href="\(OutputPaths.assets)/style.css">
        </head>
        <body>
        <header class="site">
        <a class="site-title"\(isFirst ? " aria-current=\"page\"" : "") href="\(urlPath(pages.first?.outputName ?? "index.html"))">\(paper.titleHTML)</a>
        \(navigation(current: page))
        </header>
        <main>
        <article>

        """
        out += titleBlock(page, isFirst: isFirst)
        out += isFirst ? inputs.contents(for: page) : tableOfContents(page)
        out += body
        out += referencesHTML(on: page)
        out += pager(page)
        out += """
        </article>
        </main>
        \(footer(page))
        \(previewScript)</body>
        </html>

        """
        return out
    }

    private func navigation(current: Page) -> String {
        let pages = inputs.pages(for: current)
        guard pages.count > 1 else { return "" }
        // The site title links to the first page; the navigation lists the others.
        var out = "<nav class=\"pages\" aria-label=\"Pages\"><ol>"
        for page in pages.dropFirst() {
            let attr = page.file == current.file ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(urlPath(page.outputName))\"\(attr)>\(page.titleHTML)</a></li>"
        }
        return out + "</ol></nav>"
    }

    private func titleBlock(_ page: Page, isFirst: Bool) -> String {
        var fm = page.frontMatter
        // The first page shows the project file's authors and date when it names none.
        if isFirst {
            let paper = inputs.paper(for: page)
            if fm.authors.isEmpty { fm.authors = paper.fileAuthors }
            if fm.date == nil { fm.date = paper.fileDate }
        }
        // A page whose first section repeats its title keeps the title for screen readers only.
        let repeated = !isFirst && page.titleHeading == nil && page.headings.first.map { $0.text == page.title } == true
        var out = "<header class=\"title-block\">\n<h1\(repeated ? " class=\"visually-hidden\"" : "")>\(titleHTML(page))</h1>\n"
        if let subtitle = fm.subtitle { out += "<p class=\"subtitle\">\(escapeHTML(subtitle))</p>\n" }
        if !fm.authors.isEmpty {
            // Affiliations are listed once and referred to by number.
            var affiliations: [String] = []
            for a in fm.authors { if let aff = a.affiliation, !affiliations.contains(aff) { affiliations.append(aff) } }
            out += "<p class=\"authors\">"
            out += fm.authors.map { author in
                var s = "<span class=\"author\">\(escapeHTML(author.name))"
                if let aff = author.affiliation, affiliations.count > 1, let i = affiliations.firstIndex(of: aff) {
                    s += "<sup>\(i + 1)</sup>"
                }
                return s + "</span>"
            }.joined(separator: ", ")
            out += "</p>\n"
            if !affiliations.isEmpty {
                out += "<p class=\"affiliations\">"
                out += affiliations.enumerated().map { i, a in
                    (affiliations.count > 1 ? "<sup>\(i + 1)</sup>" : "") + escapeHTML(a)
                }.joined(separator: "; ")
                out += "</p>\n"
            }
        }
        if let date = fm.date { out += "<p class=\"date\">\(escapeHTML(date))</p>\n" }
        if let abstract = page.abstract {
            out += "<section class=\"abstract\" aria-label=\"Abstract\">\n<h2 class=\"abstract-title\">Abstract</h2>\n\(html(of: abstract, on: page))</section>\n"
        }
        if isFirst { out += citePaperHTML(on: page) }
        return out + "</header>\n"
    }

    private func tableOfContents(_ page: Page) -> String {
        let entries = page.headings.filter { $0.level == 2 || $0.level == 3 }
        guard entries.count >= 2 else { return "" }
        var out = "<nav class=\"toc\" aria-label=\"Contents\"><h2 class=\"toc-title\">Contents</h2><ol>"
        var openSub = false
        for (i, heading) in entries.enumerated() {
            let view = inputs.heading(heading, for: page)
            let id = view.id ?? ""
            let number = view.number.map { "<span class=\"secnum\">\($0)</span> " } ?? ""
            let link = "<a href=\"#\(urlPath(id))\">\(number)\(heading.contentsHTML)</a>"
            if heading.level == 3 {
                if !openSub { out += "<ol>"; openSub = true }
                out += "<li>\(link)</li>"
            } else {
                if openSub { out += "</ol>"; openSub = false }
                if i > 0 { out += "</li>" }
                out += "<li>\(link)"
            }
        }
        if openSub { out += "</ol>" }
        return out + "</li></ol></nav>\n"
    }

    private func pager(_ page: Page) -> String {
        let pages = inputs.pages(for: page)
        guard let i = pages.firstIndex(where: { $0.file == page.file }), pages.count > 1 else { return "" }
        var out = "<nav class=\"pager\" aria-label=\"Previous and next page\">"
        if i > 0 {
            let p = pages[i - 1]
            out += "<a class=\"prev\" href=\"\(urlPath(p.outputName))\">← \(p.titleHTML)</a>"
        }
        if i + 1 < pages.count {
            let n = pages[i + 1]
            out += "<a class=\"next\" href=\"\(urlPath(n.outputName))\">\(n.titleHTML) →</a>"
        }
        return out + "</nav>\n"
    }

    private func footer(_ page: Page) -> String {
        let info = inputs.build(for: page)
        let paper = inputs.paper(for: page)
        var lines: [String] = []
        if let changed = info.lastChanged { lines.append("Inputs last changed \(escapeHTML(changed)).") }
        lines.append("Input digest <code title=\"SHA-256 of this page's source, of what it shows from the rest of the paper (results, numbers, citations, titles) and of the analysis fingerprint\">\(inputs.pageDigest(prefix: 16, for: page))</code>")
        lines.append("analysis <code>\(escapeHTML(String(info.fingerprint.prefix(12))))</code>")
        lines.append("built by report \(escapeHTML(info.reportVersion)).")
        if let license = paper.license { lines.append("Licence: \(escapeHTML(license)).") }
        if let repository = paper.repository {
            lines.append("<a href=\"\(escapeHTML(repository))\">Source code and data</a>")
        }
        return "<footer class=\"provenance\"><p>" + lines.joined(separator: " · ") + "</p></footer>"
    }
}
