// One-line descriptions of the options the analysis's offers share, for `report list`
// (an offer that describes an option itself keeps its own description).

import NotebookInterface

enum OptionHelp {
    static let common: [String: String] = [
        "subset": "which networks: all (2016 and 2018), original (2016), 2018, later (after 2018), ten-years (every one)",
        "colour": "colour by family (a hue per family) or by era of publication",
        "convention": "how operations are counted: ops (multiplications and additions), macs (multiply-accumulates), ops-profiler (as the 2016 profiler counted)",
        "scale": "the operations axis: linear or log",
        "among": "the group the claim ranks: original (2016), all (2016 and 2018), every (all years)",
        "networks": "which networks the table lists",
        "sort": "the row order",
        "machine": "the measured machine (a folder of measure/results); default: the only one",
        "batch": "the batch size whose measurements are used",
        "min-r2": "the smallest coefficient of determination for the claim to hold",
        "labels": "whether marks carry their network's name",
        "cost": "the cost axis",
        "measure": "what was measured",
    ]

    /// `offer` with a description for each of its options that has none yet.
    static func described(_ offer: Offer) -> Offer {
        var offer = offer
        for key in offer.options.keys where offer.optionSummaries[key] == nil {
            if let text = common[key] { offer.optionSummaries[key] = text }
        }
        return offer
    }
}
