/// A ```` ```{math} ```` block: a displayed equation in TeX, numbered (and the target of
/// `@eq-…`) when it has a `:label: eq-…`, as MyST numbers labelled equations.
struct Equation: Sendable {
    var label: String?
    var mathML: String
    var location: SourceLocation
    /// The code block node this equation replaces.
    var node: MarkdownNode

    static let labelPrefix = "eq-"
}

extension Scanner {
    /// Reads a `{math}` block: `:label:` and the TeX (an argument on the fence line, then
    /// the body), converted at once so that a TeX error points into the block.
    mutating func scanEquation(_ node: MarkdownNode, argument: Substring, in fragment: Fragment,
                               allowBlocks: Bool, at location: SourceLocation) {
        guard allowBlocks else {
            sink.error("a {math} block cannot appear inside a caption; write $…$ there", at: location)
            return
        }
        var lines = (node.literal ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        let bodyFirstLine = node.startLine + 1
        let indent = fence(of: node, in: fragment)?.indent ?? 0
        var label: String?
        var index = 0
        while index < lines.count, lines[index].hasPrefix(":") {
            let optionLocation = fragment.location(line: bodyFirstLine + index, column: indent + 1)
            if let option = parseOption(lines[index], at: optionLocation) {
                if option.key != "label" {
                    sink.error(withSuggestion("unknown option ':\(option.key):' for {math} (it takes ':label: eq-…')",
                                              for: option.key, among: ["label"]), at: optionLocation)
                } else if label != nil {
                    sink.error("option ':label:' is given twice", at: optionLocation)
                } else if let problem = labelProblem(option.value, prefix: Equation.labelPrefix) {
                    sink.error(problem, at: optionLocation)
                } else {
                    label = option.value
                }
            }
            index += 1
        }
        // The TeX, with where each line of it lies, for errors inside it.
        var tex = ""
        var pieces: [TeXSourceMap.Piece] = []
        let trimmedArgument = argument.drop { $0 == " " || $0 == "\t" }
        if !trimmedArgument.isEmpty {
            let fenceLine = fragment.firstLine + node.startLine - 1
            let text = fenceLine >= 1 && fenceLine <= fileLines.count ? fileLines[fenceLine - 1] : ""
            let column = text.utf8.count - trimmedArgument.utf8.count + 1 - fragment.columnOffset
            pieces.append(TeXSourceMap.Piece(texOffset: 0, line: node.startLine, column: max(1, column)))
            tex = String(trimmedArgument)
        }
        for (i, line) in lines.enumerated().dropFirst(index) {
            if !tex.isEmpty { tex += "\n" }
            pieces.append(TeXSourceMap.Piece(texOffset: tex.utf8.count, line: bodyFirstLine + i, column: indent + 1))
            tex += line
        }
        guard tex.contains(where: { !$0.isWhitespace }) else {
            sink.error("{math} block has no formula: write the TeX on the lines after the options", at: location)
            return
        }
        let mathML: String
        do {
            mathML = try MathParser.mathML(tex, display: true)
        } catch {
            let position = TeXSourceMap(pieces: pieces).position(of: error.offset)
            sink.error(error.message, at: fragment.location(line: position.line, column: position.column))
            return
        }
        fragment.equations.append(Equation(label: label, mathML: mathML, location: location, node: node))
    }
}

extension PageRenderer {
    /// A displayed equation, with its number on the right when it has one.
    func equationHTML(_ equation: Equation) -> String {
        guard let label = equation.label, let target = resolution.targets[label] else {
            return "<div class=\"equation\">\(equation.mathML)</div>\n"
        }
        return "<div class=\"equation\" id=\"\(escapeHTML(label))\">\(equation.mathML)<a class=\"eqno\" href=\"#\(urlPath(label))\">(\(escapeHTML(target.number)))</a></div>\n"
    }
}
