/// A small binary format for the scan cache (`ScanRecord`), written by hand because the
/// cache is read on every build: Foundation's JSONDecoder took about 150 ms for the
/// records of a 600-page paper, which is more than the whole edit build may cost. Values
/// are written in a fixed order by `write(to:)` and read back in the same order by
/// `init(from:)`; integers as variable-length unsigned numbers (zig-zag for signed),
/// strings as a length and UTF-8 bytes. Reading never traps: every read is bounds-checked
/// and a record that does not read cleanly to its end is no record (the page is scanned).
protocol Archivable {
    func write(to archive: inout ArchiveWriter)
    init(from archive: inout ArchiveReader) throws(ArchiveReader.Damaged)
}

struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []
    /// The file of the page archived: its locations are written without the name.
    var pageFile = ""
    /// When set, every location is written as its rank here instead of its line and
    /// column (`ScanRecord.shapeDigest`); when `collectedLocations` is set, every location
    /// written is added to it.
    var locationRanks: [SourceLocation: Int]?
    var collectedLocations: [SourceLocation]?

    mutating func write(_ n: UInt64) {
        var n = n
        while n >= 0x80 {
            bytes.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    mutating func write(_ n: Int) { write(UInt64(bitPattern: Int64((n << 1) ^ (n >> 63)))) }
    mutating func write(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func write(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write<T: Archivable>(_ value: T) { value.write(to: &self) }

    mutating func write<T: Archivable>(_ value: T?) {
        write(value != nil)
        value?.write(to: &self)
    }

    mutating func write(_ s: String?) {
        write(s != nil)
        if let s { write(s) }
    }

    mutating func write<T: Archivable>(_ values: [T]) {
        write(UInt64(values.count))
        for value in values { value.write(to: &self) }
    }

    mutating func write(_ values: [String]) {
        write(UInt64(values.count))
        for value in values { write(value) }
    }
}

struct ArchiveReader {
    /// The bytes did not hold what was expected: too short, a bad tag, text that is not UTF-8.
    struct Damaged: Error {}

    private let bytes: [UInt8]
    private var position: Int
    /// The file of the page read back (see `ArchiveWriter.pageFile`).
    var pageFile = ""

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var atEnd: Bool { position == bytes.count }

    mutating func unsigned() throws(Damaged) -> UInt64 {
        var n: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Damaged() }
            let byte = bytes[position]
            position += 1
            n |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return n }
            shift += 7
        }
    }

    mutating func int() throws(Damaged) -> Int {
        let z = try unsigned()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw Damaged() }
        position += 1
        return bytes[position - 1] == 1
    }

    /// A count of things still to read: never more than bytes are left (each thing takes
    /// at least one), so a damaged count cannot make a reader reserve huge arrays.
    mutating func count() throws(Damaged) -> Int {
        let n = try unsigned()
        guard n <= UInt64(bytes.count - position) else { throw Damaged() }
        return Int(n)
    }

    mutating func string() throws(Damaged) -> String {
        let n = try count()
        let end = position + n
        guard let s = bytes[position..<end].withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
            throw Damaged()
        }
        position = end
        return s
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws(Damaged) -> [String] {
        var out: [String] = []
        let n = try count()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func read<T: Archivable>(_: T.Type = T.self) throws(Damaged) -> T { try T(from: &self) }

    mutating func optional<T: Archivable>(_: T.Type = T.self) throws(Damaged) -> T? {
        try bool() ? try T(from: &self) : nil
    }

    mutating func array<T: Archivable>(_: T.Type = T.self) throws(Damaged) -> [T] {
        var out: [T] = []
        let n = try count()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try T(from: &self)) }
        return out
    }
}
