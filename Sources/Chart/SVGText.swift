import Foundation
import CCairo

/// The texts of one SVG drawing, written here rather than by Cairo's SVG surface. Cairo
/// writes each glyph's outline (the bulk of a chart's SVG) again in every file; here the
/// outlines are formatted once per figure and the same bytes go into its light and dark
/// files, at both widths. Only the colours differ between the light and the dark file.
struct SVGText: Sendable {
    /// `<defs>` holding one `<symbol>` per glyph the texts use, in no colour: the
    /// `<use>` elements inherit their group's fill (or halo stroke).
    let defs: [UInt8]
    /// Each text's `<use>` elements, in the order of the layout's texts.
    let texts: [[UInt8]]

    /// Everything to insert before the drawing's closing `</svg>`: it is drawn last, over
    /// every mark and leader, as `Renderer` draws the texts in the other formats.
    /// `halo` gives the halo colour of the text at an index, if it has one.
    func element(color: Color, halo: (Int) -> Color?) -> [UInt8] {
        var out = defs
        let fill = Array("<g style=\"fill:".utf8) + SVGNumber.rgb(color) + Array(";fill-opacity:".utf8)
            + SVGNumber.format(color.alpha) + Array(";\">\n".utf8)
        let halos = texts.indices.map(halo)
        if halos.allSatisfy({ $0 == nil }) {
            out += fill
            for t in texts { out += t }
            out += Array("</g>\n".utf8)
            return out
        }
        for (i, t) in texts.enumerated() {
            if let h = halos[i] {
                out += Array("<g style=\"fill:none;stroke-width:2.4;stroke-linejoin:round;stroke:".utf8) + SVGNumber.rgb(h)
                    + Array(";stroke-opacity:".utf8) + SVGNumber.format(h.alpha) + Array(";\">\n".utf8) + t + Array("</g>\n".utf8)
            }
            out += fill + t + Array("</g>\n".utf8)
        }
        return out
    }

    /// The drawing with the texts inserted just before its last `</svg>`.
    func insert(_ element: [UInt8], into svg: [UInt8]) -> [UInt8] {
        let close = Array("</svg>".utf8)
        var at = svg.count - close.count
        while at >= 0, !svg[at..<at + close.count].elementsEqual(close) { at -= 1 }
        guard at >= 0 else { return svg + element }
        return Array(svg[..<at]) + element + Array(svg[at...])
    }
}

/// Glyph outlines formatted as SVG path data, once per glyph of a figure (its fonts
/// stay alive in the `TextEngine` that shaped its texts while the table is in use).
final class SVGGlyphTable {
    private struct GlyphKey: Hashable {
        var font: Int
        var glyph: UInt
    }

    private struct FontGlyph: Hashable {
        var font: OpaquePointer
        var glyph: UInt
    }

