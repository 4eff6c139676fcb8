import Foundation
import NotebookInterface
import Testing
@testable import Report

/// The content-keyed cache: hits, misses and invalidation for each kind of input.
@Suite struct CacheTests {
    static let index = """
    ---
    title: Cache
    ---

    The answer is {value}`answer` and x is {value}`data.x`.

    ```{figure} bars
    :label: fig-bars
    :alt: Bars.
    :scale: log
    Bars.
    ```

    ```{claim} x-positive
    x is positive.
    ```
    """
    static let other = "---\ntitle: Other\norder: 2\n---\n\nAnother page; see @fig-bars.\n"

    func project() throws -> TempProject {
        try TempProject(pages: ["index.md": Self.index, "other.md": Self.other])
    }

    func log(_ report: BuildReport, containing text: String) -> [String] {
        report.log.map(\.description).filter { $0.contains(text) }
    }

    @Test func noOpRebuildComputesAndWritesNothing() async throws {
        let p = try project()
        defer { p.remove() }
        let first = try await p.build()
        #expect(first.computed == 4 && first.cached == 0)
        let before = p.snapshot()
        let notebook = FakeNotebook(folder: p.paper)
        let second = try await p.build(notebook)
        #expect(second.computed == 0 && second.cached == 4)
        #expect(!second.wrote)
        #expect(notebook.evaluations.isEmpty)
        #expect(p.snapshot() == before)
        #expect(log(second, containing: "inputs identical to the last build's: all 4 results cached").count == 1)
        // Past the shortcut (any edit to a page), every unchanged result is a cache hit.
        try p.write("index.md", Self.index + "\n")
        let third = try await p.build(notebook)
        #expect(third.computed == 0)
        #expect(notebook.evaluations.isEmpty)
        #expect(log(third, containing: "figure bars: cached").count == 1)
        let fourth = try await p.build(notebook)
        #expect(log(fourth, containing: "inputs identical").count == 1)
    }

