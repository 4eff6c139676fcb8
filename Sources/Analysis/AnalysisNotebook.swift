// The paper's notebook: answers the builder's directives from the data under the paper
// folder and the architectures in code. Everything is loaded lazily and once, through
// the reader the builder hands each request: the reader records what each result read
// (a value loaded once replays its reads to every later request that uses it), so the
// builder's cache re-runs a result when (and only when) a file it read changes.

import Foundation
import NotebookInterface

/// The paper's notebook: reads `data/` under the paper folder and answers directives.
public final class AnalysisNotebook: Notebook {
    public let paperDirectory: URL
    public let fingerprint: String
    let architectures: Architectures

    private let counted = Once<CountedArchitectures>()
    private let dataset = Once<Dataset>()
    private let originals = Once<[OriginalFigure]>()
    private let publishedCounts = Once<[PublishedCount]>()
    let measuredMemo = MeasuredMemo<Measurements>()
    let measuredSets = MeasuredMemo<MeasuredSet>()
    private let valueGroups: [ValueGroup: Once<ValueTable>] =
        Dictionary(uniqueKeysWithValues: ValueGroup.allCases.map { ($0, Once()) })

    public convenience init(paperDirectory: URL, fingerprint: String) {
        self.init(paperDirectory: paperDirectory, fingerprint: fingerprint, architectures: .zoo)
    }

    /// With other architectures than the Zoo's (tests).
    public init(paperDirectory: URL, fingerprint: String, architectures: Architectures) {
        self.paperDirectory = paperDirectory
        self.fingerprint = fingerprint
        self.architectures = architectures
    }

    // MARK: Offers

    /// With the paper folder read directly (`report list`, `report values`, tests).
    public func offers() throws(NotebookError) -> [Offer] { try offers(reading: FolderFiles(paperDirectory)) }

    /// With the paper folder read directly (`report values`, tests).
    public func evaluate(_ request: Request) throws(NotebookError) -> Result {
        try evaluate(request, reading: FolderFiles(paperDirectory))
    }

    public func offers(reading files: any PaperFiles) throws(NotebookError) -> [Offer] {
        var offers = FigureCatalog.offers + TableBook.offers + ClaimBook.offers + AuthorOffers.offers
            + Contributions.all.map(\.offer)
            + MeasuredFigures.offers + MeasuredClaims.offers
        var problems: [Problem] = []
        do { offers += try measuredValueOffers(files) } catch {
            if case .problems(let list) = error { problems += list }
        }
        // A paper without the network analysis offers its generic parts only.
        let hasDataset = files.exists(NetworksFile.path)
        for group in ValueGroup.allCases where hasDataset || group == .architecture {
            do {
                let table = try values(group, files)
                offers += table.order.compactMap { key in
                    table.byKey[key].map { Offer(kind: .value, name: key, summary: $0.summary) }
                }
            } catch {
                if case .problems(let list) = error { problems += list }
            }
        }
        if !problems.isEmpty { throw .problems(unique(problems)) }
        return offers.map(OptionHelp.described)
    }

    // MARK: Evaluation

    public func evaluate(_ request: Request, reading files: any PaperFiles) throws(NotebookError) -> Result {
        if let contribution = contribution(for: request) { return try evaluate(contribution, request, reading: files) }
        switch request.kind {
        case .value:
            if !request.arguments.isEmpty {
                throw .problem("value '\(request.name)' takes no argument")
            }
            let (key, spec) = splitFormatSpec(request.name)
            var value: Value
            do throws(NotebookError) {
                value = try self.value(named: key, files)
            } catch {
                // With a format spec the builder cannot suggest a near miss: say it here.
                if case .unknownName = error, spec != nil { throw .problem(unknownValueMessage(key)) }
                throw error
            }
            if let spec { value = try FormatSpec.parse(spec).apply(to: value) }
            return Result(.value(value))

        case .figure where request.name == AuthorOffers.chart:
            return try chart(request.options, files)

        case .table where request.name.hasSuffix(".csv"):
            return try authorTable(request.name, options: request.options, files)

        case .claim where ExpressionClaim.isExpression(([request.name] + request.arguments).joined(separator: " ")):
            return try checkExpression(([request.name] + request.arguments).joined(separator: " "), files)

        case .figure:
            if MeasuredFigures.offers.contains(where: { $0.name == request.name }) {
                return try measuredFigure(request, files)
            }
            guard FigureCatalog.offers.contains(where: { $0.name == request.name }) else {
                throw .unknownName(.figure, request.name)
            }
            let data = try loadDataset(files)
            let figure = try FigureCatalog.make(request.name, options: request.options, networks: data.networks,
                                                later: data.later)
            return Result(.figure(figure))

        case .table:
            switch request.name {
            case "networks":
                return Result(.table(try TableBook.networks(loadDataset(files), options: request.options)))
            case "layers":
                let id = request.arguments.first ?? ""
                return Result(.table(TableBook.layers(id, counts: try architectureCounts(id))))
            case "reproduction":
                let data = try loadDataset(files)
                return Result(.table(TableBook.reproduction(data, try loadOriginals(files))))
            case "published":
                let data = try loadDataset(files)
                return Result(.table(TableBook.published(data, try loadPublished(files), options: request.options)))
            default:
                throw .unknownName(.table, request.name)
            }

        case .claim:
            if MeasuredClaims.offers.contains(where: { $0.name == request.name }) {
                return try measuredClaim(request, files)
            }
            return Result(.claim(try ClaimBook.evaluate(request, loadDataset(files))))
        }
    }

