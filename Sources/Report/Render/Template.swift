/// The page shell: head, navigation shared by every page, title block, table of
/// contents, content, references and the provenance footer.
extension PageRenderer {
    func document(_ page: Page, body: String) -> String {
        let isFirst = page === project.pages.first
        let pageTitle = isFirst ? paperTitleText : "\(titleText(page)) — \(paperTitleText)"
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="report \(escapeHTML(info.reportVersion))">
        <title>\(escapeHTML(pageTitle))</title>
        <link rel="stylesheet" href="\(OutputPaths.assets)/style.css">
        </head>
        <body>
        <header class="site">
        <a class="site-title"\(page === project.pages.first ? " aria-current=\"page\"" : "") href="\(urlPath(project.pages.first?.outputName ?? "index.html"))">\(paperTitleHTML)</a>
        \(navigation(current: page))
        </header>
        <main>
        <article>

        """
        out += titleBlock(page, isFirst: isFirst)
        out += isFirst ? paperContents() : tableOfContents(page)
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
        guard project.pages.count > 1 else { return "" }
        // The site title links to the first page; the navigation lists the others.
        var out = "<nav class=\"pages\" aria-label=\"Pages\"><ol>"
        for page in project.pages.dropFirst() {
            let attr = page === current ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(urlPath(page.outputName))\"\(attr)>\(titleHTML(page))</a></li>"
        }
        return out + "</ol></nav>"
    }

    private func titleBlock(_ page: Page, isFirst: Bool) -> String {
        var fm = page.frontMatter
        // The first page shows the project file's authors and date when it names none.
        if isFirst, let file = project.file {
            if fm.authors.isEmpty { fm.authors = file.authors }
            if fm.date == nil { fm.date = file.date }
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
        if isFirst { out += citePaperHTML() }
        return out + "</header>\n"
    }

    /// The first page's contents: every section of every page, numbered as in the text,
    /// then the references.
    private func paperContents() -> String {
        let first = project.pages.first
        var out = "<nav class=\"toc toc-paper\" aria-label=\"Contents\"><h2 class=\"toc-title\">Contents</h2><ol>"
        var openItem = false, openSub = false
        var count = 0
        for page in project.pages {
            for heading in page.headings where heading.level == 2 || heading.level == 3 {
                let id = resolution.headingIDs[heading.node] ?? ""
                let href = page === first ? "#" + urlPath(id) : urlPath(page.outputName) + "#" + urlPath(id)
                let number = resolution.headingNumbers[heading.node].map { "<span class=\"secnum\">\($0)</span> " } ?? ""
                let link = "<a href=\"\(href)\">\(number)\(escapeHTML(heading.text))</a>"
                count += 1
                if heading.level == 3 && openItem {
                    if !openSub { out += "<ol>"; openSub = true }
                    out += "<li>\(link)</li>"
                } else {
                    if openSub { out += "</ol>"; openSub = false }
                    if openItem { out += "</li>" }
                    out += "<li>\(link)"
                    openItem = true
                }
            }
        }
        if openSub { out += "</ol>" }
        if openItem { out += "</li>" }
        if let refs = referencesPage, !resolution.citedEntries.isEmpty {
            let href = refs === first ? "#references" : urlPath(refs.outputName) + "#references"
            out += "<li><a href=\"\(href)\">References</a></li>"
            count += 1
        }
        guard count >= 2 else { return "" }
        return out + "</ol></nav>\n"
    }

    private func tableOfContents(_ page: Page) -> String {
        let entries = page.headings.filter { $0.level == 2 || $0.level == 3 }
        guard entries.count >= 2 else { return "" }
        var out = "<nav class=\"toc\" aria-label=\"Contents\"><h2 class=\"toc-title\">Contents</h2><ol>"
        var openSub = false
        for (i, heading) in entries.enumerated() {
            let id = resolution.headingIDs[heading.node] ?? ""
            let number = resolution.headingNumbers[heading.node].map { "<span class=\"secnum\">\($0)</span> " } ?? ""
            let link = "<a href=\"#\(urlPath(id))\">\(number)\(escapeHTML(heading.text))</a>"
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
        guard let i = project.pages.firstIndex(where: { $0 === page }), project.pages.count > 1 else { return "" }
        var out = "<nav class=\"pager\" aria-label=\"Previous and next page\">"
        if i > 0 {
            let p = project.pages[i - 1]
            out += "<a class=\"prev\" href=\"\(urlPath(p.outputName))\">← \(titleHTML(p))</a>"
        }
        if i + 1 < project.pages.count {
            let n = project.pages[i + 1]
            out += "<a class=\"next\" href=\"\(urlPath(n.outputName))\">\(titleHTML(n)) →</a>"
        }
        return out + "</nav>\n"
    }

    private func footer(_ page: Page) -> String {
        var lines: [String] = []
        if let changed = info.lastChanged { lines.append("Inputs last changed \(escapeHTML(changed)).") }
        let digest = pageDigests[page.file] ?? ""
        lines.append("Input digest <code title=\"SHA-256 of this page's source, the data files its results read, the bibliography, the numbering of the whole paper and the analysis fingerprint\">\(String(digest.prefix(16)))</code>")
        lines.append("analysis <code>\(escapeHTML(String(info.fingerprint.prefix(12))))</code>")
        lines.append("built by report \(escapeHTML(info.reportVersion)).")
        if let license = project.file?.license { lines.append("Licence: \(escapeHTML(license)).") }
        if let repository = project.file?.repository ?? project.pages.first?.frontMatter.repository {
            lines.append("<a href=\"\(escapeHTML(repository))\">Source code and data</a>")
        }
        return "<footer class=\"provenance\"><p>" + lines.joined(separator: " · ") + "</p></footer>"
    }
}
