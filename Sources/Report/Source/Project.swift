import Foundation

/// One `paper/*.md` file: its front matter and its parsed body.
final class Page {
    let file: String           // relative to the paper folder, e.g. "index.md"
    let stem: String           // "index"
    let frontMatter: FrontMatter
    let body: Fragment
    let abstract: Fragment?
    let lines: [Substring]
    /// Numbered once scanned; rendered with the page.
    var footnotes = PageFootnotes()
    /// The front matter's title as inline Markdown (values work in it).
    var titleFragment: Fragment?

    /// `index.md` → `index.html`, `x.md` → `x.html`.
    var outputName: String { stem + ".html" }
    /// The title as written: the front matter's, else the first `# heading`'s, else the
    /// file's name ("methods" → "Methods"). `PageRenderer.titleHTML` renders it.
    var title: String { frontMatter.title ?? titleHeading?.text ?? stem.prefix(1).uppercased() + stem.dropFirst() }
    /// The first-level heading that gives a page without a front-matter title its title
    /// (shown once, in the title block, not again in the body).
    var titleHeading: Heading? { frontMatter.title == nil ? headings.first { $0.level == 1 } : nil }
    var headings: [Heading] { body.headings }

    /// Fragments in reading order: abstract, then body (with its captions).
    var fragments: [Fragment] { (titleFragment.map { [$0] } ?? []) + (abstract.map { [$0] } ?? []) + body.allFragments }

    init(file: String, stem: String, frontMatter: FrontMatter, body: Fragment, abstract: Fragment?, lines: [Substring]) {
        self.file = file
        self.stem = stem
        self.frontMatter = frontMatter
        self.body = body
        self.abstract = abstract
        self.lines = lines
    }
}

/// The paper folder: its pages in reading order and its bibliography.
struct Project {
    var pages: [Page]
    var bibliography: [BibEntry]
    /// Every source file read, relative to the paper folder, for the input digest.
    var sources: [String: [UInt8]]
    /// `paper/report.yaml`, when there is one.
    var file: ProjectFile? = nil

    static let bibliographyFile = "references.bib"

    /// Loads every page (front matter and Markdown tree) and the bibliography. Problems
    /// go to `sink`; pages that cannot be read are left out so that the rest can still be
    /// checked.
    static func load(_ folder: URL, sink: inout DiagnosticSink) -> Project {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            sink.error("paper folder '\(folder.path)' does not exist", at: nil)
            return Project(pages: [], bibliography: [], sources: [:])
        }
        var sources: [String: [UInt8]] = [:]
        let projectFile = ProjectFile.load(folder, sink: &sink, sources: &sources)
        let listed = ProjectFile.pageNames(projectFile, folder: folder, sink: &sink)
        let names = listed ?? ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .sorted()
        if names.isEmpty {
            sink.error("no pages: the paper folder '\(folder.path)' has no .md files", at: nil)
        }
        var pages: [Page] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            if let problem = pathProblem(url, inside: folder) {
                sink.error(problem, at: SourceLocation(file: name, line: 1))
                continue
            }
            let text: String
            do {
                text = try readSourceText(url, relativePath: name)
            } catch {
                sink.add(error)
                continue
            }
            sources[name] = Array(text.utf8)
            if text.allSatisfy(\.isWhitespace) {
                sink.error("page is empty: write some Markdown, or remove the file", at: SourceLocation(file: name, line: 1))
                continue
            }
            let split = splitFrontMatter(text, file: name, sink: &sink)
            let lines = splitLines(text)
            let body = Fragment(split.body, file: name, firstLine: split.bodyLineOffset + 1)
            let abstract = split.frontMatter.abstract.map {
                Fragment($0, file: name, firstLine: split.frontMatter.abstractLine)
            }
            pages.append(Page(file: name, stem: ProjectFile.stem(name), frontMatter: split.frontMatter,
                              body: body, abstract: abstract, lines: lines))
        }
        // Reading order: the project file's, else `order:` first (pages without it after),
        // then file name; index first on ties.
        if listed == nil { pages.sort { a, b in
            let oa = a.frontMatter.order ?? (a.stem == "index" ? Int.min : Int.max)
            let ob = b.frontMatter.order ?? (b.stem == "index" ? Int.min : Int.max)
            return oa != ob ? oa < ob : a.file < b.file
        } }

        var bibliography: [BibEntry] = []
        let bibURL = folder.appendingPathComponent(bibliographyFile)
        if fm.fileExists(atPath: bibURL.path) {
            if let problem = pathProblem(bibURL, inside: folder) {
                sink.error(problem, at: SourceLocation(file: bibliographyFile, line: 1))
            } else {
                do {
                    let text = try readSourceText(bibURL, relativePath: bibliographyFile)
                    sources[bibliographyFile] = Array(text.utf8)
                    var parser = BibTeXParser(text, file: bibliographyFile)
                    bibliography = parser.parse(sink: &sink)
                } catch {
                    sink.add(error)
                }
            }
        }
        var stems: [String: String] = [:]
        for page in pages {
            if let other = stems[page.stem] {
                sink.error("'\(page.file)' and '\(other)' would both be written as \(page.outputName); rename one", at: SourceLocation(file: page.file, line: 1))
            }
            stems[page.stem] = page.file
        }
        return Project(pages: pages, bibliography: bibliography, sources: sources, file: projectFile)
    }

    /// Scans every page's fragments for directives, values, references, headings and
    /// images (see `Scanner`).
    func scan(sink: inout DiagnosticSink) {
        for page in pages {
            var scanner = Scanner(sink: sink, fileLines: page.lines)
            if let abstract = page.abstract { scanner.scan(abstract, allowBlocks: false) }
            scanner.scan(page.body, allowBlocks: true)
            sink = scanner.sink
            scanner.scanTitle(of: page)
            sink = scanner.sink
            page.footnotes = PageFootnotes(fragments: page.fragments, sink: &sink)
        }
    }
}

/// Why a path may not be read, or nil: it must resolve, through any symbolic links,
/// to a place inside the paper folder.
func pathProblem(_ url: URL, inside folder: URL) -> String? {
    let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
    let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
    if resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return nil }
    return "'\(url.lastPathComponent)' resolves to a place outside the paper folder; only files inside it are read"
}
