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
    struct Request: Hashable {
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
        var leader: Leader?
        var cost: Double
        var fits: Bool
    }

    struct Leader {
        var from: Point
        var to: Point
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
    /// What a leader crossing another label's leader costs (a ring further out costs 6).
    var crossingCost = 15.0
    /// Candidates already found, kept across calls of `place` on the same plot (a wide
    /// drawing places its labels several times, as names and as numbers, and most
    /// requests recur).
    var memory = Memory()

    /// Each request's candidates, by the request; for one plot, marks and legends.
    final class Memory {
        fileprivate var scene: Scene?
        fileprivate var near: [Request: [Placement]] = [:]
        fileprivate var anywhere: [Request: [Placement]] = [:]
    }

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
        let scene = memory.scene ?? Scene(self)
        memory.scene = scene
        let near = requests.map { r in
            if let known = memory.near[r] { return known }
            let found = scene.candidates(r).sorted { $0.cost < $1.cost }
            memory.near[r] = found
            return found
        }
        var anywhere: [Int: [Placement]] = [:]
        for (i, r) in requests.enumerated() { anywhere[i] = memory.anywhere[r] }
        defer { for (i, found) in anywhere { memory.anywhere[requests[i]] = found } }
        var best: [Placement] = []
        var bestScore = (Int.max, Double.infinity)
        for order in orders {
            let result = place(near, &anywhere, requests, scene, order: order)
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
                       _ scene: Scene, order: [Int]) -> [Placement] {
        var placed = [Placement?](repeating: nil, count: near.count)
        func spots(_ i: Int) -> [Placement] {
            if let known = anywhere[i] { return known }
            let found = scene.freeSpots(requests[i]).sorted { $0.cost < $1.cost }
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
                    var crossings = 0
                    for case let other? in placed {
                        if let l = other.leader, Self.segmentsCross(leader.from, leader.to, l.from, l.to) { crossings += 1 }
                    }
                    c.cost += Double(crossings) * crossingCost
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
        if let l = b.leader, pa.intersects(segment: l.from, l.to) { return true }
        if let l = a.leader, b.rect.insetBy(-padding).intersects(segment: l.from, l.to) { return true }
        return false
    }

    /// Where a label that fits nowhere goes: beside its mark, reported as a misfit.
    private func fallbackRect(_ r: Request) -> Rect {
        Scene.box(r, angle: 0, distance: r.radius + gap)
    }

    static func segmentsCross(_ a: Point, _ b: Point, _ c: Point, _ d: Point) -> Bool {
        func orient(_ p: Point, _ q: Point, _ r: Point) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = orient(c, d, a), d2 = orient(c, d, b), d3 = orient(a, b, c), d4 = orient(a, b, d)
        return d1 * d2 < 0 && d3 * d4 < 0
    }
}

extension LabelPlacer {
    /// What does not depend on other labels (the plot, legends, marks, lines), prepared
    /// once per chart so that each candidate meets only what lies near it. A chart of 40
    /// labels tries some 100 000 candidates; the tests below run for each.
    fileprivate struct Scene {
        let bounds: Rect
        let padding: Double
        let gap: Double
        let obstacles: [Rect]
        let segments: [(Point, Point)]
        /// Every mark's disc (or its centre dot, if larger): no label may touch one.
        let discs: DiscGrid
        /// Centre dots (already drawn half a point larger) with half a point of air: no leader
        /// may cross a foreign one. Less air than labels keep, so that a leader can leave a
        /// mark buried among others.
        let cores: [(index: Int, rect: Rect)]
        /// Small data marks without a dot: a leader across one reads as pointing at it.
        let smallMarks: [(index: Int, rect: Rect)]
        /// Data marks' centres, for `ambiguity`.
        let named: [(index: Int, center: Point)]

        init(_ p: LabelPlacer) {
            bounds = p.bounds
            padding = p.padding
            gap = p.gap
            obstacles = p.obstacles
            segments = p.segments
            discs = DiscGrid(p.marks.map { ($0.center, max($0.radius, $0.dot)) }, area: p.bounds)
            func square(_ c: Point, _ r: Double) -> Rect { Rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r) }
            cores = p.marks.indices.filter { p.marks[$0].dot > 0 }
                .map { ($0, square(p.marks[$0].center, p.marks[$0].dot + 0.5)) }
            smallMarks = p.marks.indices.filter { p.marks[$0].dot == 0 && p.marks[$0].radius < 12 && p.marks[$0].named }
                .map { ($0, square(p.marks[$0].center, p.marks[$0].radius)) }
            named = p.marks.indices.filter { p.marks[$0].named }.map { ($0, p.marks[$0].center) }
        }

        /// The candidates around the mark that break no rule of their own.
        func candidates(_ r: Request) -> [Placement] {
            var out: [Placement] = []
            out.reserveCapacity(64)
            // Ring 0: touching the mark. Preference: right, left, above, below, diagonals.
            let ring0: [(Double, Double)] = [
                (0, 0), (180, 1), (-90, 2), (90, 3), (-35, 4), (35, 4.5), (-145, 5), (145, 5.5),
                (-60, 6), (60, 6.2), (-120, 6.4), (120, 6.6), (-15, 6.8), (15, 7), (-165, 7.2), (165, 7.4),
            ]
            for (deg, pref) in ring0 {
                let rect = Self.box(r, angle: deg * .pi / 180, distance: r.radius + gap)
                if isFree(rect) {
                    out.append(Placement(rect: rect, leader: nil, cost: pref + ambiguity(rect, r), fits: true))
                }
            }
            // Further rings, with a leader line back to the mark.
            for k in 1...14 {
                let distance = r.radius + gap + Double(k) * 8
                for a in 0..<16 {
                    let rect = Self.box(r, angle: Double(a) * .pi / 8, distance: distance)
                    if let p = withLeader(rect, r, cost: 10 + Double(k) * 6 + Double(a % 8) * 0.1) { out.append(p) }
                }
            }
            return out
        }

        /// Every free spot of the plot on a grid as fine as the label is high, with a leader.
        func freeSpots(_ r: Request) -> [Placement] {
            var out: [Placement] = []
            let step = max(r.height, 6)
            var y = bounds.minY
            while y + r.height <= bounds.maxY {
                var x = bounds.minX
                while x + r.width <= bounds.maxX {
                    let rect = Rect(x: x, y: y, width: r.width, height: r.height)
                    if let p = withLeader(rect, r, cost: 120 + rect.distance(to: r.center) / 4) { out.append(p) }
                    x += step
                }
                y += step
            }
            return out
        }

        /// The label at `rect` with a leader from the mark's edge, if both are free.
        private func withLeader(_ rect: Rect, _ r: Request, cost: Double) -> Placement? {
            guard isFree(rect) else { return nil }
            let target = Point(min(max(r.center.x, rect.minX), rect.maxX), min(max(r.center.y, rect.minY), rect.maxY))
            let d = target - r.center
            let len = hypot(d.x, d.y)
            let start = len > 0 ? Point(r.center.x + d.x / len * r.radius, r.center.y + d.y / len * r.radius) : r.center
            // Off legends and foreign centre dots; the marks themselves may be crossed.
            for o in obstacles where o.intersects(segment: start, target) { return nil }
            for c in cores where !r.own.contains(c.index) && c.rect.intersects(segment: start, target) { return nil }
            // A leader across another small mark reads as pointing at it: allowed, at a price.
            var crossed = 0
            for m in smallMarks where !r.own.contains(m.index) && m.rect.intersects(segment: start, target) { crossed += 1 }
            return Placement(rect: rect, leader: Leader(from: start, to: target),
                             cost: cost + len / 40 + Double(crossed) * 30, fits: true)
        }

        /// Whether a label box keeps the rules that do not depend on other labels: inside
        /// the plot, off legends, lines and every mark.
        private func isFree(_ rect: Rect) -> Bool {
            guard bounds.contains(rect) else { return false }
            let padded = rect.insetBy(-padding)
            for o in obstacles where padded.intersects(o) { return false }
            if discs.meets(padded) { return false }
            for s in segments where padded.intersects(segment: s.0, s.1) { return false }
            return true
        }

        /// A label nearer another mark's centre than its own reads as that mark's.
        private func ambiguity(_ rect: Rect, _ r: Request) -> Double {
            let own = rect.distance(to: r.center)
            var cost = 0.0
            for m in named where !r.own.contains(m.index) && rect.distance(to: m.center) < own { cost += 4 }
            return cost
        }

        /// The label box whose side facing the mark touches the circle of `distance` at `angle`.
        static func box(_ r: Request, angle: Double, distance: Double) -> Rect {
            let dx = cos(angle), dy = sin(angle)
            func sign(_ v: Double) -> Double { abs(v) < 1e-9 ? 0 : (v > 0 ? 1 : -1) }
            let cx = r.center.x + dx * distance + sign(dx) * r.width / 2
            let cy = r.center.y + dy * distance + sign(dy) * r.height / 2
            return Rect(x: cx - r.width / 2, y: cy - r.height / 2, width: r.width, height: r.height)
        }
    }
}

