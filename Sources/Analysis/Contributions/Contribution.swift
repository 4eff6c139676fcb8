// Extending the analysis in Swift: a new figure, table, value or claim is ONE file in this
// folder with a type conforming to `Contribution`, plus ONE line in `Contributions.all`
// (Registry.swift). The notebook lists its offer (so `report list`, option checks and
// did-you-mean know it) and sends it the directives that name it.

import Chart
import NotebookInterface

/// One thing the analysis offers, declared and computed in one place.
protocol Contribution: Sendable {
    /// What it is called and takes: kind, name, summary, options, arguments.
    var offer: Offer { get }
    /// Computes the result. Read data only through `analysis`: the files it reads are
    /// recorded, so that the cache recomputes the result when (and only when) one changes.
    func evaluate(_ request: Request, _ analysis: AnalysisContext) throws(NotebookError) -> Output
}

/// What a contribution may read: the dataset, any table or CSV file of the paper, any
/// value. It reads through the builder's reader, which records every file read as an
/// input of the result.
struct AnalysisContext {
    fileprivate let notebook: AnalysisNotebook
    fileprivate let files: any PaperFiles

    /// Every network of data/networks.csv with its computed counts, in file order.
    func networks() throws(NotebookError) -> [NetworkSummary] {
        try notebook.loadDataset(files).networks
    }

    /// The paper's colour of each network (family hue, member shade), by id.
    func colors() throws(NotebookError) -> [String: Color] {
        Palette.colors(try networks())
    }

    /// A table by name (`networks`, `layers resnet-50`) or a CSV file (`data/mine.csv`).
    func table(_ source: String) throws(NotebookError) -> Frame {
        try notebook.frame(source, files)
    }

    /// A value by key (`network.resnet-50.top1`) or cell (`data/t.csv[row].column`).
    func value(_ key: String) throws(NotebookError) -> Value {
        try notebook.value(named: key, files)
    }
}

extension AnalysisNotebook {
    /// The registered contribution that answers `request`, if any.
    func contribution(for request: Request) -> (any Contribution)? {
        Contributions.all.first { $0.offer.kind == request.kind && $0.offer.name == request.name }
    }

    func evaluate(_ contribution: any Contribution, _ request: Request, reading files: any PaperFiles) throws(NotebookError) -> Result {
        Result(try contribution.evaluate(request, AnalysisContext(notebook: self, files: files)))
    }
}
