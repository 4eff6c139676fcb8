import CCmark
import Foundation

/// `report build --self-contained`: the whole paper as ONE HTML file, `index.html`, that
/// can be sent on its own and read offline. It is the normal renderer run over every page
/// in reading order with the two resolvers that make one file of it: `PaperLinks` (links
/// between pages become anchors in the file; the ids a page owns are renamed where pages
/// could clash) and `AssetLinks` (the stylesheet is inlined; figures, images and downloads
/// become `data:` URLs). The template wraps the pages once (`PageRenderer.wholePaper`):
/// nothing is rewritten after it is rendered.
enum WholePaper {
    static let fileName = "index.html"
}

extension BuildContext {
    mutating func renderWholePaper(info: BuildInfo) throws(BuildFailure) {
        let pageNames = project.pages.map(\.outputName)
        let resources = pageResources(taken: Set(pageNames))
        let assets: AssetLinks
        do { assets = try AssetLinks(embedding: resources) } catch { throw BuildFailure([error]) }
        // Ids that occur once in the whole paper keep their names; the rest belong to a page.
        var paperWide = Set(resolution.targets.keys)
        paperWide.insert("references")
        for entry in resolution.citedEntries { paperWide.insert("ref-" + entry.key) }
        let links = PaperLinks.wholePaper(first: pageNames.first ?? WholePaper.fileName, paperWide: paperWide)
        let inputs = RenderInputs(project: project, resolution: resolution, results: results, info: info,
                                  links: links, assets: assets)
        let renderer = PageRenderer(inputs: inputs)
        // Every fragment first: a page's title is rendered when any page asks for the titles.
        for page in project.pages {
            for fragment in page.parsed.fragments { renderer.retargetLinks(in: fragment, on: page, pages: Set(pageNames)) }
        }
        var articles: [(page: Page, html: String)] = []
        for page in project.pages {
            articles.append((page, renderer.article(page, body: renderer.bodyHTML(page))))
            log.append(.page(file: page.file, changed: true, rendered: true))
        }
        // The authors' links are checked against each page's part, as they wrote them.
        let pageFiles = articles.map { OutputFile(path: $0.page.outputName, blob: Blob(bytes: Array($0.html.utf8))) }
        LinkCheck.check(project, files: pageFiles + resources, written: links, sink: &sink)
        let coder = QuestionCoder(requests: requests)
        let html = renderer.wholePaper(articles) { page, part in
            // The page's digest, from what it read, fills its marks (as in a build of pages).
            let key = project.pageKeys[page.file] ?? ""
            return inputs.filledPageDigest(part, of: page, digest: PageDigest.digest(key: key, answers: reading(of: page, inputs: inputs, coder: coder).answers))
        }
        files = [OutputFile(path: WholePaper.fileName, blob: Blob(bytes: Array(html.utf8)))]
    }
}

extension PageRenderer {
    /// An author's link to a page of the paper or to a file of the build, and a local
    /// image, point inside the one file: their URLs in the tree are written through the
    /// resolvers before anything is rendered. A link to a file that the build does not
    /// have is left as written, for the link check to report.
    func retargetLinks(in fragment: Fragment, on page: Page, pages: Set<String>) {
        for node in fragment.tree.nodes() where node.type == CMARK_NODE_LINK || node.type == CMARK_NODE_IMAGE {
            guard let url = node.url, LinkCheck.isLocal(url) else { continue }
            let (path, anchor) = LinkCheck.split(url)
            // A bare "#" (what a refused link became) stays as it is.
            if path.isEmpty, anchor?.isEmpty ?? true { continue }
            guard let target = path.isEmpty ? page.outputName : LinkCheck.normalized(path) else { continue }
            if node.type == CMARK_NODE_LINK, pages.contains(target) {
                let place = anchor.flatMap { $0.isEmpty ? nil : $0 }
                node.setURL(inputs.links.href(to: target, anchor: place, from: page.outputName))
            } else if node.type == CMARK_NODE_IMAGE, let data = inputs.assets.dataURL(target) {
                node.setURL(data)
            } else if node.type == CMARK_NODE_LINK, inputs.assets.dataURL(target) != nil {
                // A download: cmark cannot write the `download` attribute, so the link
                // becomes an inline of our own around the same content.
                let title = cmark_node_get_title(node.pointer).map { String(cString: $0) } ?? ""
                let open = "<a \(inputs.assets.link(target))\(title.isEmpty ? "" : " title=\"\(escapeHTML(title))\"")>"
                node.wrapChildren(opening: open, closing: "</a>")
            }
        }
    }
}

extension MarkdownNode {
    /// Replaces this node by an inline of raw HTML around its children, and frees it.
    func wrapChildren(opening: String, closing: String) {
        let wrapper = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(wrapper, opening)
        cmark_node_set_on_exit(wrapper, closing)
        for child in children { cmark_node_append_child(wrapper, child.pointer) }
        cmark_node_insert_before(pointer, wrapper)
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }
}
