import CCmark

/// "No silent leftovers": after scanning and resolving, text that still looks like
/// markup the builder owns is a located warning (an error with `--strict`):
///
/// - a role written without its code span, `{value}count.networks` or `{value} `key``;
/// - `@key` that names a BibTeX entry but was not read as a citation (`see@he2016`);
/// - an odd number of `$$` in one paragraph: display math opened and never closed.
///
/// Text nodes are read before rendering, while they still carry their source positions;
/// code spans and code blocks are not text, so they are never checked.
enum Leftovers {
    static func check(_ project: Project, sink: inout DiagnosticSink) {
        let keys = Set(project.bibliography.map(\.key))
        for page in project.pages {
            for fragment in page.fragments {
                check(fragment, keys: keys, sink: &sink)
            }
        }
    }

    private static func check(_ fragment: Fragment, keys: Set<String>, sink: inout DiagnosticSink) {
        var referenced: [MarkdownNode: [Range<String.Index>]] = [:]
        for reference in fragment.references { referenced[reference.node, default: []].append(reference.range) }
        var dollars: [MarkdownNode: [(MarkdownNode, Int)]] = [:]   // `$$` per paragraph or heading
        for node in fragment.tree.nodes() where node.type == CMARK_NODE_TEXT {
            guard let text = node.literal else { continue }
            if text.containsASCII("{") { roles(in: text, node: node, fragment: fragment, sink: &sink) }
            if text.containsASCII("@"), !keys.isEmpty {
                citations(in: text, node: node, covered: referenced[node] ?? [], keys: keys, fragment: fragment, sink: &sink)
            }
            if text.containsASCII("$$"), let block = enclosingBlock(node) {
                for offset in offsets(of: "$$", in: text) { dollars[block, default: []].append((node, offset)) }
            }
        }
        for (_, found) in dollars where found.count % 2 == 1 {
            let (node, offset) = found[found.count - 1]
            sink.warning("'$$' opens display math that is never closed in this paragraph; close it with '$$' or write '\\$\\$'",
                         at: fragment.location(of: node, offset: offset, token: "$$"))
        }
    }

    /// `{name}` followed by text instead of a code span.
    private static func roles(in text: String, node: MarkdownNode, fragment: Fragment, sink: inout DiagnosticSink) {
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
                sink.warning("'{\(name)}' is followed by text, not a code span, so it shows as written: \(how)",
                             at: fragment.location(of: node, offset: i, token: "{\(name)}"))
            }
            i = j + 1
        }
    }

    /// `@key` naming a BibTeX entry outside every recognised reference.
    private static func citations(in text: String, node: MarkdownNode, covered: [Range<String.Index>], keys: Set<String>,
                                  fragment: Fragment, sink: inout DiagnosticSink) {
        let scalars = Array(text.unicodeScalars)
        let index = Array(text.unicodeScalars.indices) + [text.endIndex]
        for (i, c) in scalars.enumerated() where c == "@" {
            let end = CitationSyntax.keyEnd(scalars, from: i + 1)
            guard end > i + 1 else { continue }
            let key = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
            guard keys.contains(key), !covered.contains(where: { $0.contains(index[i]) }) else { continue }
            let offset = text.utf8.distance(from: text.startIndex, to: index[i])
            sink.warning("'@\(key)' names a reference but is not read as a citation (an '@' right after a letter or digit is not); write it after a space, or as [@\(key)]",
                         at: fragment.location(of: node, offset: offset, token: "@" + key))
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
