import CCrypto
import Foundation

private let hexDigits = Array("0123456789abcdef".utf8)

/// SHA-256 in lowercase hex: the digest of cache keys, cache objects and inputs.
/// OpenSSL's libcrypto (Debian's libssl-dev) computes it: swift-crypto did the same but
/// compiled BoringSSL, most of a cold build's steps, for this one function.
/// (Hex by table lookup: `String(format:)` per byte cost several milliseconds a build.)
func sha256Hex<D: DataProtocol>(_ data: D) -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let ok: Int32
    if let contiguous = data.withContiguousStorageIfAvailable({ buffer in
        EVP_Digest(buffer.baseAddress, buffer.count, &bytes, &length, EVP_sha256(), nil)
    }) {
        ok = contiguous
    } else {
        let copy = Array(data)
        ok = copy.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &bytes, &length, EVP_sha256(), nil) }
    }
    precondition(ok == 1 && length == 32, "libcrypto's SHA-256 failed")
    return hex(bytes)
}

/// 32 bytes as 64 lowercase hex digits.
private func hex(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in bytes {
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// SHA-256 of strings fed one after another, as if joined: for digesting many short
/// pieces without building the joined string.
struct SHA256Stream: ~Copyable {
    private let context: OpaquePointer

    init() {
        context = EVP_MD_CTX_new()
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "libcrypto's SHA-256 failed")
    }

    deinit { EVP_MD_CTX_free(context) }

    mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { buffer in
            precondition(EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1, "libcrypto's SHA-256 failed")
        }
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            precondition(EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) == 1, "libcrypto's SHA-256 failed")
        }
    }

    /// A field: its length, then its bytes, so that no two sequences of fields feed the
    /// same bytes.
    mutating func field(_ string: String) {
        update("\(string.utf8.count):")
        update(string)
    }

    mutating func field(_ bytes: [UInt8]) {
        update("\(bytes.count):")
        update(bytes)
    }

    consuming func finalHex() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &bytes, &length) == 1 && length == 32, "libcrypto's SHA-256 failed")
        return hex(bytes)
    }
}

func sha256Hex(_ string: String) -> String {
    var string = string
    return string.withUTF8 { sha256Hex($0) }
}
