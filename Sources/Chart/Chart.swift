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

public enum ChartFormat: String, Sendable, CaseIterable {
    case svg, png, pdf
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
    /// A staircase through the data in order: across, then up or down; the last step
    /// runs on to the right edge of the plot.
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
}
