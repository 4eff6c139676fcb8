import Foundation

extension Chart {
    /// Measures every text with Pango and places everything; what `render` draws.
    public func layout() throws -> ChartLayout {
        let engine = TextEngine(family: theme.fontFamily)
        return try layout(engine)
    }

    func layout(_ engine: TextEngine) throws -> ChartLayout {
        try validate()
        var chart = self
        var builder = LayoutBuilder(chart: chart, engine: engine)
        var layout = builder.build()
        // When a legend finds no free place, the y-domain grows downwards (even a fixed
        // one) until the legends have room of their own: by whole tick steps on a
        // linear axis, by halves on a log one.
        var steps = 0
        while builder.legendClash > 0, steps < 6 {
            let lo = layout.yDomain.lowerBound, hi = layout.yDomain.upperBound
            if chart.y.scale == .log {
                chart.y.domain = NiceTicks.logDomain(lo / 2, hi).0...hi
            } else if chart.y.scale == .linear {
                let majors = layout.yTicks.filter(\.tick.major).map(\.tick.value)
                guard majors.count >= 2 else { break }
                chart.y.domain = (lo - (majors[1] - majors[0]))...hi
            } else {
                break
            }
            builder = LayoutBuilder(chart: chart, engine: engine)
            layout = builder.build()
            steps += 1
        }
        // Labels last, once the domain is settled: placing them is most of a layout's time.
        var shortfall = builder.placeLabels(&layout)
        // Names at the lines' ends take a column of their own: laid out again with the
        // column as wide as its names and the drawing as tall as their number needs.
        var tries = 0
        while let need = shortfall, tries < 3 {
            chart.height += need.height.rounded(.up)
            builder = LayoutBuilder(chart: chart, engine: engine)
            builder.endColumnWidth = need.width.rounded(.up)
            layout = builder.build()
            shortfall = builder.placeLabels(&layout)
            tries += 1
        }
        return layout
    }

    func validate() throws {
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw ChartError("chart size must be positive, got \(width)×\(height)")
        }
        for layer in layers {
            for d in layer.data {
                guard d.y.isFinite, d.x.isFinite else { throw ChartError("'\(d.key)': value is not finite") }
                if case .log = y.scale, d.y <= 0 { throw ChartError("'\(d.key)': y = \(d.y) on a log scale") }
                if case .log = x.scale, d.x <= 0, !isBand(layer) {
                    throw ChartError("'\(d.key)': x = \(d.x) on a log scale")
                }
            }
        }
        for (name, axis) in [("x", x), ("y", y)] {
            guard case .band(let cats) = axis.scale else { continue }
            for layer in layers {
                for d in layer.data where d.category.map({ !cats.contains($0) }) ?? true {
                    throw ChartError("'\(d.key)': category '\(d.category ?? "")' is not on the \(name)-axis")
                }
            }
        }
        if let d = x.domain, d.lowerBound >= d.upperBound { throw ChartError("empty x domain \(d)") }
        if let d = y.domain, d.lowerBound >= d.upperBound { throw ChartError("empty y domain \(d)") }
    }

    private func isBand(_ layer: ChartLayer) -> Bool {
        if case .band = x.scale { return true }
        return false
    }
}

/// Works out margins by fitting: place the axes for a guessed plot rectangle, measure how
/// far their texts reach, move the plot's edges so that they just fit, repeat.
struct LayoutBuilder {
    let chart: Chart
    let engine: TextEngine
    var theme: Theme { chart.theme }
    /// Room kept right of the plot for the names at the lines' ends (`EndLabels.swift`).
    var endColumnWidth = 0.0

    init(chart: Chart, engine: TextEngine) {
        self.chart = chart
        self.engine = engine
    }

    struct Axes {
        var x: ResolvedScale
        var y: ResolvedScale
        var xTicks: [TickMark]
        var yTicks: [TickMark]
        var texts: [TextBox]
    }

    mutating func build() -> ChartLayout {
        let canvas = Rect(x: 0, y: 0, width: chart.width, height: chart.height)
        let m = theme.margin
        var titleBox: TextBox?
        var top = m
        if chart.showsTitle && !chart.title.isEmpty {
            let s = engine.measure(chart.title, size: theme.titleSize)
            titleBox = TextBox(role: .title, text: chart.title, fontSize: theme.titleSize, color: theme.textColor,
                               box: OrientedRect(origin: Point((chart.width - s.width) / 2, m), width: s.width, height: s.height))
            top += s.height + 6
        }
        var plot = Rect(x: 60, y: top + 8, width: chart.width - 80, height: chart.height - top - 60)
        var axes = placeAxes(plot)
        let limit = canvas.insetBy(m)
        for _ in 0..<6 {
            guard let reach = axes.texts.map({ $0.box.boundingBox }).reduce(nil, { (u: Rect?, r) in u?.union(r) ?? r })
            else { break }
            // How far the axes' texts reach beyond each edge of the plot.
            let left = max(0, plot.minX - reach.minX), right = max(0, reach.maxX - plot.maxX, endColumnWidth)
            let above = max(0, plot.minY - reach.minY), below = max(0, reach.maxY - plot.maxY)
            let next = Rect(x: limit.minX + left, y: max(top, limit.minY) + above,
                            width: max(limit.maxX - right - limit.minX - left, 40),
                            height: max(limit.maxY - below - max(top, limit.minY) - above, 40))
            if abs(next.minX - plot.minX) < 0.01 && abs(next.maxX - plot.maxX) < 0.01
                && abs(next.minY - plot.minY) < 0.01 && abs(next.maxY - plot.maxY) < 0.01 { break }
            plot = next
            axes = placeAxes(plot)
        }
        var texts = axes.texts
        if let titleBox { texts.insert(titleBox, at: 0) }

        var layout = ChartLayout(
            canvas: canvas, plot: plot,
            xDomain: axes.x.lo...axes.x.hi, yDomain: axes.y.lo...axes.y.hi,
            xTicks: axes.xTicks, yTicks: axes.yTicks,
            xGrid: chart.x.grid, yGrid: chart.y.grid,
            texts: texts, circles: [], references: [], bars: [], arrows: [], lines: [], legends: [],
            dotRadius: theme.dotRadius)
        placeMarks(&layout, axes)
        placeLegends(&layout)
        return layout
    }

