import Foundation

/// One `paper/*.md` file. The stages read it through `facts`, which every page has once
/// scanned (or taken from the scan cache); rendering reads its Markdown tree, `parsed`,
/// which is made only when first needed: a page that is not rendered again is never
/// parsed (see `ScanRecord`).
final class Page {
    let file: String           // relative to the paper folder, e.g. "index.md"
    let stem: String           // "index"
    let frontMatter: FrontMatter
    /// What the stages before rendering read; set by scanning, or from the cache.
    var facts: ScanRecord { didSet { blocks = facts.blocks; archive = nil; shape = nil } }
    /// The body's block directives (kept: every preview and file name looks them up).
    private(set) var blocks: [BlockDirective]
    /// Whether `facts` were taken from the last build's record instead of scanning.
    let scanFromCache: Bool
    private let text: String
    private var parsedPage: ParsedPage?
    private var standaloneTitle: Fragment??
    private var archive: [UInt8]?
    private var shape: String?

    /// A page read from its source: parsed now, scanned by the scan stage.
    init(file: String, stem: String, text: String, frontMatter: FrontMatter, parsed: ParsedPage) {
        self.file = file
        self.stem = stem
        self.text = text
        self.frontMatter = frontMatter
        self.parsedPage = parsed
        self.facts = ScanRecord(frontMatter: frontMatter)
        self.blocks = []
        self.scanFromCache = false
    }

    /// A page whose scan was taken from the cache (`archive`, as read): parsed only if it
    /// is rendered.
    init(file: String, stem: String, text: String, facts: ScanRecord, archive: [UInt8], shape: String?) {
        self.file = file
        self.stem = stem
        self.text = text
        self.frontMatter = facts.frontMatter
        self.facts = facts
        self.blocks = facts.blocks
        self.scanFromCache = true
        self.archive = archive
        self.shape = shape
    }

    /// `facts` archived, made once: the page's record keeps it, and what other pages may
    /// read of this one is digested from it (`RenderInputs.contextDigest`).
    var factsArchive: [UInt8] {
        if let archive { return archive }
        let made = facts.archived(file: file)
        archive = made
        return made
    }

    /// `facts.shapeDigest`, made once (or taken from the page's record with its scan).
    var shapeDigest: String {
        if let shape { return shape }
        let made = facts.shapeDigest(file: file)
        shape = made
        return made
    }

    /// Whether the page was parsed in this build (scanned afresh, or for rendering).
    var isParsed: Bool { parsedPage != nil }

    /// The page's Markdown tree, scanned. A page taken from the scan cache is parsed and
    /// scanned here, the first time it is needed; its problems are in its facts already.
    var parsed: ParsedPage {
        if let parsedPage { return parsedPage }
        var sink = DiagnosticSink()
        let parsed = ParsedPage(text, file: file, sink: &sink)
        parsed.scan(file: file, frontMatter: frontMatter, sink: &sink)
        parsedPage = parsed
        return parsed
    }

    var body: Fragment { parsed.body }
    var abstract: Fragment? { parsed.abstract }
    var footnotes: PageFootnotes { parsed.footnotes }

    /// The front matter's title as inline Markdown (values work in it). Every page list
    /// renders every title, so a page not otherwise parsed parses its title alone.
    var titleFragment: Fragment? {
        if let parsedPage { return parsedPage.titleFragment }
        if let standaloneTitle { return standaloneTitle }
        var sink = DiagnosticSink()
        let title = ParsedPage.titleFragment(of: frontMatter, file: file, sink: &sink)
        standaloneTitle = .some(title)
        return title
    }

    /// Whether the footnotes of the page may be needed to render `fragment`: only when
    /// its text writes a footnote marker (so that rendering a title does not parse the page).
    func mayNeedFootnotes(_ fragment: Fragment) -> Bool { parsedPage != nil || fragment.mentionsFootnotes }

    /// `index.md` → `index.html`, `x.md` → `x.html`.
    var outputName: String { stem + ".html" }
    /// The title as written: the front matter's, else the first `# heading`'s, else the
    /// file's name ("methods" → "Methods"). `PageRenderer.titleHTML` renders it.
    var title: String { frontMatter.title ?? titleHeading?.text ?? stem.prefix(1).uppercased() + stem.dropFirst() }
    /// The first-level heading that gives a page without a front-matter title its title
    /// (shown once, in the title block, not again in the body).
    var titleHeading: Heading? { frontMatter.title == nil ? headings.first { $0.level == 1 } : nil }
    var headings: [Heading] { facts.headings }

    /// Fragments in reading order: title, abstract, body, then what the body holds.
    var fragments: [FragmentFacts] { facts.fragments }
}

