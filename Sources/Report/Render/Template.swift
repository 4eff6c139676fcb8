/// The page shell: head, navigation shared by every page, title block, table of
/// contents, content, references and the provenance footer.
extension PageRenderer {
    func document(_ page: Page, body: String) -> String {
        let pages = inputs.pages(for: page)
        let paper = inputs.paper(for: page)
        let isFirst = pages.first?.file == page.file
        let pageTitle = isFirst ? paper.titleText : "\(titleText(page)) — \(paper.titleText)"
        return head(page, title: pageTitle, current: page) + "<main>\n<article>\n"
            + article(page, body: body) + pager(page) + "</article>\n" + tail(page)
    }

    /// The whole paper as one document (`--self-contained`): every page's `article`
    /// in reading order, under the first page's head and navigation and over its footer.
    /// No pager: the file reads straight through. Once every page has asked all it asks,
    /// `fill` gives each page's part its page digest (see `PageDigest`).
    func wholePaper(_ pages: [(page: Page, html: String)], fill: (Page, String) -> String) -> String {
        guard let first = pages.first?.page else { return "" }
        let top = head(first, title: inputs.paper(for: first).titleText, current: nil), bottom = tail(first)
        // Every other page asks what its own document's head and footer ask, so that its
        // digest, which covers what it read, is the one it has in a build of pages.
        for (page, _) in pages.dropFirst() { _ = head(page, title: "", current: nil) + tail(page) }
        let articles = pages.map { page, html in
            "<article id=\"\(escapeHTML(inputs.links.articleID(page.outputName)))\">\n" + fill(page, html) + "</article>"
        }
        return fill(first, top) + "<main>\n" + articles.joined(separator: "\n") + "\n" + fill(first, bottom)
    }

    /// From the doctype to the site's navigation; `current` is marked as the page shown.
    private func head(_ page: Page, title: String, current: Page?) -> String {
        let pages = inputs.pages(for: page)
        let paper = inputs.paper(for: page)
        let first = pages.first?.outputName ?? "index.html"
        let isCurrent = current != nil && pages.first?.file == current?.file
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="report \(escapeHTML(inputs.build(for: page).reportVersion))">
        <title>\(escapeHTML(title))</title>
        \(inputs.assets.stylesheet(OutputPaths.assets + "/style.css"))
        </head>
        <body>
        <header class="site">
        <a class="site-title"\(isCurrent ? " aria-current=\"page\"" : "") href="\(inputs.links.href(to: first, anchor: nil, from: page.outputName))">\(paper.titleHTML)</a>
        \(navigation(page, current: current))
        </header>

        """
    }

    /// A page's own part: title block, contents, body and (on the last page) references.
    func article(_ page: Page, body: String) -> String {
        let isFirst = inputs.pages(for: page).first?.file == page.file
        return titleBlock(page, isFirst: isFirst) + (isFirst ? inputs.contents(for: page) : tableOfContents(page))
            + body + referencesHTML(on: page)
    }

    /// From the end of `<main>` to the end of the document.
    private func tail(_ page: Page) -> String {
        """
        </main>
        \(footer(page))
        \(previewScript)</body>
        </html>

        """
    }

    private func navigation(_ page: Page, current: Page?) -> String {
        let pages = inputs.pages(for: page)
        guard pages.count > 1 else { return "" }
        // The site title links to the first page; the navigation lists the others.
        var out = "<nav class=\"pages\" aria-label=\"Pages\"><ol>"
        for summary in pages.dropFirst() {
            let attr = summary.file == current?.file ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(inputs.links.href(to: summary.outputName, anchor: nil, from: page.outputName))\"\(attr)>\(summary.titleHTML)</a></li>"
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
            let link = "<a href=\"\(inputs.links.href(to: page.outputName, anchor: id, from: page.outputName))\">\(number)\(heading.contentsHTML)</a>"
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
