// The hand-written expression parser and evaluator (claims, filters): precedence, names
// with '-', '/', brackets, every error with its column, and a seeded fuzz that checks
// printing and parsing are inverse and that no input crashes or hangs the parser.

import Testing
import TestSupport
@testable import Analysis
import NotebookInterface

struct ExpressionTests {
    func parse(_ s: String) throws -> Expression { try Expression.parse(s) }

    func eval(_ s: String, _ names: [String: Operand] = [:]) throws -> Operand {
        var evaluator = ExpressionEvaluator { (name: String) throws(EvaluationError) -> Operand in
            guard let v = names[name] else { throw EvaluationError(message: "unknown '\(name)'", name: name) }
            return v
        }
        return try evaluator.evaluate(try parse(s))
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try eval("1 + 2 * 3") == .number(7))
        #expect(try eval("(1 + 2) * 3") == .number(9))
        #expect(try eval("10 - 4 - 3") == .number(3))
        #expect(try eval("48 / 4 / 2") == .number(6))
        #expect(try eval("-2 * -3") == .number(6))
        #expect(try eval("- - 2") == .number(2))
        #expect(try eval("2 - -2") == .number(4))
        #expect(try eval("1 < 2 and 3 < 2 or 1 == 1") == .boolean(true))
        #expect(try eval("1 < 2 and (3 < 2 or 1 == 2)") == .boolean(false))
        #expect(try eval("not 1 < 2 or 2 < 3") == .boolean(true))
        #expect(try eval("not (1 < 2 or 2 < 3)") == .boolean(false))
        #expect(try eval("1.5e2 == 150") == .boolean(true))
        #expect(try eval(".5 * 4 == 2") == .boolean(true))
        #expect(try eval("3 ≥ 3 and 2 ≤ 3 and 1 ≠ 2 and 4 − 1 == 3 and 2 × 3 == 6 and 6 ÷ 3 == 2") == .boolean(true))
    }

    @Test func namesHoldHyphensDotsSlashesAndRowIds() throws {
        #expect(try parse("network.resnet-50.top1 > network.googlenet.top1 + 5")
                == .binary(.greater, .name("network.resnet-50.top1"),
                           .binary(.plus, .name("network.googlenet.top1"), .number(5))))
        #expect(try parse("data/t.csv[quick sort].ms / 2")
                == .binary(.divide, .name("data/t.csv[quick sort].ms"), .number(2)))
        // Without spaces, '-' and '/' belong to the name: the error then says so.
        #expect(try parse("a-b") == .name("a-b"))
        #expect(try parse("a - b") == .binary(.minus, .name("a"), .name("b")))
        #expect(try parse("x in [resnet-18, resnet-50, 3, -2, \"two words\"]")
                == .binary(.isIn, .name("x"), .list([.text("resnet-18"), .text("resnet-50"), .number(3), .number(-2), .text("two words")])))
        #expect(try parse("x not in []") == .binary(.notIn, .name("x"), .list([])))
        #expect(try parse("family == 'VGG'") == .binary(.equal, .name("family"), .text("VGG")))
        #expect(try parse("a < b and c").names == ["a", "b", "c"])
    }

    @Test func evaluatesWithValuesAndRecordsComparisons() throws {
        var evaluator = ExpressionEvaluator { (name: String) throws(EvaluationError) -> Operand in
            switch name {
            case "network.resnet-50.top1": return .number(76.13, shown: "76.13 %")
            case "network.googlenet.top1": return .number(68.7, shown: "68.70 %")
            default: throw EvaluationError(message: "unknown", name: name)
            }
        }
        let result = try evaluator.evaluate(try parse("network.resnet-50.top1 > network.googlenet.top1 + 5"))
        #expect(result == .boolean(true))
        #expect(evaluator.comparisons.map(\.line) == ["network.resnet-50.top1 > network.googlenet.top1 + 5: 76.13 % > 73.7 ✓"])
        #expect(evaluator.resolved.map(\.name) == ["network.resnet-50.top1", "network.googlenet.top1"])
    }

    @Test func textAndListsCompare() throws {
        let row: [String: Operand] = ["id": .text("resnet-18"), "year": Frame.operand("2017"), "family": .text("ResNet")]
        #expect(try eval("id in [resnet-18, resnet-50]", row) == .boolean(true))
        #expect(try eval("id not in [resnet-18, resnet-50]", row) == .boolean(false))
        #expect(try eval("year >= 2017 and family == \"ResNet\"", row) == .boolean(true))
        #expect(try eval("year in [2016, 2017]", row) == .boolean(true))
        #expect(try eval("\"2017\" == 2017") == .boolean(true))
        #expect(try eval("family != 'VGG'", row) == .boolean(true))
    }

    @Test func parseErrorsSayWhatAndWhere() {
        let cases: [(String, String, Int)] = [
            ("a = b", "compare with '=='", 3),
            ("a && b", "write 'and'", 3),
            ("1 < 2 < 3", "comparisons do not chain", 7),
            ("(1 + 2", "expected ')'", 7),
            ("1 +", "ends where a value was expected", 4),
            ("1 2", "after a complete expression", 3),
            ("x in [a b]", "expected ',' or ']'", 9),
            ("\"open", "never closed", 1),
            ("t.csv[row", "without a closing ']'", 6),
            ("5x", "runs into 'x'", 2),
            ("and 1", "expected a value before 'and'", 1),
            ("a $ b", "unexpected '$'", 3),
            ("", "ends where a value was expected", 1),
        ]
        for (text, message, column) in cases {
            #expect(throws: ExpressionError.self, "\(text)") { try Expression.parse(text) }
            do {
                _ = try Expression.parse(text)
            } catch {
                #expect(error.message.contains(message), "\(text): \(error.message)")
                #expect(error.column == column, "\(text): column \(error.column)")
            }
        }
    }

    @Test func evaluationErrorsNameTheProblem() {
        func message(_ s: String, _ names: [String: Operand] = [:]) -> String {
            do { _ = try eval(s, names); return "" } catch let e as EvaluationError { return e.message } catch { return "\(error)" }
        }
        #expect(message("1 / (2 - 2)").contains("division by zero"))
        #expect(message("1 + \"a\"").contains("needs numbers"))
        #expect(message("1 and 2").contains("joins checks"))
        #expect(message("1 in 2").contains("needs a list"))
        #expect(message("nope > 1").contains("unknown 'nope'"))
        #expect(message("not 3").contains("'not' needs true or false"))
        #expect(message("-\"a\"").contains("'-' needs a number"))
        #expect(message("1e308 * 10 > 1").contains("not a finite number"))
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(throws: ExpressionError.self) { try Expression.parse(deep) }
        let negations = String(repeating: "-", count: 500) + "1"
        #expect(throws: ExpressionError.self) { try Expression.parse(negations) }
        let nots = String(repeating: "not ", count: 500) + "true"
        #expect(throws: ExpressionError.self) { try Expression.parse(nots) }
        #expect(throws: ExpressionError.self) { try Expression.parse(String(repeating: "1 + ", count: 600) + "1") }
    }

    // MARK: Fuzz


    static let names = ["a", "network.resnet-50.top1", "data/t.csv[quick sort].ms", "x_1", "b-c.d"]

    func randomExpression(_ r: inout SeededGenerator, depth: Int) -> Expression {
        if depth == 0 || r.below(4) == 0 {
            switch r.below(5) {
            case 0: return .number(Double(r.below(1000)) / Double([1, 10, 100][r.below(3)]))
            case 1: return .text(["VGG", "two words", "", "it's"][r.below(4)])
            case 2: return .boolean(r.below(2) == 0)
            case 3: return .list((0..<r.below(4)).map { _ in
                r.below(2) == 0 ? .number(Double(r.below(50)) - 25) : .text(["resnet-18", "x y", "and"][r.below(3)]) })
            default: return .name(Self.names[r.below(Self.names.count)])
            }
        }
        switch r.below(4) {
        case 0: return .negate(randomExpression(&r, depth: depth - 1))
        case 1: return .not(randomExpression(&r, depth: depth - 1))
        default:
            let op = Expression.Operator.allCases[r.below(Expression.Operator.allCases.count)]
            var left = randomExpression(&r, depth: depth - 1)
            // Comparisons do not chain: the printer parenthesises, so any tree is fine.
            if case .number(let x) = left, x < 0 { left = .negate(.number(-x)) }
            return .binary(op, left, randomExpression(&r, depth: depth - 1))
        }
    }

    @Test func printingAndParsingAreInverse() throws {
        var r = SeededGenerator(seed: 20261202)
        for i in 0..<3000 {
            let e = randomExpression(&r, depth: 5)
            let text = e.text
            let back = try Expression.parse(text)
            #expect(back == e, "case \(i): \(text)")
            #expect(back.text == text, "case \(i)")
        }
    }

    @Test func randomInputNeverCrashesAndErrorsPointInside() {
        var r = SeededGenerator(seed: 13)
        let alphabet = Array("ab1.-/ []()<>=!\"'andornotin,+*e%$\t≥−x")
        for _ in 0..<20000 {
            let text = String((0..<r.below(24)).map { _ in alphabet[r.below(alphabet.count)] })
            do {
                let e = try Expression.parse(text)
                // Whatever parses prints to something that parses to the same tree.
                #expect(try Expression.parse(e.text) == e, "\(text)")
            } catch {
                #expect((1...text.count + 1).contains(error.column), "\(text): column \(error.column)")
            }
        }
    }

    @Test func randomEvaluationMatchesAReference() throws {
        // Arithmetic over numbers only, checked against direct computation of the tree.
        var r = SeededGenerator(seed: 7)
        func reference(_ e: Expression) -> Double? {
            switch e {
            case .number(let x): return x
            case .negate(let x): return reference(x).map { -$0 }
            case .binary(let op, let a, let b):
                guard let u = reference(a), let v = reference(b) else { return nil }
                switch op {
                case .plus: return u + v
                case .minus: return u - v
                case .times: return u * v
                case .divide: return v == 0 ? nil : u / v
                default: return nil
                }
            default: return nil
            }
        }
        func arithmetic(_ depth: Int) -> Expression {
            if depth == 0 || r.below(3) == 0 { return .number(Double(r.below(20))) }
            if r.below(5) == 0 { return .negate(arithmetic(depth - 1)) }
            let op: Expression.Operator = [.plus, .minus, .times, .divide][r.below(4)]
            return .binary(op, arithmetic(depth - 1), arithmetic(depth - 1))
        }
        for _ in 0..<2000 {
            let e = arithmetic(6)
            let expected = reference(e)
            let text = e.text
            if let expected {
                guard case .number(let got, _) = try eval(text) else { Issue.record("not a number: \(text)"); continue }
                #expect(got == expected || abs(got - expected) <= 1e-9 * max(1, abs(expected)), "\(text)")
            } else {
                #expect(throws: EvaluationError.self, "\(text)") { try eval(text) }
            }
        }
    }
}

private extension SeededGenerator {
    /// A number in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
