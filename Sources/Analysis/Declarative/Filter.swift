// `:filter:` and `:sort:` of author charts and tables, over a frame's rows. A filter is
// an expression (Claims/Expression.swift) whose names are the frame's columns:
//
//     :filter: year >= 2017
//     :filter: id in [resnet-18, resnet-50] or family == "VGG"
//     :sort: top1 desc

import NotebookInterface

struct RowFilter: Sendable {
    var expression: Expression

    /// Parses the filter and checks every name against the frame's columns.
    init(_ text: String, frame: Frame, option: String = "filter") throws(NotebookError) {
        do throws(ExpressionError) {
            expression = try Expression.parse(text)
        } catch {
            throw .problems([Problem(.error, "in :\(option): '\(text.prefix(80))': \(error.message), at column \(error.column)", option: option)])
        }
        for name in expression.names { _ = try frame.column(name, option: option) }
    }

    /// The rows for which the filter holds, in their order.
    func apply(to frame: Frame, option: String = "filter") throws(NotebookError) -> [[String]] {
        var kept: [[String]] = []
        for row in frame.rows {
            var evaluator = ExpressionEvaluator { (name: String) throws(EvaluationError) -> Operand in
                guard let i = frame.columns.firstIndex(of: name) else {
                    throw EvaluationError(message: "no column '\(name)'", name: name)
                }
                return Frame.operand(row[i])
            }
            let result: Operand
            do throws(EvaluationError) {
                result = try evaluator.evaluate(expression)
            } catch {
                throw .problems([Problem(.error, "in :\(option): on row '\(row.first ?? "")': \(error.message)", option: option)])
            }
            guard case .boolean(let keep) = result else {
                throw .problems([Problem(.error, ":\(option): must be a check (year >= 2017), not \(result.kindName)", option: option)])
            }
            if keep { kept.append(row) }
        }
        return kept
    }
}

/// `COLUMN` or `COLUMN desc` (or `asc`): numbers by value, texts alphabetically, ties
/// kept in file order.
struct RowSort: Sendable {
    var column: Int
    var descending: Bool

    init(_ text: String, frame: Frame, option: String = "sort") throws(NotebookError) {
        let words = text.split(separator: " ").map(String.init)
        guard (1...2).contains(words.count) else {
            throw .problems([Problem(.error, ":\(option): is a column and optionally 'asc' or 'desc', e.g. 'top1 desc'", option: option)])
        }
        column = try frame.column(words[0], option: option)
        switch words.count == 2 ? words[1] : "asc" {
        case "asc": descending = false
        case "desc": descending = true
        case let other:
            throw .problems([Problem(.error, ":\(option): order '\(other.prefix(20))' is neither 'asc' nor 'desc'", option: option)])
        }
    }

    func apply(to rows: [[String]]) -> [[String]] {
        let c = column
        return rows.enumerated().sorted { a, b in
            let x = a.element[c], y = b.element[c]
            let order: Bool?
            switch (Frame.number(x), Frame.number(y)) {
            case let (u?, v?): order = u == v ? nil : (u < v) != descending
            // Numbers before texts and blanks, whatever the direction.
            case (_?, nil): order = true
            case (nil, _?): order = false
            default: order = x == y ? nil : (x < y) != descending
            }
            return order ?? (a.offset < b.offset)
        }.map(\.element)
    }
}