    // MARK: Axes

    func placeAxes(_ plot: Rect) -> Axes {
        let xs = resolve(chart.x, isX: true, start: plot.minX, end: plot.maxX, plot: plot)
        let ys = resolve(chart.y, isX: false, start: plot.maxY, end: plot.minY, plot: plot)
        var texts: [TextBox] = []
        var xTicks = ticks(for: xs, maxCount: max(3, min(10, Int(plot.width / 60))))
        var yTicks = ticks(for: ys, maxCount: max(3, min(9, Int(plot.height / 38))))
        // Log axes label 1, 2 and 5 of each decade where those labels have room, else
        // the decades alone.
        if xs.kind == .log, crowded(xTickTexts(xTicks, angle: 0, plot: plot)) {
            xTicks = ticks(for: xs, maxCount: 0, logLabels: [1])
        }
        if ys.kind == .log, crowded(yTickTexts(yTicks, plot: plot)) {
            yTicks = ticks(for: ys, maxCount: 0, logLabels: [1])
        }
        // Turned names turn further (up to upright) until neighbours stand apart.
        var angle = -chart.x.labelAngle * .pi / 180
        var xTexts = xTickTexts(xTicks, angle: angle, plot: plot)
        if angle != 0 {
            for steeper in [45.0, 60, 90] where crowded(xTexts) && steeper > chart.x.labelAngle {
                angle = -steeper * .pi / 180
                xTexts = xTickTexts(xTicks, angle: angle, plot: plot)
            }
        }
        let yTexts = yTickTexts(yTicks, plot: plot)
        // In the corner where the axes meet, the y-axis keeps its label.
        xTexts.removeAll { x in
            var grown = x.box
            grown.origin = grown.point(-2, -2)
            grown.width += 4
            grown.height += 4
            return yTexts.contains { grown.intersects($0.box) }
        }
        texts += xTexts
        let lowest = xTexts.map { $0.box.boundingBox.maxY }.max() ?? plot.maxY + tickOut
        texts += yTexts
        let leftmost = yTexts.map(\.box.origin.x).min() ?? plot.minX - tickOut
        if !chart.x.title.isEmpty {
            let s = engine.measure(chart.x.title, size: theme.axisTitleSize)
            texts.append(TextBox(role: .axisTitle, text: chart.x.title, fontSize: theme.axisTitleSize, color: theme.textColor,
                                 box: OrientedRect(origin: Point(plot.midX - s.width / 2, lowest + 4), width: s.width, height: s.height)))
        }
        if !chart.y.title.isEmpty {
            let s = engine.measure(chart.y.title, size: theme.axisTitleSize)
            texts.append(TextBox(role: .axisTitle, text: chart.y.title, fontSize: theme.axisTitleSize, color: theme.textColor,
                                 box: OrientedRect(origin: Point(leftmost - 6 - s.height, plot.midY + s.width / 2),
                                                   width: s.width, height: s.height, angle: -.pi / 2)))
        }
        return Axes(x: xs, y: ys, xTicks: xTicks, yTicks: yTicks, texts: texts)
    }

    var tickOut: Double { theme.tickLength + 3 }

    /// The labels under the x ticks; turned by `angle`, each ends under its tick.
    func xTickTexts(_ ticks: [TickMark], angle: Double, plot: Rect) -> [TextBox] {
        ticks.filter { !$0.tick.label.isEmpty }.map { t in
            let s = engine.measure(t.tick.label, size: theme.tickLabelSize)
            var box: OrientedRect
            if angle == 0 {
                box = OrientedRect(origin: Point(t.position - s.width / 2, plot.maxY + tickOut), width: s.width, height: s.height)
            } else {
                // The end of the text's middle line sits under the tick.
                let anchor = Point(t.position, plot.maxY + tickOut + s.height / 2 * cos(angle))
                var b = OrientedRect(origin: .init(0, 0), width: s.width, height: s.height, angle: angle)
                let end = b.point(s.width, s.height / 2)
                b.origin = anchor - end
                let top = b.boundingBox.minY
                b.origin.y += plot.maxY + tickOut - top
                box = b
            }
            return TextBox(role: .tickLabel, text: t.tick.label, fontSize: theme.tickLabelSize,
                           color: theme.textColor, box: box)
        }
    }

