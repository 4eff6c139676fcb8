import Chart
import Foundation
import NotebookInterface

/// The bytes of an output file, held in memory or in a cache object on disk.
struct Blob: Sendable {
    enum Source: Sendable {
        case bytes([UInt8])
        case file(URL)
    }
    var digest: String
    var source: Source

    init(bytes: [UInt8]) {
        self.digest = sha256Hex(bytes)
        self.source = .bytes(bytes)
    }

    init(digest: String, file: URL) {
        self.digest = digest
        self.source = .file(file)
    }

    func bytes() throws -> [UInt8] {
        switch source {
        case .bytes(let b): return b
        case .file(let url): return [UInt8](try Data(contentsOf: url))
        }
    }
}

/// A rendered figure: its size and its files, ready to write.
struct RenderedFigure: Sendable {
    var width: Double
    var height: Double
    var files: [ChartFormat: Blob]
    var csv: String
}

/// A directive's computed result, as the renderer uses it.
enum Evaluated: Sendable {
    case value(Value)
    case table(Table)
    case claim(Claim)
    case figure(RenderedFigure)
}

/// Why a result was computed or taken from the cache (for `--verbose`).
public enum Provenance: Sendable, Equatable, CustomStringConvertible {
    case cached
    case computed(String)

    public var description: String {
        switch self {
        case .cached: "cached"
        case .computed(let why): "computed (\(why))"
        }
    }
}

/// The outcome of evaluating one request.
struct Evaluation: Sendable {
    var result: Evaluated?
    var inputs: [String]
    var problems: [Problem]
    var unknownName: Bool
    var provenance: Provenance
}
