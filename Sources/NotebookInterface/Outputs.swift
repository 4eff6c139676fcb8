import Foundation
import Chart

/// A single computed value: `raw` is unformatted (what `report values` prints and
/// scripts read), `text` is what the reader sees in the page.
public struct Value: Sendable, Equatable, Codable {
    public var raw: String
    public var text: String
    /// The number as the reader sees it, in `unit` (parameters in millions when the
    /// text says "25.56 M"), for format specs and checked expressions; nil for text.
    public var number: Double?
    /// The unit printed after the number ("M", "%", "G-Ops"); "" when there is none.
    public var unit: String?

    public init(raw: String, text: String, number: Double? = nil, unit: String? = nil) {
        self.raw = raw
        self.text = text
        self.number = number
        self.unit = unit
    }
}

/// Plain rows and columns: the exact data behind a figure or table, written as CSV.
public struct DataTable: Sendable, Equatable, Codable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV with `\n` line ends.
    public var csv: String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = columns.map(field).joined(separator: ",") + "\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }
}

/// A table for the reader: formatted cells, plus the raw data for its CSV download.
public struct Table: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var title: String
        /// Numeric columns are right-aligned.
        public var numeric: Bool
        /// A heading shared by adjacent columns with the same group, set above their
        /// titles ("Params [M]" over "2016 | here | Δ [%]"); nil for a column on its own.
        public var group: String?
        public init(_ title: String, numeric: Bool = false, group: String? = nil) {
            self.title = title
            self.numeric = numeric
            self.group = group
        }
    }

    public struct Cell: Sendable, Equatable, Codable {
        public var text: String
        /// A colour swatch shown before the text, as `#rrggbb`.
        public var swatch: String?
        /// The swatch is drawn hollow with a dashed outline, as figures draw values that
        /// were reported rather than computed.
        public var dashed: Bool
        public init(_ text: String, swatch: String? = nil, dashed: Bool = false) {
            self.text = text
            self.swatch = swatch
            self.dashed = dashed
        }
    }

    /// Consecutive rows under a heading of their own ("Added in 2018"), from `start`
    /// up to the next group's start.
    public struct RowGroup: Sendable, Equatable, Codable {
        public var title: String
        public var start: Int
        public init(_ title: String, start: Int) {
            self.title = title
            self.start = start
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    public var data: DataTable
    /// Empty: the rows are one undivided body.
    public var rowGroups: [RowGroup]

    public init(columns: [Column], rows: [[Cell]], data: DataTable, rowGroups: [RowGroup] = []) {
        self.columns = columns
        self.rows = rows
        self.data = data
        self.rowGroups = rowGroups
    }
}

/// A figure: the chart to draw and the data drawn.
public struct Figure: Sendable {
    public var chart: Chart
    public var data: DataTable

    public init(chart: Chart, data: DataTable) {
        self.chart = chart
        self.data = data
    }
}

/// The verdict of a claim checked against the data, with the numbers compared.
public struct Claim: Sendable, Equatable, Codable {
    public var holds: Bool
    /// One line per comparison, e.g. "ResNet-18: 5.95 %/M ≥ ResNet-34: 3.36 %/M".
    public var evidence: [String]
    /// What was checked, said from the data and shown next to the author's sentence:
    /// "the four densest of the 2016 networks are ResNet-18, BN-NIN, GoogLeNet and ENet",
    /// or an expression with its operands' values.
    public var statement: String?
    /// Names the author's sentence must mention (the things the check is about), so that
    /// sentence and check cannot drift apart silently.
    public var mentions: [String]

    public init(holds: Bool, evidence: [String], statement: String? = nil, mentions: [String] = []) {
        self.holds = holds
        self.evidence = evidence
        self.statement = statement
        self.mentions = mentions
    }
}
