import Foundation
import Testing

// The paper printed: every page of the real paper through headless Chromium's
// `--print-to-pdf`, read back with `pdftotext`. A printed table must keep every column,
// claims must print their evidence, and no page may hold nothing but the footer.
// `make test` installs chromium and poppler-utils; without them the suite is skipped.

enum Printing {
    static func executable(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }
    static let chromium = executable(["chromium", "chromium-browser", "google-chrome"])
    static let pdftotext = executable(["pdftotext"])
    static let available = chromium != nil && pdftotext != nil

    /// Runs a tool to completion (or kills it after `timeout` seconds); its exit status.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], timeout: Double = 120) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let start = Date()
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout { kill(process.processIdentifier, SIGKILL); break }
            usleep(20_000)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The page printed to PDF, as text: one string per printed page.
    static func printedPages(_ html: URL, scratch: URL) throws -> [String] {
        let pdf = scratch.appendingPathComponent(html.deletingPathExtension().lastPathComponent + ".pdf")
        let profile = scratch.appendingPathComponent("profile-\(UUID().uuidString)")
        try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString], timeout: 180)
        let text = scratch.appendingPathComponent(html.deletingPathExtension().lastPathComponent + ".txt")
        let status = try run(pdftotext!, ["-enc", "UTF-8", pdf.path, text.path])
        guard status == 0, let all = try? String(contentsOf: text, encoding: .utf8) else { return [] }
        var pages = all.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}

/// Whitespace runs as one space, so that wrapped text still matches.
func normalizedText(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace || $0 == "\u{2009}" || $0 == "\u{00A0}" }).joined(separator: " ")
}

/// Text without whitespace or hyphens: pdftotext joins a word hyphenated at a line end
/// ("MobileNetV3-" / "Large" becomes "MobileNetV3Large"), and a wrapped line can fall
/// anywhere. What is compared is still every letter, digit and sign, in order.
func compactText(_ s: String) -> String {
    String(s.unicodeScalars.filter { !$0.properties.isWhitespace && !"-\u{2010}\u{2011}\u{00AD}".unicodeScalars.contains($0) }
        .map(Character.init))
}

/// The text of every `<th>` in the `<thead>` of each table of a page, entities decoded.
func tableHeaders(_ html: String) -> [[String]] {
    var tables: [[String]] = []
    var rest = html[...]
    while let head = rest.range(of: "<thead>"), let end = rest.range(of: "</thead>", range: head.upperBound..<rest.endIndex) {
        var headers: [String] = []
        var cells = rest[head.upperBound..<end.lowerBound]
        while let open = cells.range(of: "<th"), let gt = cells.range(of: ">", range: open.upperBound..<cells.endIndex),
              let close = cells.range(of: "</th>", range: gt.upperBound..<cells.endIndex) {
            headers.append(printDecodedText(String(cells[gt.upperBound..<close.lowerBound])))
            cells = cells[close.upperBound...]
        }
        tables.append(headers)
        rest = rest[end.upperBound...]
    }
    return tables
}

/// The items of every claim's evidence list.
func evidenceItems(_ html: String) -> [String] {
    var items: [String] = []
    var rest = html[...]
    while let list = rest.range(of: "<details class=\"evidence\">"), let end = rest.range(of: "</details>", range: list.upperBound..<rest.endIndex) {
        var block = rest[list.upperBound..<end.lowerBound]
        while let li = block.range(of: "<li>"), let close = block.range(of: "</li>", range: li.upperBound..<block.endIndex) {
            items.append(printDecodedText(String(block[li.upperBound..<close.lowerBound])))
            block = block[close.upperBound...]
        }
        rest = rest[end.upperBound...]
    }
    return items
}

private func printDecodedText(_ s: String) -> String {
    var out = "", inTag = false
    for c in s {
        if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
    }
    return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}

@Suite("Print: the paper on paper", .serialized,
       .enabled(if: Printing.available, "chromium or pdftotext is not installed (apt-get install chromium poppler-utils); print checks skipped"))
struct PrintTests {
    @Test func everyPrintedPageKeepsEveryTableColumnTheEvidenceAndNoFooterOnlyPage() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("report-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let paper = ReliabilityPaths.repository.appendingPathComponent("paper")
        let build = try runReport(["build", "--paper", paper.path, "--out", site.path], in: root, timeout: 300)
        #expect(build.status == 0, "the paper does not build: \(build.stderr.prefix(3000))")
        guard build.status == 0 else { return }
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 2)
        var tablesSeen = 0, evidenceSeen = 0
        for name in pages {
            let html = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            let printed = try Printing.printedPages(site.appendingPathComponent(name), scratch: root)
            #expect(!printed.isEmpty, "\(name) did not print")
            let text = compactText(printed.joined(separator: " "))
            for (i, headers) in tableHeaders(html).enumerated() {
                tablesSeen += 1
                for header in headers {
                    #expect(text.contains(compactText(header)), "\(name): table \(i + 1) lost its column '\(header)' in print")
                }
            }
            for item in evidenceItems(html) {
                evidenceSeen += 1
                #expect(text.contains(compactText(item)), "\(name): a claim's evidence does not print: '\(item)'")
            }
            // A page whose only text is the provenance footer is a wasted sheet.
            for (n, page) in printed.enumerated() {
                let t = normalizedText(page)
                #expect(!(t.isEmpty || t.hasPrefix("Inputs last changed") || t.hasPrefix("Input digest")),
                        "\(name): printed page \(n + 1) of \(printed.count) holds only '\(t.prefix(80))'")
            }
        }
        // The paper has tables and claims: the checks above ran on something.
        #expect(tablesSeen >= 3)
        #expect(evidenceSeen >= 3)
    }

    @Test func headerAndEvidenceExtractionFindWhatTheyShould() {
        let html = """
        <table><thead><tr><th scope="col" rowspan="2">Network</th><th class="colgroup" colspan="2">Params [M]</th></tr>
        <tr><th class="num">2016</th><th class="num">Δ [%]</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>
        <details class="evidence"><summary>✓</summary><ul><li>A: 1 &gt; B: 0</li><li>C</li></ul></details>
        """
        #expect(tableHeaders(html) == [["Network", "Params [M]", "2016", "Δ [%]"]])
        #expect(evidenceItems(html) == ["A: 1 > B: 0", "C"])
        #expect(normalizedText("Params\n [M]") == "Params [M]")
        #expect(compactText("MobileNetV3-\nLarge (74.04 %)") == compactText("MobileNetV3Large (74.04\u{00A0}%)"))
    }
}
