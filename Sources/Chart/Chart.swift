// A chart is a declarative value: data in layers, each drawn with one mark, positioned by
// two scales, explained by guides, styled by a theme (grammar-of-graphics style). Nothing
// here knows about Cairo: `ChartLayout.swift` turns a chart into measured geometry and
// `Renderer.swift` draws that geometry.

/// A chart to draw. Sizes are in points (= CSS pixels).
public struct Chart: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// The SVG `<title>` and PDF title; drawn above the plot only when `showsTitle`
    /// (a paper's caption usually says it already).
    public var title: String
    public var showsTitle: Bool
    public var x: Axis
    public var y: Axis
    /// Drawn in order: later layers on top.
    public var layers: [ChartLayer]
    /// Maps `Datum.size` to bubble radii (area proportional to the value).
    public var size: SizeScale?
    public var legends: [Legend]
    public var theme: Theme
    /// Legends in rows under the plot instead of inside it: on a phone the plot keeps
    /// all its room for the data, and the drawing grows downwards to hold them.
    public var guidesBelow = false
    /// When the names do not fit beside their marks (or there are too many for the plot),
    /// each mark is labelled with a number instead, and a key under the plot names them.
    public var numbersWhenCrowded = false
    /// Each line's name in a column right of the plot, level with the line's end (moved
    /// up or down only as far as the names need to keep apart), instead of beside its
    /// mark inside the plot: three dozen lines leave no room inside for their names.
    public var labelsAtLineEnds = false

    public init(width: Double = 640, height: Double = 420, title: String = "",
                x: Axis = Axis(), y: Axis = Axis(), layers: [ChartLayer] = [],
                size: SizeScale? = nil, legends: [Legend] = [], theme: Theme = Theme(),
                showsTitle: Bool = false) {
        self.width = width
        self.height = height
        self.title = title
        self.showsTitle = showsTitle
        self.x = x
        self.y = y
        self.layers = layers
        self.size = size
        self.legends = legends
        self.theme = theme
    }
}

/// A file drawn from a chart; the raw value is the file name's ending.
public enum ChartFormat: String, Sendable, CaseIterable {
    case svg, png, pdf
    /// What a page shows in dark mode: the same layout in the theme's dark colours.
    case darkSVG = "dark.svg"
    /// What a page shows on a phone: the chart redrawn narrow (`Chart.narrow()`).
    case narrowSVG = "narrow.svg"
    case narrowDarkSVG = "narrow-dark.svg"

    var isNarrow: Bool { self == .narrowSVG || self == .narrowDarkSVG }
    var isDark: Bool { self == .darkSVG || self == .narrowDarkSVG }
    var isSVG: Bool { self != .png && self != .pdf }
}

public struct ChartError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A position guide: scale, domain, title, ticks and grid.
public struct Axis: Sendable, Equatable {
    /// Title with its unit, e.g. "Operations [G-Ops]".
    public var title: String
    public var scale: ScaleKind
    /// Fixed domain; nil takes the data's extent (padded so marks fit) widened to nice values.
    public var domain: ClosedRange<Double>?
    /// Whether an automatic linear domain reaches down (or up) to zero.
    public var includeZero: Bool
    /// Dotted grid lines at the major ticks.
    public var grid: Bool
    /// Tick labels turned counter-clockwise by this many degrees (they read upwards).
    public var labelAngle: Double

    public init(title: String = "", scale: ScaleKind = .linear, domain: ClosedRange<Double>? = nil,
                includeZero: Bool = false, grid: Bool = true, labelAngle: Double = 0) {
        self.title = title
        self.scale = scale
        self.domain = domain
        self.includeZero = includeZero
        self.grid = grid
        self.labelAngle = labelAngle
    }
}

/// Bubble radius from a value: area proportional to the value, `maxRadius` at `maxValue`.
public struct SizeScale: Sendable, Equatable {
    public var maxValue: Double
    public var maxRadius: Double
    /// Reference values shown by the size legend, with their labels ("5M").
    public var references: [Double]
    public var referenceLabels: [String]

    public init(maxValue: Double, maxRadius: Double, references: [Double] = [], referenceLabels: [String] = []) {
        self.maxValue = maxValue
        self.maxRadius = maxRadius
        self.references = references
        self.referenceLabels = referenceLabels
    }

    public func radius(_ value: Double) -> Double {
        guard maxValue > 0, value > 0 else { return 0 }
        return maxRadius * (value / maxValue).squareRoot()
    }
}

