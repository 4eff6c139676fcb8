import Foundation
import Testing
@testable import LiveServer
@testable import Report

@Suite("Serve: the output folder over HTTP, with live reload")
struct ServeTests {
    /// A built project and a server on a free port.
    struct Running {
        let project: TempProject
        let server: LiveServer
        let task: Task<Void, any Error>
        let port: UInt16

        static func start(_ project: TempProject) async throws -> Running {
            let server = try LiveServer(output: project.out, port: 0)
            let task = Task { try await server.run() }
            try await server.waitUntilListening()
            guard let port = await server.port else { throw LiveTimeout(description: "no port") }
        #expect(await server.host == "127.0.0.1")
            return Running(project: project, server: server, task: task, port: port)
        }

        func stop() async {
            await server.stop()
            task.cancel()
            project.remove()
        }

        func get(_ target: String) async throws -> RawHTTPClient.Response {
            try await RawHTTPClient.get(target, port: port)
        }
    }

    private func started() async throws -> Running {
        let project = try liveProject()
        _ = try await project.build()
        return try await Running.start(project)
    }

    @Test func servesThePageWithTheLiveScriptOnlyInTheResponse() async throws {
        let running = try await started()
        defer { Task { await running.stop() } }

        let response = try await running.get("/")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/html; charset=utf-8")
        #expect(response.headers["cache-control"] == "no-store")
        #expect(valueShown(in: response.text) == "3.0")
        #expect(response.text.contains("new EventSource(\"/__report/events\")"))
        // Injected before </body>, and never written into the output folder.
        let script = try #require(response.text.range(of: "<script id=\"report-live\">"))
        let body = try #require(response.text.range(of: "</body>", options: .backwards))
        #expect(script.lowerBound < body.lowerBound)
        #expect(!(try running.project.read("index.html")).contains("report-live"))

        let same = try await running.get("/index.html")
        #expect(same.status == 200)
        #expect(valueShown(in: same.text) == "3.0")
    }

