import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Chart
import NotebookInterface
@testable import Analysis

/// Every figure, with every option value, renders in every format, checked by content:
/// the SVG parses as XML, the PDF is one page of the chart's size (pdfinfo), the PNG has
/// twice the chart's size in pixels and is not blank (scripts/png-pixels). Set
/// FIGURES_DIR to keep the files for a look.
@Suite struct FigureRenderTests {
    static var variants: [(String, [String: String])] {
        var out: [(String, [String: String])] = []
        for offer in FigureCatalog.offers {
            out.append((offer.name, [:]))
            for (key, values) in offer.options.sorted(by: { $0.key < $1.key }) {
                for v in values { out.append((offer.name, [key: v])) }
            }
        }
        out.append(("top1-vs-operations", ["scale": "log", "convention": "macs"]))
        return out
    }

    @Test func everyFigureRendersInEveryFormat() throws {
        let dir = ProcessInfo.processInfo.environment["FIGURES_DIR"]
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)").path
        let keep = ProcessInfo.processInfo.environment["FIGURES_DIR"] != nil
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if !keep { try? FileManager.default.removeItem(atPath: dir) } }
        var sizes: [String: (width: Double, height: Double)] = [:]
        for (name, options) in Self.variants {
            let figure = try FigureCatalog.make(name, options: options, networks: FigureFixtures.networks,
                                                later: FigureFixtures.later)
            let suffix = options.sorted { $0.key < $1.key }.map { "-\($0.value)" }.joined()
            let base = "\(dir)/\(name)\(suffix)"
            sizes[base] = (figure.chart.width, figure.chart.height)
            for (format, bytes) in try figure.chart.render(ChartFormat.allCases) {
                try Data(bytes).write(to: URL(fileURLWithPath: "\(base).\(format.rawValue)"))
                if format == .svg {
                    #expect(XMLParser(data: Data(bytes)).parse(), "\(base).svg does not parse")
                    #expect(String(decoding: bytes, as: UTF8.self).contains("<svg"), "\(base).svg")
                }
            }
            // "Pages:           1", "Page size:       640 x 420 pts" (spacing varies by version).
            let info = try run("/usr/bin/pdfinfo", ["\(base).pdf"]).split(separator: "\n").map {
                $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
            #expect(info.contains("Pages: 1"), "\(base).pdf: \(info)")
            let size = "Page size: \(Int(figure.chart.width)) x \(Int(figure.chart.height)) pts"
            #expect(info.contains(size), "\(base).pdf: expected '\(size)' in \(info)")
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/png-pixels").path
        let report = try run("/usr/bin/python3", [script] + sizes.keys.sorted().map { $0 + ".png" })
        let lines = report.split(separator: "\n")
        #expect(lines.count == sizes.count, "\(report)")
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let w = Int(fields[1]), let h = Int(fields[2]), let changing = Double(fields[3]),
                  let size = sizes[String(fields[0].dropLast(4))] else {
                Issue.record("unreadable: \(line)"); continue
            }
            #expect(w == Int((size.width * Chart.pngScale).rounded()) && h == Int((size.height * Chart.pngScale).rounded()), "\(line)")
            #expect(changing > 0.1, "\(fields[0]) looks blank (\(changing) of its rows differ from the one above)")
        }
    }

    /// Runs a tool and returns its standard output (its error output too, on failure).
    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 { Issue.record("\(tool) failed: \(String(decoding: errors, as: UTF8.self))") }
        return text
    }
}
