// A tiny RFC 4180 reader. Written here rather than taken from a package because
// Foundation has no CSV parser on Linux, and because every diagnostic must point at the
// exact line and column of the offending cell — which general-purpose readers discard.
// It is strict where ambiguity would hide a data error (a stray quote, an unterminated
// quoted field) and lenient only where nothing can be lost (CRLF or LF line ends, a
// UTF-8 byte-order mark, blank lines, a missing final newline).

import NotebookInterface

/// One cell and where it starts in the file (1-based; columns count Unicode scalars).
struct CSVField: Sendable, Equatable {
    var text: String
    var line: Int
    var column: Int
}

/// One record: its cells, and where the line it starts on ends (for "missing cell").
struct CSVRecord: Sendable, Equatable {
    var fields: [CSVField]
    var line: Int
    /// Column just after the record's last character, where a missing cell would go.
    var endColumn: Int
}

enum CSV {
    /// Splits `text` into records. Syntax errors are reported with the position of the
    /// offending character, all of them, and the records read so far are still returned.
    static func parse(_ text: String, file: String) -> (records: [CSVRecord], problems: [Problem]) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        var records: [CSVRecord] = []
        var problems: [Problem] = []
        var fields: [CSVField] = []
        var line = 1, column = 1
        var recordLine = 1
        var i = 0

        func endRecord() {
            // A line holding nothing at all is skipped rather than read as one empty cell.
            if !(fields.count == 1 && fields[0].text.isEmpty) {
                records.append(CSVRecord(fields: fields, line: recordLine, endColumn: column))
            }
            fields = []
        }

        while i <= scalars.count {
            // Start of a field.
            let fieldLine = line, fieldColumn = column
            if fields.isEmpty { recordLine = line }
            var value = String.UnicodeScalarView()
            if i < scalars.count && scalars[i] == "\"" {
                i += 1; column += 1
                var closed = false
                while i < scalars.count {
                    let c = scalars[i]
                    if c == "\"" {
                        if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                            value.append("\""); i += 2; column += 2
                        } else {
                            i += 1; column += 1; closed = true; break
                        }
                    } else {
                        value.append(c); i += 1
                        if c == "\n" { line += 1; column = 1 } else { column += 1 }
                    }
                }
                if !closed {
                    problems.append(Problem(.error, "quoted field is never closed", file: file,
                                            line: fieldLine, column: fieldColumn))
                }
                // After the closing quote only a separator or a line end may follow.
                if i < scalars.count && scalars[i] != "," && scalars[i] != "\n" && scalars[i] != "\r" {
                    problems.append(Problem(.error, "unexpected character after a closing quote",
                                            file: file, line: line, column: column))
                    while i < scalars.count && scalars[i] != "," && scalars[i] != "\n" && scalars[i] != "\r" {
                        i += 1; column += 1
                    }
                }
            } else {
                while i < scalars.count && scalars[i] != "," && scalars[i] != "\n" && scalars[i] != "\r" {
                    if scalars[i] == "\"" {
                        problems.append(Problem(.error, "a quote inside an unquoted field (quote the whole field and double the quote)",
                                                file: file, line: line, column: column))
                    }
                    value.append(scalars[i]); i += 1; column += 1
                }
            }
            fields.append(CSVField(text: String(value), line: fieldLine, column: fieldColumn))

            if i >= scalars.count {
                endRecord()
                break
            }
            let c = scalars[i]
            if c == "," {
                i += 1; column += 1
                continue
            }
            // Line end: CRLF, LF or a lone CR.
            endRecord()
            i += 1
            if c == "\r" && i < scalars.count && scalars[i] == "\n" { i += 1 }
            line += 1; column = 1
            if i == scalars.count { break }
        }
        return (records, problems)
    }
}
