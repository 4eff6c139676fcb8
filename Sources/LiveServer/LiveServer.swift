import FlyingFox
import FlyingSocks
import Foundation
import Report

/// `report-http` (started by `report serve`): serves the output folder on 127.0.0.1 and tells open pages when to
/// reload (server-sent events at `/__report/events`).
///
/// HTTP parsing is FlyingFox's; this file only maps requests to the output folder's
/// files (`ServedFiles`), adds the live-reload script to HTML, and streams events.
public final class LiveServer: Sendable {
    public let files: ServedFiles
    let events: LiveEvents
    private let server: HTTPServer

    /// Binds to 127.0.0.1 only: the server shows unpublished work and rebuilds on
    /// request, so it is not for the network. Port 0 picks a free port (see `port`).
    public init(output: URL, port: UInt16) throws {
        let files = ServedFiles(root: output)
        let events = LiveEvents()
        self.files = files
        self.events = events
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let quiet: DisabledLogger = .disabled
        server = HTTPServer(address: address, timeout: 30, logger: quiet,
                            handler: LiveHandler(files: files, events: events))
    }

    /// Serves until the calling task is cancelled (or `stop` is called).
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask {
                // Pings find pages that have gone away, so their connections close.
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(15))
                    await self.events.ping()
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    public func waitUntilListening() async throws {
        try await server.waitUntilListening()
    }

    /// The port the server listens on, once it does.
    public var port: UInt16? {
        get async {
            switch await server.listeningAddress {
            case .ip4(_, let port)?, .ip6(_, let port)?: return port
            default: return nil
            }
        }
    }

    /// The address the server listens on, once it does (always 127.0.0.1).
    public var host: String? {
        get async {
            switch await server.listeningAddress {
            case .ip4(let address, _)?, .ip6(let address, _)?: return address
            default: return nil
            }
        }
    }

    /// Tells open pages about a build: reload after a success, diagnostics after a failure.
    public func publish(_ news: BuildNews) async {
        await events.publish(news)
    }

    /// How many pages are listening for events now.
    public var openPages: Int {
        get async { await events.subscriberCount }
    }

    public func stop() async {
        await events.finishAll()
        await server.stop(timeout: 0.2)
    }
}

/// Answers GET requests: the event stream, or a file of the output folder.
private struct LiveHandler: HTTPHandler {
    let files: ServedFiles
    let events: LiveEvents

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET else {
            return Self.text(.methodNotAllowed, "Only GET is served.\n")
        }
        // A web page elsewhere could point a name it controls at 127.0.0.1 and read the
        // paper through the browser (DNS rebinding); such requests carry its name.
        if let host = request.headers[.host], !Self.isLocal(host: host) {
            return Self.text(.forbidden, "This server answers requests for 127.0.0.1 and localhost only.\n")
        }
        if request.path == LiveReloadScript.eventsPath {
            let stream = await events.subscribe()
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8",
                                          .cacheControl: "no-store"],
                                body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }
        guard let url = files.file(for: request.path), var data = try? Data(contentsOf: url) else {
            if request.path.hasSuffix("/") || request.path.lowercased().hasSuffix(".html") {
                // A page that is not there (yet: the first build may still be running or
                // have failed) listens for events too, so it appears by itself.
                let page = LiveReloadScript.inject(into: Self.missingPage, version: await events.version)
                return HTTPResponse(statusCode: .notFound,
                                    headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                    body: Data(page.utf8))
            }
            return Self.text(.notFound, "Not found.\n")
        }
        let type = ServedFiles.contentType(for: url.lastPathComponent)
        if type.hasPrefix("text/html"), let html = String(data: data, encoding: .utf8) {
            data = Data(LiveReloadScript.inject(into: html, version: await events.version).utf8)
        }
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: type, .cacheControl: "no-store",
                                      HTTPHeader("X-Content-Type-Options"): "nosniff"],
                            body: data)
    }

    static func isLocal(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            name = String(name.dropFirst().prefix { $0 != "]" })
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return name == "127.0.0.1" || name == "localhost" || name == "::1"
    }

    static let missingPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
        <body><p>This page is not in the output folder. If the paper is still building, or its build \
        failed, it appears here once a build succeeds.</p></body></html>

        """

    static func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                     body: Data(body.utf8))
    }
}

/// The bytes of an event stream, as FlyingFox sends a body of unknown length (chunked).
private struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk[...]
            }
            let n = Swift.max(1, Swift.min(count, pending.count))
            defer { pending = pending.dropFirst(n) }
            return pending.prefix(n)
        }
    }
}
