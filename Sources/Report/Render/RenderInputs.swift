import CCmark
import Foundation
import NotebookInterface

/// A question a page's HTML asks about the rest of the paper. The renderer reaches the
/// paper only through these (`RenderInputs`), so the questions a page asked, with their
/// answers, are everything its HTML depends on besides its own source: a page whose
/// source is unchanged and whose questions get the same answers renders the same bytes,
/// and may be taken from the last build (`PageRecord`).
enum RenderQuestion: Hashable, Sendable {
    /// Every page's file, output name and title, in reading order.
    case pages
    /// Paper-wide facts: title, licence, repository, address, the first page's subtitle.
    case paper
    /// The build's facts shown on every page (`BuildInfo` without the inputs digest).
    case build
    /// The digest of everything the paper's results read ("Cite this paper").
    case inputsDigest
    /// The first page's contents: every section of every page.
    case contents
    /// The id and number of the heading at a location.
    case heading(SourceLocation)
    /// The label of the block directive or author table at a location.
    case blockLabel(SourceLocation)
    /// What a label points to.
    case target(label: String)
    /// A directive's or value's result.
    case result(Request)
    case citationNumber(key: String)
    case bibEntry(key: String)
    /// The reference list: cited entries in order.
    case references
    /// Hover previews of a label and of a cited key, and a figure's preview image.
    case preview(label: String)
    case previewImage(label: String)
    case citationPreview(key: String)
}

extension RenderQuestion {
    /// Whether answering it reads only what was fixed before rendering (the resolution,
    /// the results, the pages' records, and the page list once made), so that such
    /// questions may be answered side by side. The others build what they answer from
    /// (the page list renders every title) and are answered one at a time.
    var readsOnlyFixedData: Bool {
        switch self {
        case .pages, .paper, .contents, .build, .inputsDigest, .references: false
        case .heading, .blockLabel, .target, .result, .citationNumber, .bibEntry, .preview, .previewImage, .citationPreview: true
        }
    }
}

/// A value handed to tasks running side by side that only read it (see where it is used).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// An answer's canonical text: equal text means the renderer got an equal value.
protocol RenderAnswer {
    var canonical: String { get }
}

/// The paper as the page renderer sees it: every read is a `RenderQuestion`, answered
/// once per build and recorded for the page that asked. The paper's data is private
/// here, so the renderer cannot read around the record.
final class RenderInputs {
    private let project: Project
    private let resolution: Resolution
    private let results: [Request: Evaluated]
    private let info: BuildInfo
    /// How links between places and URLs of the build's files are written: per page or
    /// for the whole paper in one file (`--self-contained`).
    let links: PaperLinks
    let assets: AssetLinks

