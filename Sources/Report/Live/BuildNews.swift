import Foundation

/// What `report serve` tells its HTTP server (`report-http`, a separate process) about
/// one build, as one JSON line on the server's standard input.
///
/// The server is a process of its own so that `report` links no HTTP stack: the server
/// library pulls in FoundationNetworking and libcurl (25 shared libraries at every start,
/// and a static link that needs libcurl's development files). The builder stays in
/// `report`, so both commands share one binary fingerprint and one cache.
public struct BuildNews: Codable, Sendable, Equatable {
    /// Counts the builds of this session, from 1.
    public var number: Int
    /// Whether the build changed the output folder.
    public var wrote: Bool
    /// Set when the build failed: the diagnostics to show over the page.
    public var failure: Failure?

    public struct Failure: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        /// Each diagnostic in the compiler format, relative to the paper folder as typed.
        public var lines: [String]

        public init(errors: Int, warnings: Int, lines: [String]) {
            self.errors = errors
            self.warnings = warnings
            self.lines = lines
        }
    }

    public init(number: Int, wrote: Bool, failure: Failure?) {
        self.number = number
        self.wrote = wrote
        self.failure = failure
    }

    /// The news of a live build, with diagnostics formatted for `root` (the paper folder).
    public init(_ build: LiveBuild, root: String) {
        switch build.outcome {
        case .built(let report):
            self.init(number: build.number, wrote: report.wrote, failure: nil)
        case .failed(let diagnostics):
            self.init(number: build.number, wrote: false, failure: Failure(
                errors: diagnostics.filter { $0.severity == .error }.count,
                warnings: diagnostics.filter { $0.severity == .warning }.count,
                lines: diagnostics.sorted().map { $0.formatted(root: root) }))
        }
    }

    /// One line of JSON (JSON strings escape newlines, so the line is whole).
    public var line: String {
        String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
