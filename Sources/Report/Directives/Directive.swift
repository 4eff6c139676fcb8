import NotebookInterface

/// A directive option `:key: value`, with where it was written.
struct DirectiveOption: Sendable {
    var key: String
    var value: String
    var location: SourceLocation
}

/// A block directive: a fenced code block whose info string starts with `{kind}`.
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
    /// Section labels start with it: `## Results {#sec-results}`.
    static let labelPrefix = "sec-"

    var level: Int
    var text: String
    var label: String?
    var location: SourceLocation
    var node: MarkdownNode
}
