import CCmark

/// Finds directives, inline values, references, citations and headings in a fragment,
/// reporting malformed ones. It does not change the tree, except for turning
/// author-written raw HTML into text (see `Neutralised`).
struct Scanner {
    var sink: DiagnosticSink
    /// Source lines of the file, to check that fences are closed.
    let fileLines: [Substring]

    /// Scans `fragment`; block directives are allowed only at page level, not in captions.
    mutating func scan(_ fragment: Fragment, allowBlocks: Bool) {
        // Pathologically deep nesting (a thousand nested lists or quotes) would make the
        // recursive parts of scanning and rendering, and browsers, struggle; no paper
        // needs it, so it is an error and the fragment is not scanned further.
        if let deep = fragment.tree.firstNode(deeperThan: Scanner.maxNesting) {
            sink.error("content is nested more than \(Scanner.maxNesting) levels deep (lists, block quotes, emphasis or links inside each other); flatten it",
                       at: fragment.location(of: deep))
            return
        }
        // Math first (its placeholders become MathML); then pipe tables, whose paragraphs
        // give way to placeholders and whose cells are fragments of their own.
        fragment.placeMath(sink: &sink)
        if allowBlocks || fragment.authoring.isDirectiveBody { extractPipeTables(fragment) }
        for node in fragment.tree.nodes() {
            switch node.type {
            case CMARK_NODE_PARAGRAPH:
                scanFootnoteDefinition(node, in: fragment)
            case CMARK_NODE_CODE_BLOCK:
                scanCodeBlock(node, in: fragment, allowBlocks: allowBlocks)
            case CMARK_NODE_HEADING:
                scanHeading(node, in: fragment)
            case CMARK_NODE_TEXT:
                scanText(node, in: fragment)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                checkURL(node, in: fragment)
                recordLocalLink(node, in: fragment)
            default:
                break
            }
        }
        fragment.neutraliseRawHTML()
    }

    // MARK: Block directives

