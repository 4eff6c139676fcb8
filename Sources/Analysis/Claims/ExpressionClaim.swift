// A claim written as an expression over values:
//
//     ```{claim} network.resnet-50.top1 > network.googlenet.top1 + 5
//     ResNet-50 is more than five points more accurate than GoogLeNet.
//     ```
//
// Its names are value keys (`report values`) or cells (`data/t.csv[row].column`); a
// value's number is the number the reader sees, in its unit (parameters in millions).
// The check shows, beside the author's sentence, the expression with every operand's
// value and each comparison it made.

import NotebookInterface

enum ExpressionClaim {
    /// Whether a claim's argument is an expression rather than a claim's name and its
    /// arguments: it has a comparison or a logical word. (Names of claims and network
    /// ids never do.)
    static func isExpression(_ text: String) -> Bool {
        if text.contains(where: { "<>=!≤≥≠".contains($0) }) { return true }
        let words = text.split(separator: " ").map(String.init)
        return words.contains { ["and", "or", "not", "in"].contains($0) }
    }

    static let offerSummary = "an expression over values that must hold, e.g. network.resnet-50.top1 > network.googlenet.top1 + 5"
}

extension AnalysisNotebook {
    /// Evaluates an expression claim; a parse or evaluation error is a problem at the
    /// claim's line.
    func checkExpression(_ text: String, _ files: any PaperFiles) throws(NotebookError) -> Result {
        let expression: Expression
        do throws(ExpressionError) {
            expression = try Expression.parse(text)
        } catch {
            throw .problem("in the claim's expression: \(error.message), at column \(error.column) of '\(text.prefix(80))'")
        }
        var evaluator = ExpressionEvaluator { [self] (name: String) throws(EvaluationError) -> Operand in
            do throws(NotebookError) {
                let value = try self.value(named: name, files)
                if let x = value.number { return .number(x, shown: value.text) }
                return .text(value.raw)
            } catch {
                switch error {
                case .unknownName:
                    throw EvaluationError(message: self.unknownValueMessage(name), name: name)
                case .problems(let problems):
                    throw EvaluationError(message: problems.map(\.message).joined(separator: "; "), name: name)
                }
            }
        }
        let outcome: Operand
        do throws(EvaluationError) {
            outcome = try evaluator.evaluate(expression)
        } catch {
            throw .problem("in the claim's expression: \(error.message)")
        }
        guard case .boolean(let holds) = outcome else {
            throw .problem("the claim's expression '\(text.prefix(80))' is \(outcome.kindName) (\(outcome.shown.prefix(40))), not a check: compare it with something (<, >, ==, …)")
        }
        let operands = evaluator.resolved.map { (item: (name: String, value: Operand)) -> String in "\(item.name) = \(item.value.shown)" }
        // The expression, what each comparison came to, and every operand's value.
        let compared = evaluator.comparisons.map { "\($0.left) \($0.op) \($0.right)" }
        let statement = expression.text + (compared.isEmpty ? "" : " (" + compared.joined(separator: "; ") + ")")
            + (operands.isEmpty ? "" : ", where " + Format.list(operands))
        return Result(.claim(Claim(holds: holds, evidence: evaluator.comparisons.map(\.line) + operands,
                                   statement: statement)))
    }

    /// A value by key (`network.resnet-50.top1`) or cell (`data/t.csv[row].column`),
    /// unformatted, read through `files`.
    func value(named key: String, _ files: any PaperFiles) throws(NotebookError) -> Value {
        if let cell = CellReference(key) { return try cellValue(cell, files) }
        if key.hasPrefix("measured.") {
            let result = try measuredValue(Request(kind: .value, name: key), files)
            guard case .value(let value) = result.output else { throw .unknownName(.value, key) }
            return value
        }
        guard let group = ValueGroup(key: key), let entry = try values(group, files).byKey[key] else {
            throw .unknownName(.value, key)
        }
        return entry.value
    }

    func unknownValueMessage(_ key: String) -> String {
        var message = "unknown value '\(key.prefix(80))'"
        let keys = (try? offers())?.filter { $0.kind == .value }.map(\.name) ?? []
        if let near = nearest(key, in: keys) { message += "; did you mean '\(near)'?" }
        if key.contains("-") || key.contains("/") {
            message += " (a name may hold '-' and '/': write subtraction and division with spaces, 'a - b')"
        }
        return message
    }
}
