import Foundation
import Synchronization

// Which cache objects need not be hashed again. A cached figure's six files are checked
// against their names (their SHA-256) before the figure is reused; for the paper that is
// 13 MB hashed on every edit, a quarter of an edit build. As git does with its index,
// each build records the size, modification time and inode of every object whose
// content it knows to be right (written by it, or hashed by it); the next build hashes
// only objects whose file no longer matches that record. Replacing or rewriting an object
// changes its record (a new inode or a new time), so it is hashed, found damaged and
// recomputed; only a change that forges size, time and inode together goes unseen.

/// What `stat` says of a file that changes when the file is replaced or rewritten.
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    init(size: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}

enum ObjectStamps {
    /// In the cache folder, beside `objects/` (whose listing holds objects only).
    static let fileName = "object-stamps"

    /// The stamps a build recorded, by object digest; an unreadable or damaged file
    /// gives none (every object is then hashed, as without stamps).
    static func read(cache root: URL) -> [String: FileStamp] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(fileName).path) else { return [:] }
        var stamps: [String: FileStamp] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard fields.count == 4, fields[0].count == 64, fields[0].allSatisfy(\.isHexDigit),
                  let size = Int64(fields[1]), let time = Int64(fields[2]), let inode = UInt64(fields[3])
            else { return [:] }
            stamps[fields[0]] = FileStamp(size: size, modifiedNanoseconds: time, inode: inode)
        }
        return stamps
    }

    /// Records the objects of `root/objects` known to be right: those in `known`, and
    /// those whose file still matches the stamp an earlier build recorded.
    static func write(cache root: URL, known: Set<String>, earlier: [String: FileStamp]) throws {
        let objects = root.appendingPathComponent("objects").path + "/"
        var text = ""
        for digest in ((try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []).sorted() {
            guard let stamp = FileStamp(path: objects + digest),
                  known.contains(digest) || earlier[digest] == stamp else { continue }
            text += "\(digest) \(stamp.size) \(stamp.modifiedNanoseconds) \(stamp.inode)\n"
        }
        try writeFile(Array(text.utf8), to: root.appendingPathComponent(fileName))
    }
}

/// Objects a build hashed and found right, collected from the evaluation tasks.
final class VerifiedObjects: Sendable {
    private let digests = Mutex<Set<String>>([])

    func insert(_ digest: String) { digests.withLock { _ = $0.insert(digest) } }
    var all: Set<String> { digests.withLock { $0 } }
}
