import Testing
@testable import Analysis
import NotebookInterface

/// Each claim holds on the repository's data and fails when one accuracy is edited so that
/// the statement is no longer true: the verdicts are computed, not stored.
@Suite struct ClaimTests {
    func claim(_ name: String, _ arguments: [String] = [], options: [String: String] = [:],
               networks: String? = nil) throws -> Claim {
        let notebook = try Fixture.notebook(networks: networks)
        let (result, read) = try notebook.evaluateReading(Request(kind: .claim, name: name, arguments: arguments, options: options))
        #expect(read == ["data/networks.csv"])
        guard case .claim(let c) = result.output else { throw NotebookError.problem("not a claim") }
        return c
    }

    @Test func densityLeadersHoldUntilResNet18LosesAccuracy() throws {
        let holds = try claim("density-leaders")
        #expect(holds.holds)
        #expect(holds.evidence.first == "1. ENet: 11.67\u{a0}%/M (68.40\u{a0}% / 5.86\u{a0}M)")
        #expect(holds.evidence.contains { $0.hasPrefix("next, 5. ResNet-34: 3.36") })

        let edited = Fixture.networks(setting: "top1", of: "resnet-18", to: "30")
        let fails = try claim("density-leaders", networks: edited)
        #expect(!fails.holds)
        #expect(fails.evidence.contains { $0.hasPrefix("ResNet-18 ranks ") })
    }

    @Test func densityLeadersNoLongerHoldAmongAllNetworks() throws {
        let c = try claim("density-leaders", options: ["among": "all"])
        #expect(!c.holds)
        #expect(c.evidence.first?.hasPrefix("1. SqueezeNet") == true)
    }

    @Test func leastEfficientHoldUntilAnotherNetworkIsWorse() throws {
        let holds = try claim("least-efficient")
        #expect(holds.holds)
        #expect(holds.evidence[0].hasPrefix("densest of VGG and AlexNet: BN-AlexNet: 0.935"))
        #expect(holds.evidence[1].hasPrefix("< least dense of the other 15: ResNet-152: 1.29"))

        let edited = Fixture.networks(setting: "top1", of: "resnet-152", to: "50")
        let fails = try claim("least-efficient", networks: edited)
        #expect(!fails.holds)
        #expect(fails.evidence[1].hasPrefix("≥ least dense of the other 15: ResNet-152: 0.831"))
    }

    @Test func accuracySaturatesUntilTheCostliestNetworkLeapsAhead() throws {
        let holds = try claim("accuracy-saturates")
        #expect(holds.holds, "\(holds.evidence)")
        #expect(holds.evidence[0].hasPrefix("Pareto frontier, cheapest first: ShuffleNet (0.280\u{a0}G-Ops, 67.80\u{a0}%), MobileNet"))

        let edited = Fixture.networks(setting: "top1", of: "inception-v4", to: "95")
        let fails = try claim("accuracy-saturates", networks: edited)
        #expect(!fails.holds, "\(fails.evidence)")
    }

    @Test func densityLeader2018ChecksTheNamedNetwork() throws {
        #expect(try claim("density-leader-2018", ["squeezenet-1.0"]).holds)
        let wrong = try claim("density-leader-2018", ["shufflenet-v1"])
        #expect(!wrong.holds)
        #expect(wrong.evidence.last == "ShuffleNet ranks 2 of 5")

        let edited = Fixture.networks(setting: "top1", of: "squeezenet-1.0", to: "30")
        #expect(try !claim("density-leader-2018", ["squeezenet-1.0"], networks: edited).holds)
        #expect(try claim("density-leader-2018", ["shufflenet-v1"], networks: edited).holds)
    }

    @Test func densityLeaderAmongAll() throws {
        #expect(try claim("density-leader", ["squeezenet-1.0"]).holds)
        #expect(try !claim("density-leader", ["enet"]).holds)
    }
}
