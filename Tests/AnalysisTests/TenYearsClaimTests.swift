import Foundation
import Testing
@testable import Analysis
import NotebookInterface

/// The claims of the "Ten years later" page hold (or fail, where the page expects it) on
/// the repository's data, and turn when one accuracy is edited.
@Suite struct TenYearsClaimTests {
    func claim(_ name: String, options: [String: String] = [:], networks: String? = nil) throws -> Claim {
        let notebook = try Fixture.notebook(networks: networks)
        let result = try notebook.evaluate(Request(kind: .claim, name: name, arguments: [], options: options))
        guard case .claim(let c) = result.output else { throw NotebookError.problem("not a claim") }
        return c
    }

    @Test func every2016NetworkIsDominatedUntilInceptionV4OutrunsThemAll() throws {
        let holds = try claim("original-dominated")
        #expect(holds.holds, "\(holds.evidence)")
        #expect(holds.evidence.count == 14)
        #expect(holds.evidence.contains { $0.hasPrefix("Inception-v4 (80.10\u{a0}%") && $0.contains("← EfficientNet-B4") })
        #expect(try claim("original-dominated", options: ["cost": "parameters"]).holds)

        let edited = Fixture.networks(setting: "top1", of: "inception-v4", to: "90")
        let fails = try claim("original-dominated", networks: edited)
        #expect(!fails.holds)
        #expect(fails.evidence.contains { $0.hasPrefix("Inception-v4 (90") && $0.hasSuffix("no later network is as accurate for less") })
    }

    @Test func frontierRenewedUntilA2016NetworkIsCheapAndAccurate() throws {
        let holds = try claim("frontier-renewed")
        #expect(holds.holds)
        #expect(holds.statement?.contains("MobileNetV3-Small") == true)
        let edited = Fixture.networks(setting: "top1", of: "alexnet", to: "99")
        #expect(!(try claim("frontier-renewed", networks: edited)).holds)
    }

    @Test func densestQuarterIsTheSmallestUntilSqueezeNetLosesAccuracy() throws {
        let holds = try claim("density-led-by-smallest")
        #expect(holds.holds, "\(holds.evidence)")
        #expect(holds.evidence[0].hasPrefix("densest 9 of 37: SqueezeNet"))
        let edited = Fixture.networks(setting: "top1", of: "squeezenet-1.0", to: "5")
        let fails = try claim("density-led-by-smallest", networks: edited)
        #expect(!fails.holds)
        #expect(fails.evidence.contains { $0.hasSuffix("is among the densest but not the smallest") })
    }

    @Test func accuracyPerGopRoseAtTheBestButNotAtTheMedian() throws {
        let best = try claim("accuracy-per-gop-rose")
        #expect(best.holds, "\(best.evidence)")
        #expect(best.evidence[1].hasPrefix("best added later: MobileNetV3-Small"))
        #expect(!(try claim("accuracy-per-gop-rose", options: ["measure": "median"])).holds)
    }

    @Test func accuracyPerGopRatioIsComputedFromBothEras() {
        func net(_ id: String, _ top1: Double, _ gops: Double, _ era: NetworkSummary.Era) -> NetworkSummary {
            NetworkSummary(id: id, name: id, family: id, inOriginal: era == .original, top1: top1, top5: nil,
                           params: 1_000_000, macs: Int(gops * 5e8), ops: Int(gops * 1e9),
                           opsProfiler: Int(gops * 1e9), source: .derived, era: era, year: 2020)
        }
        let rose = Dataset(records: [], networks: [net("a", 60, 1, .original), net("b", 70, 0.5, .later)], counts: [:])
        #expect(TenYearsClaims.accuracyPerGopRose(rose, median: false).holds)          // 140 vs 60 %/G-Op
        let flat = Dataset(records: [], networks: [net("a", 60, 1, .original), net("b", 70, 1, .later)], counts: [:])
        #expect(!TenYearsClaims.accuracyPerGopRose(flat, median: false).holds)         // 70 vs 60
        #expect(!TenYearsClaims.accuracyPerGopRose(flat, median: true).holds)
    }

    @Test func theOriginalsOversizedFamiliesAreNoLongerTheLeastDense() throws {
        let c = try claim("least-efficient", options: ["among": "every"])
        #expect(!c.holds)
        #expect(c.evidence[1].contains("ViT-L/16"))
        #expect(try claim("least-efficient").holds)          // the reproduction's set: unchanged
    }

    @Test func saturationHoldsOverEveryNetwork() throws {
        #expect(try claim("accuracy-saturates", options: ["among": "every"]).holds)
    }
}

