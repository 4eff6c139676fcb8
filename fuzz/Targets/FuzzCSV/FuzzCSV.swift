// libFuzzer entry point: one input is one data/networks.csv, read as the notebook reads
// it: the CSV syntax, the header against the schema, every cell, and the dataset checks.
import FuzzMain
import NotebookInterface
@testable import Analysis

/// Architectures with made-up counts, so that the loader's cross-checks run without
/// counting the real networks on every input.
let architectures = Architectures(ids: ["alexnet", "vgg-16", "resnet-50"], comparisonOnly: ["resnet-50"]) { _ in nil }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The notebook reads files as UTF-8 and refuses anything else before parsing.
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let (table, _) = CSVTable.read(text, file: NetworksFile.path, schema: NetworksFile.schema)
    var reader = CellReader(file: NetworksFile.path)
    for row in table.rows {
        _ = reader.number(row, "top1", in: 0...100, unit: " %")
        _ = reader.number(row, "reported_gops", in: Double.leastNonzeroMagnitude...1e6, optional: true)
        _ = reader.count(row, "reported_params", optional: true)
        _ = reader.flag(row, "in_original")
    }
    _ = NetworksFile.load(text, architectures: architectures, counted: (counts: [:], problems: []))
    return 0
}
