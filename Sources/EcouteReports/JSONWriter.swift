import EcouteCore
import Foundation

/// JSON written straight into bytes exactly as `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (two-space indent, `" : "`, empty containers on
/// two lines, absent optionals left out) — for the calls of a JSON report, where an encoder per
/// call was most of the time. Members are written in the order given: callers give them sorted.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Spaces before the current container's members.
    private var indent: Int
    /// For each open container: whether it has no member yet.
    private var empty: [Bool] = []

    init(indent: Int) {
        self.indent = indent
        bytes.reserveCapacity(2048)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        empty.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        empty.append(true)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        // An empty container's blank line has no spaces, as the encoder writes it.
        if empty.removeLast() { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(bracket)
    }

    private mutating func newline() {
        guard indent < Self.newlineAndSpaces.count else {
            bytes.append(UInt8(ascii: "\n"))
            return bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
        }
        Self.newlineAndSpaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[...indent])) }
    }

    /// A newline then the spaces of the deepest indent a report nests to: a line's start is a
    /// prefix of it, copied at once.
    private static let newlineAndSpaces: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 32)

    /// Before an array's element.
    mutating func element() {
        if !empty[empty.count - 1] { bytes.append(UInt8(ascii: ",")) }
        empty[empty.count - 1] = false
        newline()
    }

    /// Before an object's member: `"key" : `.
    mutating func key(_ key: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        raw(key)
        raw("\" : ")
    }

    mutating func key(_ key: String) {
        element()
        string(key)
        raw(" : ")
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }
    mutating func int(_ value: Int) {
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        CSVRow.appendDigits(value, to: &bytes)
    }

    /// A local time with its UTC offset ("2026-11-24T22:10:00+01:00"), as `Formatting.isoTimestamp`.
    mutating func time(_ date: Date, _ offsets: inout UTCOffsets) {
        let offset = offsets.offset(for: date)
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        Formatting.appendTimestamp(date, offset: offset, to: &bytes)
        if let space = bytes[start...].firstIndex(of: UInt8(ascii: " ")) { bytes[space] = UInt8(ascii: "T") }
        let minutes = abs(offset) / 60
        bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        bytes.append(UInt8(48 + minutes / 60 / 10))
        bytes.append(UInt8(48 + minutes / 60 % 10))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(48 + minutes % 60 / 10))
        bytes.append(UInt8(48 + minutes % 60 % 10))
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ text: String) {
        var text = text
        let simple = text.withUTF8 { utf8 -> Bool in
            // Most texts need no escape: copied whole.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: utf8)
                bytes.append(UInt8(ascii: "\""))
                return true
            }
            guard !utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x08 && $0 != 0x0C }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        // Other control characters: as the encoder escapes them.
        if !simple { bytes.append(contentsOf: (try? Self.encoder.encode(text)) ?? Data("\"\"".utf8)) }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()
}
