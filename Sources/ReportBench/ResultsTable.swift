import Foundation

/// Writes a line to stdout at once (unbuffered), so progress shows through pipes.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Human-readable durations: the unit follows the size, three significant digits.
func format(seconds s: Double) -> String {
    if s.isNaN { return "–" }
    if s < 1e-3 { return String(format: "%.1f µs", s * 1e6) }
    if s < 1 { return String(format: "%.2f ms", s * 1e3) }
    return String(format: "%.3f s", s)
}

func format(bytes b: Int) -> String {
    b <= 0 ? "–" : String(format: "%.1f MiB", Double(b) / 1_048_576)
}

/// The table printed at the end of `make bench`.
func printTable(_ ms: [Measurement]) {
    let header = ["case", "median", "min", "max", "cpu (median)", "peak RSS", "n"]
    var rows: [[String]] = []
    for m in ms {
        rows.append(["\(m.group): \(m.name)", format(seconds: m.median), format(seconds: m.min), format(seconds: m.max),
                     m.cpuMedian.map { format(seconds: $0) } ?? "", format(bytes: m.peakBytes), "\(m.samples.count)"])
    }
    let widths = header.indices.map { i in ([header[i]] + rows.map { $0[i] }).map(\.count).max()! }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in
            i == 0 ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                   : String(repeating: " ", count: widths[i] - c.count) + c
        }.joined(separator: "  ")
    }
    say(line(header))
    say(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for r in rows { say(line(r)) }
}

/// One row per case, seconds and bytes unformatted, for scripts and the README.
func csv(_ ms: [Measurement]) -> String {
    var out = "group,case,median_s,min_s,max_s,cpu_median_s,peak_rss_bytes,repetitions,note\n"
    for m in ms {
        let cpu = m.cpuMedian.map { String(format: "%.6f", $0) } ?? ""
        let note = m.note.contains(",") ? "\"\(m.note.replacingOccurrences(of: "\"", with: "\"\""))\"" : m.note
        out += "\(m.group),\(m.name),\(String(format: "%.6f", m.median)),\(String(format: "%.6f", m.min)),"
        out += "\(String(format: "%.6f", m.max)),\(cpu),\(m.peakBytes),\(m.samples.count),\(note)\n"
    }
    return out
}