    @Test func paragraphEditRewritesOnlyThatPage() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let before = p.snapshot()
        try p.write("other.md", Self.other + "\nA new paragraph.\n")
        let notebook = FakeNotebook(folder: p.paper)
        let report = try await p.build(notebook)
        #expect(notebook.evaluations.isEmpty)
        #expect(report.log.contains(.page(file: "other.md", changed: true, rendered: true)))
        #expect(report.log.contains(.page(file: "index.md", changed: false, rendered: false)))
        let after = p.snapshot()
        let changed = after.keys.filter { !$0.hasPrefix(".") && after[$0] != before[$0] }
        #expect(changed == ["other.html"])
    }

    @Test func optionEditRecomputesThatDirectiveOnly() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try p.write("index.md", Self.index.replacingOccurrences(of: ":scale: log", with: ":scale: linear"))
        let notebook = FakeNotebook(folder: p.paper)
        let report = try await p.build(notebook)
        #expect(notebook.evaluations.map(\.name) == ["bars"])
        #expect(log(report, containing: "figure bars: computed (not in cache)").count == 1)
    }

    @Test func dataEditRecomputesExactlyWhatReadIt() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        try p.write("data/x.txt", "5\n")
        let notebook = FakeNotebook(folder: p.paper)
        let report = try await p.build(notebook)
        #expect(Set(notebook.evaluations.map(\.name)) == ["bars", "data.x", "x-positive"])
        #expect(log(report, containing: "figure bars: computed (data/x.txt changed)").count == 1)
        let index = try p.read("index.html")
        #expect(index.contains("x is <span class=\"value\" title=\"data.x = 5.0\">5.0</span>"))
        #expect(index.contains("<li>x = 5.0</li>"))
        #expect(try p.read("data/fig-bars.csv") == "name,x\na,5.0\n")
        // A data edit that makes a claim false fails the build at the claim.
        try p.write("data/x.txt", "-1\n")
        let d = await p.failures()
        #expect(d == ["paper/index.md:14:1: error: claim 'x-positive' does not hold for the current data (x = -1.0)"])
    }

    @Test func analysisChangeRecomputesEverything() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let notebook = FakeNotebook(folder: p.paper, fingerprint: "fake-2")
        let report = try await p.build(notebook)
        #expect(report.computed == 4)
        #expect(log(report, containing: "computed (analysis changed)").count == 4)
    }

    @Test func corruptEntryIsRecomputed() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let entries = p.out.appendingPathComponent(".cache/entries")
        for name in try FileManager.default.contentsOfDirectory(atPath: entries.path) {
            let url = entries.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            try data.prefix(data.count / 2).write(to: url)   // truncated
        }
        try p.write("index.md", Self.index + "\nAn edit, so that the build looks at its cache.\n")
        let notebook = FakeNotebook(folder: p.paper)
        let report = try await p.build(notebook)
        #expect(report.computed == 4)
        #expect(log(report, containing: "computed (cache entry corrupt)").count == 4)
    }

    @Test func corruptObjectIsRecomputed() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let objects = p.out.appendingPathComponent(".cache/objects")
        for name in try FileManager.default.contentsOfDirectory(atPath: objects.path) {
            // Replace, not modify in place: output files are hard links to objects.
            let url = objects.appendingPathComponent(name)
            try FileManager.default.removeItem(at: url)
            try Data("garbage".utf8).write(to: url)
        }
        try p.write("index.md", Self.index + "\nAn edit, so that the build looks at its cache.\n")
        let report = try await p.build()
        #expect(log(report, containing: "figure bars: computed (cache object corrupt)").count == 1)
    }

    /// Objects a build wrote or hashed are stamped (size, time, inode) and not hashed
    /// again while the stamp holds; any rewrite or replacement is hashed and caught.
    @Test func stampedObjectsAreTrustedUntilTheirFileChanges() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let cache = p.out.appendingPathComponent(".cache")
        let objects = cache.appendingPathComponent("objects")
        let names = try FileManager.default.contentsOfDirectory(atPath: objects.path).sorted()
        #expect(names.count == 6)
        #expect(Set(ObjectStamps.read(cache: cache).keys) == Set(names), "every object written is stamped")
        // An edit build carries the stamps over with the objects.
        try p.write("index.md", Self.index + "\nEdit one.\n")
        var report = try await p.build()
        #expect(log(report, containing: "figure bars: cached").count == 1)
        #expect(Set(ObjectStamps.read(cache: cache).keys) == Set(names))

        // Rewritten in place with the same size (same inode, a new time): hashed, caught.
        let victim = objects.appendingPathComponent(names[0])
        let size = try Data(contentsOf: victim).count
        let handle = try FileHandle(forWritingTo: victim)
        try handle.write(contentsOf: Data(repeating: 0x41, count: size))
        try handle.close()
        try p.write("index.md", Self.index + "\nEdit two.\n")
        report = try await p.build()
        #expect(log(report, containing: "figure bars: computed (cache object corrupt)").count == 1)
        #expect(Set(ObjectStamps.read(cache: cache).keys) == Set(names), "the redrawn object is stamped again")
        // The published file was a hard link to the damaged object: it is written afresh.
        #expect(outputFolderProblems(p.out).isEmpty, "\(outputFolderProblems(p.out))")
        #expect(sha256Hex(try Data(contentsOf: victim)) == names[0])

        // A damaged stamp file is no stamp at all: every object is hashed, and the good
        // ones are still hits (and stamped again).
        try Data("not a stamp\n".utf8).write(to: cache.appendingPathComponent(ObjectStamps.fileName))
        #expect(ObjectStamps.read(cache: cache).isEmpty)
        try p.write("index.md", Self.index + "\nEdit three.\n")
        report = try await p.build()
        #expect(log(report, containing: "figure bars: cached").count == 1)
        #expect(Set(ObjectStamps.read(cache: cache).keys) == Set(names), "hashed objects are stamped")

        // What a stamp saves: an object whose content changed but whose size, time and
        // inode were forged back is not read (the limit the comment in ObjectStamps names).
        let stamp = try #require(FileStamp(path: victim.path))
        let forged = try FileHandle(forWritingTo: victim)
        try forged.write(contentsOf: Data(repeating: 0x42, count: size))
        try forged.close()
        var times = [timespec(tv_sec: Int(stamp.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(stamp.modifiedNanoseconds % 1_000_000_000)),
                     timespec(tv_sec: Int(stamp.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(stamp.modifiedNanoseconds % 1_000_000_000))]
        #expect(utimensat(AT_FDCWD, victim.path, &times, 0) == 0)
        #expect(FileStamp(path: victim.path) == stamp)
        try p.write("index.md", Self.index + "\nEdit four.\n")
        report = try await p.build()
        #expect(log(report, containing: "figure bars: cached").count == 1)
    }

    @Test func replacedFiguresDoNotPileUpButUndoneEditsHit() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let objects = p.out.appendingPathComponent(".cache/objects")
        let count = try FileManager.default.contentsOfDirectory(atPath: objects.path).count
        #expect(count == 6)   // one figure: SVG, PNG, PDF, and the dark, phone and dark phone SVGs
        for x in ["4", "5", "6"] {
            try p.write("data/x.txt", x + "\n")
            _ = try await p.build()
        }
        // Each data edit replaced the figure's entry; its old files went with it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: objects.path).count == 6)
        // An option edit and its undo: the first entry is kept, so undoing is a hit.
        try p.write("index.md", Self.index.replacingOccurrences(of: ":scale: log", with: ":scale: linear"))
        _ = try await p.build()
        // Both variants' files are kept (the fake draws identical PNGs for both, so 5 or 6).
        #expect(try FileManager.default.contentsOfDirectory(atPath: objects.path).count > 3)
        try p.write("index.md", Self.index)
        let notebook = FakeNotebook(folder: p.paper)
        _ = try await p.build(notebook)
        #expect(notebook.evaluations.isEmpty)
    }

    @Test func noCacheRecomputesEverything() async throws {
        let p = try project()
        defer { p.remove() }
        _ = try await p.build()
        let notebook = FakeNotebook(folder: p.paper)
        let report = try await p.build(notebook, cache: false)
        #expect(report.computed == 4)
        #expect(notebook.evaluations.count == 4)
    }

    /// A result's cache key tells every two requests apart, whatever their strings hold,
    /// and does not depend on the order options were written in.
    @Test func cacheKeysTellRequestsApart() {
        let requests = [
            Request(kind: .figure, name: "ab"),
            Request(kind: .figure, name: "a", arguments: ["b"]),
            Request(kind: .figure, name: "a", arguments: ["b", ""]),
            Request(kind: .figure, name: "a", arguments: ["", "b"]),
            Request(kind: .table, name: "ab"),
            Request(kind: .figure, name: "ab", options: ["x": "1"]),
            Request(kind: .figure, name: "ab", options: ["x": "1:2"]),
            Request(kind: .figure, name: "ab", options: ["x:1": "2"]),
            Request(kind: .figure, name: "ab", options: ["x": "1", "y": "2"]),
            Request(kind: .figure, name: "ab", options: ["x": "12"]),
            Request(kind: .figure, name: "1:a", arguments: []),
            Request(kind: .figure, name: "a", arguments: ["1;"]),
        ]
        let keys = requests.map(ResultCache.key)
        #expect(Set(keys).count == requests.count)
        #expect(keys.allSatisfy { $0.count == 64 })
        let reordered = Request(kind: .figure, name: "ab", options: Dictionary(uniqueKeysWithValues: [("y", "2"), ("x", "1")]))
        #expect(ResultCache.key(reordered) == keys[8])
    }
}
