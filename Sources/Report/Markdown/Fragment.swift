/// A piece of Markdown from a file — a page body, a caption, an abstract — parsed, with
/// what the scanner found in it. Positions inside the fragment map to file positions
/// through `firstLine` and `columnOffset`.
final class Fragment {
    let file: String
    let firstLine: Int
    let columnOffset: Int
    let tree: MarkdownTree

    var blocks: [BlockDirective] = []
    var values: [InlineValue] = []
    var references: [InlineReference] = []
    var headings: [Heading] = []
    /// Local images, with their URLs as written (a self-contained build rewrites the tree's).
    var images: [(url: String, location: SourceLocation)] = []
    /// `$…$` and `$$…$$` formulas, in reading order (placed into the tree by the scanner).
    let math: [MarkdownMath]
    /// Whether the text holds the placeholder character itself, so that its math is not read.
    let forgedMathMarker: Bool
    /// Set once values and references have been replaced by HTML in the tree.
    var inlinesReplaced = false
    /// Set by the scanner once the author's raw HTML in the tree is text; HTML can be
    /// rendered from the tree only with it (see `Neutralised`).
    private(set) var neutralised: Neutralised?
    /// Tables, admonitions, footnotes and links found by the authoring passes.
    var authoring = AuthoringParts()
    /// The fragment's source lines (pipe tables are read from them), split when first
    /// asked for: most captions never are.
    private(set) lazy var sourceLines: [Substring] = splitLines(text)
    private let text: String

    init(_ text: String, file: String, firstLine: Int, columnOffset: Int = 0) {
        self.file = file
        self.firstLine = firstLine
        self.columnOffset = columnOffset
        // Formulas are found in a first parse and hidden from the second (see MarkdownMath).
        let parsed = MarkdownTree(text)
        let protected = MarkdownMath.protect(text, parsed: parsed)
        self.tree = protected.formulas.isEmpty ? parsed : MarkdownTree(protected.text)
        self.math = protected.formulas
        self.forgedMathMarker = text.unicodeScalars.contains(MarkdownMath.marker) && text.contains("$")
        self.text = text
    }

    /// Whether the text writes a footnote marker (`[^`).
    var mentionsFootnotes: Bool { text.containsASCII("[^") }

    /// Turns the author's raw HTML in the tree into text (see `Neutralised`).
    func neutraliseRawHTML() {
        neutralised = tree.neutraliseRawHTML()
    }

    /// The proof that the tree's raw HTML is text, which rendering needs: a fragment is
    /// rendered only after it was scanned.
    var proof: Neutralised {
        guard let neutralised else { preconditionFailure("\(file):\(firstLine): fragment rendered before it was scanned") }
        return neutralised
    }

    /// The file location of a line and column inside the fragment.
    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + max(line, 1) - 1, column: max(column, 1) + columnOffset)
    }

    func location(of node: MarkdownNode) -> SourceLocation {
        location(line: node.startLine, column: node.startColumn)
    }

    /// Every fragment reachable from this one: itself and its directives' bodies.
    var allFragments: [Fragment] {
        [self] + blocks.compactMap(\.body).flatMap(\.allFragments) + authoring.children.flatMap(\.allFragments)
    }
}
