import Foundation
import Testing
@testable import Analysis
import NotebookInterface

@Suite struct NotebookTests {
    @Test func everyOfferedValueEvaluatesWithTheInputsOfItsGroup() throws {
        let notebook = try Fixture.notebook()
        let values = try notebook.offers().filter { $0.kind == .value }
        #expect(values.count > 100)
        for offer in values {
            #expect(!offer.summary.isEmpty)
            let (result, read) = try notebook.evaluateReading(Request(kind: .value, name: offer.name))
            guard case .value(let value) = result.output else { Issue.record("\(offer.name) is not a value"); continue }
            #expect(!value.raw.isEmpty && !value.text.isEmpty, "\(offer.name)")
            let expected: Set<String>
            switch offer.name.prefix(while: { $0 != "." }) {
            case "arch": expected = []
            case "repro": expected = ["data/networks.csv", "data/original-figures.csv"]
            case "published": expected = ["data/networks.csv", "data/published-counts.csv"]
            default: expected = ["data/networks.csv"]
            }
            #expect(read == expected, "\(offer.name)")
        }
    }

    @Test func networkValuesAreRawAndFormatted() throws {
        let notebook = try Fixture.notebook()
        func value(_ key: String) throws -> Value {
            guard case .value(let v) = try notebook.evaluate(Request(kind: .value, name: key)).output else {
                throw NotebookError.problem("not a value")
            }
            return v
        }
        #expect(try value("network.vgg-16.params") == Value(raw: "138357544", text: "138.36\u{a0}M", number: 138.357544, unit: "M"))
        #expect(try value("network.vgg-16.gops") == Value(raw: "30.97", text: "30.97\u{a0}G-Ops", number: 30.97, unit: "G-Ops"))
        #expect(try value("network.vgg-16.top1") == Value(raw: "70.62", text: "70.62\u{a0}%", number: 70.62, unit: "%"))
        #expect(try value("network.vgg-16.macs").raw == "15485000000")
        #expect(try value("network.vgg-16.ops").raw == "30970000000")
        #expect(try value("network.enet.source") == Value(raw: "reported", text: "reported"))
        #expect(try value("network.vgg-16.source").raw == "derived")
        #expect(try value("network.shufflenet-v1.gops").text == "0.280\u{a0}G-Ops")
        #expect(try value("network.mobilenet-v1.gops-profiler").raw == "5.5")
        #expect(try value("network.squeezenet-1.0.density").text == "46.06\u{a0}%/M")
        #expect(try value("count.networks").raw == "19")
        #expect(try value("count.original").raw == "14")
        #expect(try value("count.2018").raw == "5")
        #expect(try value("density.leader.2018").text == "SqueezeNet")
        #expect(try value("density.leaders.original").raw == "enet,googlenet,bn-nin,resnet-18")
        #expect(try value("repro.vgg-16.params-diff").text == "±0.0\u{a0}%")
        #expect(try value("repro.alexnet.gops-diff").text == "\u{2212}50.0\u{a0}%")
        #expect(try value("repro.alexnet.gops-profiler-diff").text == "±0.0\u{a0}%")
        #expect(try value("published.mobilenet-v1.mult-adds") == Value(raw: "569000000", text: "569\u{a0}M", number: 569, unit: "M"))
        #expect(try value("published.mobilenet-v1.params-source").raw == "MNP")
        #expect(try value("published.squeezenet-1.0.tv.mult-adds").raw == "820000000")
        #expect(try value("arch.enet-encoder.params").raw == "360000")
        // Reported networks have no MAC count to quote.
        #expect(throws: NotebookError.unknownName(.value, "network.enet.macs")) {
            try notebook.evaluate(Request(kind: .value, name: "network.enet.macs"))
        }
    }

    /// The facts the abstract and text quote (issue 14): counted, and reconciling with the
    /// rounded numbers printed beside them.
    @Test func quotedFactsCountOnlyRecomputedNetworksAndReconcileWithTheirRoundedOperands() throws {
        let notebook = try Fixture.notebook()
        func value(_ key: String) throws -> Value {
            guard case .value(let v) = try notebook.evaluate(Request(kind: .value, name: key)).output else {
                throw NotebookError.problem("not a value")
            }
            return v
        }
        func number(_ text: String) -> Double {
            Double(text.replacingOccurrences(of: "\u{2212}", with: "-").prefix { "+-0123456789.".contains($0) }) ?? .nan
        }
        // ENet's values are copied from the original, so they cannot count as recovered.
        let ids = ["alexnet", "bn-alexnet", "bn-nin", "enet", "googlenet", "resnet-18", "vgg-16", "vgg-19", "resnet-34",
                   "resnet-50", "resnet-101", "resnet-152", "inception-v3", "inception-v4"]
        let derived = try ids.filter { try value("network.\($0).source").raw == "derived" }
        #expect(derived.count == 13 && !derived.contains("enet"))
        #expect(try value("repro.count.derived").raw == "13")
        let paramsClose = try derived.filter { abs(Double(try value("repro.\($0).params-diff").raw)!) < 1 }.count
        let profilerClose = try derived.filter { abs(Double(try value("repro.\($0).gops-profiler-diff").raw)!) < 1 }.count
        #expect(try value("repro.params-within-1pct").raw == String(paramsClose))
        #expect(try value("repro.gops-profiler-within-1pct").raw == String(profilerClose))
        // A ratio printed beside its operands is their quotient as printed.
        let before = number(try value("pareto.gain-before").text), after = number(try value("pareto.gain-after").text)
        #expect(try value("pareto.gain-ratio").text == String(format: "%.2f", before / after) + "×")
        let gops = number(try value("network.mobilenet-v1.gops").text)
        let profiler = number(try value("network.mobilenet-v1.gops-profiler").text)
        #expect(try value("network.mobilenet-v1.profiler-over-groups").text == String(format: "%.2f", profiler / gops) + "×")
        // Gains, not levels: ResNet-34 over ResNet-18, in points and G-Ops.
        let step = try value("network.resnet-34.top1-step")
        #expect(step.text == String(format: "+%.2f", 73.27 - 69.57) + "\u{a0}points")
        #expect(try value("network.resnet-34.previous").text == "ResNet-18")
        #expect(throws: NotebookError.self) { try value("network.resnet-18.top1-step") }   // the first of its family
        // Every digit of the MACs, to set beside a published "569 M": the difference printed
        // with it is the reader's own division, rounded.
        let macs = try value("network.mobilenet-v1.macs-exact")
        #expect(macs.text == macs.raw.reversed().enumerated().map { i, c in i > 0 && i % 3 == 0 ? "\(c)\u{2009}" : "\(c)" }.reversed().joined())
        let published = Double(try value("published.mobilenet-v1.mult-adds").raw)!
        #expect(try value("published.mobilenet-v1.mult-adds-diff").text ==
                Value.difference((Double(macs.raw)! - published) / published * 100).text)
    }

    /// What each result reads is recorded by the reader it is handed, even when an
    /// earlier request already loaded the data: a loaded value replays its reads.
    @Test func everyResultReadsThroughItsReader() throws {
        let notebook = try Fixture.notebook()
        let expected: [String: Set<String>] = ["networks": ["data/networks.csv"], "layers": [],
                                               "reproduction": ["data/networks.csv", "data/original-figures.csv"],
                                               "published": ["data/networks.csv", "data/published-counts.csv"]]
        for round in 1...2 {   // the second round finds everything loaded
            // Measured figures read the measurements too (MeasuredTests); this paper has none.
            for offer in try notebook.offers() where (offer.kind == .figure || offer.kind == .table)
                && !offer.name.hasPrefix("measured-") {
                let arguments = offer.arguments.isEmpty ? [] : ["vgg-16"]
                // The author's chart reads what its :data: names.
                let options = offer.name == "chart" ? ["data": "networks", "x": "gops", "y": "top1"] : [:]
                let (_, read) = try notebook.evaluateReading(Request(kind: offer.kind, name: offer.name, arguments: arguments, options: options))
                #expect(read == (offer.kind == .figure ? ["data/networks.csv"] : expected[offer.name]), "\(offer.name), round \(round)")
            }
        }
        let value = ReadLog(FolderFiles(notebook.paperDirectory))
        _ = try notebook.evaluate(Request(kind: .value, name: "count.networks"), reading: value)
        #expect(value.log == [.exists("data/networks.csv"), .read("data/networks.csv")])
    }

    @Test func unknownNamesAreUnknownNames() throws {
        let notebook = try Fixture.notebook()
        for (kind, name) in [(OfferKind.value, "network.vgg-17.params"), (.value, "nothing"), (.table, "netwerks"),
                             (.claim, "density-leeders"), (.figure, "no-such-figure")] {
            #expect(throws: NotebookError.unknownName(kind, name)) {
                try notebook.evaluate(Request(kind: kind, name: name))
            }
        }
    }

    /// Arguments the notebook cannot answer (the builder has already checked their number
    /// and the options against the offers).
    @Test func badArgumentsAreProblems() throws {
        let notebook = try Fixture.notebook()
        for request in [Request(kind: .table, name: "layers", arguments: ["resnet-51"]),
                        Request(kind: .table, name: "layers", arguments: ["enet"]),
                        Request(kind: .claim, name: "density-leader-2018", arguments: ["vgg-16"]),
                        Request(kind: .claim, name: "density-leader-2018", arguments: ["squeezenet"])] {
            do {
                _ = try notebook.evaluate(request)
                Issue.record("\(request) should fail")
            } catch {
                guard case .problems(let problems) = error else { Issue.record("\(request): \(error)"); continue }
                #expect(problems.count >= 1)
                #expect(problems.allSatisfy { $0.severity == .error && $0.file == nil })
            }
        }
        do {
            _ = try notebook.evaluate(Request(kind: .table, name: "layers", arguments: ["resnet-51"]))
        } catch {
            #expect(error == .problem("no architecture is defined for 'resnet-51'; did you mean 'resnet-50'?"))
        }
    }

    @Test func invalidDataFailsEveryResultThatReadsIt() throws {
        let notebook = try Fixture.notebook(networks: Fixture.networks(setting: "top1", of: "vgg-16", to: "seventy"))
        for request in [Request(kind: .value, name: "count.networks"), Request(kind: .table, name: "networks"),
                        Request(kind: .claim, name: "density-leaders")] {
            #expect(throws: NotebookError.problems([Problem(.error, "'top1' is 'seventy'; expected a number such as 70.62",
                                                            file: "data/networks.csv", line: 7, column: 27)])) {
                try notebook.evaluate(request)
            }
        }
        // Results that read no data still work.
        #expect(try notebook.evaluateReading(Request(kind: .table, name: "layers", arguments: ["vgg-16"])).read == [])
        #expect(throws: NotebookError.self) { try notebook.offers() }
    }

    @Test func missingFileIsAProblemNamingIt() throws {
        let dir = try Fixture.paper()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("data/published-counts.csv"))
        let notebook = AnalysisNotebook(paperDirectory: dir, fingerprint: "t", architectures: Fixture.architectures())
        #expect(throws: NotebookError.problems([Problem(.error, "file not found", file: "data/published-counts.csv")])) {
            try notebook.evaluate(Request(kind: .table, name: "published"))
        }
        #expect(try notebook.evaluateReading(Request(kind: .table, name: "reproduction")).read
                == ["data/networks.csv", "data/original-figures.csv"])
    }

    @Test func dataFilesMustLieInsideThePaperFolder() throws {
        let dir = try Fixture.paper()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).csv")
        try Fixture.networksCSV.write(to: outside, atomically: true, encoding: .utf8)
        let link = dir.appendingPathComponent("data/networks.csv")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        let notebook = AnalysisNotebook(paperDirectory: dir, fingerprint: "t", architectures: Fixture.architectures())
        do {
            _ = try notebook.evaluate(Request(kind: .value, name: "count.networks"))
            Issue.record("a data file outside the paper folder was read")
        } catch {
            guard case .problems(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.count == 1)
            #expect(problems.first?.file == "data/networks.csv")
            #expect(problems.first?.message.contains("outside the paper folder") == true)
        }
    }

    @Test func nothingIsLoadedBeforeItIsNeeded() throws {
        let calls = Counter()
        let notebook = AnalysisNotebook(paperDirectory: URL(fileURLWithPath: "/nonexistent"), fingerprint: "f",
                                        architectures: Fixture.architectures(calls: calls))
        #expect(notebook.fingerprint == "f")
        #expect(calls.count == 0)
    }

    @Test func concurrentEvaluationsLoadOnce() async throws {
        let calls = Counter()
        let notebook = try Fixture.notebook(calls: calls)
        let names = ["count.networks", "network.vgg-16.params", "repro.vgg-16.params-diff", "density.leader",
                     "published.xception.params-diff", "pareto.members"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<64 {
                let name = names[i % names.count]
                group.addTask { _ = try notebook.evaluate(Request(kind: .value, name: name)) }
                group.addTask { _ = try notebook.evaluate(Request(kind: .table, name: "networks")) }
            }
            try await group.waitForAll()
        }
        // Every architecture counted exactly once, however many directives asked.
        #expect(calls.count == Fixture.sizes.count)
    }

    @Test func offersIncludeTablesClaimsAndValuesWithSummaries() throws {
        let offers = try Fixture.notebook().offers()
        let names = Set(offers.map { "\($0.kind.rawValue) \($0.name)" })
        for expected in ["table networks", "table layers", "table reproduction", "table published",
                         "claim density-leaders", "claim least-efficient", "claim accuracy-saturates",
                         "claim density-leader-2018", "value network.resnet-50.params", "value count.networks"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(offers.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
        #expect(offers.first { $0.name == "layers" }?.arguments == ["network-id"])
        #expect(Set(offers.map { "\($0.kind) \($0.name)" }).count == offers.count)
    }
}
