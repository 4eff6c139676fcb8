import Foundation

/// TeX math → MathML Core, written by hand (no Swift library does this). It reads the
/// subset of LaTeX that papers use and refuses the rest with a located error, rather
/// than guessing:
///
/// - letters (`<mi>`, italic), numbers (`<mn>`), operators and relations (`<mo>`);
///   Greek (`\alpha`, `\Gamma`), symbols (`\infty`, `\partial`, `\nabla`, …),
///   relations and arrows (`\le`, `\ne`, `\approx`, `\in`, `\to`, `\Rightarrow`, …),
///   binary operators (`\times`, `\cdot`, `\pm`, `\oplus`, …), dots (`\ldots`, `\cdots`);
/// - scripts `x_i`, `x^2`, `x_i^2`, primes `f'`; big operators with limits (`\sum`,
///   `\prod`, `\bigcup`, … over and under in display math; `\int`, `\oint` beside),
///   `\limits`, `\nolimits`; functions (`\sin`, `\log`, …) and `\lim`, `\max`, `\min`,
///   `\sup`, `\inf`, `\det`, `\operatorname{…}`, `\operatorname*{…}`;
/// - `\frac`, `\dfrac`, `\tfrac`, `\cfrac`, `\binom`; `\sqrt{…}`, `\sqrt[n]{…}`;
/// - `\text{…}` (with `$…$` inside), `\textbf`, `\textit`, `\texttt`, `\textsf`, `\mbox`;
///   `\mathrm`, `\mathit`, `\mathbf`, `\boldsymbol`, `\mathcal`, `\mathscr`, `\mathbb`,
///   `\mathfrak`, `\mathsf`, `\mathtt` (as Unicode mathematical letters, as MathML Core asks);
/// - `\left…\middle…\right` with `( ) [ ] \{ \} | \| \langle \rangle \lvert \rvert
///   \lVert \rVert \lfloor \rfloor \lceil \rceil / .`, and `\big`, `\Big`, `\bigg`, `\Bigg`
///   (also with `l`, `r`, `m`);
/// - accents `\hat`, `\widehat`, `\bar`, `\overline`, `\underline`, `\tilde`, `\widetilde`,
///   `\vec`, `\overrightarrow`, `\dot`, `\ddot`, `\check`, `\breve`, `\acute`, `\grave`;
///   `\overbrace`, `\underbrace` (with a label by `^`/`_`); `\overset`, `\underset`,
///   `\stackrel`; `\not`; `\phantom`; `\boxed`; `\pmod`, `\bmod`;
/// - spacing `\,` `\:` `\;` `\!` `\ ` `~` `\quad` `\qquad` `\hspace{…}`; `\displaystyle`,
///   `\textstyle`, `\scriptstyle`;
/// - environments `matrix`, `smallmatrix`, `pmatrix`, `bmatrix`, `Bmatrix`, `vmatrix`,
///   `Vmatrix`, `cases`, `array{lcr}`, `aligned`/`align`/`align*`/`split`,
///   `gathered`/`gather`; cells by `&`, rows by `\\`. In display math, `&` and `\\` at
///   the top level align the formula as `aligned` does.
///
/// Not supported (each is an error naming it): macros (`\newcommand`, `#`), `\label`
/// and `\tag` (a `{math}` block takes `:label:`), colour, `\hline`, and any command not
/// listed above.
struct MathParser {
    private var lexer: MathLexer
    private var variant: MathVariant?
    private var depth: Int

    /// Deepest nesting of groups and arguments accepted: far beyond any real formula,
    /// and well within the stack of a build task.
    static let maxDepth = 60

    init(_ tex: String) {
        lexer = MathLexer(tex)
        depth = 0
    }

    private init(lexer: MathLexer, depth: Int) {
        self.lexer = lexer
        self.depth = depth
    }

