import Foundation

/// What the numbers were measured on: cores, CPU model, and how busy the machine was
/// (timings on a loaded 2-core machine are not comparable with a quiet one).
func machineDescription() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?" } ?? "?"
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(model), load average \(loadAverage())"
}

func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
