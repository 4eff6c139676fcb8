import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished child process cost.
struct ChildRun {
    var status: Int32
    var wall: Double
    var user: Double
    var system: Double
    /// Peak resident bytes of the child alone (wait4's rusage, not the parent's).
    var peakBytes: Int
    var output: String
}

/// GNU time, when installed: see `runChild`.
let gnuTime = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

/// Runs a program to completion with posix_spawn + wait4, for the child's own CPU time
/// (Foundation's Process does not report it). Its peak memory comes from GNU time in
/// between: Linux charges a spawned child with the high-water mark of the address
/// space it was cloned from (this harness, tens of MiB), and a small `time` process
/// keeps that charge down to its own few hundred KiB.
func runChild(_ executable: String, _ arguments: [String]) throws -> ChildRun {
    let outputPath = NSTemporaryDirectory() + "report-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
    let memoryPath = outputPath + ".rss"
    defer { unlink(outputPath); unlink(memoryPath) }
    let (program, argumentList) = gnuTime.map { ($0, ["-f", "%M", "-o", memoryPath, executable] + arguments) }
        ?? (executable, arguments)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    let argv = ([program] + argumentList).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let start = now()
    let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
    guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchError("wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let wall = now() - start
    func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let exited = (status & 0x7f) == 0
    let code: Int32 = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    var peak = usage.ru_maxrss * 1024
    if gnuTime != nil, let text = try? String(contentsOfFile: memoryPath, encoding: .utf8),
       let kb = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
        peak = kb * 1024
    }
    return ChildRun(status: code, wall: wall, user: secs(usage.ru_utime), system: secs(usage.ru_stime),
                    peakBytes: peak, output: output)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
