// STUB — the figures work (issue 4) replaces this file.
import Chart
import NotebookInterface

public enum FigureCatalog {
    /// The figures the analysis offers, with the options each accepts.
    public static let offers: [Offer] = []

    /// Builds the named figure from the networks.
    public static func make(_ name: String, options: [String: String],
                            networks: [NetworkSummary]) throws(NotebookError) -> Figure {
        throw .unknownName(.figure, name)
    }
}

/// The paper's colour for each network, as `#rrggbb`, keyed by id: each family has a
/// hue and its members are shades of it. Used by every figure and the networks table.
public func networkColors(_ networks: [NetworkSummary]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: networks.map { ($0.id, "#808080") })
}
