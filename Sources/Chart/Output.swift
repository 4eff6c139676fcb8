import Foundation
import CCairo

/// Collects what Cairo writes, so nothing touches the file system.
private final class ByteSink {
    var bytes: [UInt8] = []
}

private let appendToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

extension Chart {
    /// Pixels per point in PNG output (2x for high-density screens).
    public static let pngScale = 2.0

    /// Draws the chart; identical input gives byte-identical output, in any process and
    /// on any thread (each call owns its surfaces and its Pango context).
    public func render(_ format: ChartFormat, date: Int?) throws -> [UInt8] {
        try render([format], date: date)[format]!
    }

    /// With the fixed PDF date.
    public func render(_ format: ChartFormat) throws -> [UInt8] { try render(format, date: nil) }

    /// With the fixed PDF date.
    public func render(_ formats: [ChartFormat]) throws -> [ChartFormat: [UInt8]] { try render(formats, date: nil) }

    /// Draws the chart in several formats, measuring and placing everything once per
    /// width (the layout is a sizeable part of a vector format's time): the dark
    /// variants reuse the layout of the light ones, only their colours differ. `date`
    /// (seconds since 1970, the builder passes SOURCE_DATE_EPOCH) is the PDF's creation
    /// date; the chart layer reads no environment itself, so its output depends only on
    /// its arguments.
    public func render(_ formats: [ChartFormat], date: Int?) throws -> [ChartFormat: [UInt8]] {
        let laidOut = try laidOut(for: formats)
        var files: [ChartFormat: [UInt8]] = [:]
        for format in formats { files[format] = try laidOut.render(format, date: date) }
        return files
    }

    /// The chart measured and placed once per width that `formats` need, its texts
    /// shaped once and its SVG glyph outlines written once, to be drawn one format at a
    /// time (`LaidOutChart.render`), on any thread: a build spreads one figure's files
    /// over the cores that way.
    public func laidOut(for formats: [ChartFormat]) throws -> LaidOutChart {
        let engine = TextEngine(family: theme.fontFamily)
        let glyphs = SVGGlyphTable()
        func prepare(_ chart: Chart, _ formats: [ChartFormat]) throws -> LaidOutChart.Width? {
            guard !formats.isEmpty else { return nil }
            let layout = try chart.layout(engine)
            let texts = layout.texts.map { engine.shape($0.text, size: $0.fontSize) }
            let svg = formats.contains(where: \.isSVG)
                ? glyphs.text(for: zip(texts, layout.texts).map { ($0, $1.box.origin, $1.box.angle) }) : nil
            return LaidOutChart.Width(chart: chart, layout: layout, texts: texts, svg: svg)
        }
        let narrow = formats.filter(\.isNarrow)
        return LaidOutChart(wide: try prepare(self, formats.filter { !$0.isNarrow }),
                            narrow: narrow.isEmpty ? nil : try prepare(self.narrow(), narrow))
    }

