import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Report

/// The TeX → MathML converter on its own: the corpus, the errors, escaping, and random
/// input.
@Suite struct MathConverterTests {
    @Test(arguments: mathCorpus)
    func corpusFormula(_ formula: MathCase) throws {
        let xml = try MathParser.mathML(formula.tex, display: formula.display)
        let root = try parseXML(xml)
        #expect(root.name == "math")
        #expect(root.attributeValue("display") == (formula.display ? "block" : nil))
        // The TeX travels with the MathML, unchanged.
        #expect(root.elements(named: "annotation").first?.stringValue == formula.tex)
        for pattern in formula.patterns {
            let parsed = try #require(XMLPattern(pattern), "bad pattern \(pattern)")
            #expect(parsed.matchesSomewhere(in: root), "no element matches \(pattern) in \(xml)")
        }
    }

    @Test func corpusIsLarge() {
        #expect(mathCorpus.count >= 150)
        #expect(mathErrorCorpus.count >= 30)
    }

    @Test(arguments: mathErrorCorpus.indices)
    func refused(_ index: Int) {
        let (tex, message, offset) = mathErrorCorpus[index]
        #expect(throws: MathError.self, "\(tex) must be refused") { try MathParser.mathML(tex, display: false) }
        do {
            _ = try MathParser.mathML(tex, display: false)
        } catch {
            #expect(error.message.contains(message), "\(tex): got '\(error.message)'")
            #expect(error.offset == offset, "\(tex): '\(error.message)' at \(error.offset), expected \(offset)")
        }
    }

    /// Every symbol the tables offer becomes the element its table says, with its character.
    @Test func everyTableSymbol() throws {
        var checked = 0
        func check(_ tex: String, _ name: String, _ text: String) throws {
            let root = try parseXML(try MathParser.mathML(tex, display: false))
            let found = root.elements(named: name).contains { $0.stringValue == text }
            #expect(found, "\(tex) should give <\(name)>\(text)</\(name)>")
            checked += 1
        }
        for (command, symbol) in MathSymbols.identifiers { try check("\\" + command, "mi", symbol) }
        for (command, symbol) in MathSymbols.uprightIdentifiers { try check("\\" + command, "mi", symbol) }
        for (command, symbol) in MathSymbols.operators { try check("\\" + command, "mo", symbol) }
        for (command, op) in MathSymbols.largeOperators { try check("\\" + command + "_a^b", "mo", op.symbol) }
        for command in MathSymbols.functions { try check("\\" + command + " x", "mi", command) }
        for (command, text) in MathSymbols.limitFunctions { try check("\\" + command + "_x", "mo", text) }
        for (command, accent) in MathSymbols.accents { try check("\\" + command + "{x}", "mo", accent.mark) }
        for (key, delimiter) in MathSymbols.delimiters where !delimiter.isEmpty {
            try check("\\left" + key + " x \\right" + key, "mo", delimiter)
        }
        for command in MathSymbols.spaces.keys { try check("a\\" + command + " b", "mspace", "") }
        #expect(checked > 300)
    }

