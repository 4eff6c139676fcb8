import Foundation
import NotebookInterface

/// What a rendered page depended on, kept in the cache so that the next build can take
/// the page's HTML from the last one instead of rendering it again.
///
/// A page's HTML is a function of its source, the build's fingerprint and version, and
/// the answers to the questions it asked (`RenderInputs` is the renderer's only way to
/// the rest of the paper, and records every question). The record keeps the questions
/// as asked and one digest of their answers; the page is reused only when its source
/// and fingerprint are the same and the same questions get the same answers now. What a
/// page depends on is therefore what it read, never a list kept by hand.
///
/// Most builds change nothing another page can read (a sentence edited): the record also
/// keeps the digest of everything any answer can read (`RenderInputs.contextDigest`),
/// and when it is this build's the answers are the same without asking the questions.
struct PageRecord: Equatable {
    static let folderName = "pages"
    static let header = "report-page-record 4"

    /// Digest of the page's source with the fingerprint and version.
    var key: String
    /// Digest of the HTML it rendered.
    var html: String
    /// Digest of the answers to `questions`, in their order.
    var answers: String
    /// The digest of everything an answer could read when the answers were taken
    /// (`RenderInputs.contextDigest`), or "-" when there was none.
    var context: String
    /// The digest of the scan's shape (`ScanRecord.shapeDigest`), kept with the scan so
    /// that the next build need not make it again; "-" when there is none.
    var shape: String
    /// The questions as asked, one per line (each ending in a newline). Kept as bytes and
    /// split only when asked again: most builds take most pages by their context alone.
    private var questionLines: ArraySlice<UInt8>
    var questions: [String] {
        get { splitLines(String(decoding: questionLines, as: UTF8.self)).dropLast().map(String.init) }
        set { questionLines = ArraySlice(newValue.map { $0 + "\n" }.joined().utf8) }
    }
    /// The page's `ScanRecord`, archived: the next build takes it instead of parsing the
    /// page when the key (the source, fingerprint and version) is the same.
    var scan: [UInt8] = []

    /// Where a page's record lies in a cache folder.
    static func url(in cache: URL, page file: String) -> URL {
        cache.appendingPathComponent(folderName).appendingPathComponent(fileName(page: file))
    }

    /// The name of a page's record in `folderName`.
    static func fileName(page file: String) -> String { sha256Hex(Array(file.utf8)) }

    static func key(source: [UInt8], fingerprint: String, version: String) -> String {
        sha256Hex(Array("fingerprint\0\(fingerprint)\nversion\0\(version)\nsource\0".utf8) + source)
    }

    /// The header line, the scan's length and bytes, then the key, digests, context and
    /// questions, one per line.
    var encoded: [UInt8] {
        Array("\(Self.header)\n\(scan.count)\n".utf8) + scan
            + Array(([key, html, answers, context, shape].joined(separator: "\n") + "\n").utf8) + questionLines
    }

    init(key: String, html: String, answers: String, context: String?, questions: [String], scan: [UInt8] = [], shape: String = "-") {
        self.key = key
        self.html = html
        self.answers = answers
        self.context = context ?? "-"
        self.shape = shape
        self.questionLines = ArraySlice(questions.map { $0 + "\n" }.joined().utf8)
        self.scan = scan
    }

    init?(_ bytes: [UInt8]) {
        let header = Array(Self.header.utf8) + [0x0A]
        guard bytes.starts(with: header), let end = bytes[header.count...].firstIndex(of: 0x0A),
              let count = Int(String(decoding: bytes[header.count..<end], as: UTF8.self)), count >= 0,
              count <= bytes.count - end - 1 else { return nil }
        scan = Array(bytes[(end + 1)..<(end + 1 + count)])
        // Five lines, then the questions' lines (each ending in a newline).
        var fields: [String] = []
        var start = end + 1 + count
        while fields.count < 5, let newline = bytes[start...].firstIndex(of: 0x0A) {
            fields.append(String(decoding: bytes[start..<newline], as: UTF8.self))
            start = newline + 1
        }
        guard fields.count == 5, start == bytes.count || bytes.last == 0x0A else { return nil }
        key = fields[0]
        html = fields[1]
        answers = fields[2]
        context = fields[3]
        shape = fields[4]
        questionLines = bytes[start...]
    }
}

