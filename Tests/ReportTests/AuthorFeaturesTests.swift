// What the builder does for an author's own directives: claims whose sentence must name
// what they check, problems located at the option they concern, and output folders
// whose files of the author's survive a build.

import Foundation
import Testing
import NotebookInterface
@testable import Report

struct AuthorFeaturesTests {
    @Test func aClaimShowsWhatItCheckedNextToItsSentence() async throws {
        let project = try TempProject(pages: ["index.md": page("\n```{claim} alpha-leads\nAlpha leads Beta.\n```\n")])
        defer { project.remove() }
        _ = try await project.build()
        let html = try project.read("index.html")
        #expect(html.contains("✓ checked<span class=\"checked-statement\">: Alpha (2) leads Beta (1)</span>"))
    }

    @Test func aClaimWhoseSentenceDoesNotNameWhatItChecksFailsAtItsLine() async throws {
        let project = try TempProject(pages: ["index.md": page("\nText.\n\n```{claim} alpha-leads\nGamma leads everyone.\n```\n")])
        defer { project.remove() }
        let failures = await project.failures()
        #expect(failures == ["paper/index.md:7:1: error: the sentence of claim 'alpha-leads' does not name 'Alpha One', 'Beta', which the claim checks (it checks: Alpha (2) leads Beta (1))"])
    }

    @Test func aNotebookProblemAboutAnOptionPointsAtIt() async throws {
        let project = try TempProject(pages: ["index.md": page("\n```{figure} spec\n:alt: A.\n:x: nope\nCaption.\n```\n")])
        defer { project.remove() }
        #expect(await project.failures() == ["paper/index.md:7:1: error: no column 'nope'"])
    }

    @Test func filesOfTheAuthorsInTheOutputFolderSurviveABuild() async throws {
        let project = try TempProject(pages: ["index.md": page("\nThe answer: {value}`answer`.\n")])
        defer { project.remove() }
        _ = try await project.build()
        let fm = FileManager.default
        try Data("mine".utf8).write(to: project.out.appendingPathComponent("notes.txt"))
        try fm.createDirectory(at: project.out.appendingPathComponent("drafts/old"), withIntermediateDirectories: true)
        try Data("draft".utf8).write(to: project.out.appendingPathComponent("drafts/old/a.md"))
        try Data("css".utf8).write(to: project.out.appendingPathComponent("assets/extra.css"))
        try fm.createSymbolicLink(atPath: project.out.appendingPathComponent("latest").path, withDestinationPath: "index.html")
        try project.write("index.md", page("\nThe answer, again: {value}`answer`.\n"))
        let report = try await project.build()
        #expect(report.wrote)
        #expect(try project.read("notes.txt") == "mine")
        #expect(try project.read("drafts/old/a.md") == "draft")
        #expect(try project.read("assets/extra.css") == "css")
        #expect(try fm.destinationOfSymbolicLink(atPath: project.out.appendingPathComponent("latest").path) == "index.html")
        #expect(try project.read("index.html").contains("again"))
        // `clean` keeps them too, and says so.
        let kept = try Report.clean(output: project.out, paper: project.paper)
        #expect(kept == ["assets/extra.css", "drafts/old/a.md", "latest", "notes.txt"])
    }

    @Test func aFileOfTheAuthorsInTheWayOfAGeneratedOneStopsTheBuild() async throws {
        let project = try TempProject(pages: ["index.md": page("\nThe answer: {value}`answer`.\n")])
        defer { project.remove() }
        _ = try await project.build()
        try Data("mine".utf8).write(to: project.out.appendingPathComponent("second.html"))
        try project.write("second.md", page("\nA second page.\n", title: "Second"))
        let before = project.snapshot()
        let failures = await project.failures()
        #expect(failures.count == 1)
        #expect(failures.first?.contains("second.html' was not written by report and this build would replace it") == true)
        #expect(project.snapshot() == before)
    }

    @Test func aFileOrFolderOfTheAuthorsWhereAGeneratedFolderGoesStopsTheBuild() async throws {
        let figure = "\n```{figure} bars\n:label: fig-a\n:alt: Bars.\nBars.\n```\n"
        for (mine, isFolder) in [("figures", true), ("data", false)] {
            let project = try TempProject(pages: ["index.md": page("\nThe answer: {value}`answer`.\n")])
            defer { project.remove() }
            _ = try await project.build()
            let url = project.out.appendingPathComponent(mine)
            if isFolder {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                try Data("mine".utf8).write(to: url.appendingPathComponent("mine.txt"))
            } else {
                try Data("mine".utf8).write(to: url)
            }
            try project.write("index.md", page("\nThe answer: {value}`answer`.\n" + figure))
            let failures = await project.failures()
            #expect(failures.count == 1 && failures.first?.contains("/\(mine)' was not written by report") == true, "\(failures)")
        }
    }
}

struct ListingOfOptionsTests {
    @Test func listDescribesEveryOptionOfAnOfferWithItsValues() throws {
        let offer = Offer(kind: .figure, name: "bars", summary: "Bars.", options: ["scale": ["linear", "log"], "x": []],
                          optionSummaries: ["scale": "the y scale", "x": "a column"])
        let lines = try Listing.lines(offers: [offer], kind: "figure")
        #expect(lines.contains("figure\tbars :scale: linear|log\tthe y scale"))
        #expect(lines.contains("figure\tbars :x:\ta column"))
        #expect(throws: Diagnostic.self) { try Listing.lines(offers: [offer], kind: "figures") }
    }
}
