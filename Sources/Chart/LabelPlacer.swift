import Foundation

/// Places a text label next to each mark so that no label overlaps another label, a
/// legend, any mark (its own included), a line or another label's leader, and every
/// label stays inside the plot. Written by hand (no library places labels against
/// discs, lines and leaders together); `ChartLayout.collisions()` checks its results.
///
/// Candidates sit around the mark (right first, as a reader scans). When the ring next
/// to the mark is full, rings further out are tried and the label gets a leader line;
/// when those are full too, any free spot of the plot, nearest first. Each label takes
/// its cheapest free candidate, greedily, in a few orders; the order with the fewest
/// misfits and the lowest cost wins.
struct LabelPlacer {
    struct Request {
        var center: Point
        var radius: Double
        var width: Double
        var height: Double
        /// Indices into `marks` of the marks this label names (one, or several on one spot).
        var own: [Int]
    }

    struct Placement {
        var rect: Rect
        /// From the mark's edge to the label, when the label sits away from the mark.
        var leader: [Point]?
        var cost: Double
        var fits: Bool
    }

    struct Mark {
        var center: Point
        var radius: Double
        /// A centre dot's radius (bubbles); 0 for marks without one.
        var dot: Double
        /// A data mark (labels are read as naming the nearest one), not a legend's.
        var named: Bool
    }

