import ArgumentParser
import Analysis
import Foundation

extension ReportCommand {
    /// `report measure`: exports the graphs and hands them to the Python harness in
    /// measure/ (ONNX Runtime), which writes paper/data/measurements/MACHINE.csv. A build
    /// never measures; it only reads what this wrote.
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure every network with ONNX Runtime on this machine (needs `make measure`'s virtual environment).",
            discussion: """
            Time per batch, images per second and peak memory for batch sizes 1, 2, 4, …, 64; \
            results go to PAPER/data/measurements/MACHINE.csv. Interrupt at any time: networks \
            already measured are kept, and the next run carries on with the rest. \
            See measure/README.md.
            """)

        @Argument(help: "Network ids (default: every defined network).")
        var ids: [String] = []
        @Option(name: .long, help: ArgumentHelp("The paper folder.", valueName: "dir"))
        var paper: String = "paper"
        @Option(name: .long, help: ArgumentHelp("Comma-separated batch sizes.", valueName: "list"))
        var batches: String = "1,2,4,8,16,32,64"
        @Option(name: .long, help: "The machine's name (the CSV's file name); default: from its CPU and core count.")
        var machine: String?
        @Option(name: .long, help: "Threads ONNX Runtime may use (intra-op).")
        var threads: Int = 1
        @Option(name: .long, help: "The harness folder (with .venv/).")
        var harness: String = "measure"
        @Flag(name: .long, help: "Measure again networks the file already has.")
        var again = false

        func run() async throws {
            let python = URL(fileURLWithPath: harness).appendingPathComponent(".venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                FileHandle.standardError.write(Data("report: error: \(python) not found; run `make measure` once (it creates the virtual environment with onnx, onnxruntime and numpy)\n".utf8))
                throw ExitCode(1)
            }
            let graphs = FileManager.default.temporaryDirectory.appendingPathComponent("report-graphs-\(getpid())")
            defer { try? FileManager.default.removeItem(at: graphs) }
            var export = try Export.parse(ids + ["--out", graphs.path])
            try await export.run()

            var arguments = [URL(fileURLWithPath: harness).appendingPathComponent("harness.py").path,
                             "--graphs", graphs.path,
                             "--out", URL(fileURLWithPath: paper).appendingPathComponent("data/measurements").path,
                             "--batches", batches, "--threads", String(threads)]
            if let machine { arguments += ["--machine", machine] }
            if again { arguments.append("--again") }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = arguments
            // Ctrl-C reaches the harness too (same process group); it saves what is done.
            signal(SIGINT, SIG_IGN)
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw ExitCode(process.terminationStatus) }
        }
    }
}
