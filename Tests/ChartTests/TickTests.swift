import Testing
@testable import Chart

@Suite struct TickTests {
    @Test func linearTicksForKnownRanges() {
        #expect(NiceTicks.linear(0, 31).map(\.value) == [0, 5, 10, 15, 20, 25, 30])
        #expect(NiceTicks.linear(0, 31).map(\.label) == ["0", "5", "10", "15", "20", "25", "30"])
        #expect(NiceTicks.linear(50, 82).map(\.value) == [50, 55, 60, 65, 70, 75, 80])
        #expect(NiceTicks.linear(0, 12).map(\.value) == [0, 2, 4, 6, 8, 10, 12])
        #expect(NiceTicks.linear(0, 0.75).map(\.label) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        #expect(NiceTicks.linear(-3, 3, maxCount: 4).map(\.label) == ["\u{2212}2", "0", "2"])
    }

    @Test func linearDomainsRoundOutwards() {
        #expect(NiceTicks.linearDomain(0, 31) == (0, 35))
        #expect(NiceTicks.linearDomain(54.6, 80.1) == (50, 85))
        #expect(NiceTicks.linearDomain(0.41, 11.7) == (0, 12))
    }

    @Test func logTicksLabelOneTwoFive() {
        let ticks = NiceTicks.log(0.3, 40)
        #expect(ticks.filter(\.major).map(\.label) == ["0.5", "1", "2", "5", "10", "20"])
        #expect(NiceTicks.log(0.3, 40, labelled: [1]).filter(\.major).map(\.label) == ["1", "10"])
        #expect(ticks.map(\.value) == [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40])
        #expect(NiceTicks.log(0.1, 100, labelled: [1]).filter(\.major).map(\.label) == ["0.1", "1", "10", "100"])
        #expect(NiceTicks.logDomain(0.3, 40) == (0.2, 50))
    }

    @Test func shortLogRangesAlsoLabelTwoAndFive() {
        #expect(NiceTicks.log(0.3, 3, labelled: [1]).filter(\.major).map(\.label) == ["0.5", "1", "2"])
    }

    @Test func formatting() {
        #expect(NiceTicks.formatShortest(0.1) == "0.1")
        #expect(NiceTicks.formatShortest(2.5) == "2.5")
        #expect(NiceTicks.formatShortest(1000) == "1000")
        #expect(NiceTicks.format(-0.0001, decimals: 2) == "0.00")
    }
}
