import Crypto
import Foundation

private let hexDigits = Array("0123456789abcdef".utf8)

/// SHA-256 in lowercase hex: the digest of cache keys, cache objects and inputs.
/// (Hex by table lookup: `String(format:)` per byte cost several milliseconds a build.)
func sha256Hex<D: DataProtocol>(_ data: D) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: data) {
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

func sha256Hex(_ string: String) -> String { sha256Hex(Array(string.utf8)) }
