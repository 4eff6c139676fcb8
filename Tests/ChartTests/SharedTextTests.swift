import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import CCairo
import Testing
@testable import Chart

/// Texts are shaped once per figure and their SVG glyph outlines written once, then
/// shared by the six files: these tests fail if the sharing mixes up formats or widths,
/// or if a format loses its texts.
@Suite struct SharedTextTests {
    /// The glyph symbols of an SVG drawing: the `<defs>` block written by `SVGText`.
    private func glyphDefs(_ svg: String) -> Substring? {
        guard let start = svg.range(of: "<defs>\n<symbol overflow=\"visible\" id=\"text-glyph"),
              let end = svg.range(of: "</defs>", range: start.upperBound..<svg.endIndex) else { return nil }
        return svg[start.lowerBound..<end.upperBound]
    }

    @Test func eachFileIsWhatDrawingItAloneGives() throws {
        for chart in ChartSamples.all {
            let together = try chart.render(ChartFormat.allCases)
            for format in ChartFormat.allCases {
                #expect(try chart.render(format) == together[format], "\(chart.title) \(format)")
            }
        }
    }

    @Test func lightAndDarkSVGShareTheGlyphsAndDifferInColour() throws {
        for chart in ChartSamples.all {
            let files = try chart.render(ChartFormat.allCases)
            for (light, dark) in [(ChartFormat.svg, ChartFormat.darkSVG), (.narrowSVG, .narrowDarkSVG)] {
                let l = String(decoding: files[light]!, as: UTF8.self), d = String(decoding: files[dark]!, as: UTF8.self)
                let defs = try #require(glyphDefs(l), "\(chart.title) \(light)")
                #expect(glyphDefs(d) == defs, "\(chart.title) \(dark)")
                // The dark file is dark: its background and its texts in the dark theme.
                let theme = chart.theme.dark()
                func fill(_ c: Color) -> String { "fill:" + String(decoding: SVGNumber.rgb(c), as: UTF8.self) }
                let background = try #require(d.components(separatedBy: "\n").first { $0.hasPrefix("<rect x=\"0\" y=\"0\"") })
                #expect(background.contains("style=\"\(fill(theme.background));"), "\(chart.title) \(dark): \(background)")
                #expect(d.contains("<g style=\"\(fill(theme.textColor));fill-opacity:1;\">\n"), "\(chart.title) \(dark)")
                #expect(l.contains("<g style=\"\(fill(chart.theme.textColor));fill-opacity:1;\">\n"), "\(chart.title) \(light)")
            }
        }
    }

    @Test func everySVGDrawsEveryGlyphOfItsTexts() throws {
        for chart in ChartSamples.all {
            let laidOut = try chart.laidOut(for: ChartFormat.allCases)
            for format in ChartFormat.allCases where format.isSVG {
                let width = try #require(format.isNarrow ? laidOut.narrow : laidOut.wide)
                let glyphs = width.texts.reduce(0) { $0 + $1.runs.reduce(0) { $0 + $1.glyphs.count } }
                let svg = String(decoding: try laidOut.render(format, date: nil), as: UTF8.self)
                let uses = svg.components(separatedBy: "<use xlink:href=\"#text-glyph").count - 1
                // One <use> per glyph of the texts.
                #expect(glyphs > 0, "\(chart.title) \(format)")
                #expect(uses == glyphs, "\(chart.title) \(format)")
                // Every glyph used is defined.
                // (Each set found in one pass: searching the file once per id took seconds.)
                let ids = Set(svg.components(separatedBy: "<use xlink:href=\"#").dropFirst().map { $0.prefix { $0 != "\"" } })
                let defined = Set(svg.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } })
                #expect(ids.subtracting(defined).isEmpty, "\(chart.title) \(format): \(ids.subtracting(defined).sorted())")
            }
        }
    }

    @Test func pdfCarriesTheTextsAsTyped() throws {
        let tool = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let tool else {
            Issue.record("pdftotext is not installed (poppler-utils)")
            return
        }
        var chart = ChartSamples.bubbles()
        // "fi" is one glyph (a ligature) in DejaVu Sans: the PDF must still read "fi".
        chart.title = "Bubbles fit office"
        chart.showsTitle = true
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("chart-\(UUID().uuidString).pdf")
        try Data(try chart.render(.pdf)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [url.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("Bubbles fit office"))
        for name in ["Gamma-v3", "Epsilon-152", "Operations [G-Ops]"] { #expect(text.contains(name), "\(name)") }
    }

    @Test func pngDrawsTheShapedTexts() throws {
        // The same chart drawn with and without its texts: the title's box is blank
        // without them and holds dark pixels with them.
        var chart = ChartSamples.steps()
        chart.showsTitle = true
        let laidOut = try chart.laidOut(for: [.png])
        let width = try #require(laidOut.wide)
        let title = try #require(width.layout.texts.first { $0.role == .title }).box.boundingBox
        func darkPixels(withTexts: Bool) -> Int {
            let w = Int32(width.layout.canvas.width), h = Int32(width.layout.canvas.height)
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
            defer { cairo_surface_destroy(surface) }
            let cr = cairo_create(surface)!
            Renderer(chart: chart, layout: width.layout, texts: width.texts, theme: chart.theme).draw(cr, withTexts: withTexts)
            cairo_destroy(cr)
            cairo_surface_flush(surface)
            let stride = Int(cairo_image_surface_get_stride(surface))
            let data = cairo_image_surface_get_data(surface)!
            var count = 0
            for y in Int(title.minY)..<Int(title.maxY.rounded(.up)) {
                for x in Int(title.minX)..<Int(title.maxX.rounded(.up)) {
                    let p = data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) { $0.pointee }
                    if p & 0xFF < 128 { count += 1 }
                }
            }
            return count
        }
        #expect(darkPixels(withTexts: false) == 0)
        #expect(darkPixels(withTexts: true) > 50)
    }

    @Test func haloedLabelsAreStrokedUnderTheirFillInEverySVG() throws {
        var chart = ChartSamples.bubbles()
        chart.theme.labelHalo = true
        let files = try chart.render(ChartFormat.allCases)
        for format in ChartFormat.allCases where format.isSVG {
            let svg = String(decoding: files[format]!, as: UTF8.self)
            let parser = XMLParser(data: Data(files[format]!))
            #expect(parser.parse(), "\(format)")
            let theme = format.isDark ? chart.theme.dark() : chart.theme
            let halo = "<g style=\"fill:none;stroke-width:2.4;stroke-linejoin:round;stroke:"
                + String(decoding: SVGNumber.rgb(theme.background), as: UTF8.self) + ";stroke-opacity:0.75;\">"
            // One halo per label, each followed by the label's own glyphs in the text colour.
            let count = try #require(format.isNarrow ? chart.narrow().layout() : chart.layout()).texts(.label).count
            #expect(svg.components(separatedBy: halo).count - 1 == count, "\(format)")
        }
    }

    @Test func svgNumbersAreShortAndExact() {
        func f(_ v: Double) -> String { String(decoding: SVGNumber.format(v), as: UTF8.self) }
        #expect(f(0) == "0")
        #expect(f(-0.0000001) == "0")
        #expect(f(12) == "12")
        #expect(f(-3.5) == "-3.5")
        #expect(f(1.984375) == "1.984375")
        #expect(f(0.0078125) == "0.007813")
        #expect(f(-0.000001) == "-0.000001")
        #expect(f(123456.25) == "123456.25")
        #expect(String(decoding: SVGNumber.rgb(Color(red: 1, green: 0.5, blue: 0)), as: UTF8.self) == "rgb(100%,50%,0%)")
    }
}
