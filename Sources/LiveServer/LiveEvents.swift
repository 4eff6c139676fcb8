import Foundation
import Report

/// The server-sent event streams of the open pages, and what they are told.
///
/// Every page is served with the output's *version* (this server session and a count
/// of successful builds). A page that connects says nothing; the server first sends
/// `hello` with the current version, so a page that missed a reload (it was loading
/// while a build finished, or the server restarted) reloads at once. Then:
/// `reload` after a build that changed the output or fixed a failure, `diagnostics`
/// (JSON: errors, warnings, lines) after a failed build and to every page that
/// connects while the last build is failed.
public actor LiveEvents {
    let session: String
    private(set) var generation = 0
    private var failure: DiagnosticsMessage?
    private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    init(session: String = String(UUID().uuidString.prefix(8)).lowercased()) {
        self.session = session
    }

    var version: String { "\(session)-\(generation)" }
    var subscriberCount: Int { subscribers.count }

    public struct DiagnosticsMessage: Codable, Sendable, Equatable {
        var errors: Int
        var warnings: Int
        var lines: [String]
    }

    func subscribe() -> AsyncStream<[UInt8]> {
        // A page that stops reading is not allowed to hold an unbounded queue.
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        // `retry` makes the browser reconnect within a second when the server restarts.
        continuation.yield(Array("retry: 1000\n".utf8) + Self.message("hello", json: ["version": version]))
        if let failure { continuation.yield(Self.message("diagnostics", json: failure)) }
        return stream
    }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
    }

    /// Tells every open page about a build.
    func publish(_ news: BuildNews) {
        if let failure = news.failure {
            let message = DiagnosticsMessage(errors: failure.errors, warnings: failure.warnings, lines: failure.lines)
            self.failure = message
            broadcast(Self.message("diagnostics", json: message))
        } else {
            guard news.wrote || failure != nil || news.number == 1 else { return }
            failure = nil
            generation += 1
            broadcast(Self.message("reload", json: ["version": version]))
        }
    }

    /// A comment line: browsers ignore it, and a write to a page that has gone away
    /// fails, which closes its connection.
    func ping() {
        broadcast(Array(": ping\n\n".utf8))
    }

    func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func broadcast(_ bytes: [UInt8]) {
        for continuation in subscribers.values { continuation.yield(bytes) }
    }

    /// One event. JSON has no raw newlines, so the data fits the single `data:` line
    /// the format requires.
    static func message(_ event: String, json value: some Encodable) -> [UInt8] {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Array("event: \(event)\ndata: ".utf8) + [UInt8](data) + Array("\n\n".utf8)
    }
}
