// Evaluates an `Expression` against names resolved by the caller (value keys for a claim,
// a row's columns for a filter) and records what it compared, so that a checked claim
// can show exactly what was verified, with its operands' values.

import Foundation
import NotebookInterface

/// What a name or a sub-expression evaluates to.
enum Operand: Sendable, Equatable {
    /// A number, and how the reader sees it ("76.13 %") when it came from a value.
    case number(Double, shown: String?)
    case text(String)
    case boolean(Bool)
    case list([Operand])

    static func number(_ x: Double) -> Operand { .number(x, shown: nil) }

    var shown: String {
        switch self {
        case .number(let x, let shown): shown ?? Operand.show(x)
        case .text(let s): "\"\(s)\""
        case .boolean(let b): b ? "true" : "false"
        case .list(let items): "[" + items.map(\.shown).joined(separator: ", ") + "]"
        }
    }

    var kindName: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .boolean: "true or false"
        case .list: "a list"
        }
    }

    /// Up to six significant digits, no trailing zeros, a true minus: enough to see why
    /// 74.78 > 74.7 holds, without 17-digit noise.
    static func show(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)).replacingOccurrences(of: "-", with: "−") }
        var s = String(format: "%.6g", x)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s.replacingOccurrences(of: "-", with: "−")
    }
}

/// Why an expression could not be evaluated (unknown name, a type mismatch, ÷ 0).
struct EvaluationError: Error, Sendable, Equatable {
    var message: String
    /// The name that could not be resolved, if that was the problem.
    var name: String?
}

/// One comparison made while evaluating, as the evidence of a claim shows it.
struct Comparison: Sendable, Equatable {
    var expression: String
    var left: String
    var op: String
    var right: String
    var holds: Bool

    /// "network.resnet-50.top1 > network.googlenet.top1 + 5: 76.13 > 73.78 ✓"
    var line: String { "\(expression): \(left) \(op) \(right) \(holds ? "✓" : "✗")" }
}

struct ExpressionEvaluator {
    var resolve: (String) throws(EvaluationError) -> Operand
    /// Every comparison, in evaluation order.
    private(set) var comparisons: [Comparison] = []
    /// Every name's value, in order of first use.
    private(set) var resolved: [(name: String, value: Operand)] = []

    init(resolve: @escaping (String) throws(EvaluationError) -> Operand) {
        self.resolve = resolve
    }

    mutating func evaluate(_ e: Expression) throws(EvaluationError) -> Operand {
        switch e {
        case .number(let x): return .number(x)
        case .text(let s): return .text(s)
        case .boolean(let b): return .boolean(b)
        case .list(let items):
            var out: [Operand] = []
            for item in items { out.append(try evaluate(item)) }
            return .list(out)
        case .name(let n):
            if let known = resolved.first(where: { $0.name == n }) { return known.value }
            let value = try resolve(n)
            resolved.append((n, value))
            return value
        case .negate(let x):
            guard case .number(let v, _) = try evaluate(x) else {
                throw EvaluationError(message: "'-' needs a number: \(x.text) is \(try evaluate(x).kindName)")
            }
            return .number(-v)
        case .not(let x):
            guard case .boolean(let b) = try evaluate(x) else {
                throw EvaluationError(message: "'not' needs true or false: \(x.text) is \(try evaluate(x).kindName)")
            }
            return .boolean(!b)
        case .binary(let op, let a, let b):
            // Both sides are evaluated even when the first decides 'and'/'or': the
            // evidence then lists every comparison the author wrote.
            let x = try evaluate(a), y = try evaluate(b)
            return try apply(op, x, y, a, b)
        }
    }

    private mutating func apply(_ op: Expression.Operator, _ x: Operand, _ y: Operand,
                                _ a: Expression, _ b: Expression) throws(EvaluationError) -> Operand {
        func numbers() throws(EvaluationError) -> (Double, Double) {
            guard case .number(let u, _) = x else {
                throw EvaluationError(message: "'\(op.rawValue)' needs numbers: \(a.text) is \(x.kindName) (\(x.shown.prefix(40)))")
            }
            guard case .number(let v, _) = y else {
                throw EvaluationError(message: "'\(op.rawValue)' needs numbers: \(b.text) is \(y.kindName) (\(y.shown.prefix(40)))")
            }
            return (u, v)
        }
        func booleans() throws(EvaluationError) -> (Bool, Bool) {
            guard case .boolean(let u) = x else {
                throw EvaluationError(message: "'\(op.rawValue)' joins checks: \(a.text) is \(x.kindName), not a comparison")
            }
            guard case .boolean(let v) = y else {
                throw EvaluationError(message: "'\(op.rawValue)' joins checks: \(b.text) is \(y.kindName), not a comparison")
            }
            return (u, v)
        }
        func record(_ holds: Bool) -> Operand {
            comparisons.append(Comparison(expression: Expression.binary(op, a, b).text, left: x.shown,
                                          op: op.rawValue, right: y.shown, holds: holds))
            return .boolean(holds)
        }
        func checked(_ r: Double) throws(EvaluationError) -> Operand {
            guard r.isFinite else {
                throw EvaluationError(message: "\(Expression.binary(op, a, b).text) is not a finite number (\(x.shown) \(op.rawValue) \(y.shown))")
            }
            return .number(r)
        }
        switch op {
        case .plus: let (u, v) = try numbers(); return try checked(u + v)
        case .minus: let (u, v) = try numbers(); return try checked(u - v)
        case .times: let (u, v) = try numbers(); return try checked(u * v)
        case .divide:
            let (u, v) = try numbers()
            guard v != 0 else { throw EvaluationError(message: "division by zero: \(b.text) is 0") }
            return try checked(u / v)
        case .less: let (u, v) = try numbers(); return record(u < v)
        case .lessOrEqual: let (u, v) = try numbers(); return record(u <= v)
        case .greater: let (u, v) = try numbers(); return record(u > v)
        case .greaterOrEqual: let (u, v) = try numbers(); return record(u >= v)
        case .equal: return record(try same(x, y))
        case .notEqual: return record(!(try same(x, y)))
        case .isIn, .notIn:
            guard case .list(let items) = y else {
                throw EvaluationError(message: "'\(op.rawValue)' needs a list on its right, e.g. [a, b]; \(b.text) is \(y.kindName)")
            }
            var found = false
            for item in items { if try same(x, item) { found = true; break } }
            return record(op == .isIn ? found : !found)
        case .and: let (u, v) = try booleans(); return .boolean(u && v)
        case .or: let (u, v) = try booleans(); return .boolean(u || v)
        }
    }

    /// Equality: numbers by value, texts by text; a text that reads as a number equals
    /// that number (a CSV cell "2017" equals 2017).
    private func same(_ x: Operand, _ y: Operand) throws(EvaluationError) -> Bool {
        switch (x, y) {
        case (.number(let u, _), .number(let v, _)): return u == v
        case (.text(let s), .text(let t)): return s == t
        case (.boolean(let u), .boolean(let v)): return u == v
        case (.number(let u, _), .text(let t)), (.text(let t), .number(let u, _)): return Double(t) == u
        default:
            throw EvaluationError(message: "cannot compare \(x.kindName) with \(y.kindName)")
        }
    }
}
