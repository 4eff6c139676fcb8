import Dispatch
import Foundation
import Testing
@testable import Report

/// SHA-256 comes from libcrypto; the FIPS 180-2 test vectors pin it down, including a
/// non-contiguous collection (two regions of DispatchData), which takes the copying path.
struct DigestTests {
    @Test func knownVectors() {
        #expect(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func nonContiguousData() {
        var data = DispatchData.empty
        for part in ["ab", "c"] {
            Array(part.utf8).withUnsafeBytes { data.append(DispatchData(bytes: $0)) }
        }
        #expect(data.regions.count == 2)
        #expect(sha256Hex(data) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
