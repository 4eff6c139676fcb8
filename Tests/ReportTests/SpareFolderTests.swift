import Foundation
import Testing
@testable import Report

// The spare output folder: each build brings the folder the last one replaced up to date
// and exchanges it with the live one. Whatever state the spare is in, the output must be
// exactly what a build from nothing writes, plus the author's own files as they are now.

@Suite struct SpareFolderTests {
    /// Everything under `folder` by relative path: "folder", "link → destination" or
    /// the file's SHA-256. Written here without the builder's code, which it checks.
    static func tree(_ folder: URL) -> [String: String] {
        var tree: [String: String] = [:]
        let fm = FileManager.default
        func walk(_ relative: String) {
            let here = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
            for name in (try? fm.contentsOfDirectory(atPath: here.path)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                let full = folder.appendingPathComponent(path).path
                if let destination = try? fm.destinationOfSymbolicLink(atPath: full) {
                    tree[path] = "link → " + destination
                    continue
                }
                var isFolder: ObjCBool = false
                fm.fileExists(atPath: full, isDirectory: &isFolder)
                if isFolder.boolValue {
                    tree[path] = "folder"
                    walk(path)
                } else {
                    tree[path] = fm.contents(atPath: full).map(sha256Hex) ?? "unreadable"
                }
            }
        }
        walk("")
        // The record of which objects were checked holds inodes and times: this machine's
        // state (like git's index), different in every folder.
        tree[".cache/" + ObjectStamps.fileName] = nil
        return tree
    }

    /// The folder a build from nothing writes for the project's paper as it is now.
    static func coldTree(of project: TempProject) async throws -> [String: String] {
        let cold = try TempProject(pages: [:], files: [:])
        defer { cold.remove() }
        try FileManager.default.removeItem(at: cold.paper)
        try FileManager.default.copyItem(at: project.paper, to: cold.paper)
        _ = try await cold.build()
        return tree(cold.out)
    }

    static func spare(of project: TempProject) -> URL { project.root.appendingPathComponent(".build.spare") }