/// `report values network.ID.…` and the layers table work for the networks added ten
/// years later, with the real architectures.
@Suite struct TenYearsValuesTests {
    static let later = NetworkZooTests.later.keys.sorted()

    @Test func everyLaterNetworkHasTheKeysOfTheOldOnes() throws {
        let paper = URL(fileURLWithPath: Fixture.repositoryPaper)
        let notebook = AnalysisNotebook(paperDirectory: paper, fingerprint: "test")
        let keys = Set(try notebook.offers().filter { $0.kind == .value }.map(\.name))
        let suffixes = keys.filter { $0.hasPrefix("network.resnet-50.") }.map { $0.dropFirst("network.resnet-50.".count) }
            .filter { $0 != "modern-top1" }            // a second, modern accuracy only the old rows carry
        // The step from the family member before: only networks that have one carry it.
        let steps: Set<Substring> = ["previous", "top1-step", "gops-step"]
        for id in Self.later {
            for suffix in suffixes where !steps.contains(suffix) {
                #expect(keys.contains("network.\(id).\(suffix)"), "network.\(id).\(suffix)")
            }
            #expect(keys.contains("network.\(id).year") && keys.contains("network.\(id).era"))
        }
        // EfficientNet-B4 follows B0 in the data, so it has the step keys too.
        for suffix in steps { #expect(keys.contains("network.efficientnet-b4.\(suffix)"), "efficientnet-b4.\(suffix)") }
        #expect(!keys.contains("network.efficientnet-b0.previous"), "the first of its family has no predecessor")
    }

    @Test(arguments: later) func layersTableListsEveryLayer(_ id: String) throws {
        let paper = URL(fileURLWithPath: Fixture.repositoryPaper)
        let notebook = AnalysisNotebook(paperDirectory: paper, fingerprint: "test")
        let result = try notebook.evaluate(Request(kind: .table, name: "layers", arguments: [id], options: [:]))
        guard case .table(let t) = result.output else { throw NotebookError.problem("not a table") }
        let counts = try #require(try Zoo.counts(id))
        #expect(t.data.rows.count >= counts.layers.count)
        #expect(t.rows.allSatisfy { $0.count == t.columns.count })
    }

    @Test func valuesOfTheNewPageAreComputed() throws {
        let paper = URL(fileURLWithPath: Fixture.repositoryPaper)
        let notebook = AnalysisNotebook(paperDirectory: paper, fingerprint: "test")
        func value(_ key: String) throws -> Value {
            let result = try notebook.evaluate(Request(kind: .value, name: key, arguments: [], options: [:]))
            guard case .value(let v) = result.output else { throw NotebookError.problem("not a value") }
            return v
        }
        #expect(try value("count.later").raw == "18")
        #expect(try value("network.vit-b-16.params-exact").raw == "86567656")
        #expect(try value("network.efficientnet-b7.input").raw == "600")
        // The ViT share of attention products is the 12 layers' QKᵀ and A·V over all MACs.
        let share = Double(try value("ten.vit-b-16.products-share").raw)!
        #expect(abs(share - 100 * Double(12 * 2 * 197 * 197 * 768) / 17_563_828_224) < 1e-9)
    }
}

/// The `era` and `year` columns: checked, located, and the later networks kept apart.
@Suite struct EraColumnTests {
    func messages(_ csv: String) -> [String] { Fixture.problems(csv).map(\.message) }

    @Test func repositoryDataSeparatesTheEras() throws {
        let archs = Fixture.architectures()
        let data = try #require(NetworksFile.load(Fixture.networksCSV, architectures: archs, counted: archs.countAll()).dataset)
        #expect(data.networks.count == 19 && data.later.count == 18 && data.every.count == 37)
        #expect(data.networks.allSatisfy { $0.era != .later })
        #expect(data.network("vit-b-16")?.year == 2020)
        #expect(data.every.map(\.id) == data.records.map(\.id))      // file order
    }

    @Test func eraMustBeKnownAndAgreeWithInOriginal() {
        let unknown = Fixture.networks(setting: "era", of: "vit-b-16", to: "2022")
        #expect(messages(unknown).contains { $0.contains("'era' is '2022'; expected one of original, 2018, later") })
        let contradiction = Fixture.networks(setting: "era", of: "alexnet", to: "later")
        #expect(messages(contradiction).contains { $0.contains("in_original is yes") })
        let year = Fixture.networks(setting: "year", of: "swin-t", to: "1021")
        #expect(messages(year).contains { $0.contains("'year' is 1021") })
        let problem = Fixture.problems(year).first { $0.message.contains("'year'") }
        #expect(problem?.file == "data/networks.csv" && problem?.line == 38)
    }
}
