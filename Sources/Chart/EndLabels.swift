import Foundation

// Names at the ends of lines (`Chart.labelsAtLineEnds`): each line's name in a column
// right of the plot, as near the height of the line's end as the names allow. With
// three dozen lines the plot has no room for names beside the marks, and names placed
// wherever there is room end up at long fanning leaders; a column read top to bottom in
// the order the lines end is what a reader scans.

/// What the column of names needs and did not get: the drawing is laid out again with
/// this much room.
struct EndLabelShortfall: Equatable {
    /// The column's width, gap included.
    var width: Double
    /// How much taller the column must be than the plot let it be.
    var height: Double
}

extension LayoutBuilder {
    /// The gap between the plot's edge and the names, crossed by the leaders.
    static let endGap = 24.0

    /// Places one name (or number) per group of marks in the column right of the plot,
    /// each level with its mark where it can be, moved only as far as needed to keep the
    /// names apart; a leader runs from the mark to the plot's edge at the mark's height,
    /// then to its name. Returns what the column lacked (nil when everything fitted).
    mutating func placeEndLabels(_ layout: inout ChartLayout,
                                 _ groups: [(keys: [String], names: [String], circle: CircleShape)]) -> EndLabelShortfall? {
        // Marks from the top of the plot down: the names keep that order, so leaders
        // never cross.
        var order = Array(groups.indices)
        order.sort { a, b in
            let (ca, cb) = (groups[a].circle.center, groups[b].circle.center)
            return ca.y != cb.y ? ca.y < cb.y : ca.x < cb.x
        }
        // On a phone, more names than fit are numbers, with a key under the plot; so are
        // names whose column would take more than a third of the drawing's width (lines
        // that end together share one name: fewer but longer names), which would squeeze
        // the plot.
        var texts = groups.map { $0.names.joined(separator: ", ") }
        let widest = texts.map { engine.measure($0, size: theme.labelSize).width }.max() ?? 0
        let numbered = chart.numbersWhenCrowded
            && (groups.count > Self.mostNames || Self.endGap + widest > layout.canvas.width / 3)
        var key: [(number: String, name: String)] = []
        if numbered {
            // Numbered down the column, so that the numbers read in order there.
            for i in order {
                texts[i] = groups[i].names.map { name in
                    key.append((String(key.count + 1), name))
                    return String(key.count)
                }.joined(separator: ", ")
            }
        }
        let sizes = texts.map { engine.measure($0, size: theme.labelSize) }
        let width = Self.endGap + (sizes.map(\.width).max() ?? 0) + 2
        // Two points of air between names: the collision check keeps one around each.
        let row = (sizes.map(\.height).max() ?? 0) + 2
        let top = layout.canvas.minY + theme.margin, bottom = layout.plot.maxY
        let needed = Double(groups.count) * row
        if width > endColumnWidth + 0.5 || needed > bottom - top + 0.5 {
            return EndLabelShortfall(width: max(width, endColumnWidth), height: max(0, needed - (bottom - top)))
        }
        let wanted = order.map { groups[$0].circle.center.y - row / 2 }
        let tops = Self.spread(wanted, step: row, within: top...(bottom - row))
        let column = Rect(x: layout.plot.maxX + Self.endGap - 2, y: top, width: width - Self.endGap + 2, height: bottom - top)
        layout.labelColumn = column
        for (k, i) in order.enumerated() {
            let c = groups[i].circle, s = sizes[i]
            let box = Rect(x: column.minX + 2, y: tops[k] + (row - s.height) / 2, width: s.width, height: s.height)
            let start = Point(c.center.x + c.radius + 1, c.center.y)
            let edge = Point(layout.plot.maxX + 4, c.center.y)
            let end = Point(box.minX - 2, box.midY)
            let leader = abs(end.y - edge.y) < 0.5 ? [start, end] : [start, edge, end]
            layout.texts.append(TextBox(role: .label, text: texts[i], fontSize: theme.labelSize, color: theme.textColor,
                                        box: OrientedRect(box), key: groups[i].keys.joined(separator: "+"), leader: leader,
                                        leaderColor: c.color))
        }
        if numbered { placeKey(&layout, key) }
        return nil
    }

    /// Positions as close as possible (least squares) to `wanted`, which must be sorted,
    /// at least `step` apart and inside `bounds`. With q = p − i·step the gaps become
    /// "q never decreases": an isotonic regression, solved by pooling adjacent values
    /// that break the order into their mean, then clamped to the bounds (which are the
    /// same for every q).
    static func spread(_ wanted: [Double], step: Double, within bounds: ClosedRange<Double>) -> [Double] {
        guard !wanted.isEmpty else { return [] }
        var blocks: [(sum: Double, count: Int)] = []
        for (i, w) in wanted.enumerated() {
            blocks.append((w - Double(i) * step, 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1], before = blocks[blocks.count - 2]
                guard before.sum / Double(before.count) > last.sum / Double(last.count) else { break }
                blocks.removeLast(2)
                blocks.append((before.sum + last.sum, before.count + last.count))
            }
        }
        let lo = bounds.lowerBound, hi = bounds.upperBound - Double(wanted.count - 1) * step
        var out: [Double] = []
        for block in blocks {
            let q = min(max(block.sum / Double(block.count), lo), max(lo, hi))
            out += Array(repeating: q, count: block.count)
        }
        return out.enumerated().map { $0.element + Double($0.offset) * step }
    }
}