    func yTickTexts(_ ticks: [TickMark], plot: Rect) -> [TextBox] {
        ticks.filter { !$0.tick.label.isEmpty }.map { t in
            let s = engine.measure(t.tick.label, size: theme.tickLabelSize)
            return TextBox(role: .tickLabel, text: t.tick.label, fontSize: theme.tickLabelSize, color: theme.textColor,
                           box: OrientedRect(origin: Point(plot.minX - tickOut - s.width, t.position - s.height / 2),
                                             width: s.width, height: s.height))
        }
    }

    /// Whether neighbouring tick labels come closer than a quarter of their height.
    func crowded(_ texts: [TextBox]) -> Bool {
        zip(texts, texts.dropFirst()).contains { a, b in
            let gap = a.box.height / 4
            var grown = a.box
            grown.origin = grown.point(-gap, -gap)
            grown.width += 2 * gap
            grown.height += 2 * gap
            return grown.intersects(b.box)
        }
    }

    func ticks(for s: ResolvedScale, maxCount: Int, logLabels: Set<Int> = [1, 2, 5]) -> [TickMark] {
        switch s.kind {
        case .linear:
            return NiceTicks.linear(s.lo, s.hi, maxCount: maxCount).map { TickMark(position: s.position($0.value), tick: $0) }
        case .log:
            return NiceTicks.log(s.lo, s.hi, labelled: logLabels).map { TickMark(position: s.position($0.value), tick: $0) }
        case .band(let cats):
            return cats.enumerated().map { i, c in
                TickMark(position: s.position(category: i), tick: Tick(value: Double(i), label: c))
            }
        }
    }

    /// The domain of one axis: fixed, or the data's extent widened so that every bubble
    /// and arrow fits inside the plot, then rounded outwards to nice values.
    func resolve(_ axis: Axis, isX: Bool, start: Double, end: Double, plot: Rect) -> ResolvedScale {
        if case .band(let cats) = axis.scale {
            return ResolvedScale(kind: axis.scale, lo: 0, hi: Double(max(cats.count, 1)), start: start, end: end)
        }
        let isLog = axis.scale == .log
        if let d = axis.domain {
            return ResolvedScale(kind: axis.scale, lo: d.lowerBound, hi: d.upperBound, start: start, end: end)
        }
        // Extent in data units, with each mark's reach in points.
        var items: [(value: Double, before: Double, after: Double)] = []
        for layer in chart.layers {
            for d in layer.data {
                let v = isX ? d.x : d.y
                switch layer.mark {
                case .bubble:
                    let r = chart.size?.radius(d.size ?? 0) ?? 0
                    items.append((v, r, r))
                case .point(let r):
                    items.append((v, r, r))
                case .arrow:
                    items.append((v, 0, isX == chart.sideways ? 22 : 0))
                case .bar:
                    items.append((v, 0, isX == chart.sideways ? 2 : 0))
                case .line, .stepLine:
                    items.append((v, 0, 0))
                }
            }
        }
        var lo = items.map(\.value).min() ?? (isLog ? 1 : 0)
        var hi = items.map(\.value).max() ?? (isLog ? 10 : 1)
        if axis.includeZero && !isLog { lo = min(lo, 0); hi = max(hi, 0) }
        if lo == hi { if isLog { lo /= 2; hi *= 2 } else { lo -= 1; hi += 1 } }
        let length = abs(end - start)
        func t(_ v: Double) -> Double { isLog ? log10(v) : v }
        func inv(_ v: Double) -> Double { isLog ? pow(10, v) : v }
        var (a, b) = (t(lo), t(hi))
        let (base0, base1) = (a, b)
        for _ in 0..<4 {
            let perPoint = (b - a) / max(length - 4, 1)
            var na = base0, nb = base1
            for it in items {
                // A few points of air, so that no mark touches an axis.
                na = min(na, t(it.value) - (it.before + 5) * perPoint)
                nb = max(nb, t(it.value) + (it.after + 5) * perPoint)
            }
            a = na; b = nb
        }
        let (l, h) = isLog ? NiceTicks.logDomain(inv(a), inv(b))
            : NiceTicks.linearDomain(a, b, maxCount: max(3, min(9, Int(length / 40))))
        // Round an end outwards to a nice value only when that costs little space.
        let span = b - a
        let domainLo = t(l) >= a - 0.06 * span ? l : inv(a)
        let domainHi = t(h) <= b + 0.06 * span ? h : inv(b)
        return ResolvedScale(kind: axis.scale, lo: domainLo, hi: domainHi, start: start, end: end)
    }

    // MARK: Marks

