import Foundation
import Testing
@testable import Chart

/// Structure, not pixels: where texts and marks ended up.
@Suite struct LayoutTests {
    @Test(arguments: ChartSamples.all.indices)
    func everyTextInsideTheCanvas(_ i: Int) throws {
        let layout = try ChartSamples.all[i].layout()
        for t in layout.texts {
            #expect(layout.canvas.contains(t.box.boundingBox), "'\(t.text)' \(t.box.boundingBox) leaves the canvas")
        }
    }

    @Test(arguments: ChartSamples.all.indices)
    func noTwoTextsIntersect(_ i: Int) throws {
        let texts = try ChartSamples.all[i].layout().texts
        for a in texts.indices {
            for b in texts.indices where b > a {
                #expect(!texts[a].box.intersects(texts[b].box), "'\(texts[a].text)' overlaps '\(texts[b].text)'")
            }
        }
    }

    @Test(arguments: ChartSamples.all.indices)
    func labelsStayInsideThePlotAndOffEveryCentre(_ i: Int) throws {
        let layout = try ChartSamples.all[i].layout()
        for t in layout.texts(.label) {
            let box = t.box.boundingBox
            #expect(layout.plot.contains(box), "'\(t.text)' leaves the plot")
            for c in layout.circles {
                #expect(!box.intersects(circle: c.center, radius: 1.6), "'\(t.text)' covers the centre of \(c.key)")
            }
            for frame in layout.legends.map(\.frame) {
                #expect(!box.intersects(frame), "'\(t.text)' covers a legend")
            }
        }
    }

    @Test func everyLabelledBubbleHasItsLabel() throws {
        let chart = ChartSamples.bubbles()
        let layout = try chart.layout()
        let keys = Set(layout.texts(.label).compactMap(\.key))
        #expect(keys == Set(chart.layers[0].data.map(\.key)))
    }

