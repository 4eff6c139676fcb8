import Foundation

/// Places a text label next to each mark so that no label overlaps another label, a
/// legend, or any mark's centre, and every label stays inside the plot. Candidates sit
/// around the mark (right first, as a reader scans); when the ring next to the mark is
/// full, rings further out are tried and the label gets a leader line. The choice is
/// greedy, tried in a few orders; the order with the lowest total cost wins.
struct LabelPlacer {
    struct Request {
        var center: Point
        var radius: Double
        var width: Double
        var height: Double
    }

    struct Placement {
        var rect: Rect
        /// From the mark's edge to the label, when the label sits away from the mark.
        var leader: [Point]?
        var cost: Double
        var fits: Bool
    }

    var bounds: Rect
    /// Hard obstacles: legends.
    var obstacles: [Rect]
    /// Centres that no label may cover (radius included).
    var dots: [(Point, Double)]
    /// Marks that labels should avoid, but may cover if nothing else fits.
    var discs: [(Point, Double)]
    /// Lines (e.g. a frontier) that labels should not cross.
    var segments: [(Point, Point)] = []
    var gap = 2.5
    var padding = 1.0

    func place(_ requests: [Request]) -> [Placement] {
        let n = requests.count
        guard n > 0 else { return [] }
        let crowding = requests.indices.map { i in
            requests.indices.filter { j in
                j != i && requests[i].center.distance(to: requests[j].center)
                    < requests[i].radius + requests[j].radius + 60
            }.count
        }
        let orders: [[Int]] = [
            Array(0..<n).sorted { (crowding[$0], -$0) > (crowding[$1], -$1) },
            Array(0..<n).sorted { (requests[$0].radius, $1) < (requests[$1].radius, $0) },
            Array(0..<n).sorted { (requests[$0].center.x, $0) < (requests[$1].center.x, $1) },
            Array(0..<n).sorted { (requests[$0].center.y, $0) < (requests[$1].center.y, $1) },
            Array(0..<n),
        ]
        let scored = requests.map(scoredCandidates)
        var best: [Placement] = []
        var bestCost = Double.infinity
        for order in orders {
            let result = place(scored, order: order)
            let misfits = result.filter { !$0.fits }.count
            let cost = result.reduce(0) { $0 + $1.cost } + Double(misfits) * 1e6
            if cost < bestCost - 1e-9 { bestCost = cost; best = result }
        }
        return best
    }

    /// A candidate with everything that does not depend on other labels worked out once.
    private struct Scored {
        var placement: Placement
        var staticViolation: Double
    }

    private func scoredCandidates(_ r: Request) -> [Scored] {
        candidates(r).map { c in
            var p = c
            p.cost += softCost(c.rect, own: r)
            return Scored(placement: p, staticViolation: staticViolation(c.rect))
        }
    }

    private func place(_ scored: [[Scored]], order: [Int]) -> [Placement] {
        var placed = [Placement?](repeating: nil, count: scored.count)
        var taken: [Rect] = []
        for i in order {
            var choice: Placement?
            var fallback: Placement?
            for s in scored[i] {
                if let ch = choice, s.placement.cost >= ch.cost { continue }
                let padded = s.placement.rect.insetBy(-padding)
                var violation = s.staticViolation
                for t in taken where padded.intersects(t) { violation += 1 }
                if violation == 0 {
                    choice = s.placement
                } else {
                    var c = s.placement
                    c.cost += violation * 1000
                    c.fits = false
                    if fallback == nil || c.cost < fallback!.cost { fallback = c }
                }
            }
            let p = choice ?? fallback!
            placed[i] = p
            taken.append(p.rect)
        }
        return placed.map { $0! }
    }

    private func candidates(_ r: Request) -> [Placement] {
        var out: [Placement] = []
        // Ring 0: touching the mark. Preference: right, left, above, below, diagonals.
        let ring0: [(Double, Double)] = [
            (0, 0), (180, 1), (-90, 2), (90, 3), (-35, 4), (35, 4.5), (-145, 5), (145, 5.5),
        ]
        for (deg, pref) in ring0 {
            out.append(Placement(rect: box(r, angle: deg * .pi / 180, distance: r.radius + gap),
                                 leader: nil, cost: pref, fits: true))
        }
        // Further rings, with a leader line back to the mark.
        for k in 1...10 {
            let distance = r.radius + gap + Double(k) * 9
            for a in 0..<16 {
                let angle = Double(a) * .pi / 8
                let rect = box(r, angle: angle, distance: distance)
                let target = nearestPoint(of: rect, to: r.center)
                let d = target - r.center
                let len = hypot(d.x, d.y)
                let start = len > 0 ? Point(r.center.x + d.x / len * r.radius, r.center.y + d.y / len * r.radius) : r.center
                out.append(Placement(rect: rect, leader: [start, target],
                                     cost: 10 + Double(k) * 8 + Double(a % 8) * 0.1, fits: true))
            }
        }
        return out
    }

    /// The label box whose side facing the mark touches the circle of `distance` at `angle`.
    private func box(_ r: Request, angle: Double, distance: Double) -> Rect {
        let dx = cos(angle), dy = sin(angle)
        func sign(_ v: Double) -> Double { abs(v) < 1e-9 ? 0 : (v > 0 ? 1 : -1) }
        let cx = r.center.x + dx * distance + sign(dx) * r.width / 2
        let cy = r.center.y + dy * distance + sign(dy) * r.height / 2
        return Rect(x: cx - r.width / 2, y: cy - r.height / 2, width: r.width, height: r.height)
    }

    private func nearestPoint(of rect: Rect, to p: Point) -> Point {
        Point(min(max(p.x, rect.minX), rect.maxX), min(max(p.y, rect.minY), rect.maxY))
    }

    /// How many hard rules the rectangle breaks that do not depend on other labels.
    private func staticViolation(_ rect: Rect) -> Double {
        var violation = 0.0
        if !bounds.contains(rect) { violation += 1 }
        let padded = rect.insetBy(-padding)
        for o in obstacles where padded.intersects(o) { violation += 1 }
        for (c, radius) in dots where rect.intersects(circle: c, radius: radius + padding) { violation += 1 }
        return violation
    }

    private func softCost(_ rect: Rect, own: Request) -> Double {
        var cost = 0.0
        let area = rect.width * rect.height
        func distance2(_ p: Point) -> Double {
            let dx = max(rect.minX - p.x, 0, p.x - rect.maxX), dy = max(rect.minY - p.y, 0, p.y - rect.maxY)
            return dx * dx + dy * dy
        }
        let ownDistance = distance2(own.center)
        for (c, radius) in discs where !(c == own.center && radius == own.radius) {
            cost += rect.overlapArea(circle: c, radius: radius) / area * 8
            // A label nearer another mark's centre than its own reads as that mark's.
            if distance2(c) < ownDistance { cost += 4 }
        }
        for (a, b) in segments where rect.insetBy(-1).intersects(segment: a, b) { cost += 12 }
        return cost
    }
}
