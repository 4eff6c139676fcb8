import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Identifies this `report` binary, for cache keys: a result computed by one build of
/// the analysis is never reused by another. The linker's GNU build id is a hash of the
/// binary's content and is read from memory in microseconds; hashing the executable
/// file is the fallback when there is none.
enum BinaryFingerprint {
    static let current: String = buildID() ?? executableDigest() ?? "unknown"

    /// Reads the NT_GNU_BUILD_ID note from the executable's program headers (64-bit
    /// little-endian ELF): a few kilobytes, not the whole file.
    private static func buildID() -> String? {
        guard let file = FileHandle(forReadingAtPath: "/proc/self/exe") else { return nil }
        defer { try? file.close() }
        func read(_ offset: UInt64, _ count: Int) -> [UInt8]? {
            guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count),
                  data.count == count else { return nil }
            return [UInt8](data)
        }
        func integer(_ bytes: [UInt8], _ at: Int, _ size: Int) -> Int {
            (0..<size).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }
        guard let header = read(0, 64), header[0..<4] == [0x7F, 0x45, 0x4C, 0x46], header[4] == 2, header[5] == 1 else {
            return nil
        }
        let phoff = integer(header, 0x20, 8), phentsize = integer(header, 0x36, 2), phnum = integer(header, 0x38, 2)
        guard phnum < 256, let table = read(UInt64(phoff), phentsize * phnum) else { return nil }
        for i in 0..<phnum {
            let base = i * phentsize
            guard integer(table, base, 4) == 4 /* PT_NOTE */ else { continue }
            let offset = integer(table, base + 8, 8), size = integer(table, base + 32, 8)
            guard size < 1 << 16, let notes = read(UInt64(offset), size) else { continue }
            var at = 0
            while at + 12 <= notes.count {
                let nameSize = integer(notes, at, 4), descSize = integer(notes, at + 4, 4), type = integer(notes, at + 8, 4)
                let desc = at + 12 + (nameSize + 3) & ~3
                guard desc + descSize <= notes.count else { break }
                if type == 3 /* NT_GNU_BUILD_ID */ {
                    return notes[desc..<desc + descSize].map { String(format: "%02x", $0) }.joined()
                }
                at = desc + (descSize + 3) & ~3
            }
        }
        return nil
    }

    private static func executableDigest() -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe")) else { return nil }
        var hash: UInt64 = 0xcbf29ce484222325   // FNV-1a: only a fallback identity, not security
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(hash, radix: 16)
    }
}
