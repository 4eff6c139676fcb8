// The small expression language of checked claims and of chart and table filters:
//
//     network.resnet-50.top1 > network.googlenet.top1 + 5
//     year >= 2017 and id in [resnet-18, resnet-50]
//     data/timings.csv[quicksort].ms * 10 < data/timings.csv[insertion].ms
//
// Written by hand (a recursive-descent parser, about 300 lines) because the names are
// the paper's own: value keys hold '-', '.', '/' and a row id in brackets, which no
// general expression package tokenises. So that names can hold '-' and '/', the binary
// operators '-' and '/' need a space (or a bracket) before them when they follow a name:
// `a - b`, `a / 2`. Precedence, loosest first:
//
//     or  <  and  <  not  <  comparison (< <= > >= == != in, not in; no chains)
//         <  + -  <  * /  <  unary -  <  number, "text", name, (…), [list]
//
// In a list, a bare word is text: `id in [resnet-18, resnet-50]`.

import Foundation
import NotebookInterface

indirect enum Expression: Sendable, Equatable {
    case number(Double)
    case text(String)
    case boolean(Bool)
    case name(String)
    case list([Expression])
    case negate(Expression)
    case not(Expression)
    case binary(Operator, Expression, Expression)

    enum Operator: String, Sendable, CaseIterable {
        case or, and
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case isIn = "in", notIn = "not in"
        case plus = "+", minus = "-", times = "*", divide = "/"

        var precedence: Int {
            switch self {
            case .or: 1
            case .and: 2
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual, .isIn, .notIn: 4
            case .plus, .minus: 5
            case .times, .divide: 6
            }
        }
        var isComparison: Bool { precedence == 4 }
    }

    /// Every name the expression reads, in order of appearance, each once.
    var names: [String] {
        var out: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .name(let n): if !out.contains(n) { out.append(n) }
            case .list(let items): items.forEach(walk)
            case .negate(let x), .not(let x): walk(x)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .number, .text, .boolean: break
            }
        }
        walk(self)
        return out
    }
}

/// A parse error, with the 1-based column in the expression where it was found.
struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var column: Int
    var description: String { "\(message) (at column \(column))" }
}

// MARK: Tokens

struct ExpressionToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        case text(String)
        case word(String)       // a name or a keyword (and, or, not, in, true, false)
        case symbol(String)     // operators and punctuation
        case end
    }
    var kind: Kind
    var column: Int
}

enum ExpressionLexer {
    static let symbols = ["<=", ">=", "==", "!=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ","]
    /// Spellings accepted for the operators, for authors who type them as in print.
    static let aliases: [Character: String] = ["≤": "<=", "≥": ">=", "≠": "!=", "−": "-", "×": "*", "÷": "/"]

    static func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
    static func isNamePart(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." || c == "/"
    }

    static func tokens(_ text: String) throws(ExpressionError) -> [ExpressionToken] {
        let chars = Array(text)
        var out: [ExpressionToken] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" { i += 1; continue }
            if c.isASCII && c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                if j < chars.count, chars[j] == "." { j += 1; while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 } }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    if k < chars.count, chars[k].isASCII, chars[k].isNumber {
                        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                if j < chars.count, isNameStart(chars[j]) {
                    throw ExpressionError(message: "a number runs into '\(chars[j])'; put a space or an operator between them", column: j + 1)
                }
                guard let value = Double(String(chars[i..<j])), value.isFinite else {
                    throw ExpressionError(message: "'\(String(chars[i..<j]))' is not a number", column: column)
                }
                out.append(ExpressionToken(kind: .number(value), column: column))
                i = j
                continue
            }
            if isNameStart(c) {
                var j = i
                while j < chars.count {
                    if isNamePart(chars[j]) { j += 1; continue }
                    // A row id in brackets right after a name: `data/t.csv[quick sort].ms`.
                    if chars[j] == "[", j > i {
                        guard let close = chars[(j + 1)...].firstIndex(of: "]") else {
                            throw ExpressionError(message: "'[' without a closing ']'", column: j + 1)
                        }
                        j = close + 1
                        continue
                    }
                    break
                }
                out.append(ExpressionToken(kind: .word(String(chars[i..<j])), column: column))
                i = j
                continue
            }
            if c == "\"" || c == "'" {
                guard let close = chars[(i + 1)...].firstIndex(of: c) else {
                    throw ExpressionError(message: "text opened with \(c) is never closed", column: column)
                }
                out.append(ExpressionToken(kind: .text(String(chars[(i + 1)..<close])), column: column))
                i = close + 1
                continue
            }
            if let alias = aliases[c] {
                out.append(ExpressionToken(kind: .symbol(alias), column: column))
                i += 1
                continue
            }
            let two = i + 1 < chars.count ? String(chars[i...(i + 1)]) : ""
            if symbols.contains(two) {
                out.append(ExpressionToken(kind: .symbol(two), column: column))
                i += 2
                continue
            }
            if symbols.contains(String(c)) {
                out.append(ExpressionToken(kind: .symbol(String(c)), column: column))
                i += 1
                continue
            }
            let hint: String = switch c {
            case "=": "; compare with '=='"
            case "&": "; write 'and'"
            case "|": "; write 'or'"
            case "!": "; write 'not' or '!='"
            default: ""
            }
            throw ExpressionError(message: "unexpected '\(c)'\(hint)", column: column)
        }
        out.append(ExpressionToken(kind: .end, column: chars.count + 1))
        return out
    }
}

