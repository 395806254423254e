import EcouteCore
import Foundation

/// A JSON value written as bytes exactly as `JSONEncoder` writes it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (two-space indent, `" : "`, empty containers on
/// two lines, absent optionals left out) — for the calls of a JSON report, where an encoder per
/// call was most of the time. Object members are written in the order given: callers give them
/// sorted (`sortedMembers` for keys known only at run time).
indirect enum JSONBytes {
    case string(String)
    case int(Int)
    case bool(Bool)
    /// A local time with its UTC offset ("2026-11-24T22:10:00+01:00").
    case time(Date)
    case array([JSONBytes])
    case object([(String, JSONBytes)])

    static func sortedMembers(_ members: [(String, JSONBytes)]) -> JSONBytes {
        .object(members.sorted { $0.0 < $1.0 })
    }

    func write(indent: Int, offsets: inout UTCOffsets, to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.appendString(text, to: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .time(let date):
            out.append(UInt8(ascii: "\""))
            Self.appendISOTimestamp(date, offset: offsets.offset(for: date), to: &out)
            out.append(UInt8(ascii: "\""))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            if items.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(indent + 2, &out)
                item.write(indent: indent + 2, offsets: &offsets, to: &out)
            }
            Self.newline(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(indent + 2, &out)
                Self.appendString(key, to: &out)
                out.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
                value.write(indent: indent + 2, offsets: &offsets, to: &out)
            }
            Self.newline(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A newline then `indent` spaces (an empty container's blank line has none, as the encoder's).
    private static func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        let simple = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x08 && $0 != 0x0C }) else { return false }
            out.append(UInt8(ascii: "\""))
            // Most texts need no escape: copied whole.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: utf8)
                out.append(UInt8(ascii: "\""))
                return true
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
            return true
        }
        // Other control characters: as the encoder escapes them.
        if !simple { out.append(contentsOf: (try? encoder.encode(text)) ?? Data("\"\"".utf8)) }
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()

    /// "2026-11-24T22:10:00+01:00", as `Formatting.isoTimestamp` writes it.
    static func appendISOTimestamp(_ date: Date, offset: Int, to out: inout [UInt8]) {
        let start = out.count
        Formatting.appendTimestamp(date, offset: offset, to: &out)
        if let space = out[start...].firstIndex(of: UInt8(ascii: " ")) { out[space] = UInt8(ascii: "T") }
        let minutes = abs(offset) / 60
        out.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        out.append(UInt8(48 + minutes / 60 / 10))
        out.append(UInt8(48 + minutes / 60 % 10))
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(48 + minutes % 60 / 10))
        out.append(UInt8(48 + minutes % 60 % 10))
    }
}
