import NotebookInterface

// # How to add a directive kind
//
// A directive kind (`{figure}`, `{table}`, `{claim}`, …) is ONE file in this folder plus
// ONE line in `DirectiveKind.all` below.
//
// 1. Create `Sources/Report/Directives/Kinds/<Name>Directive.swift` with
//    `extension DirectiveKind { static let <name> = DirectiveKind(...) }`, declaring:
//    - `name`: what authors write between the braces (`{note}`);
//    - `argument`: whether a name must follow the braces (the notebook's offer name);
//    - `label`: its label prefix (`fig-`), the noun of its number ("Figure 2") and what
//      an unlabelled one is called, or nil when it is neither labelled nor numbered;
//    - `evaluation`: `.notebook(kind)` to ask the notebook (the result is cached and
//      drawn by the builder), or `.none` when the builder only renders it;
//    - `options`: every option the builder reads, with allowed values and a one-line
//      summary. This one declaration drives validation, error text, did-you-mean and
//      `report list`; options not declared here are passed to the notebook, which
//      declares its own in its offers;
//    - `body`: whether the Markdown after the options is required and what it is, or
//      `.source` for a body that is not Markdown (TeX), kept as written in `rawBody`;
//    - `html`: the HTML that replaces the directive in the page;
//    - `files`: the files it writes, under the folders named in `OutputFolder`
//      (add a folder there if it needs a new one), and `verify` for checks that need
//      the result (a failed claim), and `check` for checks of the directive itself
//      when it is scanned (a formula that does not parse).
// 2. Add `.<name>` to `DirectiveKind.all`.
//
// Nothing else in the builder switches on a kind: scanning, labels, numbering,
// cross-references, option checks, output files and `report list` read these
// declarations.

/// A kind of block directive, declared once.
struct DirectiveKind: Sendable, Hashable, CustomStringConvertible {
    /// Every directive kind the builder understands, in the order `report list` shows them.
    static let all: [DirectiveKind] = [.figure, .table, .claim, .math]

    static func named(_ name: String) -> DirectiveKind? { all.first { $0.name == name } }

    /// `figure` for `{figure}`.
    let name: String
    /// Whether a name (and its arguments) must follow the braces.
    let argument: ArgumentRule
    /// How it is labelled and numbered; nil when it is neither.
    let label: LabelRule?
    let evaluation: Evaluation
    /// The options the builder reads, declared once.
    let options: [OptionDeclaration]
    let body: BodyRule
    /// The HTML that replaces the directive in the page.
    let html: @Sendable (BlockContext, Evaluated?) -> String
    /// The files it writes into the output folder, next to the pages.
    var files: @Sendable (_ label: String, Evaluated) -> [OutputFile] = { _, _ in [] }
    /// Checks that need the result, such as a claim that no longer holds.
    var verify: @Sendable (BlockDirective, Evaluated, inout DiagnosticSink) -> Void = { _, _, _ in }
    /// Checks of the directive itself, when it is scanned.
    var check: @Sendable (BlockDirective, inout DiagnosticSink) -> Void = { _, _ in }
    /// Whether it shows a "Cite" box (`BlockContext.cite`).
    var citeBox = false

    enum ArgumentRule: Sendable {
        /// `{figure} NAME ARGUMENTS…`; `what` finishes "needs an argument: …".
        case name(what: String)
        case none
    }

    struct LabelRule: Sendable {
        /// Every label of this kind starts with it: `fig-`.
        var prefix: String
        /// What a reference to it says before its number: "Figure" → "Figure 2".
        var noun: String
        /// What an unlabelled one is called.
        var unlabelled: Unlabelled

        enum Unlabelled: Sendable {
            /// `fig-NAME-ARGUMENTS`: stable file names without an explicit label.
            case fromName
            /// `clm-3`: its number.
            case numbered
            /// Neither labelled nor numbered (an equation without `:label:`, as in MyST).
            case unnumbered
        }
    }

    enum Evaluation: Sendable {
        /// Asked of the notebook, as an offer of this kind.
        case notebook(OfferKind)
        /// Rendered by the builder alone.
        case none
    }

