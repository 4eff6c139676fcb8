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
            output folder is served, to this computer only. The HTTP server is the program \
            `report-http` beside `report` (`make paper` builds both).
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
            let root = paper.paper, out = self.out
            let server: HTTPServerProcess
            do {
                server = try HTTPServerProcess.start(root: URL(fileURLWithPath: out).standardizedFileURL, port: port)
            } catch {
                throw fail([error], root: root)
            }
            defer { server.stop() }
            say("serving \(out)/ at http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")
            let loop = liveLoop(paper, out: out)
            do {
                try await untilInterrupted {
                    try await loop.run { build in
                        printLiveBuild(build, root: root, out: out)
                        server.publish(BuildNews(build, root: root))
                    }
                }
            } catch let error as Diagnostic {
                throw fail([error], root: root)
            }
        }
    }
}

/// The `report-http` process: started beside this executable, told about each build on
/// its standard input, stopped by closing it.
final class HTTPServerProcess: Sendable {
    let port: Int
    private let process: Process
    private let input: FileHandle

    private init(port: Int, process: Process, input: FileHandle) {
        self.port = port
        self.process = process
        self.input = input
    }

    /// `REPORT_HTTP` names another server program (tests, packaging); otherwise it is the
    /// `report-http` in the folder of the running `report`.
    static func executable() -> URL {
        if let path = ProcessInfo.processInfo.environment["REPORT_HTTP"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("report-http")
    }

    /// Starts the server and waits for the line that says it listens.
    static func start(root: URL, port: Int) throws(Diagnostic) -> HTTPServerProcess {
        let program = executable()
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw .error("report serve needs its HTTP server '\(program.path)', which is not built: run `make paper`, or `swift build -c release --product report-http`", at: nil)
        }
        let process = Process()
        process.executableURL = program
        process.arguments = ["--root", root.path, "--port", String(port)]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw .error("cannot start '\(program.path)': \(error.localizedDescription)", at: nil)
        }
        // The first line is "listening PORT"; end of output first means it failed.
        var line: [UInt8] = []
        let reader = output.fileHandleForReading
        while let byte = try? reader.read(upToCount: 1), let b = byte.first, b != UInt8(ascii: "\n") { line.append(b) }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard words.count == 2, words[0] == "listening", let listening = Int(words[1]) else {
            process.waitUntilExit()
            let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let hint = port == 0 ? "" : " (is the port in use? try --port \(port + 1))"
            throw .error("cannot serve on 127.0.0.1:\(port)\(hint): \(said.isEmpty ? "the server stopped" : said)", at: nil)
        }
        // Its later messages go to this terminal.
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if !data.isEmpty { FileHandle.standardError.write(data) }
        }
        return HTTPServerProcess(port: listening, process: process, input: input.fileHandleForWriting)
    }

    func publish(_ news: BuildNews) {
        try? input.write(contentsOf: Data((news.line + "\n").utf8))
    }

    /// Closing its input stops the server; wait so that the port is free on return.
    func stop() {
        try? input.close()
        process.waitUntilExit()
    }
}
