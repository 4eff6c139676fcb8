import Foundation
import CCairo

/// Draws a laid-out chart on a Cairo context whose user space is in chart points.
struct Renderer {
    let chart: Chart
    let layout: ChartLayout
    /// The layout's texts, shaped once for every format.
    let texts: [ShapedText]
    /// The colours to draw with (the chart's theme, or its dark variant); sizes come
    /// from the layout.
    let theme: Theme

    /// Draws everything; the texts only when `withTexts` (an SVG gets its texts from
    /// `SVGText`, which shares the glyph outlines between files).
    func draw(_ cr: OpaquePointer, withTexts: Bool = true) {
        let plot = layout.plot
        fill(cr, layout.canvas, theme.background)
        drawGrid(cr)

        // The size legend's bubbles: inside the plot, or under it on a phone.
        for r in layout.references {
            // In the renderer's theme (the layout keeps the light one's colour).
            var reference = r
            reference.color = theme.referenceColor
            drawCircle(cr, reference, opacity: 1)
        }
        cairo_save(cr)
        cairo_rectangle(cr, plot.minX, plot.minY, plot.width, plot.height)
        cairo_clip(cr)
        for bar in layout.bars { drawBar(cr, bar) }
        for line in layout.lines { drawLine(cr, line) }
        for c in layout.circles { drawCircle(cr, c, opacity: c.centerDot ? theme.bubbleOpacity : 1) }
        for c in layout.circles where c.centerDot { drawDot(cr, c) }
        cairo_restore(cr)

        for a in layout.arrows { drawArrow(cr, a) }
        drawAxes(cr)
        for legend in layout.legends { drawLegend(cr, legend) }
        // Every leader first, then every text, so that no leader crosses a text.
        for t in layout.texts {
            if let leader = t.leader, leader.count >= 2 {
                setColor(cr, t.leaderColor.map(theme.legible) ?? theme.leaderColor)
                cairo_set_line_width(cr, t.leaderColor == nil ? 0.6 : 0.9)
                // A leader in a line's colour is dashed, so that it never reads as data
                // (a line that ends short of the largest batch does not go on flat).
                setDash(cr, t.leaderColor == nil ? [] : [2.0, 2.0])
                cairo_move_to(cr, leader[0].x, leader[0].y)
                for p in leader.dropFirst() { cairo_line_to(cr, p.x, p.y) }
                cairo_stroke(cr)
            }
        }
        setDash(cr, [])
        guard withTexts else { return }
        for (i, t) in layout.texts.enumerated() {
            texts[i].draw(origin: t.box.origin, angle: t.box.angle, color: theme.textColor, halo: halo(t), on: cr)
        }
    }

    /// A label's halo colour, when the theme asks for halos.
    func halo(_ t: TextBox) -> Color? {
        t.role == .label && theme.labelHalo ? theme.background.withAlpha(0.75) : nil
    }

