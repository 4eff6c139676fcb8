import Foundation
import Testing
@testable import Report

/// The `report` command line as a user or a script meets it, on a copy of the real paper.
@Suite(.serialized) struct CommandLineTests {
    /// A scratch folder holding a copy of the repository's `paper/`.
    func paperCopy() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ReliabilityPaths.repository.appendingPathComponent("paper"),
                                         to: root.appendingPathComponent("paper"))
        return root
    }

    @Test func everySubcommandHasHelp() throws {
        let root = FileManager.default.temporaryDirectory
        let top = try runReport(["--help"], in: root)
        #expect(top.status == 0)
        for command in ["build", "check", "list", "values", "clean"] {
            #expect(top.stdout.contains(command), "top-level help does not mention \(command)")
            let help = try runReport([command, "--help"], in: root)
            #expect(help.status == 0, "\(command) --help failed")
            #expect(help.stdout.contains("USAGE: report \(command)"))
        }
    }

    @Test func valuesPrintsRawSortedKeyValueLines() throws {
        let root = try paperCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runReport(["values", "network.vgg-16."], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines == lines.sorted())
        #expect(lines.allSatisfy { $0.hasPrefix("network.vgg-16.") && $0.split(separator: "\t").count == 2 })
        // Raw values: whole counts as integers, computed from the architecture.
        #expect(lines.contains("network.vgg-16.params\t138357544"))
        #expect(lines.contains("network.vgg-16.macs\t15470264320"))
    }

    @Test func listShowsEveryKindOneLineEach() throws {
        let root = try paperCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runReport(["list"], in: root)
        #expect(run.status == 0)
        let kinds = Set(run.stdout.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) })
        #expect(kinds == Set(Listing.kinds))
        #expect(run.stdout.contains("figure\ttop1-vs-operations\t"))
        #expect(run.stdout.contains("claim\tdensity-leaders <network-id...>\t"))
        // The builder's options come from the kinds' declarations, with their values.
        #expect(run.stdout.contains("figure\t:alt:\trequired: what the figure shows"))
        #expect(run.stdout.contains("claim\t:expect: hold|fail\t"))

        let figures = try runReport(["list", "--kind", "figure"], in: root)
        #expect(figures.status == 0)
        #expect(figures.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("figure\t") })
        #expect(!figures.stdout.isEmpty)
    }

    @Test func listOfAnUnknownKindIsAnErrorNamingTheKinds() throws {
        let root = try paperCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try runReport(["list", "--kind", "figures"], in: root)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error: unknown kind 'figures'; did you mean 'figure'? (kinds: figure, table, claim, math, value)"),
                "\(run.stderr)")
    }

    @Test func buildCheckAndCleanOnTheRealPaper() throws {
        let root = try paperCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try runReport(["check"], in: root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("build").path))

        let build = try runReport(["build"], in: root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("build/index.html"))
        let again = try runReport(["build", "--verbose"], in: root)
        #expect(again.stdout.contains("up to date"))
        #expect(!again.stdout.contains("computed ("))

        // Editing an accuracy so that a claim fails stops the build at the claim's line.
        let csv = root.appendingPathComponent("paper/data/networks.csv")
        let original = try String(contentsOf: csv, encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edited = lines.map { line -> String in
            guard line.hasPrefix("squeezenet-1.0,") else { return line }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            if let i = header.firstIndex(of: "top1") { cells[i] = "5.0" }
            return cells.joined(separator: ",")
        }
        try edited.joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: root.appendingPathComponent("build/index.html"))
        let failed = try runReport(["build"], in: root)
        #expect(failed.status == 1)
        #expect(failed.errorLines.contains { $0.hasPrefix("paper/") && $0.contains(".md:") && $0.contains("claim") })
        #expect(try Data(contentsOf: root.appendingPathComponent("build/index.html")) == before)

        // Restoring it restores the build.
        try original.write(to: csv, atomically: true, encoding: .utf8)
        #expect(try runReport(["build"], in: root).status == 0)

        let clean = try runReport(["clean"], in: root)
        #expect(clean.status == 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("build").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("paper/index.md").path))
    }
}