    private var outlines: [FontGlyph: [UInt8]] = [:]
    /// A scratch context whose only use is turning glyphs into paths.
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
        cr = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// The SVG of texts drawn at their boxes' origins and angles. Fonts are numbered in
    /// the order these texts first use them, so that the ids depend neither on addresses
    /// nor on the other width's texts.
    func text(for texts: [(shaped: ShapedText, origin: Point, angle: Double)]) -> SVGText {
        var fonts: [OpaquePointer: Int] = [:]
        var paths: [GlyphKey: [UInt8]] = [:]
        var used: [GlyphKey] = []
        var elements: [[UInt8]] = []
        for (shaped, origin, angle) in texts {
            var out: [UInt8] = []
            // A turned text is drawn in its own frame, so that its glyphs are the same
            // symbols as upright ones.
            let turned = angle != 0
            if turned {
                let c = cos(angle), s = sin(angle)
                out += Array("<g transform=\"matrix(".utf8)
                for (i, v) in [c, s, -s, c, origin.x, origin.y].enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    out += SVGNumber.format(v)
                }
                out += Array(")\">\n".utf8)
            }
            for run in shaped.runs {
                if fonts[run.font] == nil { fonts[run.font] = fonts.count }
                let font = fonts[run.font]!
                for g in run.glyphs {
                    let key = GlyphKey(font: font, glyph: g.index)
                    if paths[key] == nil {
                        used.append(key)
                        let shared = FontGlyph(font: run.font, glyph: g.index)
                        if outlines[shared] == nil { outlines[shared] = outline(g.index, in: run.font) }
                        paths[key] = outlines[shared]
                    }
                    out += Array("<use xlink:href=\"#".utf8) + id(key) + Array("\" x=\"".utf8)
                        + SVGNumber.format(turned ? g.x : origin.x + g.x) + Array("\" y=\"".utf8)
                        + SVGNumber.format(turned ? g.y : origin.y + g.y) + Array("\"/>\n".utf8)
                }
            }
            if turned { out += Array("</g>\n".utf8) }
            elements.append(out)
        }
        var defs = Array("<defs>\n".utf8)
        for key in used.sorted(by: { ($0.font, $0.glyph) < ($1.font, $1.glyph) }) {
            defs += Array("<symbol overflow=\"visible\" id=\"".utf8) + id(key) + Array("\">\n<path d=\"".utf8)
                + paths[key]! + Array("\"/>\n</symbol>\n".utf8)
        }
        defs += Array("</defs>\n".utf8)
        return SVGText(defs: defs, texts: elements)
    }

    private func id(_ key: GlyphKey) -> [UInt8] {
        Array("text-glyph\(key.font)-\(key.glyph)".utf8)
    }

    /// The glyph's outline at the origin, in the font's size, as path data.
    private func outline(_ glyph: UInt, in font: OpaquePointer) -> [UInt8] {
        cairo_new_path(cr)
        cairo_set_scaled_font(cr, font)
        var g = cairo_glyph_t(index: glyph, x: 0, y: 0)
        cairo_glyph_path(cr, &g, 1)
        let path = cairo_copy_path(cr)!
        defer { cairo_path_destroy(path) }
        var out: [UInt8] = []
        // A space has no outline: Cairo gives no path data at all.
        guard let data = path.pointee.data else { return out }
        var i = 0
        func point(_ at: Int) {
            out += SVGNumber.format(data[at].point.x)
            out.append(UInt8(ascii: " "))
            out += SVGNumber.format(data[at].point.y)
            out.append(UInt8(ascii: " "))
        }
        while i < Int(path.pointee.num_data) {
            let header = data[i].header
            switch header.type {
            case CAIRO_PATH_MOVE_TO: out += Array("M ".utf8); point(i + 1)
            case CAIRO_PATH_LINE_TO: out += Array("L ".utf8); point(i + 1)
            case CAIRO_PATH_CURVE_TO: out += Array("C ".utf8); point(i + 1); point(i + 2); point(i + 3)
            case CAIRO_PATH_CLOSE_PATH: out += Array("Z ".utf8)
            default: break
            }
            i += Int(header.length)
        }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return out
    }
}

/// Numbers and colours as SVG attributes, written by hand: `String(format:)` is slow
/// for the thousands of coordinates of a figure's glyphs.
enum SVGNumber {
    /// At most six decimals, no trailing zeros, no "-0" (as Cairo writes them).
    static func format(_ value: Double) -> [UInt8] {
        let scaled = (value * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9e15 else { return Array("\(value)".utf8) }
        var n = Int64(scaled)
        var out: [UInt8] = []
        if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
        let whole = n / 1_000_000, fraction = n % 1_000_000
        out += Array(String(whole).utf8)
        if fraction != 0 {
            var digits = Array(String(fraction).utf8)
            digits = Array(repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            out.append(UInt8(ascii: "."))
            out += digits
        }
        return out
    }

    /// `rgb(r%,g%,b%)`.
    static func rgb(_ c: Color) -> [UInt8] {
        Array("rgb(".utf8) + format(c.red * 100) + [UInt8(ascii: "%"), UInt8(ascii: ",")] + format(c.green * 100)
            + [UInt8(ascii: "%"), UInt8(ascii: ",")] + format(c.blue * 100) + Array("%)".utf8)
    }
}
