// Measurements of the networks on one machine, as `report measure` (measure/harness.py)
// writes them: `data/measurements/MACHINE.csv`, a block of `# key: value` lines that
// describes the machine, then one row per network and batch size. Format:
// measure/README.md. `data/measurements/machines.csv` lists the files; the paper draws
// the most recently measured one unless a directive names another (`:machine:`).
// A build only reads these files; it never measures.

import Foundation
import NotebookInterface

public struct MachineDescription: Sendable, Equatable {
    public var name: String
    public var cpu: String
    public var cores: Int
    public var memoryGiB: Double
    public var os: String
    public var onnxruntime: String
    public var threads: Int
    /// "2026-12-02T03:10:00Z to 2026-12-02T03:40:00Z"
    public var measured: String
    public var power: String
    /// Every `# key: value` line, the ones above included.
    public var fields: [String: String]

    /// The day the last network was measured, `2026-12-02`.
    public var date: String {
        let last = measured.components(separatedBy: " to ").last ?? measured
        return String(last.prefix(10))
    }
    public var powerMeasured: Bool { power.hasPrefix("rapl") }
}

public struct MeasurementRow: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, skipped, failed }
    public var network: String
    public var batch: Int
    public var status: Status
    public var runs: Int?
    /// Time of one batch, milliseconds: median and quartiles of the timed runs.
    public var medianMs: Double?
    public var q1Ms: Double?
    public var q3Ms: Double?
    public var imagesPerSecond: Double?
    /// CPU time of the process (all threads) for one batch: median and quartiles. Unlike
    /// the wall-clock time it does not grow when other work shares the cores.
    public var cpuMedianMs: Double?
    public var cpuQ1Ms: Double?
    public var cpuQ3Ms: Double?
    /// Peak resident memory while the batch ran, minus the runtime's baseline (MiB).
    public var peakMiB: Double?
    /// Resident memory once the model was loaded, minus the baseline (MiB).
    public var modelMiB: Double?
    public var powerW: Double?
    public var load1: Double?
    public var note: String
    public var line: Int

    public var msPerImage: Double? { medianMs.map { $0 / Double(batch) } }
}

public struct Measurements: Sendable, Equatable {
    /// Relative to the paper folder: `data/measurements/MACHINE.csv`.
    public var file: String
    public var machine: MachineDescription
    public var rows: [MeasurementRow]

    public func rows(_ network: String) -> [MeasurementRow] { rows.filter { $0.network == network } }
    public func ok(_ network: String, batch: Int) -> MeasurementRow? {
        rows.first { $0.network == network && $0.batch == batch && $0.status == .ok }
    }
}

enum MeasurementsFile {
    static let folder = "data/measurements"
    static let indexPath = folder + "/machines.csv"
    static let indexSchema = CSVSchema(required: ["machine", "measured"], optional: [])
    static let schema = CSVSchema(
        required: ["network", "batch", "status"],
        optional: ["runs", "median_ms", "q1_ms", "q3_ms", "min_ms", "max_ms", "images_per_s",
                   "cpu_median_ms", "cpu_q1_ms", "cpu_q3_ms", "peak_mib",
                   "model_mib", "baseline_mib", "power_w", "load1", "measured_at", "note"])
    static let requiredFields = ["machine", "cpu", "cores", "memory_gib", "os", "onnxruntime", "threads", "measured", "power"]

    static func path(_ machine: String) -> String { "\(folder)/\(machine).csv" }

    /// The index: machine names in the order listed, and which was measured last
    /// (ISO dates compare as text).
    static func loadIndex(_ text: String) -> (machines: [(name: String, measured: String)]?, problems: [Problem]) {
        let (table, syntax) = CSVTable.read(text, file: indexPath, schema: indexSchema)
        var reader = CellReader(file: indexPath)
        var machines: [(String, String)] = []
        for row in table.rows where row.complete {
            guard let name = reader.text(row, "machine"), let measured = reader.text(row, "measured") else { continue }
            if !isMachineName(name) {
                reader.fail(row, "machine", "'\(name)' is not a machine name (lower-case letters, digits, '.', '_', '-')")
                continue
            }
            if machines.contains(where: { $0.0 == name }) {
                reader.fail(row, "machine", "'\(name)' is listed twice"); continue
            }
            machines.append((name, measured))
        }
        if table.rows.isEmpty && syntax.isEmpty {
            reader.problems.append(Problem(.error, "no machine is listed; run `make measure`", file: indexPath, line: table.endLine, column: 1))
        }
        let problems = sortedByPosition(syntax + reader.problems)
        return (problems.isEmpty ? machines : nil, problems)
    }

