import EcouteCore
import Foundation

/// JSON written straight into bytes exactly as `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (two-space indent, `" : "`, empty containers on
/// two lines, absent optionals left out) — for the calls of a JSON report, where an encoder per
/// call was most of the time. Members are written in the order given: callers give them sorted.
struct JSONWriter: ~Copyable {
    private var out: ByteBuffer
    /// Spaces before the current container's members.
    private var indent: Int
    /// For each open container: whether it has no member yet.
    private var empty: [Bool] = []
    /// A timestamp's text before it is copied (Formatting writes into an array).
    private var scratch: [UInt8] = []

    init(indent: Int) {
        self.indent = indent
        out = ByteBuffer(capacity: 4096)
        empty.reserveCapacity(8)
        scratch.reserveCapacity(32)
    }

    /// What has been written since the last `reset`.
    var bytes: [UInt8] { out.bytes }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R { try out.withBytes(body) }

    mutating func reset() {
        out.removeAll()
        empty.removeAll(keepingCapacity: true)
    }

    mutating func raw(_ text: StaticString) { out.append(text) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        empty.append(true)
        indent += 2
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        // An empty container's blank line has no spaces, as the encoder writes it.
        if empty.removeLast() { out.append(UInt8(ascii: "\n")) }
        newline()
        out.append(bracket)
    }

    private mutating func newline() {
        out.append(UInt8(ascii: "\n"))
        out.append(repeating: UInt8(ascii: " "), count: indent)
    }

    /// Before an array's element.
    mutating func element() {
        if !empty[empty.count - 1] { out.append(UInt8(ascii: ",")) }
        empty[empty.count - 1] = false
        newline()
    }

    /// Before an object's member: `"key" : `.
    mutating func key(_ key: StaticString) {
        element()
        out.append(UInt8(ascii: "\""))
        out.append(key)
        out.append("\" : ")
    }

    mutating func key(_ key: String) {
        element()
        string(key)
        out.append(" : ")
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func int(_ value: Int) {
        guard value >= 0 else { return out.append(contentsOf: String(value).utf8) }
        if value >= 10 { int(value / 10) }
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// A local time with its UTC offset ("2026-11-24T22:10:00+01:00"), as `Formatting.isoTimestamp`.
    mutating func time(_ date: Date, _ offsets: inout UTCOffsets) {
        let offset = offsets.offset(for: date)
        out.append(UInt8(ascii: "\""))
        scratch.removeAll(keepingCapacity: true)
        Formatting.appendISOTimestamp(date, offset: offset, to: &scratch)
        scratch.withUnsafeBufferPointer { out.append($0) }
        out.append(UInt8(ascii: "\""))
    }

    mutating func string(_ text: String) {
        var text = text
        let simple = text.withUTF8 { utf8 -> Bool in
            // Most texts need no escape: copied whole.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(UInt8(ascii: "\""))
                out.append(utf8)
                out.append(UInt8(ascii: "\""))
                return true
            }
            guard !utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x08 && $0 != 0x0C }) else { return false }
            out.append(UInt8(ascii: "\""))
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
            return true
        }
        // Other control characters: as the encoder escapes them.
        if !simple { out.append(contentsOf: (try? Self.encoder.encode(text)) ?? Data("\"\"".utf8)) }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()
}
