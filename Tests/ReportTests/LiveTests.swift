import Foundation
import Testing
@testable import Report

@Suite("Live: file watcher and rebuild loop")
struct LiveTests {
    /// Collects the watcher's bursts in the background.
    actor Bursts {
        private(set) var all: [Set<String>] = []
        func add(_ burst: Set<String>) { all.append(burst) }
        var union: Set<String> { all.reduce(into: []) { $0.formUnion($1) } }
    }

    private func watch(_ folder: URL, debounce: Duration = .milliseconds(100)) throws -> (Bursts, Task<Void, Never>) {
        let stream = try FileWatcher(root: folder, debounce: debounce).changes()
        let bursts = Bursts()
        let task = Task { for await burst in stream { await bursts.add(burst) } }
        return (bursts, task)
    }

    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("data"), withIntermediateDirectories: true)
        return url
    }

    @Test func aBurstOfSavesIsReportedOnceAndEditorFilesAreIgnored() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (bursts, task) = try watch(folder, debounce: .milliseconds(300))
        defer { task.cancel() }

        // What vim and emacs write around a save, then the saves themselves.
        for name in [".index.md.swp", "index.md~", "4913", ".#index.md"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
        }
        try Data("a".utf8).write(to: folder.appendingPathComponent("index.md"))
        try Data("1".utf8).write(to: folder.appendingPathComponent("data/x.csv"))
        try Data("b".utf8).write(to: folder.appendingPathComponent("index.md"))

        try await eventually(5, "a burst") { await !bursts.all.isEmpty }
        // A marker written after the first burst arrived ends the observation: every
        // burst before the marker's belongs to the saves above (no waiting on a clock).
        try Data("m".utf8).write(to: folder.appendingPathComponent("marker.md"))
        try await eventually(5, "the marker") { await bursts.union.contains("marker.md") }
        let all = await bursts.all
        #expect(all == [["index.md", "data/x.csv"], ["marker.md"]])
    }

    @Test func filesInANewFolderAreWatched() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (bursts, task) = try watch(folder, debounce: .milliseconds(50))
        defer { task.cancel() }

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("images/new"), withIntermediateDirectories: true)
        try await eventually(5, "the new folder") { await bursts.union.contains("images") }
        // A file written later, in the folder created above, is seen too. The watcher
        // adds the new folder's watch when it reads the folder's creation, before the
        // burst naming it is reported, so no wait is needed here.
        try Data("png".utf8).write(to: folder.appendingPathComponent("images/new/logo.png"))
        try await eventually(5, "the file in the new folder") { await bursts.union.contains("images/new/logo.png") }
    }

    @Test func renamingOverAFileIsAChange() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("old".utf8).write(to: folder.appendingPathComponent("index.md"))
        let (bursts, task) = try watch(folder, debounce: .milliseconds(50))
        defer { task.cancel() }

        // Editors that save atomically write a temporary file and rename it.
        try Data("new".utf8).write(to: folder.appendingPathComponent(".index.md.tmp"))
        #expect(rename(folder.appendingPathComponent(".index.md.tmp").path, folder.appendingPathComponent("index.md").path) == 0)
        try await eventually(5, "the rename") { await bursts.union.contains("index.md") }
        #expect(!(await bursts.union).contains(".index.md.tmp"))
    }

    @Test func ignoredNames() {
        for name in [".index.md.swp", ".index.md.swx", "index.md~", "4913", ".#index.md", ".git"] {
            #expect(FileWatcher.isIgnored(Substring(name)), "\(name)")
        }
        for name in ["index.md", "networks.csv", "references.bib", "4913.csv"] {
            #expect(!FileWatcher.isIgnored(Substring(name)), "\(name)")
        }
        #expect(FileWatcher.isIgnored(path: ".git/index"))
        #expect(!FileWatcher.isIgnored(path: "data/networks.csv"))
    }

    @Test func rebuildsAfterAChangeAndKeepsTheLastGoodBuildOnFailure() async throws {
        let project = try liveProject()
        defer { project.remove() }
        let paper = project.paper
        let loop = RebuildLoop(options: project.options(), debounce: .milliseconds(50)) { FakeNotebook(folder: paper) }
        let recorder = BuildRecorder()
        let task = Task { try await loop.run { await recorder.record($0) } }
        defer { task.cancel() }

        let first = try await recorder.wait(for: 1)
        #expect(first.succeeded)
        #expect(first.changed.isEmpty)
        #expect(valueShown(in: try project.read("index.html")) == "3.0")

        // A data edit: the value and the figure that read the file are recomputed.
        try project.write("data/x.txt", "7\n")
        let second = try await recorder.wait(for: 2)
        guard case .built(let report) = second.outcome else {
            Issue.record("the rebuild failed: \(second.outcome)")
            return
        }
        #expect(second.changed == ["data/x.txt"])
        #expect(report.wrote)
        #expect(report.computed == 2)
        #expect(valueShown(in: try project.read("index.html")) == "7.0")
        let figure = try project.read("data/fig-bars.csv")
        #expect(figure.contains("a,7.0"))

        // A broken data file: the build fails with a located diagnostic and the
        // output folder keeps the last good build.
        let before = project.snapshot()
        try project.write("data/x.txt", "seven\n")
        let third = try await recorder.wait(for: 3)
        guard case .failed(let diagnostics) = third.outcome else {
            Issue.record("a build with a broken data file succeeded")
            return
        }
        #expect(diagnostics.map { $0.formatted(root: "paper") }.contains { $0.hasPrefix("paper/data/x.txt:1:") && $0.contains("not a number") })
        #expect(project.snapshot() == before)

        // Fixed again: the next build succeeds.
        try project.write("data/x.txt", "8\n")
        let fourth = try await recorder.wait(for: 4)
        #expect(fourth.succeeded)
        #expect(valueShown(in: try project.read("index.html")) == "8.0")
        #expect(fourth.number == 4)
    }

    @Test func aPageEditRebuildsWithoutRecomputing() async throws {
        let project = try liveProject()
        defer { project.remove() }
        let paper = project.paper
        let loop = RebuildLoop(options: project.options(), debounce: .milliseconds(50)) { FakeNotebook(folder: paper) }
        let recorder = BuildRecorder()
        let task = Task { try await loop.run { await recorder.record($0) } }
        defer { task.cancel() }
        _ = try await recorder.wait(for: 1)

        try project.write("index.md", page("# Live\n\nNew prose. The value is {value}`data.x`.\n", title: "Live paper"))
        let second = try await recorder.wait(for: 2)
        guard case .built(let report) = second.outcome else {
            Issue.record("the rebuild failed")
            return
        }
        #expect(second.changed == ["index.md"])
        #expect(report.computed == 0)
        #expect(try project.read("index.html").contains("New prose."))
        #expect(valueShown(in: try project.read("index.html")) == "3.0")
    }
}
