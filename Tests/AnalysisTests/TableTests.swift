import Testing
@testable import Analysis
import NotebookInterface

@Suite struct TableTests {
    func table(_ name: String, _ arguments: [String] = [], options: [String: String] = [:]) throws -> (Table, [String]) {
        let notebook = try Fixture.notebook()
        let (result, read) = try notebook.evaluateReading(Request(kind: .table, name: name, arguments: arguments, options: options))
        guard case .table(let t) = result.output else { throw NotebookError.problem("not a table") }
        // Every row as wide as the header, for the reader and for the CSV.
        #expect(t.rows.allSatisfy { $0.count == t.columns.count })
        #expect(t.data.rows.allSatisfy { $0.count == t.data.columns.count })
        return (t, read.sorted())
    }

    @Test func networksTableListsEveryNetwork() throws {
        let (t, inputs) = try table("networks")
        #expect(inputs == ["data/networks.csv"])
        #expect(t.rows.count == 19)
        #expect(t.columns.map(\.title) == ["Network", "Family", "Top-1 [%]", "Params [M]", "GMACs", "G-Ops",
                                            "Density [%/M]", "Counts"])
        #expect(t.columns.map(\.numeric) == [false, false, true, true, true, true, true, false])
        #expect(t.rows.allSatisfy { $0[0].swatch?.hasPrefix("#") == true })
        let vgg = try #require(t.rows.first { $0[0].text == "VGG-16" })
        #expect(vgg.map(\.text) == ["VGG-16", "VGG", "70.62", "138.36", "15.48", "30.97", "0.510", "derived"])
        let enet = try #require(t.rows.first { $0[0].text == "ENet" })
        #expect(enet[4].text == "—")
        #expect(enet[7].text == "reported")
        #expect(t.data.rows.first { $0[0] == "vgg-16" }?[6] == "138357544")
    }

    @Test func networksTableFiltersAndSorts() throws {
        let (added, _) = try table("networks", options: ["networks": "2018", "sort": "density"])
        #expect(added.rows.map { $0[0].text } == ["SqueezeNet", "ShuffleNet", "MobileNet", "DenseNet-121", "Xception"])
        let (original, _) = try table("networks", options: ["networks": "original"])
        #expect(original.rows.count == 14)
    }

    @Test func layersTableIsTheProfilerView() throws {
        let (t, inputs) = try table("layers", ["resnet-50"])
        #expect(inputs == [])
        #expect(t.columns.map(\.title) == ["Layer", "Type", "Output", "Params", "MACs [M]", "Ops [M]", "Profiler ops [M]"])
        #expect(t.rows.count == 3)   // two layers and the total
        #expect(t.rows[0].map(\.text) == ["resnet-50/conv1", "conv 3×3/1", "64×224×224", "6\u{2009}389\u{2009}258",
                                          "1026.25", "2052.50", "2052.50"])
        #expect(t.rows[2][0].text == "Total (input 3×224×224)")
        #expect(t.rows[2][3].text == "25\u{2009}557\u{2009}032")
        #expect(t.data.rows.count == 2)
        // The comparison-only encoder has a layer table too.
        let encoder = try table("layers", ["enet-encoder"]).0
        #expect(encoder.rows.count == 3)
    }

    @Test func reproductionTableComparesWithTheOriginalFigures() throws {
        let (t, inputs) = try table("reproduction")
        #expect(inputs == ["data/networks.csv", "data/original-figures.csv"])
        #expect(t.rows.count == 15)   // the 14 networks, plus ENet's public encoder
        #expect(t.columns.count == 10)
        #expect(t.columns.dropFirst().allSatisfy { $0.numeric })
        let alexnet = try #require(t.rows.first { $0[0].text == "AlexNet" })
        #expect(alexnet.map(\.text) == ["AlexNet", "54.61", "60.97", "60.97", "±0.0", "2.26", "1.13", "\u{2212}50.0", "2.26", "±0.0"])
        #expect(t.rows.contains { $0[0].text == "ENet (reported)" })
        let encoder = try #require(t.rows.first { $0[0].text == "ENet encoder (public)" })
        #expect(encoder[3].text == "0.36")
        #expect(encoder[1].text == "—")
    }

    @Test func publishedTableComparesThe2018Networks() throws {
        let (t, inputs) = try table("published")
        #expect(inputs == ["data/networks.csv", "data/published-counts.csv"])
        #expect(t.rows.count == 8)
        let (added, _) = try table("published", options: ["networks": "2018"])
        #expect(added.rows.count == 7)
        #expect(!added.rows.contains { $0[0].text == "GoogLeNet" })
        let mobilenet = try #require(t.rows.first { $0[0].text == "MobileNet" })
        #expect(mobilenet.map(\.text) == ["MobileNet", "MNP", "4.2", "4.23", "+0.8", "569", "570.0", "+0.2"])
        let xception = try #require(t.rows.first { $0[0].text == "Xception" })
        #expect(xception[4].text == "±0.0")
        #expect(xception[5].text == "—")
    }
}