    static func isMachineName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isLowercase || ("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }

    /// Reads one machine's file; `networks` are the ids it may name.
    static func load(_ text: String, file: String, networks: [String]) -> (measurements: Measurements?, problems: [Problem]) {
        // The `# key: value` block: read here, then blanked so the CSV reader skips those
        // lines and every position it reports is still the file's own.
        var fields: [String: String] = [:]
        var fieldLines: [String: Int] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems: [Problem] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("#") {
            let body = line.dropFirst()
            if let colon = body.firstIndex(of: ":") {
                let key = String(body[..<colon]).trimmingSpaces
                let value = String(body[body.index(after: colon)...]).trimmingSpaces
                    .trimmingCharacters(in: ["\r"])
                if requiredFields.contains(key) || !key.contains(" ") {
                    fields[key] = value
                    fieldLines[key] = index + 1
                }
            }
            lines[index] = ""
        }
        var reader = CellReader(file: file)
        for key in requiredFields where fields[key] == nil {
            problems.append(Problem(.error, "the machine description lacks '# \(key): …'", file: file, line: 1, column: 1))
        }
        func positive(_ key: String) -> Double? {
            guard let s = fields[key] else { return nil }
            guard isPlainDecimal(s), let x = Double(s), x > 0 else {
                problems.append(Problem(.error, "'\(key)' is '\(s)'; expected a positive number", file: file,
                                        line: fieldLines[key], column: 1))
                return nil
            }
            return x
        }
        let cores = positive("cores"), memory = positive("memory_gib"), threads = positive("threads")

        let (table, syntax) = CSVTable.read(lines.joined(separator: "\n"), file: file, schema: schema)
        var rows: [MeasurementRow] = []
        var seen: [String: Int] = [:]
        for row in table.rows where row.complete {
            guard let network = reader.text(row, "network") else { continue }
            if !networks.contains(network) {
                var message = "'\(network)' is not a defined network"
                if let near = nearest(network, in: networks) { message += "; did you mean '\(near)'?" }
                reader.fail(row, "network", message)
                continue
            }
            guard let batch = reader.count(row, "batch") else { continue }
            if let first = seen["\(network) \(batch)"] {
                reader.fail(row, "batch", "'\(network)' at batch size \(batch) is measured twice (first on line \(first))")
                continue
            }
            seen["\(network) \(batch)"] = row.line
            guard let status = MeasurementRow.Status(rawValue: row.text("status")) else {
                reader.fail(row, "status", "'status' is '\(row.text("status"))'; expected ok, skipped or failed")
                continue
            }
            var m = MeasurementRow(network: network, batch: batch, status: status, note: row.text("note"), line: row.line)
            if status == .ok {
                let any = 0.0...Double.greatestFiniteMagnitude
                let time = Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude
                m.runs = reader.count(row, "runs")
                m.medianMs = reader.number(row, "median_ms", in: time, unit: " ms")
                m.q1Ms = reader.number(row, "q1_ms", in: time, unit: " ms")
                m.q3Ms = reader.number(row, "q3_ms", in: time, unit: " ms")
                m.imagesPerSecond = reader.number(row, "images_per_s", in: time)
                m.cpuMedianMs = reader.number(row, "cpu_median_ms", in: time, unit: " ms", optional: true)
                m.cpuQ1Ms = reader.number(row, "cpu_q1_ms", in: time, unit: " ms", optional: !row.cells.keys.contains("cpu_median_ms") || m.cpuMedianMs == nil)
                m.cpuQ3Ms = reader.number(row, "cpu_q3_ms", in: time, unit: " ms", optional: !row.cells.keys.contains("cpu_median_ms") || m.cpuMedianMs == nil)
                m.peakMiB = reader.number(row, "peak_mib", in: -1e9...1e9, unit: " MiB")
                m.modelMiB = reader.number(row, "model_mib", in: -1e9...1e9, unit: " MiB")
                m.powerW = reader.number(row, "power_w", in: any, unit: " W", optional: true)
                m.load1 = reader.number(row, "load1", in: any, optional: true)
                guard let median = m.medianMs, let q1 = m.q1Ms, let q3 = m.q3Ms, let ips = m.imagesPerSecond,
                      m.runs != nil, m.peakMiB != nil, m.modelMiB != nil else { continue }
                if !(q1 <= median && median <= q3) {
                    reader.fail(row, "median_ms", "the median \(plain(median)) ms is not between the quartiles \(plain(q1)) and \(plain(q3)) ms")
                    continue
                }
                if let c = m.cpuMedianMs, let c1 = m.cpuQ1Ms, let c3 = m.cpuQ3Ms, !(c1 <= c && c <= c3) {
                    reader.fail(row, "cpu_median_ms", "the CPU-time median \(plain(c)) ms is not between the quartiles \(plain(c1)) and \(plain(c3)) ms")
                    continue
                }
                // Images per second must be the batch over the median time (to 1 %): a row
                // edited in one column and not the other would draw two different stories.
                let expected = Double(batch) / (median / 1000)
                if abs(ips - expected) > 0.01 * expected {
                    reader.fail(row, "images_per_s", "'images_per_s' is \(plain(ips)) but batch \(batch) / \(plain(median)) ms is \(Format.number(expected))")
                    continue
                }
            }
            rows.append(m)
        }
        problems = sortedByPosition(problems + syntax + reader.problems)
        guard problems.isEmpty, let cores, let memory, let threads else { return (nil, problems) }
        let machine = MachineDescription(
            name: fields["machine"]!, cpu: fields["cpu"]!, cores: Int(cores), memoryGiB: memory,
            os: fields["os"]!, onnxruntime: fields["onnxruntime"]!, threads: Int(threads),
            measured: fields["measured"]!, power: fields["power"]!, fields: fields)
        return (Measurements(file: file, machine: machine, rows: rows), [])
    }
}