    private func setColor(_ cr: OpaquePointer, _ c: Color, opacity: Double = 1) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha * opacity)
    }

    private func fill(_ cr: OpaquePointer, _ r: Rect, _ c: Color) {
        setColor(cr, c)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
    }

    private func setDash(_ cr: OpaquePointer, _ dash: [Double]) {
        if dash.isEmpty {
            cairo_set_dash(cr, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    private func drawGrid(_ cr: OpaquePointer) {
        let plot = layout.plot
        setColor(cr, theme.gridColor)
        cairo_set_line_width(cr, theme.gridWidth)
        setDash(cr, theme.gridDash)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        if layout.xGrid {
            for t in layout.xTicks where t.tick.major && t.position > plot.minX + 0.5 {
                cairo_move_to(cr, t.position, plot.minY)
                cairo_line_to(cr, t.position, plot.maxY)
            }
        }
        if layout.yGrid {
            for t in layout.yTicks where t.tick.major && t.position < plot.maxY - 0.5 {
                cairo_move_to(cr, plot.minX, t.position)
                cairo_line_to(cr, plot.maxX, t.position)
            }
        }
        cairo_stroke(cr)
        setDash(cr, [])
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    private func drawAxes(_ cr: OpaquePointer) {
        let plot = layout.plot
        setColor(cr, theme.textColor)
        // Tick marks point outwards; band axes get none.
        cairo_set_line_width(cr, 0.9)
        let band: Bool = { if case .band = chart.x.scale { return true } else { return false } }()
        if !band {
            for t in layout.xTicks {
                let len = t.tick.major ? theme.tickLength : theme.tickLength * 0.55
                cairo_move_to(cr, t.position, plot.maxY)
                cairo_line_to(cr, t.position, plot.maxY + len)
            }
        }
        for t in layout.yTicks where !chart.sideways {
            let len = t.tick.major ? theme.tickLength : theme.tickLength * 0.55
            cairo_move_to(cr, plot.minX, t.position)
            cairo_line_to(cr, plot.minX - len, t.position)
        }
        cairo_stroke(cr)
        // Left and bottom spines only, as in the original figures.
        cairo_set_line_width(cr, theme.axisLineWidth)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
        cairo_move_to(cr, plot.minX, plot.minY)
        cairo_line_to(cr, plot.minX, plot.maxY)
        cairo_line_to(cr, plot.maxX, plot.maxY)
        cairo_stroke(cr)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    }

    private func drawBar(_ cr: OpaquePointer, _ bar: BarShape) {
        let r = bar.rect
        if bar.marked {
            setColor(cr, bar.color, opacity: 0.3)
            cairo_rectangle(cr, r.x, r.y, r.width, r.height)
            cairo_fill(cr)
            setColor(cr, theme.legible(bar.color))
            cairo_set_line_width(cr, 1.2)
            setDash(cr, [3, 2])
            cairo_rectangle(cr, r.x + 0.6, r.y + 0.6, r.width - 1.2, r.height - 1.2)
            cairo_stroke(cr)
            setDash(cr, [])
        } else {
            fill(cr, r, bar.color)
            // On a dark page a dark bar gets a rim that stands out.
            if theme.isDark && Theme.contrast(bar.color, theme.background) < 3 {
                setColor(cr, theme.legible(bar.color))
                cairo_set_line_width(cr, 1)
                cairo_rectangle(cr, r.x + 0.5, r.y + 0.5, r.width - 1, r.height - 1)
                cairo_stroke(cr)
            }
        }
    }

    private func drawCircle(_ cr: OpaquePointer, _ c: CircleShape, opacity: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, c.center.x, c.center.y, c.radius, 0, 2 * .pi)
        if c.marked {
            setColor(cr, c.color, opacity: 0.3)
            cairo_fill_preserve(cr)
            setColor(cr, theme.legible(c.color))
            cairo_set_line_width(cr, 1.3)
            setDash(cr, [3, 2])
            cairo_stroke(cr)
            setDash(cr, [])
        } else {
            setColor(cr, c.color, opacity: opacity)
            cairo_fill_preserve(cr)
            // Light outlines part overlapping bubbles; on a dark page, a dark mark's
            // outline is its own colour lifted, so that it stands out.
            let dim = theme.isDark && Theme.contrast(c.color, theme.background) < 3
            setColor(cr, dim ? theme.legible(c.color) : theme.isDark ? theme.background : theme.pointOutline)
            cairo_set_line_width(cr, c.centerDot ? 0.8 : (dim ? 1.2 : 0.6))
            cairo_stroke(cr)
        }
    }

    private func drawDot(_ cr: OpaquePointer, _ c: CircleShape) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, c.center.x, c.center.y, theme.dotRadius, 0, 2 * .pi)
        setColor(cr, c.marked ? theme.legible(c.color) : theme.dotColor)
        cairo_fill_preserve(cr)
        setColor(cr, Color.gray(0.5))
        cairo_set_line_width(cr, 0.4)
        cairo_stroke(cr)
    }

    private func drawLine(_ cr: OpaquePointer, _ line: LineShape) {
        guard let first = line.points.first else { return }
        setColor(cr, theme.legible(line.color))
        cairo_set_line_width(cr, line.width)
        setDash(cr, line.dash)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_move_to(cr, first.x, first.y)
        for p in line.points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
        setDash(cr, [])
    }

    /// A thin shaft with a hollow triangular head, pointing down (or left) at the tip.
    private func drawArrow(_ cr: OpaquePointer, _ a: ArrowShape) {
        let head = 5.0, half = 3.2
        // Along the shaft (towards the tail) and across it.
        let (u, v) = a.pointsLeft ? (Point(1, 0), Point(0, 1)) : (Point(0, -1), Point(1, 0))
        func at(_ along: Double, _ across: Double) -> Point {
            Point(a.tip.x + u.x * along + v.x * across, a.tip.y + u.y * along + v.y * across)
        }
        setColor(cr, theme.arrowColor)
        cairo_set_line_width(cr, 0.9)
        cairo_move_to(cr, at(a.length, 0).x, at(a.length, 0).y)
        cairo_line_to(cr, at(head, 0).x, at(head, 0).y)
        cairo_stroke(cr)
        cairo_move_to(cr, a.tip.x, a.tip.y)
        cairo_line_to(cr, at(head, -half).x, at(head, -half).y)
        cairo_line_to(cr, at(head, half).x, at(head, half).y)
        cairo_close_path(cr)
        setColor(cr, theme.background)
        cairo_fill_preserve(cr)
        setColor(cr, theme.arrowColor)
        cairo_stroke(cr)
    }

    private func drawLegend(_ cr: OpaquePointer, _ legend: LegendBox) {
        let f = legend.frame
        setColor(cr, theme.legendBackground)
        cairo_rectangle(cr, f.x, f.y, f.width, f.height)
        cairo_fill_preserve(cr)
        setColor(cr, theme.legendBorder)
        cairo_set_line_width(cr, 0.6)
        cairo_stroke(cr)
        for item in legend.items {
            let s = item.symbol
            switch item.entry.symbol {
            case .swatch, .dashedSwatch:
                drawBar(cr, BarShape(key: "", rect: s, color: item.entry.color, marked: item.entry.symbol == .dashedSwatch))
            case .line, .dashedLine:
                setColor(cr, theme.legible(item.entry.color))
                cairo_set_line_width(cr, 1.6)
                setDash(cr, item.entry.symbol == .dashedLine ? [3, 2] : [])
                cairo_move_to(cr, s.minX - 3, s.midY)
                cairo_line_to(cr, s.maxX + 1, s.midY)
                cairo_stroke(cr)
                setDash(cr, [])
            case .circle, .dashedCircle:
                let dashed = item.entry.symbol == .dashedCircle
                drawCircle(cr, CircleShape(key: "", center: s.center, radius: s.width / 2 - 0.7, value: 0,
                                           color: item.entry.color, marked: dashed, centerDot: false), opacity: 1)
            }
        }
    }
}
