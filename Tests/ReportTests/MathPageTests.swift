import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Report

/// Math in pages: where `$` opens math (pandoc's rules), where it never does, errors at
/// the page's line and column, `{math}` blocks, numbering and `@eq-` references.
@Suite struct MathPageTests {
    /// The HTML of a page body and its diagnostics, formatted as the CLI prints them.
    func render(_ markdown: String) -> (html: String, diagnostics: [String]) {
        let fragment = Fragment(markdown, file: "index.md", firstLine: 1)
        var scanner = Scanner(sink: DiagnosticSink(), fileLines: markdown.split(separator: "\n", omittingEmptySubsequences: false))
        scanner.scan(fragment, allowBlocks: true)
        for block in fragment.blocks where block.kind == .math {
            let mathML = block.rawBody.flatMap { try? MathParser.mathML($0.text, display: true) } ?? ""
            block.node?.replace(withHTML: "<div>\(mathML)</div>", block: true)
        }
        return (fragment.tree.html(fragment.proof), scanner.sink.all.map { $0.formatted(root: "paper") })
    }

    /// The TeX of each formula in the rendered HTML, and whether it is displayed.
    func formulas(_ markdown: String) -> [String] {
        let html = render(markdown).html
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<math") {
            let end = rest.range(of: "</math>", range: start.upperBound..<rest.endIndex)!
            let math = String(rest[start.lowerBound..<end.upperBound])
            let root = try! parseXML(math)
            let tex = root.elements(named: "annotation").first?.stringValue ?? ""
            found.append(root.attributeValue("display") == "block" ? "$$" + tex + "$$" : tex)
            rest = rest[end.upperBound...]
        }
        return found
    }

    // MARK: Where `$` opens math

    @Test func inlineMath() {
        #expect(formulas("An $x$ here.") == ["x"])
        #expect(formulas("a$b$c") == ["b"])
        #expect(formulas("$a$ and $b$") == ["a", "b"])
    }

    @Test func openingDollarNeedsNonSpaceAfter() {
        #expect(formulas("A $ x$ here.") == [])
        #expect(render("A $ x$ here.").html.contains("A $ x$ here."))
    }

    @Test func closingDollarNeedsNonSpaceBefore() {
        #expect(formulas("A $x $ here.") == [])
        #expect(formulas("A $x $y$ here.") == ["y"])
    }

    @Test func dollarAmountsStayText() {
        #expect(formulas("It costs $5 and $6.") == [])
        #expect(render("It costs $5 and $6.").html.contains("It costs $5 and $6."))
        #expect(formulas("Between $20,000 and $30,000 a year.") == [])
    }

    @Test func closingDollarFollowedByDigitIsNotMath() {
        #expect(formulas("$x$5") == [])
    }

    @Test func escapedDollarIsText() {
        #expect(formulas(#"Write \$x\$ for dollars."#) == [])
        #expect(render(#"Write \$x\$ for dollars."#).html.contains("Write $x$ for dollars."))
        #expect(formulas(#"Inside math $a\$b$ too."#) == [#"a\$b"#])
    }

    @Test func neverInCode() {
        #expect(formulas("Code `$x$` here.") == [])
        #expect(render("Code `$x$` here.").html.contains("<code>$x$</code>"))
        #expect(formulas("```\n$x$\n```") == [])
        #expect(formulas("Para.\n\n    $x$ indented code") == [])
        #expect(formulas("`a` $x$ `b`") == ["x"])
        #expect(formulas("``co`de $x$`` and $y$") == ["y"])
    }

    @Test func neverInLinksOrHTML() {
        #expect(formulas("[link]($x$) and $y$") == ["y"])
        #expect(formulas(#"<a title="$x$">t</a>"#) == [])
        #expect(formulas("<https://example.com/$x$>") == [])
        #expect(formulas("A [link with $x$](https://example.com) in text.") == ["x"])
    }

    /// Markdown would otherwise eat the formula's backslashes and underscores.
    @Test func texIsTakenFromTheSource() {
        #expect(formulas(#"Set $\{a_1, a_2\}$ and $a*b*c$."#) == [#"\{a_1, a_2\}"#, "a*b*c"])
        #expect(formulas(#"Spaced $a\,b\;c$."#) == [#"a\,b\;c"#])
        #expect(formulas(#"*emphasised $x_i$ formula*"#) == ["x_i"])
        #expect(render(#"*emphasised $x_i$ formula*"#).html.contains("<em>emphasised <math"))
    }

    @Test func textInsideTextMayHoldDollars() {
        #expect(formulas(#"A $f(x) \text{ if $x > 0$}$ b."#) == [#"f(x) \text{ if $x > 0$}"#])
    }

    @Test func displayMath() {
        #expect(formulas("Inline $$x^2$$ display.") == ["$$x^2$$"])
        #expect(formulas("Text\n$$\n\\frac{a}{b}\n$$\nmore.") == ["$$\n\\frac{a}{b}\n$$"])
        #expect(formulas("$$ $$") == [])
        #expect(formulas("Unmatched $$x here.") == [])
    }

    @Test func displayMathInContainers() {
        #expect(formulas("> Quote $$\n>   a + b\n> $$ after.") == ["$$\na + b\n$$"])
        #expect(formulas("- item $$a\n  = b$$ end") == ["$$a\n= b$$"])
        let html = render("> $$\n> \\begin{pmatrix} a \\\\\n> b \\end{pmatrix}\n> $$").html
        #expect(html.contains("<blockquote>"))
        #expect(html.contains("<mtable>"))
    }

    @Test func mathInHeadings() {
        let html = render("## Energy $E = mc^2$ {#sec-energy}\n\nText.").html
        #expect(html.contains("<h2>Energy <math"))
        #expect(formulas("Setext $x$\n===") == ["x"])
    }

    /// The other text of a line keeps its columns: a value after a formula is still found
    /// (and reported) where it is written.
    @Test func positionsAfterAFormulaStayTrue() {
        let (_, diagnostics) = render("A $x$ then {nosuch}`k` end.")
        #expect(diagnostics == ["paper/index.md:1:12: error: unknown role '{nosuch}'"])
    }

    @Test func authorCannotForgeAPlaceholder() {
        #expect(formulas("Odd \u{378} character and $x$.") == [])
        #expect(render("Odd \u{378} character and $x$.").diagnostics
                == ["paper/index.md:1:1: error: character U+0378 (unassigned in Unicode) cannot be used in a page with $…$ math"])
    }

    // MARK: Errors at the page's line and column

    @Test func inlineErrorIsLocated() {
        let (_, diagnostics) = render("First line.\nSecond $a + \\foo$ line.")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix(#"paper/index.md:2:13: error: unknown command '\foo' in math"#) == true)
    }

    @Test func displayErrorOnALaterLineIsLocated() {
        let (_, diagnostics) = render("Para\n$$\na + b \\\\\n  c \\frac{1}\n$$")
        #expect(diagnostics == [#"paper/index.md:4:5: error: \frac is missing an argument, e.g. \frac{a}{b}"#])
    }

    @Test func errorInsideAQuoteCountsThePrefix() {
        let (_, diagnostics) = render("> Text $$\n>   x + {y\n> $$")
        #expect(diagnostics == ["paper/index.md:2:9: error: unbalanced '{': no '}' closes it"])
    }

    @Test func unbalancedAndLeftRightErrors() {
        #expect(render("A $\\left( x$.").diagnostics == [#"paper/index.md:1:4: error: \left( has no matching \right"#])
        #expect(render("A $x}$.").diagnostics == ["paper/index.md:1:5: error: unbalanced '}': no '{' opens it"])
    }

    @Test func equationBlockErrorIsLocated() {
        let markdown = "Text.\n\n```{math}\n:label: eq-a\nx = 1 \\\\\ny + \\nosuch\n```\n"
        let diagnostics = render(markdown).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix(#"paper/index.md:6:5: error: unknown command '\nosuch' in math"#) == true)
    }

    @Test func equationBlockOptions() async throws {
        let page = """
        ---
        title: T
        ---

        ```{math}
        :label: fig-x
        x
        ```

        ```{math}
        :lable: eq-y
        y
        ```

        ```{math}
        :label: eq-z
        ```

        ```{math} E = mc^2
        ```

        ```{mth}
        x
        ```
        """
        let project = try TempProject(pages: ["index.md": page])
        defer { project.remove() }
        let failures = await project.failures()
        #expect(failures.contains("paper/index.md:6:1: error: invalid label 'fig-x': use lowercase ASCII letters, digits and hyphens, starting with 'eq-'"))
        #expect(failures.contains { $0.hasPrefix("paper/index.md:11:1: error: unknown option ':lable:' for {math}; did you mean 'label'?") })
        #expect(failures.contains("paper/index.md:15:1: error: {math} has no formula: write it on the lines after the options"))
        #expect(failures.contains("paper/index.md:19:1: error: {math} takes no argument, got 'E = mc^2'"))
        #expect(failures.contains { $0.hasPrefix("paper/index.md:22:1: error: unknown directive '{mth}'; did you mean 'math'?") })
        #expect(failures.count == 5, "\(failures)")
    }

    // MARK: A small paper

    static let first = """
    ---
    title: Equations
    ---

    ## Energy $E = mc^2$ {#sec-energy}

    Mass and energy, $E = mc^2$, as @eq-energy says; the normal density is @eq-normal.
    Money stays money: $5 and $6.

    ```{math}
    :label: eq-energy
    E = mc^2
    ```

    An unnumbered one:

    ```{math}
    \\begin{aligned} a &= b \\\\ &= c \\end{aligned}
    ```

    $$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$

    ```{figure} bars
    :label: fig-bars
    :alt: Bars.
    Bars of $x^2$, with {value}`answer` of them.
    ```
    """

    static let second = """
    ---
    title: More
    order: 2
    ---

    ## Normal

    ```{math}
    :label: eq-normal
    p(x) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x-\\mu)^2}{2\\sigma^2}}
    ```

    Back to @eq-energy.
    """

    @Test func paperWithEquations() async throws {
        let project = try TempProject(pages: ["index.md": Self.first, "more.md": Self.second])
        defer { project.remove() }
        _ = try await project.build()
        let index = try project.read("index.html")
        let more = try project.read("more.html")
        // Numbered in reading order across pages; the unlabelled one has no number.
        #expect(index.contains(#"<div class="equation" id="eq-energy"><math"#))
        #expect(index.contains(##"<a class="eqno" href="#eq-energy">(1)</a>"##))
        #expect(more.contains(##"<a class="eqno" href="#eq-normal">(2)</a>"##))
        #expect(index.contains(#"<div class="equation"><math"#))
        #expect(index.components(separatedBy: "class=\"eqno\"").count == 2)
        // References link across pages.
        #expect(index.contains(##"as <a class="xref" href="#eq-energy""##))
        #expect(index.contains(">Equation 1</a> says"))
        #expect(index.contains(#"<a class="xref" href="more.html#eq-normal""#))
        #expect(index.contains(">Equation 2</a>."))
        #expect(more.contains(#"<a class="xref" href="index.html#eq-energy""#))
        #expect(more.contains(">Equation 1</a>."))
        // Inline and display math, in the heading and the caption too; dollars stay text.
        #expect(index.contains("<h2 id=\"sec-energy\"><span class=\"secnum\">1</span> Energy <math"))
        #expect(index.contains("Money stays money: $5 and $6."))
        #expect(index.contains(#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><munderover>"#))
        #expect(index.contains(#"Bars of <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup>"#))
        // Every formula is well-formed MathML.
        var count = 0
        for html in [index, more] {
            var rest = html[...]
            while let start = rest.range(of: "<math"), let end = rest.range(of: "</math>", range: start.upperBound..<rest.endIndex) {
                _ = try parseXML(String(rest[start.lowerBound..<end.upperBound]))
                count += 1
                rest = rest[end.upperBound...]
            }
        }
        // Seven in the text, and the heading's formula again in the paper's contents.
        #expect(count == 8)
        #expect(index.contains("<a href=\"#sec-energy\"><span class=\"secnum\">1</span> Energy <math"), "the contents entry lost its formula")
    }

    @Test func selfContainedPagesKeepTheirMath() async throws {
        let project = try TempProject(pages: ["index.md": Self.first, "more.md": Self.second])
        defer { project.remove() }
        var options = project.options()
        options.selfContained = true
        _ = try await Builder(notebook: FakeNotebook(folder: project.paper), options: options).build()
        let index = try project.read("index.html")
        #expect(index.contains(##"<a class="eqno" href="#eq-energy">(1)</a>"##))
        #expect(index.contains("math[display=\"block\"]"))   // the stylesheet, embedded
    }

    @Test func badReferencesAndLabels() async throws {
        let page = """
        ---
        title: T
        ---

        See @eq-enrgy.

        ```{math}
        :label: eq-energy
        E = mc^2
        ```

        ```{math}
        :label: eq-energy
        E = mc^3
        ```
        """
        let project = try TempProject(pages: ["index.md": page])
        defer { project.remove() }
        let failures = await project.failures()
        #expect(failures.contains("paper/index.md:5:5: error: unresolved reference '@eq-enrgy'; did you mean 'eq-energy'?"))
        #expect(failures.contains("paper/index.md:12:1: error: duplicate label 'eq-energy' (first used at index.md:7)"))
    }

    /// The whole corpus on one page builds, each formula once; set MATH_CORPUS_PAGE to a
    /// folder to keep the page (for looking at it in a browser).
    @Test func corpusPage() async throws {
        var body = "---\ntitle: Math corpus\n---\n\n"
        for formula in mathCorpus {
            let fence = String(repeating: "`", count: 3)
            // One line each: a formula's own line breaks could start Markdown blocks.
            let tex = formula.tex.replacingOccurrences(of: "\n", with: " ")
            body += "\(fence)\n\(tex)\n\(fence)\n\n$$\(tex)$$\n\n"
        }
        let project = try TempProject(pages: ["index.md": body])
        defer { project.remove() }
        _ = try await project.build()
        let html = try project.read("index.html")
        #expect(html.components(separatedBy: "<math ").count - 1 == mathCorpus.count)
        if let keep = ProcessInfo.processInfo.environment["MATH_CORPUS_PAGE"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: project.out, to: URL(fileURLWithPath: keep))
        }
    }
}
