import Foundation
import Testing

// The bad-input corpus: one test per kind of mistake or malice an author's files can hold.
// Each breaks a copy of a paper that has already been built once, runs the real `report
// build`, and expects one located diagnostic, exit status 1, no crash, and the previous
// `build/` exactly as it was (see `expectDiagnosedFailure`). Includes do not exist in
// this builder, so there is no include cycle to test.

@Suite("Hostile input: each bad file gets a located diagnostic and leaves build/ alone")
struct HostileInputTests {
    /// The good page with `replacement` in place of its last paragraph, so the broken
    /// part sits at a known line (the paragraph is on line `probeLine`).
    static func page(replacingProse replacement: String) -> String {
        ScratchProject.goodPage.replacingOccurrences(
            of: "There are {value}`count.networks` networks; see @sec-results and @tbl-networks.", with: replacement)
    }
    static let probeLine = 12

    @Test func emptyPage() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("empty.md", "")
        try expectDiagnosedFailure(project, file: "empty.md", line: 1, message: "page is empty")
    }

    @Test func whitespaceOnlyPage() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("blank.md", "\n   \n\t\n")
        try expectDiagnosedFailure(project, file: "blank.md", line: 1, message: "page is empty")
    }

    @Test func binaryFile() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // A PNG header and some zero bytes, saved with a .md name by mistake.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
        bytes += (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        try project.write("picture.md", Data(bytes))
        try expectDiagnosedFailure(project, file: "picture.md", message: "binary file")
    }

    @Test func folderNamedLikeAPage() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try FileManager.default.createDirectory(at: project.paper.appendingPathComponent("notes.md"), withIntermediateDirectories: true)
        try expectDiagnosedFailure(project, file: "notes.md", line: 1, message: "folder")
    }

    /// Windows line ends: the front matter is still front matter, and errors are still
    /// found at their line.
    @Test func crlfLineEnds() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", ScratchProject.goodPage.replacingOccurrences(of: "\n", with: "\r\n"))
        let run = try project.run()
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: project.build.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("<title>Reliability fixture</title>"), "the CRLF front matter was not read")
        #expect(!html.contains("<hr"), "the front matter fence was rendered as a rule")
        try project.write("crlf.md", "---\r\ntitle: CRLF\r\n---\r\n\r\n# Page\r\n\r\n```{figure}\r\n:alt: x\r\nCaption.\r\n```\r\n")
        try expectDiagnosedFailure(project, file: "crlf.md", line: 7, message: "needs an argument")
    }

    @Test func invalidUTF8() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // Latin-1 "café" on line 3: 0xE9 alone is not UTF-8.
        var bytes = Array("# Notes\n\nA caf".utf8)
        bytes += [0xE9]
        bytes += Array(" with friends.\n".utf8)
        try project.write("latin1.md", Data(bytes))
        try expectDiagnosedFailure(project, file: "latin1.md", line: 3, message: "invalid UTF-8")
    }

    @Test func invalidUTF8InBibliography() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var bytes = Array(ScratchProject.goodBibliography.utf8)
        bytes += Array("@misc{x,\n  title = {Caf".utf8) + [0xC3, 0x28] + Array("}\n}\n".utf8)
        try project.write("references.bib", Data(bytes))
        try expectDiagnosedFailure(project, file: "references.bib", line: 8, message: "invalid UTF-8")
    }

    @Test func twentyMegabytePage() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // 20 MB of ordinary prose: many paragraphs with emphasis, links and values.
        let paragraph = "Deep networks trade *accuracy* for **operations**; see [the original](https://arxiv.org/abs/1605.07678) and @sec-results for details of what this costs in practice on an embedded board.\n\n"
        var text = "# Big\n\n"
        let target = 20 * 1024 * 1024
        text.reserveCapacity(target + paragraph.utf8.count)
        while text.utf8.count < target { text += paragraph }
        try project.write("big.md", text)
        let before = FolderSnapshot(project.build)
        let run = try project.run(timeout: 120)
        #expect(!run.timedOut && run.seconds < 120 * Slowdown.factor, "took \(run.seconds) s")
        #expect(!run.crashed, "crashed: \(run.stderr.prefix(2000))")
        #expect(childPeakMemoryBytes() < (Slowdown.sanitized ? 8 : 3) << 30, "peak memory \(childPeakMemoryBytes() >> 20) MiB")
        // Building it is allowed; failing is too, but only with a located diagnostic and
        // the old output intact.
        if run.status != 0 {
            #expect(run.status == 1)
            #expect(run.errorLines.contains { $0.hasPrefix("paper/big.md:") }, "\(run.stderr.prefix(2000))")
            #expect(FolderSnapshot(project.build) == before)
        }
    }

    @Test func unterminatedFence() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // At the end of the page, so that no later fence can close it.
        let page = ScratchProject.goodPage + "\n```{table} networks\n:label: tbl-other\nNever closed.\n"
        let line = ScratchProject.goodPage.filter { $0 == "\n" }.count + 2
        try project.write("index.md", page)
        try expectDiagnosedFailure(project, file: "index.md", line: line, message: "never closed")
    }

    @Test func unterminatedPlainFence() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let page = ScratchProject.goodPage + "\n~~~~ swift\nlet x = 1\n~~~\n"
        let line = ScratchProject.goodPage.filter { $0 == "\n" }.count + 2
        try project.write("index.md", page)
        try expectDiagnosedFailure(project, file: "index.md", line: line, message: "never closed")
    }

    @Test func directiveWithoutArgument() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{figure}\n:alt: Nothing.\nA caption.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine, message: "needs an argument")
    }

    @Test func directiveWithEmptyBraces() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{}\nA caption.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine, message: "unknown directive")
    }

    @Test func repeatedOption() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{table} networks\n:label: tbl-a\n:label: tbl-b\nTwice.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine + 2, message: "given twice")
    }

    @Test func hundredKilobyteOptionValue() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let huge = String(repeating: "a", count: 100 * 1024)
        try project.write("index.md", Self.page(replacingProse: "```{table} networks\n:label: tbl-long\n:subset: \(huge)\nLong.\n```"))
        let run = try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine + 2, message: "bytes long")
        // The message must not echo the whole value back.
        #expect(run.stderr.utf8.count < 4_000, "stderr is \(run.stderr.utf8.count) bytes")
    }

    @Test func malformedOptionName() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{table} networks\n:la bel: tbl-x\nBad.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine + 1, message: "malformed option name")
    }

    @Test func tenThousandDirectivesBuild() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // 9,800 inline values, 100 tables and 100 claims on one page.
        var text = "---\ntitle: Many\n---\n\n"
        for i in 0..<9_800 {
            text += "Value \(i): {value}`count.networks`" + (i % 10 == 9 ? "\n\n" : "; ")
        }
        for i in 0..<100 {
            text += "\n```{table} networks\n:label: tbl-many-\(i)\nTable \(i).\n```\n"
            text += "\n```{claim} \(Self.holdingClaim)\n:label: clm-many-\(i)\nClaim \(i).\n```\n"
        }
        try project.write("index.md", text)
        let run = try project.run(timeout: 120)
        #expect(run.status == 0, "\(run.stderr.prefix(3000))")
        #expect(!run.crashed)
        let html = try String(contentsOf: project.build.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "class=\"value\"").count - 1 == 9_800)
        #expect(html.components(separatedBy: "<table>").count - 1 == 100)
        #expect(html.components(separatedBy: "class=\"claim ").count - 1 == 100)
        #expect(run.seconds < 60 * Slowdown.factor, "took \(run.seconds) s")
    }

    /// A claim the real analysis offers that holds for the repository's data.
    static let holdingClaim = "accuracy-saturates"

    @Test func thousandLevelNestedLists() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var text = "# Deep\n\n"
        for depth in 0..<1_000 { text += String(repeating: "  ", count: depth) + "- level \(depth)\n" }
        try project.write("deep.md", text)
        try expectDiagnosedFailure(project, file: "deep.md", message: "nested")
    }

    @Test func thousandLevelNestedBlockQuotes() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let text = "# Quotes\n\n" + String(repeating: ">", count: 1_000) + " deep\n"
        try project.write("quotes.md", text)
        try expectDiagnosedFailure(project, file: "quotes.md", line: 3, message: "nested")
    }

    @Test func thousandLevelNestedEmphasisAndLinks() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let text = "# Inline\n\n" + String(repeating: "*a ", count: 1_000) + "x" + String(repeating: " a*", count: 1_000) + "\n\n"
            + String(repeating: "[", count: 1_000) + "x" + String(repeating: "](#y)", count: 1_000) + "\n"
        try project.write("inline.md", text)
        try expectDiagnosedFailure(project, file: "inline.md", line: 3, message: "nested")
    }

    @Test func frontMatterNotAMapping() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("list.md", "---\n- just\n- a list\n---\n\n# Page\n")
        try expectDiagnosedFailure(project, file: "list.md", line: 2, message: "must be a mapping")
    }

    @Test func frontMatterScalar() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("scalar.md", "---\njust some text\n---\n\n# Page\n")
        try expectDiagnosedFailure(project, file: "scalar.md", line: 2, message: "must be a mapping")
    }

    @Test func frontMatterNeverClosed() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("open.md", "---\ntitle: Open\n\n# Page\n")
        try expectDiagnosedFailure(project, file: "open.md", line: 1, message: "not closed")
    }

    @Test func frontMatterMalformedYAML() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("bad.md", "---\ntitle: [unclosed\nauthors: x\n---\n\n# Page\n")
        try expectDiagnosedFailure(project, file: "bad.md", message: "malformed front matter")
    }

    @Test func yamlBillionLaughs() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var yaml = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = "abcdefghi".map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        yaml += "title: *i\n"
        try project.write("bomb.md", "---\n\(yaml)---\n\n# Bomb\n")
        let run = try expectDiagnosedFailure(project, file: "bomb.md", message: "alias", timeout: 30)
        #expect(run.seconds < 10 * Slowdown.factor, "took \(run.seconds) s")
    }

    /// Few aliases but exponential work: each level repeats the previous one three times
    /// and the last is used as a mapping key, which YAML libraries hash in full to find
    /// duplicate keys (3^21 ≈ 10^10 nodes from 64 aliases).
    @Test func yamlBombAsMappingKey() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var yaml = "l0: &l0 [x, x, x]\n"
        for level in 1...20 {
            yaml += "l\(level): &l\(level) [*l\(level - 1), *l\(level - 1), *l\(level - 1)]\n"
        }
        yaml += "? *l20\n: boom\n"
        try project.write("keybomb.md", "---\n\(yaml)---\n\n# Bomb\n")
        let run = try expectDiagnosedFailure(project, file: "keybomb.md", message: "alias", timeout: 30)
        #expect(run.seconds < 10 * Slowdown.factor, "took \(run.seconds) s")
    }

    /// Asterisks are emphasis in an abstract, not YAML aliases: many of them are fine.
    @Test func emphasisInAbstractIsNotAnAlias() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let abstract = (0..<100).map { "*word\($0)*" }.joined(separator: " ")
        try project.write("index.md", ScratchProject.goodPage.replacingOccurrences(
            of: "abstract: We compare", with: "abstract: We \(abstract) compare"))
        let run = try project.run()
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
    }

    @Test func labelWithSpaces() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{table} networks\n:label: tbl-my table\nSpaces.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine + 1, message: "invalid label")
    }

    @Test func labelWithNonASCII() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "```{table} networks\n:label: tbl-größe\nUmlauts.\n```"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine + 1, message: "invalid label")
    }

    @Test func sectionLabelWithNonASCII() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("index.md", Self.page(replacingProse: "### Résumé {#sec-résumé}"))
        try expectDiagnosedFailure(project, file: "index.md", line: Self.probeLine, message: "invalid label")
    }

    @Test func bibEntryWithUnbalancedBraces() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("references.bib", ScratchProject.goodBibliography + """
        @article{broken,
          title = {An {Unbalanced Title},
          year = {2016}
        }

        """)
        // The unclosed brace is in the title, on the entry's second line.
        try expectDiagnosedFailure(project, file: "references.bib", line: 8, message: "unbalanced")
    }

    @Test func bibEntryWithExtraClosingBrace() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("references.bib", ScratchProject.goodBibliography + """
        @article{extra,
          title = {Closed}},
          year = {2016}
        }

        """)
        try expectDiagnosedFailure(project, file: "references.bib", line: 8, message: "too many")
    }
}

/// Peak resident memory of any child this process has waited for (Linux reports it in
/// KiB): an upper bound for the last child's peak.
func childPeakMemoryBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return usage.ru_maxrss * 1024
}
