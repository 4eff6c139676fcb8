import Foundation
import Testing

// No escape from the project: a build reads only inside the paper folder and writes only
// its output folder; `clean` deletes only what builds created. Every test works in its
// own temporary folder, and the "outside" files are siblings there, so a failure of the
// refusal under test can harm nothing but that folder.

@Suite("No escape: reads stay in paper/, writes and deletes stay in the output folder")
struct HostileEscapeTests {
    /// A file beside the project, outside the paper folder, holding a secret.
    static func outsideFile(_ project: ScratchProject, _ name: String, _ content: Data) throws -> URL {
        let outside = project.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let url = outside.appendingPathComponent(name)
        try content.write(to: url)
        return url
    }

    static let secret = "TOP-SECRET-\(UUID().uuidString)"

    /// The bytes of a tiny valid PNG (1×1, grey). Computed, not stored: LeakSanitizer
    /// cannot follow a `Data` kept in a global (its storage pointer carries tag bits).
    static var png: Data { Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")! }

    func expectNoSecret(_ project: ScratchProject, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let snapshot = FolderSnapshot(project.build)
        for (path, entry) in snapshot.entries {
            if let bytes = entry.bytes, String(decoding: bytes, as: UTF8.self).contains(Self.secret) {
                Issue.record("the secret leaked into build/\(path)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func imageWithParentPathIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        _ = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try project.write("img.md", "# Images\n\n![A secret](../outside/secret.png)\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func imageWithEncodedParentPathIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        _ = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try project.write("img.md", "# Images\n\n![A secret](data/%2E%2E/%2E%2E/outside/secret.png)\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func imageWithAbsolutePathIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try project.write("img.md", "# Images\n\n![A secret](\(secret.path))\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func imageFileURLIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try project.write("img.md", "# Images\n\n![A secret](file://\(secret.path))\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3)
        expectNoSecret(project)
    }

    @Test func imageSymlinkPointingOutsideIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try FileManager.default.createDirectory(at: project.paper.appendingPathComponent("images"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: project.paper.appendingPathComponent("images/chart.png"),
                                                   withDestinationURL: secret)
        try project.write("img.md", "# Images\n\n![A chart](images/chart.png)\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func imageInSymlinkedFolderPointingOutsideIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "secret.png", Self.png + Data(Self.secret.utf8))
        try FileManager.default.createSymbolicLink(at: project.paper.appendingPathComponent("images"),
                                                   withDestinationURL: secret.deletingLastPathComponent())
        try project.write("img.md", "# Images\n\n![A chart](images/secret.png)\n")
        try expectDiagnosedFailure(project, file: "img.md", line: 3, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func imageInsideThePaperIsCopied() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write("images/dot.png", Self.png)
        try project.write("img.md", "# Images\n\n![A dot](images/dot.png)\n")
        let run = try project.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.contents(atPath: project.build.appendingPathComponent("images/dot.png").path) == Self.png)
    }

    @Test func pageSymlinkPointingOutsideIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "notes.md", Data("# Notes\n\n\(Self.secret)\n".utf8))
        try FileManager.default.createSymbolicLink(at: project.paper.appendingPathComponent("notes.md"), withDestinationURL: secret)
        try expectDiagnosedFailure(project, file: "notes.md", line: 1, message: "outside the paper folder")
        expectNoSecret(project)
    }

    @Test func pageSymlinkToAbsoluteSystemFileIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(atPath: project.paper.appendingPathComponent("passwd.md").path,
                                                   withDestinationPath: "/etc/passwd")
        try expectDiagnosedFailure(project, file: "passwd.md", line: 1, message: "outside the paper folder")
    }

    @Test func bibliographySymlinkPointingOutsideIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let secret = try Self.outsideFile(project, "refs.bib",
                                          Data((ScratchProject.goodBibliography + "% \(Self.secret)\n").utf8))
        try FileManager.default.removeItem(at: project.paper.appendingPathComponent("references.bib"))
        try FileManager.default.createSymbolicLink(at: project.paper.appendingPathComponent("references.bib"), withDestinationURL: secret)
        try expectDiagnosedFailure(project, file: "references.bib", line: 1, message: "outside the paper folder")
    }

    @Test func dataSymlinkPointingOutsideIsRefused() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let csv = try project.read("data/networks.csv")
        let secret = try Self.outsideFile(project, "networks.csv", Data(csv.utf8))
        try FileManager.default.removeItem(at: project.paper.appendingPathComponent("data/networks.csv"))
        try FileManager.default.createSymbolicLink(at: project.paper.appendingPathComponent("data/networks.csv"), withDestinationURL: secret)
        try expectDiagnosedFailure(project, file: "data/networks.csv", message: "outside the paper folder")
    }

    // MARK: --out

