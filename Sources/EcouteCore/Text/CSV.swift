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
        // Read as UTF-8 bytes: every byte that matters (`,` `"` CR LF) is ASCII, and a byte of a
        // multi-byte character is never one of them.
        var text = text
        let result = text.withUTF8 { parse(bytes: $0) }
        return try result.get()
    }

    /// The same from a file's bytes, as read (no String made of the whole file first).
    public static func parse(bytes: [UInt8]) throws(ParseError) -> [Record] {
        try bytes.withUnsafeBufferPointer { parse(bytes: $0) }.get()
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> Result<[Record], ParseError> {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteOpenedAt = 0
        var fieldStarted = false   // true once the record has any content
        var afterClosingQuote = false

        let count = bytes.count
        var i = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterClosingQuote = false
        }
        func endRecord() {
            endField()
            // A blank line is not a record.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            // The next record's fields in one allocation, as many as this one's (not grown 1, 2, 4…).
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
            fieldStarted = false
        }

        while i < count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < count && bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                } else if c == cr {
                    // Keep line endings inside quotes as \n, counting lines like the outside.
                    if i + 1 < count && bytes[i + 1] == lf { i += 1 }
                    field.append(lf)
                    line += 1
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case comma:
                fieldStarted = true
                endField()
            case cr, lf:
                if c == cr && i + 1 < count && bytes[i + 1] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case quote:
                if field.isEmpty && !afterClosingQuote {
                    inQuotes = true
                    quoteOpenedAt = line
                    fieldStarted = true
                } else {
                    return .failure(ParseError(line: line, reason: "unexpected quote inside an unquoted field"))
                }
            default:
                if afterClosingQuote {
                    return .failure(ParseError(line: line, reason: "text after a closing quote"))
                }
                field.append(c)
                fieldStarted = true
            }
            i += 1
        }
        if inQuotes {
            return .failure(ParseError(line: quoteOpenedAt, reason: "quoted field never closed"))
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }

    /// Writes one record, quoting where needed.
    public static func format(_ fields: [String]) -> String {
        fields.map { f in
            if f.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
                return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return f
        }.joined(separator: ",")
    }

    /// Characters a spreadsheet takes as the start of a formula (CSV injection).
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
    public static let formulaStartBytes: Set<UInt8> = Set(formulaStarts.map { $0.asciiValue! })

    /// A field a spreadsheet will show as text: one that would start a formula gets a `'` first.
    public static func neutralized(_ field: String) -> String {
        // Every formula start is one ASCII byte: a byte test, not a Character.
        guard let first = field.utf8.first, formulaStartBytes.contains(first) else { return field }
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