/// Questions written as lines of a `PageRecord`, and read back against this build.
struct QuestionCoder {
    /// This build's requests by cache key: a recorded result question names its request
    /// by key; one that no request of this build has is unanswerable (the page renders).
    private let requests: [String: Request]
    private let keys: [Request: String]

    init(requests: [Request]) {
        var keys: [Request: String] = [:]
        for request in requests { keys[request] = ResultCache.key(request) }
        self.keys = keys
        self.requests = Dictionary(keys.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The question as one line, or nil when a name in it cannot be written on one.
    func line(_ question: RenderQuestion) -> String? {
        let fields: [String]
        switch question {
        case .pages: fields = ["pages"]
        case .paper: fields = ["paper"]
        case .build: fields = ["build"]
        case .inputsDigest: fields = ["inputs-digest"]
        case .contents: fields = ["contents"]
        case .heading(let at): fields = ["heading", at.file, String(at.line), String(at.column)]
        case .blockLabel(let at): fields = ["block-label", at.file, String(at.line), String(at.column)]
        case .target(let label): fields = ["target", label]
        case .result(let request):
            guard let key = keys[request] else { return nil }
            fields = ["result", key]
        case .citationNumber(let key): fields = ["citation-number", key]
        case .bibEntry(let key): fields = ["bib-entry", key]
        case .references: fields = ["references"]
        case .preview(let label): fields = ["preview", label]
        case .previewImage(let label): fields = ["preview-image", label]
        case .citationPreview(let key): fields = ["citation-preview", key]
        }
        guard fields.allSatisfy({ !$0.contains("\t") && !$0.contains("\n") && !$0.contains("\r") }) else { return nil }
        return fields.joined(separator: "\t")
    }

    func question(_ line: String) -> RenderQuestion? {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func location() -> SourceLocation? {
            guard f.count == 4, let line = Int(f[2]), let column = Int(f[3]) else { return nil }
            return SourceLocation(file: f[1], line: line, column: column)
        }
        switch (f[0], f.count) {
        case ("pages", 1): return .pages
        case ("paper", 1): return .paper
        case ("build", 1): return .build
        case ("inputs-digest", 1): return .inputsDigest
        case ("contents", 1): return .contents
        case ("heading", 4): return location().map(RenderQuestion.heading)
        case ("block-label", 4): return location().map(RenderQuestion.blockLabel)
        case ("target", 2): return .target(label: f[1])
        case ("result", 2): return requests[f[1]].map(RenderQuestion.result)
        case ("citation-number", 2): return .citationNumber(key: f[1])
        case ("bib-entry", 2): return .bibEntry(key: f[1])
        case ("references", 1): return .references
        case ("preview", 2): return .preview(label: f[1])
        case ("preview-image", 2): return .previewImage(label: f[1])
        case ("citation-preview", 2): return .citationPreview(key: f[1])
        default: return nil
        }
    }
}

extension RenderInputs {
    /// The digest of the answers to `questions` in this build, in their order.
    func answersDigest(_ questions: [RenderQuestion]) -> String {
        sha256Hex(Array(questions.map(digest(of:)).joined(separator: "\n").utf8))
    }
}

/// The digests of recorded questions' answers in this build, by the line a record
/// writes them as: pages ask many of the same questions (every page asks for the page
/// list), so each line is read and answered once.
final class RecordedAnswers {
    private let inputs: RenderInputs
    private let coder: QuestionCoder
    private var digests: [String: String?] = [:]

    init(inputs: RenderInputs, coder: QuestionCoder) {
        self.inputs = inputs
        self.coder = coder
    }

    /// The digest of the answer to the question a line asks, or nil when this build
    /// cannot ask it (a request it does not make).
    func digest(_ line: String) -> String? {
        if let known = digests[line] { return known }
        let digest = coder.question(line).map(inputs.unkeptDigest(of:))
        digests[line] = digest
        return digest
    }

    /// Answers every line `records` ask, side by side on every core: most lines are about
    /// one place (a heading's number, a block's label, a figure's preview) and read only
    /// what was fixed before rendering. The few that build shared state (the page list
    /// renders every title) are answered first, one at a time.
    func prepare(_ records: [PageRecord]) {
        var lines: [String] = []
        var seen: Set<String> = []
        for record in records {
            for line in record.questions where digests[line] == nil && seen.insert(line).inserted { lines.append(line) }
        }
        guard !lines.isEmpty else { return }
        // Shared state first: the page list (every title rendered) and what else the
        // side-by-side answers read lazily. Lines are read side by side too.
        inputs.prepareForAnswersSideBySide()
        // Each task answers a contiguous run of lines into its own array and hands it
        // over once (a lock per answer, and tasks writing next to each other, cost more
        // than the answers on two cores).
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, lines.count))
        let found = Slots<[String??]>([], count: chunks)
        let shared = UncheckedSendable(inputs), coder = self.coder, work = lines
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (work.count * chunk / chunks)..<(work.count * (chunk + 1) / chunks)
            var answers: [String??] = []
            answers.reserveCapacity(range.count)
            for line in work[range] {
                // nil: not answered here; .some(nil): a question this build cannot ask.
                switch coder.question(line) {
                case nil: answers.append(.some(nil))
                case let question? where question.readsOnlyFixedData: answers.append(.some(shared.value.unkeptDigest(of: question)))
                default: answers.append(nil)
                }
            }
            found[chunk] = answers
        }
        digests.reserveCapacity(digests.count + lines.count)
        for (line, answer) in zip(lines, found.values.joined()) {
            if case .some(let digest) = answer {
                digests[line] = digest
            } else {
                digests[line] = coder.question(line).map(inputs.digest(of:))
            }
        }
    }

    /// Whether the record's questions get the answers they got when it was written.
    func match(_ record: PageRecord) -> Bool {
        // The digest of the answers' digests joined by newlines (`answersDigest`), fed
        // one by one.
        var stream = SHA256Stream()
        for (i, line) in record.questions.enumerated() {
            guard let digest = digest(line) else { return false }
            if i > 0 { stream.update("\n") }
            stream.update(digest)
        }
        return stream.finalHex() == record.answers
    }

}