// MARK: Parsing

extension Expression {
    /// Longest expression accepted, in characters: a claim is a sentence, not a program.
    static let maxLength = 2000
    /// Deepest nesting accepted (parentheses, unary operators), so hostile input cannot
    /// exhaust the stack.
    static let maxDepth = 64

    static func parse(_ text: String) throws(ExpressionError) -> Expression {
        guard text.count <= maxLength else {
            throw ExpressionError(message: "the expression is \(text.count) characters long (at most \(maxLength))", column: 1)
        }
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(text))
        let e = try parser.expression(0)
        guard case .end = parser.current.kind else {
            throw ExpressionError(message: "unexpected \(parser.current.describe) after a complete expression", column: parser.current.column)
        }
        return e
    }
}

private struct ExpressionParser {
    var tokens: [ExpressionToken]
    var position = 0
    var depth = 0

    init(tokens: [ExpressionToken]) { self.tokens = tokens }

    var current: ExpressionToken { tokens[position] }
    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }
    func isWord(_ w: String) -> Bool { current.kind == .word(w) }

    /// The binary operator at the current token, if any (and the tokens it spans).
    func binaryOperator() -> (Expression.Operator, Int)? {
        switch current.kind {
        case .symbol(let s): return Expression.Operator(rawValue: s).map { ($0, 1) }
        case .word("and"): return (.and, 1)
        case .word("or"): return (.or, 1)
        case .word("in"): return (.isIn, 1)
        case .word("not"):
            if position + 1 < tokens.count, tokens[position + 1].kind == .word("in") { return (.notIn, 2) }
            return nil
        default: return nil
        }
    }

    /// Precedence climbing: parses operators binding tighter than `minimum`.
    mutating func expression(_ minimum: Int) throws(ExpressionError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Expression.maxDepth else {
            throw ExpressionError(message: "the expression nests deeper than \(Expression.maxDepth) levels", column: current.column)
        }
        var left = try prefix(minimum)
        var comparedAt: Int?
        while let (op, width) = binaryOperator(), op.precedence > minimum {
            let column = current.column
            if op.isComparison {
                if comparedAt != nil {
                    throw ExpressionError(message: "comparisons do not chain; join them with 'and'", column: column)
                }
                comparedAt = column
            }
            for _ in 0..<width { advance() }
            let right = try expression(op.precedence)
            left = .binary(op, left, right)
        }
        return left
    }

    /// Prefix operators: `not` binds looser than comparisons, `-` tighter than `*`.
    mutating func prefix(_ minimum: Int) throws(ExpressionError) -> Expression {
        if isWord("not") && minimum < 3 {
            advance()
            depth += 1
            defer { depth -= 1 }
            return .not(try expression(2))
        }
        if isSymbol("-") {
            advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Expression.maxDepth else {
                throw ExpressionError(message: "the expression nests deeper than \(Expression.maxDepth) levels", column: current.column)
            }
            return .negate(try prefix(6))
        }
        return try primary()
    }

    mutating func primary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let x): advance(); return .number(x)
        case .text(let s): advance(); return .text(s)
        case .word("true"): advance(); return .boolean(true)
        case .word("false"): advance(); return .boolean(false)
        case .word(let w) where ["and", "or", "in", "not"].contains(w):
            throw ExpressionError(message: "expected a value before '\(w)'", column: token.column)
        case .word(let w): advance(); return .name(w)
        case .symbol("("):
            advance()
            let inner = try expression(0)
            guard isSymbol(")") else {
                throw ExpressionError(message: "expected ')' to close the '(' at column \(token.column), found \(current.describe)", column: current.column)
            }
            advance()
            return inner
        case .symbol("["):
            advance()
            var items: [Expression] = []
            while !isSymbol("]") {
                items.append(try listItem())
                if isSymbol(",") { advance(); continue }
                guard isSymbol("]") else {
                    throw ExpressionError(message: "expected ',' or ']' in the list, found \(current.describe)", column: current.column)
                }
            }
            advance()
            return .list(items)
        case .end:
            throw ExpressionError(message: "the expression ends where a value was expected", column: token.column)
        default:
            throw ExpressionError(message: "expected a value, found \(token.describe)", column: token.column)
        }
    }

    /// A list item: a number, a text, or a bare word taken as text.
    mutating func listItem() throws(ExpressionError) -> Expression {
        var sign = 1.0
        if isSymbol("-") { sign = -1; advance() }
        let token = current
        switch token.kind {
        case .number(let x): advance(); return .number(sign * x)
        case .text(let s) where sign > 0: advance(); return .text(s)
        case .word(let w) where sign > 0: advance(); return .text(w)
        default:
            throw ExpressionError(message: "expected a number, a text or a word in the list, found \(token.describe)", column: token.column)
        }
    }
}

