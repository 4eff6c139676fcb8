import CCairo
import CPangoCairo

/// Measures and shapes text with Pango. One per layout: it owns a Pango context on the
/// calling thread's default font map, which Pango keeps per thread (since 1.32.6), so
/// layouts on several threads at once never share font-map state. Each text is shaped
/// once per size, however often the layout measures it; the shaped glyphs are what every
/// format draws (`ShapedText`), so no format shapes a text again.
final class TextEngine {
    private let context: OpaquePointer
    private let fontOptions: OpaquePointer
    private var fonts: [Double: OpaquePointer] = [:]
    private var shaped: [TextKey: ShapedText] = [:]
    private let family: String

    private struct TextKey: Hashable {
        var text: String
        var size: Double
    }

    init(family: String) {
        let fontMap = pango_cairo_font_map_get_default()
        context = pango_font_map_create_context(fontMap)
        fontOptions = cairo_font_options_create()
        // Unhinted metrics make a text's size independent of the target (SVG, PDF, PNG
        // at 2x), so the layout measured once fits every format.
        cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(fontOptions, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, fontOptions)
        self.family = family
    }

    deinit {
        for (_, f) in fonts { pango_font_description_free(f) }
        cairo_font_options_destroy(fontOptions)
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    private func font(_ size: Double) -> OpaquePointer {
        if let f = fonts[size] { return f }
        let f = pango_font_description_new()!
        pango_font_description_set_family(f, family)
        pango_font_description_set_absolute_size(f, size * Double(PANGO_SCALE))
        fonts[size] = f
        return f
    }

    /// Logical size of one line of text, in points.
    func measure(_ text: String, size: Double) -> (width: Double, height: Double) {
        let s = shape(text, size: size)
        return (s.width, s.height)
    }

    /// The text laid out by Pango (fonts chosen, glyphs placed), kept as glyphs that
    /// Cairo draws directly.
    func shape(_ text: String, size: Double) -> ShapedText {
        let key = TextKey(text: text, size: size)
        if let s = shaped[key] { return s }
        let utf8 = text.utf8CString.dropLast().map { $0 }
        let layout = pango_layout_new(context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_font_description(layout, font(size))
        pango_layout_set_text(layout, text, -1)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let unit = Double(PANGO_SCALE)
        // Glyphs are placed relative to the logical box's top-left corner.
        let dx = -Double(logical.x), dy = -Double(logical.y)
        var runs: [ShapedText.Run] = []
        let iter = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iter) }
        repeat {
            // A line's end has no run.
            guard let run = pango_layout_iter_get_run_readonly(iter),
                  let font = run.pointee.item.pointee.analysis.font,
                  let scaledFont = pango_cairo_font_get_scaled_font(OpaquePointer(font)) else { continue }
            var extents = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &extents)
            let baseline = Double(pango_layout_iter_get_baseline(iter))
            let string = run.pointee.glyphs.pointee
            let item = run.pointee.item.pointee
            var x = Double(extents.x)
            var glyphs: [cairo_glyph_t] = []
            // Which characters each glyph draws, so that a PDF's text reads as typed
            // ("fi", not the ligature's own character): clusters of the run's text, each
            // with the glyphs it became. Left-to-right runs only, where Pango lists the
            // glyphs in the text's order.
            var clusterStarts: [Int] = [], clusterGlyphs: [Int32] = []
            for i in 0..<Int(string.num_glyphs) {
                let g = string.glyphs[i]
                let start = Int(string.log_clusters[i])
                if clusterStarts.last != start {
                    clusterStarts.append(start)
                    clusterGlyphs.append(0)
                }
                // Pango's empty glyph (a zero-width character) draws nothing; an unknown
                // one (no font has the character) would be a box of hex digits in Pango's
                // own renderer, and is left out here.
                if g.glyph != ShapedText.emptyGlyph && g.glyph & ShapedText.unknownGlyphFlag == 0 {
                    glyphs.append(cairo_glyph_t(index: UInt(g.glyph),
                                                x: (dx + x + Double(g.geometry.x_offset)) / unit,
                                                y: (dy + baseline + Double(g.geometry.y_offset)) / unit))
                    clusterGlyphs[clusterGlyphs.count - 1] += 1
                }
                x += Double(g.geometry.width)
            }
            guard !glyphs.isEmpty else { continue }
            let first = Int(item.offset), end = first + Int(item.length)
            let ordered = zip(clusterStarts, clusterStarts.dropFirst()).allSatisfy { $0 < $1 }
            var clusters: [cairo_text_cluster_t]?
            // Pango's cluster offsets count from the run's first byte.
            if item.analysis.level % 2 == 0, ordered, clusterStarts.first == 0 {
                let starts = clusterStarts.map { $0 + first }
                clusters = starts.indices.map { k in
                    cairo_text_cluster_t(num_bytes: Int32((k + 1 < starts.count ? starts[k + 1] : end) - starts[k]),
                                         num_glyphs: clusterGlyphs[k])
                }
            }
            runs.append(ShapedText.Run(font: scaledFont, glyphs: glyphs,
                                       text: clusters == nil ? [] : Array(utf8[first..<end]), clusters: clusters))
        } while pango_layout_iter_next_run(iter) != 0
        let s = ShapedText(width: Double(logical.width) / unit, height: Double(logical.height) / unit, runs: runs)
        shaped[key] = s
        return s
    }
}

