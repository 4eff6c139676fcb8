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
        #expect(t.columns.map(\.title) == ["Network", "Family", "Top-1 [%]", "Source", "Params [M]", "GMACs", "G-Ops",
                                            "Density [%/M]", "Counts"])
        #expect(t.columns.map(\.numeric) == [false, false, true, false, true, true, true, true, false])
        #expect(t.rows.allSatisfy { $0[0].swatch?.hasPrefix("#") == true })
        let vgg = try #require(t.rows.first { $0[0].text == "VGG-16" })
        #expect(vgg.map(\.text) == ["VGG-16", "VGG", "70.62", "SZ", "138.36", "15.485", "30.970", "0.51", "derived"])
        let enet = try #require(t.rows.first { $0[0].text == "ENet" })
        #expect(enet[5].text == "—")
        #expect(enet[8].text == "reported")
        // Drawn as the figures draw reported values: hollow, dashed, in the family's colour.
        #expect(enet[0].dashed && !vgg[0].dashed)
        // Every accuracy carries its source key, in the table and in the CSV.
        #expect(t.rows.allSatisfy { !$0[3].text.isEmpty })
        let csvVGG = try #require(t.data.rows.first { $0[0] == "vgg-16" })
        #expect(csvVGG[t.data.columns.firstIndex(of: "top1_source")!] == "SZ")
        #expect(csvVGG[t.data.columns.firstIndex(of: "params")!] == "138357544")
        // The 2016 networks first, then those added in 2018, each under its heading.
        #expect(t.rowGroups == [Table.RowGroup("In the 2016 figures", start: 0), Table.RowGroup("Added in 2018", start: 14)])
        #expect(t.rows[14...].allSatisfy { ["SqueezeNet", "MobileNet", "ShuffleNet", "Xception", "DenseNet-121"].contains($0[0].text) })
    }

    @Test func everyNumericColumnHasOnePrecision() throws {
        for (name, arguments) in [("networks", [String]()), ("reproduction", []), ("layers", ["resnet-50"])] {
            let (t, _) = try table(name, arguments)
            for (i, column) in t.columns.enumerated() where column.numeric {
                let decimals = Set(t.rows.map { $0[i].text }.filter { $0 != "—" && !$0.isEmpty }.map { cell in
                    cell.split(separator: ".").dropFirst().first.map { $0.filter(\.isNumber).count } ?? 0
                })
                #expect(decimals.count <= 1, "\(name): column \(column.title) mixes precisions \(decimals)")
            }
        }
    }

    @Test func networksTableFiltersAndSorts() throws {
        let (added, _) = try table("networks", options: ["networks": "2018", "sort": "density"])
        #expect(added.rows.map { $0[0].text } == ["SqueezeNet (2018)", "ShuffleNet (2018)", "MobileNet (2018)",
                                                   "DenseNet-121 (2018)", "Xception (2018)"])
        #expect(added.rowGroups.isEmpty)
        let (original, _) = try table("networks", options: ["networks": "original"])
        #expect(original.rows.count == 14)
        #expect(original.rowGroups.isEmpty)
    }

    @Test func layersTableIsTheProfilerView() throws {
        let (t, inputs) = try table("layers", ["resnet-50"])
        #expect(inputs == [])
        #expect(t.columns.map(\.title) == ["Layer", "Type", "Output", "Params", "MACs [M]", "Ops [M]", "Profiler ops [M]"])
        #expect(t.rows.count == 3)   // two layers and the total
        #expect(t.rows[0].map(\.text) == ["conv1", "conv 3×3/1", "64×224×224", "6\u{2009}389\u{2009}258",
                                          "1\u{2009}026.25", "2\u{2009}052.50", "2\u{2009}052.50"])
        #expect(t.rows[2][0].text == "Total (input 3×224×224)")
        #expect(t.rows[2][3].text == "25\u{2009}557\u{2009}032")
        #expect(t.data.rows.count == 2)
        #expect(t.data.rows[0][0] == "resnet-50/conv1")   // the CSV keeps the full path
        // The comparison-only encoder has a layer table too.
        let encoder = try table("layers", ["enet-encoder"]).0
        #expect(encoder.rows.count == 3)
    }

    @Test func layerNamesReadAsAReaderNamesLayers() {
        let paths = ["alexnet/conv1/conv1", "alexnet/conv1/relu1", "alexnet/pool1", "alexnet/conv2/conv1",
                     "alexnet/fc6/linear1", "alexnet/fc6/relu1", "net/block/conv1", "net/block/conv2", "net/block/add1",
                     "alexnet/fc8"]
        #expect(TableBook.readableLayerNames(paths, network: "alexnet") ==
                ["conv1", "conv1", "pool1", "conv2", "fc6", "fc6", "net › block › conv1", "net › block › conv2",
                 "net › block", "fc8"])
    }

    @Test func reproductionTableComparesWithTheOriginalFigures() throws {
        let (t, inputs) = try table("reproduction")
        #expect(inputs == ["data/networks.csv", "data/original-figures.csv"])
        #expect(t.rows.count == 15)   // the 14 networks, plus ENet's public encoder
        #expect(t.columns.count == 11)
        #expect(t.columns.map(\.title) == ["Network", "Top-1 [%]", "Source", "2016", "here", "Δ [%]", "2016", "here", "Δ [%]",
                                            "here", "Δ [%]"])
        // Group headings instead of repeated titles: each Δ belongs to a named group.
        #expect(t.columns.map { $0.group ?? "" } == ["", "", "", "Params [M]", "Params [M]", "Params [M]", "G-Ops", "G-Ops",
                                                      "G-Ops", "G-Ops, profiler", "G-Ops, profiler"])
        let alexnet = try #require(t.rows.first { $0[0].text == "AlexNet" })
        #expect(alexnet.map(\.text) == ["AlexNet", "54.61", "C16", "60.97", "60.97", "±0.0", "2.26", "1.13", "\u{2212}50.0",
                                        "2.26", "±0.0"])
        #expect(t.rows.contains { $0[0].text == "ENet (reported)" && $0[0].dashed })
        let encoder = try #require(t.rows.first { $0[0].text == "ENet encoder (public)" })
        #expect(encoder[4].text == "0.36")
        #expect(encoder[1].text == "—" && encoder[2].text == "—")
        #expect(t.data.columns.contains("original_source"))
    }

    @Test func publishedTableComparesThe2018Networks() throws {
        let (t, inputs) = try table("published")
        #expect(inputs == ["data/networks.csv", "data/published-counts.csv"])
        #expect(t.rows.count == 8)
        let (added, _) = try table("published", options: ["networks": "2018"])
        #expect(added.rows.count == 7)
        #expect(!added.rows.contains { $0[0].text == "GoogLeNet" })
        let mobilenet = try #require(t.rows.first { $0[0].text == "MobileNet" })
        // Published values keep their own precision, padded to line up on the decimal point.
        #expect(mobilenet.map(\.text) == ["MobileNet", "MNP", "4.2\u{2007}", "4.23", "+0.8", "569", "570.0", "+0.2"])
        #expect(t.columns.map { $0.group ?? "" } == ["", "", "Params [M]", "Params [M]", "Params [M]", "Mult-adds [M]",
                                                      "Mult-adds [M]", "Mult-adds [M]"])
        let xception = try #require(t.rows.first { $0[0].text == "Xception" })
        #expect(xception[4].text == "±0.0")
        #expect(xception[5].text == "—")
    }

    @Test func columnNumbersHaveOneSeparatorConvention() {
        #expect(Format.column(8357.4, 2) == "8\u{2009}357.40")
        #expect(Format.column(34944, 0) == "34\u{2009}944")
        #expect(Format.column(999.996, 2) == "1\u{2009}000.00")
        #expect(Format.column(-0.001, 2) == "0.00")
        #expect(Format.column(-12.5, 1) == "\u{2212}12.5")
        #expect(Format.published(1.248424, 2) == "1.25")
        #expect(Format.published(4.2, 2) == "4.2\u{2007}")
        #expect(Format.published(7, 2) == "7\u{2007}\u{2007}\u{2007}")
        #expect(Format.published(2830, 0) == "2\u{2009}830")
    }
}