/// A page's input digest, shown in its footer and in its blocks' "Cite" boxes: the
/// SHA-256 of its record's key (its source, the fingerprint, the version) and of the
/// answers to every question it asked. It covers what the page uses and nothing else:
/// an edit that renumbers figures changes the digest of the pages that show a changed
/// number, not of every page. Two readers with the same digest see the same page.
///
/// The renderer writes a mark where the digest goes (the answers are known only once the
/// page is rendered) and the mark is filled afterwards. The mark passes unchanged through
/// cmark and through HTML and BibTeX escaping (letters, digits and hyphens), and it holds
/// the SHA-256 of the page's own source, which no text of the page can contain: so no
/// text of the author's is ever taken for a mark.
enum PageDigest {
    /// The lengths a page shows: the whole digest, the footer's and the "Cite" box's.
    static let lengths = [64, 16, 12]

    /// The mark for the first `length` characters of the digest of a page whose source
    /// has the digest `source`.
    static func mark(_ length: Int, source: String) -> String {
        precondition(lengths.contains(length), "a page digest is shown with \(lengths) characters")
        return "page-digest-\(length)-\(source)"
    }

    static func digest(key: String, answers: String) -> String {
        sha256Hex(Array("page\0\(key)\nanswers\0\(answers)\n".utf8))
    }

    /// `html` with every mark replaced by the digest's first characters, as the page's
    /// bytes. (The standard library's `replacing` took a tenth of a cold build; the marks
    /// are found in the bytes.)
    static func fill(_ html: String, source: String, with digest: String) -> [UInt8] {
        var bytes = Array(html.utf8)
        for length in lengths {
            bytes = replacingAll(Array(mark(length, source: source).utf8), with: Array(digest.prefix(length).utf8), in: bytes)
        }
        return bytes
    }

    private static func replacingAll(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        bytes.withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress else { return }
                var from = start
                // memchr finds each candidate's first byte, memcmp checks the rest.
                while from + needle.count <= haystack.count,
                      let hit = memchr(base + from, Int32(needle[0]), haystack.count - from - needle.count + 1) {
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    guard memcmp(base + offset, needleBase, needle.count) == 0 else { from = offset + 1; continue }
                    if out.isEmpty { out.reserveCapacity(haystack.count) }
                    out += haystack[start..<offset]
                    out += replacement
                    start = offset + needle.count
                    from = start
                }
            }
        }
        guard start > 0 else { return bytes }
        out += bytes[start...]
        return out
    }
}