    private mutating func scanCodeBlock(_ node: MarkdownNode, in fragment: Fragment, allowBlocks: Bool) {
        let location = fragment.location(of: node)
        warnIfFootnoteContinuation(node, in: fragment, at: location)
        checkFenceClosed(node, in: fragment, at: location)
        guard let info = node.fenceInfo?.trimmingSpaces, info.hasPrefix("{") else { return }
        guard let close = info.firstIndex(of: "}") else {
            sink.error("malformed directive '\(info)': expected '{name} argument'", at: location)
            return
        }
        let directiveName = String(info[info.index(after: info.startIndex)..<close])
        let words = info[info.index(after: close)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if scanAuthoringDirective(directiveName, node: node, in: fragment, allowBlocks: allowBlocks, location: location) { return }
        guard let kind = DirectiveKind.named(directiveName) else {
            let known = knownDirectiveNames.map { "{\($0)}" }.joined(separator: ", ")
            sink.error(withSuggestion("unknown directive '{\(directiveName)}'", for: directiveName,
                                      among: knownDirectiveNames) + " (directives: \(known))", at: location)
            return
        }
        guard allowBlocks else {
            sink.error("a \(kind) directive cannot appear inside a caption, a cell or an admonition; put it at the top level of the page", at: location)
            return
        }
        var name = ""
        if case .name(let what) = kind.argument {
            guard let first = words.first else {
                sink.error("\(kind) needs an argument: \(what)", at: location)
                return
            }
            name = first
        } else if !words.isEmpty {
            sink.error("\(kind) takes no argument, got '\(words.joined(separator: " ").prefix(60))'", at: location)
            return
        }
        let arguments = Array(words.dropFirst(name.isEmpty ? 0 : 1))
        let block: BlockDirective
        if case .source = kind.body {
            let (options, rawBody) = directiveSource(node, in: fragment)
            block = BlockDirective(kind: kind, name: name, arguments: arguments, options: options, body: nil,
                                   rawBody: rawBody, location: location, node: node)
        } else {
            let (options, body) = directiveBody(node, in: fragment, markdown: false)
            block = BlockDirective(kind: kind, name: name, arguments: arguments, options: options, body: body,
                                   location: location, node: node)
        }
        kind.check(block, &sink)
        fragment.blocks.append(block)
    }

    /// A directive's options (`:key: value` lines right after the fence) and the rest of
    /// its body as a fragment: a caption, or (`markdown`) Markdown that may hold tables
    /// and admonitions.
    mutating func directiveBody(_ node: MarkdownNode, in fragment: Fragment, markdown: Bool) -> ([DirectiveOption], Fragment?) {
        let (options, lines, bodyFirstLine, indent) = directiveOptions(node, in: fragment)
        var body: Fragment?
        if !lines.isEmpty {
            body = Fragment(lines.joined(separator: "\n"), file: fragment.file, firstLine: fragment.firstLine + bodyFirstLine - 1,
                            columnOffset: fragment.columnOffset + indent)
            body!.authoring.isDirectiveBody = markdown
            scan(body!, allowBlocks: false)
        }
        return (options, body)
    }

    /// A directive's options and the rest of its body as written, for a kind whose body
    /// is not Markdown (`{math}`).
    mutating func directiveSource(_ node: MarkdownNode, in fragment: Fragment) -> ([DirectiveOption], RawBody?) {
        let (options, lines, bodyFirstLine, indent) = directiveOptions(node, in: fragment)
        guard !lines.isEmpty else { return (options, nil) }
        return (options, RawBody(lines: lines, firstLine: bodyFirstLine, column: indent + 1, in: fragment))
    }

    /// The options of a directive, and the lines of its body after them without the
    /// blank lines around it, with the body's first line (in the fragment) and indent.
    private mutating func directiveOptions(_ node: MarkdownNode, in fragment: Fragment)
        -> (options: [DirectiveOption], body: [Substring], firstLine: Int, indent: Int) {
        let lines = (node.literal ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        // The body starts on the line after the fence; options come first.
        let bodyFirstLine = node.startLine + 1
        let indent = fence(of: node, in: fragment)?.indent ?? 0
        var options: [DirectiveOption] = []
        var index = 0
        // Options are `:key: value` lines; a `:::` line opens a nested colon fence.
        while index < lines.count, lines[index].hasPrefix(":"), !lines[index].hasPrefix(":::") {
            let optionLocation = fragment.location(line: bodyFirstLine + index, column: indent + 1)
            if let option = parseOption(lines[index], at: optionLocation) {
                if options.contains(where: { $0.key == option.key }) {
                    sink.error("option ':\(option.key):' is given twice", at: optionLocation)
                } else {
                    options.append(option)
                }
            }
            index += 1
        }
        while index < lines.count, lines[index].trimmingSpaces.isEmpty { index += 1 }
        var bodyLines = Array(lines[index...])
        while let last = bodyLines.last, last.trimmingSpaces.isEmpty { bodyLines.removeLast() }
        return (options, bodyLines, bodyFirstLine + index, indent)
    }

    /// Deepest nesting of Markdown nodes accepted (a list item inside a list counts two).
    static let maxNesting = 64

    /// Longest option value accepted: options are short settings; long text belongs in
    /// the caption.
    static let maxOptionLength = 2_000

    private mutating func parseOption(_ line: Substring, at location: SourceLocation) -> DirectiveOption? {
        let rest = line.dropFirst()
        guard let colon = rest.firstIndex(of: ":") else {
            sink.error("malformed option '\(line.prefix(60))': expected ':key: value'", at: location)
            return nil
        }
        let key = String(rest[..<colon])
        let value = rest[rest.index(after: colon)...].trimmingSpaces
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            sink.error("malformed option name '\(key.prefix(60))': use letters, digits and hyphens", at: location)
            return nil
        }
        guard !value.isEmpty else {
            sink.error("option ':\(key):' has no value", at: location)
            return nil
        }
        guard value.utf8.count <= Scanner.maxOptionLength else {
            sink.error("option ':\(key):' is \(value.utf8.count) bytes long (at most \(Scanner.maxOptionLength))", at: location)
            return nil
        }
        return DirectiveOption(key: key, value: value, location: location)
    }

    /// cmark lets an unclosed fence run to the end of the document; the author almost
    /// certainly forgot the closing fence, so say so.
    private mutating func checkFenceClosed(_ node: MarkdownNode, in fragment: Fragment, at location: SourceLocation) {
        guard let fence = fence(of: node, in: fragment) else { return }
        let endLine = fragment.firstLine + node.endLine - 1
        guard endLine >= 1, endLine <= fileLines.count else { return }
        let last = fileLines[endLine - 1].trimmingSpaces
        let closed = endLine > location.line && last.count >= fence.length
            && last.allSatisfy { $0 == fence.character }
        if !closed {
            sink.error("code fence opened here is never closed: add a line '\(String(repeating: fence.character, count: fence.length))'",
                       at: location)
        }
    }

    /// The opening fence of a fenced code block, read from the source line (libcmark
    /// 0.30 does not expose it): its character, length and indentation.
    func fence(of node: MarkdownNode, in fragment: Fragment) -> (character: Character, length: Int, indent: Int)? {
        let line = fragment.firstLine + node.startLine - 1
        guard line >= 1, line <= fileLines.count else { return nil }
        let text = fileLines[line - 1].dropFirst(fragment.columnOffset)
        let indent = text.prefix { $0 == " " }.count
        let rest = text.dropFirst(indent)
        guard indent <= 3, let first = rest.first, first == "`" || first == "~" || first == ":" else { return nil }
        let length = rest.prefix { $0 == first }.count
        return length >= 3 ? (first, length, indent) : nil
    }

    // MARK: Headings

    private mutating func scanHeading(_ node: MarkdownNode, in fragment: Fragment) {
        var label: String?
        if let last = node.lastChild, last.type == CMARK_NODE_TEXT, let text = last.literal,
           text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) {
            let candidate = String(text[open.upperBound..<text.index(before: text.endIndex)])
            let location = fragment.location(line: node.startLine, column: last.startColumn + text.utf8.distance(from: text.startIndex, to: open.lowerBound))
            if let problem = labelProblem(candidate, prefix: Heading.labelPrefix) {
                sink.error(problem, at: location)
            } else {
                label = candidate
            }
            var kept = String(text[..<open.lowerBound])
            while kept.last == " " || kept.last == "\t" { kept.removeLast() }
            last.literal = kept
        }
        fragment.headings.append(Heading(level: node.headingLevel, text: node.plainText, contentsHTML: node.contentsHTML, label: label,
                                         location: fragment.location(of: node), node: node))
    }