    mutating func placeMarks(_ layout: inout ChartLayout, _ axes: Axes) {
        let plot = layout.plot
        for layer in chart.layers {
            func xPos(_ d: Datum) -> Double {
                if case .band(let cats) = chart.x.scale, let c = d.category, let i = cats.firstIndex(of: c) {
                    return axes.x.position(category: i)
                }
                return axes.x.position(d.x)
            }
            func yPos(_ d: Datum) -> Double {
                if case .band(let cats) = chart.y.scale, let c = d.category, let i = cats.firstIndex(of: c) {
                    return axes.y.position(category: i)
                }
                return axes.y.position(d.y)
            }
            switch layer.mark {
            case .bar(let fraction) where chart.sideways:
                // Bars lying on their side: from the value axis's base to the value.
                let h = min(axes.y.bandWidth * fraction, 44)
                let base = axes.x.position(axes.x.kind == .log ? axes.x.lo : max(axes.x.lo, min(0, axes.x.hi)))
                for d in layer.data {
                    let end = axes.x.position(d.x)
                    layout.bars.append(BarShape(key: d.key, rect: Rect(x: min(end, base), y: yPos(d) - h / 2,
                                                                        width: abs(end - base), height: h),
                                                color: d.color, marked: d.marked))
                }
            case .arrow where chart.sideways:
                for d in layer.data {
                    layout.arrows.append(ArrowShape(key: d.key, tip: Point(axes.x.position(d.x) + 4, yPos(d)), length: 13,
                                                    pointsLeft: true))
                }
            case .bar(let fraction):
                // Few bars stay slim rather than filling wide slots.
                let w = min(axes.x.bandWidth * fraction, 44)
                let base = axes.y.position(axes.y.kind == .log ? axes.y.lo : max(axes.y.lo, min(0, axes.y.hi)))
                for d in layer.data {
                    let top = axes.y.position(d.y)
                    layout.bars.append(BarShape(key: d.key, rect: Rect(x: xPos(d) - w / 2, y: min(top, base),
                                                                        width: w, height: abs(base - top)),
                                                color: d.color, marked: d.marked))
                }
            case .bubble:
                // Big bubbles first, so that small ones stay visible on top.
                let sorted = layer.data.enumerated().sorted {
                    (-($0.element.size ?? 0), $0.offset) < (-($1.element.size ?? 0), $1.offset)
                }.map(\.element)
                for d in sorted {
                    layout.circles.append(CircleShape(key: d.key, center: Point(xPos(d), axes.y.position(d.y)),
                                                      radius: chart.size?.radius(d.size ?? 0) ?? 0, value: d.size ?? 0,
                                                      color: d.color, marked: d.marked, centerDot: true))
                }
            case .point(let r):
                for d in layer.data {
                    layout.circles.append(CircleShape(key: d.key, center: Point(xPos(d), axes.y.position(d.y)),
                                                      radius: r, value: d.size ?? 0, color: d.color,
                                                      marked: d.marked, centerDot: false))
                }
            case .line(let width, let dash):
                let pts = layer.data.map { Point(xPos($0), axes.y.position($0.y)) }
                layout.lines.append(LineShape(points: pts, color: layer.data.first?.color ?? .black, width: width, dash: dash))
            case .stepLine(let width, let dash):
                var pts: [Point] = []
                for d in layer.data {
                    let p = Point(xPos(d), axes.y.position(d.y))
                    if let last = pts.last { pts.append(Point(p.x, last.y)) }
                    pts.append(p)
                }
                layout.lines.append(LineShape(points: pts, color: layer.data.first?.color ?? .black, width: width, dash: dash))
            case .arrow:
                for d in layer.data {
                    layout.arrows.append(ArrowShape(key: d.key, tip: Point(xPos(d), axes.y.position(d.y) - 4), length: 13))
                }
            }
        }
    }

    // MARK: Legends

