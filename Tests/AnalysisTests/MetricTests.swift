import Testing
@testable import Analysis

@Suite struct MetricTests {
    func net(_ id: String, top1: Double, params: Int, gops: Double) -> NetworkSummary {
        NetworkSummary(id: id, name: id.uppercased(), family: "F", inOriginal: true, top1: top1, top5: nil,
                       params: params, macs: 0, ops: Int(gops * 1e9), opsProfiler: Int(gops * 1e9), source: .derived)
    }

    @Test func densityIsTop1PerMillionParameters() {
        let n = net("a", top1: 70, params: 14_000_000, gops: 2)
        #expect(n.density == 5)
        #expect(Metrics.accuracyPerGop(n) == 35)
    }

    @Test func ranksShareTiesAndOrderDescending() {
        let list = [net("a", top1: 50, params: 10_000_000, gops: 1), net("b", top1: 70, params: 10_000_000, gops: 1),
                    net("c", top1: 50, params: 10_000_000, gops: 1), net("d", top1: 40, params: 10_000_000, gops: 1)]
        #expect(Metrics.ranks(list, by: \.top1) == ["b": 1, "a": 2, "c": 2, "d": 4])
        #expect(Metrics.ranked(list, by: \.top1).map(\.id) == ["b", "a", "c", "d"])
    }

    @Test func paretoFrontierKeepsOnlyUndominatedNetworks() {
        let list = [net("cheap", top1: 60, params: 1, gops: 1), net("dominated", top1: 59, params: 1, gops: 2),
                    net("mid", top1: 70, params: 1, gops: 3), net("equal-cost-worse", top1: 65, params: 1, gops: 3),
                    net("top", top1: 75, params: 1, gops: 10), net("costly-worse", top1: 74, params: 1, gops: 20)]
        #expect(Metrics.paretoFrontier(list).map(\.id) == ["cheap", "mid", "top"])
    }

    @Test func kneeIsWhereTheFrontierBends() {
        // Fast gains up to 2 G-Ops, then slow ones.
        let frontier = [net("a", top1: 60, params: 1, gops: 1), net("b", top1: 70, params: 1, gops: 2),
                        net("c", top1: 71, params: 1, gops: 10), net("d", top1: 72, params: 1, gops: 20)]
        #expect(Metrics.knee(frontier) == 1)
        let s = Saturation(frontier)
        #expect(s?.knee.id == "b")
        #expect(s?.gainBefore == 10)
        #expect(s?.gainAfter == 2.0 / 18)
        // A straight line has no knee.
        let line = [net("a", top1: 60, params: 1, gops: 1), net("b", top1: 65, params: 1, gops: 2),
                    net("c", top1: 70, params: 1, gops: 3)]
        #expect(Metrics.knee(line) == nil)
        #expect(Saturation(line) == nil)
    }

    @Test func densityLeadersCutAtTheLargestDrop() {
        let list = [net("a", top1: 70, params: 5_000_000, gops: 1), net("b", top1: 70, params: 6_000_000, gops: 1),
                    net("c", top1: 70, params: 30_000_000, gops: 1), net("d", top1: 70, params: 35_000_000, gops: 1),
                    net("e", top1: 70, params: 40_000_000, gops: 1)]
        #expect(densityLeaders(list).map(\.id) == ["a", "b"])
    }
}
