import Analysis
import Chart
import Foundation
import NotebookInterface
import Report

/// The benchmark cases of `make bench`, in the order they are printed.
struct Cases {
    let paper: URL
    let reportBinary: String
    let benchBinary: String
    let repeater: Repeater

    /// Builds through the `report` command, one process per build, as a user runs it:
    /// the times include process start, loading data and counting architectures.
    func commandBuilds() throws -> [Measurement] {
        let copy = try PaperCopy(of: paper, name: "cli")
        let build = { (reportBinary, ["build", "--paper", copy.paper.path, "--out", copy.output.path]) }
        var ms: [Measurement] = []
        ms.append(try repeater.child("start", "report --help (process start)") { (reportBinary, ["--help"]) })
        ms.append(try repeater.child("build", "cold (empty output folder)", setup: copy.removeOutput, build))
        ms.append(try repeater.child("build", "no-op rebuild", build))
        var revision = 0
        var m = try repeater.child("build", "one-paragraph edit", setup: {
            revision += 1
            try copy.editParagraph(revision: revision)
        }, build)
        m.note = "appends a sentence to \(copy.paragraphDescription)"
        ms.append(m)
        try copy.restore()
        m = try repeater.child("build", "one-number data edit", setup: {
            revision += 1
            try copy.editNumber(revision: revision)
        }, build)
        m.note = "top1 of one row of data/networks.csv ±0.01"
        ms.append(m)
        try copy.restore()
        return ms
    }

    /// The same builds through the library, in this process: no process start, and the
    /// architecture counts (a process-wide memo) are already warm after the first run.
    func libraryBuilds() async throws -> [Measurement] {
        let copy = try PaperCopy(of: paper, name: "lib")
        func build(_ paper: URL, output: URL?) async throws {
            let notebook = AnalysisNotebook(paperDirectory: paper, fingerprint: "report-bench")
            do {
                _ = try await Builder(notebook: notebook, options: BuildOptions(paper: paper, output: output)).build()
            } catch {
                throw BenchError("build failed:\n" + error.diagnostics.map { $0.formatted(root: "paper") }.joined(separator: "\n"))
            }
        }
        var ms: [Measurement] = []
        var m = try await repeater.inProcess("library", "cold build (empty output folder)", setup: copy.removeOutput) {
            try await build(copy.paper, output: copy.output)
        }
        m.note = "fresh notebook each run; architecture counts memoised by the process"
        ms.append(m)
        ms.append(try await repeater.inProcess("library", "no-op rebuild") { try await build(copy.paper, output: copy.output) })
        ms.append(try await repeater.inProcess("library", "check: evaluate and render in memory, no cache") {
            try await build(copy.paper, output: nil)
        })

        let bare = try PaperCopy(of: paper, name: "bare")
        try bare.stripDirectives()
        m = try await repeater.inProcess("library", "Markdown parse + HTML render alone") {
            try await build(bare.paper, output: nil)
        }
        m.note = "a copy without directives or computed values, built in memory"
        ms.append(m)
        return ms
    }

    /// Each figure of the paper: computing its chart from the data, then drawing it in
    /// each format, and in all three as a build does.
    func figures() throws -> [Measurement] {
        let notebook = AnalysisNotebook(paperDirectory: paper, fingerprint: "report-bench")
        let offers = (try? notebook.offers()) ?? []
        var ms: [Measurement] = []
        for request in figureRequests(offers: offers) {
            let label = ([request.name] + request.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
            var chart: Chart?
            ms.append(try repeater.inProcess("figure \(label)", "compute chart from data") {
                let result = try AnalysisNotebook(paperDirectory: paper, fingerprint: "report-bench").evaluate(request)
                guard case .figure(let figure) = result.output else { throw BenchError("\(request.name) is not a figure") }
                chart = figure.chart
            })
            guard let chart else { continue }
            for format in [ChartFormat.svg, .png, .pdf] {
                ms.append(try repeater.inProcess("figure \(label)", "render \(format.rawValue)") { _ = try chart.render(format) })
            }
            ms.append(try repeater.inProcess("figure \(label)", "render svg+png+pdf") {
                _ = try chart.render([ChartFormat.svg, .png, .pdf])
            })
            // What a build draws: the three downloads and the dark and phone drawings.
            ms.append(try repeater.inProcess("figure \(label)", "render all \(ChartFormat.allCases.count) files") {
                _ = try chart.render(ChartFormat.allCases)
            })
        }
        return ms
    }

    /// Counting every network: architecture counts are memoised for the life of a
    /// process, so each repetition is a fresh process that times only the counting.
    func counting() throws -> Measurement {
        var m = Measurement(group: "zoo", name: "count all \(Zoo.ids.count) networks", samples: [], peakBytes: 0)
        for i in 0..<(repeater.warmup + repeater.repetitions) {
            let run = try runChild(benchBinary, ["count-zoo"])
            guard run.status == 0, let t = Double(run.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw BenchError("count-zoo failed: \(run.output)")
            }
            if i >= repeater.warmup {
                m.samples.append(t)
                m.peakBytes = max(m.peakBytes, run.peakBytes)
            }
        }
        m.note = "in a fresh process; peak is the whole child's"
        return m
    }

    /// The figure directives of the paper with the options the notebook accepts (the
    /// builder's own, such as label and alt, are not part of the request).
    func figureRequests(offers: [Offer]) -> [Request] {
        var requests: [Request] = []
        let pages = ((try? FileManager.default.contentsOfDirectory(at: paper, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
        for url in pages {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            for (i, line) in lines.enumerated() {
                let t = line.trimmingCharacters(in: .whitespaces)
                guard let r = t.range(of: "{figure}"), t.prefix(3) == "```" || t.prefix(3) == "~~~" else { continue }
                let name = t[r.upperBound...].trimmingCharacters(in: .whitespaces)
                guard let offer = offers.first(where: { $0.kind == .figure && $0.name == name }) else { continue }
                var options: [String: String] = [:]
                for option in lines[(i + 1)...] {
                    let o = option.trimmingCharacters(in: .whitespaces)
                    guard o.hasPrefix(":"), let end = o.dropFirst().firstIndex(of: ":") else { break }
                    let key = String(o[o.index(after: o.startIndex)..<end])
                    if offer.options[key] != nil {
                        options[key] = o[o.index(after: end)...].trimmingCharacters(in: .whitespaces)
                    }
                }
                let request = Request(kind: .figure, name: name, options: options)
                if !requests.contains(request) { requests.append(request) }
            }
        }
        return requests
    }
}
