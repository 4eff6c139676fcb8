import CCairo
import CPangoCairo

/// Measures and draws text with Pango. One per render: it owns a Pango context on the
/// calling thread's default font map, which Pango keeps per thread (since 1.32.6), so
/// renders on several threads at once never share font-map state.
final class TextEngine {
    private let context: OpaquePointer
    private let fontOptions: OpaquePointer
    private var fonts: [Double: OpaquePointer] = [:]
    private let family: String

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

    private func makeLayout(_ text: String, size: Double) -> OpaquePointer {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, font(size))
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Logical size of one line of text, in points.
    func measure(_ text: String, size: Double) -> (width: Double, height: Double) {
        let layout = makeLayout(text, size: size)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return (Double(logical.width) / Double(PANGO_SCALE), Double(logical.height) / Double(PANGO_SCALE))
    }

    /// Draws text with its logical box's top-left corner at `origin`, turned by `angle`.
    /// A halo (a soft outline in the background colour) keeps a label readable where it
    /// crosses a mark or a grid line.
    func draw(_ text: String, size: Double, origin: Point, angle: Double, color: Color,
              halo: Color? = nil, on cr: OpaquePointer) {
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        if angle != 0 { cairo_rotate(cr, angle) }
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
        let layout = makeLayout(text, size: size)
        pango_cairo_update_layout(cr, layout)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let start = (-Double(logical.x) / Double(PANGO_SCALE), -Double(logical.y) / Double(PANGO_SCALE))
        if let halo {
            cairo_move_to(cr, start.0, start.1)
            pango_cairo_layout_path(cr, layout)
            cairo_set_source_rgba(cr, halo.red, halo.green, halo.blue, halo.alpha)
            cairo_set_line_width(cr, 2.4)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_stroke(cr)
            cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
        }
        cairo_move_to(cr, start.0, start.1)
        pango_cairo_show_layout(cr, layout)
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_new_path(cr)
        cairo_restore(cr)
    }
}
