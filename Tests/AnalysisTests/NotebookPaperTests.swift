import Foundation
import Testing
@testable import Analysis
import NotebookInterface

/// The repository's paper against the real architectures: every value it quotes, every
/// table and figure it shows and every claim it makes evaluates, and each claim's
/// verdict is the one the page expects. Runs once the architectures are defined.
@Suite(.enabled(if: !Zoo.ids.isEmpty, "needs the network definitions"))
struct NotebookPaperTests {
    struct Directive { var kind: OfferKind; var name: String; var arguments: [String]; var options: [String: String]; var where_: String }

    static func pages() throws -> [(String, String)] {
        let folder = Fixture.repositoryPaper
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".md") }.sorted()
            .map { ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) }
    }

    /// Block directives: a fence "```{kind} name args", then ":key: value" lines.
    static func directives() throws -> [Directive] {
        var found: [Directive] = []
        for (file, text) in try pages() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (i, line) in lines.enumerated() where line.hasPrefix("```{") {
                // Kinds the notebook does not evaluate ({math}) are the builder's alone.
                guard let close = line.firstIndex(of: "}"),
                      let kind = OfferKind(rawValue: String(line[line.index(line.startIndex, offsetBy: 4)..<close])) else { continue }
                let words = line[line.index(after: close)...].split(separator: " ").map(String.init)
                var options: [String: String] = [:]
                for option in lines[(i + 1)...].prefix(while: { $0.hasPrefix(":") }) {
                    let parts = option.dropFirst().split(separator: ":", maxSplits: 1)
                    options[String(parts[0])] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                }
                found.append(Directive(kind: kind, name: words.first ?? "", arguments: Array(words.dropFirst()),
                                       options: options, where_: "\(file):\(i + 1)"))
            }
        }
        return found
    }

    static func valueKeys() throws -> [String] {
        var keys: [String] = []
        for (_, text) in try pages() {
            var rest = Substring(text)
            while let start = rest.range(of: "{value}`") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "`") else { break }
                keys.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return keys
    }

    let notebook = AnalysisNotebook(paperDirectory: URL(fileURLWithPath: Fixture.repositoryPaper), fingerprint: "test")

    @Test func everyQuotedValueIsOffered() throws {
        let offered = Set(try notebook.offers().filter { $0.kind == .value }.map(\.name))
        let keys = try Self.valueKeys()
        #expect(keys.count > 100)
        for key in keys {
            #expect(offered.contains(key), "\(key)")
        }
    }

    @Test func everyClaimHasTheVerdictThePageExpects() throws {
        let claims = try Self.directives().filter { $0.kind == .claim }
        #expect(claims.count >= 6)
        for d in claims {
            var options = d.options
            let expectFail = options.removeValue(forKey: "expect") == "fail"
            options.removeValue(forKey: "label")
            let result = try notebook.evaluate(Request(kind: .claim, name: d.name, arguments: d.arguments, options: options))
            guard case .claim(let claim) = result.output else { Issue.record("\(d.where_)"); continue }
            #expect(claim.holds != expectFail, "\(d.where_): \(claim.evidence)")
        }
    }

    @Test func everyTableAndFigureEvaluates() throws {
        for d in try Self.directives() where d.kind == .table || d.kind == .figure {
            var options = d.options
            for builderOption in ["label", "alt", "width"] { options.removeValue(forKey: builderOption) }
            if d.kind == .figure && !(FigureCatalog.offers + MeasuredFigures.offers).contains(where: { $0.name == d.name }) {
                Issue.record("\(d.where_): figure '\(d.name)' is not offered yet"); continue
            }
            _ = try notebook.evaluate(Request(kind: d.kind, name: d.name, arguments: d.arguments, options: options))
        }
    }

    @Test func everyOfferedValueEvaluates() throws {
        for offer in try notebook.offers() where offer.kind == .value {
            let result = try notebook.evaluate(Request(kind: .value, name: offer.name))
            guard case .value(let v) = result.output else { Issue.record("\(offer.name)"); continue }
            #expect(!v.text.isEmpty, "\(offer.name)")
        }
    }
}