    /// Names the author writes rather than picks from a list: values with a format
    /// spec or from a table's cell, expression claims, tables of CSV files.
    public func offer(for request: Request) -> Offer? {
        switch request.kind {
        case .value:
            let (key, spec) = splitFormatSpec(request.name)
            guard spec != nil || CellReference(key) != nil else { return nil }
            return Offer(kind: .value, name: request.name, summary: "a value with a format spec, or a table's cell")
        case .claim:
            guard ExpressionClaim.isExpression(([request.name] + request.arguments).joined(separator: " ")) else { return nil }
            return Offer(kind: .claim, name: request.name, summary: ExpressionClaim.offerSummary,
                         arguments: ["expression..."])
        case .table:
            guard request.name.hasSuffix(".csv") else { return nil }
            return Offer(kind: .table, name: request.name, summary: AuthorTable.summary,
                         options: AuthorTable.options.mapValues(\.values))
        case .figure:
            return nil
        }
    }

    // MARK: Loading

    /// A file's text through `files`, as a loading outcome.
    func read(_ path: String, _ files: any PaperFiles) -> Loaded<String> {
        do throws(NotebookError) {
            return .success(try files.text(path))
        } catch {
            if case .problems(let problems) = error { return .failure(problems) }
            return .failure([Problem(.error, "cannot read the file", file: path)])
        }
    }

    private func countAll() -> CountedArchitectures {
        // Counting cannot fail as a whole: a definition that does not fit is a problem
        // reported with the results that need it, and the others are still counted.
        guard case .success(let c) = counted.get({
            let result = architectures.countAll()
            return .success(CountedArchitectures(counts: result.counts, problems: result.problems))
        }) else { return CountedArchitectures(counts: [:], problems: []) }
        return c
    }

    func loadDataset(_ files: any PaperFiles) throws(NotebookError) -> Dataset {
        // Only the network analysis needs the dataset: say so at the directive that asked.
        guard files.exists(NetworksFile.path) else {
            throw .problem("this needs the network analysis's \(NetworksFile.path), which the paper folder does not have "
                           + "(a paper of its own can use charts, tables and values of its CSV files, and expression claims)")
        }
        return try dataset.get(files) { files in
            switch read(NetworksFile.path, files) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = NetworksFile.load(text, architectures: architectures, counted: countAll().pair)
                if let data = result.dataset { return .success(data) }
                return .failure(result.problems)
            }
        }.get()
    }

    func loadOriginals(_ files: any PaperFiles) throws(NotebookError) -> [OriginalFigure] {
        let data = try loadDataset(files)
        return try originals.get(files) { files in
            switch read(OriginalFiguresFile.path, files) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = OriginalFiguresFile.load(text, dataset: data)
                return result.figures.map { .success($0) } ?? .failure(result.problems)
            }
        }.get()
    }

    func loadPublished(_ files: any PaperFiles) throws(NotebookError) -> [PublishedCount] {
        let data = try loadDataset(files)
        return try publishedCounts.get(files) { files in
            switch read(PublishedCountsFile.path, files) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = PublishedCountsFile.load(text, dataset: data)
                return result.counts.map { .success($0) } ?? .failure(result.problems)
            }
        }.get()
    }

    /// One architecture's counts, for the layer table (no data file involved).
    private func architectureCounts(_ id: String) throws(NotebookError) -> NetworkCounts {
        let (counts, problems) = countAll().pair
        if let c = counts[id] { return c }
        if let problem = problems.first(where: { $0.message.hasPrefix("architecture \(id)/") || $0.message.hasPrefix("architecture \(id):") }) {
            throw .problems([problem])
        }
        var message = "no architecture is defined for '\(id)'"
        if id == "enet" {
            message += "; ENet's definition is not public (its counts are reported values): see 'enet-encoder'"
        } else if let near = nearest(id, in: architectures.ids) {
            message += "; did you mean '\(near)'?"
        }
        throw .problem(message)
    }

    // MARK: Values

    private func buildValues(_ group: ValueGroup, _ files: any PaperFiles) throws(NotebookError) -> [ValueEntry] {
        switch group {
        case .architecture:
            let counts = countAll().counts
            return ValueBook.architecture(counts, ids: architectures.ids.filter { architectures.comparisonOnly.contains($0) })
        case .dataset:
            return ValueBook.dataset(try loadDataset(files))
        case .reproduction:
            let data = try loadDataset(files)
            return ValueBook.reproduction(data, try loadOriginals(files), comparison: data.counts)
        case .published:
            return ValueBook.published(try loadDataset(files), try loadPublished(files))
        }
    }

    func values(_ group: ValueGroup, _ files: any PaperFiles) throws(NotebookError) -> ValueTable {
        guard let once = valueGroups[group] else { return ValueTable(order: [], byKey: [:]) }
        return try once.get(files) { files in
            do throws(NotebookError) {
                let entries = try buildValues(group, files)
                var byKey: [String: ValueEntry] = [:]
                var order: [String] = []
                for e in entries where byKey[e.key] == nil { byKey[e.key] = e; order.append(e.key) }
                return .success(ValueTable(order: order, byKey: byKey))
            } catch {
                if case .problems(let p) = error { return .failure(p) }
                return .failure([Problem(.error, "unexpected: \(error)")])
            }
        }.get()
    }

    private func unique(_ problems: [Problem]) -> [Problem] {
        var seen: [Problem] = []
        for p in problems where !seen.contains(p) { seen.append(p) }
        return seen
    }
}

struct CountedArchitectures: Sendable {
    var counts: [String: NetworkCounts]
    var problems: [Problem]
    var pair: (counts: [String: NetworkCounts], problems: [Problem]) { (counts, problems) }
}

struct ValueTable: Sendable {
    var order: [String]
    var byKey: [String: ValueEntry]
}
