// How an author asks for a number to be shown: `{value}`network.resnet-50.gops:.1f``.
// The spec follows MyST's glue (`key:.2f`), which follows Python's format mini-language,
// restricted to what a paper needs, in the paper's typography (thin-space thousands
// groups, a true minus, a no-break space before the unit). Hand-written: the grammar is
// five optional parts, and no Swift package formats the way the paper prints numbers.
//
//     SPEC   := [","] ["." DIGITS] [TYPE] [" nounit"]   |   "nounit"
//     TYPE   := "f" fixed | "d" whole number | "%" percent (× 100) | "e" scientific
//
//     :.1f        8.2 G-Ops          :,d        25 557 032 (grouped in thin spaces)
//     :.0f        8 G-Ops            :.1%       76.1 %   (of a fraction 0.761)
//     :.2e        8.21 × 10⁹         :.1f nounit   8.2   (the unit left to the sentence)

import Foundation
import NotebookInterface

struct FormatSpec: Sendable, Equatable {
    enum Kind: Sendable, Equatable { case fixed, whole, percent, scientific }

    var grouped = false
    var precision: Int?
    var kind: Kind?
    var showsUnit = true

    /// Every spec the grammar accepts is a few characters long; a longer one is a typo.
    static let examples = ".2f, .0f, ,d, .1%, .2e, .1f nounit, nounit"

    /// Parses a spec; the error names what was not understood.
    static func parse(_ text: String) throws(NotebookError) -> FormatSpec {
        var spec = FormatSpec()
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        func fail(_ why: String) -> NotebookError {
            .problem("invalid format spec '\(text.prefix(40))': \(why) (examples: \(examples))")
        }
        if rest.hasSuffix("nounit") {
            spec.showsUnit = false
            rest = rest.dropLast("nounit".count)
            while rest.last == " " { rest.removeLast() }
        }
        if rest.first == "," { spec.grouped = true; rest.removeFirst() }
        if rest.first == "." {
            rest.removeFirst()
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let n = Int(digits), n <= 12 else {
                throw fail("'.' must be followed by the number of decimals, 0 to 12")
            }
            spec.precision = n
            rest = rest.dropFirst(digits.count)
        }
        if let c = rest.first {
            switch c {
            case "f": spec.kind = .fixed
            case "d": spec.kind = .whole
            case "%": spec.kind = .percent
            case "e": spec.kind = .scientific
            default: throw fail("unknown type '\(c)'")
            }
            rest.removeFirst()
        }
        guard rest.isEmpty else { throw fail("unexpected '\(rest.prefix(20))'") }
        if spec.kind == .whole && spec.precision != nil { throw fail("a whole number ('d') has no decimals") }
        return spec
    }

    /// The value as the spec asks. A text value accepts only `nounit`-free empty specs.
    func apply(to value: Value) throws(NotebookError) -> Value {
        guard let number = value.number else {
            throw .problem("'\(value.text.prefix(40))' is text, not a number: it takes no format spec")
        }
        let unit = value.unit ?? ""
        var text: String
        var shownUnit = unit
        switch kind {
        case .percent:
            text = FormatSpec.digits(number * 100, precision: precision ?? 0, grouped: grouped)
            shownUnit = "%"
        case .whole:
            text = FormatSpec.digits(number.rounded(), precision: 0, grouped: grouped)
        case .scientific:
            text = FormatSpec.scientific(number, precision: precision ?? 2)
        case .fixed:
            text = FormatSpec.digits(number, precision: precision ?? 2, grouped: grouped)
        case nil:
            if let precision {
                text = FormatSpec.digits(number, precision: precision, grouped: grouped)
            } else if grouped {
                text = FormatSpec.digits(number, precision: number == number.rounded() ? 0 : 2, grouped: true)
            } else {
                // No digits asked for: the value's own text, without its unit if asked.
                text = FormatSpec.stripUnit(value.text, unit: unit)
            }
        }
        if showsUnit, !shownUnit.isEmpty {
            text += shownUnit == "×" ? shownUnit : "\u{00A0}" + shownUnit
        }
        return Value(raw: value.raw, text: text, number: value.number, unit: showsUnit ? shownUnit : "")
    }

    /// `x` with `precision` decimals, thin-space thousands groups when asked, true minus.
    static func digits(_ x: Double, precision: Int, grouped: Bool) -> String {
        var text = String(format: "%.\(precision)f", abs(x))
        if grouped {
            let parts = text.split(separator: ".", maxSplits: 1)
            let whole = Array(parts[0])
            var out = ""
            for (i, c) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { out += "\u{2009}" }
                out.append(c)
            }
            text = parts.count > 1 ? out + "." + parts[1] : out
        }
        // "-0.00" is zero: no sign.
        let negative = x < 0 && text.contains(where: { $0 != "0" && $0 != "." && $0 != "\u{2009}" })
        return (negative ? "\u{2212}" : "") + text
    }

    /// 8.21 × 10⁹, with superscript exponent digits.
    static func scientific(_ x: Double, precision: Int) -> String {
        guard x != 0, x.isFinite else { return digits(x, precision: precision, grouped: false) }
        var exponent = Int(floor(log10(abs(x))))
        var mantissa = x / pow(10, Double(exponent))
        // Rounding can carry the mantissa to 10 (9.996 at two decimals).
        if abs((mantissa * pow(10, Double(precision))).rounded()) >= 10 * pow(10, Double(precision)) {
            exponent += 1
            mantissa = x / pow(10, Double(exponent))
        }
        let superscripts: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                                    "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        let power = String(String(exponent).map { superscripts[$0] ?? $0 })
        return digits(mantissa, precision: precision, grouped: false) + "\u{00A0}×\u{00A0}10" + power
    }

    /// "8.21 G-Ops" → "8.21" when the unit is not wanted.
    static func stripUnit(_ text: String, unit: String) -> String {
        guard !unit.isEmpty, text.hasSuffix(unit) else { return text }
        var t = String(text.dropLast(unit.count))
        while let last = t.last, last == " " || last == "\u{00A0}" { t.removeLast() }
        return t
    }
}

/// `KEY:SPEC` split at the first colon after the key's last `]` (a CSV row id in
/// brackets may hold a colon); nil spec when there is none.
func splitFormatSpec(_ name: String) -> (key: String, spec: String?) {
    let searchFrom = name.lastIndex(of: "]").map { name.index(after: $0) } ?? name.startIndex
    guard let colon = name[searchFrom...].firstIndex(of: ":") else { return (name, nil) }
    return (String(name[..<colon]), String(name[name.index(after: colon)...]))
}