/// A text shaped once, drawn in every format: runs of glyphs, each in one Cairo font,
/// placed relative to the top-left corner of the text's logical box. Immutable; Cairo's
/// scaled fonts are reference-counted and lock their own glyph caches, so one shaped
/// text is drawn on several threads at once.
final class ShapedText: @unchecked Sendable {
    struct Run {
        /// Retained for as long as the text lives.
        let font: OpaquePointer
        let glyphs: [cairo_glyph_t]
        /// The run's text (UTF-8) and its clusters, when known.
        let text: [CChar]
        let clusters: [cairo_text_cluster_t]?
    }

    static let emptyGlyph: UInt32 = 0x0FFF_FFFF // PANGO_GLYPH_EMPTY
    static let unknownGlyphFlag: UInt32 = 0x1000_0000 // PANGO_GLYPH_UNKNOWN_FLAG

    let width: Double
    let height: Double
    let runs: [Run]

    init(width: Double, height: Double, runs: [Run]) {
        self.width = width
        self.height = height
        for run in runs { cairo_scaled_font_reference(run.font) }
        self.runs = runs
    }

    deinit {
        for run in runs { cairo_scaled_font_destroy(run.font) }
    }

    /// Draws the text with its logical box's top-left corner at `origin`, turned by
    /// `angle`. A halo (a soft outline in the background colour) keeps a label readable
    /// where it crosses a mark or a grid line.
    func draw(origin: Point, angle: Double, color: Color, halo: Color? = nil, on cr: OpaquePointer) {
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if angle != 0 { cairo_rotate(cr, angle) }
        if let halo {
            for run in runs {
                cairo_set_scaled_font(cr, run.font)
                run.glyphs.withUnsafeBufferPointer { cairo_glyph_path(cr, $0.baseAddress, Int32($0.count)) }
            }
            cairo_set_source_rgba(cr, halo.red, halo.green, halo.blue, halo.alpha)
            cairo_set_line_width(cr, 2.4)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(cr)
        }
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
        for run in runs {
            cairo_set_scaled_font(cr, run.font)
            run.glyphs.withUnsafeBufferPointer { glyphs in
                guard let clusters = run.clusters else {
                    return cairo_show_glyphs(cr, glyphs.baseAddress, Int32(glyphs.count))
                }
                run.text.withUnsafeBufferPointer { text in
                    clusters.withUnsafeBufferPointer { c in
                        cairo_show_text_glyphs(cr, text.baseAddress, Int32(text.count), glyphs.baseAddress, Int32(glyphs.count),
                                               c.baseAddress, Int32(c.count), cairo_text_cluster_flags_t(rawValue: 0))
                    }
                }
            }
        }
        cairo_restore(cr)
    }
}
