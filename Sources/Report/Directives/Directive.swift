import NotebookInterface

/// The block directives a page may contain, as fenced code blocks with `{name}` info.
enum DirectiveKind: String, CaseIterable, Sendable {
    case figure, table, claim

    var offerKind: OfferKind {
        switch self {
        case .figure: .figure
        case .table: .table
        case .claim: .claim
        }
    }

    /// Options the builder itself understands; anything else goes to the notebook.
    var builderOptions: [String] {
        switch self {
        case .figure: ["label", "alt", "width", "reproduces"]
        case .table: ["label"]
        case .claim: ["label", "expect"]
        }
    }

    var labelPrefix: String {
        switch self {
        case .figure: "fig-"
        case .table: "tbl-"
        case .claim: "clm-"
        }
    }
}

/// A directive option `:key: value`, with where it was written.
struct DirectiveOption: Sendable {
    var key: String
    var value: String
    var location: SourceLocation
}

/// A `{figure}`, `{table}` or `{claim}` block.
struct BlockDirective: Sendable {
    var kind: DirectiveKind
    /// First word of the argument: the name the notebook offers.
    var name: String
    /// Further words of the argument (e.g. a network id for `{table} layers resnet-50`).
    var arguments: [String]
    var options: [DirectiveOption]
    /// The caption (figure, table) or sentence (claim), in Markdown.
    var body: Fragment?
    var location: SourceLocation
    /// The code block node this directive replaces.
    var node: MarkdownNode

    func option(_ key: String) -> DirectiveOption? { options.first { $0.key == key } }

    /// What the notebook is asked: the name, arguments and notebook options.
    var request: Request {
        var notebookOptions: [String: String] = [:]
        for option in options where !kind.builderOptions.contains(option.key) {
            notebookOptions[option.key] = option.value
        }
        return Request(kind: kind.offerKind, name: name, arguments: arguments, options: notebookOptions)
    }
}

/// `` {value}`key` `` in prose, a caption, a heading or the abstract.
struct InlineValue: Sendable {
    var key: String
    var location: SourceLocation
    /// The text node ending in `{value}` and the code node holding the key.
    var roleNode: MarkdownNode
    var codeNode: MarkdownNode

    var request: Request { Request(kind: .value, name: key) }
}

/// `@fig-x`, `@tbl-x`, `@sec-x`, a citation `[@a; @b]` or a narrative `@a` inside a text node.
struct InlineReference: Sendable {
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
struct Heading: Sendable {
    var level: Int
    var text: String
    var label: String?
    var location: SourceLocation
    var node: MarkdownNode
}
