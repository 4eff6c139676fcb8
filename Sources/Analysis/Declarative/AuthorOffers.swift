// The offers an author fills in with a spec of their own, each option declared once with
// its values and a one-line description (the declaration drives the option check, the
// did-you-mean and `report list`).

import NotebookInterface

struct OptionDeclaration: Sendable {
    /// Allowed values; empty accepts any text (checked by the offer itself).
    var values: [String]
    var description: String
    init(_ values: [String] = [], _ description: String) {
        self.values = values
        self.description = description
    }
}

enum AuthorOffers {
    /// `{figure} chart`: a chart whose spec is written in the directive.
    static let chart = "chart"

    static let offers: [Offer] = [
        Offer(kind: .figure, name: chart,
              summary: "a chart of any data, spec in the options: :data: :mark: :x: :y: (and :size: :color: :labels: :filter: :sort: …)",
              options: ChartSpec.options.mapValues(\.values), optionSummaries: ChartSpec.options.mapValues(\.description)),
    ]

    /// Descriptions of every option of these offers, for `report list`.
    static func descriptions(_ kind: OfferKind, _ name: String) -> [String: OptionDeclaration] {
        switch (kind, name) {
        case (.figure, chart): ChartSpec.options
        case (.table, _) where name.hasSuffix(".csv"): AuthorTable.options
        default: [:]
        }
    }
}
