import NotebookInterface

/// A directive option `:key: value`, with where it was written.
struct DirectiveOption: Sendable {
    var key: String
    var value: String
    var location: SourceLocation
}

/// A block directive: a fenced code block whose info string starts with `{kind}`.
struct BlockDirective {
    var kind: DirectiveKind
    /// First word of the argument: the name the notebook offers.
    var name: String
    /// Further words of the argument (e.g. a network id for `{table} layers resnet-50`).
    var arguments: [String]
    var options: [DirectiveOption]
    /// The caption (figure, table) or sentence (claim), in Markdown.
    var body: Fragment?
    /// The body of a kind whose body is not Markdown (`{math}`), as written.
    var rawBody: RawBody? = nil
    var location: SourceLocation
    /// The code block node this directive replaces (nil in a `ScanRecord`).
    var node: MarkdownNode?
    /// What the stages before rendering know of its body (set in a `ScanRecord`).
    var caption: CaptionFacts? = nil

    func option(_ key: String) -> DirectiveOption? { options.first { $0.key == key } }

    /// Whether it has a Markdown body (a caption, a claim's sentence), parsed or recorded.
    var hasBody: Bool { body != nil || caption != nil }

    /// What the notebook is asked (the name, arguments and the options the builder does
    /// not read), or nil for a kind the notebook does not evaluate.
    var request: Request? {
        guard let offerKind = kind.offerKind else { return nil }
        var notebookOptions: [String: String] = [:]
        for option in options where kind.option(option.key) == nil {
            notebookOptions[option.key] = option.value
        }
        return Request(kind: offerKind, name: name, arguments: arguments, options: notebookOptions)
    }
}

/// `` {value}`key` `` in prose, a caption, a heading or the abstract.
struct InlineValue {
    var key: String
    var location: SourceLocation
    /// The text node ending in `{value}` and the code node holding the key.
    var roleNode: MarkdownNode
    var codeNode: MarkdownNode

    var request: Request { Request(kind: .value, name: key) }
}

/// `@fig-x`, `@tbl-x`, `@sec-x`, a citation `[@a; @b]` or a narrative `@a` inside a text node.
struct InlineReference {
    enum Kind: Sendable, Equatable {
        case crossReference(String)       // a label
        case citation([CitationItem])     // `[see @a, p. 3; @b]`
        case narrative(CitationItem)      // `@a` in running text, shown as "He et al. [23]"
    }
    var kind: Kind
    var location: SourceLocation
    /// The range of the reference within the text node's literal.
    var range: Range<String.Index>
    var node: MarkdownNode
}

/// A heading, with its explicit `{#sec-…}` label if any.
struct Heading {
    /// Section labels start with it: `## Results {#sec-results}`.
    static let labelPrefix = "sec-"

    var level: Int
    /// Plain text: for the section's id, previews and references.
    var text: String
    /// As HTML for the contents (keeps a formula's MathML, which `text` cannot hold).
    var contentsHTML: String
    var label: String?
    var location: SourceLocation
    /// Nil in a `ScanRecord`.
    var node: MarkdownNode?
}

/// A directive body kept as written (not Markdown), with where each of its lines starts,
/// so that a problem at an offset inside it is reported at its line and column.
struct RawBody: Sendable {
    var text: String
    var lineStarts: [(offset: Int, location: SourceLocation)]

    init(text: String, lineStarts: [(offset: Int, location: SourceLocation)]) {
        self.text = text
        self.lineStarts = lineStarts
    }

    /// `lines` start at `firstLine` (of the fragment) and `column`.
    init(lines: [Substring], firstLine: Int, column: Int, in fragment: Fragment) {
        var text = ""
        var starts: [(offset: Int, location: SourceLocation)] = []
        for (i, line) in lines.enumerated() {
            if i > 0 { text += "\n" }
            starts.append((text.utf8.count, fragment.location(line: firstLine + i, column: column)))
            text += line
        }
        self.text = text
        self.lineStarts = starts
    }

    func location(ofOffset offset: Int) -> SourceLocation {
        guard var start = lineStarts.last(where: { $0.offset <= offset }) ?? lineStarts.first else {
            return SourceLocation(file: "", line: 1)
        }
        start.location.column += max(0, offset - start.offset)
        return start.location
    }
}
