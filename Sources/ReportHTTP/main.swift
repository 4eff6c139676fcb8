// `report-http`: the HTTP half of `report serve`, in a process of its own.
//
//     report-http --root DIR --port N
//
// Serves DIR on 127.0.0.1:N (0 picks a free port), prints `listening PORT` once it
// listens, then reads one `BuildNews` JSON line per build from standard input and tells
// the open pages (reload, or the diagnostics of a failed build). It stops when standard
// input closes, so it never outlives the `report serve` that started it.
import Foundation
import LiveServer
import Report

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("report-http: \(message)\n".utf8))
    exit(2)
}

var root: String?
var port: UInt16 = 8000
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--root": root = value
    case "--port":
        guard let n = UInt16(value) else { fail("--port must be between 0 and 65535, got '\(value)'") }
        port = n
    default: fail("unknown option '\(flag)' (expected --root DIR --port N)")
    }
}
guard let root else { fail("--root DIR is required") }

/// Lines of standard input, read on a thread of their own (reading blocks).
func inputLines() -> AsyncStream<String> {
    AsyncStream { continuation in
        Thread.detachNewThread {
            while let line = readLine() { continuation.yield(line) }
            continuation.finish()
        }
    }
}

let server: LiveServer
do {
    server = try LiveServer(output: URL(fileURLWithPath: root).standardizedFileURL, port: port)
} catch {
    fail("cannot listen on 127.0.0.1:\(port): \(error)")
}
do {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        group.addTask {
            try await server.waitUntilListening()
            guard let listening = await server.port else { throw CocoaError(.fileReadUnknown) }
            FileHandle.standardOutput.write(Data("listening \(listening)\n".utf8))
            for await line in inputLines() {
                guard let news = try? JSONDecoder().decode(BuildNews.self, from: Data(line.utf8)) else {
                    FileHandle.standardError.write(Data("report-http: ignoring a malformed line from report serve\n".utf8))
                    continue
                }
                await server.publish(news)
            }
        }
        // Either the server failed or standard input closed: stop both.
        try await group.next()
        group.cancelAll()
    }
    await server.stop()
} catch {
    fail("cannot serve on 127.0.0.1:\(port): \(error)")
}
