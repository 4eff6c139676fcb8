import Foundation

/// A point in chart space: points (= CSS pixels), y grows downwards as in Cairo.
public struct Point: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    public static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    public static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    public func distance(to p: Point) -> Double { hypot(x - p.x, y - p.y) }
}

/// An axis-aligned rectangle.
public struct Rect: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var minY: Double { y }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var center: Point { Point(x + width / 2, y + height / 2) }

    public func intersects(_ r: Rect) -> Bool {
        minX < r.maxX && r.minX < maxX && minY < r.maxY && r.minY < maxY
    }

    /// Whether `r` lies inside, allowing `tolerance` for rounding.
    public func contains(_ r: Rect, tolerance: Double = 1e-6) -> Bool {
        r.minX >= minX - tolerance && r.maxX <= maxX + tolerance
            && r.minY >= minY - tolerance && r.maxY <= maxY + tolerance
    }

    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    public func insetBy(_ d: Double) -> Rect {
        Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    public func union(_ r: Rect) -> Rect {
        let x0 = min(minX, r.minX), y0 = min(minY, r.minY)
        return Rect(x: x0, y: y0, width: max(maxX, r.maxX) - x0, height: max(maxY, r.maxY) - y0)
    }

    /// Distance from `p` to the nearest point of the rectangle (0 inside).
    public func distance(to p: Point) -> Double {
        let dx = max(minX - p.x, 0, p.x - maxX)
        let dy = max(minY - p.y, 0, p.y - maxY)
        return hypot(dx, dy)
    }

    /// Whether the segment from `a` to `b` touches the rectangle (Liang–Barsky clipping).
    /// Called in the label placer's inner loop: no allocation, and a bounding-box test first.
    public func intersects(segment a: Point, _ b: Point) -> Bool {
        if max(a.x, b.x) < minX || min(a.x, b.x) > maxX || max(a.y, b.y) < minY || min(a.y, b.y) > maxY { return false }
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        // One edge of the rectangle: false when the segment lies wholly outside it.
        func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 { if r > t1 { return false }; t0 = max(t0, r) } else { if r < t0 { return false }; t1 = min(t1, r) }
            return true
        }
        return clip(-dx, a.x - minX) && clip(dx, maxX - a.x) && clip(-dy, a.y - minY) && clip(dy, maxY - a.y)
    }

    /// Whether the rectangle and the disc overlap.
    public func intersects(circle c: Point, radius: Double) -> Bool {
        let dx = max(minX - c.x, 0, c.x - maxX)
        let dy = max(minY - c.y, 0, c.y - maxY)
        return dx * dx + dy * dy < radius * radius
    }

    /// Approximate area of the part of the rectangle inside the disc, by sampling a grid
    /// over their common bounding box; cheap enough for a label placer and smooth enough
    /// to rank candidates.
    public func overlapArea(circle c: Point, radius: Double) -> Double {
        guard intersects(circle: c, radius: radius) else { return 0 }
        let x0 = max(minX, c.x - radius), x1 = min(maxX, c.x + radius)
        let y0 = max(minY, c.y - radius), y1 = min(maxY, c.y + radius)
        guard x1 > x0, y1 > y0 else { return 0 }
        let n = 8
        var inside = 0
        let r2 = radius * radius
        for i in 0..<n {
            let dx = x0 + (Double(i) + 0.5) * (x1 - x0) / Double(n) - c.x
            for j in 0..<n {
                let dy = y0 + (Double(j) + 0.5) * (y1 - y0) / Double(n) - c.y
                if dx * dx + dy * dy < r2 { inside += 1 }
            }
        }
        // Never zero for a real overlap, however thin.
        return max(Double(inside), 0.5) / Double(n * n) * (x1 - x0) * (y1 - y0)
    }
}

/// A rectangle turned by `angle` radians about its `origin` corner (clockwise on screen,
/// since y grows downwards): the shape of a rotated text box.
public struct OrientedRect: Sendable, Equatable {
    public var origin: Point
    public var width: Double
    public var height: Double
    public var angle: Double

    public init(origin: Point, width: Double, height: Double, angle: Double = 0) {
        self.origin = origin; self.width = width; self.height = height; self.angle = angle
    }

    public init(_ r: Rect) {
        self.init(origin: Point(r.x, r.y), width: r.width, height: r.height)
    }

    /// Maps a point of the unrotated box (0…width, 0…height) to chart space.
    public func point(_ u: Double, _ v: Double) -> Point {
        let c = cos(angle), s = sin(angle)
        return Point(origin.x + u * c - v * s, origin.y + u * s + v * c)
    }

    public var corners: [Point] {
        [point(0, 0), point(width, 0), point(width, height), point(0, height)]
    }

    public var boundingBox: Rect {
        let cs = corners
        let xs = cs.map(\.x), ys = cs.map(\.y)
        let x0 = xs.min()!, y0 = ys.min()!
        return Rect(x: x0, y: y0, width: xs.max()! - x0, height: ys.max()! - y0)
    }

    /// Separating-axis test: true when the two boxes share interior area.
    public func intersects(_ o: OrientedRect, tolerance: Double = 1e-6) -> Bool {
        let a = corners, b = o.corners
        for poly in [a, b] {
            for i in 0..<2 {
                let e = poly[i + 1] - poly[i]
                let axis = Point(-e.y, e.x)
                let pa = a.map { $0.x * axis.x + $0.y * axis.y }
                let pb = b.map { $0.x * axis.x + $0.y * axis.y }
                let len = hypot(axis.x, axis.y)
                if pa.max()! <= pb.min()! + tolerance * len || pb.max()! <= pa.min()! + tolerance * len {
                    return false
                }
            }
        }
        return true
    }

    public func contains(_ p: Point) -> Bool {
        let d = p - origin
        let c = cos(angle), s = sin(angle)
        let u = d.x * c + d.y * s
        let v = -d.x * s + d.y * c
        return u >= 0 && u <= width && v >= 0 && v <= height
    }
}