    private var answers: [RenderQuestion: (value: any RenderAnswer, digest: String)] = [:]
    private lazy var pagesByFile = Dictionary(project.pages.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
    /// The questions each page asked, by page file.
    private(set) var asked: [String: Set<RenderQuestion>] = [:]

    init(project: Project, resolution: Resolution, results: [Request: Evaluated], info: BuildInfo,
         links: PaperLinks = .pages, assets: AssetLinks = .relative) {
        self.project = project
        self.links = links
        self.assets = assets
        self.resolution = resolution
        self.results = results
        self.info = info
    }

    /// The answer to `question`, recorded as read by `page`.
    private func ask<A: RenderAnswer>(_ question: RenderQuestion, for page: Page) -> A {
        asked[page.file, default: []].insert(question)
        return answer(question).value as! A
    }

    /// The answer (computed once) and the digest of its canonical text.
    private func answer(_ question: RenderQuestion) -> (value: any RenderAnswer, digest: String) {
        if let known = answers[question] { return known }
        let value = compute(question)
        let entry = (value: value, digest: sha256Hex(Array(value.canonical.utf8)))
        answers[question] = entry
        return entry
    }

    /// The digest of a question's answer in this build (for checking a page's record).
    func digest(of question: RenderQuestion) -> String { answer(question).digest }

    /// The same, not kept: checking the records of a large paper asks tens of thousands
    /// of questions that no page rendered in this build asks (`RecordedAnswers` keeps
    /// each digest by its line), and keeping each answer here cost more than computing it.
    /// Before questions that read only fixed data are answered side by side
    /// (`RecordedAnswers.prepare`): what they read lazily is made now, in turn.
    func prepareForAnswersSideBySide() {
        _ = pagesByFile
        _ = answer(.pages)
    }

    /// The digest of everything an answer can read (see `compute`), or nil in a
    /// self-contained build (which keeps no page records). Equal digests mean that every
    /// question gets the answer it got, so a page whose source is unchanged renders the
    /// bytes it rendered then (`PageRecord.context`), without asking its questions again.
    ///
    /// It digests what this class holds, which is everything `compute` reads:
    /// - the build's facts, `info` (with the inputs digest);
    /// - every source that is not a page, as read: `report.yaml` (the project file) and
    ///   the bibliography;
    /// - every page in reading order: its file, its scan record's shape (front matter,
    ///   headings, blocks with their captions, references, …, and the order of where they
    ///   are written: `ScanRecord.shapeDigest`), and its source (by its key) when its
    ///   title is rendered from its tree (a `#` heading, or a footnote in the title): the
    ///   page list reads nothing else of a page;
    /// - the resolution, which is made from these alone (`Resolution(project:)`);
    /// - the results: each is a function of its request (in the pages' scans), the
    ///   fingerprint and the files it read, all in the inputs digest.
    /// A property added to this class is added here.
    func contextDigest() -> String? {
        guard links.isPages, !assets.embeds else { return nil }
        var stream = SHA256Stream()
        stream.field("report-render-context 1")
        stream.field(BuildFacts(info).canonical)
        stream.field(info.inputsDigest)
        let pageFiles = Set(project.pages.map(\.file))
        for (file, bytes) in project.sources.sorted(by: { $0.key < $1.key }) where !pageFiles.contains(file) {
            stream.field(file)
            stream.field(sha256Hex(bytes))
        }
        for page in project.pages {
            stream.field(page.file)
            stream.field(page.outputName)
            stream.field(page.shapeDigest)
            let titleFromTree = page.facts.titleHTML == nil
                && (page.frontMatter.title == nil || page.titleFragment?.mentionsFootnotes == true)
            stream.field(titleFromTree ? project.pageKeys[page.file] ?? "?" : "-")
        }
        return stream.finalHex()
    }

    func unkeptDigest(of question: RenderQuestion) -> String {
        sha256Hex(compute(question).canonical)
    }

    /// The one place answers are computed: both what the renderer gets and what a
    /// recorded page is checked against.
    private func compute(_ question: RenderQuestion) -> any RenderAnswer {
        switch question {
        case .pages: return pageList()
        case .paper: return paperFacts()
        case .build: return BuildFacts(info)
        case .inputsDigest: return info.inputsDigest
        case .contents:
            let html = paperContents(links)
            return PaperContents(html: html, canonical: links.isPages ? html : paperContents(.pages))
        case .heading(let location):
            let heading = pagesByFile[location.file]?.headings.first { $0.location == location }
            return HeadingView(id: heading.flatMap { resolution.headingIDs[$0.location] },
                               number: heading.flatMap { resolution.headingNumbers[$0.location] })
        case .blockLabel(let location): return blockLabel(at: location)
        case .target(let label): return resolution.targets[label].map(TargetView.init)
        case .result(let request): return results[request]
        case .citationNumber(let key): return resolution.citationNumbers[key]
        case .bibEntry(let key): return project.bibliography.first { $0.key == key }
        case .references: return resolution.citedEntries
        case .preview(let label): return preview(label: label)
        case .previewImage(let label): return previewImage(label: label)
        case .citationPreview(let key): return preview(citation: key)
        }
    }

    // MARK: What the renderer asks

    func pages(for page: Page) -> [PageSummary] { ask(.pages, for: page) }
    func paper(for page: Page) -> PaperFacts { ask(.paper, for: page) }
    func build(for page: Page) -> BuildFacts { ask(.build, for: page) }
    func inputsDigest(for page: Page) -> String { ask(.inputsDigest, for: page) }
    /// The page's own input digest, as a mark filled in once the page is rendered
    /// (`filledPageDigest`): the digest covers the answers to every question the page
    /// asked (see `PageDigest`), so it is known only after rendering. It is no question
    /// about the rest of the paper.
    func pageDigest(prefix length: Int, for page: Page) -> String {
        PageDigest.mark(length, source: sha256Hex(project.sources[page.file] ?? []))
    }

    /// A rendered page's HTML, as bytes, with its digest in place of its marks.
    func filledPageDigestBytes(_ html: String, of page: Page, digest: String) -> [UInt8] {
        PageDigest.fill(html, source: sha256Hex(project.sources[page.file] ?? []), with: digest)
    }

    /// The same, as text.
    func filledPageDigest(_ html: String, of page: Page, digest: String) -> String {
        String(decoding: filledPageDigestBytes(html, of: page, digest: digest), as: UTF8.self)
    }

    func contents(for page: Page) -> String { (ask(.contents, for: page) as PaperContents).html }
    // A page asks questions keyed by location only about itself: what it shows of other
    // pages may not depend on where on them things are written (`ScanRecord.shapeDigest`).
    func heading(_ heading: Heading, for page: Page) -> HeadingView {
        precondition(heading.location.file == page.file, "a page asked about a heading of another page")
        return ask(.heading(heading.location), for: page)
    }
    func blockLabel(at location: SourceLocation, for page: Page) -> String? {
        precondition(location.file == page.file, "a page asked about a block of another page")
        return ask(.blockLabel(location), for: page)
    }
    func target(_ label: String, for page: Page) -> TargetView? { ask(.target(label: label), for: page) }
    func result(_ request: Request, for page: Page) -> Evaluated? { ask(.result(request), for: page) }
    func citationNumber(_ key: String, for page: Page) -> Int? { ask(.citationNumber(key: key), for: page) }
    func bibEntry(_ key: String, for page: Page) -> BibEntry? { ask(.bibEntry(key: key), for: page) }
    func references(for page: Page) -> [BibEntry] { ask(.references, for: page) }
    func preview(label: String, for page: Page) -> String? { ask(.preview(label: label), for: page) }
    func previewImage(label: String, for page: Page) -> String? { ask(.previewImage(label: label), for: page) }
    func preview(citation key: String, for page: Page) -> String? { ask(.citationPreview(key: key), for: page) }

    // MARK: Answers

    /// Every page's title, rendered once (values in titles are rendered for their own page).
    private func pageList() -> [PageSummary] {
        let renderer = PageRenderer(inputs: self)
        return project.pages.map { page in
            var html: String?
            if let fixed = page.facts.titleHTML {
                html = fixed
            } else if let fragment = page.titleFragment {
                html = renderer.inlineHTML(fragment, on: page)
            } else if let title = page.titleHeading,
                      let heading = page.body.headings.first(where: { $0.location == title.location }), let node = heading.node {
                // (A title from a heading needs the page's tree: such a page is parsed.)
                renderer.replaceInlines(in: page.body, on: page)
                html = node.innerHTML(page.body.proof).replacingOccurrences(of: "^<h1>|</h1>$", with: "", options: .regularExpression)
            }
            return PageSummary(file: page.file, outputName: page.outputName,
                               titleHTML: html ?? escapeHTML(page.title), titleText: html.map(textOfHTML) ?? page.title)
        }
    }

    private func paperFacts() -> PaperFacts {
        let first = project.pages.first
        let titles = first.map { _ in answer(.pages).value as! [PageSummary] }?.first
        return PaperFacts(titleText: project.file?.title ?? titles?.titleText ?? "Untitled",
                          titleHTML: project.file?.title.map(escapeHTML) ?? titles?.titleHTML ?? "Untitled",
                          license: project.file?.license,
                          repository: project.file?.repository ?? first?.frontMatter.repository,
                          url: first?.frontMatter.url, subtitle: first?.frontMatter.subtitle,
                          fileAuthors: project.file?.authors ?? [], fileDate: project.file?.date)
    }

    private func blockLabel(at location: SourceLocation) -> String? {
        guard let page = pagesByFile[location.file] else { return nil }
        guard page.blocks.contains(where: { $0.location == location })
                || page.facts.authorTables.contains(where: { $0.location == location }) else { return nil }
        return resolution.blockLabels[location]
    }

    /// The first page's contents: every section of every page, numbered as in the text,
    /// then the references.
    private func paperContents(_ links: PaperLinks) -> String {
        let first = project.pages.first
        var out = "<nav class=\"toc toc-paper\" aria-label=\"Contents\"><h2 class=\"toc-title\">Contents</h2><ol>"
        var openItem = false, openSub = false
        var count = 0
        for page in project.pages {
            for heading in page.headings where heading.level == 2 || heading.level == 3 {
                let id = resolution.headingIDs[heading.location] ?? ""
                let href = links.href(to: page.outputName, anchor: id, from: first?.outputName ?? "")
                let number = resolution.headingNumbers[heading.location].map { "<span class=\"secnum\">\($0)</span> " } ?? ""
                let link = "<a href=\"\(href)\">\(number)\(heading.contentsHTML)</a>"
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
        if let refs = project.pages.last, !resolution.citedEntries.isEmpty {
            let href = links.href(to: refs.outputName, anchor: "references", from: first?.outputName ?? "")
            out += "<li><a href=\"\(href)\">References</a></li>"
            count += 1
        }
        guard count >= 2 else { return "" }
        return out + "</ol></nav>\n"
    }

    // MARK: Previews

    // Short plain-text previews of what a cross-reference or citation points to, shown
    // when the reader hovers over or taps the link (see `previewScript`). They are written
    // into the link as `data-preview`, so that they work across pages and in a
    // self-contained page with no request.

    /// "Figure 2. Top-1 accuracy against operations …" for a label, or nil.
    private func preview(label: String) -> String? {
        guard let target = resolution.targets[label] else { return nil }
        let page = target.page
        // The target is where the heading or block is written.
        if let heading = page.headings.first(where: { $0.location == target.location && resolution.headingIDs[$0.location] == label }) {
            let number = resolution.headingNumbers[heading.location].map { "Section \($0) " } ?? ""
            let title = (answer(.pages).value as! [PageSummary]).first { $0.file == page.file }?.titleText ?? page.title
            let onPage = page === project.pages.first ? "" : " (page “\(title)”)"
            return number + heading.text + onPage
        }
        guard let block = page.blocks.first(where: { $0.location == target.location }) else { return nil }
        let text = block.caption.map { previewText(of: $0.preview) } ?? ""
        return clipped("\(target.name). \(text)")
    }

    /// The path of the figure's image for a preview, in the output folder.
    private func previewImage(label: String) -> String? {
        guard let target = resolution.targets[label],
              let block = target.page.blocks.first(where: { $0.location == target.location }),
              block.kind.name == "figure" else { return nil }
        return OutputPaths.figures + "/" + label + ".png"
    }

    /// The reference-list entry of a citation key, as plain text.
    private func preview(citation key: String) -> String? {
        guard let n = resolution.citationNumbers[key], let entry = resolution.citedEntries.first(where: { $0.key == key })
        else { return nil }
        return clipped("[\(n)] " + textOfHTML(referenceText(entry)))
    }

    /// A caption's text with values and references as the reader sees them, from the
    /// pieces its page's scan recorded (the page may not be parsed in this build).
    private func previewText(of pieces: [PreviewPiece]) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .value(let key):
                if case .value(let value)? = results[Request(kind: .value, name: key)] { out += value.text } else { out += key }
            case .reference(let kind): out += referenceName(kind)
            case .paragraphBreak: if !out.isEmpty { out += " " }
            }
        }
        return out.trimmingSpacesAndNewlines
    }