/// A page's Markdown, parsed: for rendering it (and, when the page is scanned afresh,
/// for making its `ScanRecord`).
final class ParsedPage {
    let frontMatter: FrontMatter
    let body: Fragment
    let abstract: Fragment?
    let lines: [Substring]
    private(set) var titleFragment: Fragment?
    /// Numbered once scanned; rendered with the page.
    private(set) var footnotes = PageFootnotes()

    /// Fragments in reading order: title, abstract, body (with its captions).
    var fragments: [Fragment] { (titleFragment.map { [$0] } ?? []) + (abstract.map { [$0] } ?? []) + body.allFragments }

    /// Parses a page's source (front matter problems go to `sink`).
    init(_ text: String, file: String, sink: inout DiagnosticSink) {
        let split = splitFrontMatter(text, file: file, sink: &sink)
        frontMatter = split.frontMatter
        lines = splitLines(text)
        body = Fragment(split.body, file: file, firstLine: split.bodyLineOffset + 1)
        abstract = split.frontMatter.abstract.map { Fragment($0, file: file, firstLine: split.frontMatter.abstractLine) }
    }

    /// A body on its own, with no front matter (the GFM specification's examples).
    init(body: Fragment, lines: [Substring]) {
        frontMatter = FrontMatter()
        self.body = body
        self.lines = lines
        abstract = nil
    }

    /// Finds directives, values, references, headings and images (see `Scanner`).
    func scan(file: String, frontMatter: FrontMatter, sink: inout DiagnosticSink) {
        var scanner = Scanner(sink: sink, fileLines: lines)
        if let abstract { scanner.scan(abstract, allowBlocks: false) }
        scanner.scan(body, allowBlocks: true)
        sink = scanner.sink
        if frontMatter.title != nil {
            titleFragment = Self.titleFragment(of: frontMatter, file: file, lines: lines, sink: &sink)
        } else if !body.headings.contains(where: { $0.level == 1 }), !sink.errors.contains(where: { $0.location?.file == file }) {
            // (A page whose front matter failed to parse has its error already.)
            let stem = ProjectFile.stem(file)
            sink.warning("page has no title: add 'title:' to its front matter or start it with a '# Heading'; it is called '\(stem.prefix(1).uppercased() + stem.dropFirst())'",
                         at: SourceLocation(file: file, line: 1))
        }
        footnotes = PageFootnotes(fragments: fragments, sink: &sink)
    }

    /// The front matter's title as a scanned inline fragment, or nil.
    static func titleFragment(of frontMatter: FrontMatter, file: String, lines: [Substring] = [],
                              sink: inout DiagnosticSink) -> Fragment? {
        guard let title = frontMatter.title else { return nil }
        let fragment = inlineFragment(title, file: file, line: frontMatter.titleLine, column: frontMatter.titleColumn)
        var scanner = Scanner(sink: sink, fileLines: lines)
        scanner.scan(fragment, allowBlocks: false)
        sink = scanner.sink
        return fragment
    }
}

/// How loading pages uses the last build's page records: each page's key is made of its
/// source as it is read (side by side), and a page whose record has that key takes its
/// scan from it instead of being parsed.
struct PageCache: Sendable {
    let key: @Sendable ([UInt8]) -> String
    let scan: @Sendable (_ file: String, _ key: String) -> (facts: ScanRecord, archive: [UInt8], shape: String?)?

    /// No cache: pages are keyed by their source's digest and always parsed.
    static let none = PageCache(key: { sha256Hex($0) }, scan: { _, _ in nil })
}

/// The paper folder: its pages in reading order and its bibliography.
struct Project {
    var pages: [Page]
    var bibliography: [BibEntry]
    /// Every source file read, relative to the paper folder, for the input digest.
    var sources: [String: [UInt8]]
    /// Each page's key, which the build's `PageCache.key` made of its source while the
    /// page was read (side by side): its page record's key.
    var pageKeys: [String: String] = [:]
    /// `paper/report.yaml`, when there is one.
    var file: ProjectFile? = nil

    static let bibliographyFile = "references.bib"

    /// Loads every page (front matter and Markdown tree) and the bibliography. Problems
    /// go to `sink`; pages that cannot be read are left out so that the rest can still be
    /// checked. A page whose scan the cache has (for its file name and key) is not
    /// parsed: its record stands for it, and its problems are added again.
    static func load(_ folder: URL, cache: PageCache = .none, sink: inout DiagnosticSink) -> Project {
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
        // Pages are read (and parsed, unless their scan is cached) side by side: they are
        // independent until the scan stage. Their problems are added in file order.
        let loaded = Slots(LoadedPage(), count: names.count)
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            loaded[i] = readPage(names[i], in: folder, root: root, cache: cache)
        }
        var pages: [Page] = []
        var keys: [String: String] = [:]
        for (name, page) in zip(names, loaded.values) {
            for diagnostic in page.diagnostics { sink.add(diagnostic) }
            if let bytes = page.bytes { sources[name] = bytes }
            if let key = page.key { keys[name] = key }
            if let page = page.page { pages.append(page) }
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
        return Project(pages: pages, bibliography: bibliography, sources: sources, pageKeys: keys, file: projectFile)
    }

