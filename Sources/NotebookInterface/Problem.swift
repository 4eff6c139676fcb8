/// A problem found by a notebook, located in a file of the paper folder when it can be.
public struct Problem: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var message: String
    /// Path relative to the paper folder (e.g. `data/networks.csv`), or nil.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// The directive option the problem is about (`x` for an unknown column in `:x:`),
    /// so that the builder can point at that option's line.
    public var option: String?

    public init(_ severity: Severity = .error, _ message: String,
                file: String? = nil, line: Int? = nil, column: Int? = nil, option: String? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.option = option
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            if let column { location += ":\(column)" }
            location += ": "
        }
        return "\(location)\(severity.rawValue): \(message)"
    }
}

/// Why a notebook could not compute a result.
public enum NotebookError: Error, Sendable, Equatable {
    /// The name is not offered; the builder suggests near misses from `offers()`.
    case unknownName(OfferKind, String)
    /// Anything else: bad argument or option value, invalid data (with its location).
    case problems([Problem])

    public static func problem(_ message: String, file: String? = nil, line: Int? = nil) -> NotebookError {
        .problems([Problem(.error, message, file: file, line: line)])
    }
}
