import CCmark
import NotebookInterface

/// What every stage but rendering needs to know about one page, without its Markdown
/// tree: its front matter, headings, directives, values, references, images, links, the
/// leftovers to warn about and the problems found reading and scanning it.
///
/// Scanning is a function of the page's file name, its bytes and the report binary, so a
/// record is kept with the page's render record (`PageRecord`, keyed by exactly these)
/// and the next build takes it instead of parsing the page: a one-page edit of a large
/// paper parses and scans one page, and parses another only if it must be rendered
/// again (`Page.parsed`). Every stage reads a page through its record, whether it was
/// just scanned or taken from the cache, so both give the same build.
struct ScanRecord {
    var frontMatter = FrontMatter()
    /// Problems found reading the page (its front matter) and scanning it, in the order
    /// they were found; a record taken from the cache adds them again.
    var loadDiagnostics: [Diagnostic] = []
    var scanDiagnostics: [Diagnostic] = []
    /// Headings of the body (without their nodes).
    var headings: [Heading] = []
    /// The page's fragments in reading order: title, abstract, body, then the fragments
    /// nested in the body (captions, cells, admonitions), as `ParsedPage.fragments`.
    var fragments: [FragmentFacts] = []
    /// Author tables of the body, numbered with computed tables.
    var authorTables: [AuthorTableFacts] = []
    /// Text that still looks like markup the builder owns (see `Leftovers`).
    var leftovers: [Leftover] = []
    /// The front matter's title as HTML, when it is Markdown alone (no value, reference
    /// or footnote in it), so the same in every build: every page list shows every title,
    /// and a page not otherwise rendered need not parse its title for it.
    var titleHTML: String?

    /// The body's block directives (only the body may hold them).
    var blocks: [BlockDirective] { fragments.flatMap(\.blocks) }
}

/// What the stages before rendering read from one fragment.
struct FragmentFacts {
    var blocks: [BlockDirective] = []
    var values: [ValueUse] = []
    var references: [ReferenceUse] = []
    var images: [LocalImage] = []
    var links: [LocalLink] = []
}

/// `` {value}`key` ``, where it was written.
struct ValueUse {
    var key: String
    var location: SourceLocation
    var request: Request { Request(kind: .value, name: key) }
}

/// A cross-reference or citation, where it was written.
struct ReferenceUse {
    var kind: InlineReference.Kind
    var location: SourceLocation
}

/// A local image, with its URL as written.
struct LocalImage {
    var url: String
    var location: SourceLocation
}

struct AuthorTableFacts {
    var label: DirectiveOption?
    var location: SourceLocation
}

/// What a caption (or a claim's sentence) is, for the stages that do not render it.
struct CaptionFacts {
    /// Its words as written (see `Fragment.writtenText`): what a claim's sentence names.
    var writtenText: String
    /// Its text for a hover preview, with values and references still to be filled in.
    var preview: [PreviewPiece]
}

/// A piece of a caption's preview text (see `RenderInputs.preview(label:)`).
enum PreviewPiece {
    case text(String)
    /// An inline value: its text in this build, or the key when it has none.
    case value(key: String)
    case reference(InlineReference.Kind)
    /// A space between paragraphs, when something came before.
    case paragraphBreak
}

extension ScanRecord {
    /// The record of a page just parsed and scanned.
    init(_ parsed: ParsedPage, frontMatter: FrontMatter, loadDiagnostics: [Diagnostic], scanDiagnostics: [Diagnostic]) {
        self.frontMatter = frontMatter
        self.loadDiagnostics = loadDiagnostics
        self.scanDiagnostics = scanDiagnostics
        headings = parsed.body.headings.map { var h = $0; h.node = nil; return h }
        fragments = parsed.fragments.map(FragmentFacts.init)
        authorTables = parsed.body.authoring.authorTables.map { AuthorTableFacts(label: $0.label, location: $0.location) }
        leftovers = parsed.fragments.flatMap(Leftovers.find)
        titleHTML = Self.fixedTitleHTML(frontMatter, file: parsed.body.file)
    }

    /// The title's HTML when nothing in it depends on the rest of the paper, made as the
    /// renderer makes it (`PageRenderer.inlineHTML`) from a parse of its own.
    static func fixedTitleHTML(_ frontMatter: FrontMatter, file: String) -> String? {
        var sink = DiagnosticSink()
        guard let title = ParsedPage.titleFragment(of: frontMatter, file: file, sink: &sink), title.values.isEmpty,
              title.references.isEmpty, !title.mentionsFootnotes, title.authoring.pipeTables.isEmpty,
              title.authoring.admonitions.isEmpty, title.authoring.authorTables.isEmpty else { return nil }
        applyInlinePasses(MarkdownNode(title.tree.root), footnotes: nil)
        return PageRenderer.inlineHTML(fromBlock: title.tree.html(title.proof))
    }
}