    mutating func placeLegends(_ layout: inout ChartLayout) {
        if chart.guidesBelow {
            placeLegendsBelow(&layout)
            return
        }
        let plot = layout.plot
        let pad = 6.0
        var taken: [Rect] = []
        for legend in chart.legends {
            switch legend {
            case .size:
                guard let size = chart.size, let (radii, labels, labelSizes) = sizeLegendEntries() else { continue }
                let rMax = radii.max() ?? 0
                // A row of bubbles, centres on one line and evenly spaced as in the
                // original, labels in a row above the largest; laid out from the right,
                // then moved to the first place where it covers no data. Neighbours may
                // overlap a little, as in the original, to keep the row short.
                var spacing = 0.0
                for i in radii.indices.dropLast() {
                    spacing = max(spacing, 0.8 * (radii[i] + radii[i + 1]),
                                  (labelSizes[i].width + labelSizes[i + 1].width) / 2 + 8, radii[i] + radii[i + 1] * 0.5)
                }
                let offsets = radii.indices.map { -(radii.last ?? 0) - Double(radii.count - 1 - $0) * spacing }
                let labelH = labelSizes.map(\.height).max() ?? 0
                let rowW = -(offsets[0] - radii[0])
                let rowH = 2 * rMax + 4 + labelH
                // Candidate places: along the bottom from the right, then along the top
                // from the left.
                let slack = max(0, plot.width - 2 * pad - rowW)
                let slides = (0...12).map { Double($0) / 12 * slack }
                let candidates: [Rect] =
                    slides.map { Rect(x: plot.maxX - pad - rowW - $0, y: plot.maxY - pad - rowH, width: rowW, height: rowH) }
                    + slides.map { Rect(x: plot.minX + pad + $0, y: plot.minY + pad, width: rowW, height: rowH) }
                // Reference bubbles and their labels must stay clear of every data mark.
                func clash(_ f: Rect) -> Double {
                    var c = 0.0
                    let cy = f.maxY - rMax
                    for circle in layout.circles {
                        for i in radii.indices {
                            let d = circle.center.distance(to: Point(f.maxX + offsets[i], cy))
                            c += max(0, circle.radius + radii[i] + 3 - d)
                        }
                        for i in radii.indices {
                            let s = labelSizes[i]
                            let box = Rect(x: f.maxX + offsets[i] - s.width / 2, y: cy - rMax - 4 - s.height,
                                           width: s.width, height: s.height)
                            c += box.insetBy(-2).overlapArea(circle: circle.center, radius: circle.radius)
                        }
                    }
                    for bar in layout.bars where bar.rect.intersects(f) { c += 1e4 }
                    return c
                }
                let clashes = candidates.map(clash)
                legendClash += clashes.min() ?? 0
                let f = candidates[clashes.firstIndex(of: 0) ?? 0]
                let cy = f.maxY - rMax
                for (i, v) in size.references.enumerated() {
                    let centre = Point(f.maxX + offsets[i], cy)
                    layout.references.append(CircleShape(key: "size-legend-\(i)", center: centre, radius: radii[i],
                                                          value: v, color: theme.referenceColor, marked: false, centerDot: false))
                    let s = labelSizes[i]
                    let box = Rect(x: centre.x - s.width / 2, y: cy - rMax - 4 - s.height, width: s.width, height: s.height)
                    layout.texts.append(TextBox(role: .legend, text: labels[i], fontSize: theme.legendSize, color: theme.textColor,
                                                box: OrientedRect(box), key: "size-legend-\(i)"))
                    // Labels keep off these texts and (as marks) the bubbles, not the whole
                    // row: a network drawn above a small reference bubble keeps room for its name.
                    obstacles.append(box)
                }
                taken.append(f)
            case .entries(let entries, let corner):
                guard !entries.isEmpty else { continue }
                let (w, h) = entriesSize(entries)
                let frames: [Corner: Rect] = [
                    .topLeft: Rect(x: plot.minX + pad, y: plot.minY + pad, width: w, height: h),
                    .topRight: Rect(x: plot.maxX - pad - w, y: plot.minY + pad, width: w, height: h),
                    .bottomLeft: Rect(x: plot.minX + pad, y: plot.maxY - pad - h, width: w, height: h),
                    .bottomRight: Rect(x: plot.maxX - pad - w, y: plot.maxY - pad - h, width: w, height: h),
                ]
                var frame: Rect
                if corner == .auto {
                    // The corners first, then along the top and bottom edges: the first
                    // place that covers nothing, else the one that covers least.
                    let slack = max(0, plot.width - 2 * pad - w)
                    let slides = (1...11).map { plot.minX + pad + Double($0) / 12 * slack }
                    let candidates = [Corner.topLeft, .topRight, .bottomRight, .bottomLeft].map { frames[$0]! }
                        + slides.map { Rect(x: $0, y: plot.minY + pad, width: w, height: h) }
                        + slides.map { Rect(x: $0, y: plot.maxY - pad - h, width: w, height: h) }
                    func cost(_ r: Rect) -> Double {
                        var c = taken.contains { $0.intersects(r.insetBy(-2)) } ? 1e6 : 0
                        for circle in layout.circles + layout.references {
                            c += r.insetBy(-2).overlapArea(circle: circle.center, radius: max(circle.radius, 3))
                                + (r.insetBy(-4).contains(circle.center) ? 1000 : 0)
                        }
                        for bar in layout.bars where bar.rect.intersects(r.insetBy(-2)) { c += 1000 }
                        for line in layout.lines {
                            for (a, b) in zip(line.points, line.points.dropFirst()) where r.insetBy(-3).intersects(segment: a, b) { c += 500 }
                        }
                        for t in layout.texts where t.role == .legend && t.box.boundingBox.intersects(r.insetBy(-2)) { c += 1e6 }
                        return c
                    }
                    // Among places that cover nothing, the one with fewest marks near it,
                    // so that labels keep the room they need.
                    func crowd(_ r: Rect) -> Double {
                        layout.circles.reduce(0) { $0 + max(0, 1 - r.distance(to: $1.center) / 80) }
                    }
                    let costs = candidates.map(cost)
                    let crowds = candidates.map(crowd)
                    let best = costs.indices.min { (costs[$0], crowds[$0], $0) < (costs[$1], crowds[$1], $1) }!
                    legendClash += costs[best]
                    frame = candidates[best]
                } else {
                    frame = frames[corner]!
                }
                addEntries(&layout, entries, at: Point(frame.minX, frame.minY))
                taken.append(frame)
                obstacles.append(frame)
            }
        }
    }

    /// What data labels keep off: legend boxes, the size legend's texts.
    var obstacles: [Rect] = []
    /// How much data the legends cover in their best places (0: none).
    var legendClash = 0.0

    // MARK: Guides under the plot (phones)

    /// Where the next block under the plot starts (`guidesBelow`).
    var footer = 0.0

