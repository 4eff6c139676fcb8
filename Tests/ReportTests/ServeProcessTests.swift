import Foundation
import Testing

/// `report serve` as a user runs it: `report` builds and watches, and starts its HTTP
/// server `report-http` as a child process (so `report` itself links no HTTP stack).
@Suite(.serialized) struct ServeProcessTests {
    /// A paper copy and a running `report serve --port 0`, whose output is read line by line.
    final class Serving: @unchecked Sendable {
        let root: URL
        let process = Process()
        private let output = Pipe()
        private var buffer = ""

        init(environment: [String: String] = [:]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("report-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: ReliabilityPaths.repository.appendingPathComponent("paper"),
                                             to: root.appendingPathComponent("paper"))
            process.executableURL = try ReportExecutable.require()
            process.arguments = ["serve", "--port", "0"]
            process.currentDirectoryURL = root
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v }
            process.environment = env
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// Output until a line containing `text` (or the end of output): waits on the
        /// process's own words, not on a clock.
        func read(until text: String) -> String {
            let handle = output.fileHandleForReading
            while !buffer.contains(text) {
                let data = handle.availableData
                if data.isEmpty { break }
                buffer += String(decoding: data, as: UTF8.self)
            }
            return buffer
        }

        func stop() -> Int32 {
            if process.isRunning { kill(process.processIdentifier, SIGINT) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: root)
            return process.terminationStatus
        }
    }

    /// The pids of running `report-http` processes whose parent is `pid`.
    static func httpChildren(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { child in
            guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let name = stat[stat.index(after: stat.firstIndex(of: "(")!)..<close]
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return name == "report-http" && fields.count > 2 && Int32(fields[1]) == pid
        }
    }

    @Test func servesTheBuiltPaperThroughItsHTTPChildAndStopsItOnCtrlC() async throws {
        let serving = try Serving()
        let said = serving.read(until: "built ")
        let port = try #require(said.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.output.1) },
                                "no address in: \(said)")
        #expect(said.contains("built "), "\(said)")
        let children = Self.httpChildren(of: serving.process.processIdentifier)
        #expect(children.count == 1, "expected one report-http child, found \(children)")

        let page = try await RawHTTPClient.get("/", port: port)
        #expect(page.status == 200)
        #expect(page.text.contains("new EventSource(\"/__report/events\")"))
        #expect(page.text.contains("<h1"))

        #expect(serving.stop() == 0)
        // The child was told to stop (its input closed) and has gone with its parent.
        for child in children { #expect(kill(child, 0) != 0, "report-http \(child) outlived report serve") }
    }

    @Test func aMissingServerProgramIsAClearError() throws {
        let serving = try Serving(environment: ["REPORT_HTTP": "/nonexistent/report-http"])
        let said = serving.read(until: "nothing was written")
        serving.process.waitUntilExit()
        #expect(serving.process.terminationReason == .exit)
        #expect(serving.stop() == 1)
        #expect(said.contains("report serve needs its HTTP server '/nonexistent/report-http'"), "\(said)")
        #expect(said.contains("make paper"))
    }
}
