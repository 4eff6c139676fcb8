import Foundation
import Testing

// `report measure` runs the Python harness, which runs a worker per network. Stopping
// `report measure` with SIGTERM or SIGHUP must stop them too, not leave them measuring:
// the signal goes to the harness's process group, and `report` waits for the harness.

@Suite("report measure: SIGTERM and SIGHUP reach the harness and its worker", .serialized)
struct MeasureSignalTests {
    /// A stand-in for measure/.venv/bin/python: it starts a "worker" (a sleep in the same
    /// process group), prints both pids, and on the signal waits for the worker and says
    /// how it ended. Were the signal not passed to the whole group, the worker would run
    /// its 30 s to the end and say status 0.
    static let fakePython = """
        #!/bin/sh
        sleep 30 &
        worker=$!
        trap 'wait $worker; echo "worker status $?" >&2; exit 143' TERM HUP
        echo "$$ $worker"
        wait $worker
        echo "worker status $? (not signalled)" >&2
        """

    @Test(arguments: [SIGTERM, SIGHUP])
    func theSignalStopsHarnessAndWorkerBeforeReportEnds(_ number: Int32) throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("report-measure-signal-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let bin = root.appendingPathComponent("harness/.venv/bin")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        let python = bin.appendingPathComponent("python")
        try Self.fakePython.write(to: python, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)

        let process = Process()
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        process.executableURL = try ReportExecutable.require()
        process.arguments = ["measure", "resnet-18", "--harness", root.appendingPathComponent("harness").path,
                             "--paper", root.appendingPathComponent("paper").path]
        let output = Pipe()
        let stderr = root.appendingPathComponent("stderr")
        fm.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // The harness's first line (its pid and its worker's): a blocking read, so the
        // signal comes only once both run.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let pids = String(decoding: line, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
        try #require(pids.count == 2, "the stand-in harness did not start: \(String(decoding: line, as: UTF8.self))")

        kill(process.processIdentifier, number)
        // Its end is the event waited for; the deadline only keeps a regression (a signal
        // never seen) from hanging the suite.
        if ended.wait(timeout: .now() + 60 * Slowdown.factor) == .timedOut {
            kill(-pids[0], SIGKILL)
            Issue.record("report measure did not end within 60 s of the signal")
        }
        process.waitUntilExit()
        let log = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 143, "\(log)")
        #expect(log.contains("worker status \(128 + number)"), "the worker was not signalled: \(log)")
        // Both are gone (reaped, not zombies) once `report` has ended.
        for pid in pids {
            #expect(kill(pid, 0) == -1 && errno == ESRCH, "process \(pid) outlived report measure")
        }
    }
}
