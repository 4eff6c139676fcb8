import Foundation
import Testing
@testable import Report

/// One test per kind of diagnostic: the exact message and position.
@Suite struct DiagnosticTests {
    /// Builds a one-page paper (front matter takes lines 1–3, so the body starts on line 4)
    /// and returns its diagnostics.
    func diagnostics(_ body: String, files: [String: String] = ["data/x.txt": "3\n"]) async throws -> [String] {
        let project = try TempProject(pages: ["index.md": page(body)], files: files)
        defer { project.remove() }
        return await project.failures()
    }

    let figure = "```{figure} bars\n:alt: Bars.\nCaption.\n```\n"

    @Test func unknownDirective() async throws {
        let d = try await diagnostics("Text.\n\n```{figur} bars\n:alt: A.\nCaption.\n```\n")
        #expect(d == ["paper/index.md:6:1: error: unknown directive '{figur}'; did you mean 'figure'? (directives: {figure}, {table}, {claim}, {math}, {note}, {tip}, {important}, {warning}, {caution})"])
    }

    @Test func unknownFigureName() async throws {
        let d = try await diagnostics("```{figure} barz\n:alt: A.\nCaption.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: unknown figure 'barz'; did you mean 'bars'?"])
    }

    @Test func unknownTableAndClaimNames() async throws {
        let d = try await diagnostics("```{table} itemz\nCaption.\n```\n\n```{claim} alway\nSentence.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: unknown table 'itemz'; did you mean 'items'?",
                      "paper/index.md:8:1: error: unknown claim 'alway'; did you mean 'always'?"])
    }

    @Test func unknownValueKey() async throws {
        let d = try await diagnostics("The answer is {value}`answr`.\n")
        #expect(d == ["paper/index.md:4:15: error: unknown value 'answr'; did you mean 'answer'?"])
    }

    @Test func unknownRole() async throws {
        let d = try await diagnostics("Say {valeu}`answer`.\n")
        #expect(d == ["paper/index.md:4:5: error: unknown role '{valeu}'; did you mean 'value'?"])
    }

    @Test func unknownOption() async throws {
        let d = try await diagnostics("```{figure} bars\n:alt: A.\n:scal: log\nCaption.\n```\n")
        #expect(d == ["paper/index.md:6:1: error: unknown option ':scal:' for figure 'bars'; did you mean 'scale'? (options: :scale:, :label:, :alt:, :width:, :reproduces:)"])
    }

    @Test func invalidOptionValue() async throws {
        let d = try await diagnostics("```{figure} bars\n:alt: A.\n:scale: lg\nCaption.\n```\n")
        #expect(d == ["paper/index.md:6:1: error: invalid value 'lg' for option ':scale:' (expected 'linear' or 'log'); did you mean 'log'?"])
    }

    @Test func invalidBuilderOptionValue() async throws {
        let d = try await diagnostics("```{claim} always\n:expect: mayb\nIt holds.\n```\n")
        #expect(d == ["paper/index.md:5:1: error: invalid value 'mayb' for option ':expect:' (expected 'hold' or 'fail')"])
    }

    @Test func misspeltBuilderOptionIsSuggested() async throws {
        let d = try await diagnostics("```{figure} bars\n:alt: A.\n:lable: fig-a\nCaption.\n```\n")
        #expect(d == ["paper/index.md:6:1: error: unknown option ':lable:' for figure 'bars'; did you mean 'label'? (options: :scale:, :label:, :alt:, :width:, :reproduces:)"])
    }

    @Test func malformedOption() async throws {
        let d = try await diagnostics("```{figure} bars\n:alt A.\nCaption.\n```\n")
        #expect(d.contains("paper/index.md:5:1: error: malformed option ':alt A.': expected ':key: value'"))
    }

    @Test func repeatedOption() async throws {
        let d = try await diagnostics("```{figure} bars\n:alt: A.\n:alt: B.\nCaption.\n```\n")
        #expect(d == ["paper/index.md:6:1: error: option ':alt:' is given twice"])
    }

    @Test func missingAltAndCaption() async throws {
        let d = try await diagnostics("```{figure} bars\n:label: fig-a\n```\n")
        #expect(d == ["paper/index.md:4:1: error: figure 'bars' has no ':alt:' option: add ':alt: <what the figure shows>'",
                      "paper/index.md:4:1: error: figure 'bars' has no caption: write it after the options"])
    }

    @Test func missingArgument() async throws {
        let d = try await diagnostics("```{figure}\n:alt: A.\nCaption.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: {figure} needs an argument: the name of the figure to compute (see `report list`)"])
    }

    @Test func wrongArgumentCount() async throws {
        let d = try await diagnostics("```{table} rows\nCaption.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: table 'rows' takes <id>, got 0"])
    }

    @Test func notebookProblemAtDirective() async throws {
        let d = try await diagnostics("```{table} rows b\nCaption.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: unknown id 'b'"])
    }

    @Test func dataProblemLocatedInDataFile() async throws {
        let d = try await diagnostics("x is {value}`data.x`.\n", files: ["data/x.txt": "three\n"])
        #expect(d == ["paper/data/x.txt:1:1: error: not a number: 'three'"])
    }

    @Test func duplicateLabel() async throws {
        let d = try await diagnostics(figure.replacingOccurrences(of: ":alt:", with: ":label: fig-a\n:alt:") + "\n"
            + figure.replacingOccurrences(of: ":alt:", with: ":label: fig-a\n:alt:"))
        #expect(d == ["paper/index.md:10:1: error: duplicate label 'fig-a' (first used at index.md:4)"])
    }

    @Test func invalidLabel() async throws {
        let d = try await diagnostics("```{figure} bars\n:label: fig-Größe x\n:alt: A.\nCaption.\n```\n")
        #expect(d == ["paper/index.md:5:1: error: invalid label 'fig-Größe x': use lowercase ASCII letters, digits and hyphens, starting with 'fig-'"])
    }

    @Test func unresolvedReference() async throws {
        let d = try await diagnostics(figure.replacingOccurrences(of: ":alt:", with: ":label: fig-bars\n:alt:")
            + "\nSee @fig-bar and @sec-none.\n")
        #expect(d == ["paper/index.md:10:5: error: unresolved reference '@fig-bar'; did you mean 'fig-bars'?",
                      "paper/index.md:10:18: error: unresolved reference '@sec-none'"])
    }

    @Test func unknownCitation() async throws {
        let d = try await diagnostics("As shown [@canziani2061].\n",
                                      files: ["references.bib": "@article{canziani2016, title = {T}, year = 2016}\n"])
        #expect(d == ["paper/index.md:4:10: error: unknown citation key 'canziani2061'; did you mean 'canziani2016'?"])
    }

    @Test func malformedBibTeX() async throws {
        let d = try await diagnostics("Text [@b].\n", files: ["references.bib": "@article{a, title = {Unclosed, year = 2016}\n@misc{b, title = {B}}\n"])
        // The brace after `year = 2016` closes the title, so entry 'a' runs into 'b'.
        #expect(d == ["paper/index.md:4:6: error: unknown citation key 'b'",
                      "paper/references.bib:2:1: error: malformed BibTeX entry 'a': expected ',' or '}'"])
        let e = try await diagnostics("Text.\n", files: ["references.bib": "@misc{c, title = {Open\n"])
        #expect(e == ["paper/references.bib:1:18: error: unbalanced braces in BibTeX value: '{' is never closed"])
    }

    @Test func malformedFrontMatter() async throws {
        let project = try TempProject(pages: ["index.md": "---\ntitle: [unclosed\n---\nBody.\n"])
        defer { project.remove() }
        let d = await project.failures()
        #expect(d.count == 1)
        #expect(d.first?.hasPrefix("paper/index.md:3:1: error: malformed front matter:") == true)
    }

    @Test func frontMatterNotAMapping() async throws {
        let project = try TempProject(pages: ["index.md": "---\n- a\n- b\n---\nBody.\n"])
        defer { project.remove() }
        #expect(await project.failures() == ["paper/index.md:2:1: error: front matter must be a mapping of keys to values (title: …, authors: …)"])
    }

    @Test func invalidUTF8() async throws {
        let project = try TempProject(pages: ["index.md": "Fine line.\n"])
        defer { project.remove() }
        try Data([0x4F, 0x4B, 0x0A, 0x61, 0x62, 0xC3, 0x28, 0x0A]).write(to: project.paper.appendingPathComponent("index.md"))
        #expect(await project.failures() == ["paper/index.md:2:3: error: invalid UTF-8 (byte 0xC3); pages must be UTF-8 text"])
    }

    @Test func unterminatedFence() async throws {
        let d = try await diagnostics("Text.\n\n```{figure} bars\n:alt: A.\nCaption.\n")
        #expect(d == ["paper/index.md:6:1: error: code fence opened here is never closed: add a line '```'"])
    }

    @Test func failedClaimQuotesEvidence() async throws {
        let d = try await diagnostics("```{claim} never\nIt fails.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: claim 'never' does not hold for the current data (2 < 1 is false)"])
    }

    @Test func expectedFailureThatHolds() async throws {
        let d = try await diagnostics("```{claim} always\n:expect: fail\nIt holds.\n```\n")
        #expect(d == ["paper/index.md:4:1: error: claim 'always' is marked ':expect: fail' but now holds (1 < 2)"])
    }

    @Test func unsafeLinkScheme() async throws {
        let d = try await diagnostics("[click](javascript:alert(1))\n")
        #expect(d == ["paper/index.md:4:1: error: link to a 'javascript:' URL is not allowed (use http, https, mailto or a relative path)"])
    }

    /// A build lists all its errors, not only the first, and leaves the previous output
    /// folder exactly as it was.
    @Test func allErrorsAtOnceAndOutputUntouched() async throws {
        let good = page(figure.replacingOccurrences(of: ":alt:", with: ":label: fig-a\n:alt:") + "\nSee @fig-a.\n")
        let project = try TempProject(pages: ["index.md": good])
        defer { project.remove() }
        _ = try await project.build()
        let before = project.snapshot()
        #expect(before["index.html"] != nil)

        let bad = page("```{figure} barz\n:label: fig-a\n:alt: A.\nCaption.\n```\n\n"
            + "```{figure} bars\n:label: fig-a\n:alt: A.\nCaption.\n```\n\nSee @fig-b.\n")
        try project.write("index.md", bad)
        let d = await project.failures()
        #expect(d == ["paper/index.md:4:1: error: unknown figure 'barz'; did you mean 'bars'?",
                      "paper/index.md:10:1: error: duplicate label 'fig-a' (first used at index.md:4)",
                      "paper/index.md:16:5: error: unresolved reference '@fig-b'; did you mean 'fig-a'?"])
        #expect(project.snapshot() == before)
    }

    @Test func warningsDoNotFail() async throws {
        let project = try TempProject(pages: ["index.md": "---\ntitle: T\ncolour: blue\n---\nBody.\n"])
        defer { project.remove() }
        let report = try await project.build()
        #expect(report.warnings.map { $0.formatted(root: "paper") } == ["paper/index.md:3:1: warning: unknown front matter key 'colour'"])
    }

    @Test func suggestionsNeedANearMiss() {
        #expect(suggestion(for: "top1-vs-operation", among: ["top1-vs-operations", "top1-by-network"]) == "top1-vs-operations")
        #expect(suggestion(for: "completely-different", among: ["bars"]) == nil)
    }
}
