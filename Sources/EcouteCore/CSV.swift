import Foundation

/// A CSV reader (RFC 4180 with the usual real-world variations) that never traps: quoted fields
/// with commas, newlines and doubled quotes; `\n`, `\r\n` and bare `\r` line endings; a UTF-8 BOM;
/// ragged rows are returned as they are for the caller to report.
public enum CSV {
    /// One parsed record with the 1-based line of the file where it starts.
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteOpenedAt = 0
        var fieldStarted = false   // true once the record has any content
        var afterClosingQuote = false

        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0

        func endField() {
            fields.append(field)
            field = ""
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            fieldStarted = false
        }

        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    if c == "\r" {
                        // Keep line endings inside quotes as \n, counting lines like the outside.
                        if i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                        field.unicodeScalars.append("\n")
                        line += 1
                    } else {
                        if c == "\n" { line += 1 }
                        field.unicodeScalars.append(c)
                    }
                }
                i += 1
                continue
            }
            switch c {
            case ",":
                fieldStarted = true
                endField()
            case "\r", "\n":
                if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty && !afterClosingQuote {
                    inQuotes = true
                    quoteOpenedAt = line
                    fieldStarted = true
                } else {
                    throw ParseError(line: line, reason: "unexpected quote inside an unquoted field")
                }
            default:
                if afterClosingQuote {
                    throw ParseError(line: line, reason: "text after a closing quote")
                }
                field.unicodeScalars.append(c)
                fieldStarted = true
            }
            i += 1
        }
        if inQuotes {
            throw ParseError(line: quoteOpenedAt, reason: "quoted field never closed")
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// Writes one record, quoting where needed.
    public static func format(_ fields: [String]) -> String {
        fields.map { f in
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return f
        }.joined(separator: ",")
    }

    /// Characters a spreadsheet takes as the start of a formula (CSV injection).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A field a spreadsheet will show as text: one that would start a formula gets a `'` first.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.first, formulaStarts.contains(first) else { return field }
        return "'" + field
    }

    /// A field as it was before `neutralized` (an import of an exported file reads what was written).
    public static func restored(_ field: String) -> String {
        guard field.hasPrefix("'"), field.count >= 2, formulaStarts.contains(field[field.index(after: field.startIndex)]) else { return field }
        return String(field.dropFirst())
    }

    /// Writes one record for a spreadsheet: every field neutralized, then quoted where needed.
    public static func formatForSpreadsheet(_ fields: [String]) -> String { format(fields.map(neutralized)) }
}