extension ExpressionToken {
    var describe: String {
        switch kind {
        case .number(let x): "the number \(Operand.show(x))"
        case .text(let s): "the text \"\(s.prefix(30))\""
        case .word(let w): "'\(w.prefix(40))'"
        case .symbol(let s): "'\(s)'"
        case .end: "the end"
        }
    }
}

// MARK: Printing

extension Expression {
    /// The expression written back, with parentheses only where precedence needs them
    /// (parsing the text gives the same expression back).
    var text: String { written(0) }

    /// `minimum`: operators binding no tighter than this would be taken by the
    /// surrounding expression, so an expression of such an operator needs parentheses.
    private func written(_ minimum: Int) -> String {
        switch self {
        case .number(let x): return Operand.show(x)
        case .text(let s): return s.contains("\"") ? "'\(s)'" : "\"\(s)\""
        case .boolean(let b): return b ? "true" : "false"
        case .name(let n): return n
        case .list(let items):
            return "[" + items.map { item in
                if case .text(let s) = item, let f = s.first, ExpressionLexer.isNameStart(f),
                   s.allSatisfy(ExpressionLexer.isNamePart),
                   !["and", "or", "not", "in", "true", "false"].contains(s) { return s }
                return item.written(0)
            }.joined(separator: ", ") + "]"
        case .negate(let x):
            return "-" + x.written(6)
        case .not(let x):
            let s = "not " + x.written(2)
            return minimum >= 3 ? "(\(s))" : s
        case .binary(let op, let a, let b):
            let p = op.precedence
            // Left-associative arithmetic and logic; comparisons do not chain at all.
            let s = "\(a.written(op.isComparison ? p : p - 1)) \(op.rawValue) \(b.written(p))"
            return p <= minimum ? "(\(s))" : s
        }
    }
}
