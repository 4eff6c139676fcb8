import Foundation
import Testing
import Chart
import NotebookInterface
@testable import Analysis

/// Every figure, with every option value, renders in every format; set FIGURES_DIR to
/// keep the PNGs for a look.
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
        if let dir { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for (name, options) in Self.variants {
            let figure = try FigureCatalog.make(name, options: options, networks: FigureFixtures.networks,
                                                later: FigureFixtures.later)
            for format in ChartFormat.allCases {
                let bytes = try figure.chart.render(format)
                #expect(bytes.count > 1000, "\(name) \(options) \(format)")
                if let dir {
                    let suffix = options.sorted { $0.key < $1.key }.map { "-\($0.value)" }.joined()
                    try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/\(name)\(suffix).\(format.rawValue)"))
                }
            }
        }
    }
}