    static func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// `expected` plus the author's files: what the output folder must hold.
    static func expect(_ project: TempProject, equals cold: [String: String], plus theirs: [String: String] = [:],
                       _ comment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let want = cold.merging(theirs) { _, mine in mine }
        let have = tree(project.out)
        let differing = Set(want.keys).union(have.keys).filter { want[$0] != have[$0] }.sorted()
        #expect(differing.isEmpty, "\(comment): differs from a build from nothing at \(differing.prefix(8))",
                sourceLocation: sourceLocation)
    }

    /// A third page, with a figure of its own, that edits remove and bring back.
    static let extra = "---\ntitle: Extra\norder: 3\n---\n\n## Extra\n\n```{figure} bars\n:label: fig-extra\n:alt: Extra bars.\n"
        + ":scale: log\nExtra bars.\n```\n"

    func project() throws -> TempProject {
        try TempProject(pages: ["index.md": EndToEndTests.index, "method.md": EndToEndTests.second, "extra.md": Self.extra],
                        files: ["data/x.txt": "3\n", "references.bib": EndToEndTests.bib])
    }

    @Test func editsThroughTheSpareWriteWhatABuildFromNothingWrites() async throws {
        let p = try project()
        defer { p.remove() }
        let fm = FileManager.default
        _ = try await p.build()
        #expect(!fm.fileExists(atPath: Self.spare(of: p).path), "a first build has nothing to keep")
        // The author's own files, in a folder of theirs and among generated ones.
        try Data("mine".utf8).write(to: p.out.appendingPathComponent("notes.txt"))
        try fm.createDirectory(at: p.out.appendingPathComponent("drafts/old"), withIntermediateDirectories: true)
        try Data("draft".utf8).write(to: p.out.appendingPathComponent("drafts/old/a.md"))
        try Data("css".utf8).write(to: p.out.appendingPathComponent("assets/extra.css"))
        try fm.createSymbolicLink(atPath: p.out.appendingPathComponent("latest").path, withDestinationPath: "index.html")
        var theirs = ["notes.txt": sha256Hex(Data("mine".utf8)), "drafts": "folder", "drafts/old": "folder",
                      "drafts/old/a.md": sha256Hex(Data("draft".utf8)), "assets/extra.css": sha256Hex(Data("css".utf8)),
                      "latest": "link → index.html"]

        // The second build replaces the first one's folder and keeps it as the spare.
        try p.write("index.md", EndToEndTests.index + "\nA sentence added.\n")
        _ = try await p.build()
        Self.expect(p, equals: try await Self.coldTree(of: p), plus: theirs, "second build")
        #expect(fm.fileExists(atPath: Self.spare(of: p).appendingPathComponent(".report-manifest").path))

        // Each later build brings the spare up to date and exchanges it: the live folder
        // is then the spare's very folder (its inode).
        let edits: [(String, () throws -> Void)] = [
            ("a prose edit", { try p.write("index.md", EndToEndTests.index + "\nAnother sentence.\n") }),
            ("a data edit that redraws the figures", { try p.write("data/x.txt", "5\n") }),
            ("a page removed", { try FileManager.default.removeItem(at: p.paper.appendingPathComponent("extra.md")) }),
            ("an author's file replaced, with a prose edit", {
                try p.write("index.md", EndToEndTests.index + "\nA third sentence.\n")
                try FileManager.default.removeItem(at: p.out.appendingPathComponent("notes.txt"))
                try Data("mine, rewritten".utf8).write(to: p.out.appendingPathComponent("notes.txt"))
                theirs["notes.txt"] = sha256Hex(Data("mine, rewritten".utf8))
            }),
            ("the page back, the data undone", {
                try p.write("extra.md", Self.extra)
                try p.write("data/x.txt", "3\n")
            }),
        ]
        for (what, edit) in edits {
            try edit()
            let spare = Self.inode(Self.spare(of: p))
            let report = try await p.build()
            #expect(report.wrote, "\(what)")
            #expect(Self.inode(p.out) == spare, "\(what): the spare was not the folder swapped in")
            Self.expect(p, equals: try await Self.coldTree(of: p), plus: theirs, what)
        }
        // The cache written through the spare serves the next build whole.
        let notebook = FakeNotebook(folder: p.paper)
        let again = try await p.build(notebook)
        #expect(notebook.evaluations.isEmpty && again.computed == 0 && !again.wrote)
    }

    @Test func aRemovedPageLeavesNothingBehind() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()                       // the spare now exists
        #expect(FileManager.default.fileExists(atPath: p.out.appendingPathComponent("figures/fig-extra.svg").path))
        try FileManager.default.removeItem(at: p.paper.appendingPathComponent("extra.md"))
        _ = try await p.build()
        #expect(!FileManager.default.fileExists(atPath: p.out.appendingPathComponent("extra.html").path))
        #expect(!FileManager.default.fileExists(atPath: p.out.appendingPathComponent("figures/fig-extra.svg").path))
        Self.expect(p, equals: try await Self.coldTree(of: p), "page removed")
    }

    @Test func aSpareInAnUnknownStateNeverLeaksIntoTheOutput() async throws {
        let p = try project()
        defer { p.remove() }
        let fm = FileManager.default
        _ = try await p.build()
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()
        let spare = Self.spare(of: p)
        // Stopped halfway through an update: no manifest, a file gone, a half-written one,
        // junk where a page goes and in the cache.
        try fm.removeItem(at: spare.appendingPathComponent(".report-manifest"))
        try fm.removeItem(at: spare.appendingPathComponent("method.html"))
        try fm.removeItem(at: spare.appendingPathComponent("index.html"))
        try Data("<!DOCTYPE html><html><bo".utf8).write(to: spare.appendingPathComponent("index.html"))
        try Data("junk".utf8).write(to: spare.appendingPathComponent("junk.html"))
        try Data("junk".utf8).write(to: spare.appendingPathComponent(".cache/entries/junk.json"))
        try p.write("index.md", EndToEndTests.index + "\nEdited again.\n")
        _ = try await p.build()
        Self.expect(p, equals: try await Self.coldTree(of: p), "spare without a manifest")

        // A spare that says it is complete but holds damaged files (replaced, so that the
        // live folder's copy is whole): only the live folder's files are carried.
        #expect(fm.fileExists(atPath: spare.appendingPathComponent(".report-manifest").path))
        for damaged in ["method.html", "figures/fig-bars.svg", "assets/style.css", "data/tbl-items.csv"] {
            let url = spare.appendingPathComponent(damaged)
            #expect(fm.fileExists(atPath: url.path), "\(damaged) is not in the spare")
            try fm.removeItem(at: url)
            try Data("damaged".utf8).write(to: url)
        }
        for object in try fm.contentsOfDirectory(atPath: spare.appendingPathComponent(".cache/objects").path) {
            let url = spare.appendingPathComponent(".cache/objects/" + object)
            try fm.removeItem(at: url)
            try Data("damaged".utf8).write(to: url)
        }
        try fm.createDirectory(at: spare.appendingPathComponent("figures/stray"), withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: spare.appendingPathComponent("figures/stray/x.png"))
        try p.write("index.md", EndToEndTests.index + "\nEdited a third time.\n")
        _ = try await p.build()
        Self.expect(p, equals: try await Self.coldTree(of: p), "spare with damaged files")
        #expect(outputFolderProblems(p.out).isEmpty)
        let notebook = FakeNotebook(folder: p.paper)
        _ = try await p.build(notebook)
        #expect(notebook.evaluations.isEmpty, "the cache objects carried are whole")
    }

    /// A link where the spare goes is never followed: it might lead to the live folder.
    @Test func aLinkInPlaceOfTheSpareIsNotFollowed() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try FileManager.default.createSymbolicLink(atPath: Self.spare(of: p).path, withDestinationPath: "build")
        let before = Self.tree(p.out)
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()
        Self.expect(p, equals: try await Self.coldTree(of: p), "a link for a spare")
        #expect(Self.tree(Self.spare(of: p)) == before, "the spare is the last build's folder")
    }

    @Test func anAuthorsFileDeletedFromTheOutputIsNotBroughtBack() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try Data("mine".utf8).write(to: p.out.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: p.out.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try Data("draft".utf8).write(to: p.out.appendingPathComponent("drafts/a.md"))
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()
        // The spare, the first build's folder, holds them too: the author's files move
        // with the folder, not only forward.
        #expect(FileManager.default.fileExists(atPath: Self.spare(of: p).appendingPathComponent("notes.txt").path))
        try FileManager.default.removeItem(at: p.out.appendingPathComponent("notes.txt"))
        try FileManager.default.removeItem(at: p.out.appendingPathComponent("drafts"))
        for round in 0..<2 {
            try p.write("index.md", EndToEndTests.index + "\nEdited \(round).\n")
            _ = try await p.build()
            Self.expect(p, equals: try await Self.coldTree(of: p), "round \(round)")
        }
    }

    @Test func withoutRenameExchangeTheFolderIsTheSame() async throws {
        let p = try project()
        defer { p.remove() }
        var options = p.options()
        options.swapByExchange = false
        func build() async throws -> BuildReport {
            try await Builder(notebook: FakeNotebook(folder: p.paper), options: options).build()
        }
        _ = try await build()
        try Data("mine".utf8).write(to: p.out.appendingPathComponent("notes.txt"))
        let theirs = ["notes.txt": sha256Hex(Data("mine".utf8))]
        for (round, x) in ["4", "5", "3"].enumerated() {
            try p.write("data/x.txt", x + "\n")
            try p.write("index.md", EndToEndTests.index + "\nRound \(round).\n")
            let report = try await build()
            #expect(report.wrote)
            Self.expect(p, equals: try await Self.coldTree(of: p), plus: theirs, "round \(round)")
            #expect(FileManager.default.fileExists(atPath: Self.spare(of: p).appendingPathComponent(".report-manifest").path))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: p.root.path).filter { $0.contains(".old-") || $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func aBuildKilledBetweenTheTwoRenamesGetsItsFolderBack() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let before = Self.tree(p.out)
        // What the fallback swap leaves when killed after its first rename.
        let old = p.root.appendingPathComponent(".build.old-99999")
        #expect(rename(p.out.path, old.path) == 0)
        OutputFolder(url: p.out).removeStaleStaging()
        #expect(Self.tree(p.out) == before)
        #expect(!FileManager.default.fileExists(atPath: old.path))
    }

    /// A figure drawn in a build is written once, as its cache object; its files in the
    /// output (under every label that shows it) are hard links of it, as the files of a
    /// figure taken from the cache are; files of equal bytes are one file.
    @Test func aDrawnFigureIsWrittenOnce() async throws {
        let p = try project()
        defer { p.remove() }
        try p.write("index.md", EndToEndTests.index + "\n```{figure} bars\n:label: fig-again\n:alt: Bars again.\nAgain.\n```\n")
        _ = try await p.build()
        for name in ["fig-bars.svg", "fig-again.svg", "fig-bars.png", "fig-again.png"] {
            let file = p.out.appendingPathComponent("figures/" + name)
            let digest = sha256Hex(try Data(contentsOf: file))
            let object = p.out.appendingPathComponent(".cache/objects/" + digest)
            #expect(Self.inode(file) != nil && Self.inode(file) == Self.inode(object), "\(name) is not its object")
        }
        // Its data, the same bytes under both labels, is one file too.
        let csv = { (label: String) in Self.inode(p.out.appendingPathComponent("data/\(label).csv")) }
        #expect(csv("fig-bars") != nil && csv("fig-bars") == csv("fig-again"))
        Self.expect(p, equals: try await Self.coldTree(of: p), "two labels of one figure")
    }

    /// Nothing changed in the paper, but a generated file was deleted from the output:
    /// the build is not "up to date", and the file comes back.
    @Test func aGeneratedFileDeletedFromTheOutputComesBack() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let cold = Self.tree(p.out)
        for deleted in ["figures/fig-bars.svg", "method.html"] {
            try FileManager.default.removeItem(at: p.out.appendingPathComponent(deleted))
            let report = try await p.build()
            #expect(report.wrote, "\(deleted)")
            #expect(Self.tree(p.out) == cold, "\(deleted)")
        }
    }

    @Test func theManifestIsReadLineByLine() throws {
        let p = try project()
        defer { p.remove() }
        try FileManager.default.createDirectory(at: p.out, withIntermediateDirectories: true)
        let a = String(repeating: "a", count: 64), b = String(repeating: "b", count: 64)
        // A blank line, a path with spaces, no newline at the end.
        try Data("\(a) index.html\n\n\(b) notes and more.html".utf8).write(to: p.out.appendingPathComponent(".report-manifest"))
        #expect(OutputFolder(url: p.out).readManifest() == ["index.html": a, "notes and more.html": b])
        try Data().write(to: p.out.appendingPathComponent(".report-manifest"))
        #expect(OutputFolder(url: p.out).readManifest() == [:])
    }

    @Test func cleanRemovesTheSpare() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()
        #expect(FileManager.default.fileExists(atPath: Self.spare(of: p).path))
        _ = try Report.clean(output: p.out, paper: p.paper)
        #expect(!FileManager.default.fileExists(atPath: Self.spare(of: p).path))
        #expect(!FileManager.default.fileExists(atPath: p.out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: p.root.path) == ["paper"])
    }

    @Test func keptEntriesKeepTheirObjectsWithOrWithoutTheRecord() async throws {
        let p = try project()
        defer { p.remove() }
        let fm = FileManager.default
        _ = try await p.build()
        let objects = p.out.appendingPathComponent(".cache/objects")
        let all = Set(try fm.contentsOfDirectory(atPath: objects.path))
        // The log-scale figure goes: its entry stays (an undone edit finds it), and so do
        // the objects it names, found through the record of each entry's objects ...
        try p.write("method.md", "---\ntitle: Method\norder: 2\n---\n\n## Method {#sec-method}\n\nNo figure.\n")
        _ = try await p.build()
        #expect(Set(try fm.contentsOfDirectory(atPath: objects.path)) == all)
        // ... or, without the record (a cache from before it), by reading the entries.
        try fm.removeItem(at: p.out.appendingPathComponent(".cache/" + EntryObjects.fileName))
        try p.write("index.md", EndToEndTests.index + "\nEdited.\n")
        _ = try await p.build()
        #expect(Set(try fm.contentsOfDirectory(atPath: objects.path)) == all)
        #expect(fm.fileExists(atPath: p.out.appendingPathComponent(".cache/" + EntryObjects.fileName).path))
        // Undone: nothing computed.
        try p.write("method.md", EndToEndTests.second)
        let notebook = FakeNotebook(folder: p.paper)
        _ = try await p.build(notebook)
        #expect(notebook.evaluations.isEmpty)
    }
}
