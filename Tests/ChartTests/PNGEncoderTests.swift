import CCairo
import CZlib
import Testing
import TestSupport
@testable import Chart

/// The hand-written PNG encoder, checked by decoding its output here (chunk CRCs, zlib
/// inflate, every PNG filter type undone) and comparing each pixel with Cairo's surface.
@Suite struct PNGEncoderTests {
    /// An RGB24 surface filled by `pixel(x, y)` (a 0x00RRGGBB word; the top byte, which
    /// Cairo leaves undefined in RGB24, is set to noise to check that it is ignored).
    private func surface(width: Int, height: Int, _ pixel: (Int, Int) -> UInt32) -> OpaquePointer {
        let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        cairo_surface_flush(s)
        let data = cairo_image_surface_get_data(s)!, stride = Int(cairo_image_surface_get_stride(s))
        var noise = SeededGenerator(seed: 7)
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width { row[x] = pixel(x, y) & 0x00FF_FFFF | UInt32(noise.next() & 0xFF) << 24 }
        }
        cairo_surface_mark_dirty(s)
        return s
    }

    /// The surface's pixels as R, G, B bytes, row after row.
    private func rgb(of s: OpaquePointer) -> [UInt8] {
        cairo_surface_flush(s)
        let data = cairo_image_surface_get_data(s)!, stride = Int(cairo_image_surface_get_stride(s))
        var out: [UInt8] = []
        for y in 0..<Int(cairo_image_surface_get_height(s)) {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<Int(cairo_image_surface_get_width(s)) {
                out += [UInt8(row[x] >> 16 & 0xFF), UInt8(row[x] >> 8 & 0xFF), UInt8(row[x] & 0xFF)]
            }
        }
        return out
    }

    private func roundTrip(width: Int, height: Int, _ pixel: (Int, Int) -> UInt32) throws {
        let s = surface(width: width, height: height, pixel)
        defer { cairo_surface_destroy(s) }
        let png = try #require(PNGEncoder.encode(s))
        let decoded = try DecodedPNG(png)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.rgb == rgb(of: s), "\(width)×\(height)")
        // 2x: 144 dpi (5669 pixels per metre), so the PNG shows at its size in points.
        #expect(decoded.pixelsPerMetre == 5669)
    }

    @Test(arguments: [1, 2, 3, 7, 640, 1001])
    func flatImage(width: Int) throws {
        try roundTrip(width: width, height: 45) { _, _ in 0x00F4_F1EA }
    }

    @Test(arguments: [1, 5, 333, 1280])
    func noisyImage(width: Int) throws {
        // Incompressible rows: zlib's output outgrows its buffer many times over.
        var noise = SeededGenerator(seed: UInt64(width))
        let pixels = (0..<width * 97).map { _ in UInt32(truncatingIfNeeded: noise.next()) }
        try roundTrip(width: width, height: 97) { x, y in pixels[y * width + x] }
    }

    @Test func stripesAndGradients() throws {
        // Many rows per zlib hand-over and rows that differ from the one above in one
        // channel only, so a wrong byte order or a borrow between bytes would show.
        try roundTrip(width: 257, height: 600) { x, y in
            y % 3 == 0 ? UInt32(x & 0xFF) << 16 | UInt32(y & 0xFF) : UInt32((x * y) & 0xFF) << 8 | 0x80
        }
    }

    @Test func drawingDecodesLikeCairosOwnPNG() throws {
        let width = 301, height = 171
        let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        defer { cairo_surface_destroy(s) }
        let cr = cairo_create(s)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgba(cr, 0.2, 0.4, 0.8, 0.6)
        cairo_arc(cr, 120, 80, 60, 0, 2 * .pi)
        cairo_fill(cr)
        cairo_set_source_rgb(cr, 0.9, 0.1, 0.1)
        cairo_set_line_width(cr, 1.3)
        cairo_move_to(cr, 0, 170)
        cairo_line_to(cr, 300, 3)
        cairo_stroke(cr)
        cairo_destroy(cr)
        cairo_surface_flush(s)

        let ours = try DecodedPNG(try #require(PNGEncoder.encode(s)))
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(s, { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        #expect(status == CAIRO_STATUS_SUCCESS)
        let cairos = try DecodedPNG(sink.bytes)
        #expect(ours.width == cairos.width && ours.height == cairos.height)
        #expect(ours.rgb == cairos.rgb)
        #expect(Set(ours.rgb).count > 10, "the drawing has antialiased edges")
    }

    @Test func chartPNGDecodesAtTwiceItsSize() throws {
        var chart = ChartSamples.bubbles()
        chart.width = 321
        chart.height = 203
        let decoded = try DecodedPNG(try chart.render(.png))
        // The drawing's canvas: as wide as the chart, taller when a key of numbered
        // labels goes under the plot (this small chart is crowded).
        let canvas = try chart.layout().canvas
        #expect(canvas.width == 321 && canvas.height >= 203)
        #expect(decoded.width == 642 && decoded.height == Int((canvas.height * 2).rounded()))
        // Marks, antialiased edges and text: many shades of red, not a blank image.
        #expect(Set(stride(from: 0, to: decoded.rgb.count, by: 3).map { decoded.rgb[$0] }).count > 20)
    }

    @Test func bytewiseDifferenceMatchesPerByteArithmetic() {
        var noise = SeededGenerator(seed: 3)
        for _ in 0..<10_000 {
            let a = UInt32(truncatingIfNeeded: noise.next()), b = UInt32(truncatingIfNeeded: noise.next())
            var expected: UInt32 = 0
            for shift in stride(from: 0, to: 32, by: 8) {
                expected |= UInt32(UInt8(truncatingIfNeeded: a >> shift) &- UInt8(truncatingIfNeeded: b >> shift)) << shift
            }
            #expect(PNGEncoder.bytewiseDifference(a, b) == expected)
        }
    }
}


struct PNGDecodeError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A minimal PNG reader for 8-bit RGB, non-interlaced images: what the tests need to
/// compare pixels. Checks the signature and every chunk's CRC, inflates the IDAT data and
/// undoes all five filter types.
struct DecodedPNG {
    var width = 0, height = 0, pixelsPerMetre = 0
    var rgb: [UInt8] = []

    init(_ png: [UInt8]) throws {
        guard png.count > 8, Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw PNGDecodeError("not a PNG signature")
        }
        func be32(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var idat: [UInt8] = [], at = 8, sawEnd = false
        while at + 12 <= png.count {
            let length = be32(at), type = String(decoding: png[at + 4..<at + 8], as: UTF8.self)
            guard at + 12 + length <= png.count else { throw PNGDecodeError("chunk \(type) runs past the end") }
            let crc = png.withUnsafeBufferPointer { crc32(0, $0.baseAddress! + at + 4, uInt(length + 4)) }
            guard Int(crc) == be32(at + 8 + length) else { throw PNGDecodeError("bad CRC in \(type)") }
            let body = Array(png[at + 8..<at + 8 + length])
            switch type {
            case "IHDR":
                width = be32(at + 8)
                height = be32(at + 12)
                guard Array(body[8...]) == [8, 2, 0, 0, 0] else { throw PNGDecodeError("not 8-bit RGB: \(body[8...])") }
            case "pHYs": pixelsPerMetre = be32(at + 8)
            case "IDAT": idat += body
            case "IEND": sawEnd = true
            default: break
            }
            at += 12 + length
        }
        guard sawEnd, at == png.count else { throw PNGDecodeError("no IEND at the end") }

        let rowBytes = 1 + width * 3
        var raw = [UInt8](repeating: 0, count: rowBytes * height + 1)
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { dst in
            idat.withUnsafeBufferPointer { uncompress(dst.baseAddress, &rawLength, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(rawLength) == rowBytes * height else {
            throw PNGDecodeError("inflate: status \(status), \(rawLength) bytes for \(rowBytes * height)")
        }
        var previous = [UInt8](repeating: 0, count: width * 3)
        rgb.reserveCapacity(width * 3 * height)
        for y in 0..<height {
            let filter = raw[y * rowBytes], line = raw[(y * rowBytes + 1)..<(y + 1) * rowBytes]
            var current = [UInt8](repeating: 0, count: width * 3)
            for (i, byte) in line.enumerated() {
                let left = i >= 3 ? Int(current[i - 3]) : 0, up = Int(previous[i]), upLeft = i >= 3 ? Int(previous[i - 3]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let p = left + up - upLeft, pa = abs(p - left), pb = abs(p - up), pc = abs(p - upLeft)
                    predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
                default: throw PNGDecodeError("row \(y): filter type \(filter)")
                }
                current[i] = byte &+ UInt8(truncatingIfNeeded: predictor)
            }
            rgb += current
            previous = current
        }
    }
}
