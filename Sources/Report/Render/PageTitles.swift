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

extension PageRenderer {
    /// The title as HTML (values rendered, Markdown emphasis kept), for headings and links.
    func titleHTML(_ page: Page) -> String {
        inputs.pages(for: page).first { $0.file == page.file }?.titleHTML ?? escapeHTML(page.title)
    }

    /// The title as plain text, for `<title>` and citations.
    func titleText(_ page: Page) -> String {
        inputs.pages(for: page).first { $0.file == page.file }?.titleText ?? page.title
    }
}
