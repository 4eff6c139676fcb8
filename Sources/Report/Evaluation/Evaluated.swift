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

/// In the cache a figure's files are objects named by their digests: it is stored with
/// the digests, and read back with files in the cache folder the decoder is given
/// (`RenderedFigure.objectsFolder`).
extension RenderedFigure: Codable {
    static let objectsFolder = CodingUserInfoKey(rawValue: "objectsFolder")!

    private enum CodingKeys: String, CodingKey { case width, height, csv, files }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        width = try c.decode(Double.self, forKey: .width)
        height = try c.decode(Double.self, forKey: .height)
        csv = try c.decode(String.self, forKey: .csv)
        guard let folder = decoder.userInfo[Self.objectsFolder] as? URL else {
            throw DecodingError.dataCorruptedError(forKey: .files, in: c, debugDescription: "no cache folder to read figure files from")
        }
        var files: [ChartFormat: Blob] = [:]
        for (format, digest) in try c.decode([String: String].self, forKey: .files) {
            guard let f = ChartFormat(rawValue: format) else { continue }
            files[f] = Blob(digest: digest, file: ResultCache.objectPath(folder, digest: digest))
        }
        self.files = files
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(csv, forKey: .csv)
        try c.encode(Dictionary(uniqueKeysWithValues: files.map { ($0.key.rawValue, $0.value.digest) }), forKey: .files)
    }
}

/// A directive's computed result: what the renderer uses and what the cache stores
/// (one type for both; the notebook's `Output` is what it computed, before drawing).
enum Evaluated: Sendable, Codable {
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