    @Test func contentTypes() async throws {
        let running = try await started()
        defer { Task { await running.stop() } }

        let expected = [
            "/assets/style.css": "text/css; charset=utf-8",
            "/figures/fig-bars.svg": "image/svg+xml",
            "/figures/fig-bars.png": "image/png",
            "/figures/fig-bars.pdf": "application/pdf",
            "/data/fig-bars.csv": "text/csv; charset=utf-8",
        ]
        for (path, type) in expected {
            let response = try await running.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
            #expect(response.headers["cache-control"] == "no-store", "\(path)")
            let onDisk = try Data(contentsOf: running.project.out.appendingPathComponent(String(path.dropFirst())))
            #expect(response.body == [UInt8](onDisk), "\(path)")
        }
        let png = try await running.get("/figures/fig-bars.png")
        #expect(png.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func refusesEveryPathOutsideTheOutputFolder() async throws {
        let running = try await started()
        defer { Task { await running.stop() } }
        let root = running.project.root
        // Files that exist just outside the output folder, and a link that escapes it.
        try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(atPath: running.project.out.appendingPathComponent("escape.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: running.project.out.appendingPathComponent("up").path,
                                                   withDestinationPath: root.path)

        let refused = [
            "/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
            "/%2e%2e%2fsecret.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/figures/../../secret.txt",
            "/figures/%2e%2e/%2e%2e/secret.txt", "//etc/passwd", "/etc/passwd", "/escape.txt", "/up/secret.txt",
            "/.report-manifest", "/.cache/", "/figures", "/missing.html", "/index.html%00.png",
        ]
        for target in refused {
            let response = try await running.get(target)
            #expect(response.status == 404, "\(target) → \(response.status)")
            #expect(!response.text.contains("secret"), "\(target)")
            #expect(!response.text.contains("root:"), "\(target)")
        }
        // Only requests addressed to this computer (a rebinding page's name is refused).
        for host in ["localhost:\(running.port)", "127.0.0.1:\(running.port)", "[::1]:\(running.port)"] {
            #expect(try await RawHTTPClient.get("/", port: running.port, host: host).status == 200, "\(host)")
        }
        for host in ["evil.example:\(running.port)", "127.0.0.1.evil.example", "localhost.evil.example:80"] {
            #expect(try await RawHTTPClient.get("/", port: running.port, host: host).status == 403, "\(host)")
        }
        // The check is on decoded components, not on the text: a legitimate escaped name works.
        let encoded = try await running.get("/figures/fig%2Dbars.png")
        #expect(encoded.status == 200)
    }

    @Test func aMissingPageWaitsForTheFirstBuild() async throws {
        // No build yet: the output folder does not exist.
        let running = try await Running.start(try liveProject())
        defer { Task { await running.stop() } }

        let page = try await running.get("/")
        #expect(page.status == 404)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("new EventSource(\"/__report/events\")"))
        let other = try await running.get("/figures/fig-bars.png")
        #expect(other.status == 404)
        #expect(other.headers["content-type"] == "text/plain; charset=utf-8")

        _ = try await running.project.build()
        #expect(try await running.get("/").status == 200)
    }

    @Test func servedFilesResolution() throws {
        let project = try liveProject()
        defer { project.remove() }
        try FileManager.default.createDirectory(at: project.out.appendingPathComponent("figures"), withIntermediateDirectories: true)
        try Data("<p>".utf8).write(to: project.out.appendingPathComponent("index.html"))
        try Data("png".utf8).write(to: project.out.appendingPathComponent("figures/a.png"))
        let files = ServedFiles(root: project.out)
        let real = ServedFiles.realPath(project.out.path)!
        #expect(files.file(for: "/")?.path == real + "/index.html")
        #expect(files.file(for: "/figures/a.png")?.path == real + "/figures/a.png")
        for path in ["", "index.html", "/..", "/../", "/figures/../index.html", "/./index.html", "/figures/",
                     "/.cache", "/a\\..\\b", "/figures/a.png/"] {
            #expect(files.file(for: path) == nil, "\(path)")
        }
        #expect(ServedFiles.contentType(for: "a.HTML") == "text/html; charset=utf-8")
        #expect(ServedFiles.contentType(for: "a.bin") == "application/octet-stream")
    }

    @Test func pushesAReloadAfterARebuildAndDiagnosticsAfterAFailure() async throws {
        let project = try liveProject()
        let running = try await Running.start(project)
        defer { Task { await running.stop() } }
        let paper = project.paper
        let server = running.server
        let loop = RebuildLoop(options: project.options(), debounce: .milliseconds(50)) { FakeNotebook(folder: paper) }
        let recorder = BuildRecorder()
        let loopTask = Task {
            try await loop.run { build in
                await recorder.record(build)
                await server.publish(BuildNews(build, root: "paper"))
            }
        }
        defer { loopTask.cancel() }
        _ = try await recorder.wait(for: 1)

        // A page opens its event stream: it is greeted with the current version.
        let client = try await onThread { try RawHTTPClient(port: running.port) }
        client.send("GET /__report/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        var seen = try await onThread { client.read(until: "event: hello") }
        #expect(seen.contains("200 OK"))
        #expect(seen.lowercased().contains("content-type: text/event-stream"))
        let version = await running.server.events.version
        #expect(seen.contains("\"version\":\"\(version)\""))
        try await eventually(5, "the page to be counted") { await running.server.openPages == 1 }

        // An edit: the page is told to reload, with the new version.
        let old = seen
        try project.write("data/x.txt", "5\n")
        seen = try await onThread { client.read(until: "event: reload", after: old) }
        #expect(seen.contains("event: reload"))
        let newVersion = await running.server.events.version
        #expect(newVersion != version)
        #expect(seen.contains("\"version\":\"\(newVersion)\""))
        let page = try await running.get("/")
        #expect(valueShown(in: page.text) == "5.0")
        #expect(page.text.contains("var version = \"\(newVersion)\""))

        // A failed build: its diagnostics, as JSON, for the overlay.
        let beforeFailure = seen
        try project.write("data/x.txt", "<b>five</b>\n")
        seen = try await onThread { client.readEvent("diagnostics", after: beforeFailure) }
        let event = try #require(seen.components(separatedBy: "event: diagnostics\ndata: ").last?.components(separatedBy: "\n").first)
        let message = try JSONDecoder().decode(LiveEvents.DiagnosticsMessage.self, from: Data(event.utf8))
        #expect(message.errors == 1)
        #expect(message.lines.contains { $0.hasPrefix("paper/data/x.txt:1:") && $0.contains("<b>five</b>") })
        // The page still shows the last good build.
        #expect(valueShown(in: (try await running.get("/")).text) == "5.0")

        // A page that connects while the build is failed gets the diagnostics at once.
        let late = try await onThread { try RawHTTPClient(port: running.port) }
        late.send("GET /__report/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let greeting = try await onThread { late.read(until: "event: diagnostics") }
        #expect(greeting.contains("event: hello"))
        #expect(greeting.contains("event: diagnostics"))
    }

    @Test func theOverlayPutsDiagnosticsInAsTextNeverAsHTML() {
        let script = LiveReloadScript.tag(version: "abc-1\";alert(1)//")
        #expect(script.contains("pre.textContent = d.lines.join"))
        #expect(!script.contains("innerHTML"))
        #expect(!script.contains("alert(1)"))
        #expect(script.contains("var version = \"abc-1alert1\""))

        let page = "<html><body><p>x</p></body></html>"
        let injected = LiveReloadScript.inject(into: page, version: "v-1")
        #expect(injected.hasPrefix("<html><body><p>x</p><script id=\"report-live\">"))
        #expect(injected.hasSuffix("</body></html>"))
        #expect(LiveReloadScript.inject(into: "<p>no body</p>", version: "v-1").hasPrefix("<p>no body</p><script"))
    }
}
