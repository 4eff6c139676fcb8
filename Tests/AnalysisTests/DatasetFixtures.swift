// A paper folder written to a temporary directory, with architectures made up from the
// 2016 figures' own numbers (and plausible ones for the 2018 networks). The loader, the
// values, tables and claims can then be tested without depending on the network
// definitions, and a test can edit one cell and watch a claim turn.

import Foundation
import Synchronization
@testable import Analysis
import NotebookInterface

enum Fixture {
    /// id, params, G-Ops (groups right), G-Ops as the profiler counted, input side.
    static let sizes: [(String, Int, Double, Double, Int)] = [
        ("alexnet", 60_965_224, 1.13, 2.26, 227), ("bn-alexnet", 60_540_000, 1.30, 1.30, 224),
        ("bn-nin", 8_640_000, 2.52, 2.52, 224), ("googlenet", 6_990_000, 3.00, 3.00, 224),
        ("vgg-16", 138_357_544, 30.97, 30.97, 224), ("vgg-19", 143_667_240, 39.29, 39.29, 224),
        ("resnet-18", 11_689_512, 3.63, 3.63, 224), ("resnet-34", 21_797_672, 7.34, 7.34, 224),
        ("resnet-50", 25_557_032, 8.21, 8.21, 224), ("resnet-101", 44_549_160, 15.65, 15.65, 224),
        ("resnet-152", 60_192_808, 23.10, 23.10, 224), ("inception-v3", 23_834_568, 11.45, 11.45, 299),
        ("inception-v4", 42_679_816, 24.60, 24.60, 299),
        ("squeezenet-1.0", 1_248_424, 1.67, 1.67, 224), ("mobilenet-v1", 4_231_976, 1.14, 5.50, 224),
        ("shufflenet-v1", 1_880_296, 0.28, 0.60, 224), ("xception", 22_855_952, 16.80, 60.0, 299),
        ("densenet-121", 7_978_856, 5.74, 5.74, 224),
        ("enet-encoder", 360_000, 0.90, 0.90, 224),
        // The networks added ten years later: torchvision's parameters, about twice its GMACs.
        ("mobilenet-v2", 3_504_872, 0.61, 3.0, 224), ("mobilenet-v3-large", 5_483_032, 0.44, 2.0, 224),
        ("mobilenet-v3-small", 2_542_856, 0.12, 0.6, 224), ("shufflenet-v2", 2_278_604, 0.30, 1.0, 224),
        ("mnasnet-1.0", 4_383_312, 0.64, 3.0, 224), ("efficientnet-b0", 5_288_548, 0.79, 4.0, 224),
        ("efficientnet-b4", 19_341_616, 8.87, 40.0, 380), ("efficientnet-b7", 66_347_960, 75.9, 300.0, 600),
        ("efficientnet-v2-s", 21_458_488, 16.8, 40.0, 384), ("regnet-y-400mf", 4_344_144, 0.82, 2.0, 224),
        ("regnet-y-8gf", 39_381_472, 17.0, 60.0, 224), ("resnext-50", 25_028_904, 8.5, 30.0, 224),
        ("wide-resnet-50", 68_883_240, 22.8, 22.8, 224), ("convnext-tiny", 28_589_128, 9.0, 20.0, 224),
        ("convnext-base", 88_591_464, 30.8, 60.0, 224), ("vit-b-16", 86_567_656, 35.2, 35.2, 224),
        ("vit-l-16", 304_326_632, 123.2, 123.2, 224), ("swin-t", 28_288_354, 9.0, 9.0, 224),
    ]

