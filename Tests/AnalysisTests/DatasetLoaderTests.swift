import Testing
@testable import Analysis
import NotebookInterface

@Suite struct DatasetLoaderTests {
    let file = "data/networks.csv"

    /// A minimal valid file: one derived network, one with reported values.
    let header = "id,name,family,in_original,top1,top1_source,reported_params,reported_gops,reported_source\n"
    func rows(_ extra: String = "") -> String {
        var text = header + "vgg-16,VGG-16,VGG,yes,70.62,SZ,,,\n" + "enet,ENet,ENet,yes,68.40,C16,5860000,1.57,C16\n" + extra
        // The made-up architectures all need a row; the ones not under test get one here.
        for (id, _, _, _, _) in Fixture.sizes where id != "vgg-16" && id != "enet-encoder" && !extra.contains("\n\(id),") && !extra.hasPrefix("\(id),") {
            text += "\(id),\(id),X,no,50,SZ,,,\n"
        }
        return text
    }

    func located(_ problems: [Problem]) -> [String] {
        problems.map { "\($0.file ?? "-"):\($0.line ?? 0):\($0.column ?? 0)" }
    }

    @Test func validFileLoadsDerivedAndReported() throws {
        let archs = Fixture.architectures()
        let result = NetworksFile.load(rows(), architectures: archs, counted: archs.countAll())
        #expect(result.problems == [])
        let data = try #require(result.dataset)
        let vgg = try #require(data.network("vgg-16"))
        #expect(vgg.source == .derived)
        #expect(vgg.params == 138_357_544)
        let enet = try #require(data.network("enet"))
        #expect(enet.source == .reported)
        #expect(enet.params == 5_860_000)
        #expect(enet.ops == 1_570_000_000)
        #expect(enet.opsProfiler == 1_570_000_000)
        #expect(data.networks.count == Fixture.sizes.count)   // every id but enet-encoder, plus enet
    }

    @Test func unknownColumnIsLocatedAtItsHeaderCell() {
        let text = rows().replacingOccurrences(of: "top1_source,", with: "top1_sorce,")
        let problems = Fixture.problems(text)
        let unknown = problems.filter { $0.message.contains("unknown column 'top1_sorce'") }
        #expect(located(unknown) == ["\(file):1:33"])
        #expect(unknown.first?.message.contains("did you mean 'top1_source'") == true)
        // The required column it replaced is reported missing too, at the header's end.
        let missing = problems.filter { $0.message.contains("missing column 'top1_source'") }
        #expect(located(missing) == ["\(file):1:\(header.count - 1)"])  // one letter shorter
    }

    @Test func rowWithExtraCellPointsAtTheExtraCell() {
        let problems = Fixture.problems(rows("alexnet,AlexNet,AlexNet,yes,54.61,SZ,,,,oops\n"))
        #expect(located(problems) == ["\(file):4:41"])
        #expect(problems[0].message.contains("10 cells but the header has 9"))
    }

    @Test func rowWithMissingCellPointsAtTheLineEnd() {
        let problems = Fixture.problems(rows("alexnet,AlexNet,AlexNet,yes,54.61\n"))
        #expect(located(problems) == ["\(file):4:34"])
        #expect(problems[0].message.contains("missing 'top1_source'"))
    }

    @Test(arguments: ["abc", "nan", "inf", "-inf", "NaN", "0x1p3", "", "100.5", "-1", "1e3", "70,6"])
    func badAccuracyIsAnErrorAtItsCell(_ value: String) {
        let cell = value.contains(",") ? "\"\(value)\"" : value
        let problems = Fixture.problems(rows("alexnet,AlexNet,AlexNet,yes,\(cell),SZ,,,\n"))
        #expect(located(problems) == ["\(file):4:29"], "\(value): \(problems)")
        #expect(problems.first?.message.contains("top1") == true)
    }

    @Test func acceptedAccuracyBounds() {
        for value in ["0", "100", "54.61", "+54.61", "5.461e1"] {
            #expect(Fixture.problems(rows("alexnet,AlexNet,AlexNet,yes,\(value),SZ,,,\n")) == [], "\(value)")
        }
    }

    @Test func duplicateIdNamesTheFirstLine() {
        let problems = Fixture.problems(rows("vgg-16,VGG-16 again,VGG,yes,70.62,SZ,,,\n"))
        #expect(located(problems) == ["\(file):4:1"])
        #expect(problems[0].message.contains("duplicate id 'vgg-16' (first on line 2)"))
    }

    @Test func rowWithoutArchitectureOrReportedValues() {
        let problems = Fixture.problems(rows("resnet-51,ResNet-51,ResNet,no,70,SZ,,,\n"))
        #expect(located(problems) == ["\(file):4:1"])
        #expect(problems[0].message.contains("no architecture is defined for 'resnet-51'"))
        #expect(problems[0].message.contains("did you mean 'resnet-50'?"))
    }

