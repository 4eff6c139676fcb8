import NotebookInterface

/// A place in a source file: `file` is relative to the paper folder.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem for the author, printed in the format compilers and editors use:
/// `paper/index.md:12:5: error: unknown figure 'top1-vs-operation'`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `root` is the paper folder as the user named it, so the path printed is one the
    /// user can open (`paper/index.md`).
    public func formatted(root: String) -> String {
        guard let location else { return "report: \(severity.rawValue): \(message)" }
        let prefix = root.isEmpty || root == "." ? "" : (root.hasSuffix("/") ? root : root + "/")
        return "\(prefix)\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (l?, r?) where l != r: return l < r
        case (nil, _?): return true
        case (_?, nil): return false
        default: return a.message < b.message
        }
    }

    /// A notebook's problem, located in its data file when it names one, else at `fallback`.
    init(_ problem: Problem, fallback: SourceLocation?) {
        let severity: Severity = problem.severity == .error ? .error : .warning
        if let file = problem.file {
            self.init(severity, problem.message,
                      at: SourceLocation(file: file, line: problem.line ?? 1, column: problem.column ?? 1))
        } else {
            self.init(severity, problem.message, at: fallback)
        }
    }
}

/// All problems of a build; the build fails when any is an error.
public struct BuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
    /// The stage that stopped the build, when a stage did.
    public var stage: StageName?
    public init(_ diagnostics: [Diagnostic], stage: StageName? = nil) {
        self.diagnostics = diagnostics.sorted()
        self.stage = stage
    }
}

/// Collects diagnostics in one pass so that a build reports everything at once.
struct DiagnosticSink {
    private(set) var all: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    mutating func add(_ d: Diagnostic) {
        if seen.insert(d).inserted { all.append(d) }
    }

    mutating func error(_ message: String, at location: SourceLocation?) {
        add(.error(message, at: location))
    }

    mutating func warning(_ message: String, at location: SourceLocation?) {
        add(.warning(message, at: location))
    }

    var hasErrors: Bool { all.contains { $0.severity == .error } }
    var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
}
