import Foundation
import Testing
@testable import Chart

/// The phone drawing (`Chart.narrow()`): bar charts lie on their side with every name
/// readable, legends sit under the plot, and crowded marks carry numbers that a key
/// under the plot names.
@Suite struct NarrowTests {
    /// Text size in CSS px when the 400-point drawing fills a 390 px phone's 360 px column.
    static func shown(_ points: Double) -> Double { points * 360 / Chart.narrowWidth }

    @Test func barsLieOnTheirSideWithEveryNameReadable() throws {
        let chart = ChartSamples.bars(count: 38)
        let narrow = chart.narrow()
        #expect(narrow.width == Chart.narrowWidth)
        let layout = try narrow.layout()
        #expect(layout.collisions().isEmpty)
        // One name per bar, at the left of the plot, one under the other, none smaller than 10 px.
        let names = layout.texts(.tickLabel).filter { $0.box.boundingBox.maxX <= layout.plot.minX }
        #expect(Set(names.map(\.text)) == Set(chart.layers[0].data.compactMap(\.category)))
        #expect(names.allSatisfy { Self.shown($0.fontSize) >= 10 })
        // Each bar lies in its name's row and runs from the left edge of the plot to its value.
        for bar in layout.bars {
            let datum = try #require(chart.layers[0].data.first { $0.key == bar.key })
            let name = try #require(names.first { $0.text == datum.category })
            #expect(abs(bar.rect.midY - name.box.boundingBox.midY) < 1)
            #expect(abs(bar.rect.minX - layout.plot.minX) < 1e-6 && bar.rect.width > 0)
        }
        let longer = layout.bars.max { $0.rect.width < $1.rect.width }!
        let top = chart.layers[0].data.max { $0.y < $1.y }!
        #expect(longer.key == top.key)
        // Arrows point left at the ends of their bars.
        #expect(layout.arrows.count == 3 && layout.arrows.allSatisfy(\.pointsLeft))
        for arrow in layout.arrows {
            let bar = try #require(layout.bars.first { $0.key == arrow.key })
            #expect(arrow.tip.x > bar.rect.maxX && abs(arrow.tip.y - bar.rect.midY) < 1e-6)
        }
    }

    @Test func legendsGoUnderThePlotAndTheDrawingGrows() throws {
        let chart = CollisionTests.crowded(seed: 3, count: 20, bubbles: true, log: true)
        let layout = try chart.narrow().layout()
        #expect(layout.collisions().isEmpty)
        #expect(!layout.legends.isEmpty && !layout.references.isEmpty)
        let below = layout.texts.filter { $0.role == .axisTitle }.map { $0.box.boundingBox.maxY }.max()!
        for legend in layout.legends {
            #expect(legend.frame.minY > below && layout.canvas.contains(legend.frame))
        }
        for reference in layout.references {
            #expect(reference.center.y - reference.radius > below && reference.center.y + reference.radius <= layout.canvas.maxY)
        }
        #expect(layout.canvas.height > Chart.narrowHeight)
        // The wide drawing keeps its legends inside the plot and its size.
        let wide = try chart.layout()
        #expect(wide.canvas.height == chart.height && wide.legends.allSatisfy { wide.plot.contains($0.frame) })
    }

    @Test func crowdedMarksCarryNumbersThatTheKeyNames() throws {
        let chart = CollisionTests.crowded(seed: 41, count: 40, bubbles: false, log: true)
        let layout = try chart.narrow().layout()
        #expect(layout.collisions().isEmpty)
        let names = Dictionary(uniqueKeysWithValues: chart.layers[0].data.map { ($0.key, $0.label!) })
        // The key: a number and a name per mark, numbered in the names' order.
        let key = layout.texts(.legend)
        var named: [String: String] = [:]
        for number in key where Int(number.text) != nil {
            let name = try #require(key.first { $0.text != number.text && abs($0.box.origin.y - number.box.origin.y) < 1e-6
                && $0.box.origin.x > number.box.origin.x && $0.box.origin.x - number.box.boundingBox.maxX < 8 })
            named[number.text] = name.text
        }
        #expect(named.count == names.count)
        let ordered = named.sorted { Int($0.key)! < Int($1.key)! }.map(\.value)
        #expect(ordered == ordered.sorted { $0.compare($1, options: [.numeric, .caseInsensitive]) == .orderedAscending })
        // Every mark's label is its number (marks on one spot share a label).
        for label in layout.texts(.label) {
            let keys = label.key!.split(separator: "+").map(String.init)
            let numbers = label.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(numbers.map { named[$0] }) == Set(keys.map { names[$0] }), "\(label.text)")
        }
        // Few marks with room keep their names.
        let few = try ChartSamples.bubbles(count: 6).narrow().layout()
        #expect(few.texts(.label).allSatisfy { Int($0.text) == nil })
    }
}