    private func referenceName(_ kind: InlineReference.Kind) -> String {
        switch kind {
        case .crossReference(let label): return resolution.targets[label]?.name ?? "@" + label
        case .citation(let items):
            return "[" + items.compactMap { resolution.citationNumbers[$0.key].map(String.init) }.joined(separator: ", ") + "]"
        case .narrative(let item):
            let number = resolution.citationNumbers[item.key].map { " [\($0)]" } ?? ""
            return (project.bibliography.first { $0.key == item.key }.map(shortAuthors) ?? item.key) + number
        }
    }

    /// At most about 300 characters, cut at a word.
    private func clipped(_ s: String) -> String {
        guard s.count > 300 else { return s }
        let head = s.prefix(300)
        return (head.lastIndex(of: " ").map { String(head[..<$0]) } ?? String(head)) + " …"
    }
}

// MARK: The answers' types

/// The first page's contents, and the text its digest reads: the contents as in a build
/// of pages, since where the links point (across pages or inside one file) is how the
/// paper is written out, not what the page shows from the rest of it.
struct PaperContents: RenderAnswer {
    var html: String
    var canonical: String
}

/// A page as others see it: its names and its rendered title.
struct PageSummary: RenderAnswer {
    var file: String
    var outputName: String
    var titleHTML: String
    var titleText: String
    var canonical: String { [file, outputName, titleHTML, titleText].joined(separator: "\u{0}") }
}

