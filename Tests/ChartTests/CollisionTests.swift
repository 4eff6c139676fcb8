import Foundation
import Testing
@testable import Chart

/// Zero collisions on crowded synthetic data: seeded random sets of bubbles and labelled
/// points (up to 40, as many as the paper will show once the modern networks arrive),
/// each drawn wide and narrow. A failure names the seed, so it reproduces.
@Suite struct CollisionTests {
    static let names = ["AlexNet", "BN-AlexNet", "ResNet-152", "Inception-v4", "DenseNet-121", "MobileNetV3-L",
                        "EfficientNet-B3", "RegNetY-16GF", "ConvNeXt-T", "ViT-B/16", "Swin-T", "ShuffleNetV2",
                        "SqueezeNet", "Xception", "VGG-19", "GoogLeNet", "ENet", "BN-NIN", "ResNet-18",
                        "MobileNetV2", "EfficientNet-B0", "RegNetX-400MF", "ConvNeXt-B", "ViT-L/16", "Swin-B"]

    /// A crowded chart: most marks at the cheap end, as in the paper, some nearly on top
    /// of each other.
    static func crowded(seed: UInt64, count: Int, bubbles: Bool, log: Bool) -> Chart {
        var g = ChartSamples.Generator(state: seed)
        var data: [Datum] = []
        for i in 0..<count {
            var x = i % 3 == 0 ? 2 + g.next() * 38 : 0.3 + g.next() * 6
            var y = 55 + g.next() * 30
            // Every seventh mark sits almost on the previous one.
            if i % 7 == 6, let last = data.last { x = last.x * 1.01; y = last.y + 0.1 }
            let name = names[i % names.count] + (i >= names.count ? "-\(i)" : "")
            data.append(Datum(key: "n\(i)", x: x, y: y, size: 1e6 + pow(g.next(), 2) * 140e6,
                              color: Color(red: g.next(), green: g.next(), blue: g.next()), label: name,
                              marked: i == 3))
        }
        let refs: [Double] = [5e6, 35e6, 65e6, 95e6, 125e6, 155e6]
        var chart = Chart(width: 960, height: 620, title: "Crowded \(seed)",
                          x: Axis(title: "Operations [G-Ops]", scale: log ? .log : .linear, includeZero: !log),
                          y: Axis(title: "Top-1 accuracy [%]", domain: bubbles ? 50...90 : nil),
                          layers: [ChartLayer(bubbles ? .bubble : .point(radius: 6), data)],
                          legends: [.entries([LegendEntry("reported", color: .black, symbol: .dashedCircle)], corner: .auto)])
        chart.theme = .figure
        if bubbles {
            chart.size = SizeScale(maxValue: 155e6, maxRadius: 60, references: refs,
                                   referenceLabels: refs.map { "\(Int($0 / 1e6))M" })
            chart.legends.insert(.size, at: 0)
        }
        return chart
    }

    typealias Case = (seed: UInt64, count: Int, bubbles: Bool, log: Bool)
    static let cases: [Case] = {
        var out: [Case] = []
        for s in 1...6 {
            out.append((UInt64(s), 20, true, s % 2 == 0))
            out.append((UInt64(s + 100), 26, false, true))
        }
        // 40 networks, as many as the paper will show with the modern ones.
        out += [(40, 40, true, true), (41, 40, false, true), (42, 40, true, false)]
        return out
    }()

    @Test(arguments: cases.indices)
    func crowdedChartsHaveNoCollisions(_ i: Int) throws {
        let c = Self.cases[i]
        let chart = Self.crowded(seed: c.seed, count: c.count, bubbles: c.bubbles, log: c.log)
        for (variant, drawn) in [("wide", chart), ("narrow", chart.narrow())] {
            let layout = try drawn.layout()
            let found = layout.collisions()
            if !found.isEmpty { print("COLLISIONS seed \(c.seed) \(variant): \(found)") }
            #expect(found.isEmpty, "seed \(c.seed), \(c.count) \(c.bubbles ? "bubbles" : "points"), \(c.log ? "log" : "linear"), \(variant): \(found.count) collisions: \(found.prefix(8))")
            // Every labelled mark keeps its label: none is dropped to avoid a collision.
            let labelled = Set(layout.texts(.label).compactMap(\.key).flatMap { $0.split(separator: "+").map(String.init) })
            #expect(labelled == Set(chart.layers[0].data.map(\.key)), "seed \(c.seed), \(variant): labels missing")
        }
    }

    @Test func theCheckerSeesEveryKindOfCollision() throws {
        let layout = try ChartSamples.steps().layout()
        #expect(layout.collisions().isEmpty)
        let label = try #require(layout.texts.firstIndex { $0.role == .label })
        let other = try #require(layout.circles.first { $0.key != layout.texts[label].key })
        // A label moved onto another mark's centre covers its dot and its disc.
        var moved = layout
        moved.texts[label].box.origin = Point(other.center.x - 4, other.center.y - 4)
        #expect(moved.collisions().contains { $0.kind == .labelOverMark })
        // A label pushed over the left edge.
        moved = layout
        moved.texts[label].box.origin.x = layout.plot.minX - 5
        #expect(moved.collisions().contains { $0.kind == .labelOverEdge })
        // A label across the step line.
        moved = layout
        let line = try #require(layout.lines.first)
        let mid = Point((line.points[1].x + line.points[2].x) / 2, (line.points[1].y + line.points[2].y) / 2)
        moved.texts[label].box.origin = Point(mid.x - 2, mid.y - 2)
        #expect(moved.collisions().contains { $0.kind == .labelOverLine })
        // Two labels on one spot.
        moved = layout
        let second = try #require(layout.texts.indices.first { $0 != label && layout.texts[$0].role == .label })
        moved.texts[second].box = moved.texts[label].box
        #expect(moved.collisions().contains { $0.kind == .textOverText })
        // A leader line drawn through another label.
        moved = layout
        let target = moved.texts[second].box.boundingBox.center
        moved.texts[label].leader = [Point(target.x - 30, target.y), Point(target.x + 30, target.y)]
        #expect(moved.collisions().contains { $0.kind == .leaderOverText })
        // A point on the x-axis.
        moved = layout
        moved.circles[0].center.y = layout.plot.maxY
        #expect(moved.collisions().contains { $0.kind == .markOverEdge })
    }
}