    // MARK: Inline

    private mutating func scanText(_ node: MarkdownNode, in fragment: Fragment) {
        guard let text = node.literal else { return }
        // A role: the text ends in `{name}` and a code span follows.
        if text.hasSuffix("}"), let next = node.next, next.type == CMARK_NODE_CODE,
           let open = text.lastIndex(of: "{") {
            let role = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            if !role.isEmpty, role.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
                let column = next.startColumn - role.utf8.count - 3
                let location = fragment.location(line: next.startLine, column: column)
                if role == "value" {
                    let key = (next.literal ?? "").trimmingSpaces
                    if key.isEmpty {
                        sink.error("{value} needs a key, e.g. {value}`count.networks`", at: location)
                    } else {
                        fragment.values.append(InlineValue(key: key, location: location, roleNode: node, codeNode: next))
                    }
                } else {
                    sink.error(withSuggestion("unknown role '{\(role)}'", for: role, among: ["value"]), at: location)
                }
            }
        }
        scanFootnoteReferences(node, text: text, in: fragment)
        guard text.containsASCII("@") else { return }
        for (kind, range) in findReferences(in: text) {
            let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            let token = String(text[range].prefix { $0 != ";" && $0 != "," && $0 != " " })
            let location = fragment.location(of: node, offset: offset, token: token)
            fragment.references.append(InlineReference(kind: kind, location: location, range: range, node: node))
        }
    }

    private mutating func checkURL(_ node: MarkdownNode, in fragment: Fragment) {
        guard let url = node.url else { return }
        let scheme = url.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
        let hasScheme = url.contains(":") && scheme.count < url.count && url[url.index(url.startIndex, offsetBy: scheme.count)] == ":"
        if hasScheme, !["http", "https", "mailto"].contains(scheme.trimmingCharacters(in: .whitespaces)) {
            sink.error("link to a '\(scheme):' URL is not allowed (use http, https, mailto or a relative path)",
                       at: fragment.location(of: node))
            node.setURL("#")
        } else if node.type == CMARK_NODE_IMAGE, !hasScheme {
            fragment.images.append((url, fragment.location(of: node)))
        }
    }
}

