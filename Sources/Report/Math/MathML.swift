/// A MathML element as the TeX converter builds it: a name, attributes in the order
/// they were set, and either text (token elements: `mi`, `mn`, `mo`, `mtext`) or
/// children. Writing it out is the only place that escapes, so no author text reaches
/// the page unescaped.
struct MathElement: Equatable, Sendable {
    struct Attribute: Equatable, Sendable {
        var name: String
        var value: String
    }

    var name: String
    var attributes: [Attribute] = []
    var children: [MathElement] = []
    var text: String?

    init(_ name: String, _ attributes: [(String, String)] = [], children: [MathElement] = []) {
        self.name = name
        self.attributes = attributes.map { Attribute(name: $0.0, value: $0.1) }
        self.children = children
    }

    init(_ name: String, text: String, _ attributes: [(String, String)] = []) {
        self.init(name, attributes)
        self.text = text
    }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

    mutating func set(_ name: String, _ value: String) {
        if let i = attributes.firstIndex(where: { $0.name == name }) {
            attributes[i].value = value
        } else {
            attributes.append(Attribute(name: name, value: value))
        }
    }

    func setting(_ name: String, _ value: String) -> MathElement {
        var copy = self
        copy.set(name, value)
        return copy
    }

    // MARK: Building

    static func mi(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { MathElement("mi", text: text, attributes) }
    static func mn(_ text: String) -> MathElement { MathElement("mn", text: text) }
    static func mo(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { MathElement("mo", text: text, attributes) }
    static func mtext(_ text: String, _ attributes: [(String, String)] = []) -> MathElement { MathElement("mtext", text: text, attributes) }
    static func mspace(em: Double) -> MathElement { MathElement("mspace", [("width", emString(em))]) }

    /// One element for a list: itself when there is one, else an `mrow` (MathML's
    /// scripts, fractions and roots take exactly one element per argument).
    static func row(_ items: [MathElement]) -> MathElement {
        items.count == 1 ? items[0] : MathElement("mrow", children: items)
    }

    /// Whether this is an operator (`mo`), possibly with scripts, for spacing and limits.
    var isOperator: Bool { name == "mo" }

    // MARK: Writing

    func write(to out: inout String) {
        out += "<" + name
        for attribute in attributes {
            out += " " + attribute.name + "=\"" + escapeHTML(attribute.value) + "\""
        }
        out += ">"
        if let text {
            out += escapeHTML(text)
        } else {
            for child in children { child.write(to: &out) }
        }
        out += "</" + name + ">"
    }

    var xml: String {
        var out = ""
        write(to: &out)
        return out
    }
}

/// "0.1667em": lengths printed short and stable.
func emString(_ em: Double) -> String {
    let rounded = (em * 10_000).rounded() / 10_000
    return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + "em"
}
