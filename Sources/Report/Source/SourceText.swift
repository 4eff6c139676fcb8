import Foundation

/// Reads a source file as UTF-8 text, refusing what is not text: a NUL byte means a
/// binary file, and an invalid sequence is reported at its line and column.
func readSourceText(_ url: URL, relativePath: String) throws(Diagnostic) -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw .error("this is a folder, not a file; rename it or move it out of the paper folder",
                     at: SourceLocation(file: relativePath, line: 1))
    }
    let data: Data
    do {
        data = try Data(contentsOf: url)
    } catch {
        throw .error("cannot read file: \(describe(error))", at: SourceLocation(file: relativePath, line: 1))
    }
    return try decodeSourceText([UInt8](data), relativePath: relativePath)
}

func decodeSourceText(_ bytes: [UInt8], relativePath: String) throws(Diagnostic) -> String {
    // Nearly every file is UTF-8 without a NUL byte, which the standard library and
    // memchr check fast; only a file that fails is walked byte by byte, to say where.
    let hasNUL = bytes.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
    var text: String
    if !hasNUL, let valid = String(validating: bytes, as: UTF8.self) {
        text = valid
    } else {
        try locateEncodingProblem(bytes, relativePath: relativePath)
        text = String(decoding: bytes, as: UTF8.self)
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }   // a byte-order mark is harmless
    // Windows (CRLF) and old Mac (CR) line ends become LF, as CommonMark reads them: in a
    // Swift String "\r\n" is one Character, so splitting lines on "\n" would otherwise
    // miss every line of a CRLF file (front matter would not be found).
    if bytes.withUnsafeBufferPointer({ $0.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }) {
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
    return text
}

/// Throws the first NUL byte or ill-formed UTF-8 sequence of `bytes`, with its line and column.
private func locateEncodingProblem(_ bytes: [UInt8], relativePath: String) throws(Diagnostic) {
    // A NUL byte anywhere means a binary file (an image saved as .md, say): say that,
    // rather than "invalid UTF-8" at whatever non-text byte happens to come first.
    if let nul = bytes.firstIndex(of: 0) {
        let line = 1 + bytes[..<nul].lazy.filter { $0 == 0x0A }.count
        throw .error("binary file (it contains a NUL byte); pages must be UTF-8 text",
                     at: SourceLocation(file: relativePath, line: line, column: 1))
    }
    var line = 1, column = 1, i = 0
    let n = bytes.count
    while i < n {
        let b = bytes[i]
        if b < 0x80 {
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += 1
            continue
        }
        let length = utf8SequenceLength(bytes, at: i)
        if length == 0 {
            throw .error("invalid UTF-8 (byte 0x\(String(b, radix: 16, uppercase: true))); pages must be UTF-8 text",
                         at: SourceLocation(file: relativePath, line: line, column: column))
        }
        i += length
        column += 1
    }
}

/// Length of the well-formed UTF-8 sequence starting at `i`, or 0 when it is not one
/// (overlong forms, surrogates and code points past U+10FFFF are rejected).
private func utf8SequenceLength(_ s: [UInt8], at i: Int) -> Int {
    let b0 = s[i]
    func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
        i + k < s.count && s[i + k] >= lo && s[i + k] <= hi
    }
    switch b0 {
    case 0xC2...0xDF: return cont(1) ? 2 : 0
    case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
    case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
    case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
    case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
    case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
    default: return 0
    }
}

/// A short, path-free description of a file system error.
func describe(_ error: any Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    switch ns.code {
    case NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return ns.localizedDescription
    }
}

/// The lines of a source text, split at "\n" bytes (sources are normalised to "\n"
/// line ends; splitting by Character cost most of loading a large paper).
func splitLines(_ text: String) -> [Substring] {
    var text = text
    text.makeContiguousUTF8()
    // Newline offsets found in the contiguous bytes (a generic search over the UTF-8
    // view cost a few percent of loading a large paper), then sliced as Substrings.
    let offsets: [Int] = text.utf8.withContiguousStorageIfAvailable { bytes in
        var found: [Int] = []
        for (i, byte) in bytes.enumerated() where byte == 0x0A { found.append(i) }
        return found
    } ?? text.utf8.indices.filter { text.utf8[$0] == 0x0A }.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) }
    var lines: [Substring] = []
    lines.reserveCapacity(offsets.count + 1)
    var start = text.startIndex
    for offset in offsets {
        let newline = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        lines.append(text[start..<newline])
        start = text.utf8.index(after: newline)
    }
    lines.append(text[start...])
    return lines
}

extension Substring {
    /// Without what `trimmingCharacters(in: .whitespaces)` removes (spaces, tabs and
    /// Unicode's other blanks), without Foundation's detour through NSString for ASCII,
    /// which took a tenth of scanning a large paper (this runs on every line of every
    /// directive). Written by hand, so TrimmingTests compares it with Foundation's.
    var trimmingSpaces: String {
        trimming { $0.isASCII ? $0 == " " || $0 == "\t" : CharacterSet.whitespaces.contains($0) }
    }

    /// Without what `trimmingCharacters(in: .whitespacesAndNewlines)` removes (the
    /// above, and U+000A–U+000D, U+0085, U+2028, U+2029).
    var trimmingSpacesAndNewlines: String {
        trimming { $0.isASCII ? $0 == " " || ("\t"..."\r").contains($0) : CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

extension String {
    var trimmingSpaces: String { self[...].trimmingSpaces }
    var trimmingSpacesAndNewlines: String { self[...].trimmingSpacesAndNewlines }
}
