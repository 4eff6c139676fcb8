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
