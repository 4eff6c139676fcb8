// STUB — the chart layer (issue 4) replaces this file. The builder relies only on:
// `Chart.width`, `Chart.height` (points = CSS pixels), `ChartFormat`, and
// `Chart.render(_:)` returning deterministic bytes.

public struct Chart: Sendable {
    public var width: Double
    public var height: Double
    public var title: String

    public init(width: Double = 640, height: Double = 420, title: String = "") {
        self.width = width
        self.height = height
        self.title = title
    }
}

public enum ChartFormat: String, Sendable, CaseIterable {
    case svg, png, pdf
}

public struct ChartError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Chart {
    /// Draws the chart; identical input gives byte-identical output.
    public func render(_ format: ChartFormat) throws -> [UInt8] {
        throw ChartError("chart rendering is not implemented yet")
    }
}
