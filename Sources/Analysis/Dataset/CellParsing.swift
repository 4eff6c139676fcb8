// Strict readers for the cells of the data files. `Double(_:)` alone would accept
// "nan", "inf" and hexadecimal floats, none of which belongs in an accuracy column, so a
// number must be plain decimal notation before it is converted.

import NotebookInterface

struct CellReader {
    let file: String
    var problems: [Problem] = []

    init(file: String) { self.file = file }

    mutating func fail(_ row: CSVRow, _ column: String, _ message: String) {
        let at = row.location(column)
        problems.append(Problem(.error, message, file: file, line: at.line, column: at.column))
    }

    /// A non-empty text cell.
    mutating func text(_ row: CSVRow, _ column: String) -> String? {
        let s = row.text(column)
        if s.isEmpty { fail(row, column, "'\(column)' is empty"); return nil }
        return s
    }

    /// A finite decimal number in `range`; nil (and a problem) otherwise. An empty cell is
    /// a problem unless `optional`, in which case it reads as nil without one.
    mutating func number(_ row: CSVRow, _ column: String, in range: ClosedRange<Double>,
                         unit: String = "", optional: Bool = false) -> Double? {
        let s = row.text(column)
        if s.isEmpty {
            if !optional { fail(row, column, "'\(column)' is empty; expected a number") }
            return nil
        }
        guard isPlainDecimal(s), let x = Double(s), x.isFinite else {
            fail(row, column, "'\(column)' is '\(s)'; expected a number such as 70.62")
            return nil
        }
        guard range.contains(x) else {
            fail(row, column, "'\(column)' is \(s)\(unit); expected a value from \(plain(range.lowerBound)) to \(plain(range.upperBound))\(unit)")
            return nil
        }
        return x
    }

    /// A positive whole number; empty reads as nil when `optional`.
    mutating func count(_ row: CSVRow, _ column: String, optional: Bool = false) -> Int? {
        let s = row.text(column)
        if s.isEmpty {
            if !optional { fail(row, column, "'\(column)' is empty; expected a whole number") }
            return nil
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s), n > 0 else {
            fail(row, column, "'\(column)' is '\(s)'; expected a positive whole number")
            return nil
        }
        return n
    }

    /// "yes" or "no".
    mutating func flag(_ row: CSVRow, _ column: String) -> Bool? {
        switch row.text(column).lowercased() {
        case "yes": return true
        case "no": return false
        default:
            fail(row, column, "'\(column)' is '\(row.text(column))'; expected yes or no")
            return nil
        }
    }
}

/// Optional sign, digits with an optional fraction, optional exponent — nothing else.
func isPlainDecimal(_ s: String) -> Bool {
    var chars = Substring(s)
    if let c = chars.first, c == "+" || c == "-" { chars.removeFirst() }
    var digits = 0, dot = false, exponent = false, afterExponent = 0
    var previous: Character = " "
    for c in chars {
        if c.isASCII && c.isNumber {
            if exponent { afterExponent += 1 } else { digits += 1 }
        } else if c == "." && !dot && !exponent {
            dot = true
        } else if (c == "e" || c == "E") && !exponent && digits > 0 {
            exponent = true
        } else if (c == "+" || c == "-") && (previous == "e" || previous == "E") {
        } else {
            return false
        }
        previous = c
    }
    return digits > 0 && (!exponent || afterExponent > 0)
}

func plain(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
