// The second example paper (examples/sorting) uses none of the network analysis: its own
// CSV, declarative charts, an author table, formatted values and checked expressions.
// Built here by the real `report`, so that the builder is proven not to be tied to one
// paper; then edited the way its author would, to see a check fail at its line.

import Foundation
import Testing

struct ExamplePaperTests {
    func copyOfExample() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ReliabilityPaths.repository.appendingPathComponent("examples/sorting"),
                                         to: root.appendingPathComponent("paper"))
        return root
    }

    @Test func theSortingPaperBuildsWithoutTheNetworkAnalysis() throws {
        let root = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("paper/data/networks.csv").path))
        let run = try runReport(["build"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let build = root.appendingPathComponent("build")
        let html = try String(contentsOf: build.appendingPathComponent("index.html"), encoding: .utf8)
        for file in ["figures/fig-growth.svg", "figures/fig-growth.png", "figures/fig-growth.pdf", "data/fig-growth.csv",
                     "figures/fig-large.png", "data/tbl-large.csv"] {
            #expect(FileManager.default.fileExists(atPath: build.appendingPathComponent(file).path), "\(file)")
        }
        // Values read from the CSV with their formats, the table's formats, both checks.
        let csv = try String(contentsOf: root.appendingPathComponent("paper/data/timings.csv"), encoding: .utf8)
        let row = csv.split(separator: "\n").first { $0.hasPrefix("timsort-10000,") }!.split(separator: ",")
        let ms = Double(row[3])!
        #expect(html.contains("title=\"data/timings.csv[timsort-10000].ms:.2f = \(row[3])\">\(String(format: "%.2f", ms))</span>"))
        #expect(html.contains("10\u{2009}000"))
        #expect(html.components(separatedBy: "claim claim-holds").count - 1 == 2)
        #expect(html.contains("<a class=\"xref\"") || html.contains("href=\"#fig-growth\""))
        let tableCSV = try String(contentsOf: build.appendingPathComponent("data/tbl-large.csv"), encoding: .utf8)
        #expect(tableCSV.hasPrefix("algorithm,n,ms\n"))
        #expect(!tableCSV.contains(",100,") && !tableCSV.contains(",300,"))   // the filter n >= 1000
    }

    @Test func aMeasurementThatContradictsAClaimStopsTheBuildAtIt() throws {
        let root = try copyOfExample()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("paper/data/timings.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        // The built-in sort made as slow as merge sort at 10 000 items.
        let merge = lines.first { $0.hasPrefix("merge-10000,") }!.split(separator: ",")[3]
        let i = lines.firstIndex { $0.hasPrefix("timsort-10000,") }!
        lines[i] = "timsort-10000,timsort,10000,\(merge)"
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let page = try String(contentsOf: root.appendingPathComponent("paper/index.md"), encoding: .utf8)
        let claimLine = page.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("```{claim} data/timings.csv[timsort-10000].ms * 10") }! + 1
        let run = try runReport(["build"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("paper/index.md:\(claimLine):1: error: claim 'data/timings.csv[timsort-10000].ms * 10 < data/timings.csv[merge-10000].ms' does not hold"),
                "\(run.stderr)")
    }
}

/// The README's "Adding your own analysis": its worked example is the file in the
/// repository, and a paper using it builds.
struct WorkedExampleTests {
    @Test func theReadmeShowsTheFileThatIsBuilt() throws {
        let readme = try String(contentsOf: ReliabilityPaths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let file = try String(contentsOf: ReliabilityPaths.repository.appendingPathComponent("Sources/Analysis/Contributions/Top5AgainstTop1.swift"),
                              encoding: .utf8)
        #expect(readme.contains("```swift\n" + file + "```"))
        let registry = try String(contentsOf: ReliabilityPaths.repository.appendingPathComponent("Sources/Analysis/Contributions/Registry.swift"),
                                  encoding: .utf8)
        #expect(registry.contains("        Top5AgainstTop1(),\n"))
    }

    @Test func aPaperUsingTheWorkedExampleBuilds() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-worked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ReliabilityPaths.repository.appendingPathComponent("paper"), to: root.appendingPathComponent("paper"))
        let page = root.appendingPathComponent("paper/results.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "\n```{figure} top5-vs-top1\n:label: fig-top5\n:alt: Top-5 against top-1 accuracy, one point per network.\nTop-5 against top-1 accuracy.\n```\n")
            .write(to: page, atomically: true, encoding: .utf8)
        let run = try runReport(["build"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: root.appendingPathComponent("build/data/fig-top5.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("id,name,top1,top5\n"))
        // One row per network whose top-5 accuracy the data gives (`report values` lists them).
        let values = try runReport(["values", "network."], in: root)
        let withTop5 = Set(values.stdout.split(separator: "\n").compactMap { line -> String? in
            let key = line.split(separator: "\t").first.map(String.init) ?? ""
            return key.hasSuffix(".top5") ? String(key.dropFirst("network.".count).dropLast(".top5".count)) : nil
        })
        let drawn = csv.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(!drawn.isEmpty)
        #expect(drawn.allSatisfy(withTop5.contains), "\(drawn)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("build/figures/fig-top5.png").path))
    }
}