/// Cross-references (`@fig-x`), citations (`[@a; @b]`, `[see @a, p. 3]`) and narrative
/// citations (`@a`, `@a [p. 3]`) in a text literal. A narrative `@word` that is not a
/// BibTeX key stays text (the resolver decides); an `@` after a letter (an e-mail
/// address) is never a reference.
func findReferences(in text: String) -> [(InlineReference.Kind, Range<String.Index>)] {
    var found: [(InlineReference.Kind, Range<String.Index>)] = []
    let s = Array(text.unicodeScalars)
    let index = Array(text.unicodeScalars.indices) + [text.endIndex]
    func isLabelChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_"
    }
    func string(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(s[r])) }
    var i = 0
    while i < s.count {
        let c = s[i]
        if c == "[", let close = s[(i + 1)...].firstIndex(of: "]"), let items = CitationSyntax.group(string((i + 1)..<close)) {
            found.append((.citation(items), index[i]..<index[close + 1]))
            i = close + 1
            continue
        }
        if c == "@" {
            let before = i > 0 ? s[i - 1] : " "
            let start = i + 1
            if !(isLabelChar(before) || before == "@" || before == ".") {
                let head = string(start..<min(start + 8, s.count))
                if DirectiveKind.referencePrefixes.contains(where: { head.hasPrefix($0) }) {
                    var k = start
                    while k < s.count, isLabelChar(s[k]) { k += 1 }
                    while k > start, s[k - 1] == "-" || s[k - 1] == "_" { k -= 1 }
                    found.append((.crossReference(string(start..<k)), index[i]..<index[k]))
                    i = k
                    continue
                }
                let end = CitationSyntax.keyEnd(s, from: start)
                if end > start {
                    var item = CitationItem(key: string(start..<end))
                    var upper = end
                    // `@key [p. 3]`: a locator in brackets right after.
                    if end + 1 < s.count, s[end] == " ", s[end + 1] == "[",
                       let close = s[(end + 2)...].firstIndex(of: "]") {
                        let inside = string((end + 2)..<close)
                        if !inside.contains("@"), !inside.contains("["), !inside.isEmpty {
                            item.locator = inside.trimmingSpaces
                            upper = close + 1
                        }
                    }
                    found.append((.narrative(item), index[i]..<index[upper]))
                    i = upper
                    continue
                }
            }
        }
        i += 1
    }
    return found
}

/// Why a label is not acceptable, or nil: labels are lowercase ASCII words joined by
/// hyphens, starting with their kind's prefix (`fig-`, `sec-`, …), so that they make
/// stable file names and URL fragments.
func labelProblem(_ label: String, prefix: String) -> String? {
    let valid = label.hasPrefix(prefix) && label.count > prefix.count && label.count <= 100
        && label.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
        && !label.hasSuffix("-") && !label.contains("--")
    return valid ? nil : "invalid label '\(label.prefix(80))': use lowercase ASCII letters, digits and hyphens, starting with '\(prefix)'"
}