    /// Legends in blocks under the axes, left-aligned, each under the last, so that the
    /// plot keeps all its room for the data; the canvas grows downwards to hold them.
    /// The size legend's bubbles: radius, label and label size of each reference value
    /// (nil when the chart has no size legend). Shared by both legend placements.
    func sizeLegendEntries() -> (radii: [Double], labels: [String], labelSizes: [(width: Double, height: Double)])? {
        guard let size = chart.size, !size.references.isEmpty else { return nil }
        let labels = size.references.indices.map {
            $0 < size.referenceLabels.count ? size.referenceLabels[$0] : NiceTicks.formatShortest(size.references[$0])
        }
        return (size.references.map { size.radius($0) }, labels, labels.map { engine.measure($0, size: theme.legendSize) })
    }

    mutating func placeLegendsBelow(_ layout: inout ChartLayout) {
        let left = layout.canvas.minX + theme.margin
        footer = (layout.texts.map { $0.box.boundingBox.maxY }.max() ?? layout.plot.maxY) + 10
        for legend in chart.legends {
            switch legend {
            case .size:
                guard let size = chart.size, let (radii, labels, labelSizes) = sizeLegendEntries() else { continue }
                let rMax = radii.max() ?? 0
                // Evenly spaced centres on one line, labels in a row above the largest.
                var spacing = 0.0
                for i in radii.indices.dropLast() {
                    spacing = max(spacing, radii[i] + radii[i + 1] + 4,
                                  (labelSizes[i].width + labelSizes[i + 1].width) / 2 + 8)
                }
                let labelH = labelSizes.map(\.height).max() ?? 0
                let first = max(radii[0], labelSizes[0].width / 2)
                let cy = footer + labelH + 4 + rMax
                for (i, v) in size.references.enumerated() {
                    let centre = Point(left + first + Double(i) * spacing, cy)
                    layout.references.append(CircleShape(key: "size-legend-\(i)", center: centre, radius: radii[i],
                                                          value: v, color: theme.referenceColor, marked: false, centerDot: false))
                    let s = labelSizes[i]
                    let box = Rect(x: centre.x - s.width / 2, y: cy - rMax - 4 - s.height, width: s.width, height: s.height)
                    layout.texts.append(TextBox(role: .legend, text: labels[i], fontSize: theme.legendSize, color: theme.textColor,
                                                box: OrientedRect(box), key: "size-legend-\(i)"))
                }
                footer = cy + rMax + 10
            case .entries(let entries, _):
                guard !entries.isEmpty else { continue }
                let frame = addEntries(&layout, entries, at: Point(left, footer))
                footer = frame.maxY + 8
            }
        }
        growCanvas(&layout)
    }

    /// Symbol size, inner margin and gap between rows of a boxed list of legend entries.
    static let entryMetrics = (symbol: 11.0, inner: 5.0, rowGap: 3.0)

    /// The size of the box `addEntries` draws for `entries`, to choose its place first.
    func entriesSize(_ entries: [LegendEntry]) -> (width: Double, height: Double) {
        let (sym, inner, rowGap) = Self.entryMetrics
        let sizes = entries.map { engine.measure($0.label, size: theme.legendSize) }
        let rowH = max(sym, sizes.map(\.height).max() ?? 0)
        return (inner * 2 + sym + 5 + (sizes.map(\.width).max() ?? 0),
                inner * 2 + Double(entries.count) * rowH + Double(entries.count - 1) * rowGap)
    }

    /// A boxed list of legend entries with its top left corner at `origin`; its frame.
    @discardableResult
    func addEntries(_ layout: inout ChartLayout, _ entries: [LegendEntry], at origin: Point) -> Rect {
        let (sym, inner, rowGap) = Self.entryMetrics
        let sizes = entries.map { engine.measure($0.label, size: theme.legendSize) }
        let rowH = max(sym, sizes.map(\.height).max() ?? 0)
        let (w, h) = entriesSize(entries)
        let frame = Rect(x: origin.x, y: origin.y, width: w, height: h)
        var items: [LegendBox.Item] = []
        for (i, e) in entries.enumerated() {
            let rowY = frame.minY + inner + Double(i) * (rowH + rowGap)
            let symbol = Rect(x: frame.minX + inner, y: rowY + (rowH - sym) / 2, width: sym, height: sym)
            items.append(.init(entry: e, symbol: symbol))
            let textBox = Rect(x: symbol.maxX + 5, y: rowY + (rowH - sizes[i].height) / 2,
                               width: sizes[i].width, height: sizes[i].height)
            layout.texts.append(TextBox(role: .legend, text: e.label, fontSize: theme.legendSize,
                                        color: theme.textColor, box: OrientedRect(textBox)))
        }
        layout.legends.append(LegendBox(frame: frame, items: items))
        return frame
    }

    /// The canvas reaches down to the last block under the plot.
    func growCanvas(_ layout: inout ChartLayout) {
        let bottom = footer - 8 + theme.margin
        if bottom > layout.canvas.maxY { layout.canvas.height = (bottom - layout.canvas.minY).rounded(.up) }
    }