    func expectOutRefused(_ out: String, in project: ScratchProject, home: URL? = nil,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let paperBefore = FolderSnapshot(project.paper)
        var environment: [String: String] = [:]
        if let home { environment["HOME"] = home.path }
        let run = try runReport(["build", "--out", out], in: project.root, environment: environment)
        #expect(run.status == 1, "--out \(out): status \(run.status) \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!run.crashed, sourceLocation: sourceLocation)
        #expect(run.stderr.contains("refusing to use"), "--out \(out): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(FolderSnapshot(project.paper) == paperBefore, "the paper folder changed", sourceLocation: sourceLocation)
        let clean = try runReport(["clean", "--out", out], in: project.root, environment: environment)
        #expect(clean.status == 1, "clean --out \(out): status \(clean.status) \(clean.stderr)", sourceLocation: sourceLocation)
        #expect(FolderSnapshot(project.paper) == paperBefore, "clean changed the paper folder", sourceLocation: sourceLocation)
    }

    @Test func outRefusesRoot() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        try expectOutRefused("/", in: project)
        try expectOutRefused("//", in: project)
        try expectOutRefused("/tmp/..", in: project)
    }

    @Test func outRefusesHome() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        // A stand-in home folder, so a broken refusal could only harm the test's folder.
        let home = project.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: home.appendingPathComponent(".profile"))
        try expectOutRefused(home.path, in: project, home: home)
        try expectOutRefused(home.path + "/", in: project, home: home)
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent(".profile").path))
    }

    @Test func outRefusesThePaperFolderAndWhatContainsIt() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        for out in ["paper", "paper/", "./paper", ".", "..", project.root.path, "paper/..", "paper/build", "paper/data"] {
            try expectOutRefused(out, in: project)
        }
    }

    @Test func outRefusesASymlinkToThePaperFolder() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("alias"), withDestinationURL: project.paper)
        try expectOutRefused("alias", in: project)
        try FileManager.default.createSymbolicLink(at: project.root.appendingPathComponent("up"), withDestinationURL: project.root)
        try expectOutRefused("up", in: project)
    }

    @Test func outRefusesAForeignFolder() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        let foreign = project.root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("thesis.tex"))
        try expectOutRefused("documents", in: project)
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("thesis.tex").path))
    }

    // MARK: clean

    @Test func cleanKeepsForeignFiles() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try Data("notes".utf8).write(to: project.build.appendingPathComponent("my-notes.txt"))
        try FileManager.default.createDirectory(at: project.build.appendingPathComponent("figures/mine"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: project.build.appendingPathComponent("figures/mine/sketch.svg"))
        let paperBefore = FolderSnapshot(project.paper)
        let run = try project.run(["clean"])
        #expect(run.status == 0, "\(run.stderr)")
        let left = FolderSnapshot(project.build)
        #expect(Set(left.entries.keys) == ["my-notes.txt", "figures", "figures/mine", "figures/mine/sketch.svg"], "\(left)")
        #expect(FolderSnapshot(project.paper) == paperBefore)
        #expect(run.stdout.contains("my-notes.txt"), "clean should say what it kept: \(run.stdout)")
    }

    @Test func cleanRemovesACompleteBuild() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let run = try project.run(["clean"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.build.path))
        #expect(FileManager.default.fileExists(atPath: project.paper.appendingPathComponent("index.md").path))
    }

    @Test func cleanIgnoresManifestEntriesOutsideTheBuild() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let victim = try Self.outsideFile(project, "victim.txt", Data("keep".utf8))
        let manifest = project.build.appendingPathComponent(".report-manifest")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text += "0000 ../outside/victim.txt\n0000 ../paper/index.md\n0000 /\(victim.path)\n"
        try Data(text.utf8).write(to: manifest)
        let run = try project.run(["clean"])
        #expect(!run.crashed)
        #expect(FileManager.default.fileExists(atPath: victim.path))
        #expect(FileManager.default.fileExists(atPath: project.paper.appendingPathComponent("index.md").path))
    }

    @Test func cleanDoesNotFollowASymlinkedFolderOutOfTheBuild() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // Someone replaced build/data by a link to a folder of their own that happens
        // to hold files with the names the manifest lists.
        let outside = project.root.appendingPathComponent("outside/data")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let figures = project.build.appendingPathComponent("data")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: figures.path)) ?? []
        #expect(!names.isEmpty, "the fixture build should have data files")
        for name in names { try Data("mine".utf8).write(to: outside.appendingPathComponent(name)) }
        try FileManager.default.removeItem(at: figures)
        try FileManager.default.createSymbolicLink(at: figures, withDestinationURL: outside)
        let run = try project.run(["clean"])
        #expect(!run.crashed)
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: outside.path)) ?? []
        #expect(Set(kept) == Set(names), "clean deleted files outside the build through a symlink")
    }

    @Test func cleanRefusesAFolderReportDidNotMake() throws {
        let project = try ScratchProject.make()
        defer { project.remove() }
        let foreign = project.root.appendingPathComponent("stuff")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("a.txt"))
        let run = try runReport(["clean", "--out", "stuff"], in: project.root)
        #expect(run.status == 1)
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("a.txt").path))
    }
}