    enum BodyRule: Sendable {
        /// Required; `what` names it and `how` says where to write it.
        case required(what: String, how: String)
        case optional
        /// Required, and not Markdown: kept as written (`BlockDirective.rawBody`), such as TeX.
        case source(what: String)
    }

    var offerKind: OfferKind? {
        if case .notebook(let kind) = evaluation { return kind }
        return nil
    }

    func option(_ name: String) -> OptionDeclaration? { options.first { $0.name == name } }

    var description: String { "{\(name)}" }

    static func == (a: DirectiveKind, b: DirectiveKind) -> Bool { a.name == b.name }
    func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// One option the builder reads: `:alt: …`.
struct OptionDeclaration: Sendable {
    var name: String
    /// One line for `report list`.
    var summary: String
    /// The values accepted; empty accepts any text.
    var values: [String] = []
    /// When set, the option is required and this says what to write ("what the figure shows").
    var required: String? = nil
    /// Further checks of a value; returns the problem, or nil.
    var validate: (@Sendable (String, OptionContext) -> String?)? = nil
}

/// What an option check may consult.
struct OptionContext: Sendable {
    /// Every BibTeX key of the paper.
    var citationKeys: Set<String>
}

/// The folders of the output besides the pages, each named once.
enum OutputPaths {
    static let figures = "figures"
    static let data = "data"
    static let assets = "assets"
    /// Generated folders, which a copied image may not write into.
    static var generated: [String] { [figures, data, assets, ResultCache.folderName] }
}

extension DirectiveKind {
    /// Every label prefix a cross-reference may start with: each kind's, and sections'.
    static let referencePrefixes: [String] = all.compactMap(\.label?.prefix) + [Heading.labelPrefix]

    /// Checks the builder's options of a block against their declarations: required
    /// ones present, values allowed, and (for a kind the notebook does not evaluate)
    /// no unknown option.
    func checkOptions(of block: BlockDirective, context: OptionContext, sink: inout DiagnosticSink) {
        for declaration in options {
            guard let option = block.option(declaration.name) else {
                if let what = declaration.required {
                    sink.error("\(name) '\(block.name)' has no ':\(declaration.name):' option: add ':\(declaration.name): <\(what)>'",
                               at: block.location)
                }
                continue
            }
            if let problem = invalidValue(option.value, for: declaration.name, allowed: declaration.values) {
                sink.error(problem, at: option.location)
            } else if let problem = declaration.validate?(option.value, context) {
                sink.error(problem, at: option.location)
            }
        }
        if offerKind == nil {
            for option in block.options where self.option(option.key) == nil {
                let what = block.name.isEmpty ? description : "\(name) '\(block.name)'"
                sink.error(unknownOption(option.key, for: what, among: options.map(\.name)),
                           at: option.location)
            }
        }
        if case .required(let what, let how) = body, !block.hasBody {
            sink.error("\(name) '\(block.name)' has no \(what): \(how)", at: block.location)
        }
        if case .source(let what) = body, block.rawBody == nil {
            sink.error("\(self) has no \(what): write it on the lines after the options", at: block.location)
        }
    }
}

// One wording for option problems, whether the option is the builder's or the notebook's.

/// "unknown option ':scal:' for figure 'bars'; did you mean 'scale'?"
func unknownOption(_ key: String, for what: String, among known: [String]) -> String {
    withSuggestion("unknown option ':\(key):' for \(what)", for: key, among: known)
        + (known.isEmpty ? " (it takes none)" : " (options: \(known.map { ":\($0):" }.joined(separator: ", ")))")
}

/// "invalid value 'lg' for option ':scale:' (expected 'linear' or 'log'); did you mean
/// 'log'?", or nil when `allowed` is empty (any text) or contains the value.
func invalidValue(_ value: String, for key: String, allowed: [String]) -> String? {
    guard !allowed.isEmpty, !allowed.contains(value) else { return nil }
    return withSuggestion("invalid value '\(value.prefix(60))' for option ':\(key):' (expected \(quotedList(allowed)))",
                          for: value, among: allowed)
}

/// `'a', 'b' or 'c'`.
func quotedList(_ values: [String], conjunction: String = "or") -> String {
    let quoted = values.map { "'\($0)'" }
    guard quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + quoted.last!
}
