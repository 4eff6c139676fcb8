// A network as the measured figures, claims and values see it: its summary (accuracy,
// counts) from the dataset and its rows from one machine's measurements. Every network
// of the dataset with a counted architecture is drawn, the later ones (2018–2022)
// included (`enet` has no architecture to run; its encoder is measured but not drawn).

import Chart
import NotebookInterface

struct MeasuredNetwork: Sendable {
    var summary: NetworkSummary
    var rows: [MeasurementRow]          // status ok, ascending batch size
    /// Uses depthwise convolutions (groups equal to the channels): few operations per
    /// byte moved, so they are expected to run below a machine's operation rate.
    var depthwise: Bool
    /// What its costliest kind of layer is built on, for telling apart which networks
    /// run at which rate.
    var structure: Structure

    /// The building block that sets a network apart, in this order of precedence.
    enum Structure: String, CaseIterable, Sendable {
        case attention = "attention"
        case depthwise = "depthwise convolutions"
        case grouped = "grouped convolutions"
        case dense = "dense convolutions"
    }

    var id: String { summary.id }
    func at(_ batch: Int) -> MeasurementRow? { rows.first { $0.batch == batch } }
}

struct MeasuredSet: Sendable {
    var machine: MachineDescription
    var file: String
    /// In the dataset's order.
    var networks: [MeasuredNetwork]
    /// Every network of the dataset, for colours that do not change with the subset.
    var colors: [String: Color]
    /// Times are CPU times when every row has one (a shared machine's wall clock counts
    /// the waits for a core too), else wall-clock times.
    var usesCPUTime: Bool
    /// Batch sizes not measured, each with its network and why (skipped for memory or
    /// failed), of the networks drawn.
    var notMeasured: [(network: MeasuredNetwork, row: MeasurementRow)] = []

    /// Time per image in ms, on the set's clock.
    func msPerImage(_ row: MeasurementRow) -> Double {
        ((usesCPUTime ? row.cpuMedianMs : row.medianMs) ?? .nan) / Double(row.batch)
    }
    /// Images per second, on the set's clock.
    func imagesPerSecond(_ row: MeasurementRow) -> Double { 1000 / msPerImage(row) }
    var clockName: String { usesCPUTime ? "CPU time" : "wall-clock time" }

    init(_ m: Measurements, dataset: Dataset) {
        machine = m.machine
        file = m.file
        colors = Palette.colors(dataset.every)
        let ok = m.rows.filter { $0.status == .ok }
        usesCPUTime = !ok.isEmpty && ok.allSatisfy { $0.cpuMedianMs != nil }
        networks = dataset.every.compactMap { n in
            let rows = m.rows(n.id).filter { $0.status == .ok }.sorted { $0.batch < $1.batch }
            guard n.source == .derived, !rows.isEmpty else { return nil }
            let kinds = dataset.counts[n.id]?.layers.map(\.kind) ?? []
            let depthwise = kinds.contains(where: Self.isDepthwise)
            let structure: MeasuredNetwork.Structure =
                kinds.contains(where: Self.isAttention) ? .attention
                : depthwise ? .depthwise
                : kinds.contains(where: Self.isGrouped) ? .grouped : .dense
            return MeasuredNetwork(summary: n, rows: rows, depthwise: depthwise, structure: structure)
        }
        notMeasured = networks.flatMap { n in m.rows(n.id).filter { $0.status != .ok }.map { (n, $0) } }
    }

    /// `attention, 12 heads`, `shifted window 7, shift 3 attention, 3 heads` (a byte search).
    static func isAttention(_ kind: String) -> Bool {
        kind.utf8.firstRange(of: "attention, ".utf8) != nil
    }

    /// The groups of a convolution's kind (`conv 3×3/1, 32, groups 32`), 1 without.
    /// A byte search, like `isDepthwise`.
    static func groups(_ kind: String) -> Int {
        guard kind.hasPrefix("conv "), let at = kind.utf8.firstRange(of: ", groups ".utf8) else { return 1 }
        return Int(kind[at.upperBound...].prefix { $0.isNumber }) ?? 1
    }

    /// At least 8 groups, fewer than the channels (ResNeXt, RegNet); like `isDepthwise`,
    /// AlexNet's two-way split is not counted.
    static func isGrouped(_ kind: String) -> Bool {
        groups(kind) >= 8 && !isDepthwise(kind)
    }

    /// `conv 3×3/1, 32, groups 32`: as many groups as output channels (and at least 8,
    /// so AlexNet's two-way split is not counted).
    /// Called for every layer of every network each time a set is read (once per value
    /// of the measured page, ~10⁵ calls a build): a scan of the bytes that allocates
    /// nothing (Foundation's `range(of:)` and the standard library's generic
    /// `firstRange(of:)` both cost more than the rest of the set).
    private static let groupsMarker = Array(", groups ".utf8)

    static func isDepthwise(_ kind: String) -> Bool {
        guard kind.hasPrefix("conv ") else { return false }
        var text = kind
        return text.withUTF8 { b in
            let comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
            // The whole number starting at `i` after spaces, and where it ends.
            func number(_ i: Int) -> (value: Int, end: Int)? {
                var i = i, value = 0, digits = 0
                while i < b.count, b[i] == space { i += 1 }
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                    value = value * 10 + Int(b[i] - UInt8(ascii: "0"))
                    digits += 1
                    i += 1
                }
                while i < b.count, b[i] == space { i += 1 }
                return digits > 0 && digits < 10 ? (value, i) : nil
            }
            // The second field, "conv 3×3/1, 32, …": the output channels, alone in it.
            guard let first = b.firstIndex(of: comma), let channels = number(first + 1),
                  channels.end == b.count || b[channels.end] == comma else { return false }
            let marker = Self.groupsMarker
            var i = channels.end
            while i + marker.count <= b.count {
                if b[i] == comma, (0..<marker.count).allSatisfy({ b[i + $0] == marker[$0] }) {
                    guard let groups = number(i + marker.count) else { return false }
                    return groups.value >= 8 && groups.value == channels.value
                }
                i += 1
            }
            return false
        }
    }

    func color(_ n: MeasuredNetwork) -> Color { colors[n.id] ?? .gray(0.5) }

    /// Networks measured at `batch`, with that row.
    func at(_ batch: Int) -> [(network: MeasuredNetwork, row: MeasurementRow)] {
        networks.compactMap { n in n.at(batch).map { (n, $0) } }
    }

    /// "Intel Xeon, 2 cores, 1 thread, ONNX Runtime 1.20.1, 2026-12-02"
    var caption: String {
        "\(machine.cpu), \(machine.cores) cores, \(machine.threads) thread\(machine.threads == 1 ? "" : "s"), "
            + "ONNX Runtime \(machine.onnxruntime), \(machine.date)"
    }
}

/// Ordinary least squares y = intercept + slope·x, and the share of variance explained.
struct LinearFit: Sendable, Equatable {
    var slope: Double
    var intercept: Double
    var r2: Double
    var count: Int

    init?(_ points: [(x: Double, y: Double)]) {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n
        let my = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - mx) * ($1.x - mx) }
        let sxy = points.reduce(0) { $0 + ($1.x - mx) * ($1.y - my) }
        let syy = points.reduce(0) { $0 + ($1.y - my) * ($1.y - my) }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        // With every y equal, a flat line explains everything there is to explain.
        r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1
        count = points.count
    }

    func predict(_ x: Double) -> Double { intercept + slope * x }
}
