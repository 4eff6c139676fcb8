/// Where a link to a place in the paper points, and the id each place is written with.
/// Every link between places of the paper, and every id a page owns, is written through
/// here. In a build of pages a link to another page names its file (`results.html#sec-x`)
/// and ids are as they are. In the whole paper as one file (`--self-contained`) every
/// link is an anchor inside it (`#sec-x`, `#page-results` for a page), and the ids a page
/// owns — a heading's automatic id, a footnote's — are written with the page's name on
/// every page but the first (`results--s-setup`), so that two pages' ids cannot clash.
/// Labels and the reference list are unique in the paper and keep their ids.
struct PaperLinks: Sendable {
    /// The whole paper in one file: its first page's output name and the ids that are
    /// unique in the whole paper. Nil for a build of pages.
    private let whole: (first: String, paperWide: Set<String>)?

    /// Whether this is a build of pages (`.pages`).
    var isPages: Bool { whole == nil }

    /// A build of pages, one file each.
    static let pages = PaperLinks(whole: nil)

    private init(whole: (first: String, paperWide: Set<String>)?) { self.whole = whole }

    /// The whole paper in one file, whose pages start with the one written `first`;
    /// `paperWide` are the ids that occur once in the paper (labels, the reference list).
    static func wholePaper(first: String, paperWide: Set<String>) -> PaperLinks {
        PaperLinks(whole: (first, paperWide))
    }

    /// Whether the paper is one file.
    var isWholePaper: Bool { whole != nil }

    /// The id written for the place `id` on the page whose output name is `page`.
    func id(_ id: String, on page: String) -> String {
        guard let whole, page != whole.first, !whole.paperWide.contains(id) else { return id }
        return Self.name(page) + "--" + id
    }

    /// The id a page's author knows for an id written by `id(_:on:)` (for checking links).
    func authorID(_ written: String, on page: String) -> String {
        let prefix = Self.name(page) + "--"
        guard let whole, page != whole.first, written.hasPrefix(prefix) else { return written }
        let id = String(written.dropFirst(prefix.count))
        return whole.paperWide.contains(id) ? written : id
    }

    /// The `href` of the place `anchor` on the page `page` (the page itself when nil),
    /// written on the page `from`; already percent-encoded, safe in an attribute.
    func href(to page: String, anchor: String?, from: String) -> String {
        guard let anchor else { return whole == nil ? urlPath(page) : "#" + urlPath(articleID(page)) }
        let fragment = "#" + urlPath(id(anchor, on: page))
        return whole != nil || page == from ? fragment : urlPath(page) + fragment
    }

    /// The id of a page's `<article>` in the whole paper: `page-results` for `results.html`.
    func articleID(_ page: String) -> String { "page-" + Self.name(page) }

    private static func name(_ page: String) -> String {
        page.hasSuffix(".html") ? String(page.dropLast(".html".count)) : page
    }
}
