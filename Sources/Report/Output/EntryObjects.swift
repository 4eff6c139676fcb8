import Foundation

/// Which cache objects each cache entry names, kept beside the entries
/// (`.cache/entry-objects`, one line per entry file: its name, then the digests).
///
/// A build keeps exactly the objects that some kept entry names, so that replaced figures
/// do not pile up. Finding them used to mean reading every entry file on every build
/// (584 files for the 100-times paper, most of an edit's `open` calls); each build now
/// records the list for the next. An entry missing from the list (a cache written before
/// it existed) is read as before. A wrong list can only drop an object that is still
/// named, which the next lookup finds missing and recomputes, or keep one too many: it
/// never makes a result wrong.
enum EntryObjects {
    static let fileName = "entry-objects"

    /// The recorded digests by entry file name; none when the file is missing.
    static func read(cache root: URL) -> [String: [String]] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(fileName).path) else { return [:] }
        var recorded: [String: [String]] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard let name = fields.first, fields.dropFirst().allSatisfy({ $0.count == 64 }) else { continue }
            recorded[name] = Array(fields.dropFirst())
        }
        return recorded
    }

    static func encoded(_ references: [String: [String]]) -> [UInt8] {
        Array(references.keys.sorted().map { name in
            ([name] + references[name]!).joined(separator: " ") + "\n"
        }.joined().utf8)
    }
}
