import Foundation
import Testing

// The built paper opened in a real browser (headless Chromium, driven over the DevTools
// protocol by `scripts/browser-check`). `make test` installs chromium; where it is
// missing these tests are skipped and say so.

enum Browser {
    static let available: Bool = ["chromium", "chromium-browser", "google-chrome"].contains { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
    static let script = ReliabilityPaths.repository.appendingPathComponent("scripts/browser-check")
    /// Screenshots for a person to look at; beside the build products, not in `build/`,
    /// which holds only what `report build` wrote.
    static let screenshots = ReliabilityPaths.repository.appendingPathComponent(".build/screenshots")

    /// Runs the check on `site`; returns its exit status and everything it printed.
    static func check(_ site: URL, screenshots: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, site.path, screenshots.path]
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("browser-check-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < 240 { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}

@Suite("Browser: the paper in headless Chromium", .enabled(if: Browser.available, "chromium is not installed (apt-get install chromium); browser checks skipped"))
struct BrowserCheckTests {
    /// The repository's own paper, built with the real analysis into a scratch folder.
    @Test func thePaperHasNoConsoleErrorsBrokenImagesOrLinksAndFitsAPhone() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let paper = ReliabilityPaths.repository.appendingPathComponent("paper")
        let run = try runReport(["build", "--paper", paper.path, "--out", site.path], in: root, timeout: 300)
        #expect(run.status == 0, "the paper does not build: \(run.stderr.prefix(3000))")
        guard run.status == 0 else { return }
        let result = try Browser.check(site, screenshots: Browser.screenshots)
        #expect(result.status == 0, "\(result.output)")
        let shots = (try? FileManager.default.contentsOfDirectory(atPath: Browser.screenshots.path)) ?? []
        #expect(shots.contains("index-1280.png") && shots.contains("index-390.png"), "screenshots: \(shots)")
    }

    /// The check itself finds what it is meant to find, on a site broken on purpose.
    @Test func theCheckCatchesEachKindOfProblem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-browser-\(UUID().uuidString)")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let good = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>Good</title></head>
        <body><h1 id="top">Good</h1><p><a href="#top">top</a> <a href="bad.html#here">there</a></p></body></html>
        """
        let bad = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>Bad</title></head>
        <body><h1 id="here">Bad</h1>
        <img src="missing.png" alt="missing">
        <p><a href="#nowhere">dangling anchor</a> <a href="gone.html">missing page</a> <a href="index.html#absent">missing anchor</a></p>
        <div style="width: 900px">too wide for a phone</div>
        <script>console.error("broken on purpose");</script>
        </body></html>
        """
        try Data(good.utf8).write(to: site.appendingPathComponent("index.html"))
        try Data(bad.utf8).write(to: site.appendingPathComponent("bad.html"))
        let result = try Browser.check(site, screenshots: root.appendingPathComponent("shots"))
        #expect(result.status == 1, "\(result.output)")
        for expected in ["console error: broken on purpose", "image 'missing.png' did not load", "'#nowhere' points to a missing anchor",
                         "'gone.html' points to a missing file", "'index.html#absent' points to a missing anchor",
                         "bad.html: scrolls sideways at 390 px"] {
            #expect(result.output.contains(expected), "missing '\(expected)' in:\n\(result.output)")
        }
        #expect(!result.output.contains("index.html: scrolls sideways"), "\(result.output)")
        #expect(!result.output.contains("'bad.html#here'"), "a good link was reported: \(result.output)")
    }
}