    /// The key to numbered labels, under the plot: "1 AlexNet", in as many columns as
    /// fit, read down each column; numbers right-aligned, so that the names align.
    mutating func placeKey(_ layout: inout ChartLayout, _ entries: [(number: String, name: String)]) {
        guard !entries.isEmpty else { return }
        if footer == 0 { footer = (layout.texts.map { $0.box.boundingBox.maxY }.max() ?? layout.plot.maxY) + 10 }
        let numbers = entries.map { engine.measure($0.number, size: theme.legendSize) }
        let names = entries.map { engine.measure($0.name, size: theme.legendSize) }
        let numberW = numbers.map(\.width).max() ?? 0
        let columnW = numberW + 5 + (names.map(\.width).max() ?? 0) + 14
        let available = layout.canvas.width - 2 * theme.margin
        let columns = max(1, min(entries.count, Int((available + 14) / columnW)))
        let rows = (entries.count + columns - 1) / columns
        let rowH = (names.map(\.height).max() ?? 0) + 2
        let left = layout.canvas.minX + theme.margin
        for (k, e) in entries.enumerated() {
            let x = left + Double(k / rows) * columnW, y = footer + Double(k % rows) * rowH
            layout.texts.append(TextBox(role: .legend, text: e.number, fontSize: theme.legendSize, color: theme.textColor,
                                        box: OrientedRect(Rect(x: x + numberW - numbers[k].width, y: y,
                                                               width: numbers[k].width, height: numbers[k].height))))
            layout.texts.append(TextBox(role: .legend, text: e.name, fontSize: theme.legendSize, color: theme.textColor,
                                        box: OrientedRect(Rect(x: x + numberW + 5, y: y, width: names[k].width, height: names[k].height))))
        }
        footer += Double(rows) * rowH + 8
        growCanvas(&layout)
    }

    // MARK: Labels

    /// The most names a phone drawing tries to place beside their marks.
    static let mostNames = 24

    /// Whether names read well on a phone: each beside its mark, or at the end of a
    /// short leader that crosses no other.
    static func readable(_ placements: [LabelPlacer.Placement], plot: Rect) -> Bool {
        if placements.contains(where: { !$0.fits }) { return false }
        let leaders = placements.compactMap(\.leader)
        if leaders.contains(where: { $0.from.distance(to: $0.to) > plot.width / 4 }) { return false }
        for i in leaders.indices {
            for j in leaders.indices where j > i
            && LabelPlacer.segmentsCross(leaders[i].from, leaders[i].to, leaders[j].from, leaders[j].to) { return false }
        }
        return true
    }

    /// The longest leader that reads as short on a wide drawing, in label heights.
    static let shortLeader = 6.0

    /// The fewest labels reading badly that a wide drawing numbers.
    static let smallestCrowd = 4

    /// The labels that do not read well on a wide drawing: those that fit nowhere, those
    /// at the end of a leader longer than `longest`, and those whose leaders cross.
    static func unreadable(_ placements: [LabelPlacer.Placement], longest: Double) -> Set<Int> {
        var out: Set<Int> = []
        for (i, p) in placements.enumerated() {
            if !p.fits { out.insert(i) }
            guard let l = p.leader else { continue }
            if l.from.distance(to: l.to) > longest { out.insert(i) }
            for j in placements.indices where j > i {
                if let m = placements[j].leader, LabelPlacer.segmentsCross(l.from, l.to, m.from, m.to) {
                    out.insert(i)
                    out.insert(j)
                }
            }
        }
        return out
    }

