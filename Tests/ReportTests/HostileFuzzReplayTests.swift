import Foundation
import Testing
@testable import Report

// The fuzzers' findings as regression tests: every input kept under `fuzz/corpus/` and
// `fuzz/crashers/` goes through the same driver the fuzz target used. A crash here is a
// crash of the test process, which fails the run loudly, as it should.

enum FuzzInputs {
    static let root = ReliabilityPaths.repository.appendingPathComponent("fuzz")

    /// Files of `fuzz/corpus/TARGET` and `fuzz/crashers/TARGET`, with their names.
    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for folder in ["corpus", "crashers"] {
            let dir = root.appendingPathComponent(folder).appendingPathComponent(target)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            where !name.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                    out.append(("\(folder)/\(target)/\(name)", [UInt8](data)))
                }
            }
        }
        return out
    }
}

@Suite("Fuzz regressions: the kept corpus and crashers replay without a crash")
struct HostileFuzzReplayTests {
    /// Every kept input of `target` through `driver`: none may crash or hang (the 5 s
    /// limit catches what libFuzzer's 10 s timeout would).
    func replay(_ target: String, _ driver: ([UInt8]) -> Int) {
        let inputs = FuzzInputs.inputs(target)
        #expect(inputs.count >= 4, "the \(target) corpus is missing (fuzz/corpus/\(target))")
        for input in inputs {
            let start = Date()
            _ = driver(input.bytes)
            #expect(Date().timeIntervalSince(start) < 5, "\(input.name) took too long")
        }
    }

    @Test func pageInputs() { replay("page") { FuzzDrivers.page($0) + FuzzDrivers.references($0) } }
    @Test func bibTeXInputs() { replay("bibtex", FuzzDrivers.bibTeX) }
    @Test func mathInputs() { replay("math", FuzzDrivers.math) }

    /// The driver's own check finds broken MathML: otherwise a fuzzer that never traps
    /// would look like one that finds nothing.
    @Test func mathDriverCatchesBadMathML() {
        #expect(FuzzDrivers.xmlProblem(#"<math><mi>x</mi></math>"#) == nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><mi>a &lt; b &amp; c</mi><mspace width="1em"/></math>"#) == nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><mi>x</mo></math>"#) != nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><mi>x</mi>"#) != nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><mi>a & b</mi></math>"#) != nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><m"i>x</m"i></math>"#) != nil)
        #expect(FuzzDrivers.xmlProblem(#"<math><mi a="1>x</mi></math>"#) != nil)
        // Every formula of the corpus passes the check, inline and display.
        for c in mathCorpus {
            #expect(FuzzDrivers.xmlProblem((try? MathParser.mathML(c.tex, display: c.display)) ?? "<math></math>") == nil, "\(c.tex)")
        }
    }

    /// The CSV reader lives in the analysis, which this test target does not link: the
    /// inputs go through the real `report check`, as `data/networks.csv`.
    @Test func csvInputs() throws {
        let inputs = FuzzInputs.inputs("csv")
        #expect(inputs.count >= 4, "the CSV corpus is missing (fuzz/corpus/csv)")
        let project = try ScratchProject.make()
        defer { project.remove() }
        for input in inputs {
            try project.write("data/networks.csv", Data(input.bytes))
            let run = try project.run(["check"], timeout: 30)
            #expect(!run.timedOut && !run.crashed && (run.status == 0 || run.status == 1),
                    "\(input.name): status \(run.status)\n\(run.stderr.prefix(1000))")
            if run.status == 1 {
                #expect(run.errorLines.allSatisfy { $0.hasPrefix("paper/") }, "\(input.name): unlocated error\n\(run.stderr.prefix(1000))")
            }
        }
    }
}