    @Test func architectureWithoutRowIsReportedAfterTheLastLine() {
        let text = rows().split(separator: "\n").filter { !$0.hasPrefix("densenet-121,") }.joined(separator: "\n") + "\n"
        let lines = text.split(separator: "\n").count
        let problems = Fixture.problems(text)
        #expect(located(problems) == ["\(file):\(lines + 1):1"])
        #expect(problems[0].message.contains("architecture 'densenet-121' has no row"))
    }

    @Test func comparisonOnlyArchitectureNeedsNoRow() {
        #expect(!rows().contains("enet-encoder"))
        #expect(Fixture.problems(rows()) == [])
    }

    @Test func reportedValuesMustBeComplete() {
        let text = rows().replacingOccurrences(of: "enet,ENet,ENet,yes,68.40,C16,5860000,1.57,C16",
                                               with: "enet,ENet,ENet,yes,68.40,C16,5860000,,")
        let problems = Fixture.problems(text)
        #expect(located(problems) == ["\(file):3:38", "\(file):3:39"])
    }

    @Test func reportedValuesBesideAnArchitectureAreAnError() {
        let text = rows().replacingOccurrences(of: "vgg-16,VGG-16,VGG,yes,70.62,SZ,,,",
                                               with: "vgg-16,VGG-16,VGG,yes,70.62,SZ,138000000,30.9,C16")
        #expect(located(Fixture.problems(text)) == ["\(file):2:32"])
    }

    @Test func inputMustMatchTheArchitecture() {
        let text = "id,name,family,in_original,input,top1,top1_source\n"
            + Fixture.sizes.filter { $0.0 != "enet-encoder" }.map { "\($0.0),N,F,yes,\($0.0 == "vgg-16" ? 227 : $0.4),50,SZ" }.joined(separator: "\n")
        let problems = Fixture.problems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("counted at 224×224") == true)
        #expect(problems.first?.column == 16)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let text = rows("alexnet,AlexNet,AlexNet,maybe,abc,SZ,,,\nvgg-16,V,VGG,yes,70,SZ,,,\nfoo,Foo,Foo,no,50,SZ,,,\n")
        let problems = Fixture.problems(text)
        #expect(located(problems) == ["\(file):4:25", "\(file):4:31", "\(file):5:1", "\(file):6:1"])
    }

    @Test func architectureThatDoesNotFitIsAProblemNamingTheLayer() {
        let archs = Fixture.architectures(failing: "resnet-50")
        let result = NetworksFile.load(rows(), architectures: archs, counted: archs.countAll())
        #expect(result.dataset == nil)
        #expect(result.problems.map(\.message) == ["architecture resnet-50/layer2/conv1: expects 64 channels, got 32"])
    }

    @Test func quotedCellsKeepCommasAndLineBreaksAndPositions() {
        let text = "id,name,family,in_original,top1,top1_source,variant\n"
            + "vgg-16,VGG-16,VGG,yes,70.62,SZ,\"configuration D, \"\"as in\"\"\nthe paper\"\n"
            + "bn-nin,BN-NIN,NIN,yes,oops,C16,\n"
        let (records, syntax) = CSV.parse(text, file: file)
        #expect(syntax == [])
        #expect(records[1].fields[6].text == "configuration D, \"as in\"\nthe paper")
        #expect(records[2].line == 4)
        let (table, _) = CSVTable.read(text, file: file, schema: NetworksFile.schema)
        var reader = CellReader(file: file)
        _ = reader.number(table.rows[1], "top1", in: 0...100)
        #expect(located(reader.problems) == ["\(file):4:23"])
    }

    @Test func csvSyntaxErrors() {
        let (_, unterminated) = CSV.parse("id,name\n\"abc,def\n", file: file)
        #expect(located(unterminated) == ["\(file):2:1"])
        let (_, stray) = CSV.parse("id,name\nab\"c,def\n", file: file)
        #expect(located(stray) == ["\(file):2:3"])
        let (_, after) = CSV.parse("id,name\n\"abc\"x,def\n", file: file)
        #expect(located(after) == ["\(file):2:6"])
    }

    @Test func crlfBomAndBlankLinesAreAccepted() {
        let text = "\u{FEFF}id,name\r\nvgg-16,VGG\r\n\r\nresnet-50,ResNet\r\n"
        let (records, problems) = CSV.parse(text, file: file)
        #expect(problems == [])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records.map { $0.fields.map(\.text) } == [["id", "name"], ["vgg-16", "VGG"], ["resnet-50", "ResNet"]])
    }

    @Test func emptyFileIsAProblem() {
        #expect(located(Fixture.problems("")) == ["\(file):1:1"])
    }

    @Test func repositoryDataLoadsWithTheMadeUpArchitectures() throws {
        #expect(Fixture.problems(Fixture.networksCSV) == [])
    }
}
