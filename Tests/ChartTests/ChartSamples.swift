import Foundation
@testable import Chart

/// Charts built from generated data (no analysis here): a crowded bubble chart, a bar
/// chart with rotated names and arrows, a log–log scatter with a step line.
enum ChartSamples {
    /// Deterministic pseudo-random numbers, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    static let names = ["Alpha", "Beta-18", "Gamma-v3", "Delta", "Epsilon-152", "Zeta", "Eta-121", "Theta",
                        "Iota-net", "Kappa", "Lambda-50", "Mu", "Nu-v4", "Xi", "Omicron-34", "Pi"]

    static func bubbles(seed: UInt64 = 7, count: Int = 16, log: Bool = false) -> Chart {
        var g = Generator(state: seed)
        let data = (0..<count).map { i -> Datum in
            // Most networks crowd the cheap end, as in the paper.
            let x = i < count / 2 ? 0.3 + g.next() * 4 : 2 + g.next() * 38
            return Datum(key: "n\(i)", x: x, y: 55 + g.next() * 25, size: 2e6 + g.next() * 140e6,
                         color: Color(red: g.next(), green: g.next(), blue: g.next()),
                         label: names[i % names.count], marked: i == 3)
        }
        let refs: [Double] = [5e6, 35e6, 65e6, 95e6, 125e6, 155e6]
        return Chart(title: "Bubbles", x: Axis(title: "Operations [G-Ops]", scale: log ? .log : .linear, includeZero: !log),
                     y: Axis(title: "Top-1 accuracy [%]", domain: 50...85),
                     layers: [ChartLayer(.bubble, data)],
                     size: SizeScale(maxValue: 155e6, maxRadius: 44, references: refs,
                                     referenceLabels: refs.map { "\(Int($0 / 1e6))M" }),
                     legends: [.size, .entries([LegendEntry("reported", color: .black, symbol: .dashedCircle)], corner: .auto)])
    }

    static func bars(count: Int = 16) -> Chart {
        var g = Generator(state: 3)
        let values = (0..<count).map { _ in 0.3 + g.next() * 12 }.sorted()
        let cats = (0..<count).map { names[$0 % names.count] + ($0 >= names.count ? "-\($0)" : "") }
        let data = zip(cats, values).map { Datum(key: $0, category: $0, y: $1, color: .gray(0.4)) }
        return Chart(title: "Bars", x: Axis(scale: .band(cats), grid: false, labelAngle: 30),
                     y: Axis(title: "Density [%/M-Params]", includeZero: true),
                     layers: [ChartLayer(.bar(width: 0.7), data), ChartLayer(.arrow, Array(data.suffix(3)))])
    }

    static func steps() -> Chart {
        let pts = [(0.3, 60.0), (1.1, 70.0), (5.7, 74.4), (11.4, 78.5), (18.4, 80.1)]
        let data = pts.enumerated().map { Datum(key: "p\($0.offset)", x: $0.element.0, y: $0.element.1, label: "P\($0.offset)") }
        return Chart(title: "Steps", x: Axis(title: "Operations [G-Ops]", scale: .log), y: Axis(title: "Top-1 [%]", scale: .log),
                     layers: [ChartLayer(.stepLine(width: 1.5, dash: [4, 2]), data), ChartLayer(.point(radius: 4), data)],
                     legends: [.entries([LegendEntry("frontier", color: .black, symbol: .dashedLine)], corner: .auto)])
    }

    static var all: [Chart] {
        [bubbles(), bubbles(seed: 11, log: true), bubbles(seed: 5, count: 8), bars(), steps()]
    }
}
