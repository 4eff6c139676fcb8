// The contract between the generic builder (Report) and whatever computes results
// (Analysis). The builder knows nothing about neural networks; it hands a notebook
// requests parsed from directives and turns the answers into HTML, images and CSV.
// Keeping the contract in its own small target lets both sides depend on it without
// depending on each other.

/// Something that evaluates directives: `{figure} NAME`, `{table} NAME ARGS`,
/// `` {value}`KEY` `` and `{claim} NAME`.
public protocol Notebook: Sendable {
    /// Identifies the code that computes results. It is part of every cache key, so it
    /// must change whenever a result could change for the same inputs.
    var fingerprint: String { get }

    /// Everything the notebook offers, for `report list`, for `report values` and for
    /// "did you mean …?" suggestions. May read data (value keys depend on it), through
    /// `files` only.
    func offers(reading files: any PaperFiles) throws(NotebookError) -> [Offer]

    /// Computes one result. Throws `NotebookError` with `.unknownName` when the name is
    /// not offered, so that the builder can suggest a near miss. The builder has already
    /// checked the request's options and number of arguments against the offer (the
    /// one place they are validated), so a notebook need not check them again.
    /// Every file it reads, it reads through `files`: what it read is what the result
    /// is cached on.
    func evaluate(_ request: Request, reading files: any PaperFiles) throws(NotebookError) -> Result

    /// The offer answering a request whose name `offers()` does not list, because the
    /// name is written by the author rather than chosen from a list: a value with a
    /// format spec (`network.resnet-50.gops:.1f`), a cell of a CSV file, a claim that is
    /// an expression, a table of a CSV file. Nil when the name means nothing.
    func offer(for request: Request) -> Offer?
}

extension Notebook {
    public func offer(for request: Request) -> Offer? { nil }
}

public enum OfferKind: String, Sendable, CaseIterable, Codable {
    case figure, table, value, claim
}

/// One thing a notebook can compute.
public struct Offer: Sendable, Equatable {
    public var kind: OfferKind
    public var name: String
    public var summary: String
    /// Options the directive may carry for this offer: option name → allowed values
    /// (an empty list accepts any text).
    public var options: [String: [String]]
    /// Names the positional arguments after the name (e.g. `["network-id"]` for
    /// `{table} layers resnet-50`); empty when the offer takes none.
    public var arguments: [String]
    /// A one-line description of each option, for `report list`.
    public var optionSummaries: [String: String]

    public init(kind: OfferKind, name: String, summary: String,
                options: [String: [String]] = [:], arguments: [String] = [],
                optionSummaries: [String: String] = [:]) {
        self.kind = kind
        self.name = name
        self.summary = summary
        self.options = options
        self.arguments = arguments
        self.optionSummaries = optionSummaries
    }
}

/// A directive as the notebook sees it: the builder has already removed its own
/// options (label, alt, width, expect, …) and the caption.
public struct Request: Sendable, Hashable, Codable {
    public var kind: OfferKind
    public var name: String
    public var arguments: [String]
    public var options: [String: String]

    public init(kind: OfferKind, name: String, arguments: [String] = [], options: [String: String] = [:]) {
        self.kind = kind
        self.name = name
        self.arguments = arguments
        self.options = options
    }
}

/// A computed result. (The files it was computed from are not listed here: the reader
/// the notebook was handed recorded them.)
public struct Result: Sendable {
    public var output: Output
    /// Problems worth telling the author that do not stop the build.
    public var warnings: [Problem]

    public init(_ output: Output, warnings: [Problem] = []) {
        self.output = output
        self.warnings = warnings
    }
}

public enum Output: Sendable {
    case value(Value)
    case table(Table)
    case figure(Figure)
    case claim(Claim)
}
