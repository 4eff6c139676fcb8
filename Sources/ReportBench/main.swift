// `make bench`: how long the paper takes to build, rebuild and draw, with peak memory.
//
// A small harness of our own rather than ordo-one/benchmark: that package needs
// swift-tools 6.1 (this package declares 6.0, and Package.swift is shared), pulls in
// jemalloc (which would change the allocator being measured), and its runs are
// in-process only, while the numbers a user feels here are whole `report` processes:
// start-up, data loading and architecture counting included. What is needed is small:
// N timed repetitions after a warm-up, median/min/max, the peak resident set per case
// (VmHWM, reset between cases), and children's own rusage via wait4.

import Analysis
import Foundation

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())

// A child mode: count every architecture once, in a fresh process, and print the seconds.
if arguments.first == "count-zoo" {
    var failures = 0
    let t = seconds {
        for id in Zoo.ids where (try? Zoo.counts(id)) == nil { failures += 1 }
    }
    if failures > 0 { say("\(failures) networks failed to count"); exit(1) }
    say(String(format: "%.9f", t))
    exit(0)
}

func option(_ name: String, in arguments: [String]) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

let usage = "usage: ReportBench [--paper DIR] [--reps N] [--csv FILE] [--only build|library|figures|zoo]"
if arguments.contains("--help") { say(usage); exit(0) }
let paper = URL(fileURLWithPath: option("--paper", in: arguments) ?? "paper").standardizedFileURL
let repetitions = Int(option("--reps", in: arguments) ?? "") ?? 15
let csvPath = option("--csv", in: arguments) ?? "bench/results/bench.csv"
let only = option("--only", in: arguments)

let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
let binDir = URL(fileURLWithPath: selfPath).deletingLastPathComponent()
let reportBinary = binDir.appendingPathComponent("report").path
guard FileManager.default.isExecutableFile(atPath: reportBinary) else {
    FileHandle.standardError.write(Data("ReportBench: no report binary beside this one (\(reportBinary)); build the 'report' product first\n".utf8))
    exit(2)
}
let pageCount = ((try? FileManager.default.contentsOfDirectory(atPath: paper.path)) ?? []).filter { $0.hasSuffix(".md") }.count
guard pageCount > 0 else {
    FileHandle.standardError.write(Data("ReportBench: no *.md pages in \(paper.path)\n".utf8))
    exit(2)
}

let cases = Cases(paper: paper, reportBinary: reportBinary, benchBinary: selfPath,
                  repeater: Repeater(repetitions: repetitions))
var results: [Measurement] = []
do {
    say("report bench: \(paper.path) (\(pageCount) pages), \(repetitions) repetitions after 1 warm-up")
    say("machine: \(machineDescription())")
    if only == nil || only == "build" { results += try cases.commandBuilds() }
    if only == nil || only == "library" { results += try await cases.libraryBuilds() }
    if only == nil || only == "figures" { results += try cases.figures() }
    if only == nil || only == "zoo" { results.append(try cases.counting()) }
} catch {
    FileHandle.standardError.write(Data("ReportBench: \(error)\n".utf8))
    exit(1)
}
say("")
printTable(results)
say("load average after: \(loadAverage())")
let csvURL = URL(fileURLWithPath: csvPath)
try? FileManager.default.createDirectory(at: csvURL.deletingLastPathComponent(), withIntermediateDirectories: true)
do {
    try csv(results).write(to: csvURL, atomically: true, encoding: .utf8)
    say("\nwrote \(csvPath)")
} catch {
    FileHandle.standardError.write(Data("ReportBench: cannot write \(csvPath): \(error)\n".utf8))
    exit(1)
}
