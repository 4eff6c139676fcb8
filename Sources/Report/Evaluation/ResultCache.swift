import Chart
import Foundation
import NotebookInterface

/// The content-keyed cache of directive results, kept in `OUT/.cache/`.
///
/// An entry is found by the digest of its request (kind, name, arguments, options) and is
/// valid only when its stored notebook fingerprint equals the current one and every input
/// file it lists still has the digest it had. Nothing else (no modification time) is
/// consulted, so a result can never be stale. Each entry file starts with the SHA-256 of
/// its body, and each object is named by its own SHA-256, so a corrupt or truncated file
/// is detected and recomputed, never used (objects unchanged since a build hashed or
/// wrote them are trusted by their file's stamp, see `ObjectStamps`).
struct ResultCache: Sendable {
    static let folderName = ".cache"
    static let formatVersion = "2"

    /// Where existing entries are read from (the current output folder's cache), if any.
    let readRoot: URL?
    let fingerprint: String
    /// Objects the last build knew to be right, and whose file has not changed since
    /// (`ObjectStamps`): not hashed again.
    let stamps: [String: FileStamp]
    /// Objects this build hashed and found right: recorded for the next one.
    let verified = VerifiedObjects()

    init(readRoot: URL?, fingerprint: String) {
        self.readRoot = readRoot
        self.fingerprint = fingerprint
        stamps = readRoot.map(ObjectStamps.read(cache:)) ?? [:]
    }

    struct Entry: Codable, Sendable {
        var version: String
        var request: Request
        var fingerprint: String
        var inputs: [String: String]     // path → SHA-256
        var warnings: [Problem]
        var output: Evaluated
    }

    /// The digest of a request's canonical text: every field written with its length
    /// (so no two requests share a text, whatever their strings hold) and the options in
    /// key order. (Written by hand: JSONEncoder took a few percent of an edit build of a
    /// large paper, which asks it of every request twice.)
    static func key(_ request: Request) -> String {
        var text = ""
        func field(_ s: String) { text += "\(s.utf8.count):\(s)" }
        field("request-1")
        field(request.kind.rawValue)
        field(request.name)
        text += "\(request.arguments.count);"
        request.arguments.forEach(field)
        text += "\(request.options.count);"
        for (key, value) in request.options.sorted(by: { $0.key < $1.key }) {
            field(key)
            field(value)
        }
        return sha256Hex(text)
    }

    static func entryPath(_ root: URL, key: String) -> URL {
        root.appendingPathComponent("entries/\(key).json")
    }

    static func objectPath(_ root: URL, digest: String) -> URL {
        root.appendingPathComponent("objects/\(digest)")
    }

    enum Lookup {
        case hit(Entry)
        case miss(String)
    }

    /// Finds a valid entry or says why there is none.
    func lookup(_ request: Request, inputDigest: (String) -> String?) -> Lookup {
        guard let root = readRoot else { return .miss("cache disabled") }
        let url = Self.entryPath(root, key: Self.key(request))
        guard let data = try? Data(contentsOf: url) else { return .miss("not in cache") }
        guard let newline = data.firstIndex(of: 0x0A),
              String(decoding: data[..<newline], as: UTF8.self) == sha256Hex(data[(newline + 1)...]),
              let entry = try? Self.decoder(objects: root).decode(Entry.self, from: data[(newline + 1)...]),
              entry.version == Self.formatVersion, entry.request == request
        else { return .miss("cache entry corrupt") }
        guard entry.fingerprint == fingerprint else { return .miss("analysis changed") }
        for (path, digest) in entry.inputs.sorted(by: { $0.key < $1.key }) where inputDigest(path) != digest {
            return .miss("\(path) changed")
        }
        if case .figure(let figure) = entry.output {
            // Objects are checked against their names: a damaged file is recomputed.
            // One unchanged since a build knew it right is not read again.
            for digest in figure.files.values.map(\.digest).sorted() {
                let path = Self.objectPath(root, digest: digest)
                if let stamp = stamps[digest], FileStamp(path: path.path) == stamp { continue }
                guard let data = try? Data(contentsOf: path) else {
                    return .miss("cache object missing")
                }
                if sha256Hex(data) != digest { return .miss("cache object corrupt") }
                verified.insert(digest)
            }
        }
        return .hit(entry)
    }

    /// Serialises an entry with its integrity line.
    static func encode(_ entry: Entry) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(entry)) ?? Data()
        return Array((sha256Hex(body) + "\n").utf8) + [UInt8](body)
    }

    /// A decoder of entries whose figure files are objects under `root`.
    static func decoder(objects root: URL) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[RenderedFigure.objectsFolder] = root
        return decoder
    }
}