extension FragmentFacts {
    init(_ fragment: Fragment) {
        blocks = fragment.blocks.map { block in
            var facts = block
            facts.caption = block.body.map { CaptionFacts(writtenText: $0.writtenText, preview: previewPieces(of: $0)) }
            facts.node = nil
            facts.body = nil
            return facts
        }
        values = fragment.values.map { ValueUse(key: $0.key, location: $0.location) }
        references = fragment.references.map { ReferenceUse(kind: $0.kind, location: $0.location) }
        images = fragment.images.map { LocalImage(url: $0.url, location: $0.location) }
        links = fragment.authoring.links
    }
}

/// A caption's text as pieces, read from its tree once it is scanned (before anything
/// in it is replaced): the preview of a figure on a page not rendered in this build.
private func previewPieces(of fragment: Fragment) -> [PreviewPiece] {
    var values: [MarkdownNode: String] = [:]
    var roles: Set<MarkdownNode> = []
    var references: [MarkdownNode: [InlineReference]] = [:]
    for v in fragment.values {
        values[v.codeNode] = v.key
        roles.insert(v.roleNode)
    }
    for r in fragment.references { references[r.node, default: []].append(r) }
    var out: [PreviewPiece] = []
    for node in fragment.tree.nodes() {
        switch node.type {
        case CMARK_NODE_TEXT:
            let text = node.literal ?? ""
            var pieces: [PreviewPiece] = []
            var cursor = text.startIndex
            for r in references[node] ?? [] {
                pieces.append(.text(String(text[cursor..<r.range.lowerBound])))
                pieces.append(.reference(r.kind))
                cursor = r.range.upperBound
            }
            var rest = String(text[cursor...])
            if roles.contains(node), rest.hasSuffix("{value}") { rest.removeLast("{value}".count) }
            pieces.append(.text(rest))
            out += pieces
        case CMARK_NODE_CODE:
            out.append(values[node].map { PreviewPiece.value(key: $0) } ?? .text(node.literal ?? ""))
        case CMARK_NODE_HTML_INLINE:
            // A rendered caption starts with its own number ("Figure 1."): the preview has it already.
            let html = node.literal ?? ""
            if !html.hasPrefix("<a class=\"number\"") { out.append(.text(textOfHTML(html))) }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(.text(" "))
        case CMARK_NODE_PARAGRAPH: out.append(.paragraphBreak)
        default: break
        }
    }
    return out
}

// MARK: Archiving (see `Archive`)

extension ScanRecord: Archivable {
    /// Changed whenever what a record holds changes (the binary's fingerprint changes too).
    static let format = "scan-record 2"

    func write(to a: inout ArchiveWriter) {
        a.write(Self.format)
        a.write(frontMatter)
        a.write(loadDiagnostics)
        a.write(scanDiagnostics)
        a.write(headings)
        a.write(fragments)
        a.write(authorTables)
        a.write(leftovers)
        a.write(titleHTML)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        guard try a.string() == Self.format else { throw ArchiveReader.Damaged() }
        frontMatter = try a.read()
        loadDiagnostics = try a.array()
        scanDiagnostics = try a.array()
        headings = try a.array()
        fragments = try a.array()
        authorTables = try a.array()
        leftovers = try a.array()
        titleHTML = try a.optionalString()
    }

    /// The record as bytes, locations in `file` written without their file name.
    func archived(file: String) -> [UInt8] {
        var writer = ArchiveWriter()
        writer.pageFile = file
        write(to: &writer)
        return writer.bytes
    }

    /// The digest of what other pages can read of this record, wherever on the page it is
    /// written: the record archived with each location replaced by its rank among the
    /// record's locations. What a page shows of another depends on where things are only
    /// through their order on that page (an author table numbered before a figure below
    /// it) and through lookups by location within one build; a page asks questions keyed
    /// by location only about itself (`RenderInputs.heading`). So an edit that moves what
    /// follows it (a word inserted before a reference, a line added) leaves the shape as
    /// it was, and the other pages are taken without asking their questions again.
    func shapeDigest(file: String) -> String {
        var collecting = ArchiveWriter()
        collecting.pageFile = file
        collecting.collectedLocations = []
        write(to: &collecting)
        let ordered = Set(collecting.collectedLocations ?? []).sorted()
        var writer = ArchiveWriter()
        writer.pageFile = file
        writer.locationRanks = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
        write(to: &writer)
        return sha256Hex(writer.bytes)
    }

    /// A record read back from `archived(file:)`, or nil when the bytes are damaged.
    init?(archived bytes: ArraySlice<UInt8>, file: String) {
        var reader = ArchiveReader(Array(bytes))
        reader.pageFile = file
        guard let record = try? ScanRecord(from: &reader), reader.atEnd else { return nil }
        self = record
    }
}

extension SourceLocation: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.collectedLocations?.append(self)
        // Nearly every location is in the page's own file: one byte says so.
        if file == a.pageFile { a.write(true) } else { a.write(false); a.write(file) }
        if let ranks = a.locationRanks {
            a.write(ranks[self] ?? -1)
        } else {
            a.write(line)
            a.write(column)
        }
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        let file = try a.bool() ? a.pageFile : try a.string()
        self.init(file: file, line: try a.int(), column: try a.int())
    }
}

extension Diagnostic: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(severity == .error)
        a.write(location)
        a.write(message)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        let severity: Severity = try a.bool() ? .error : .warning
        let location: SourceLocation? = try a.optional()
        self.init(severity, try a.string(), at: location)
    }
}

