import CCmark

extension Scanner {
    /// The front matter's title is inline Markdown, so a value (and smart quotes) work in
    /// it wherever the title appears; a page with no title at all gets a warning.
    mutating func scanTitle(of page: Page) {
        if let title = page.frontMatter.title {
            let fragment = inlineFragment(title, file: page.file, line: page.frontMatter.titleLine,
                                          column: page.frontMatter.titleColumn)
            scan(fragment, allowBlocks: false)
            page.titleFragment = fragment
        } else if page.titleHeading == nil, !sink.errors.contains(where: { $0.location?.file == page.file }) {
            // (A page whose front matter failed to parse has its error already.)
            sink.warning("page has no title: add 'title:' to its front matter or start it with a '# Heading'; it is called '\(page.title)'",
                         at: SourceLocation(file: page.file, line: 1))
        }
    }
}

/// Every page's title rendered once, before any page: navigation on each page shows all
/// of them.
final class PageTitles: @unchecked Sendable {
    var html: [String: String] = [:]
    var text: [String: String] = [:]
    var prepared = false
}

extension PageRenderer {
    /// The title as HTML (values rendered, Markdown emphasis kept), for headings and links.
    func titleHTML(_ page: Page) -> String {
        prepareTitles()
        return titles.html[page.file] ?? escapeHTML(page.title)
    }

    /// The title as plain text, for `<title>` and citations.
    func titleText(_ page: Page) -> String {
        prepareTitles()
        return titles.text[page.file] ?? page.title
    }

    /// The paper's title: the project file's, else the first page's.
    var paperTitleText: String { project.file?.title ?? project.pages.first.map(titleText) ?? "Untitled" }
    var paperTitleHTML: String { project.file?.title.map(escapeHTML) ?? project.pages.first.map(titleHTML) ?? "Untitled" }

    func prepareTitles() {
        guard !titles.prepared else { return }
        titles.prepared = true
        for page in project.pages {
            var html: String?
            if let fragment = page.titleFragment {
                html = inlineHTML(fragment, on: page)
            } else if let heading = page.titleHeading {
                replaceInlines(in: page.body, on: page)
                html = heading.node.innerHTML.replacingOccurrences(of: "^<h1>|</h1>$", with: "", options: .regularExpression)
            }
            if let html {
                titles.html[page.file] = html
                titles.text[page.file] = textOfHTML(html)
            }
        }
    }
}