    /// A `<math>` element for `tex`, with the TeX kept as an annotation (copy and paste,
    /// screen readers that know TeX).
    static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        var parser = MathParser(tex)
        let body = try parser.parseFormula(display: display)
        let semantics = MathElement("semantics", children: [
            body.name == "mrow" ? body : MathElement("mrow", children: [body]),
            MathElement("annotation", text: tex, [("encoding", "application/x-tex")]),
        ])
        var math = MathElement("math", [("xmlns", "http://www.w3.org/1998/Math/MathML")], children: [semantics])
        if display { math.set("display", "block") }
        return math.xml
    }

    // MARK: Lists

    mutating func parseFormula(display: Bool) throws(MathError) -> MathElement {
        let (items, stop) = try parseList()
        switch stop.kind {
        case .end:
            return MathElement("mrow", children: items)
        case .alignment, .command("\\"), .command("cr"):
            guard display else {
                throw MathError(message: "\(describe(stop)) in inline math: use display math ($$…$$ or a {math} block) or an environment such as aligned", offset: stop.offset)
            }
            let rows = try parseRows(environment: nil, first: items)
            return Self.alignedTable(rows)
        default:
            throw misplaced(stop)
        }
    }

    private static func isStop(_ token: MathToken, bracket: Bool) -> Bool {
        switch token.kind {
        case .end, .close, .alignment: return true
        case .command(let name): return ["\\", "cr", "end", "right", "middle"].contains(name)
        case .character("]"): return bracket
        default: return false
        }
    }

    /// Atoms up to (not including) the token that ends the list: end of input, `}`, `&`,
    /// `\\`, `\end`, `\right`, `\middle`, or `]` when reading `\sqrt[…]`.
    private mutating func parseList(bracket: Bool = false) throws(MathError) -> (items: [MathElement], stop: MathToken) {
        var items: [MathElement] = []
        while true {
            let token = try lexer.peek()
            if Self.isStop(token, bracket: bracket) { return (items, token) }
            _ = try lexer.next()
            if case .command(let name) = token.kind, let style = Self.styles[name] {
                // `\displaystyle` applies to the rest of its group.
                let (rest, stop) = try parseList(bracket: bracket)
                items.append(MathElement("mstyle", style, children: rest))
                return (items, stop)
            }
            var scripted = try parseScripted(token)
            // A sign after an operator (`= -x`) is unary, as TeX sets it; at the start of a
            // list MathML already sees it as a prefix.
            if scripted.count == 1, scripted[0].isOperator, let text = scripted[0].text, MathSymbols.signs.contains(text),
               let last = items.last, last.isOperator {
                scripted[0].set("form", "prefix")
            }
            // TeX's thin space between an ordinary atom and a function name (`x \sin y`).
            if scripted.count == 2, scripted[1].text == "\u{2061}", let last = items.last, !last.isOperator {
                items.append(.mspace(em: 3.0 / 18))
            }
            items += scripted
        }
    }

    private static let styles: [String: [(String, String)]] = [
        "displaystyle": [("displaystyle", "true"), ("scriptlevel", "0")],
        "textstyle": [("displaystyle", "false"), ("scriptlevel", "0")],
        "scriptstyle": [("displaystyle", "false"), ("scriptlevel", "1")],
        "scriptscriptstyle": [("displaystyle", "false"), ("scriptlevel", "2")],
    ]

    // MARK: Scripts

    /// What an atom is, for the scripts that follow it.
    private struct Atom {
        var element: MathElement
        /// Non-nil for operators that can take limits: whether they do.
        var limits: Bool?
        /// Set by `\limits`: limits even in inline math.
        var forcedLimits = false
        /// A function name: followed by an invisible function application.
        var isFunction = false
    }

    private mutating func parseScripted(_ token: MathToken) throws(MathError) -> [MathElement] {
        var atom: Atom
        var pending: MathToken?
        switch token.kind {
        case .superscriptMark, .subscriptMark, .prime:
            atom = Atom(element: MathElement("mrow"))   // a script with nothing before it
            pending = token
        case .command("nonumber"), .command("notag"):
            return []   // every {math} block is one numbered equation; nothing to suppress
        default:
            atom = try parseAtom(token)
        }
        while case .command(let name) = try lexer.peek().kind, name == "limits" || name == "nolimits" {
            let modifier = try lexer.next()
            guard atom.limits != nil else {
                throw MathError(message: "\\\(name) must follow a big operator such as \\sum or \\int", offset: modifier.offset)
            }
            atom.limits = name == "limits"
            atom.forcedLimits = name == "limits"
        }
        var sub: MathElement?, sup: MathElement?
        var primes = 0
        while true {
            let next: MathToken
            if let p = pending { next = p; pending = nil } else {
                next = try lexer.peek()
                guard [.superscriptMark, .subscriptMark, .prime].contains(next.kind) else { break }
                _ = try lexer.next()
            }
            switch next.kind {
            case .superscriptMark:
                if sup != nil { throw MathError(message: "double superscript: use braces, x^{a^b} or {x^a}^b", offset: next.offset) }
                sup = try scriptArgument(next)
                if primes > 0 { sup = .row([Self.primes(primes), sup!]) }
            case .subscriptMark:
                if sub != nil { throw MathError(message: "double subscript: use braces, x_{a_b} or {x_a}_b", offset: next.offset) }
                sub = try scriptArgument(next)
            default:   // a prime
                if sup != nil { throw MathError(message: "a prime after a superscript: write the prime first, f'^2", offset: next.offset) }
                primes += 1
            }
        }
        if primes > 0, sup == nil { sup = Self.primes(primes) }

        var base = atom.element
        var result: MathElement
        if sub == nil, sup == nil {
            result = base
        } else if atom.limits == true {
            if base.isOperator { base.set("movablelimits", atom.forcedLimits ? "false" : "true") }
            switch (sub, sup) {
            case let (sub?, sup?): result = MathElement("munderover", children: [base, sub, sup])
            case let (sub?, nil): result = MathElement("munder", children: [base, sub])
            default: result = MathElement("mover", children: [base, sup!])
            }
        } else {
            switch (sub, sup) {
            case let (sub?, sup?): result = MathElement("msubsup", children: [base, sub, sup])
            case let (sub?, nil): result = MathElement("msub", children: [base, sub])
            default: result = MathElement("msup", children: [base, sup!])
            }
        }
        guard atom.isFunction else { return [result] }
        // The invisible function application, with TeX's thin space unless a delimiter follows.
        let next = try lexer.peek()
        var apply = MathElement.mo("\u{2061}", [("lspace", "0em")])
        apply.set("rspace", Self.suppressesThinSpace(next) ? "0em" : emString(3.0 / 18))
        return [result, apply]
    }

    private static func primes(_ n: Int) -> MathElement {
        .mo(["′", "″", "‴", "⁗"][min(n, 4) - 1] + String(repeating: "′", count: max(0, n - 4)))
    }

    /// TeX puts a thin space between a function name and an ordinary argument (`\sin x`)
    /// but not before a delimiter or an operator (`\sin(x)`, `\sin = `).
    private static func suppressesThinSpace(_ token: MathToken) -> Bool {
        switch token.kind {
        case .character(let c): return c == "(" || c == "[" || c == "|" || !(c.properties.isAlphabetic || c.properties.numericType != nil)
        case .command(let name): return name == "left" || MathSymbols.bigDelimiters[name] != nil || MathSymbols.delimiters["\\" + name] != nil || MathSymbols.spaces[name] != nil
        case .open: return false
        default: return true
        }
    }

    private mutating func scriptArgument(_ mark: MathToken) throws(MathError) -> MathElement {
        let token = try lexer.next()
        switch token.kind {
        case .end, .close, .alignment, .superscriptMark, .subscriptMark:
            let what = mark.kind == .superscriptMark ? "superscript" : "subscript"
            throw MathError(message: "'\(mark.kind == .superscriptMark ? "^" : "_")' needs a \(what) after it, e.g. x\(mark.kind == .superscriptMark ? "^" : "_"){2}", offset: mark.offset)
        default:
            return try parseAtom(token, single: true).element
        }
    }

    // MARK: Atoms

    private mutating func parseAtom(_ token: MathToken, single: Bool = false) throws(MathError) -> Atom {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw MathError(message: "formula nested more than \(Self.maxDepth) levels deep", offset: token.offset)
        }
        switch token.kind {
        case .open:
            return Atom(element: try group(token))
        case .character(let c):
            return Atom(element: try character(c, at: token, single: single))
        case .command(let name):
            return try command(name, token)
        case .prime:
            return Atom(element: Self.primes(1))
        default:
            throw misplaced(token)
        }
    }

    /// `{…}` after its opening brace has been read.
    private mutating func group(_ open: MathToken) throws(MathError) -> MathElement {
        let (items, stop) = try parseList()
        guard stop.kind == .close else {
            if stop.kind == .end { throw MathError(message: "unbalanced '{': no '}' closes it", offset: open.offset) }
            throw misplaced(stop)
        }
        _ = try lexer.next()
        return .row(items)
    }

    /// A required argument: a group or a single token (`\frac12`, `\hat x`).
    private mutating func argument(of command: MathToken) throws(MathError) -> MathElement {
        let token = try lexer.next()
        switch token.kind {
        case .open:
            return try group(token)
        case .end, .close, .alignment, .superscriptMark, .subscriptMark, .command("\\"), .command("end"), .command("right"), .command("middle"):
            throw MathError(message: "\(describe(command)) is missing an argument, e.g. \(Self.usage[name(of: command)] ?? describe(command) + "{…}")", offset: command.offset)
        default:
            return try parseAtom(token, single: true).element
        }
    }

    private static let usage: [String: String] = [
        "frac": "\\frac{a}{b}", "dfrac": "\\dfrac{a}{b}", "tfrac": "\\tfrac{a}{b}", "cfrac": "\\cfrac{a}{b}",
        "binom": "\\binom{n}{k}", "sqrt": "\\sqrt{x}", "overset": "\\overset{a}{=}",
        "underset": "\\underset{a}{=}", "stackrel": "\\stackrel{a}{=}",
    ]

    private mutating func character(_ c: Unicode.Scalar, at token: MathToken, single: Bool) throws(MathError) -> MathElement {
        if c.properties.numericType == .decimal, c.isASCII {
            var s = String(variant.map { $0.map(c) } ?? c)
            if !single {
                while let n = lexer.nextScalar {
                    if n.isASCII, n.properties.numericType == .decimal {
                        s.unicodeScalars.append(variant.map { $0.map(n) } ?? n)
                        lexer.advance()
                    } else if n == ".", let after = lexer.scalarAfterNext, after.isASCII, after.properties.numericType == .decimal {
                        s += "."
                        lexer.advance()
                    } else {
                        break
                    }
                }
            }
            return .mn(s)
        }
        if c.isASCII, c.properties.isAlphabetic {
            var s = String(variant.map { $0.map(c) } ?? c)
            if !single, variant?.joinsLetters == true {
                while let n = lexer.nextScalar, n.isASCII, n.properties.isAlphabetic {
                    s.unicodeScalars.append(variant!.map(n))
                    lexer.advance()
                }
            }
            return variant == .upright && s.unicodeScalars.count == 1 ? .mi(s, [("mathvariant", "normal")]) : .mi(s)
        }
        switch c {
        case "~": return .mtext("\u{A0}")
        case "#": throw MathError(message: "'#' is not supported in math (there are no macros); write \\# for the symbol", offset: token.offset)
        case "$": throw MathError(message: "'$' inside math; write \\$ for a dollar sign", offset: token.offset)
        default: break
        }
        if let op = MathSymbols.operatorCharacter(c) { return Self.plainOperator(op) }
        if c.properties.numericType == .decimal { return .mn(String(c)) }
        return .mi(String(c))
    }

    /// An operator typed as it is: delimiters keep their size, bars and slashes their
    /// TeX spacing (none).
    private static func plainOperator(_ op: String) -> MathElement {
        var element = MathElement.mo(op)
        if MathSymbols.fixedSizeDelimiters.contains(op) { element.set("stretchy", "false") }
        if MathSymbols.unspaced.contains(op) {
            element.set("lspace", "0em")
            element.set("rspace", "0em")
        }
        return element
    }

    // MARK: Commands

    private mutating func command(_ name: String, _ token: MathToken) throws(MathError) -> Atom {
        if let s = MathSymbols.identifiers[name] { return Atom(element: .mi(s)) }
        if let s = MathSymbols.uprightIdentifiers[name] { return Atom(element: .mi(s, [("mathvariant", "normal")])) }
        if let s = MathSymbols.operators[name] { return Atom(element: Self.plainOperator(s)) }
        if let op = MathSymbols.largeOperators[name] {
            // Large in display math; said explicitly, as Chromium's dictionary leaves integrals small.
            return Atom(element: .mo(op.symbol, [("largeop", "true")]), limits: op.limits)
        }
        if MathSymbols.functions.contains(name) { return Atom(element: .mi(name), isFunction: true) }
        if let text = MathSymbols.limitFunctions[name] {
            return Atom(element: .mo(text, [("lspace", "0em"), ("rspace", "0em")]), limits: true, isFunction: true)
        }
        if let em = MathSymbols.spaces[name] { return Atom(element: .mspace(em: em)) }
        if let s = MathSymbols.delimiters["\\" + name] { return Atom(element: Self.plainOperator(s)) }
        if let v = MathVariant.commands[name] {
            let saved = variant
            variant = v
            defer { variant = saved }
            return Atom(element: try argument(of: token))
        }
        if let accent = MathSymbols.accents[name] {
            let base = try argument(of: token)
            let mark = MathElement.mo(accent.mark, [("stretchy", accent.stretchy ? "true" : "false")])
            return Atom(element: accent.under
                ? MathElement("munder", [("accentunder", "true")], children: [base, mark])
                : MathElement("mover", [("accent", "true")], children: [base, mark]))
        }
        if let brace = MathSymbols.braces[name] {
            let base = try argument(of: token)
            let mark = MathElement.mo(brace.mark, [("stretchy", "true")])
            return Atom(element: MathElement(brace.under ? "munder" : "mover", children: [base, mark]), limits: true, forcedLimits: true)
        }
        if let height = MathSymbols.bigDelimiters[name] {
            let delimiter = try self.delimiter(after: token)
            let size = emString(height)
            return Atom(element: .mo(delimiter, [("stretchy", "true"), ("symmetric", "true"), ("minsize", size), ("maxsize", size)]))
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = try argument(of: token), denominator = try argument(of: token)
            let fraction = MathElement("mfrac", children: [numerator, denominator])
            switch name {
            case "dfrac", "cfrac": return Atom(element: MathElement("mstyle", [("displaystyle", "true"), ("scriptlevel", "0")], children: [fraction]))
            case "tfrac": return Atom(element: MathElement("mstyle", [("displaystyle", "false")], children: [fraction]))
            default: return Atom(element: fraction)
            }
        case "binom", "dbinom", "tbinom":
            let n = try argument(of: token), k = try argument(of: token)
            var element = MathElement("mrow", children: [
                .mo("(", [("stretchy", "true")]),
                MathElement("mfrac", [("linethickness", "0")], children: [n, k]),
                .mo(")", [("stretchy", "true")]),
            ])
            if name != "binom" {
                element = MathElement("mstyle", [("displaystyle", name == "dbinom" ? "true" : "false")], children: [element])
            }
            return Atom(element: element)
        case "sqrt":
            lexer.skipSpaceAndComments()
            if lexer.nextScalar == "[" {
                let open = lexer.offset
                lexer.advance()
                let (items, stop) = try parseList(bracket: true)
                guard stop.kind == .character("]") else {
                    if stop.kind == .end { throw MathError(message: "\\sqrt[ has no closing ']'", offset: open) }
                    throw misplaced(stop)
                }
                _ = try lexer.next()
                let radicand = try argument(of: token)
                return Atom(element: MathElement("mroot", children: [radicand, .row(items)]))
            }
            return Atom(element: MathElement("msqrt", children: [try argument(of: token)]))
        case "text", "textrm", "textup", "textnormal", "mbox", "hbox", "textbf", "textit", "textsl", "texttt", "textsf", "textmd", "emph":
            return Atom(element: try text(token, name: name))
        case "operatorname", "operatorname*":
            return try operatorName(token, starred: name.hasSuffix("*"))
        case "overset", "stackrel", "underset":
            let mark = try argument(of: token), base = try argument(of: token)
            return Atom(element: MathElement(name == "underset" ? "munder" : "mover", children: [base, mark]))
        case "left":
            return Atom(element: try leftRight(token))
        case "begin":
            return Atom(element: try environment(token))
        case "not":
            let next = try lexer.next()
            var negated = try parseAtom(next, single: true).element
            guard let text = negated.text, negated.name == "mo" || negated.name == "mi" else {
                throw MathError(message: "\\not must be followed by a relation, such as \\not= or \\not\\in", offset: token.offset)
            }
            negated.text = (text + "\u{338}").precomposedStringWithCanonicalMapping
            return Atom(element: negated)
        case "phantom":
            return Atom(element: MathElement("mphantom", children: [try argument(of: token)]))
        case "hphantom":
            return Atom(element: MathElement("mpadded", [("height", "0"), ("depth", "0")],
                                             children: [MathElement("mphantom", children: [try argument(of: token)])]))
        case "vphantom":
            return Atom(element: MathElement("mpadded", [("width", "0")],
                                             children: [MathElement("mphantom", children: [try argument(of: token)])]))
        case "boxed":
            return Atom(element: MathElement("mrow", [("style", "border: 1px solid; padding: 0.15em 0.25em")],
                                             children: [try argument(of: token)]))
        case "bmod":
            return Atom(element: .mo("mod"))
        case "mod", "pmod":
            let argument = try self.argument(of: token)
            var items: [MathElement] = [.mspace(em: name == "pmod" ? 1 : 2 / 3.0)]
            if name == "pmod" { items.append(.mo("(", [("stretchy", "false")])) }
            items += [.mi("mod"), .mspace(em: 1.0 / 3), argument]
            if name == "pmod" { items.append(.mo(")", [("stretchy", "false")])) }
            return Atom(element: MathElement("mrow", children: items))
        case "hspace", "hspace*":
            guard let range = try lexer.rawGroup() else {
                throw MathError(message: "\\hspace needs a length in braces, e.g. \\hspace{1em}", offset: token.offset)
            }
            return Atom(element: .mspace(em: try length(range)))
        case "label", "tag":
            throw MathError(message: "\\\(name) is not supported: give the {math} block a ':label: eq-…' option, and it is numbered", offset: token.offset)
        case "limits", "nolimits":
            throw MathError(message: "\\\(name) must follow a big operator such as \\sum or \\int", offset: token.offset)
        case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
            throw MathError(message: "\\\(name) cannot be a script or an argument; put it inside braces", offset: token.offset)
        case "\\", "cr", "end", "right", "middle":
            throw misplaced(token)
        default:
            // TeX commands differ by case (\lambda, \Lambda): prefer a near miss of the same case.
            let sameCase = Self.allCommands.filter { $0.first?.isUppercase == name.first?.isUppercase }
            var message = "unknown command '\\\(name)' in math"
            if let near = suggestion(for: name, among: sameCase) ?? suggestion(for: name, among: Self.allCommands) {
                message += "; did you mean '\\\(near)'?"
            }
            throw MathError(message: message, offset: token.offset)
        }
    }

    /// Every command name the parser accepts, for "did you mean".
    static let allCommands: [String] = {
        var names = Array(MathSymbols.identifiers.keys) + Array(MathSymbols.uprightIdentifiers.keys)
            + Array(MathSymbols.operators.keys) + Array(MathSymbols.largeOperators.keys) + Array(MathSymbols.functions)
            + Array(MathSymbols.limitFunctions.keys) + Array(MathSymbols.spaces.keys) + Array(MathVariant.commands.keys)
            + Array(MathSymbols.accents.keys) + Array(MathSymbols.braces.keys) + Array(MathSymbols.bigDelimiters.keys)
            + MathSymbols.delimiters.keys.filter { $0.hasPrefix("\\") }.map { String($0.dropFirst()) }
        names += ["frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "text", "textrm", "textup",
                  "textnormal", "mbox", "hbox", "textbf", "textit", "textsl", "texttt", "textsf", "textmd", "emph",
                  "operatorname", "overset", "stackrel", "underset", "left", "right", "middle", "begin", "end", "not",
                  "phantom", "hphantom", "vphantom", "boxed", "bmod", "mod", "pmod", "hspace", "limits", "nolimits",
                  "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "nonumber", "notag"]
        return names.filter { $0.count > 1 }.sorted()
    }()

    /// `\text{…}`: text as written (spaces kept), with `\{ \} \$ \% \& \_ \#` escapes,
    /// `~`, TeX's dashes and quotes, and `$…$` for math inside the text.
    private mutating func text(_ token: MathToken, name: String) throws(MathError) -> MathElement {
        guard let range = try lexer.rawGroup() else {
            throw MathError(message: "\\\(name) needs its text in braces, e.g. \\\(name){if }", offset: token.offset)
        }
        let scalars = lexer.scalars
        var pieces: [MathElement] = []
        var current = ""
        let style: [(String, String)] = switch name {
        case "textbf": [("style", "font-weight: bold")]
        case "textit", "textsl", "emph": [("style", "font-style: italic")]
        case "texttt": [("style", "font-family: monospace")]
        case "textsf": [("style", "font-family: sans-serif")]
        default: []
        }
        func flush() {
            // Browsers trim a token's outer spaces; TeX keeps them (`\text{if }`).
            var text = current
            if text.hasPrefix(" ") { text = "\u{A0}" + text.dropFirst() }
            if text.hasSuffix(" ") { text = text.dropLast() + "\u{A0}" }
            if !text.isEmpty { pieces.append(.mtext(text, style)) }
            current = ""
        }
        var i = range.lowerBound
        while i < range.upperBound {
            let c = scalars[i]
            let offset = lexer.offsets[i]
            switch c {
            case "\\":
                i += 1
                let escaped = scalars[i]
                if "{}$%&_#".unicodeScalars.contains(escaped) {
                    current.unicodeScalars.append(escaped)
                } else if escaped == " " || escaped == "," || escaped == ";" {
                    current += escaped == "," ? "\u{2009}" : " "
                } else {
                    var word = ""
                    while i < range.upperBound, scalars[i].isASCII, scalars[i].properties.isAlphabetic {
                        word.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                    i -= 1
                    switch word {
                    case "ldots", "dots", "textellipsis": current += "…"
                    case "textendash": current += "–"
                    case "textemdash": current += "—"
                    case "quad": current += "\u{2003}"
                    default:
                        let shown = word.isEmpty ? String(escaped) : word
                        throw MathError(message: "'\\\(shown)' is not supported inside \\\(name){…}", offset: offset)
                    }
                }
            case "$":
                // Math inside the text: `\text{for all $x$}`.
                var close = i + 1
                while close < range.upperBound, scalars[close] != "$" {
                    if scalars[close] == "\\" { close += 1 }
                    close += 1
                }
                guard close < range.upperBound else {
                    throw MathError(message: "'$' inside \\\(name){…} opens math that is never closed", offset: offset)
                }
                flush()
                var nested = MathParser(lexer: MathLexer(slicing: lexer, range: i + 1..<close), depth: depth + 1)
                guard nested.depth <= Self.maxDepth else {
                    throw MathError(message: "formula nested more than \(Self.maxDepth) levels deep", offset: offset)
                }
                let (items, stop) = try nested.parseList()
                guard stop.kind == .end else { throw nested.misplaced(stop) }
                pieces.append(.row(items))
                i = close
            case "{", "}":
                break
            case "~":
                current += "\u{A0}"
            case "-" where i + 1 < range.upperBound && scalars[i + 1] == "-":
                if i + 2 < range.upperBound, scalars[i + 2] == "-" { current += "—"; i += 2 } else { current += "–"; i += 1 }
            case "`":
                if i + 1 < range.upperBound, scalars[i + 1] == "`" { current += "“"; i += 1 } else { current += "‘" }
            case "'":
                if i + 1 < range.upperBound, scalars[i + 1] == "'" { current += "”"; i += 1 } else { current += "’" }
            default:
                if c == "\n" || c == "\t" || c == "\r" {
                    current += " "
                } else {
                    try lexer.checkAllowed(c, at: offset)
                    current.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        flush()
        if pieces.isEmpty { return .mtext("", style) }
        return .row(pieces)
    }

    /// `\operatorname{argmax}`: an upright name spaced like `\sin`; starred, it takes
    /// limits like `\lim`.
    private mutating func operatorName(_ token: MathToken, starred: Bool) throws(MathError) -> Atom {
        guard let range = try lexer.rawGroup() else {
            throw MathError(message: "\\operatorname needs a name in braces, e.g. \\operatorname{rank}", offset: token.offset)
        }
        let name = lexer.text(range).trimmingCharacters(in: .whitespaces)
        let element: MathElement
        if !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) {
            element = starred ? .mo(name, [("lspace", "0em"), ("rspace", "0em")])
                : name.count == 1 ? .mi(name, [("mathvariant", "normal")]) : .mi(name)
        } else {
            var nested = MathParser(lexer: MathLexer(slicing: lexer, range: range), depth: depth + 1)
            nested.variant = .upright
            let (items, stop) = try nested.parseList()
            guard stop.kind == .end else { throw nested.misplaced(stop) }
            element = .row(items)
        }
        return Atom(element: element, limits: starred ? true : nil, isFunction: true)
    }

    /// A length for `\hspace`: a number and a unit (em, ex, pt, mu, mm, cm, in).
    private func length(_ range: Range<Int>) throws(MathError) -> Double {
        let text = lexer.text(range).filter { !$0.isWhitespace }
        let number = text.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        let unit = String(text.dropFirst(number.count))
        let perUnit: [String: Double] = ["em": 1, "ex": 0.43, "pt": 0.1, "mu": 1.0 / 18, "mm": 0.2845, "cm": 2.845, "in": 7.227, "px": 0.0625]
        guard let value = Double(number), let scale = perUnit[unit], abs(value * scale) <= 100 else {
            throw MathError(message: "invalid length '\(text.prefix(20))': use a number and a unit, e.g. 1em, 0.5em, 3pt or 4mu", offset: lexer.offsets[range.lowerBound])
        }
        return value * scale
    }

    // MARK: Delimiters

    private mutating func delimiter(after command: MathToken) throws(MathError) -> String {
        let token = try lexer.next()
        let key: String
        switch token.kind {
        case .character(let c): key = String(c)
        case .command(let name): key = "\\" + name
        default: key = ""
        }
        guard !key.isEmpty, let delimiter = MathSymbols.delimiters[key] else {
            let shown = token.kind == .end ? "the end of the formula" : "'\(key.isEmpty ? describe(token) : key)'"
            throw MathError(message: "\(describe(command)) needs a delimiter such as ( [ \\{ | \\langle or . (none), not \(shown)", offset: token.kind == .end ? command.offset : token.offset)
        }
        return delimiter
    }

    private mutating func leftRight(_ left: MathToken) throws(MathError) -> MathElement {
        let open = try delimiter(after: left)
        var children: [MathElement] = []
        if !open.isEmpty { children.append(.mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")])) }
        while true {
            let (items, stop) = try parseList()
            children += items
            switch stop.kind {
            case .command("right"):
                _ = try lexer.next()
                let close = try delimiter(after: stop)
                if !close.isEmpty { children.append(.mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")])) }
                return MathElement("mrow", children: children)
            case .command("middle"):
                _ = try lexer.next()
                let middle = try delimiter(after: stop)
                children.append(.mo(middle, [("stretchy", "true")]))
            default:
                throw MathError(message: "\\left\(open.isEmpty ? "." : open) has no matching \\right", offset: left.offset)
            }
        }
    }

    // MARK: Environments

    private enum Layout { case centered, aligned, left, columns([String]) }

    private static let environments: [String: (layout: Layout, open: String?, close: String?)] = [
        "matrix": (.centered, nil, nil), "smallmatrix": (.centered, nil, nil),
        "pmatrix": (.centered, "(", ")"), "bmatrix": (.centered, "[", "]"), "Bmatrix": (.centered, "{", "}"),
        "vmatrix": (.centered, "|", "|"), "Vmatrix": (.centered, "‖", "‖"),
        "cases": (.left, "{", nil), "array": (.centered, nil, nil),
        "aligned": (.aligned, nil, nil), "align": (.aligned, nil, nil), "align*": (.aligned, nil, nil),
        "split": (.aligned, nil, nil), "gathered": (.centered, nil, nil), "gather": (.centered, nil, nil),
        "gather*": (.centered, nil, nil),
    ]

    private mutating func environment(_ begin: MathToken) throws(MathError) -> MathElement {
        guard let range = try lexer.rawGroup() else {
            throw MathError(message: "\\begin needs an environment name in braces, e.g. \\begin{pmatrix}", offset: begin.offset)
        }
        let name = lexer.text(range)
        guard var environment = Self.environments[name] else {
            throw MathError(message: withSuggestion("unknown environment '\(name)'", for: name, among: Self.environments.keys)
                                + " (supported: \(Self.environments.keys.sorted().joined(separator: ", ")))",
                            offset: lexer.offsets[range.lowerBound])
        }
        if name == "array" {
            guard let spec = try lexer.rawGroup() else {
                throw MathError(message: "\\begin{array} needs a column specification, e.g. \\begin{array}{lcr}", offset: begin.offset)
            }
            var columns: [String] = []
            for i in spec {
                switch lexer.scalars[i] {
                case "l": columns.append("left")
                case "c": columns.append("center")
                case "r": columns.append("right")
                case let c where c.properties.isWhitespace: break
                default:
                    throw MathError(message: "array columns can be l, c or r (no rules or widths), not '\(lexer.scalars[i])'", offset: lexer.offsets[i])
                }
            }
            environment.layout = .columns(columns)
        }
        let rows = try parseRows(environment: (name: name, begin: begin), first: nil)
        var table: MathElement
        switch environment.layout {
        case .aligned: table = Self.alignedTable(rows)
        case .centered: table = Self.table(rows) { _ in nil }
        case .left: table = Self.table(rows) { _ in "left" }
        case .columns(let columns): table = Self.table(rows) { $0 < columns.count ? columns[$0] : nil }
        }
        if name.hasPrefix("gather") { table.set("displaystyle", "true") }
        if name == "smallmatrix" { table = MathElement("mstyle", [("scriptlevel", "1")], children: [table]) }
        guard environment.open != nil || environment.close != nil else { return table }
        var children: [MathElement] = []
        if let open = environment.open { children.append(.mo(open, [("fence", "true"), ("form", "prefix"), ("stretchy", "true")])) }
        children.append(table)
        if let close = environment.close { children.append(.mo(close, [("fence", "true"), ("form", "postfix"), ("stretchy", "true")])) }
        return MathElement("mrow", children: children)
    }

    /// Cells separated by `&`, rows by `\\`, up to `\end{name}` (or the end of the formula
    /// for top-level alignment in display math, `environment` nil).
    private mutating func parseRows(environment: (name: String, begin: MathToken)?,
                                    first: [MathElement]?) throws(MathError) -> [[[MathElement]]] {
        var rows: [[[MathElement]]] = []
        var row: [[MathElement]] = []
        var pendingFirst = first
        while true {
            let items: [MathElement], stop: MathToken
            if let first = pendingFirst {
                pendingFirst = nil
                items = first
                stop = try lexer.peek()
            } else {
                let list = try parseList()
                items = list.items
                stop = list.stop
            }
            switch stop.kind {
            case .alignment:
                _ = try lexer.next()
                row.append(items)
            case .command("\\"), .command("cr"):
                _ = try lexer.next()
                row.append(items)
                rows.append(row)
                row = []
                // `\\[4pt]`: extra space below the row, which the browser's row spacing stands in for.
                lexer.skipSpaceAndComments()
                if lexer.nextScalar == "[" {
                    let open = lexer.offset
                    while let c = lexer.nextScalar, c != "]" { lexer.advance() }
                    guard lexer.nextScalar == "]" else { throw MathError(message: "'\\\\[' has no closing ']'", offset: open) }
                    lexer.advance()
                }
            case .command("end"):
                guard let environment else { throw misplaced(stop) }
                _ = try lexer.next()
                guard let range = try lexer.rawGroup() else {
                    throw MathError(message: "\\end needs the environment's name, \\end{\(environment.name)}", offset: stop.offset)
                }
                let name = lexer.text(range)
                guard name == environment.name else {
                    throw MathError(message: "\\end{\(name)} does not match \\begin{\(environment.name)}", offset: stop.offset)
                }
                row.append(items)
                rows.append(row)
                return Self.droppingTrailingEmptyRow(rows)
            case .end:
                if let environment {
                    throw MathError(message: "\\begin{\(environment.name)} has no matching \\end{\(environment.name)}", offset: environment.begin.offset)
                }
                row.append(items)
                rows.append(row)
                return Self.droppingTrailingEmptyRow(rows)
            default:
                if let environment, stop.kind == .close {
                    throw MathError(message: "\\begin{\(environment.name)} has no matching \\end{\(environment.name)} before this '}'", offset: stop.offset)
                }
                throw misplaced(stop)
            }
        }
    }

    /// A `\\` after the last row does not start another.
    private static func droppingTrailingEmptyRow(_ rows: [[[MathElement]]]) -> [[[MathElement]]] {
        guard rows.count > 1, let last = rows.last, last.count == 1, last[0].isEmpty else { return rows }
        return Array(rows.dropLast())
    }

    private static func table(_ rows: [[[MathElement]]], align: (Int) -> String?) -> MathElement {
        MathElement("mtable", children: rows.map { row in
            MathElement("mtr", children: row.enumerated().map { column, cell in
                MathElement("mtd", align(column).map { [("columnalign", $0)] } ?? [], children: cell)
            })
        })
    }

    /// `aligned`: columns in pairs, the first of each pair right-aligned and the second
    /// left-aligned, so that `&=` lines the relations up; set in display style.
    private static func alignedTable(_ rows: [[[MathElement]]]) -> MathElement {
        var table = table(rows) { $0 % 2 == 0 ? "right" : "left" }
        table.set("displaystyle", "true")
        table.set("class", "tex-align")
        return table
    }

    // MARK: Errors

    private func name(of token: MathToken) -> String {
        if case .command(let name) = token.kind { return name }
        return ""
    }

    private func describe(_ token: MathToken) -> String {
        switch token.kind {
        case .command(let name): return "\\" + name
        case .open: return "'{'"
        case .close: return "'}'"
        case .superscriptMark: return "'^'"
        case .subscriptMark: return "'_'"
        case .alignment: return "'&'"
        case .prime: return "'''"
        case .character(let c): return "'\(c)'"
        case .end: return "the end of the formula"
        }
    }

    /// The error for a token that ends a list where it cannot.
    private func misplaced(_ token: MathToken) -> MathError {
        let message: String
        switch token.kind {
        case .close: message = "unbalanced '}': no '{' opens it"
        case .alignment: message = "'&' outside a matrix or aligned environment"
        case .command("\\"), .command("cr"): message = "'\\\\' (new row) outside a matrix or aligned environment"
        case .command("end"): message = "\\end without a matching \\begin"
        case .command("right"): message = "\\right without a matching \\left"
        case .command("middle"): message = "\\middle outside \\left … \\right"
        case .end: message = "the formula ends too early"
        default: message = "unexpected \(describe(token))"
        }
        return MathError(message: message, offset: token.offset)
    }
}