struct PaperFacts: RenderAnswer {
    var titleText: String
    var titleHTML: String
    var license: String?
    var repository: String?
    var url: String?
    var subtitle: String?
    /// The project file's authors and date, which the first page shows when it names none.
    var fileAuthors: [FrontMatter.Author]
    var fileDate: String?
    var canonical: String {
        ([titleText, titleHTML, license ?? "\u{1}", repository ?? "\u{1}", url ?? "\u{1}", subtitle ?? "\u{1}", fileDate ?? "\u{1}"]
            + fileAuthors.map { "\($0.name)\u{2}\($0.affiliation ?? "\u{1}")" }).joined(separator: "\u{0}")
    }
}

/// `BuildInfo` without the inputs digest (which only the first page shows).
struct BuildFacts: RenderAnswer {
    var paperTitle: String
    var authors: [FrontMatter.Author]
    var date: String?
    var fingerprint: String
    var reportVersion: String
    var lastChanged: String?

    init(_ info: BuildInfo) {
        paperTitle = info.paperTitle
        authors = info.authors
        date = info.date
        fingerprint = info.fingerprint
        reportVersion = info.reportVersion
        lastChanged = info.lastChanged
    }

    var canonical: String {
        ([paperTitle, date ?? "\u{1}", fingerprint, reportVersion, lastChanged ?? "\u{1}"]
            + authors.map { "\($0.name)\u{2}\($0.affiliation ?? "\u{1}")" }).joined(separator: "\u{0}")
    }
}

