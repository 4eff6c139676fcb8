import Foundation
import Testing
import TestSupport
@testable import Report

// Interruption and concurrency: a build killed at any moment leaves the previous output
// folder complete, and two builds at once never mix their files.

/// Problems with an output folder: every file the manifest lists exists with its digest,
/// nothing else is there (besides the cache), and every page is a whole HTML document.
func outputFolderProblems(_ build: URL) -> [String] {
    let fm = FileManager.default
    guard let text = try? String(contentsOf: build.appendingPathComponent(".report-manifest"), encoding: .utf8) else {
        return ["no readable .report-manifest"]
    }
    var problems: [String] = []
    var listed: Set<String> = []
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { problems.append("malformed manifest line '\(line)'"); continue }
        listed.insert(parts[1])
        guard let data = fm.contents(atPath: build.appendingPathComponent(parts[1]).path) else {
            problems.append("\(parts[1]) is listed but missing")
            continue
        }
        if sha256Hex(data) != parts[0] { problems.append("\(parts[1]) does not match its digest") }
        if parts[1].hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            problems += htmlDocumentProblems(html, page: parts[1])
        }
    }
    let snapshot = FolderSnapshot(build)
    for (path, entry) in snapshot.entries where entry.kind == "file" {
        if path == ".report-manifest" || path.hasPrefix(".cache/") || listed.contains(path) { continue }
        problems.append("\(path) is in the folder but not in the manifest")
    }
    if !listed.contains("index.html") { problems.append("no index.html") }
    return problems
}

/// A page that parses as a whole document: it starts with the doctype, ends with
/// `</html>`, and its structural elements open and close in balance.
func htmlDocumentProblems(_ html: String, page: String) -> [String] {
    var problems: [String] = []
    if !html.hasPrefix("<!DOCTYPE html>") { problems.append("\(page) does not start with the doctype") }
    if !html.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</html>") { problems.append("\(page) is cut short") }
    var stack: [String] = []
    let structural: Set<String> = ["html", "head", "body", "header", "main", "article", "section", "nav", "footer",
                                   "figure", "figcaption", "table", "thead", "tbody", "tr", "div", "ol", "ul", "details"]
    for tag in htmlTags(html) where structural.contains(tag.name) {
        if !tag.closing { stack.append(tag.name); continue }
        guard stack.last == tag.name else {
            problems.append("\(page): </\(tag.name)> does not close <\(stack.last ?? "nothing")>")
            break
        }
        stack.removeLast()
    }
    if !stack.isEmpty { problems.append("\(page): unclosed \(stack)") }
    return problems
}

/// `report build` started as a child process that the test may kill.
final class ChildBuild {
    let process = Process()
    let stderr: URL

    init(_ project: ScratchProject, arguments: [String] = ["build"]) throws {
        process.executableURL = try ReportExecutable.require()
        process.arguments = arguments
        process.currentDirectoryURL = project.root
        stderr = FileManager.default.temporaryDirectory.appendingPathComponent("report-child-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: stderr)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Waits at most `timeout` seconds, then kills; returns the exit status (negative
    /// for a signal) and stderr.
    func wait(timeout: Double = 120) -> (status: Int32, stderr: String) {
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < timeout * Slowdown.factor { usleep(2_000) }
        if process.isRunning { kill() }
        process.waitUntilExit()
        let text = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: stderr)
        let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        return (status, text)
    }
}

@Suite("Interruption: SIGKILL at any moment, and builds racing for one output folder", .serialized)
struct InterruptTests {
    /// A page that differs by `version` in its text and in which directives it holds, so
    /// that every build really writes (a figure too, so there are images to write).
    static func page(version: Int) -> String {
        var text = ScratchProject.goodPage + "\nVersion marker \(version).\n"
        if version % 2 == 0 {
            text += "\n```{figure} \(InjectionTests.figureName)\n:label: fig-v\n:alt: A chart.\nVersion \(version).\n```\n"
        }
        return text
    }

    /// The version marker of the built index.html.
    static func builtVersion(_ project: ScratchProject) -> Int? {
        guard let html = try? String(contentsOf: project.build.appendingPathComponent("index.html"), encoding: .utf8),
              let range = html.range(of: "Version marker ") else { return nil }
        return Int(html[range.upperBound...].prefix { $0.isNumber })
    }

