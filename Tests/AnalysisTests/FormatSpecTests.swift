// Format specs of values (`key:.1f`), in the paper's typography.

import Testing
@testable import Analysis
import NotebookInterface

struct FormatSpecTests {
    let gops = Value(raw: "8.2134", text: "8.21\u{a0}G-Ops", number: 8.2134, unit: "G-Ops")
    let params = Value(raw: "25557032", text: "25.56\u{a0}M", number: 25.557032, unit: "M")

    func format(_ spec: String, _ value: Value) throws -> String { try FormatSpec.parse(spec).apply(to: value).text }

    @Test func digitsGroupsPercentScientificAndUnit() throws {
        #expect(try format(".1f", gops) == "8.2\u{a0}G-Ops")
        #expect(try format(".0f", gops) == "8\u{a0}G-Ops")
        #expect(try format(".3f nounit", gops) == "8.213")
        #expect(try format("nounit", gops) == "8.21")
        #expect(try format("", gops) == "8.21\u{a0}G-Ops")
        #expect(try format(",d", Value(raw: "1451236352", text: "x", number: 1451236352, unit: "")) == "1\u{2009}451\u{2009}236\u{2009}352")
        #expect(try format(",.2f", Value(raw: "", text: "", number: -12345.678, unit: "")) == "\u{2212}12\u{2009}345.68")
        #expect(try format(".1%", Value(raw: "0.7613", text: "", number: 0.7613, unit: "")) == "76.1\u{a0}%")
        #expect(try format(".2e", params) == "2.56\u{a0}×\u{a0}10¹\u{a0}M")
        #expect(try format(".2e nounit", Value(raw: "", text: "", number: 0.000123, unit: "")) == "1.23\u{a0}×\u{a0}10⁻⁴")
        // Rounding that carries to 10 moves the exponent.
        #expect(try format(".1e", Value(raw: "", text: "", number: 9.96, unit: "")) == "1.0\u{a0}×\u{a0}10¹")
        #expect(try format("d", params) == "26\u{a0}M")
        #expect(try format(".1f", Value(raw: "", text: "", number: -0.01, unit: "")) == "0.0")
        #expect(try format(".2f", Value(raw: "1.5", text: "1.5×", number: 1.5, unit: "×")) == "1.50×")
    }

    @Test func badSpecsAreExplained() {
        for spec in [".f", ".x", "q", ".2fz", ".1d", ".99f", "nounit nounit"] {
            #expect(throws: NotebookError.self, "\(spec)") { try FormatSpec.parse(spec) }
        }
        #expect(throws: NotebookError.self) { try FormatSpec.parse(".1f").apply(to: Value(raw: "VGG", text: "VGG")) }
    }

    @Test func theSpecIsSplitAfterABracketedRowId() {
        #expect(splitFormatSpec("network.resnet-50.gops:.1f") == ("network.resnet-50.gops", ".1f"))
        #expect(splitFormatSpec("count.networks") == ("count.networks", nil))
        #expect(splitFormatSpec("data/t.csv[a:b].ms:,d") == ("data/t.csv[a:b].ms", ",d"))
        #expect(CellReference("data/t.csv[a:b].ms") == CellReference(source: "data/t.csv", row: "a:b", column: "ms"))
        #expect(CellReference("layers resnet-50[conv1].params")?.source == "layers resnet-50")
        #expect(CellReference("network.resnet-50.top1") == nil)
        #expect(CellReference("t.csv[].x") == nil)
    }
}

extension CellReference {
    init(source: String, row: String, column: String) {
        self = CellReference("\(source)[\(row)].\(column)")!
    }
}