    static func counts(_ id: String) -> NetworkCounts? {
        guard let (_, params, gops, profiler, side) = sizes.first(where: { $0.0 == id }) else { return nil }
        let ops = Int(gops * 1e9), opsProfiler = Int(profiler * 1e9)
        let layers = [
            LayerCount(path: "\(id)/conv1", kind: "conv 3×3/1", outputShape: [64, side, side],
                       params: params / 4, macs: ops / 8, ops: ops / 4, opsProfiler: opsProfiler / 4,
                       activations: 64 * side * side),
            LayerCount(path: "\(id)/fc", kind: "linear", outputShape: [1000],
                       params: params - params / 4, macs: ops / 2 - ops / 8, ops: ops - ops / 4,
                       opsProfiler: opsProfiler - opsProfiler / 4, activations: 1000),
        ]
        return NetworkCounts(inputShape: [3, side, side], params: params, macs: ops / 2, ops: ops,
                             opsProfiler: opsProfiler, activations: 64 * side * side + 1000,
                             peakActivations: 64 * side * side, weightBytes: params * 4, layers: layers)
    }

    /// Counts how many times the architectures were counted (to test load-once).
    static func architectures(calls: Counter? = nil, failing: String? = nil) -> Architectures {
        Architectures(ids: sizes.map(\.0), comparisonOnly: ["enet-encoder"]) {
            (id: String) throws(ArchitectureError) -> NetworkCounts? in
            calls?.increment()
            if id == failing { throw ArchitectureError(path: "\(id)/layer2/conv1", message: "expects 64 channels, got 32") }
            return counts(id)
        }
    }

    static var networksCSV: String {
        (try? String(contentsOfFile: repositoryPaper + "/data/networks.csv", encoding: .utf8)) ?? ""
    }
    static var originalCSV: String {
        (try? String(contentsOfFile: repositoryPaper + "/data/original-figures.csv", encoding: .utf8)) ?? ""
    }
    static var publishedCSV: String {
        (try? String(contentsOfFile: repositoryPaper + "/data/published-counts.csv", encoding: .utf8)) ?? ""
    }

    /// The repository's `paper/` folder (tests run from anywhere).
    static let repositoryPaper: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("paper").path
    }()

    /// A temporary paper folder holding the given data files (the repository's by default).
    static func paper(networks: String? = nil, original: String? = nil, published: String? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("paper-tests-\(UUID().uuidString)")
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try (networks ?? networksCSV).write(to: data.appendingPathComponent("networks.csv"), atomically: true, encoding: .utf8)
        try (original ?? originalCSV).write(to: data.appendingPathComponent("original-figures.csv"), atomically: true, encoding: .utf8)
        try (published ?? publishedCSV).write(to: data.appendingPathComponent("published-counts.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    static func notebook(networks: String? = nil, original: String? = nil, published: String? = nil,
                         calls: Counter? = nil) throws -> AnalysisNotebook {
        AnalysisNotebook(paperDirectory: try paper(networks: networks, original: original, published: published),
                         fingerprint: "test", architectures: architectures(calls: calls))
    }

    /// The networks file with one cell replaced: `column` of the row whose id is `id`.
    static func networks(setting column: String, of id: String, to value: String) -> String {
        var lines = networksCSV.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = CSV.parse(lines[0], file: "").records[0].fields.map(\.text)
        let index = header.firstIndex(of: column)!
        for i in lines.indices.dropFirst() where lines[i].hasPrefix(id + ",") {
            var fields = CSV.parse(lines[i], file: "").records[0].fields.map(\.text)
            fields[index] = value
            lines[i] = fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
        }
        return lines.joined(separator: "\n")
    }

    /// Loads `csv` with the made-up architectures and returns the problems.
    static func problems(_ csv: String) -> [Problem] {
        let archs = architectures()
        let counted = archs.countAll()
        return NetworksFile.load(csv, architectures: archs, counted: counted).problems
    }
}

final class Counter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}

extension AnalysisNotebook {
    /// Evaluates through a reader that logs what it read: the result and the paths read.
    func evaluateReading(_ request: Request) throws -> (result: Result, read: Set<String>) {
        let files = ReadLog(FolderFiles(paperDirectory))
        let result = try evaluate(request, reading: files)
        return (result, Set(files.log.compactMap { if case .read(let path) = $0 { path } else { nil } }))
    }
}
