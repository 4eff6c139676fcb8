import CCmark

/// GFM strikethrough: text between a matching pair of one or two tildes, `~x~` or
/// `~~x~~`, becomes `<del>`. libcmark 0.30 has no such extension, so this pass runs over
/// the tree after parsing, within each inline container: a tilde run that can open
/// (left-flanking, as for emphasis) pairs with the nearest later run of the same length
/// that can close (right-flanking); the nodes between them move into one `<del>`
/// wrapper. Runs of three or more tildes stay text.
enum Strikethrough {
    static func apply(_ root: MarkdownNode) {
        var containers: [MarkdownNode] = []
        collectContainers(root, into: &containers)
        for container in containers { applyToChildren(of: container) }
    }

    private static func collectContainers(_ node: MarkdownNode, into out: inout [MarkdownNode]) {
        var hasText = false
        var child = node.firstChild
        while let c = child {
            if c.type == CMARK_NODE_TEXT { hasText = true } else if !c.isLeaf { collectContainers(c, into: &out) }
            child = c.next
        }
        if hasText { out.append(node) }
    }

    private struct Run {
        var node: MarkdownNode
        var offset: Int   // in bytes
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private static func applyToChildren(of container: MarkdownNode) {
        var runs: [Run] = []
        var child = container.firstChild
        while let c = child {
            if c.type == CMARK_NODE_TEXT, let text = c.literal, text.containsASCII("~") {
                runs += tildeRuns(in: Array(text.utf8), node: c)
            }
            child = c.next
        }
        guard runs.count >= 2 else { return }
        // Pair like emphasis: a closer takes the nearest open opener of its length.
        var stack: [Int] = []
        var pairs: [(Int, Int)] = []
        for (i, run) in runs.enumerated() {
            if run.canClose, let s = stack.lastIndex(where: { runs[$0].length == run.length }) {
                pairs.append((stack[s], i))
                stack.removeSubrange(s...)
            } else if run.canOpen {
                stack.append(i)
            }
        }
        guard !pairs.isEmpty else { return }
        // Split text nodes so that every paired run is a node of its own.
        var paired = Set(pairs.flatMap { [$0.0, $0.1] })
        var delimiterNodes: [Int: MarkdownNode] = [:]
        var byNode: [MarkdownNode: [Int]] = [:]
        for i in paired.sorted() { byNode[runs[i].node, default: []].append(i) }
        for (node, indices) in byNode {
            let bytes = Array((node.literal ?? "").utf8)
            var cursor = 0
            for i in indices {
                let run = runs[i]
                if run.offset > cursor { node.insertBefore(.text(String(decoding: bytes[cursor..<run.offset], as: UTF8.self))) }
                let delimiter = MarkdownNode.text(String(repeating: "~", count: run.length))
                node.insertBefore(delimiter)
                delimiterNodes[i] = delimiter
                cursor = run.offset + run.length
            }
            if cursor < bytes.count { node.insertBefore(.text(String(decoding: bytes[cursor...], as: UTF8.self))) }
            node.remove()
        }
        // Innermost pairs close first, so wrapping in closing order nests correctly.
        for (open, close) in pairs {
            guard let opener = delimiterNodes[open], let closer = delimiterNodes[close] else { continue }
            let del = MarkdownNode.wrapper(open: "<del>", close: "</del>")
            opener.insertBefore(del)
            var node = opener.next
            while let n = node, n != closer {
                node = n.next
                del.append(n)
            }
            opener.remove()
            closer.remove()
            paired.remove(open)
        }
    }

    private static func tildeRuns(in bytes: [UInt8], node: MarkdownNode) -> [Run] {
        var runs: [Run] = []
        var i = 0
        let tilde = UInt8(ascii: "~")
        while i < bytes.count {
            guard bytes[i] == tilde else { i += 1; continue }
            var j = i
            while j < bytes.count, bytes[j] == tilde { j += 1 }
            let length = j - i
            if length <= 2 {
                let before = i > 0 ? CharacterClass(byte: bytes[i - 1], bytes: bytes, end: i) : CharacterClass.before(node)
                let after = j < bytes.count ? CharacterClass(startingAt: j, in: bytes) : CharacterClass.after(node)
                let left = after != .whitespace && (after != .punctuation || before != .other)
                let right = before != .whitespace && (before != .punctuation || after != .other)
                runs.append(Run(node: node, offset: i, length: length, canOpen: left, canClose: right))
            }
            i = j
        }
        return runs
    }
}

/// The three classes of character that decide flanking (CommonMark's delimiter rules).
enum CharacterClass {
    case whitespace, punctuation, other

    init(_ scalar: Unicode.Scalar) {
        if scalar.properties.isWhitespace { self = .whitespace }
        else if scalar.isASCII ? "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(scalar)
                    : scalar.properties.generalCategory.isPunctuation { self = .punctuation }
        else { self = .other }
    }

    /// The character ending at byte `end` (exclusive).
    init(byte: UInt8, bytes: [UInt8], end: Int) {
        var start = end - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let s = String(decoding: bytes[start..<end], as: UTF8.self)
        self = s.unicodeScalars.first.map(CharacterClass.init) ?? .whitespace
    }

    init(startingAt start: Int, in bytes: [UInt8]) {
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let s = String(decoding: bytes[start..<end], as: UTF8.self)
        self = s.unicodeScalars.first.map(CharacterClass.init) ?? .whitespace
    }

    /// What precedes a node's first character: a line start counts as whitespace.
    static func before(_ node: MarkdownNode) -> CharacterClass {
        guard let previous = node.previous else { return .whitespace }
        switch previous.type {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return .whitespace
        case CMARK_NODE_TEXT:
            return previous.literal?.unicodeScalars.last.map(CharacterClass.init) ?? .whitespace
        default: return .other
        }
    }

    static func after(_ node: MarkdownNode) -> CharacterClass {
        guard let next = node.next else { return .whitespace }
        switch next.type {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return .whitespace
        case CMARK_NODE_TEXT:
            return next.literal?.unicodeScalars.first.map(CharacterClass.init) ?? .whitespace
        default: return .other
        }
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