/// What a label points to, as the renderer sees it (without the page it lies on).
struct TargetView: RenderAnswer {
    var noun: String
    var label: String
    var number: String
    var pageFile: String
    var outputName: String
    /// "Figure 2"
    var name: String { "\(noun) \(number)" }

    init(_ target: Target) {
        noun = target.noun
        label = target.label
        number = target.number
        pageFile = target.page.file
        outputName = target.page.outputName
    }

    var canonical: String { [noun, label, number, pageFile, outputName].joined(separator: "\u{0}") }
}

struct HeadingView: RenderAnswer {
    var id: String?
    var number: String?
    var canonical: String { (id ?? "\u{1}") + "\u{0}" + (number ?? "\u{1}") }
}

extension String: RenderAnswer { var canonical: String { self } }
extension Int: RenderAnswer { var canonical: String { String(self) } }

extension Optional: RenderAnswer where Wrapped: RenderAnswer {
    var canonical: String { map { "some\u{0}" + $0.canonical } ?? "none" }
}

extension Array: RenderAnswer where Element: RenderAnswer {
    var canonical: String { map(\.canonical).joined(separator: "\u{3}") }
}

extension BibEntry: RenderAnswer {
    var canonical: String {
        ([type, key, String(line)] + fields.sorted { $0.key < $1.key }.map { "\($0.key)\u{2}\($0.value)" }).joined(separator: "\u{0}")
    }
}

extension Evaluated: RenderAnswer {
    var canonical: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) -> String { (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "" }
        switch self {
        case .value(let v): return "value\u{0}" + json(v)
        case .table(let t): return "table\u{0}" + json(t)
        case .claim(let c): return "claim\u{0}" + json(c)
        case .figure(let f):
            return "figure\u{0}\(f.width)\u{0}\(f.height)\u{0}\(f.csv)\u{0}"
                + f.files.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value.digest)" }.joined(separator: ",")
        }
    }
}
