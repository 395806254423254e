import EcouteCore
import Foundation

/// One CSV record written as bytes for a spreadsheet: every text field neutralized (a field that
/// would start a formula gets a `'` first) and quoted where needed, as `CSV.formatForSpreadsheet`
/// does — without a String per field.
struct CSVRow {
    private(set) var bytes: [UInt8] = []
    private var started = false

    init() { bytes.reserveCapacity(512) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        started = false
    }

    private mutating func separate() {
        if started { bytes.append(UInt8(ascii: ",")) }
        started = true
    }

    mutating func field(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            if let first = utf8.first, Self.startsFormula[Int(first)] { bytes.append(UInt8(ascii: "'")) }
            if needsQuotes {
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    mutating func field(_ text: String?) { field(text ?? "") }

    /// Texts as one field, separated by « ; » — `field(parts.joined(separator: ";"))` without
    /// the joined String: written straight, then redone the general way if a part needs quotes
    /// or the field would start a formula (never, for the kinds' raw values it is used for).
    mutating func list(_ parts: some Sequence<String>) {
        let start = bytes.count
        separate()
        let first = bytes.count
        var separated = false
        for part in parts {
            if separated { bytes.append(UInt8(ascii: ";")) }
            separated = true
            var part = part
            part.withUTF8 { bytes.append(contentsOf: $0) }
        }
        let written = bytes[first...]
        let plain = !(written.first.map { Self.startsFormula[Int($0)] } ?? false)
            && !written.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        if !plain {
            let text = String(decoding: written, as: UTF8.self)
            bytes.removeSubrange(start...)
            started = first > start
            field(text)
        }
    }

    /// A local timestamp with its UTC offset (ISO 8601, as in JSON), or an empty field.
    mutating func time(_ date: Date?, _ offsets: inout UTCOffsets) {
        separate()
        if let date { Formatting.appendISOTimestamp(date, offset: offsets.offset(for: date), to: &bytes) }
    }

    mutating func flag(_ value: Bool?) {
        separate()
        if let value { bytes.append(contentsOf: value ? Self.yes : Self.no) }
    }

    /// A number is text to neutralize like any other (a negative one starts with « - »).
    mutating func number(_ value: Int?) {
        guard let value, value >= 0 else { return field(value.map { String($0) } ?? "") }
        separate()
        Self.appendDigits(value, to: &bytes)
    }

    static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDigits(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    static let yes = Array("yes".utf8), no = Array("no".utf8)
    /// `CSV.formulaStartBytes` as a table by byte: a lookup per field, no hashing.
    static let startsFormula: [Bool] = (0..<256).map { CSV.formulaStartBytes.contains(UInt8($0)) }

    mutating func end() { bytes.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")]) }
}