    @Test func sigkillAtRandomMomentsLeavesACompleteFolder() throws {
        let project = try ScratchProject.make(page: Self.page(version: 0))
        defer { project.remove() }
        // Time an uninterrupted build (no cache, so every build does all its work).
        // Even versions draw a figure and take longer: time both kinds.
        var run = try project.run(["build", "--no-cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let withFigure = max(run.seconds, 0.05)
        try project.write("index.md", Self.page(version: 1))
        run = try project.run(["build", "--no-cache"])
        #expect(run.status == 0, "\(run.stderr)")
        let withoutFigure = max(run.seconds, 0.05)
        let duration = max(withFigure, withoutFigure)
        // Seeded, and the seed printed, so that a failing sequence of kills can be replayed
        // with REPORT_TEST_SEED.
        let seed = ProcessInfo.processInfo.environment["REPORT_TEST_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        print("interruption: seed \(seed) (REPORT_TEST_SEED=\(seed) replays it)")
        var completed = 1, killed = 0, killedWhileWriting = 0
        var lastBuilt = 1
        // How long each kind of build takes (with or without a figure, with or without the
        // cache). Calibrated once, then narrowed whenever a build finishes before its kill:
        // a cached build is much faster than the uncached one timed above, and a build timed
        // while the machine was busy is slower than later ones, so fixed delays aimed at
        // the first timing let most builds finish first (9 of 50 kills landed once in CI).
        var expected: [String: Double] = [:]
        func kind(_ version: Int, cached: Bool) -> String { "\(version % 2 == 0 ? "figure" : "text")-\(cached)" }
        for version in [0, 1] {
            expected[kind(version, cached: false)] = version % 2 == 0 ? withFigure : withoutFigure
            expected[kind(version, cached: true)] = version % 2 == 0 ? withFigure : withoutFigure
        }
        let start = Date()
        var round = 0
        // At least 50 rounds; more (up to 150) until enough kills have landed, so that the
        // count below tests the folder's safety, not the machine's speed.
        while round < 50 || (killed < 20 && round < 150) {
            defer { round += 1 }
            let version = round + 2
            try project.write("index.md", Self.page(version: version))
            // Half the rounds reuse the cache, which makes the write phase a larger part
            // of the build; the delay spans the whole build and a little beyond.
            let cached = round % 2 == 1
            let arguments = cached ? ["build"] : ["build", "--no-cache"]
            let unfinishedBefore = Self.spareUnfinished(project)
            let child = try ChildBuild(project, arguments: arguments)
            // Writing comes last: half the kills aim at the end of the build.
            let estimate = expected[kind(version, cached: cached)]!
            let fraction = round % 4 < 2 ? Double.random(in: 0...1.1, using: &generator)
                                         : Double.random(in: 0.6...1.1, using: &generator)
            let delay = fraction * estimate
            usleep(UInt32(delay * 1_000_000))
            child.kill()
            let (status, stderr) = child.wait()
            if status == 0 {
                completed += 1
                // It finished within `delay`: the estimate was too long.
                if fraction < 1 { expected[kind(version, cached: cached)] = max(delay, 0.005) }
            } else { killed += 1 }
            // A staging folder left behind, or a spare without its manifest (removed
            // before the spare is brought up to date), means the kill came while the
            // build wrote.
            let fm = FileManager.default
            let staging = fm.fileExists(atPath: project.root.appendingPathComponent(".build.tmp-\(child.process.processIdentifier)").path)
            let unfinished = Self.spareUnfinished(project)
            if status != 0, staging || (unfinished && !unfinishedBefore) { killedWhileWriting += 1 }
            #expect(status == 0 || status == -SIGKILL, "seed \(seed), round \(round): status \(status) \(stderr)")
            let problems = outputFolderProblems(project.build)
            #expect(problems.isEmpty, "seed \(seed), round \(round) (killed after a random delay): \(problems.prefix(5))")
            // The folder is either the previous build or this one, never a mixture.
            let built = Self.builtVersion(project)
            #expect(built == lastBuilt || built == version, "round \(round): built version \(String(describing: built))")
            if let built { lastBuilt = built }
            if !problems.isEmpty { break }
        }
        #expect(Date().timeIntervalSince(start) < 150 * Slowdown.factor, "the test took too long")
        // Killing must actually have happened at various points, not only before or after.
        #expect(killed >= 10, "seed \(seed): only \(killed) of \(round) builds were killed (a build takes \(duration) s)")
        // The next build cleans up what the killed ones left and succeeds.
        try project.write("index.md", Self.page(version: 1000))
        run = try project.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(outputFolderProblems(project.build).isEmpty)
        #expect(Self.builtVersion(project) == 1000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
            .filter { $0.hasPrefix(".build.tmp-") || $0.hasPrefix(".build.old-") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
        print("interruption: \(killed) of \(round) builds killed (\(killedWhileWriting) while writing the new folder), \(completed - 1) finished first; a build takes \(String(format: "%.2f", withoutFigure))–\(String(format: "%.2f", withFigure)) s")
    }

    /// Whether the spare output folder lacks its manifest: a build was stopped while it
    /// brought the spare up to date (a build that starts on a spare removes it first).
    static func spareUnfinished(_ project: ScratchProject) -> Bool {
        let spare = project.root.appendingPathComponent(".build.spare")
        return FileManager.default.fileExists(atPath: spare.path)
            && !FileManager.default.fileExists(atPath: spare.appendingPathComponent(".report-manifest").path)
    }

    @Test func twoBuildsAtOnceNeverMixTheirFiles() throws {
        let project = try ScratchProject.make(page: Self.page(version: 0))
        defer { project.remove() }
        for round in 0..<6 {
            // Two paper folders that differ, built into the same output folder at once.
            let other = project.root.appendingPathComponent("paper-b")
            try? FileManager.default.removeItem(at: other)
            try FileManager.default.copyItem(at: project.paper, to: other)
            try project.write("index.md", Self.page(version: 2 * round + 10))
            try Data(Self.page(version: 2 * round + 11).utf8).write(to: other.appendingPathComponent("index.md"))
            let a = try ChildBuild(project, arguments: ["build", "--no-cache"])
            let b = try ChildBuild(project, arguments: ["build", "--no-cache", "--paper", "paper-b"])
            let ra = a.wait(), rb = b.wait()
            #expect(ra.status == 0, "round \(round) A: \(ra.stderr)")
            #expect(rb.status == 0, "round \(round) B: \(rb.stderr)")
            let problems = outputFolderProblems(project.build)
            #expect(problems.isEmpty, "round \(round): \(problems.prefix(5))")
            let built = Self.builtVersion(project)
            #expect(built == 2 * round + 10 || built == 2 * round + 11, "round \(round): \(String(describing: built))")
            // The figure belongs to the even version only: its presence must agree.
            let hasFigure = FileManager.default.fileExists(atPath: project.build.appendingPathComponent("figures/fig-v.png").path)
            #expect(hasFigure == (built.map { $0 % 2 == 0 } ?? false), "round \(round): files of both builds are mixed")
        }
    }

    /// Builds evaluate in parallel and take the lock only to write, so two racing builds
    /// rarely meet at it; hold it here to see that a build really waits.
    @Test func aBuildWaitsWhileAnotherHoldsTheLock() throws {
        let project = try ScratchProject.make(page: Self.page(version: 3))
        defer { project.remove() }
        let fd = open(project.root.appendingPathComponent(".build.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        #expect(flock(fd, LOCK_EX) == 0)
        let child = try ChildBuild(project)
        var waiting = false
        let start = Date()
        while !waiting, Date().timeIntervalSince(start) < 60, child.process.isRunning {
            waiting = ((try? String(contentsOf: child.stderr, encoding: .utf8)) ?? "").contains("waiting for another build")
            usleep(20_000)
        }
        #expect(waiting, "the build did not say it was waiting for the lock")
        // It said so; now see the kernel queue it behind our lock (/proc/locks lists a
        // blocked request with "->"), so the checks below run while it really waits.
        var queued = false
        while !queued, Date().timeIntervalSince(start) < 60, child.process.isRunning {
            queued = Self.holdsLock(pid: child.process.processIdentifier, on: project.root.appendingPathComponent(".build.lock"),
                                    waiting: true)
            if !queued { usleep(500) }
        }
        #expect(queued, "never saw the build queued behind the lock")
        #expect(child.process.isRunning, "the build finished while the lock was held")
        #expect(!FileManager.default.fileExists(atPath: project.build.path), "the build wrote while the lock was held")
        flock(fd, LOCK_UN)
        close(fd)
        let result = child.wait(timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(outputFolderProblems(project.build).isEmpty)
    }

    /// The kill lands while the build really holds the output folder's lock: the test
    /// watches /proc/locks for the child's lock (no timing guess) and kills it the moment
    /// it appears. A large image makes the locked write long enough to be seen.
    @Test func aBuildKilledWhileHoldingTheLockDoesNotBlockTheNext() throws {
        let project = try ScratchProject.make(page: Self.page(version: 2) + "\n![big](big.bin)\n")
        defer { project.remove() }
        try Data(count: 64 << 20).write(to: project.paper.appendingPathComponent("big.bin"))
        let lockFile = project.root.appendingPathComponent(".build.lock")
        let first = try ChildBuild(project, arguments: ["build", "--no-cache"])
        var held = false
        let start = Date()
        while !held, first.process.isRunning, Date().timeIntervalSince(start) < 120 {
            held = Self.holdsLock(pid: first.process.processIdentifier, on: lockFile)
            if !held { usleep(500) }
        }
        first.kill()
        let (status, _) = first.wait()
        #expect(held, "never saw the build hold the lock")
        #expect(status == -SIGKILL, "the build ended (\(status)) before it was killed")
        let run = try project.run(timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(outputFolderProblems(project.build).isEmpty)
    }

    /// The kill lands while the build brings the spare folder up to date (it writes a
    /// large changed image into the spare, long enough to be seen): the live folder stays the
    /// last build's, whole, and the next build, finding the spare unfinished, starts
    /// afresh and writes a complete folder.
    @Test func aBuildKilledWhileUpdatingTheSpareLeavesTheFolderWhole() throws {
        let project = try ScratchProject.make(page: Self.page(version: 1) + "\n![big](big.bin)\n")
        defer { project.remove() }
        let big = project.paper.appendingPathComponent("big.bin")
        try Data(count: 64 << 20).write(to: big)
        var run = try project.run()
        #expect(run.status == 0, "\(run.stderr)")
        try project.write("index.md", Self.page(version: 3) + "\n![big](big.bin)\n")
        run = try project.run()   // replaces the first folder, which becomes the spare
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".build.spare/.report-manifest").path))
        var image = Data(count: 64 << 20)
        image[0] = 1
        try image.write(to: big)
        try project.write("index.md", Self.page(version: 5) + "\n![big](big.bin)\n")
        // The event: the spare's manifest is gone, the first thing a build does to it.
        let child = try ChildBuild(project)
        var updating = false
        let start = Date()
        while !updating, child.process.isRunning, Date().timeIntervalSince(start) < 120 {
            updating = Self.spareUnfinished(project)
            if !updating { usleep(100) }
        }
        child.kill()
        let (status, _) = child.wait()
        #expect(updating, "never saw the build start on the spare")
        #expect(status == -SIGKILL, "the build ended (\(status)) before it was killed")
        #expect(outputFolderProblems(project.build).isEmpty)
        #expect(Self.builtVersion(project) == 3, "the live folder changed under a killed build")
        run = try project.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(outputFolderProblems(project.build).isEmpty)
        #expect(Self.builtVersion(project) == 5)
        #expect(FileManager.default.contents(atPath: project.build.appendingPathComponent("big.bin").path) == image)
    }

    /// Whether /proc/locks lists a lock of process `pid` on `file` (by inode).
    /// Whether `pid` holds a lock on `file` (or, with `waiting`, is queued for one).
    static func holdsLock(pid: Int32, on file: URL, waiting: Bool = false) -> Bool {
        var info = stat()
        guard stat(file.path, &info) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else {
            return false
        }
        // "1: FLOCK  ADVISORY  WRITE 1234 00:2a:5678 0 EOF": pid, then major:minor:inode;
        // a blocked request is listed under the lock it waits for as "1: -> FLOCK …".
        return locks.split(separator: "\n").contains { line in
            var fields = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst()
            guard (fields.first == "->") == waiting else { return false }
            if waiting { fields = fields.dropFirst() }
            let rest = Array(fields)
            guard rest.count > 4, rest[3] == "\(pid)" else { return false }
            return rest[4].split(separator: ":").last == "\(info.st_ino)"
        }
    }
}

@Test func seededGeneratorMatchesSplitMix64() {
    // The first outputs for seed 0 of the reference implementation (splitmix64.c).
    var generator = SeededGenerator(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
    #expect((0..<10).map { _ in a.next() } == (0..<10).map { _ in b.next() })
}
