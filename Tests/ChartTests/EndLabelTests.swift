import Foundation
import Testing
@testable import Chart

/// Names in a column at the lines' ends: level with each line where there is room, in
/// the order the lines end, never overlapping, and a drawing that grows to hold them.
@Suite struct EndLabelTests {
    /// `count` lines over batch sizes 1…64, ending at values spread by `spread` (small:
    /// many ends crowd together and the names must move apart).
    static func chart(lines count: Int, spread: Double, width: Double = 640) -> Chart {
        var layers: [ChartLayer] = []
        var points: [Datum] = []
        for n in 0..<count {
            let end = 10 * pow(1 + spread, Double(n))
            let data = [1.0, 4, 16, 64].enumerated().map { i, b in
                Datum(key: "net\(n)@\(Int(b))", x: b, y: end * (1 + 0.1 * Double(3 - i)), color: Color(red: 0.1 + 0.01 * Double(n), green: 0.3, blue: 0.6))
            }
            layers.append(ChartLayer(.line(width: 1.6, dash: []), data))
            points += data.enumerated().map { i, d in
                var d = d
                if i == data.count - 1 { d.label = "Network \(n)" }
                return d
            }
        }
        layers.append(ChartLayer(.point(radius: 2.6), points))
        var chart = Chart(width: width, height: 420, x: Axis(title: "Batch", scale: .log, domain: 0.8...80),
                          y: Axis(title: "Time", scale: .log), layers: layers)
        chart.labelsAtLineEnds = true
        return chart
    }

    /// On a phone, a few names too long for a third of the width become numbers with a
    /// key (once, lines ending together shared long names that squeezed the plot to a
    /// sliver and ran off the drawing); on a wide drawing they stay names.
    @Test func longNamesOnAPhoneBecomeNumbers() throws {
        var chart = Self.chart(lines: 10, spread: 0.3)
        for i in chart.layers.indices {
            for j in chart.layers[i].data.indices where chart.layers[i].data[j].label != nil {
                chart.layers[i].data[j].label = "A network with a long name, and another, \(i)-\(j)"
            }
        }
        let phone = try chart.narrow().layout()
        #expect(phone.collisions().isEmpty, "\(phone.collisions())")
        #expect(phone.texts(.label).allSatisfy { $0.text.allSatisfy { $0.isNumber || $0 == "," || $0 == " " } })
        #expect(phone.texts(.legend).count == 2 * 10)
        #expect(phone.plot.width > phone.canvas.width / 2)
        let wide = try chart.layout()
        #expect(wide.texts(.label).allSatisfy { $0.text.hasPrefix("A network") })
    }

    @Test(arguments: [(5, 0.6), (36, 0.15), (36, 0.01), (60, 0.05)])
    func namesSitInTheColumnInTheOrderTheLinesEnd(lines: Int, spread: Double) throws {
        for drawn in [Self.chart(lines: lines, spread: spread), Self.chart(lines: lines, spread: spread).narrow()] {
            let layout = try drawn.layout()
            #expect(layout.collisions().isEmpty, "\(layout.collisions())")
            let column = try #require(layout.labelColumn)
            let labels = layout.texts(.label)
            let numbered = drawn.numbersWhenCrowded && lines > 24
            // Every line named once (ends on one spot share a name).
            let named = labels.flatMap { ($0.key ?? "").split(separator: "+") }
            #expect(Set(named).count == lines && named.count == lines)
            if numbered { #expect(layout.texts(.legend).count == 2 * lines) }
            for label in labels {
                #expect(column.contains(label.box.boundingBox) && label.box.boundingBox.minX > layout.plot.maxX)
                // The leader starts at the line's end and ends at the name.
                let leader = try #require(label.leader)
                let key = String((label.key ?? "").split(separator: "+")[0])
                let mark = try #require(layout.circles.first { $0.key == key })
                #expect(abs(leader[0].y - mark.center.y) < 0.01 && leader[0].x > mark.center.x)
                #expect(abs(leader.last!.y - label.box.boundingBox.midY) < 0.01)
            }
            // Top to bottom in the order of the lines' ends: leaders never cross.
            let byName = labels.sorted { $0.box.boundingBox.minY < $1.box.boundingBox.minY }
            let ends = byName.map { $0.leader![0].y }
            #expect(ends == ends.sorted())
            // Apart from each other, inside the drawing.
            for (a, b) in zip(byName, byName.dropFirst()) {
                #expect(b.box.boundingBox.minY >= a.box.boundingBox.maxY + 1)
            }
            #expect(layout.canvas.contains(column))
        }
    }

    @Test func aNameStaysLevelWithItsLineWhereThereIsRoom() throws {
        let layout = try Self.chart(lines: 5, spread: 0.6).layout()
        for label in layout.texts(.label) {
            let leader = try #require(label.leader)
            #expect(abs(label.box.boundingBox.midY - leader[0].y) < 0.5, "\(label.text) moved with room to spare")
            #expect(leader.count == 2)
        }
    }

    @Test func theDrawingGrowsWhenTheNamesNeedMoreHeight() throws {
        let few = try Self.chart(lines: 5, spread: 0.6).layout()
        let many = try Self.chart(lines: 60, spread: 0.05).layout()
        #expect(few.canvas.height == 420)
        let rows = Double(many.texts(.label).count)
        let height = many.texts(.label)[0].box.boundingBox.height
        #expect(many.canvas.height > 420 && many.labelColumn!.height >= rows * height)
    }

    /// The spreading is the least-squares placement: checked against a brute force
    /// search on small cases, and for its constraints on random ones.
    @Test func spreadIsTheClosestPlacementThatKeepsNamesApart() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let n = Int.random(in: 1...8, using: &generator)
            let wanted = (0..<n).map { _ in Double.random(in: 0...100, using: &generator) }.sorted()
            let step = Double.random(in: 1...15, using: &generator)
            let bounds = 0.0...max(100, Double(n) * step)
            let p = LayoutBuilder.spread(wanted, step: step, within: bounds)
            #expect(p.count == n)
            for (a, b) in zip(p, p.dropFirst()) { #expect(b - a >= step - 1e-9) }
            #expect(p.allSatisfy { $0 >= bounds.lowerBound - 1e-9 && $0 <= bounds.upperBound - Double(0) + 1e-9 })
            // Optimal: no small move of one block of neighbours lowers the squared error
            // while keeping the constraints (a local check suffices: the problem is convex).
            func cost(_ q: [Double]) -> Double { zip(q, wanted).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
            let best = cost(p)
            for i in 0..<n {
                for j in i..<n {
                    for delta in [-0.01, 0.01] {
                        var q = p
                        for k in i...j { q[k] += delta }
                        let ok = zip(q, q.dropFirst()).allSatisfy { $1 - $0 >= step - 1e-9 }
                            && q.allSatisfy { bounds.contains($0) } && q.last! <= bounds.upperBound
                        if ok { #expect(cost(q) >= best - 1e-9, "wanted \(wanted) step \(step): \(p) is not the closest") }
                    }
                }
            }
        }
        // Enough room: every name where it is wanted.
        #expect(LayoutBuilder.spread([0, 20, 40], step: 10, within: 0...100) == [0, 20, 40])
        // Three wanted at one spot: centred on it.
        #expect(LayoutBuilder.spread([50, 50, 50], step: 10, within: 0...100) == [40, 50, 60])
        // Pushed off the top edge.
        #expect(LayoutBuilder.spread([0, 0], step: 10, within: 0...100) == [0, 10])
    }
}
