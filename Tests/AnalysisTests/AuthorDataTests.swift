// The author's own data: CSV cells as values, expression claims, declarative charts,
// CSV tables, and a paper folder without the network analysis.

import Foundation
import Testing
@testable import Analysis
import NotebookInterface

struct AuthorDataTests {
    static let timings = """
        run,algorithm,n,ms
        i1,insertion,100,0.05
        i3,insertion,10000,410
        q1,quicksort,100,0.01
        q3,quicksort,10000,1.5

        """

    /// A paper folder with only data/timings.csv (no networks.csv).
    func ownPaper(_ files: [String: String] = ["data/timings.csv": timings]) throws -> AnalysisNotebook {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("own-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return AnalysisNotebook(paperDirectory: dir, fingerprint: "test", architectures: Fixture.architectures())
    }

    func value(_ notebook: AnalysisNotebook, _ key: String) throws -> (Value, [String]) {
        let (result, read) = try notebook.evaluateReading(Request(kind: .value, name: key))
        guard case .value(let v) = result.output else { throw NotebookError.problem("not a value") }
        return (v, read.sorted())
    }

    func problems(_ body: () throws -> Void) -> [Problem] {
        do { try body(); return [] } catch let error as NotebookError {
            if case .problems(let p) = error { return p }
            return [Problem(.error, "\(error)")]
        } catch {
            return [Problem(.error, "\(error)")]
        }
    }

    @Test func csvCellsAreValuesWithFormats() throws {
        let notebook = try ownPaper()
        let (ms, inputs) = try value(notebook, "data/timings.csv[q3].ms")
        #expect(ms == Value(raw: "1.5", text: "1.5", number: 1.5, unit: ""))
        #expect(inputs == ["data/timings.csv"])
        #expect(try value(notebook, "data/timings.csv[i3].ms:.1f").0.text == "410.0")
        #expect(try value(notebook, "data/timings.csv[i3].n:,d").0.text == "10\u{2009}000")
        #expect(try value(notebook, "data/timings.csv[q1].algorithm").0.text == "quicksort")
        #expect(notebook.offer(for: Request(kind: .value, name: "data/timings.csv[q3].ms")) != nil)
        #expect(notebook.offer(for: Request(kind: .value, name: "count.networks")) == nil)

        let wrongColumn = problems { _ = try notebook.evaluate(Request(kind: .value, name: "data/timings.csv[q3].time")) }
        #expect(wrongColumn.first?.message.contains("no column 'time'") == true)
        #expect(wrongColumn.first?.message.contains("columns: run, algorithm, n, ms") == true)
        let wrongRow = problems { _ = try notebook.evaluate(Request(kind: .value, name: "data/timings.csv[q33].ms")) }
        #expect(wrongRow.first?.message.contains("did you mean 'q3'") == true)
        let missing = problems { _ = try notebook.evaluate(Request(kind: .value, name: "data/other.csv[a].b")) }
        #expect(missing.first?.message == "no file 'data/other.csv' in the paper folder")
        let outside = problems { _ = try notebook.evaluate(Request(kind: .value, name: "../x.csv[a].b")) }
        #expect(outside.first?.message.contains("inside the paper folder") == true)
        let badSpec = problems { _ = try notebook.evaluate(Request(kind: .value, name: "data/timings.csv[q3].ms:.2q")) }
        #expect(badSpec.first?.message.contains("unknown type 'q'") == true)
    }

    @Test func expressionClaimsCheckAndShowTheirOperands() throws {
        let notebook = try ownPaper()
        let text = "data/timings.csv[q3].ms * 100 < data/timings.csv[i3].ms"
        let words = text.split(separator: " ").map(String.init)
        let request = Request(kind: .claim, name: words[0], arguments: Array(words.dropFirst()))
        #expect(notebook.offer(for: request)?.arguments == ["expression..."])
        let (result, read) = try notebook.evaluateReading(request)
        guard case .claim(let claim) = result.output else { Issue.record("not a claim"); return }
        #expect(claim.holds)
        #expect(claim.statement == "\(text) (150 < 410), where data/timings.csv[q3].ms = 1.5 and data/timings.csv[i3].ms = 410")
        #expect(claim.evidence.first == "\(text): 150 < 410 ✓")
        #expect(read == ["data/timings.csv"])

        func verdict(_ text: String) throws -> Claim {
            let words = text.split(separator: " ").map(String.init)
            guard case .claim(let c) = try notebook.evaluate(Request(kind: .claim, name: words[0], arguments: Array(words.dropFirst()))).output
            else { throw NotebookError.problem("not a claim") }
            return c
        }
        #expect(try verdict("data/timings.csv[q3].ms > data/timings.csv[i3].ms").holds == false)
        #expect(try verdict("data/timings.csv[q1].algorithm == \"quicksort\"").holds)
        let unknown = problems { _ = try notebook.evaluate(Request(kind: .claim, name: "data/timings.csv[q3].mss", arguments: [">", "1"])) }
        #expect(unknown.first?.message.contains("no column 'mss'; did you mean 'ms'?") == true)
        let notACheck = problems { _ = try notebook.evaluate(Request(kind: .claim, name: "1", arguments: ["and", "2"])) }
        #expect(notACheck.first?.message.contains("joins checks") == true)
        let syntax = problems { _ = try notebook.evaluate(Request(kind: .claim, name: "1", arguments: ["<", "<", "2"])) }
        #expect(syntax.first?.message.contains("at column 5") == true)
    }

    @Test func networkValuesInExpressionsUseTheNumberAsShown() throws {
        let notebook = try Fixture.notebook()
        guard case .claim(let c) = try notebook.evaluate(Request(kind: .claim, name: "network.vgg-16.params", arguments: [">", "100"])).output
        else { Issue.record("not a claim"); return }
        #expect(c.holds)
        #expect(c.evidence.first == "network.vgg-16.params > 100: 138.36\u{a0}M > 100 ✓")
        let typo = problems { _ = try notebook.evaluate(Request(kind: .claim, name: "network.vgg-17.params", arguments: [">", "1"])) }
        #expect(typo.first?.message.contains("did you mean 'network.vgg-16.params'") == true)
    }

    @Test func namedClaimsSayWhatTheyCheckedAndWhatTheSentenceMustName() throws {
        let notebook = try Fixture.notebook()
        guard case .claim(let leaders) = try notebook.evaluate(Request(kind: .claim, name: "density-leaders")).output else { return }
        #expect(leaders.holds)
        #expect(leaders.statement?.hasPrefix("the four densest of the 2016 networks are ") == true)
        #expect(Set(leaders.mentions) == ["ResNet-18", "BN-NIN", "GoogLeNet", "ENet"])
        // Naming other networks: the check follows the arguments, and fails.
        guard case .claim(let wrong) = try notebook.evaluate(Request(kind: .claim, name: "density-leaders",
                                                                     arguments: ["vgg-16", "bn-nin", "googlenet", "enet"])).output else { return }
        #expect(!wrong.holds)
        #expect(wrong.mentions.contains("VGG-16"))
        #expect(wrong.statement?.contains(", not VGG-16, BN-NIN, GoogLeNet and ENet") == true)
        let typo = problems { _ = try notebook.evaluate(Request(kind: .claim, name: "density-leaders", arguments: ["vgg-61"])) }
        #expect(typo.first?.message.contains("did you mean 'vgg-16'") == true)
        guard case .claim(let least) = try notebook.evaluate(Request(kind: .claim, name: "least-efficient", arguments: ["VGG"])).output else { return }
        #expect(least.mentions == ["VGG"])
        #expect(least.statement?.hasPrefix("the VGG networks are the least dense of all networks") == true)
    }

    @Test func chartsCheckEveryColumnAtItsOption() throws {
        let notebook = try ownPaper()
        func chart(_ options: [String: String]) throws -> Figure {
            guard case .figure(let f) = try notebook.evaluate(Request(kind: .figure, name: "chart", options: options)).output else {
                throw NotebookError.problem("not a figure")
            }
            return f
        }
        let f = try chart(["data": "data/timings.csv", "mark": "line", "x": "n", "y": "ms", "color": "algorithm",
                           "x-scale": "log", "y-scale": "log", "filter": "n >= 100", "aspect": "2:1", "plot-width": "600"])
        #expect(f.chart.width == 600 && f.chart.height == 300)
        // One line (and its points) per algorithm, each in its own palette colour.
        #expect(f.chart.layers.count == 4)
        #expect(f.chart.layers[0].data.map(\.y) == [0.05, 410])
        #expect(f.chart.layers[0].data[0].color != f.chart.layers[2].data[0].color)
        #expect(f.data.columns == ["run", "n", "ms", "algorithm"])

        let bad = problems { _ = try chart(["data": "data/timings.csv", "x": "N", "y": "time", "labels": "algoritm"]) }
        #expect(bad.map { $0.option } == ["x", "y", "labels"])
        #expect(bad[0].message.contains("did you mean 'n'?"))
        #expect(bad[2].message.contains("did you mean 'algorithm'?"))
        let missing = problems { _ = try chart(["data": "data/timings.csv", "x": "n"]) }
        #expect(missing.first?.message.contains("needs ':y:'") == true)
        let log = problems { _ = try chart(["data": "data/timings.csv", "x": "n", "y": "ms", "filter": "ms < 0 or ms > 0", "y-scale": "log", "sort": "ms"]) }
        #expect(log.isEmpty)
        let text = problems { _ = try chart(["data": "data/timings.csv", "x": "algorithm", "y": "ms"]) }
        #expect(text.first?.message.contains("is 'insertion', not a number") == true)
        let filter = problems { _ = try chart(["data": "data/timings.csv", "x": "n", "y": "ms", "filter": "speed > 1"]) }
        #expect(filter.first?.option == "filter")
        let sorted = try chart(["data": "data/timings.csv", "mark": "bar", "x": "run", "y": "ms", "sort": "ms desc"])
        #expect(sorted.chart.layers[0].data.map(\.category) == ["i3", "q3", "i1", "q1"])
        let none = problems { _ = try chart(["data": "data/timings.csv", "x": "n", "y": "ms", "filter": "n > 1e9"]) }
        #expect(none.first?.message.contains("no row to draw") == true)
        let source = problems { _ = try chart(["data": "netwerks", "x": "n", "y": "ms"]) }
        #expect(source.first?.message.contains("did you mean 'networks'") == true)
    }

    @Test func networksKeepFamilyColoursAndAuthorColumns() throws {
        let csv = Fixture.networksCSV.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
            line.isEmpty ? "" : line + (i == 0 ? ",latency_ms" : ",\(i)")
        }.joined(separator: "\n")
        let notebook = try Fixture.notebook(networks: csv)
        #expect(try notebook.offers().contains { $0.name == "network.vgg-16.params" })
        let frame = try notebook.networksFrame(FolderFiles(notebook.paperDirectory))
        #expect(frame.columns.contains("latency_ms") && frame.columns.contains("gops"))
        let (result, read) = try notebook.evaluateReading(Request(kind: .figure, name: "chart", options: [
            "data": "networks", "x": "gops", "y": "latency_ms", "color": "family", "filter": "id in [vgg-16, vgg-19, resnet-50]"]))
        guard case .figure(let f) = result.output else { return }
        let colours = networkColors(try notebook.loadDataset(FolderFiles(notebook.paperDirectory)).networks)
        #expect(f.chart.layers[0].data.map(\.color.hex) == ["vgg-16", "vgg-19", "resnet-50"].map { colours[$0]! })
        #expect(read == ["data/networks.csv"])
        // A near miss of a known column is still the typo it likely is.
        let typo = Fixture.networksCSV.replacingOccurrences(of: "top5", with: "top_5")
        #expect(throws: NotebookError.self) { try Fixture.notebook(networks: typo).evaluate(Request(kind: .table, name: "networks")) }
    }