    @Test func bubbleAreasAreProportionalToValues() throws {
        let layout = try ChartSamples.bubbles().layout()
        let shapes = layout.circles + layout.references
        let ratios = shapes.map { Double.pi * $0.radius * $0.radius / $0.value }
        for r in ratios { #expect(abs(r / ratios[0] - 1) < 1e-9) }
        #expect(layout.references.map(\.value) == [5e6, 35e6, 65e6, 95e6, 125e6, 155e6])
    }

    @Test func sizeLegendIsEvenlySpacedWithItsLabelsInARow() throws {
        let layout = try ChartSamples.bubbles().layout()
        let xs = layout.references.map(\.center.x)
        let gaps = zip(xs, xs.dropFirst()).map { $1 - $0 }
        for g in gaps { #expect(abs(g - gaps[0]) < 1e-9 && g > 0) }
        let tops = layout.texts(.legend).filter { $0.key?.hasPrefix("size-legend") ?? false }.map(\.box.origin.y)
        #expect(tops.count == 6 && Set(tops).count == 1)
    }

    @Test func logAxesLabelOneTwoFiveWhereThereIsRoom() throws {
        let chart = ChartSamples.steps()
        func mantissas(_ layout: ChartLayout) -> Set<Int> {
            Set(layout.xTicks.filter { !$0.tick.label.isEmpty }.map { Int(($0.tick.value / pow(10, floor(log10($0.tick.value)))).rounded()) })
        }
        let layout = try chart.layout()
        #expect(mantissas(layout) == [1, 2, 5])
        #expect(layout.xTicks.filter { !$0.tick.label.isEmpty }.map(\.tick.label).contains("10"))
        var small = chart
        small.width = 90
        let tiny = try small.layout()
        #expect(mantissas(tiny) == [1])
    }

    @Test func darkDrawingsKeepEveryMarkVisible() throws {
        let dark = Theme().dark()
        #expect(dark.isDark && !Theme().isDark)
        for hex in ["#000000", "#6b0062", "#0b4593", "#b9d4ee"] {
            let c = try #require(Color(hex: hex))
            #expect(Theme.contrast(dark.legible(c), dark.background) >= 3, "\(hex)")
        }
        #expect(Theme().legible(.black) == .black)
        // Colours that stand out already are kept as they are.
        let light = try #require(Color(hex: "#b9d4ee"))
        #expect(dark.legible(light) == light)
    }

    @Test func bubblesSitAtTheirValues() throws {
        let chart = ChartSamples.bubbles()
        let layout = try chart.layout()
        let plot = layout.plot, x = layout.xDomain, y = layout.yDomain
        for d in chart.layers[0].data {
            let c = try #require(layout.circles.first { $0.key == d.key })
            #expect(abs(c.center.x - (plot.minX + (d.x - x.lowerBound) / (x.upperBound - x.lowerBound) * plot.width)) < 1e-9)
            #expect(abs(c.center.y - (plot.maxY - (d.y - y.lowerBound) / (y.upperBound - y.lowerBound) * plot.height)) < 1e-9)
        }
    }

    @Test func sizeLegendSitsBottomRightWhenThatCornerIsFree() throws {
        var chart = ChartSamples.bubbles(seed: 5, count: 8)
        // Everything in the upper left: the bottom-right corner is free.
        for i in chart.layers[0].data.indices {
            chart.layers[0].data[i].x = 0.5 + Double(i)
            chart.layers[0].data[i].y = 72 + Double(i % 3) * 3
            chart.layers[0].data[i].size = 2e6 + Double(i) * 2e6
        }
        let layout = try chart.layout()
        let last = try #require(layout.references.last)
        #expect(layout.plot.maxX - (last.center.x + last.radius) < 10)
        #expect(layout.plot.maxY - (last.center.y + last.radius) < 10)
        for c in layout.circles {
            for r in layout.references { #expect(c.center.distance(to: r.center) >= c.radius + r.radius) }
        }
    }

    @Test func automaticDomainsFitEveryBubble() throws {
        var chart = ChartSamples.bubbles(seed: 5, count: 8)
        chart.y.domain = nil
        let layout = try chart.layout()
        for c in layout.circles {
            #expect(c.center.x - c.radius >= layout.plot.minX - 1e-6)
            #expect(c.center.x + c.radius <= layout.plot.maxX + 1e-6)
            #expect(c.center.y - c.radius >= layout.plot.minY - 1e-6)
            #expect(c.center.y + c.radius <= layout.plot.maxY + 1e-6)
        }
    }

    @Test func barsRiseFromTheAxisToTheirValues() throws {
        let chart = ChartSamples.bars()
        let layout = try chart.layout()
        #expect(layout.yDomain.lowerBound == 0)
        #expect(layout.bars.count == chart.layers[0].data.count)
        for bar in layout.bars { #expect(abs(bar.rect.maxY - layout.plot.maxY) < 1e-9) }
        let heights = layout.bars.map(\.rect.height)
        #expect(heights == heights.sorted())
        // Arrows point down at the tops of the bars they mark.
        for a in layout.arrows {
            let bar = try #require(layout.bars.first { $0.key == a.key })
            #expect(a.tip.y < bar.rect.minY && bar.rect.minY - a.tip.y < 8)
            #expect(abs(a.tip.x - bar.rect.midX) < 1e-9)
        }
    }

    @Test func rotatedNamesReadUpwardsAndEndUnderTheirBars() throws {
        let layout = try ChartSamples.bars().layout()
        let names = layout.texts(.tickLabel).filter { $0.box.angle != 0 }
        #expect(names.count == 16)
        // At least the chart's 30°, steeper when neighbours would touch; never apart.
        let angle = try #require(names.first?.box.angle)
        #expect(angle <= -.pi / 6 + 1e-9 && angle >= -.pi / 2 - 1e-9)
        for (a, b) in zip(names, names.dropFirst()) { #expect(!a.box.intersects(b.box)) }
        for (t, tick) in zip(names, layout.xTicks) {
            #expect(t.box.angle == angle)
            let end = t.box.point(t.box.width, t.box.height / 2)
            #expect(abs(end.x - tick.position) < 1e-6)
            #expect(t.box.boundingBox.minY >= layout.plot.maxY)
        }
    }

    @Test func crowdedNamesTurnUpright() throws {
        var chart = ChartSamples.bars(count: 40)
        chart.width = 400
        let names = try chart.layout().texts(.tickLabel).filter { $0.box.angle != 0 }
        #expect(abs((names.first?.box.angle ?? 0) + .pi / 2) < 1e-9)
    }

    @Test func stepLineRunsAcrossThenUpAndEndsAtTheLastPoint() throws {
        let layout = try ChartSamples.steps().layout()
        let line = try #require(layout.lines.first)
        #expect(line.points.count == 9)
        for (a, b) in zip(line.points, line.points.dropFirst()) {
            #expect(a.x == b.x || a.y == b.y)
            #expect(b.x >= a.x && b.y <= a.y)
        }
        let last = try #require(layout.circles.last)
        #expect(line.points.last == last.center)
    }

    @Test func badChartsAreErrors() {
        var chart = ChartSamples.steps()
        chart.layers[1].data[0].x = 0
        #expect(throws: ChartError.self) { try chart.layout() }
        var bars = ChartSamples.bars()
        bars.layers[0].data[0].category = "nowhere"
        #expect(throws: ChartError.self) { try bars.render(.png) }
        #expect(throws: ChartError.self) { try Chart(width: 0).render(.svg) }
    }
}
