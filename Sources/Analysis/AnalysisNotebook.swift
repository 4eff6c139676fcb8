// The paper's notebook: answers the builder's directives from the data under the paper
// folder and the architectures in code. Everything is loaded lazily and once; each
// result lists exactly the data files it was computed from, so that the builder's cache
// re-runs it when (and only when) one of them changes.

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
    let measuredMemo = MeasuredMemo()
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

    public func offers() throws(NotebookError) -> [Offer] {
        var offers = FigureCatalog.offers + TableBook.offers + ClaimBook.offers + AuthorOffers.offers
            + MeasuredFigures.offers + MeasuredClaims.offers
        var problems: [Problem] = []
        do { offers += try measuredValueOffers() } catch {
            if case .problems(let list) = error { problems += list }
        }
        // A paper without the network analysis offers its generic parts only.
        let hasDataset = FileManager.default.fileExists(atPath: paperDirectory.appendingPathComponent(NetworksFile.path).path)
        for group in ValueGroup.allCases where hasDataset || group == .architecture {
            do {
                let table = try values(group)
                offers += table.order.compactMap { key in
                    table.byKey[key].map { Offer(kind: .value, name: key, summary: $0.summary) }
                }
            } catch {
                if case .problems(let list) = error { problems += list }
            }
        }
        if !problems.isEmpty { throw .problems(unique(problems)) }
        return offers
    }

    // MARK: Evaluation

    public func evaluate(_ request: Request) throws(NotebookError) -> Result {
        switch request.kind {
        case .value:
            if !request.arguments.isEmpty {
                throw .problem("value '\(request.name)' takes no argument")
            }
            let (key, spec) = splitFormatSpec(request.name)
            var (value, inputs): (Value, [String])
            do throws(NotebookError) {
                (value, inputs) = try self.value(named: key)
            } catch {
                // With a format spec the builder cannot suggest a near miss: say it here.
                if case .unknownName = error, spec != nil { throw .problem(unknownValueMessage(key)) }
                throw error
            }
            if let spec { value = try FormatSpec.parse(spec).apply(to: value) }
            return Result(.value(value), inputs: inputs)

        case .figure where request.name == AuthorOffers.chart:
            return try chart(request.options)

        case .table where request.name.hasSuffix(".csv"):
            return try authorTable(request.name, options: request.options)

        case .claim where ExpressionClaim.isExpression(([request.name] + request.arguments).joined(separator: " ")):
            return try checkExpression(([request.name] + request.arguments).joined(separator: " "))

        case .figure:
            if MeasuredFigures.offers.contains(where: { $0.name == request.name }) {
                return try measuredFigure(request)
            }
            guard FigureCatalog.offers.contains(where: { $0.name == request.name }) else {
                throw .unknownName(.figure, request.name)
            }
            let data = try loadDataset()
            let figure = try FigureCatalog.make(request.name, options: request.options, networks: data.networks,
                                                later: data.later)
            return Result(.figure(figure), inputs: [NetworksFile.path])

        case .table:
            switch request.name {
            case "networks":
                return Result(.table(try TableBook.networks(loadDataset(), options: request.options)),
                              inputs: [NetworksFile.path])
            case "layers":
                let id = request.arguments.first ?? ""
                return Result(.table(TableBook.layers(id, counts: try architectureCounts(id))), inputs: [])
            case "reproduction":
                let data = try loadDataset()
                return Result(.table(TableBook.reproduction(data, try loadOriginals())),
                              inputs: [NetworksFile.path, OriginalFiguresFile.path])
            case "published":
                let data = try loadDataset()
                return Result(.table(TableBook.published(data, try loadPublished(), options: request.options)),
                              inputs: [NetworksFile.path, PublishedCountsFile.path])
            default:
                throw .unknownName(.table, request.name)
            }

        case .claim:
            if MeasuredClaims.offers.contains(where: { $0.name == request.name }) {
                return try measuredClaim(request)
            }
            return Result(.claim(try ClaimBook.evaluate(request, loadDataset())), inputs: [NetworksFile.path])
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

    func read(_ path: String) -> Loaded<String> {
        let url = paperDirectory.appendingPathComponent(path)
        // A data file must really live in the paper folder: a link pointing elsewhere
        // would make the build depend on a file the cache and the reader never see.
        let folder = paperDirectory.resolvingSymlinksInPath().standardizedFileURL.path
        let target = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            return .failure([Problem(.error, "the file resolves to '\(target)', outside the paper folder", file: path)])
        }
        do {
            return .success(try String(contentsOf: url, encoding: .utf8))
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            return .failure([Problem(.error, exists ? "cannot read the file as UTF-8 text" : "file not found", file: path)])
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

    func loadDataset() throws(NotebookError) -> Dataset {
        // Only the network analysis needs the dataset: say so at the directive that asked.
        guard FileManager.default.fileExists(atPath: paperDirectory.appendingPathComponent(NetworksFile.path).path) else {
            throw .problem("this needs the network analysis's \(NetworksFile.path), which the paper folder does not have "
                           + "(a paper of its own can use charts, tables and values of its CSV files, and expression claims)")
        }
        return try dataset.get {
            switch read(NetworksFile.path) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = NetworksFile.load(text, architectures: architectures, counted: countAll().pair)
                if let data = result.dataset { return .success(data) }
                return .failure(result.problems)
            }
        }.get()
    }

    func loadOriginals() throws(NotebookError) -> [OriginalFigure] {
        let data = try loadDataset()
        return try originals.get {
            switch read(OriginalFiguresFile.path) {
            case .failure(let problems): return .failure(problems)
            case .success(let text):
                let result = OriginalFiguresFile.load(text, dataset: data)
                return result.figures.map { .success($0) } ?? .failure(result.problems)
            }
        }.get()
    }

    func loadPublished() throws(NotebookError) -> [PublishedCount] {
        let data = try loadDataset()
        return try publishedCounts.get {
            switch read(PublishedCountsFile.path) {
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

    private func buildValues(_ group: ValueGroup) throws(NotebookError) -> [ValueEntry] {
        switch group {
        case .architecture:
            let counts = countAll().counts
            return ValueBook.architecture(counts, ids: architectures.ids.filter { architectures.comparisonOnly.contains($0) })
        case .dataset:
            return ValueBook.dataset(try loadDataset())
        case .reproduction:
            let data = try loadDataset()
            return ValueBook.reproduction(data, try loadOriginals(), comparison: data.counts)
        case .published:
            return ValueBook.published(try loadDataset(), try loadPublished())
        }
    }

    func values(_ group: ValueGroup) throws(NotebookError) -> ValueTable {
        guard let once = valueGroups[group] else { return ValueTable(order: [], byKey: [:]) }
        return try once.get {
            do throws(NotebookError) {
                let entries = try buildValues(group)
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