/// One row of data and its encodings.
public struct Datum: Sendable, Equatable {
    /// Identity (e.g. a network id): stable across figures, kept in the layout.
    public var key: String
    public var x: Double
    /// Slot on a band x-scale (bars); ignored by continuous scales.
    public var category: String?
    public var y: Double
    /// Encoded by the chart's `SizeScale` (bubbles).
    public var size: Double?
    public var color: Color
    /// Text placed next to the mark, without overlaps.
    public var label: String?
    /// Values that were reported rather than computed: drawn hollow with a dashed outline.
    public var marked: Bool

    public init(key: String, x: Double = 0, category: String? = nil, y: Double, size: Double? = nil,
                color: Color = .black, label: String? = nil, marked: Bool = false) {
        self.key = key
        self.x = x
        self.category = category
        self.y = y
        self.size = size
        self.color = color
        self.label = label
        self.marked = marked
    }
}

/// How a layer's data is drawn.
public enum Mark: Sendable, Equatable {
    /// A bar per category from the bottom of the y-domain (or zero) up to `y`;
    /// `width` is the fraction of the band slot it fills.
    case bar(width: Double)
    /// A filled disc of fixed radius.
    case point(radius: Double)
    /// A disc sized by the chart's `SizeScale`, with a dot at its centre.
    case bubble
    /// A polyline through the data in order.
    case line(width: Double, dash: [Double])
    /// A staircase through the data in order: across, then up or down; it ends at the
    /// last datum (a line on to the plot's edge would claim data that are not there).
    case stepLine(width: Double, dash: [Double])
    /// A small downward arrow just above each datum (e.g. over a bar).
    case arrow
}

/// Data drawn with one mark.
public struct ChartLayer: Sendable, Equatable {
    public var mark: Mark
    public var data: [Datum]
    public init(_ mark: Mark, _ data: [Datum]) {
        self.mark = mark
        self.data = data
    }
}

public enum Corner: Sendable, Equatable {
    case topLeft, topRight, bottomLeft, bottomRight
    /// The corner where the legend covers the fewest marks.
    case auto
}

/// A key for colours or line styles.
public struct LegendEntry: Sendable, Equatable {
    public enum Symbol: Sendable, Equatable {
        case swatch, dashedSwatch, line, dashedLine, circle, dashedCircle
    }
    public var label: String
    public var color: Color
    public var symbol: Symbol
    public init(_ label: String, color: Color, symbol: Symbol = .swatch) {
        self.label = label
        self.color = color
        self.symbol = symbol
    }
}

/// Guides other than axes. All sit inside the plot, where labels avoid them.
public enum Legend: Sendable, Equatable {
    /// Grey reference bubbles for the chart's `SizeScale`, in a row in the bottom-right
    /// corner, or in another corner when data lie there.
    case size
    /// A boxed list of entries.
    case entries([LegendEntry], corner: Corner)
}

/// Fonts, sizes, line widths and margins.
public struct Theme: Sendable, Equatable {
    public var fontFamily = "DejaVu Sans"
    public var titleSize = 13.0
    public var axisTitleSize = 11.0
    public var tickLabelSize = 10.0
    public var labelSize = 10.5
    public var legendSize = 9.5
    public var textColor = Color.gray(0.1)
    public var background = Color.white
    public var legendBackground = Color.white.withAlpha(0.85)
    public var legendBorder = Color.gray(0.75)
    public var leaderColor = Color.gray(0.45)
    /// Blank space around everything, in points.
    public var margin = 8.0
    public var axisLineWidth = 1.4
    public var tickLength = 4.0
    public var gridColor = Color.gray(0.72)
    public var gridWidth = 0.7
    public var gridDash: [Double] = [0.8, 2.4]
    public var bubbleOpacity = 0.92
    public var dotColor = Color.white
    public var dotRadius = 1.6
    public var referenceColor = Color.gray(0.86)
    public var arrowColor = Color.gray(0.45)
    public var pointOutline = Color.white
    /// A soft outline around data labels; off by default (the original has none, and
    /// in SVG and PDF each halo is a path of its own, which doubles a figure's size).
    public var labelHalo = false

    public init() {}

    /// The paper's figures: drawn 960 points wide to be shown at 960 CSS pixels, with
    /// text of 15 px, 0.83 × the page's 18 px body text.
    public static let figure: Theme = {
        var t = Theme()
        t.titleSize = 18
        t.axisTitleSize = 16
        t.tickLabelSize = 15
        t.labelSize = 15
        t.legendSize = 15
        t.margin = 10
        t.axisLineWidth = 1.8
        t.tickLength = 6
        t.gridWidth = 0.9
        t.gridDash = [1, 3.5]
        t.dotRadius = 2.2
        return t
    }()

