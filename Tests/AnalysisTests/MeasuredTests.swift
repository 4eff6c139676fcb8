import Foundation
import Testing
import Chart
import NotebookInterface
@testable import Analysis

/// Reading measurement files (located errors for bad rows) and the measured figures,
/// claims and values drawn from the committed fixture Tests/Fixtures/measurements/
/// (made-up numbers: 2 ms + 10 ms per G-Op per image at batch size 1, MobileNet three
/// times slower, memory exactly linear in batch size). Set FIGURES_DIR to keep the PNGs.
@Suite struct MeasuredTests {
    static let fixtureFolder: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/measurements").path
    }()
    static var fixture: String { (try? String(contentsOfFile: fixtureFolder + "/fixture-2c.csv", encoding: .utf8)) ?? "" }
    let file = "data/measurements/fixture-2c.csv"

    func load(_ text: String) -> (measurements: Measurements?, problems: [Problem]) {
        MeasurementsFile.load(text, file: file, networks: Zoo.ids)
    }

    func located(_ problems: [Problem]) -> [String] {
        problems.map { "\($0.file ?? "-"):\($0.line ?? 0):\($0.column ?? 0)" }
    }

    /// The fixture with the cell `column` of the row `network,batch` replaced.
    static func fixture(setting column: String, of network: String, batch: Int, to value: String,
                        in text: String = fixture) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headerIndex = lines.firstIndex { $0.hasPrefix("network,") }!
        let index = lines[headerIndex].split(separator: ",").firstIndex { $0 == column }!
        for i in lines.indices where lines[i].hasPrefix("\(network),\(batch),") {
            var fields = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[index] = value
            lines[i] = fields.joined(separator: ",")
        }
        return lines.joined(separator: "\n")
    }

    /// A paper folder with the repository's networks.csv and the given measurements.
    static func notebook(_ measurements: String = fixture) throws -> AnalysisNotebook {
        let dir = try Fixture.paper()
        let folder = dir.appendingPathComponent("data/measurements")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try measurements.write(to: folder.appendingPathComponent("fixture-2c.csv"), atomically: true, encoding: .utf8)
        try String(contentsOfFile: fixtureFolder + "/machines.csv", encoding: .utf8)
            .write(to: folder.appendingPathComponent("machines.csv"), atomically: true, encoding: .utf8)
        return AnalysisNotebook(paperDirectory: dir, fingerprint: "test")
    }

    // MARK: Reading

    @Test func fixtureReadsWithItsMachine() throws {
        let result = load(Self.fixture)
        #expect(result.problems == [])
        let m = try #require(result.measurements)
        #expect(m.machine.name == "fixture-2c")
        #expect(m.machine.cores == 2 && m.machine.threads == 1)
        #expect(m.machine.date == "2026-12-01")
        #expect(!m.machine.powerMeasured)
        #expect(m.rows.count == 19)
        #expect(m.rows.filter { $0.status == .skipped }.map(\.network) == ["vgg-16"])
        let r18 = try #require(m.ok("resnet-18", batch: 1))
        #expect(r18.line == 23)
        #expect(abs(r18.msPerImage! - (2 + 10 * 3.6362762)) < 0.001)
    }

    @Test func unknownNetworkIsLocatedWithASuggestion() {
        let text = Self.fixture.replacingOccurrences(of: "\nresnet-50,1,", with: "\nresnet-500,1,")
        let problems = load(text).problems
        #expect(located(problems) == ["\(file):26:1"])
        #expect(problems[0].message.contains("did you mean 'resnet-50'"))
    }

    @Test func throughputThatContradictsTheTimeIsLocatedAtItsCell() {
        let problems = load(Self.fixture(setting: "images_per_s", of: "googlenet", batch: 2, to: "40")).problems
        #expect(located(problems) == ["\(file):18:\(Self.column(of: "images_per_s", line: 18))"])
        #expect(problems[0].message.contains("batch 2 /"))
    }

    @Test func medianOutsideTheQuartilesAndBadCellsAreAllReported() {
        var text = Self.fixture(setting: "median_ms", of: "squeezenet-1.0", batch: 2, to: "1")
        text = text.replacingOccurrences(of: "\nvgg-16,2,ok,", with: "\nvgg-16,2,fine,")
        text = text.replacingOccurrences(of: "\nvgg-16,4,ok,10,", with: "\nvgg-16,4,ok,ten,")
        let problems = load(text).problems
        #expect(problems.count == 3)
        #expect(problems.map(\.line) == [30, 33, 34])
        #expect(problems[0].message.contains("not between the quartiles"))
        #expect(problems[1].message.contains("expected ok, skipped or failed"))
        #expect(problems[2].message.contains("'runs' is 'ten'"))
    }

    @Test func duplicateRowAndMissingMachineFieldAreErrors() {
        let doubled = Self.fixture + "resnet-18,2,skipped,,,,,,,,,,,,,,\n"
        let duplicate = load(doubled).problems
        #expect(duplicate.count == 1)
        #expect(duplicate[0].message.contains("measured twice (first on line 24)"))
        let noCPU = load(Self.fixture.replacingOccurrences(of: "# cpu: Example CPU\n", with: ""))
        #expect(noCPU.measurements == nil)
        #expect(noCPU.problems.map(\.message) == ["the machine description lacks '# cpu: …'"])
    }

    static func column(of name: String, line: Int) -> Int {
        let lines = fixture.split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines.first { $0.hasPrefix("network,") }!.split(separator: ",")
        let index = header.firstIndex { $0 == name }!
        let fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false)
        return fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
    }

    // MARK: Figures, claims, values

    @Test func everyMeasuredFigureRendersAndListsItsInputs() throws {
        let notebook = try Self.notebook()
        let dir = ProcessInfo.processInfo.environment["FIGURES_DIR"]
        for offer in MeasuredFigures.offers where offer.name != "measured-power-vs-batch" {
            let (result, read) = try notebook.evaluateReading(Request(kind: .figure, name: offer.name))
            #expect(read == ["data/networks.csv", "data/measurements/machines.csv", file])
            guard case .figure(let figure) = result.output else { Issue.record("not a figure"); continue }
            #expect(!figure.data.rows.isEmpty)
            for format in ChartFormat.allCases {
                let bytes = try figure.chart.render(format)
                #expect(bytes.count > 1000, "\(offer.name) \(format)")
                if let dir, format == .png {
                    try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(offer.name).png"))
                }
            }
        }
    }

    @Test func timeFigureDrawsOneLinePerNetworkThroughItsBatchSizes() throws {
        let result = try Self.notebook().evaluate(Request(kind: .figure, name: "measured-time-vs-batch"))
        guard case .figure(let figure) = result.output else { Issue.record("not a figure"); return }
        let lines = figure.chart.layers.filter { if case .line = $0.mark { return true } else { return false } }
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.data.map(\.x) == [1, 2, 4] })
        #expect(figure.chart.x.scale == .log && figure.chart.y.scale == .log)
    }

    @Test func powerFigureRefusesWithoutPower() throws {
        #expect(throws: NotebookError.self) {
            try Self.notebook().evaluate(Request(kind: .figure, name: "measured-power-vs-batch"))
        }
    }

    @Test func timeIsLinearInOperationsUntilAMeasurementSaysOtherwise() throws {
        let holds = try Self.notebook().evaluate(Request(kind: .claim, name: "measured-time-linear-in-operations"))
        guard case .claim(let claim) = holds.output else { Issue.record("not a claim"); return }
        #expect(claim.holds)
        // MobileNet is the furthest from the line: three times what its operations predict.
        #expect(claim.evidence[1].hasPrefix("MobileNet"))

        // VGG-16 made as fast as ResNet-18: the largest network no longer lies on the line.
        var edited = Self.fixture(setting: "median_ms", of: "vgg-16", batch: 1, to: "38.363")
        for (column, value) in [("q1_ms", "37"), ("q3_ms", "39"), ("images_per_s", "26.0668")] {
            edited = Self.fixture(setting: column, of: "vgg-16", batch: 1, to: value, in: edited)
        }
        let fails = try Self.notebook(edited).evaluate(Request(kind: .claim, name: "measured-time-linear-in-operations"))
        guard case .claim(let broken) = fails.output else { Issue.record("not a claim"); return }
        #expect(!broken.holds)
    }

    @Test func depthwiseMemoryAndTradeoffClaims() throws {
        let notebook = try Self.notebook()
        for name in ["measured-depthwise-below-rate", "measured-memory-linear-in-batch", "measured-accuracy-throughput-tradeoff"] {
            let result = try notebook.evaluate(Request(kind: .claim, name: name))
            guard case .claim(let claim) = result.output else { Issue.record("not a claim"); continue }
            #expect(claim.holds, "\(name): \(claim.evidence)")
        }
        // A stricter threshold than the data meet turns the verdict.
        let strict = try notebook.evaluate(Request(kind: .claim, name: "measured-time-linear-in-operations", options: ["min-r2": "0.9999"]))
        guard case .claim(let claim) = strict.output else { Issue.record("not a claim"); return }
        #expect(!claim.holds)
    }

    @Test func valuesNameTheMachineAndTheFit() throws {
        let notebook = try Self.notebook()
        func value(_ key: String) throws -> String {
            guard case .value(let v) = try notebook.evaluate(Request(kind: .value, name: key)).output else { return "" }
            return v.raw
        }
        #expect(try value("measured.machine") == "fixture-2c")
        #expect(try value("measured.date") == "2026-12-01")
        #expect(try value("measured.fastest") == "SqueezeNet")
        #expect(try value("measured.slowest") == "VGG-16")
        #expect(try value("measured.depthwise") == "mobilenet-v1")
        // The ratio is the reader's own division of the two times as the page shows them.
        func shown(_ key: String) throws -> Double {
            guard case .value(let v) = try notebook.evaluate(Request(kind: .value, name: key)).output else { return .nan }
            return Double(v.text.prefix { $0.isNumber || $0 == "." })!
        }
        #expect(abs(try shown("measured.slowest-over-fastest") - (try shown("measured.slowest.ms") / shown("measured.fastest.ms"))) <= 0.005)
        // Memory is exactly offset + slope·batch in the fixture: every fit explains it all.
        #expect(abs(Double(try value("measured.memory.r2-min"))! - 1) < 1e-4)
        #expect(try notebook.offers().contains { $0.kind == .value && $0.name == "measured.fit.r2" })
    }

    /// The runs' repeats are the file's, and rows a later run timed otherwise (their
    /// note says `repeats: …`) are named with theirs.
    @Test func repeatsNameTheRowsTimedOtherwise() throws {
        func repeats(_ text: String) throws -> String {
            guard case .value(let v) = try Self.notebook(text).evaluate(Request(kind: .value, name: "measured.repeats")).output else { return "" }
            return v.text
        }
        #expect(try repeats(Self.fixture) == "warm-up 2, then 3 to 10 runs within 5 s per batch size")
        var text = Self.fixture(setting: "note", of: "vgg-16", batch: 4, to: "repeats: warm-up 1")
        text = Self.fixture(setting: "note", of: "googlenet", batch: 4, to: "loud fan; repeats: warm-up 1", in: text)
        text = Self.fixture(setting: "note", of: "googlenet", batch: 2, to: "loud fan", in: text)
        #expect(try repeats(text) == "warm-up 2, then 3 to 10 runs within 5 s per batch size; for GoogLeNet at 4 and VGG-16 at 4: warm-up 1")
    }

    /// The fixture with CPU-time columns: half of each wall-clock time.
    static var fixtureWithCPUTime: String {
        fixture.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("#") || line.isEmpty { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "network" { fields.insert(contentsOf: ["cpu_median_ms", "cpu_q1_ms", "cpu_q3_ms"], at: 10) }
            else if fields[2] == "ok" { fields.insert(contentsOf: [4, 5, 6].map { String(Double(fields[$0])! / 2) }, at: 10) }
            else { fields.insert(contentsOf: ["", "", ""], at: 10) }
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
    }

    @Test func cpuTimeIsUsedWhenEveryRowHasIt() throws {
        let notebook = try Self.notebook(Self.fixtureWithCPUTime)
        func value(_ key: String) throws -> String {
            guard case .value(let v) = try notebook.evaluate(Request(kind: .value, name: key)).output else { return "" }
            return v.raw
        }
        #expect(try value("measured.clock") == "CPU time")
        // SqueezeNet: 2 + 10 × 1.65168844 ms on the wall clock, half of it on the CPU.
        #expect(abs(Double(try value("measured.fastest.ms"))! - (2 + 10 * 1.65168844) / 2) < 0.001)
        let wall = try Self.notebook()
        guard case .value(let v) = try wall.evaluate(Request(kind: .value, name: "measured.clock")).output else { return }
        #expect(v.raw == "wall-clock time")
        // A CPU-time median outside its quartiles is located like any other bad cell.
        let bad = Self.fixture(setting: "cpu_median_ms", of: "resnet-18", batch: 1, to: "1", in: Self.fixtureWithCPUTime)
        let problems = load(bad).problems
        #expect(problems.count == 1 && problems[0].line == 23)
    }

    @Test func leastSquaresRecoversAnExactLine() throws {
        let fit = try #require(LinearFit([(1, 12), (2, 22), (5, 52)]))
        #expect(abs(fit.slope - 10) < 1e-12 && abs(fit.intercept - 2) < 1e-12 && abs(fit.r2 - 1) < 1e-12)
        #expect(LinearFit([(1, 1)]) == nil)
        #expect(LinearFit([(1, 1), (1, 2)]) == nil)
    }

    @Test func depthwiseIsTellingGroupsEqualToChannels() {
        #expect(MeasuredSet.isDepthwise("conv 3×3/1, 32, groups 32"))
        #expect(!MeasuredSet.isDepthwise("conv 3×3/1, 256, groups 2"))
        #expect(!MeasuredSet.isDepthwise("conv 1×1/1, 240, groups 3"))
        #expect(!MeasuredSet.isDepthwise("conv 3×3/1, 64"))
    }

    @Test func noMeasurementsOffersNoMeasuredValuesAndAFigureSaysHowToMakeThem() throws {
        let notebook = AnalysisNotebook(paperDirectory: try Fixture.paper(), fingerprint: "test")
        #expect(try !notebook.offers().contains { $0.name.hasPrefix("measured.") })
        #expect {
            try notebook.evaluate(Request(kind: .figure, name: "measured-time-vs-batch"))
        } throws: { error in
            guard case NotebookError.problems(let p) = error else { return false }
            return p[0].message.contains("make measure")
        }
    }
}
