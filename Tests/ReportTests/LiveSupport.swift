import Foundation
import Testing
@testable import Report
#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the watch, serve and self-contained tests.
struct LiveTimeout: Error, CustomStringConvertible {
    var description: String
}

/// Polls `condition` every 20 ms until it holds, failing after `seconds`.
func eventually(_ seconds: Double = 10, _ what: String,
                _ condition: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
    while ContinuousClock.now < deadline {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw LiveTimeout(description: "timed out after \(seconds) s waiting for \(what)")
}

/// The builds of a live session, in order, as the rebuild loop reports them.
actor BuildRecorder {
    private(set) var builds: [LiveBuild] = []

    func record(_ build: LiveBuild) { builds.append(build) }
    var count: Int { builds.count }

    /// Waits until there are `count` builds and returns the last of them.
    func wait(for count: Int, seconds: Double = 10) async throws -> LiveBuild {
        try await eventually(seconds, "build \(count)") { await self.count >= count }
        return builds[count - 1]
    }
}

/// Runs blocking socket code on its own thread, so that it never holds one of the
/// few threads the server's tasks need.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Swift.Result { try body() }) }
        thread.start()
    }
}

/// A deliberately plain HTTP/1.1 client over a socket: it sends the request target
/// exactly as given (URLSession and curl would normalise `/../` away before sending).
final class RawHTTPClient: @unchecked Sendable {
    let fd: Int32

    init(port: UInt16, timeoutSeconds: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LiveTimeout(description: "socket failed") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw LiveTimeout(description: "cannot connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads what has arrived; nil at the end of the stream or after the timeout.
    func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Array(buffer[..<n]) : nil
    }

    /// Reads until `text` has arrived (or the stream ends), returning everything read.
    func read(until text: String, after previous: String = "") -> String {
        var all = previous
        while !all.contains(text), let bytes = readSome() { all += String(decoding: bytes, as: UTF8.self) }
        return all
    }

    /// Reads until the last event named `name` is complete (an event ends with a blank line).
    func readEvent(_ name: String, after previous: String = "") -> String {
        var all = previous
        func complete() -> Bool {
            guard let start = all.range(of: "event: \(name)\n", options: .backwards) else { return false }
            return all[start.upperBound...].contains("\n\n")
        }
        while !complete(), let bytes = readSome() { all += String(decoding: bytes, as: UTF8.self) }
        return all
    }

    struct Response {
        var status: Int
        var headers: [String: String]   // lowercased names
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One GET with `Connection: close`, so the body ends where the stream ends.
    static func get(_ target: String, port: UInt16, host: String = "127.0.0.1") async throws -> Response {
        try await onThread {
            let client = try RawHTTPClient(port: port)
            client.send("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
            var bytes: [UInt8] = []
            while let more = client.readSome() { bytes += more }
            guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else {
                throw LiveTimeout(description: "no complete response to GET \(target)")
            }
            let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let status = Int(head[0].split(separator: " ")[1]) ?? 0
            var headers: [String: String] = [:]
            for line in head.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return Response(status: status, headers: headers, body: Array(bytes[end.upperBound...]))
        }
    }
}

/// The text of the value in "The value is …" on a live test page.
func valueShown(in html: String) -> String? {
    html.firstMatch(of: /The value is <span class="value"[^>]*>([^<]*)<\/span>/).map { String($0.output.1) }
}

/// The page, data and paper of the live tests (FakeNotebook reads `data/x.txt`).
func liveProject() throws -> TempProject {
    try TempProject(pages: [
        "index.md": page("""
        # Live

        The value is {value}`data.x`.

        ```{figure} bars
        :label: fig-bars
        :alt: Bars of x.
        Bars of x.
        ```
        """, title: "Live paper"),
    ])
}