/// Discs filed under the cells of a square grid that their bounding boxes touch, so that
/// a box is tested against the discs near it rather than all of them. Positions outside
/// the grid's area fall into its border cells, so nothing is missed there either.
struct DiscGrid {
    private let origin: Point
    private let cell: Double
    private let columns: Int
    private let rows: Int
    private var cells: [[Int]]
    private let discs: [(center: Point, radius: Double)]

    init(_ discs: [(center: Point, radius: Double)], area: Rect, cell: Double = 32) {
        self.discs = discs
        self.origin = Point(area.minX, area.minY)
        self.cell = cell
        columns = max(1, Int((max(area.width, 0) / cell).rounded(.up)))
        rows = max(1, Int((max(area.height, 0) / cell).rounded(.up)))
        cells = Array(repeating: [], count: columns * rows)
        for (i, d) in discs.enumerated() where d.radius > 0 {
            for row in index(d.center.y - d.radius, origin.y, rows)...index(d.center.y + d.radius, origin.y, rows) {
                for column in index(d.center.x - d.radius, origin.x, columns)...index(d.center.x + d.radius, origin.x, columns) {
                    cells[row * columns + column].append(i)
                }
            }
        }
    }

    private func index(_ v: Double, _ start: Double, _ count: Int) -> Int {
        let k = ((v - start) / cell).rounded(.down)
        guard k >= 0 else { return 0 }
        return k >= Double(count - 1) ? count - 1 : Int(k)
    }

    /// Whether any disc shares area with `rect`.
    func meets(_ rect: Rect) -> Bool {
        for row in index(rect.minY, origin.y, rows)...index(rect.maxY, origin.y, rows) {
            for column in index(rect.minX, origin.x, columns)...index(rect.maxX, origin.x, columns) {
                for i in cells[row * columns + column]
                where rect.intersects(circle: discs[i].center, radius: discs[i].radius) { return true }
            }
        }
        return false
    }
}
