// How numbers read in the paper. One style everywhere: two decimals (three below 1, so
// that small networks do not collapse to "0.14"), a no-break space before the unit so a
// line never ends between a number and its unit, and a true minus sign.

import Foundation
import NotebookInterface

enum Format {
    static let space = "\u{00A0}"

    /// Two decimals, or three below 1 in magnitude.
    static func number(_ x: Double) -> String {
        let text = String(format: abs(x) < 1 && x != 0 ? "%.3f" : "%.2f", x)
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// The number `number(x)` shows, read back. A ratio printed next to the numbers it
    /// divides is computed from these, so that the reader's own division agrees with it
    /// (0.959 / 0.120 = 7.99, not the 8.01 of the unrounded values).
    static func shown(_ x: Double) -> Double { Double(number(x).replacingOccurrences(of: "\u{2212}", with: "-")) ?? x }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", x).replacingOccurrences(of: "-", with: "\u{2212}")
    }

    static func millions(_ n: Int) -> String { number(Double(n) / 1e6) }
    static func billions(_ n: Int) -> String { number(Double(n) / 1e9) }

    /// Whole numbers with thin-space thousands groups (138 357 544).
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "\u{2009}" }
            out.append(c)
        }
        return (n < 0 ? "\u{2212}" : "") + out
    }

    /// A table cell: always `decimals` decimals, and the whole part in thin-space groups
    /// of three from four digits on (8 357.40), the convention of every table.
    static func column(_ x: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(x))
        let whole = text.prefix { $0 != "." }
        let rest = text.dropFirst(whole.count)
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && whole.count >= 4 && (whole.count - i) % 3 == 0 { grouped += "\u{2009}" }
            grouped.append(c)
        }
        let negative = x < 0 && text.contains(where: { $0 != "0" && $0 != "." })
        return (negative ? "\u{2212}" : "") + grouped + rest
    }

    /// A published number in a column of `decimals` decimals, with no more precision
    /// than its source gave: missing decimals become figure spaces, so that the column
    /// still lines up on the decimal point (4.2 beside 1.25).
    static func published(_ x: Double, _ decimals: Int) -> String {
        let full = column(x, decimals)
        guard decimals > 0 else { return full }
        var shown = full
        var trimmed = 0
        while trimmed < decimals, shown.hasSuffix("0"), Double(String(format: "%.\(decimals - trimmed - 1)f", x)) == x {
            shown.removeLast(); trimmed += 1
        }
        if trimmed == decimals { shown.removeLast() }   // the decimal point
        return shown + String(repeating: "\u{2007}", count: trimmed + (trimmed == decimals ? 1 : 0))
    }

    /// A signed relative difference in percent: "+0.4 %", "−42.5 %".
    static func difference(_ percent: Double) -> String {
        let rounded = (percent * 10).rounded() / 10
        let sign = rounded > 0 ? "+" : rounded < 0 ? "\u{2212}" : "±"
        return sign + String(format: "%.1f", abs(rounded)) + space + "%"
    }

    /// Full precision for `raw`: integers as integers, doubles in their shortest exact form.
    static func raw(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}

/// Relative difference of `value` from `reference`, in percent.
func percentDifference(_ value: Double, from reference: Double) -> Double {
    (value - reference) / reference * 100
}

extension Value {
    /// A number shown in a unit: `shown` is the number in that unit (millions for "M").
    static func quantity(raw: String, text: String, shown: Double, unit: String) -> Value {
        Value(raw: raw, text: text, number: shown, unit: unit)
    }
    static func count(_ n: Int) -> Value { Value(raw: String(n), text: String(n), number: Double(n), unit: "") }
    /// A large whole number, grouped for reading: 1 451 236 352.
    static func whole(_ n: Int) -> Value { Value(raw: String(n), text: Format.grouped(n), number: Double(n), unit: "") }
    static func params(_ n: Int) -> Value { .millions(n, "M") }
    static func macs(_ n: Int) -> Value {
        .quantity(raw: String(n), text: Format.billions(n) + Format.space + "GMACs", shown: Double(n) / 1e9, unit: "GMACs")
    }
    /// Operations given as a whole count; `raw` in G-Ops at full precision.
    static func gops(_ ops: Int) -> Value {
        .quantity(raw: Format.raw(Double(ops) / 1e9), text: Format.billions(ops) + Format.space + "G-Ops",
                  shown: Double(ops) / 1e9, unit: "G-Ops")
    }
    static func gops(_ g: Double) -> Value { .shown(g, "G-Ops") }
    static func percent(_ x: Double) -> Value { .shown(x, "%") }
    static func density(_ x: Double) -> Value { .shown(x, "%/M") }
    static func perGop(_ x: Double) -> Value { .shown(x, "%/G-Op") }
    static func pointsPerGop(_ x: Double) -> Value { .shown(x, "points per G-Op") }
    static func difference(_ percent: Double) -> Value {
        .quantity(raw: Format.raw(percent), text: Format.difference(percent), shown: percent, unit: "%")
    }
    static func elements(_ n: Int) -> Value { .millions(n, "M") }
    static func bytes(_ n: Int) -> Value { .millions(n, "MB") }
    static func times(_ x: Double) -> Value {
        .quantity(raw: Format.raw(x), text: Format.number(x) + "×", shown: x, unit: "×")
    }
    /// Percentage points (a difference of accuracies), signed, with two decimals as the
    /// accuracies they are the difference of.
    static func points(_ x: Double) -> Value {
        .quantity(raw: Format.raw(x), text: (x > 0 ? "+" : "") + Format.fixed(x, 2) + Format.space + "points",
                  shown: x, unit: "points")
    }
    static func text(_ s: String) -> Value { Value(raw: s, text: s) }
    /// A list of networks: ids for scripts, names for readers.
    static func networks(_ list: [NetworkSummary]) -> Value {
        Value(raw: list.map(\.id).joined(separator: ","), text: list.isEmpty ? "none" : Format.list(list.map(\.name)))
    }

    private static func millions(_ n: Int, _ unit: String) -> Value {
        .quantity(raw: String(n), text: Format.millions(n) + Format.space + unit, shown: Double(n) / 1e6, unit: unit)
    }
    private static func shown(_ x: Double, _ unit: String) -> Value {
        .quantity(raw: Format.raw(x), text: Format.number(x) + Format.space + unit, shown: x, unit: unit)
    }
}