    fileprivate func draw(_ format: ChartFormat, with renderer: Renderer, svgText: SVGText?, date epoch: Int?) throws -> [UInt8] {
        // The layout's canvas: a phone drawing grows downwards to hold its legends.
        let width = renderer.layout.canvas.width, height = renderer.layout.canvas.height
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer
        switch format {
        case .svg, .darkSVG, .narrowSVG, .narrowDarkSVG:
            surface = cairo_svg_surface_create_for_stream(appendToSink, closure, width, height)
        case .pdf:
            surface = cairo_pdf_surface_create_for_stream(appendToSink, closure, width, height)
            let date = Chart.pdfDate(epoch)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "report")
            if !title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        case .png:
            surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32((width * Chart.pngScale).rounded()),
                                                 Int32((height * Chart.pngScale).rounded()))
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw ChartError("cannot create the \(format.rawValue) surface: \(Chart.describe(cairo_surface_status(surface)))")
        }
        let cr = cairo_create(surface)!
        if format == .png { cairo_scale(cr, Chart.pngScale, Chart.pngScale) }
        renderer.draw(cr, withTexts: !format.isSVG)
        let drawStatus = cairo_status(cr)
        cairo_destroy(cr)
        guard drawStatus == CAIRO_STATUS_SUCCESS else {
            throw ChartError("drawing failed: \(Chart.describe(drawStatus))")
        }
        if format == .png {
            cairo_surface_flush(surface)
            if let png = PNGEncoder.encode(surface) { return png }
            let status = cairo_surface_write_to_png_stream(surface, appendToSink, closure)
            guard status == CAIRO_STATUS_SUCCESS else { throw ChartError("PNG encoding failed: \(Chart.describe(status))") }
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw ChartError("\(format.rawValue) output failed: \(Chart.describe(status))") }
        withExtendedLifetime(sink) {}
        guard format.isSVG else { return sink.bytes }
        guard let svgText else { throw ChartError("the chart's texts were not prepared for \(format.rawValue)") }
        let texts = svgText.element(color: renderer.theme.textColor) { renderer.halo(renderer.layout.texts[$0]) }
        return Chart.normalizeSVG(svgText.insert(texts, into: sink.bytes), title: title)
    }

    static func describe(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }

    /// The PDF creation date: the given one (the builder's SOURCE_DATE_EPOCH), else a
    /// fixed date, so that the bytes never depend on the clock.
    static func pdfDate(_ epoch: Int?) -> String {
        let seconds = TimeInterval(epoch ?? 1_464_048_000) // 2016-05-24, the paper's arXiv date
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return f.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// Cairo numbers SVG surfaces with a process-wide counter (`id="surface42"`); renumber
    /// them by first appearance so that the same chart gives the same bytes in any
    /// process. Also adds a `<title>` for screen readers after the opening `<svg …>` tag.
    /// The text between two "surface" words is copied in one piece: a byte-by-byte copy
    /// was 3 % of a cold build's instructions (68 drawings, 9 MB).
    static func normalizeSVG(_ bytes: [UInt8], title: String) -> [UInt8] {
        let word = Array("surface".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64 + title.utf8.count)
        var mapping: [ArraySlice<UInt8>: Int] = [:]
        // Where the title goes: just after the first ">" that follows "<svg".
        var titleAt = title.isEmpty ? nil : bytes.firstRange(of: Array("<svg".utf8), from: 0)
            .flatMap { bytes.firstIndex(of: UInt8(ascii: ">"), from: $0.lowerBound) }.map { $0 + 1 }
        func copy(_ range: Range<Int>) {
            if let at = titleAt, range.contains(at) || range.upperBound == at {
                out += bytes[range.lowerBound..<at]
                let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;")
                out += Array("\n<title>\(escaped)</title>".utf8)
                out += bytes[at..<range.upperBound]
                titleAt = nil
            } else {
                out += bytes[range]
            }
        }
        var i = 0
        while let found = bytes.firstRange(of: word, from: i) {
            copy(i..<found.upperBound)
            var end = found.upperBound
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            if end > found.upperBound {
                let digits = bytes[found.upperBound..<end]
                let n = mapping[digits] ?? (mapping.count + 1)
                mapping[digits] = n
                out += Array(String(n).utf8)
            }
            i = end
        }
        copy(i..<bytes.count)
        return out
    }
}

private extension Array where Element == UInt8 {
    /// The first occurrence of `needle` at or after `start`: memchr finds each candidate
    /// first byte (these are hundreds of kilobytes), memcmp checks the rest.
    func firstRange(of needle: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = needle.first else { return nil }
        return withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                guard let base = hay.baseAddress else { return nil }
                var at = start
                while at + n.count <= hay.count {
                    guard let hit = memchr(base + at, Int32(first), hay.count - n.count + 1 - at) else { return nil }
                    at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at..<at + n.count }
                    at += 1
                }
                return nil
            }
        }
    }

    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        self[start...].firstIndex(of: byte)
    }
}

/// A chart whose texts were measured and whose marks and labels were placed, at its own
/// width and, when asked for, at a phone's (`Chart.narrow()`): all that is left is to
/// draw it, which gives the same bytes as `Chart.render` on any thread.
public struct LaidOutChart: Sendable {
    /// One width's chart, its layout, its texts shaped, and (for SVG files) its texts as SVG.
    struct Width: Sendable {
        var chart: Chart
        var layout: ChartLayout
        var texts: [ShapedText]
        var svg: SVGText?
    }

    var wide: Width?
    var narrow: Width?

    /// Draws one format; it must be one of those the layout was made for.
    public func render(_ format: ChartFormat, date: Int?) throws -> [UInt8] {
        guard let width = format.isNarrow ? narrow : wide else {
            throw ChartError("the chart was not laid out for \(format.rawValue)")
        }
        let chart = width.chart
        let renderer = Renderer(chart: chart, layout: width.layout, texts: width.texts,
                                theme: format.isDark ? chart.theme.dark() : chart.theme)
        return try chart.draw(format, with: renderer, svgText: width.svg, date: date)
    }
}
