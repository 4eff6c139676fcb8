import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Chart

@Suite struct RenderTests {
    @Test(arguments: ChartSamples.all.indices)
    func svgIsWellFormedXML(_ i: Int) throws {
        let bytes = try ChartSamples.all[i].render(.svg)
        let parser = XMLParser(data: Data(bytes))
        #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<title>\(ChartSamples.all[i].title)</title>"))
        #expect(text.contains("width=\"640pt\"") || text.contains("width=\"640\""))
    }

    @Test func pngIsTwiceTheSizeInPixels() throws {
        var chart = ChartSamples.bubbles()
        chart.width = 640
        chart.height = 420
        let png = try chart.render(.png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 1280)
        #expect(be32(20) == 840)
    }

    @Test func pdfOpensInPdfinfo() throws {
        let pdf = try ChartSamples.bubbles().render(.pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        let tool = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else {
            Issue.record("pdfinfo is not installed (poppler-utils)")
            return
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let info = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(info.contains("Pages:") && info.contains("640 x 420 pts"))
        #expect(info.contains("Title:") && info.contains("Bubbles"))
    }

    @Test(arguments: ChartFormat.allCases)
    func outputIsByteIdenticalAcrossRenders(_ format: ChartFormat) throws {
        for chart in ChartSamples.all {
            let first = try chart.render(format)
            let second = try chart.render(format)
            #expect(first == second, "\(chart.title) \(format)")
        }
    }

    @Test func laidOutChartDrawsTheSameBytesFormatByFormat() throws {
        for chart in ChartSamples.all {
            let together = try chart.render(ChartFormat.allCases)
            let laidOut = try chart.laidOut(for: ChartFormat.allCases)
            for format in ChartFormat.allCases {
                #expect(try laidOut.render(format, date: nil) == together[format], "\(chart.title) \(format)")
            }
        }
        // Laid out for the page's width only: a phone drawing was not prepared.
        let wideOnly = try ChartSamples.bubbles().laidOut(for: [.svg, .png])
        #expect(throws: ChartError.self) { try wideOnly.render(.narrowSVG, date: nil) }
    }

    @Test func normalizeSVGRenumbersSurfacesAndAddsTheTitle() {
        let svg = "<?xml version=\"1.0\"?>\n<svg a=\"1\">surface12 <g id=\"surface7\"/><use href=\"#surface12\"/>surface</svg>"
        let out = String(decoding: Chart.normalizeSVG(Array(svg.utf8), title: "A < B & C"), as: UTF8.self)
        #expect(out == "<?xml version=\"1.0\"?>\n<svg a=\"1\">\n<title>A &lt; B &amp; C</title>"
            + "surface1 <g id=\"surface2\"/><use href=\"#surface1\"/>surface</svg>")
        // No <svg> tag: nothing to put a title in; an empty title adds none.
        #expect(Chart.normalizeSVG(Array("<g>surface3</g>".utf8), title: "T") == Array("<g>surface1</g>".utf8))
        #expect(Chart.normalizeSVG(Array("<svg>surface9</svg>".utf8), title: "") == Array("<svg>surface1</svg>".utf8))
    }

    @Test func svgSurfaceIdsDoNotDependOnHowManyChartsCameBefore() throws {
        let chart = ChartSamples.steps()
        let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
        #expect(svg.contains("id=\"surface1\""))
        #expect(!svg.contains("surface0") && !svg.contains("surface9"))
    }

    @Test func pdfDateIsFixedOrTheOneGiven() throws {
        // Cairo 1.16 writes the date without the "D:" prefix; pdfinfo reads it either way.
        let fixed = String(decoding: try ChartSamples.steps().render(.pdf), as: UTF8.self)
        #expect(fixed.contains("/CreationDate (D:20160524000000") || fixed.contains("/CreationDate (20160524000000"))
        let given = String(decoding: try ChartSamples.steps().render(.pdf, date: 1_764_633_600), as: UTF8.self)
        #expect(given.contains("/CreationDate (D:20251202000000") || given.contains("/CreationDate (20251202000000"))
    }

    @Test func concurrentRendersMatchSequentialOnes() async throws {
        let charts = ChartSamples.all
        var expected: [[UInt8]] = []
        for chart in charts {
            for format in ChartFormat.allCases { expected.append(try chart.render(format)) }
        }
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for round in 0..<3 {
                for (i, chart) in charts.enumerated() {
                    for (j, format) in ChartFormat.allCases.enumerated() {
                        group.addTask { (i * ChartFormat.allCases.count + j, try chart.render(format)) }
                    }
                }
                _ = round
            }
            var out: [(Int, [UInt8])] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == expected.count * 3)
        for (index, bytes) in results { #expect(bytes == expected[index]) }
    }
}