extension FrontMatter.Author: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(name)
        a.write(affiliation)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(name: try a.string(), affiliation: try a.optionalString())
    }
}

extension FrontMatter: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(title)
        a.write(subtitle)
        a.write(authors)
        a.write(date)
        a.write(abstract)
        a.write(abstractLine)
        a.write(titleLine)
        a.write(titleColumn)
        a.write(order != nil)
        if let order { a.write(order) }
        a.write(url)
        a.write(repository)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init()
        title = try a.optionalString()
        subtitle = try a.optionalString()
        authors = try a.array()
        date = try a.optionalString()
        abstract = try a.optionalString()
        abstractLine = try a.int()
        titleLine = try a.int()
        titleColumn = try a.int()
        order = try a.bool() ? try a.int() : nil
        url = try a.optionalString()
        repository = try a.optionalString()
    }
}

extension Heading: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(level)
        a.write(text)
        a.write(contentsHTML)
        a.write(label)
        a.write(location)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(level: try a.int(), text: try a.string(), contentsHTML: try a.string(), label: try a.optionalString(),
                  location: try a.read(), node: nil)
    }
}

extension DirectiveOption: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(key)
        a.write(value)
        a.write(location)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(key: try a.string(), value: try a.string(), location: try a.read())
    }
}

extension RawBody: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(text)
        a.write(UInt64(lineStarts.count))
        for start in lineStarts {
            a.write(start.offset)
            a.write(start.location)
        }
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        let text = try a.string()
        var starts: [(offset: Int, location: SourceLocation)] = []
        for _ in 0..<(try a.count()) { starts.append((try a.int(), try a.read())) }
        self.init(text: text, lineStarts: starts)
    }
}

extension CaptionFacts: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(writtenText)
        a.write(preview)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(writtenText: try a.string(), preview: try a.array())
    }
}

extension PreviewPiece: Archivable {
    func write(to a: inout ArchiveWriter) {
        switch self {
        case .text(let s): a.write(0); a.write(s)
        case .value(let key): a.write(1); a.write(key)
        case .reference(let kind): a.write(2); a.write(kind)
        case .paragraphBreak: a.write(3)
        }
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        switch try a.int() {
        case 0: self = .text(try a.string())
        case 1: self = .value(key: try a.string())
        case 2: self = .reference(try a.read())
        case 3: self = .paragraphBreak
        default: throw ArchiveReader.Damaged()
        }
    }
}

extension CitationItem: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(key)
        a.write(prefix)
        a.write(locator)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(key: try a.string(), prefix: try a.string(), locator: try a.string())
    }
}

extension InlineReference.Kind: Archivable {
    func write(to a: inout ArchiveWriter) {
        switch self {
        case .crossReference(let label): a.write(0); a.write(label)
        case .citation(let items): a.write(1); a.write(items)
        case .narrative(let item): a.write(2); a.write(item)
        }
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        switch try a.int() {
        case 0: self = .crossReference(try a.string())
        case 1: self = .citation(try a.array())
        case 2: self = .narrative(try a.read())
        default: throw ArchiveReader.Damaged()
        }
    }
}

extension BlockDirective: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(kind.name)
        a.write(name)
        a.write(arguments)
        a.write(options)
        a.write(rawBody)
        a.write(location)
        a.write(caption)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        guard let kind = DirectiveKind.named(try a.string()) else { throw ArchiveReader.Damaged() }
        self.init(kind: kind, name: try a.string(), arguments: try a.strings(), options: try a.array(), body: nil,
                  rawBody: try a.optional(), location: try a.read(), node: nil)
        caption = try a.optional()
    }
}

/// A fact that is a string written at a place (a value's key, an image's or a link's
/// URL): archived alike.
protocol TextAtLocation: Archivable {
    var text: String { get }
    var location: SourceLocation { get }
    init(text: String, location: SourceLocation)
}

extension TextAtLocation {
    func write(to a: inout ArchiveWriter) {
        a.write(text)
        a.write(location)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(text: try a.string(), location: try a.read())
    }
}

extension ValueUse: TextAtLocation {
    var text: String { key }
    init(text: String, location: SourceLocation) { self.init(key: text, location: location) }
}

extension LocalImage: TextAtLocation {
    var text: String { url }
    init(text: String, location: SourceLocation) { self.init(url: text, location: location) }
}

extension LocalLink: TextAtLocation {
    var text: String { url }
    init(text: String, location: SourceLocation) { self.init(url: text, location: location) }
}

extension ReferenceUse: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(kind)
        a.write(location)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(kind: try a.read(), location: try a.read())
    }
}

extension AuthorTableFacts: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(label)
        a.write(location)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(label: try a.optional(), location: try a.read())
    }
}

extension FragmentFacts: Archivable {
    func write(to a: inout ArchiveWriter) {
        a.write(blocks)
        a.write(values)
        a.write(references)
        a.write(images)
        a.write(links)
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        self.init(blocks: try a.array(), values: try a.array(), references: try a.array(), images: try a.array(),
                  links: try a.array())
    }
}