    @Test func authorTablesChooseFormatFilterAndSort() throws {
        let notebook = try ownPaper()
        let result = try notebook.evaluate(Request(kind: .table, name: "data/timings.csv", options: [
            "columns": "algorithm as Algorithm, n, ms as Time [ms]", "format": "ms=.2f n=,d", "filter": "n >= 1000", "sort": "ms desc"]))
        guard case .table(let t) = result.output else { Issue.record("not a table"); return }
        #expect(t.columns.map(\.title) == ["Algorithm", "n", "Time [ms]"])
        #expect(t.columns.map(\.numeric) == [false, true, true])
        #expect(t.rows.map { $0.map(\.text) } == [["insertion", "10\u{2009}000", "410.00"], ["quicksort", "10\u{2009}000", "1.50"]])
        #expect(t.data.columns == ["algorithm", "n", "ms"])
        let bad = problems { _ = try notebook.evaluate(Request(kind: .table, name: "data/timings.csv", options: ["columns": "algo", "format": "ms:.1f"])) }
        #expect(bad.map { $0.option } == ["columns", "format"])
    }

    @Test func aPaperWithoutTheNetworkAnalysis() throws {
        let notebook = try ownPaper()
        let offers = try notebook.offers()
        #expect(offers.contains { $0.name == "chart" })
        #expect(!offers.contains { $0.kind == .value && $0.name.hasPrefix("network.") })
        let needs = problems { _ = try notebook.evaluate(Request(kind: .figure, name: "top1-vs-operations")) }
        #expect(needs.first?.message.contains("needs the network analysis's data/networks.csv") == true)
        #expect(needs.first?.file == nil)
    }
}

struct OptionHelpTests {
    @Test func everyOptionOfEveryOfferIsDescribed() throws {
        let notebook = AnalysisNotebook(paperDirectory: URL(fileURLWithPath: Fixture.repositoryPaper), fingerprint: "test")
        for offer in try notebook.offers() {
            for key in offer.options.keys {
                #expect(offer.optionSummaries[key]?.isEmpty == false, "\(offer.kind.rawValue) \(offer.name) :\(key):")
            }
        }
    }
}