    /// Returns what a column of names at the lines' ends lacked, if it did.
    @discardableResult
    mutating func placeLabels(_ layout: inout ChartLayout) -> EndLabelShortfall? {
        let dotR = theme.dotRadius + 0.5
        // Labelled marks; a mark drawn on top of one already labelled (their centre dots
        // overlapping, or points overlapping by half) shares its label,
        // "BN-AlexNet, AlexNet", rather than two labels pointing at one spot.
        var labelled: [(keys: [String], names: [String], circle: CircleShape, own: [Int])] = []
        for layer in chart.layers {
            switch layer.mark {
            case .bubble, .point:
                for d in layer.data {
                    guard let text = d.label, !text.isEmpty,
                          let index = layout.circles.firstIndex(where: { $0.key == d.key }) else { continue }
                    let c = layout.circles[index]
                    if let j = labelled.firstIndex(where: { l in
                        let limit = c.centerDot ? 2 * theme.dotRadius : 0.5 * (c.radius + l.circle.radius)
                        return l.circle.centerDot == c.centerDot && l.circle.center.distance(to: c.center) < limit
                    }) {
                        labelled[j].keys.append(d.key)
                        labelled[j].names.append(text)
                        labelled[j].own.append(index)
                        if c.radius > labelled[j].circle.radius { labelled[j].circle = c }
                    } else {
                        labelled.append(([d.key], [text], c, [index]))
                    }
                }
            default: continue
            }
        }
        guard !labelled.isEmpty else { return nil }
        if chart.labelsAtLineEnds {
            return placeEndLabels(&layout, labelled.map { ($0.keys, $0.names, $0.circle) })
        }
        let marks = layout.circles.map {
            LabelPlacer.Mark(center: $0.center, radius: $0.radius, dot: $0.centerDot ? dotR : 0, named: true)
        } + layout.references.map { LabelPlacer.Mark(center: $0.center, radius: $0.radius, dot: 0, named: false) }
        var placer = LabelPlacer(
            bounds: layout.plot.insetBy(2),
            obstacles: obstacles,
            marks: marks,
            segments: layout.lines.flatMap { line in zip(line.points, line.points.dropFirst()).map { ($0, $1) } })
        func place(_ texts: [String], numbers: Bool) -> [LabelPlacer.Placement] {
            let sizes = texts.map { engine.measure($0, size: theme.labelSize) }
            // A number is read by following its leader: crossings cost as much as going
            // a few rings further out.
            placer.crossingCost = numbers ? 40 : 15
            return placer.place(labelled.enumerated().map { i, l in
                LabelPlacer.Request(center: l.circle.center, radius: l.circle.radius, width: sizes[i].width,
                                    height: sizes[i].height, own: l.own)
            })
        }
        var texts = labelled.map { $0.names.joined(separator: ", ") }
        var placements: [LabelPlacer.Placement] = []
        /// Numbers in the names' alphabetical order, so that the key reads both ways;
        /// for the labels at `indices` (each label's names, several on one spot).
        func numbering(_ indices: [Int]) -> (texts: [Int: String], key: [(number: String, name: String)]) {
            let order = indices.flatMap { i in labelled[i].names.indices.map { (i, $0) } }
                .sorted { a, b in
                    let (na, nb) = (labelled[a.0].names[a.1], labelled[b.0].names[b.1])
                    let cmp = na.compare(nb, options: [.numeric, .caseInsensitive])
                    return cmp != .orderedSame ? cmp == .orderedAscending : a < b
                }
            var numbers: [Int: [Int]] = [:]
            for (n, (i, _)) in order.enumerated() { numbers[i, default: []].append(n + 1) }
            return (numbers.mapValues { $0.sorted().map(String.init).joined(separator: ", ") },
                    order.enumerated().map { n, e in (String(n + 1), labelled[e.0].names[e.1]) })
        }
        // More names than a phone's plot can hold are not even tried.
        var numbered = chart.numbersWhenCrowded && labelled.count > Self.mostNames
        if !numbered {
            placements = place(texts, numbers: false)
            numbered = chart.numbersWhenCrowded && !Self.readable(placements, plot: layout.plot)
        }
        if numbered {
            let (numbers, key) = numbering(Array(labelled.indices))
            texts = labelled.indices.map { numbers[$0]! }
            placements = place(texts, numbers: true)
            placeKey(&layout, key)
        } else if !chart.numbersWhenCrowded {
            // A crowd on a wide drawing: its names go far away on long leaders that cross
            // one another. Those labels become numbers (keyed under the plot), which fit
            // nearer their marks, while the names that read well stay; the crowd is
            // widened while names still do not read well. One or two labels that read
            // badly are no crowd, and the numbers are kept only if they read better.
            let longest = Self.shortLeader * theme.labelSize
            let unreadable = Self.unreadable(placements, longest: longest)
            if unreadable.count >= Self.smallestCrowd {
                var crowd: Set<Int> = []
                var key: [(number: String, name: String)] = []
                var numberedTexts = texts, numberedPlacements = placements
                for _ in 0..<4 {
                    let worse = Self.unreadable(numberedPlacements, longest: longest).subtracting(crowd)
                    guard !worse.isEmpty else { break }
                    crowd.formUnion(worse)
                    let numbers: [Int: String]
                    (numbers, key) = numbering(crowd.sorted())
                    numberedTexts = labelled.indices.map { numbers[$0] ?? labelled[$0].names.joined(separator: ", ") }
                    numberedPlacements = place(numberedTexts, numbers: true)
                }
                // A number right beside its mark may have room for its name now that its
                // neighbours are numbers: names go back one at a time while they read as well.
                var worst = Self.unreadable(numberedPlacements, longest: longest).count
                for i in crowd.sorted() where numberedPlacements[i].leader == nil {
                    let rest = crowd.subtracting([i])
                    let (numbers, restKey) = numbering(rest.sorted())
                    let restTexts = labelled.indices.map { numbers[$0] ?? labelled[$0].names.joined(separator: ", ") }
                    let restPlacements = place(restTexts, numbers: true)
                    let bad = Self.unreadable(restPlacements, longest: longest).count
                    guard bad <= worst, restPlacements[i].leader == nil else { continue }
                    (crowd, key, numberedTexts, numberedPlacements, worst) = (rest, restKey, restTexts, restPlacements, bad)
                }
                if worst < unreadable.count {
                    texts = numberedTexts
                    placements = numberedPlacements
                    placeKey(&layout, key)
                }
            }
        }
        for (i, p) in placements.enumerated() {
            layout.texts.append(TextBox(role: .label, text: texts[i], fontSize: theme.labelSize,
                                        color: theme.textColor, box: OrientedRect(p.rect),
                                        key: labelled[i].keys.joined(separator: "+"), leader: p.leader.map { [$0.from, $0.to] }))
        }
        return nil
    }
}

extension Chart {
    /// A bar chart lying on its side: categories down the y-axis, values along x.
    var sideways: Bool {
        if case .band = y.scale { return true }
        return false
    }
}

extension Rect {
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
}
