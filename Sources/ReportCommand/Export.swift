import ArgumentParser
import Analysis
import Foundation

extension ReportCommand {
    /// `report export`: each network's graph as JSON (format: measure/README.md), written
    /// from the definitions the paper counts, for the measurement harness.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write each network's graph (layers, shapes, attributes, parameter tensors) as JSON.",
            discussion: "One file per network, OUT/ID.json; the format is described in measure/README.md.")

        @Argument(help: "Network ids (default: every defined network).")
        var ids: [String] = []
        @Option(name: .long, help: ArgumentHelp("The folder to write into (created if missing).", valueName: "dir"))
        var out: String = "measure/graphs"

        func run() async throws {
            let wanted = ids.isEmpty ? Zoo.ids : ids
            let folder = URL(fileURLWithPath: out)
            var failures: [String] = []
            var written: [(String, ExportedNetwork)] = []
            for id in wanted {
                do {
                    guard let network = try Zoo.exported(id) else {
                        failures.append("no architecture is defined for '\(id)'; defined: " + Zoo.ids.joined(separator: ", "))
                        continue
                    }
                    written.append((id, network))
                } catch {
                    failures.append("architecture \(error)")
                }
            }
            // All or nothing: a typo in one id writes no file.
            guard failures.isEmpty else {
                for f in failures { FileHandle.standardError.write(Data("report: error: \(f)\n".utf8)) }
                throw ExitCode(1)
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (id, network) in written {
                try network.json().write(to: folder.appendingPathComponent(id + ".json"), options: .atomic)
            }
            print("exported \(written.count) network\(written.count == 1 ? "" : "s") to \(out)/")
        }
    }
}
