import Foundation

/// One thing drawn on top of another where the reader would lose one of them.
public struct Collision: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Two texts (labels, tick labels, legend entries, titles) share area.
        case textOverText = "text over text"
        /// A data label covers a bubble's centre dot.
        case labelOverDot = "label over a centre dot"
        /// A data label covers part of a mark (bubble, point, bar, reference bubble), its own included.
        case labelOverMark = "label over a mark"
        /// A data label crosses a line mark (e.g. a frontier).
        case labelOverLine = "label over a line"
        /// A data label leaves the plot (or the column of names at the lines' ends) or
        /// touches its edge.
        case labelOverEdge = "label over the plot edge"
        /// A leader line runs through a text that is not its own, or a centre dot.
        case leaderOverText = "leader line over a text or dot"
        /// A legend box covers a mark or another legend.
        case legendOverMark = "legend over a mark"
        /// A point or a centre dot crosses the plot edge (the axis line).
        case markOverEdge = "mark over the plot edge"
        /// Two labels name marks drawn on one spot: the reader cannot tell which is which.
        case labelsOnOneSpot = "two labels on one spot"
    }

    public var kind: Kind
    public var what: String
    public var with: String

    public var description: String { "\(kind.rawValue): '\(what)' × '\(with)'" }
}

extension ChartLayout {
    /// The air every label keeps around it: shapes closer than this touch.
    static let clearance = 1.0

    /// Every collision in the layout, measured on the shapes the renderer draws: text
    /// boxes (rotated ones too), discs, bars, lines, leader lines and legend frames.
    /// Texts keep `clearance` from each other and from every mark and line; points and
    /// centre dots keep clear of the axes.
    public func collisions() -> [Collision] {
        var found: [Collision] = []
        let air = Self.clearance

        // Texts against texts, every role.
        for i in texts.indices {
            var grown = texts[i].box
            grown.origin = grown.point(-air, -air)
            grown.width += 2 * air
            grown.height += 2 * air
            for j in texts.indices where j > i && grown.intersects(texts[j].box) {
                found.append(Collision(kind: .textOverText, what: texts[i].text, with: texts[j].text))
            }
        }
        let labels = texts.filter { $0.role == .label }
        let marks = circles + references
        for label in labels {
            let box = label.box.boundingBox.insetBy(-air)
            if !plot.contains(label.box.boundingBox), !(labelColumn?.contains(label.box.boundingBox) ?? false) {
                found.append(Collision(kind: .labelOverEdge, what: label.text, with: "plot"))
            }
            for c in circles where c.centerDot && box.intersects(circle: c.center, radius: dotRadius) {
                found.append(Collision(kind: .labelOverDot, what: label.text, with: c.key))
            }
            for c in marks where box.intersects(circle: c.center, radius: c.radius) {
                found.append(Collision(kind: .labelOverMark, what: label.text, with: c.key))
            }
            for bar in bars where box.intersects(bar.rect) {
                found.append(Collision(kind: .labelOverMark, what: label.text, with: bar.key))
            }
            for legend in legends where box.intersects(legend.frame) {
                found.append(Collision(kind: .labelOverMark, what: label.text, with: "legend"))
            }
            for line in lines {
                for (a, b) in zip(line.points, line.points.dropFirst()) where box.intersects(segment: a, b) {
                    found.append(Collision(kind: .labelOverLine, what: label.text, with: "line"))
                    break
                }
            }
        }
        // One label per spot: marks whose centres nearly coincide share one label.
        let labelledCircles = labels.compactMap { l in circles.first { $0.key == l.key }.map { (l, $0) } }
        for i in labelledCircles.indices {
            for j in labelledCircles.indices where j > i {
                let (a, b) = (labelledCircles[i].1, labelledCircles[j].1)
                let limit = a.centerDot ? 2 * dotRadius : 0.5 * (a.radius + b.radius)
                if a.center.distance(to: b.center) < limit {
                    found.append(Collision(kind: .labelsOnOneSpot, what: labelledCircles[i].0.text, with: labelledCircles[j].0.text))
                }
            }
        }
        // Leader lines: from the mark's edge to the label; nothing else on the way.
        for label in labels {
            guard let leader = label.leader, leader.count >= 2 else { continue }
            let segments = Array(zip(leader, leader.dropFirst()))
            for other in texts where other != label {
                let box = other.box.boundingBox
                if segments.contains(where: { box.intersects(segment: $0.0, $0.1) }) {
                    found.append(Collision(kind: .leaderOverText, what: label.text, with: other.text))
                }
            }
            let own = Set((label.key ?? "").split(separator: "+").map(String.init))
            for c in circles where c.centerDot && !own.contains(c.key) {
                let dot = Rect(x: c.center.x - dotRadius, y: c.center.y - dotRadius, width: 2 * dotRadius, height: 2 * dotRadius)
                if segments.contains(where: { dot.intersects(segment: $0.0, $0.1) }) {
                    found.append(Collision(kind: .leaderOverText, what: label.text, with: c.key))
                }
            }
        }
        // Legends sit in free space.
        for (i, legend) in legends.enumerated() {
            let frame = legend.frame
            for c in circles where frame.intersects(circle: c.center, radius: c.radius) {
                found.append(Collision(kind: .legendOverMark, what: "legend", with: c.key))
            }
            for bar in bars where frame.intersects(bar.rect) {
                found.append(Collision(kind: .legendOverMark, what: "legend", with: bar.key))
            }
            for r in references where frame.intersects(circle: r.center, radius: r.radius) {
                found.append(Collision(kind: .legendOverMark, what: "legend", with: r.key))
            }
            for other in legends[(i + 1)...] where frame.intersects(other.frame) {
                found.append(Collision(kind: .legendOverMark, what: "legend", with: "legend"))
            }
        }
        // Points and centre dots stay off the axes, with air between.
        for c in circles {
            let r = (c.centerDot ? dotRadius : c.radius) + 2 * air
            let disc = Rect(x: c.center.x - r, y: c.center.y - r, width: 2 * r, height: 2 * r)
            if !plot.contains(disc) {
                found.append(Collision(kind: .markOverEdge, what: c.key, with: "plot edge"))
            }
        }
        return found
    }
}
