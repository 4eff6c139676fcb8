import Foundation
import Testing
@testable import Chart

/// A wide bubble chart with a dense cluster under a few huge bubbles (as the paper's
/// ten-years chart has, with every network): the cluster's labels must read well —
/// short leaders that cross nothing, no label over another or over a mark, all inside
/// the plot — rather than names fanned out on long leaders across the chart.
@Suite struct CrowdedClusterTests {
    static func cluster(seed: UInt64) -> Chart {
        var g = ChartSamples.Generator(state: seed)
        func logUniform(_ lo: Double, _ hi: Double) -> Double { exp(log(lo) + g.next() * (log(hi) - log(lo))) }
        let names = CollisionTests.names
        var data: [Datum] = []
        func add(x: Double, y: Double, size: Double) {
            let i = data.count
            data.append(Datum(key: "n\(i)", x: x, y: y, size: size, color: Color(red: g.next(), green: g.next(), blue: g.next()),
                              label: names[i % names.count] + (i >= names.count ? "-\(i)" : "")))
        }
        // A few cheap networks, spread out.
        for _ in 0..<8 { add(x: logUniform(0.1, 3), y: 60 + g.next() * 18, size: 2e6 + g.next() * 13e6) }
        // The crowd: twenty networks of every size in a corner of the plot.
        for _ in 0..<20 { add(x: logUniform(6, 40), y: 72 + g.next() * 14, size: 5e6 + pow(g.next(), 2) * 145e6) }
        // Two huge ones beside it.
        for _ in 0..<2 { add(x: logUniform(70, 130), y: 78 + g.next() * 6, size: 300e6 + g.next() * 330e6) }
        let refs: [Double] = [5e6, 35e6, 65e6, 95e6, 125e6, 155e6]
        var chart = Chart(width: 960, height: 620, title: "Cluster \(seed)",
                          x: Axis(title: "Operations [G-Ops]", scale: .log),
                          y: Axis(title: "Top-1 accuracy [%]", domain: 35...90),
                          layers: [ChartLayer(.bubble, data)],
                          size: SizeScale(maxValue: 155e6, maxRadius: 44, references: refs,
                                          referenceLabels: refs.map { "\(Int($0 / 1e6))M" }),
                          legends: [.size])
        chart.theme = .figure
        return chart
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func crowdedLabelsReadWell(_ seed: UInt64) throws {
        let chart = Self.cluster(seed: seed)
        let layout = try chart.layout()
        let found = layout.collisions()
        #expect(found.isEmpty, "seed \(seed): \(found.count) collisions: \(found.prefix(8))")
        let labels = layout.texts(.label)
        let leaders = labels.compactMap(\.leader).map { ($0.first!, $0.last!) }
        let lengths = leaders.map { $0.0.distance(to: $0.1) }
        // Eight label heights: the old placement's leaders ran up to 400 pt across the plot.
        let longest = 8 * chart.theme.labelSize
        for (label, length) in zip(labels.filter { $0.leader != nil }, lengths) {
            #expect(length <= longest, "seed \(seed): '\(label.text)' at the end of a \(Int(length)) pt leader")
        }
        for i in leaders.indices {
            for j in leaders.indices where j > i {
                #expect(!LabelPlacer.segmentsCross(leaders[i].0, leaders[i].1, leaders[j].0, leaders[j].1),
                        "seed \(seed): leaders of '\(labels.filter { $0.leader != nil }[i].text)' and '\(labels.filter { $0.leader != nil }[j].text)' cross")
            }
        }
        // Every mark keeps a label; a number is keyed under the plot with its name, and
        // the spread-out cheap networks keep their names beside them.
        let numbered = labels.filter { $0.text.first?.isNumber == true }
        let key = Set(layout.texts(.legend).map(\.text))
        for label in numbered {
            for number in label.text.components(separatedBy: ", ") { #expect(key.contains(number), "seed \(seed): \(number)") }
        }
        for d in chart.layers[0].data.prefix(8) {
            #expect(labels.contains { $0.key?.split(separator: "+").contains(Substring(d.key)) == true && $0.text.contains(d.label!) },
                    "seed \(seed): \(d.label!) lost its name")
        }
    }
}

extension CrowdedClusterTests {
    /// A wide drawing places its labels several times (names, numbers, names given back);
    /// candidates remembered from an earlier call must place exactly as fresh ones.
    @Test func rememberedCandidatesPlaceAsFreshOnes() {
        var g = ChartSamples.Generator(state: 9)
        let marks = (0..<30).map { _ in
            LabelPlacer.Mark(center: Point(40 + g.next() * 500, 40 + g.next() * 300), radius: 3 + g.next() * 30, dot: 2, named: true)
        }
        func requests(_ width: Double) -> [LabelPlacer.Request] {
            marks.indices.map { i in
                LabelPlacer.Request(center: marks[i].center, radius: marks[i].radius, width: i % 3 == 0 ? width : 40, height: 12, own: [i])
            }
        }
        func summary(_ placements: [LabelPlacer.Placement]) -> [String] {
            placements.map { "\($0.rect) \($0.leader.map { "\($0.from)-\($0.to)" } ?? "") \($0.fits)" }
        }
        let bounds = Rect(x: 0, y: 0, width: 580, height: 380)
        let remembering = LabelPlacer(bounds: bounds, obstacles: [], marks: marks)
        for width in [70.0, 12, 70] {
            let fresh = LabelPlacer(bounds: bounds, obstacles: [], marks: marks)
            #expect(summary(remembering.place(requests(width))) == summary(fresh.place(requests(width))), "width \(width)")
        }
    }
}