    /// What reading one page gave: the page, or nil (its problems say why). (A page is
    /// made on one thread and handed to the build's once every page is read.)
    struct LoadedPage: @unchecked Sendable {
        var page: Page?
        var diagnostics: [Diagnostic] = []
        var bytes: [UInt8]?
        var key: String?
    }

    /// Reads one page: its scan from the cache if it has it, else parsed.
    static func readPage(_ name: String, in folder: URL, root: String, cache: PageCache) -> LoadedPage {
        let url = folder.appendingPathComponent(name)
        if let problem = pathProblem(url, insideResolved: root) {
            return LoadedPage(diagnostics: [.error(problem, at: SourceLocation(file: name, line: 1))])
        }
        let text: String
        do {
            text = try readSourceText(url, relativePath: name)
        } catch {
            return LoadedPage(diagnostics: [error])
        }
        let bytes = Array(text.utf8)
        let key = cache.key(bytes)
        if let (facts, archive, shape) = cache.scan(name, key) {
            return LoadedPage(page: Page(file: name, stem: ProjectFile.stem(name), text: text, facts: facts, archive: archive, shape: shape),
                              diagnostics: facts.loadDiagnostics, bytes: bytes, key: key)
        }
        if text.allSatisfy(\.isWhitespace) {
            return LoadedPage(diagnostics: [.error("page is empty: write some Markdown, or remove the file", at: SourceLocation(file: name, line: 1))],
                              bytes: bytes, key: key)
        }
        var sink = DiagnosticSink()
        let parsed = ParsedPage(text, file: name, sink: &sink)
        let page = Page(file: name, stem: ProjectFile.stem(name), text: text, frontMatter: parsed.frontMatter, parsed: parsed)
        page.facts.loadDiagnostics = sink.all
        return LoadedPage(page: page, diagnostics: sink.all, bytes: bytes, key: key)
    }

    /// Scans every page's fragments for directives, values, references, headings and
    /// images (see `Scanner`).
    /// images (see `Scanner`), and records what it found (`ScanRecord`). A page taken
    /// from the scan cache adds its problems again.
    func scan(sink: inout DiagnosticSink) {
        for page in pages {
            guard page.isParsed else {
                for diagnostic in page.facts.scanDiagnostics { sink.add(diagnostic) }
                continue
            }
            // The page's problems alone, with its errors from loading (the title check
            // reads them), so that its record holds what scanning it reports.
            var pageSink = DiagnosticSink()
            for diagnostic in page.facts.loadDiagnostics { pageSink.add(diagnostic) }
            let loaded = pageSink.all.count
            page.parsed.scan(file: page.file, frontMatter: page.frontMatter, sink: &pageSink)
            let found = Array(pageSink.all[loaded...])
            for diagnostic in found { sink.add(diagnostic) }
            page.facts = ScanRecord(page.parsed, frontMatter: page.frontMatter, loadDiagnostics: page.facts.loadDiagnostics,
                                    scanDiagnostics: found)
        }
    }
}

/// Results that tasks running side by side fill in, one slot each.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()

    init(_ initial: Value, count: Int) { slots = Array(repeating: initial, count: count) }

    subscript(index: Int) -> Value {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value] { lock.withLock { slots } }
}

/// Why a path may not be read, or nil: it must resolve, through any symbolic links,
/// to a place inside the paper folder.
func pathProblem(_ url: URL, inside folder: URL) -> String? {
    pathProblem(url, insideResolved: folder.resolvingSymlinksInPath().standardizedFileURL.path)
}

/// The same, with the folder's path already resolved (a large paper has many pages).
func pathProblem(_ url: URL, insideResolved root: String) -> String? {
    // A path written under the resolved folder, through names that are neither '.' nor
    // '..' nor symbolic links, is its own resolved path: one lstat per name, where
    // resolving the whole path took several calls per folder above the paper too.
    let path = url.path, base = root.hasSuffix("/") ? root : root + "/"
    if path.hasPrefix(base) {
        var current = String(base.dropLast()), plain = true
        for name in path.dropFirst(base.count).split(separator: "/", omittingEmptySubsequences: false) {
            current += "/" + name
            var info = stat()
            guard !name.isEmpty, name != ".", name != "..", lstat(current, &info) == 0,
                  (info.st_mode & S_IFMT) != S_IFLNK else { plain = false; break }
        }
        if plain { return nil }
    }
    let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
    if resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return nil }
    return "'\(url.lastPathComponent)' resolves to a place outside the paper folder; only files inside it are read"
}