    @Test func everyVariantMapsLettersAndDigits() throws {
        for (command, variant) in MathVariant.commands {
            let root = try parseXML(try MathParser.mathML("\\\(command){Az}", display: false))
            let text = root.elements(named: "mi").map { $0.stringValue ?? "" }.joined()
            let expected = String(String.UnicodeScalarView(["A", "z"].map { variant.map($0) }))
            #expect(text == expected, "\\\(command){Az} gave \(text)")
            if variant != .upright { #expect(text != "Az") }
        }
    }

    /// Author text reaches the page only escaped, wherever it appears.
    @Test func textIsEscaped() throws {
        let tex = #"\text{<script>alert("x") & 'y'</script>} < \& >"#
        let xml = try MathParser.mathML(tex, display: true)
        #expect(!xml.contains("<script"))
        let root = try parseXML(xml)
        #expect(root.elements(named: "mtext").first?.stringValue == #"<script>alert("x") & ’y’</script>"#)
        #expect(root.elements(named: "annotation").first?.stringValue == tex)
    }

    @Test func displayAndInline() throws {
        #expect(try MathParser.mathML("x", display: true).hasPrefix(#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">"#))
        #expect(!(try MathParser.mathML("x", display: false)).contains("display="))
    }

    /// Random strings over TeX's alphabet never crash the converter: each either gives
    /// well-formed MathML or an error inside the formula. The seed is printed; set
    /// MATH_FUZZ_SEED to replay a run.
    @Test func randomInputNeverCrashes() throws {
        let seed = ProcessInfo.processInfo.environment["MATH_FUZZ_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64.max / 2)
        print("MathConverterTests.randomInputNeverCrashes: MATH_FUZZ_SEED=\(seed)")
        var random = SeededGenerator(seed: seed)
        let pieces = [
            "x", "y", "2", "3.5", "+", "-", "=", "<", ">", "&", "\\\\", "{", "}", "^", "_", "'", "(", ")", "[", "]",
            "|", "$", "%", "#", "~", " ", "\n", "\\frac", "\\sqrt", "\\left", "\\right", "\\middle", "\\big",
            "\\begin{matrix}", "\\end{matrix}", "\\begin{aligned}", "\\end{aligned}", "\\begin{array}{lc}",
            "\\end{array}", "\\begin{cases}", "\\end{cases}", "\\begin{", "\\end{", "\\text{", "\\text",
            "\\mathbf", "\\mathrm", "\\operatorname", "\\operatorname*{", "\\sum", "\\int", "\\lim", "\\limits",
            "\\nolimits", "\\hat", "\\overbrace", "\\not", "\\alpha", "\\le", "\\,", "\\!", "\\quad", "\\hspace{",
            "\\displaystyle", "\\{", "\\}", "\\|", "\\foo", "\\", "α", "≤", "😀", "\u{0}", "\u{1}", "\u{FFFE}",
            "\u{301}", "\\langle", ".", "\\pmod", "\\binom", "\\underbrace", "\\stackrel", "em}",
        ]
        var failures: [String] = []
        for _ in 0..<3_000 {
            let count = Int(random.next() % 24)
            let tex = (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let display = random.next() % 2 == 0
            do {
                let xml = try MathParser.mathML(tex, display: display)
                if (try? parseXML(xml)) == nil { failures.append("not well-formed for \(tex.debugDescription): \(xml)") }
            } catch {
                if !(0...tex.utf8.count).contains(error.offset) {
                    failures.append("offset \(error.offset) outside \(tex.debugDescription)")
                }
            }
        }
        #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(5))")
    }
}

// MARK: Helpers

func parseXML(_ xml: String) throws -> XMLElement {
    let document = try XMLDocument(xmlString: xml, options: [])
    guard let root = document.rootElement() else { throw CocoaError(.fileReadCorruptFile) }
    return root
}

extension XMLElement {
    var childElements: [XMLElement] { (children ?? []).compactMap { $0 as? XMLElement } }

    /// This element and every element below it, in document order.
    var allElements: [XMLElement] { [self] + childElements.flatMap(\.allElements) }

    func elements(named name: String) -> [XMLElement] { allElements.filter { $0.name == name } }

    /// `attribute(forName:)` finds nothing in a document with a default namespace on Linux.
    func attributeValue(_ name: String) -> String? { (attributes ?? []).first { $0.name == name }?.stringValue }
}

/// `name[attr=value]:text(child, child)`, as the corpus writes expected structure.
struct XMLPattern {
    var name: String
    var attributes: [(String, String)] = []
    var text: String?
    var children: [XMLPattern]?

    init?(_ source: String) {
        var scalars = Substring(source)
        guard let pattern = XMLPattern.parse(&scalars), scalars.allSatisfy(\.isWhitespace) else { return nil }
        self = pattern
    }

    private init(name: String) { self.name = name }

    private static func parse(_ s: inout Substring) -> XMLPattern? {
        s = s.drop { $0 == " " }
        let name = s.prefix { $0.isLetter || $0 == "*" }
        guard !name.isEmpty else { return nil }
        var pattern = XMLPattern(name: String(name))
        s = s.dropFirst(name.count)
        while s.first == "[" {
            guard let close = s.firstIndex(of: "]") else { return nil }
            let body = s[s.index(after: s.startIndex)..<close]
            guard let equals = body.firstIndex(of: "=") else { return nil }
            pattern.attributes.append((String(body[..<equals]), String(body[body.index(after: equals)...])))
            s = s[s.index(after: close)...]
        }
        if s.first == ":" {
            s = s.dropFirst()
            if s.first == "'" {
                s = s.dropFirst()
                guard let close = s.firstIndex(of: "'") else { return nil }
                pattern.text = String(s[..<close])
                s = s[s.index(after: close)...]
            } else {
                let text = s.prefix { $0 != "," && $0 != ")" && $0 != "(" }
                pattern.text = text.trimmingCharacters(in: .whitespaces)
                if let hex = pattern.text, hex.hasPrefix("U+"), let value = UInt32(hex.dropFirst(2), radix: 16),
                   let scalar = Unicode.Scalar(value) {
                    pattern.text = String(scalar)
                }
                s = s.dropFirst(text.count)
            }
        }
        if s.first == "(" {
            s = s.dropFirst()
            var children: [XMLPattern] = []
            s = s.drop { $0 == " " }
            if s.first == ")" {
                s = s.dropFirst()
            } else {
                while true {
                    guard let child = parse(&s) else { return nil }
                    children.append(child)
                    s = s.drop { $0 == " " }
                    if s.first == "," { s = s.dropFirst(); continue }
                    guard s.first == ")" else { return nil }
                    s = s.dropFirst()
                    break
                }
            }
            pattern.children = children
        }
        return pattern
    }

    func matches(_ element: XMLElement) -> Bool {
        guard name == "*" || element.name == name else { return false }
        for (key, value) in attributes where element.attributeValue(key) != value { return false }
        if let text, element.stringValue != text { return false }
        if let children {
            let actual = element.childElements
            guard actual.count == children.count else { return false }
            return zip(children, actual).allSatisfy { $0.matches($1) }
        }
        return true
    }

    func matchesSomewhere(in root: XMLElement) -> Bool { root.allElements.contains(where: matches) }
}

