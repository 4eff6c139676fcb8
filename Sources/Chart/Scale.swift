import Foundation

/// How data values map to positions along an axis.
public enum ScaleKind: Sendable, Equatable {
    case linear
    case log
    /// Evenly spaced slots for categories, in the given order.
    case band([String])
}

/// A tick on an axis: its value and its label (empty for minor ticks).
public struct Tick: Sendable, Equatable {
    public var value: Double
    public var label: String
    public var major: Bool
    public init(value: Double, label: String, major: Bool = true) {
        self.value = value; self.label = label; self.major = major
    }
}

/// Tick values and domains chosen the way people round numbers: steps of 1, 2 or 5
/// times a power of ten on linear axes; decades (and 2, 5 within short ranges) on log axes.
public enum NiceTicks {
    static let mantissas: [Double] = [1, 2, 5]

    /// The smallest 1-2-5 step that gives at most `maxCount` ticks over `lo…hi`.
    public static func linearStep(_ lo: Double, _ hi: Double, maxCount: Int = 8) -> Double {
        let span = hi - lo
        guard span > 0, span.isFinite else { return 1 }
        var exponent = floor(log10(span / Double(maxCount))) - 1
        while true {
            let p = pow(10, exponent)
            for m in mantissas {
                let step = m * p
                let count = Int(floor(hi / step + 1e-9) - ceil(lo / step - 1e-9)) + 1
                if count <= maxCount { return step }
            }
            exponent += 1
        }
    }

    /// The domain widened outwards to whole multiples of the step.
    public static func linearDomain(_ lo: Double, _ hi: Double, maxCount: Int = 8) -> (Double, Double) {
        var (a, b) = (lo, hi)
        if a == b { a -= 1; b += 1 }
        let step = linearStep(a, b, maxCount: maxCount)
        return (floor(a / step + 1e-9) * step, ceil(b / step - 1e-9) * step)
    }

    public static func linear(_ lo: Double, _ hi: Double, maxCount: Int = 8) -> [Tick] {
        let step = linearStep(lo, hi, maxCount: maxCount)
        let first = Int(ceil(lo / step - 1e-9)), last = Int(floor(hi / step + 1e-9))
        guard first <= last else { return [] }
        let decimals = decimalsFor(step: step)
        return (first...last).map { i in
            let v = Double(i) * step
            return Tick(value: v, label: format(v, decimals: decimals))
        }
    }

    /// 1-2-5 values (…, 0.1, 0.2, 0.5, 1, 2, 5, 10, …).
    static func sequence125(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi >= lo else { return [] }
        var out: [Double] = []
        var e = Int(floor(log10(lo))) - 1
        while pow(10, Double(e)) <= hi * 10 {
            for m in mantissas {
                let v = Double(m) * pow(10, Double(e))
                let r = round125(v)
                if r >= lo * (1 - 1e-9) && r <= hi * (1 + 1e-9) { out.append(r) }
            }
            e += 1
        }
        return out
    }

    /// Removes floating-point dust such as 0.30000000000000004.
    static func round125(_ v: Double) -> Double {
        Double(String(format: "%.12g", v)) ?? v
    }

    /// A log domain widened outwards to 1-2-5 values.
    public static func logDomain(_ lo: Double, _ hi: Double) -> (Double, Double) {
        precondition(lo > 0 && hi > 0, "log scales need positive values")
        var a = lo, b = hi
        if a == b { a /= 2; b *= 2 }
        let below = sequence125(a / 10, a).last ?? a
        let above = sequence125(b, b * 10).first ?? b
        return (below, above)
    }

    /// Ticks at every integer multiple of a power of ten; those whose mantissa is in
    /// `labelled` (1, 2 and 5 by default: a 1-2-5 axis) are major and labelled, the
    /// others minor. With decades only, a range shorter than two decades still labels
    /// 2 and 5, so that at least two labels show.
    public static func log(_ lo: Double, _ hi: Double, labelled: Set<Int> = [1, 2, 5]) -> [Tick] {
        guard lo > 0, hi > lo else { return [] }
        let eLo = Int(floor(log10(lo))) , eHi = Int(ceil(log10(hi)))
        var values: [(Double, Int)] = []
        for e in eLo...eHi {
            for m in 1...9 {
                let v = round125(Double(m) * pow(10, Double(e)))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append((v, m)) }
            }
        }
        let decades = values.filter { $0.1 == 1 }.count
        let shown = decades >= 2 ? labelled : labelled.union([1, 2, 5])
        return values.map { v, m in
            shown.contains(m) ? Tick(value: v, label: formatShortest(v)) : Tick(value: v, label: "", major: false)
        }
    }

    static func decimalsFor(step: Double) -> Int {
        var d = 0
        while d < 10 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
            d += 1
        }
        return d
    }

    /// Fixed decimals, a true minus sign, and no "-0".
    public static func format(_ v: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.hasPrefix("-") {
            if Double(s) == 0 { s.removeFirst() } else { s = "\u{2212}" + s.dropFirst() }
        }
        return s
    }

    /// As few decimals as the value needs (0.1, 1, 10, 2.5).
    public static func formatShortest(_ v: Double) -> String {
        var d = 0
        while d < 10 {
            let s = format(v, decimals: d)
            if let back = Double(s.replacingOccurrences(of: "\u{2212}", with: "-")),
               abs(back - v) <= 1e-9 * max(1, abs(v)) { return s }
            d += 1
        }
        return format(v, decimals: d)
    }
}

/// A scale resolved for drawing: domain → range in chart points.
struct ResolvedScale {
    var kind: ScaleKind
    var lo: Double
    var hi: Double
    var start: Double   // point for `lo`
    var end: Double     // point for `hi`

    func position(_ v: Double) -> Double {
        switch kind {
        case .linear, .band:
            return start + (v - lo) / (hi - lo) * (end - start)
        case .log:
            let t = (Foundation.log10(max(v, 1e-300)) - Foundation.log10(lo)) / (Foundation.log10(hi) - Foundation.log10(lo))
            return start + t * (end - start)
        }
    }

    /// Centre of a band slot.
    func position(category index: Int) -> Double {
        start + (Double(index) + 0.5) * bandWidth * (end > start ? 1 : -1)
    }

    var bandWidth: Double {
        guard case .band(let cats) = kind, !cats.isEmpty else { return 0 }
        return abs(end - start) / Double(cats.count)
    }
}
