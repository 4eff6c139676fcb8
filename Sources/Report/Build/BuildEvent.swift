/// Something a build did, for `report build --verbose` and for tests to check as data.
public enum BuildEvent: Sendable, Equatable, CustomStringConvertible {
    /// A block directive's result, cached or computed (and why).
    case directive(at: SourceLocation, kind: String, what: String, provenance: Provenance)
    /// An inline value's result (logged at its first use).
    case value(at: SourceLocation, key: String, provenance: Provenance)
    /// How many distinct values the build used, and how many came from the cache.
    case values(distinct: Int, cached: Int)
    /// Whether a page's HTML differs from the last build's, and whether it was rendered
    /// (or taken from the last build: see `PageRecord`).
    case page(file: String, changed: Bool, rendered: Bool)
    /// The pages this build parsed (changed since the last build, or rendered again),
    /// and how many pages' scans it took from the last build instead (see `ScanRecord`).
    case parsed(pages: [String], scansTaken: Int)
    /// How many pages were taken from the last build: `unasked` because nothing any
    /// answer reads had changed (the same render context, see `PageRecord.context`),
    /// `asked` after their questions got the same answers again.
    case pagesKept(unasked: Int, asked: Int)
    /// The build stopped early: its inputs equal the last build's.
    case upToDate(directives: Int)
    case wrote(files: Int, to: String)
    case nothingWritten

    public var description: String {
        switch self {
        case .directive(let at, let kind, let what, let provenance):
            "\(at.file):\(at.line): \(kind) \(what): \(provenance)"
        case .value(let at, let key, let provenance):
            "\(at.file):\(at.line): value \(key): \(provenance)"
        case .values(let distinct, let cached):
            "values: \(distinct) distinct, \(cached) cached, \(distinct - cached) computed"
        case .page(let file, let changed, let rendered):
            "page \(file): \(changed ? "changed" : "unchanged"), \(rendered ? "rendered" : "taken from the last build")"
        case .parsed(let pages, let taken):
            "pages parsed: \(pages.count)\(pages.isEmpty ? "" : " (" + pages.joined(separator: ", ") + ")"); scans taken from the last build: \(taken)"
        case .pagesKept(let unasked, let asked):
            "pages taken from the last build: \(unasked + asked) (\(asked) of them after asking their questions again)"
        case .upToDate(let directives):
            "inputs identical to the last build's: all \(directives) results cached, nothing written"
        case .wrote(let files, let to):
            "wrote \(files) files to \(to)"
        case .nothingWritten:
            "output unchanged: nothing written"
        }
    }
}
