import Crypto
import Foundation

/// SHA-256 in lowercase hex: the digest of cache keys, cache objects and inputs.
func sha256Hex<D: DataProtocol>(_ data: D) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

func sha256Hex(_ string: String) -> String { sha256Hex(Array(string.utf8)) }
