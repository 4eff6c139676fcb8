import Testing
@testable import Chart

@Suite struct GeometryTests {
    @Test func orientedBoxesIntersectOnlyWhenTheyOverlap() {
        let a = OrientedRect(origin: Point(0, 0), width: 40, height: 10, angle: -.pi / 6)
        var b = a
        b.origin.x += 30  // side by side along x: rotated boxes clear each other
        #expect(!a.intersects(b))
        #expect(a.boundingBox.intersects(b.boundingBox))
        b.origin.x = 10
        #expect(a.intersects(b))
    }

    @Test func segmentsAgainstRectangles() {
        let r = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(r.intersects(segment: Point(-5, 5), Point(15, 5)))
        #expect(!r.intersects(segment: Point(-5, 12), Point(15, 12)))
        #expect(r.intersects(segment: Point(2, 2), Point(3, 3)))
        // Touching a corner or an edge counts; a diagonal passing the corner does not.
        #expect(r.intersects(segment: Point(10, 10), Point(20, 20)))
        #expect(r.intersects(segment: Point(10, -5), Point(10, 15)))
        #expect(!r.intersects(segment: Point(11, 0), Point(20, 9)))
        #expect(r.intersects(segment: Point(5, 5), Point(5, 5)))
        #expect(!r.intersects(segment: Point(5, 11), Point(5, 11)))
    }

    /// The label placer's grid of discs (written by hand) answers exactly as testing
    /// every disc would, for boxes inside, across and outside its area, and for discs
    /// reaching outside it.
    @Test func discGridAgreesWithTestingEveryDisc() {
        var g = ChartSamples.Generator(state: 11)
        let area = Rect(x: 40, y: 20, width: 500, height: 300)
        let discs = (0..<60).map { i in
            (center: Point(g.next() * 640 - 20, g.next() * 400 - 30), radius: i % 10 == 0 ? 0 : g.next() * 50)
        }
        let grid = DiscGrid(discs, area: area, cell: 32)
        var hits = 0
        for _ in 0..<3000 {
            let rect = Rect(x: g.next() * 700 - 60, y: g.next() * 460 - 60, width: 2 + g.next() * 90, height: 2 + g.next() * 30)
            let expected = discs.contains { rect.intersects(circle: $0.center, radius: $0.radius) }
            #expect(grid.meets(rect) == expected, "\(rect)")
            if expected { hits += 1 }
        }
        // Both answers occur often enough to mean something.
        #expect(hits > 300 && hits < 2700)
    }

    @Test func overlapAreaOfADiscInsideABox() {
        let r = Rect(x: 0, y: 0, width: 100, height: 100)
        let area = r.overlapArea(circle: Point(50, 50), radius: 10)
        #expect(abs(area - .pi * 100) / (.pi * 100) < 0.1)
        #expect(r.overlapArea(circle: Point(200, 50), radius: 10) == 0)
    }

    @Test func colours() {
        #expect(Color(hex: "#1a2B3c")?.hex == "#1a2b3c")
        #expect(Color(hex: "12345") == nil)
        #expect(Color.black.mixed(with: .white, 0.5).hex == "#808080")
    }
}
