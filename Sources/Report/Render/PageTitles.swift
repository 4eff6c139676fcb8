import CCmark

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
