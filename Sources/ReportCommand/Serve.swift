import ArgumentParser
import Foundation
import Report

extension ReportCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the output folder on 127.0.0.1, rebuild on change and reload open pages (Ctrl-C stops).",
            discussion: """
            Open pages reload by themselves after each successful build; a failed build shows \
            its diagnostics over the page, which keeps showing the last good build. Only the \
            output folder is served, to this computer only.
            """)

        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out: String = "build"
        @Option(name: .long, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "n"))
        var port: Int = 8000

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() async throws {
            let server: LiveServer
            do {
                server = try LiveServer(output: URL(fileURLWithPath: out).standardizedFileURL,
                                        port: UInt16(port), paperDisplayPath: paper.paper)
            } catch {
                throw fail([.error("cannot listen on 127.0.0.1:\(port): \(error)", at: nil)], root: paper.paper)
            }
            let loop = liveLoop(paper, out: out)
            let root = paper.paper, out = self.out, requested = port
            do {
                try await untilInterrupted {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await server.run() }
                        group.addTask {
                            try await server.waitUntilListening()
                            let port = await server.port.map(Int.init) ?? requested
                            say("serving \(out)/ at http://127.0.0.1:\(port)/ (Ctrl-C stops)")
                            try await loop.run { build in
                                printLiveBuild(build, root: root, out: out)
                                await server.publish(build)
                            }
                        }
                        defer { group.cancelAll() }
                        try await group.next()
                    }
                    await server.stop()
                }
            } catch let error as Diagnostic {
                throw fail([error], root: root)
            } catch {
                let hint = requested == 0 ? "" : " (is the port in use? try --port \(requested + 1))"
                throw fail([.error("cannot serve on 127.0.0.1:\(requested): \(error)\(hint)", at: nil)], root: root)
            }
        }
    }
}
