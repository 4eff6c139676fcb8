import Foundation
import Testing

// Bad cells and rows in `paper/data/networks.csv`: the analysis must name the file, line
// and column of the cell, and the build must fail without touching `build/`.

@Suite("Hostile data: bad accuracies and rows in networks.csv")
struct HostileDataTests {
    static let file = "data/networks.csv"

    /// The CSV with the cell of `column` in the row of `id` replaced by `value` (the row
    /// must hold no quoted cell before that column, which is true of the numeric ones);
    /// returns it with the cell's 1-based line and column.
    static func replacingCell(in csv: String, id: String, column: String, with value: String)
        throws -> (text: String, line: Int, column: Int)
    {
        var lines = csv.components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        guard let index = header.firstIndex(of: column),
              let row = lines.firstIndex(where: { $0.hasPrefix(id + ",") }) else {
            throw ReliabilityError("no column '\(column)' or row '\(id)' in \(file)")
        }
        var cells = lines[row].components(separatedBy: ",")
        let columnNumber = cells[..<index].map { $0.unicodeScalars.count + 1 }.reduce(1, +)
        cells[index] = value
        lines[row] = cells.joined(separator: ",")
        return (lines.joined(separator: "\n"), row + 1, columnNumber)
    }

    func expectCellRejected(_ value: String, column: String = "top1", message: String,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let broken = try Self.replacingCell(in: project.read(Self.file), id: "vgg-16", column: column, with: value)
        try project.write(Self.file, broken.text)
        let run = try expectDiagnosedFailure(project, file: Self.file, line: broken.line, message: message,
                                             sourceLocation: sourceLocation)
        #expect(run.errorLines.contains { $0.hasPrefix("paper/\(Self.file):\(broken.line):\(broken.column):") },
                "not at column \(broken.column): \(run.errorLines)", sourceLocation: sourceLocation)
        #expect(run.stderr.utf8.count < 4_000, "stderr is \(run.stderr.utf8.count) bytes", sourceLocation: sourceLocation)
    }

    @Test func notANumber() throws { try expectCellRejected("NaN", message: "expected a number") }
    @Test func lowercaseNan() throws { try expectCellRejected("nan", message: "expected a number") }
    @Test func infinity() throws { try expectCellRejected("inf", message: "expected a number") }
    @Test func spelledInfinity() throws { try expectCellRejected("Infinity", message: "expected a number") }
    @Test func negativeAccuracy() throws { try expectCellRejected("-3.5", message: "from 0 to 100") }
    @Test func accuracyAboveHundred() throws { try expectCellRejected("100.01", message: "from 0 to 100") }
    @Test func hexadecimalFloat() throws { try expectCellRejected("0x1p6", message: "expected a number") }
    @Test func emptyAccuracy() throws { try expectCellRejected("", message: "is empty") }
    @Test func emptyTop5IsAllowedButNotBelowTop1() throws { try expectCellRejected("10", column: "top5", message: "below top-1") }

    /// 1 followed by 499 zeros overflows a Double to infinity.
    @Test func fiveHundredDigitNumber() throws {
        try expectCellRejected("1" + String(repeating: "0", count: 499), message: "expected a number")
    }

    /// 500 digits after the point is a long way to write 0.5, and is read as 0.5.
    @Test func fiveHundredDigitFractionIsRead() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        let broken = try Self.replacingCell(in: project.read(Self.file), id: "vgg-16", column: "top1",
                                            with: "70." + String(repeating: "6", count: 498))
        try project.write(Self.file, broken.text)
        let run = try project.run()
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
    }

    @Test func huge500DigitParameterCount() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // ENet has reported values; a 500-digit parameter count cannot be a whole number.
        let broken = try Self.replacingCell(in: project.read(Self.file), id: "enet", column: "reported_params",
                                            with: String(repeating: "9", count: 500))
        try project.write(Self.file, broken.text)
        try expectDiagnosedFailure(project, file: Self.file, line: broken.line, message: "positive whole number")
    }

    @Test func rowWithMissingColumn() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var lines = try project.read(Self.file).components(separatedBy: "\n")
        let row = lines.firstIndex { $0.hasPrefix("vgg-16,") }!
        lines[row] = "vgg-16,VGG-16,VGG,yes,224,70.62"
        try project.write(Self.file, lines.joined(separator: "\n"))
        try expectDiagnosedFailure(project, file: Self.file, line: row + 1, message: "cells but the header has")
    }

    @Test func rowWithExtraColumn() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        var lines = try project.read(Self.file).components(separatedBy: "\n")
        let row = lines.firstIndex { $0.hasPrefix("vgg-16,") }!
        lines[row] += ",surplus"
        try project.write(Self.file, lines.joined(separator: "\n"))
        try expectDiagnosedFailure(project, file: Self.file, line: row + 1, message: "cells but the header has")
    }

    @Test func unterminatedQuote() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        // On the last row, so that no later quote can close it.
        var text = try project.read(Self.file)
        if !text.hasSuffix("\n") { text += "\n" }
        let line = text.filter { $0 == "\n" }.count + 1
        text += "zz-net,ZZ,ZZ,no,224,50,,SZ,,,,,,\"never closed\n"
        try project.write(Self.file, text)
        try expectDiagnosedFailure(project, file: Self.file, line: line, message: "never closed")
    }

    @Test func binaryDataFile() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write(Self.file, Data([0xFF, 0xFE, 0x00, 0x41, 0x00, 0x0A]))
        try expectDiagnosedFailure(project, file: Self.file, line: 1)
    }

    @Test func emptyDataFile() throws {
        let project = try ScratchProject.built()
        defer { project.remove() }
        try project.write(Self.file, "")
        try expectDiagnosedFailure(project, file: Self.file, line: 1, message: "empty")
    }
}
