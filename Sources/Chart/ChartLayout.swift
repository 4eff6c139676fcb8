// The geometry of a chart after text was measured and everything was placed: what the
// renderer draws and what tests inspect, without pixels.

public enum TextRole: Sendable, Equatable {
    case title, axisTitle, tickLabel, label, legend
}

public struct TextBox: Sendable, Equatable {
    public var role: TextRole
    public var text: String
    public var fontSize: Double
    public var color: Color
    /// The logical box of the text (one line), possibly rotated.
    public var box: OrientedRect
    /// The datum this text labels, if any.
    public var key: String?
    /// A line from the mark to a label that had to move away from it.
    public var leader: [Point]?
    /// The leader's colour when it carries on a line of the data to the line's name;
    /// nil for the theme's grey.
    public var leaderColor: Color? = nil
}

public struct CircleShape: Sendable, Equatable {
    public var key: String
    public var center: Point
    public var radius: Double
    public var value: Double
    public var color: Color
    public var marked: Bool
    public var centerDot: Bool
}

public struct BarShape: Sendable, Equatable {
    public var key: String
    public var rect: Rect
    public var color: Color
    public var marked: Bool
}

public struct ArrowShape: Sendable, Equatable {
    public var key: String
    /// Where the arrow points (just above the mark, or right of a bar lying on its side).
    public var tip: Point
    public var length: Double
    /// Down at a bar standing up; left at a bar lying on its side.
    public var pointsLeft = false
}

public struct LineShape: Sendable, Equatable {
    public var points: [Point]
    public var color: Color
    public var width: Double
    public var dash: [Double]
}

public struct TickMark: Sendable, Equatable {
    /// Position along the axis, in points.
    public var position: Double
    public var tick: Tick
}

public struct LegendBox: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var entry: LegendEntry
        public var symbol: Rect
    }
    public var frame: Rect
    public var items: [Item]
}

public struct ChartLayout: Sendable, Equatable {
    public var canvas: Rect
    public var plot: Rect
    public var xDomain: ClosedRange<Double>
    public var yDomain: ClosedRange<Double>
    public var xTicks: [TickMark]
    public var yTicks: [TickMark]
    public var xGrid: Bool
    public var yGrid: Bool
    public var texts: [TextBox]
    /// Data bubbles and points, in drawing order.
    public var circles: [CircleShape]
    /// The grey reference bubbles of the size legend.
    public var references: [CircleShape]
    public var bars: [BarShape]
    public var arrows: [ArrowShape]
    public var lines: [LineShape]
    public var legends: [LegendBox]
    /// The radius of the dots drawn at bubbles' centres (the theme's).
    public var dotRadius = Theme().dotRadius
    /// The column right of the plot that holds the names at the ends of lines
    /// (`Chart.labelsAtLineEnds`); nil when names sit inside the plot.
    public var labelColumn: Rect?

    /// Texts of one role.
    public func texts(_ role: TextRole) -> [TextBox] { texts.filter { $0.role == role } }
}
