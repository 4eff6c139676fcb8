import CCmark

/// "No silent leftovers": after scanning and resolving, text that still looks like
/// markup the builder owns is a located warning (an error with `--strict`):
///
/// - a role written without its code span, `{value}count.networks` or `{value} `key``;
/// - `@key` that names a BibTeX entry but was not read as a citation (`see@he2016`);
/// - an odd number of `$$` in one paragraph: display math opened and never closed.
///
/// Text nodes are read once a fragment is scanned, while they still carry their source
/// positions (`find`, kept in the page's `ScanRecord`); whether an `@key` names an entry
/// is known only once the bibliography is read (`check`). Code spans and code blocks are
/// not text, so they are never checked.
enum Leftover {
    case warning(Diagnostic)
    /// A warning only if `key` names a BibTeX entry.
    case citation(key: String, Diagnostic)
}

enum Leftovers {
    static func check(_ project: Project, sink: inout DiagnosticSink) {
        let keys = Set(project.bibliography.map(\.key))
        for page in project.pages {
            for leftover in page.facts.leftovers {
                switch leftover {
                case .warning(let warning): sink.add(warning)
                case .citation(let key, let warning): if keys.contains(key) { sink.add(warning) }
                }
            }
        }
    }

    /// What in a scanned fragment's text may be a leftover, in reading order.
    static func find(_ fragment: Fragment) -> [Leftover] {
        var found: [Leftover] = []
        var referenced: [MarkdownNode: [Range<String.Index>]] = [:]
        for reference in fragment.references { referenced[reference.node, default: []].append(reference.range) }
        var dollars: [MarkdownNode: [(MarkdownNode, Int)]] = [:]   // `$$` per paragraph or heading
        var blocks: [MarkdownNode] = []                             // in the order first met
        for node in fragment.tree.nodes() where node.type == CMARK_NODE_TEXT {
            guard let text = node.literal else { continue }
            if text.containsASCII("{") { roles(in: text, node: node, fragment: fragment, found: &found) }
            if text.containsASCII("@") {
                citations(in: text, node: node, covered: referenced[node] ?? [], fragment: fragment, found: &found)
            }
            if text.containsASCII("$$"), let block = enclosingBlock(node) {
                if dollars[block] == nil { blocks.append(block) }
                for offset in offsets(of: "$$", in: text) { dollars[block, default: []].append((node, offset)) }
            }
        }
        for block in blocks {
            guard let marks = dollars[block], marks.count % 2 == 1 else { continue }
            let (node, offset) = marks[marks.count - 1]
            found.append(.warning(.warning("'$$' opens display math that is never closed in this paragraph; close it with '$$' or write '\\$\\$'",
                                           at: fragment.location(of: node, offset: offset, token: "$$"))))
        }
        return found
    }

    /// `{name}` followed by text instead of a code span.
    private static func roles(in text: String, node: MarkdownNode, fragment: Fragment, found: inout [Leftover]) {
        let s = Array(text.utf8)
        var i = 0
        while i < s.count {
            guard s[i] == UInt8(ascii: "{") else { i += 1; continue }
            var j = i + 1
            while j < s.count, (s[j] >= 97 && s[j] <= 122) || s[j] == UInt8(ascii: "-") { j += 1 }
            guard j > i + 1, j < s.count, s[j] == UInt8(ascii: "}") else { i += 1; continue }
            let name = String(decoding: s[(i + 1)..<j], as: UTF8.self)
            let after = j + 1
            let atEnd = after == s.count
            // A role proper ends the text node and a code span follows: the scanner's.
            let followedByCode = atEnd && node.next?.type == CMARK_NODE_CODE
            let spaceThenCode = after < s.count && s[after...].allSatisfy({ $0 == 0x20 }) && node.next?.type == CMARK_NODE_CODE
            let glued = after < s.count && s[after] != 0x20 && s[after] != 0x09
            if !followedByCode, glued || spaceThenCode {
                let how = spaceThenCode ? "remove the space before the code span" : "put the key in backticks, {\(name)}`key`"
                found.append(.warning(.warning("'{\(name)}' is followed by text, not a code span, so it shows as written: \(how)",
                                               at: fragment.location(of: node, offset: i, token: "{\(name)}"))))
            }
            i = j + 1
        }
    }

    /// `@key` naming a BibTeX entry outside every recognised reference.
    private static func citations(in text: String, node: MarkdownNode, covered: [Range<String.Index>],
                                  fragment: Fragment, found: inout [Leftover]) {
        let scalars = Array(text.unicodeScalars)
        let index = Array(text.unicodeScalars.indices) + [text.endIndex]
        for (i, c) in scalars.enumerated() where c == "@" {
            let end = CitationSyntax.keyEnd(scalars, from: i + 1)
            guard end > i + 1 else { continue }
            let key = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
            guard !covered.contains(where: { $0.contains(index[i]) }) else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: index[i])
            found.append(.citation(key: key, .warning("'@\(key)' names a reference but is not read as a citation (an '@' right after a letter or digit is not); write it after a space, or as [@\(key)]",
                                                     at: fragment.location(of: node, offset: offset, token: "@" + key))))
        }
    }

    private static func enclosingBlock(_ node: MarkdownNode) -> MarkdownNode? {
        var p = node.parent
        while let n = p {
            if n.type == CMARK_NODE_PARAGRAPH || n.type == CMARK_NODE_HEADING { return n }
            p = n.parent
        }
        return nil
    }

    private static func offsets(of needle: String, in text: String) -> [Int] {
        let s = Array(text.utf8), n = Array(needle.utf8)
        var found: [Int] = []
        var i = 0
        while i + n.count <= s.count {
            if Array(s[i..<(i + n.count)]) == n { found.append(i); i += n.count } else { i += 1 }
        }
        return found
    }
}

extension Leftover: Archivable {
    func write(to a: inout ArchiveWriter) {
        switch self {
        case .warning(let d): a.write(0); a.write(d)
        case .citation(let key, let d): a.write(1); a.write(key); a.write(d)
        }
    }

    init(from a: inout ArchiveReader) throws(ArchiveReader.Damaged) {
        switch try a.int() {
        case 0: self = .warning(try a.read())
        case 1: self = .citation(key: try a.string(), try a.read())
        default: throw ArchiveReader.Damaged()
        }
    }
}

extension DiagnosticSink {
    /// `--strict`: every warning becomes an error, so the build stops before writing.
    mutating func promoteWarnings() {
        var promoted = DiagnosticSink()
        for d in all {
            promoted.add(d.severity == .warning ? .error(d.message + " [--strict]", at: d.location) : d)
        }
        self = promoted
    }
}