    var bounds: Rect
    /// Legends: no label or leader may cover them.
    var obstacles: [Rect]
    /// Every disc drawn (data marks and the size legend's reference bubbles).
    var marks: [Mark]
    /// Lines (e.g. a frontier) that labels may not cross.
    var segments: [(Point, Point)] = []
    var gap = 2.5
    /// Air around each label: a little more than `ChartLayout.clearance`, which the
    /// collision check demands.
    var padding = 1.5

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
        // Candidates that break no rule of their own, cheapest first (computed once;
        // the search of the whole plot only for labels that need it).
        let near = requests.map { r in candidates(r).filter { staticallyFree($0, r) }.sorted { $0.cost < $1.cost } }
        var anywhere: [Int: [Placement]] = [:]
        var best: [Placement] = []
        var bestScore = (Int.max, Double.infinity)
        for order in orders {
            let result = place(near, &anywhere, requests, order: order)
            let misfits = result.filter { !$0.fits }.count
            let score = (misfits, result.reduce(0) { $0 + $1.cost })
            if score.0 < bestScore.0 || (score.0 == bestScore.0 && score.1 < bestScore.1 - 1e-9) {
                bestScore = score
                best = result
            }
            // Every label right beside its mark: no order can do better. Crowded charts
            // take the first order that places every label (each order costs time).
            if misfits == 0 && (n > 16 || result.allSatisfy({ $0.leader == nil && $0.cost < 1 })) { break }
        }
        return best
    }

    private func place(_ near: [[Placement]], _ anywhere: inout [Int: [Placement]], _ requests: [Request],
                       order: [Int]) -> [Placement] {
        var placed = [Placement?](repeating: nil, count: near.count)
        func spots(_ i: Int) -> [Placement] {
            if let known = anywhere[i] { return known }
            let found = freeSpots(requests[i]).filter { staticallyFree($0, requests[i]) }.sorted { $0.cost < $1.cost }
            anywhere[i] = found
            return found
        }
        // The cheapest candidate of `list` clear of every label placed so far.
        func cheapest(_ list: [Placement]) -> Placement? {
            var choice: Placement?
            for candidate in list {
                // Sorted by cost, and the checks below only add to it.
                if let ch = choice, candidate.cost >= ch.cost { break }
                if placed.contains(where: { $0.map { conflict(candidate, $0) } ?? false }) { continue }
                var c = candidate
                if let leader = candidate.leader {
                    // Crossing leaders read badly; allowed, at a price.
                    let crossings = placed.compactMap { $0?.leader }.filter { segmentsCross(leader[0], leader[1], $0[0], $0[1]) }
                    c.cost += Double(crossings.count) * 15
                }
                if choice == nil || c.cost < choice!.cost { choice = c }
            }
            return choice
        }
        for i in order {
            placed[i] = cheapest(near[i]) ?? cheapest(spots(i))
        }
        // Repair: a label with no room takes the place of one label in its way, which
        // then moves elsewhere (often to the free space, with a leader).
        for i in order where placed[i] == nil {
            var attempts = 0
            search: for candidate in near[i] + spots(i) {
                let blockers = placed.indices.filter { j in placed[j].map { conflict(candidate, $0) } ?? false }
                guard blockers.count == 1 else { continue }
                attempts += 1
                if attempts > 12 { break }
                let j = blockers[0]
                let saved = placed[j]
                placed[j] = nil
                placed[i] = candidate
                if let moved = cheapest(near[j]) ?? cheapest(spots(j)) {
                    placed[j] = moved
                    break search
                }
                placed[j] = saved
                placed[i] = nil
            }
        }
        return placed.indices.map { i in
            placed[i] ?? Placement(rect: fallbackRect(requests[i]), leader: nil, cost: 1e6, fits: false)
        }
    }

    /// Whether two placements get in each other's way: their boxes (with padding) meet,
    /// or one's leader runs through the other's box.
    private func conflict(_ a: Placement, _ b: Placement) -> Bool {
        let pa = a.rect.insetBy(-padding)
        if pa.intersects(b.rect) { return true }
        if let l = b.leader, pa.intersects(segment: l[0], l[1]) { return true }
        if let l = a.leader, b.rect.insetBy(-padding).intersects(segment: l[0], l[1]) { return true }
        return false
    }

    /// Where a label that fits nowhere goes: beside its mark, reported as a misfit.
    private func fallbackRect(_ r: Request) -> Rect {
        box(r, angle: 0, distance: r.radius + gap)
    }

    private func candidates(_ r: Request) -> [Placement] {
        var out: [Placement] = []
        // Ring 0: touching the mark. Preference: right, left, above, below, diagonals.
        let ring0: [(Double, Double)] = [
            (0, 0), (180, 1), (-90, 2), (90, 3), (-35, 4), (35, 4.5), (-145, 5), (145, 5.5),
            (-60, 6), (60, 6.2), (-120, 6.4), (120, 6.6), (-15, 6.8), (15, 7), (-165, 7.2), (165, 7.4),
        ]
        for (deg, pref) in ring0 {
            out.append(Placement(rect: box(r, angle: deg * .pi / 180, distance: r.radius + gap),
                                 leader: nil, cost: pref + ambiguity(box(r, angle: deg * .pi / 180, distance: r.radius + gap), r),
                                 fits: true))
        }
        // Further rings, with a leader line back to the mark.
        for k in 1...14 {
            let distance = r.radius + gap + Double(k) * 8
            for a in 0..<16 {
                let rect = box(r, angle: Double(a) * .pi / 8, distance: distance)
                out.append(withLeader(rect, r, cost: 10 + Double(k) * 6 + Double(a % 8) * 0.1))
            }
        }
        return out
    }

    /// Every spot of the plot on a grid as fine as the label is high, with a leader.
    private func freeSpots(_ r: Request) -> [Placement] {
        var out: [Placement] = []
        let step = max(r.height, 6)
        var y = bounds.minY
        while y + r.height <= bounds.maxY {
            var x = bounds.minX
            while x + r.width <= bounds.maxX {
                let rect = Rect(x: x, y: y, width: r.width, height: r.height)
                out.append(withLeader(rect, r, cost: 120 + rect.distance(to: r.center) / 4))
                x += step
            }
            y += step
        }
        return out
    }

    private func withLeader(_ rect: Rect, _ r: Request, cost: Double) -> Placement {
        let target = nearestPoint(of: rect, to: r.center)
        let d = target - r.center
        let len = hypot(d.x, d.y)
        let start = len > 0 ? Point(r.center.x + d.x / len * r.radius, r.center.y + d.y / len * r.radius) : r.center
        // A leader across another small mark reads as pointing at it: allowed, at a price.
        let crossed = marks.indices.filter { i in
            !r.own.contains(i) && marks[i].dot == 0 && marks[i].radius < 12 && marks[i].named
                && Rect(x: marks[i].center.x - marks[i].radius, y: marks[i].center.y - marks[i].radius,
                        width: 2 * marks[i].radius, height: 2 * marks[i].radius).intersects(segment: start, target)
        }.count
        return Placement(rect: rect, leader: [start, target], cost: cost + len / 40 + Double(crossed) * 30, fits: true)
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

    /// A label nearer another mark's centre than its own reads as that mark's.
    private func ambiguity(_ rect: Rect, _ r: Request) -> Double {
        let own = rect.distance(to: r.center)
        var cost = 0.0
        for (i, m) in marks.enumerated() where m.named && !r.own.contains(i) && rect.distance(to: m.center) < own {
            cost += 4
        }
        return cost
    }

    /// Whether a candidate keeps every rule that does not depend on other labels: inside
    /// the plot, off legends, lines and every mark; its leader off legends, centre dots
    /// and small marks.
    private func staticallyFree(_ p: Placement, _ r: Request) -> Bool {
        guard bounds.contains(p.rect) else { return false }
        let padded = p.rect.insetBy(-padding)
        if obstacles.contains(where: { padded.intersects($0) }) { return false }
        for m in marks where padded.intersects(circle: m.center, radius: max(m.radius, m.dot)) { return false }
        if segments.contains(where: { padded.intersects(segment: $0.0, $0.1) }) { return false }
        if let leader = p.leader {
            let (a, b) = (leader[0], leader[1])
            if obstacles.contains(where: { $0.intersects(segment: a, b) }) { return false }
            for (i, m) in marks.enumerated() where !r.own.contains(i) && m.dot > 0 {
                // Centre dots stay clear of leaders; the marks themselves may be crossed.
                let core = m.dot + padding
                if Rect(x: m.center.x - core, y: m.center.y - core, width: 2 * core, height: 2 * core)
                    .intersects(segment: a, b) { return false }
            }
        }
        return true
    }

    private func segmentsCross(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Bool {
        func orient(_ p: Point, _ q: Point, _ r: Point) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        return d1 * d2 < 0 && d3 * d4 < 0
    }
}