    /// Text sizes times `factor`, none below `minimum` (marks keep theirs): for a
    /// narrower drawing of a chart.
    public func scaledText(_ factor: Double, minimum: Double = 0) -> Theme {
        var t = self
        t.titleSize = max(minimum, titleSize * factor)
        t.axisTitleSize = max(minimum, axisTitleSize * factor)
        t.tickLabelSize = max(minimum, tickLabelSize * factor)
        t.labelSize = max(minimum, labelSize * factor)
        t.legendSize = max(minimum, legendSize * factor)
        t.tickLength *= factor
        t.margin *= factor
        return t
    }

    /// Whether the background is dark: colours of marks are then kept legible by
    /// `legible(_:)` and outlines.
    public var isDark: Bool { background.luminance < 0.2 }

    /// The same theme for a page in dark mode: the page's dark background, light text
    /// and guides. Family colours stay as they are; `legible(_:)` lifts the few that
    /// would vanish against the background (black, the darkest purples) where they are
    /// drawn as thin strokes, and marks get a light outline.
    public func dark() -> Theme {
        var t = self
        t.background = Color(hex: "#17191b")!
        t.textColor = Color(hex: "#e6e6e3")!
        t.legendBackground = Color(hex: "#17191b")!.withAlpha(0.88)
        t.legendBorder = Color.gray(0.42)
        t.leaderColor = Color.gray(0.62)
        t.gridColor = Color.gray(0.36)
        t.referenceColor = Color.gray(0.30)
        t.arrowColor = Color.gray(0.7)
        t.pointOutline = Color.gray(0.78)
        return t
    }

    /// On a dark background, `color` mixed towards the text colour just enough to stand
    /// out (contrast ratio at least 3:1, WCAG's figure for graphics); on a light one,
    /// `color` as it is.
    public func legible(_ color: Color) -> Color {
        guard isDark else { return color }
        var c = color
        var t = 0.0
        while Self.contrast(c, background) < 3, t < 1 {
            t += 0.05
            c = color.mixed(with: textColor, t)
        }
        return c
    }

    /// WCAG contrast ratio between two colours (1…21).
    public static func contrast(_ a: Color, _ b: Color) -> Double {
        let (l1, l2) = (a.luminance, b.luminance)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}

extension Chart {
    /// The width of `narrow()` drawings: a phone's column (390 px screen less margins is
    /// about 360 px), so that 11 pt text shows at about 10 px.
    public static let narrowWidth = 400.0
    public static let narrowHeight = 500.0

    /// The smallest text of a phone drawing, in points: shown 360 px wide (a 390 px
    /// screen's column), 11.5 pt reads as 10.35 px.
    public static let narrowTextMinimum = 11.5

    /// The chart redrawn for a phone: `narrowWidth` wide, text at 0.73 × its size and at
    /// least `narrowTextMinimum`, bubbles and points scaled with the width, legends under
    /// the plot, and numbers with a key where names do not fit. A bar chart lies on its
    /// side, one row per bar with its name at the left, as tall as its rows need.
    /// The layout is computed afresh, so labels are placed for the narrow plot.
    public func narrow() -> Chart {
        var c = self
        let factor = Chart.narrowWidth / width
        c.width = Chart.narrowWidth
        c.height = Chart.narrowHeight
        c.theme = theme.scaledText(0.73, minimum: Chart.narrowTextMinimum)
        c.guidesBelow = true
        c.numbersWhenCrowded = true
        if case .band(let categories) = x.scale {
            c.x = Axis(title: y.title, scale: y.scale, domain: y.domain, includeZero: y.includeZero, grid: y.grid)
            c.y = Axis(scale: .band(categories), grid: false)
            c.layers = layers.map { layer in
                var l = layer
                l.data = layer.data.map { d in
                    var t = d
                    t.x = d.y
                    return t
                }
                return l
            }
            let row = c.theme.tickLabelSize * 1.3 + 4
            c.height = max(Chart.narrowHeight, (Double(categories.count) * row + 90).rounded(.up))
        }
        c.size?.maxRadius *= factor
        c.layers = c.layers.map { layer in
            var l = layer
            if case .point(let r) = layer.mark { l.mark = .point(radius: max(3.5, r * factor.squareRoot())) }
            return l
        }
        return c
    }
}
