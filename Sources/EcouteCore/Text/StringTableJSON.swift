/// Reads a JSON object whose values are all strings — the UI string tables — in one pass over
/// the bytes. Every command starts by loading its table: `JSONDecoder` took about 1.5 ms of a
/// console's start for 600 keys (docs/benchmarks.md), this about a twentieth of it.
/// Strict: anything but an object of strings (with the JSON escapes, \uXXXX and surrogate pairs
/// included) is refused with the line where it went wrong; a repeated key too.
public enum StringTableJSON {
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws -> [String: String] {
        var reader = Reader(bytes: Array(bytes))
        return try reader.object()
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A UTF-8 byte-order mark is tolerated.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        }

        func fail(_ reason: String) -> Invalid {
            Invalid(line: 1 + bytes[..<min(i, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, reason: reason)
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func object() throws -> [String: String] {
            try expect(UInt8(ascii: "{"), "{")
            var table: [String: String] = [:]
            // About one entry per 50 bytes of a string table: no rehashing on the way.
            table.reserveCapacity(bytes.count / 50)
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    let key = try string()
                    try expect(UInt8(ascii: ":"), ": after the key \"\(key)\"")
                    skipSpace()
                    let value = try string()
                    guard table.updateValue(value, forKey: key) == nil else { throw fail("the key \"\(key)\" is repeated") }
                    skipSpace()
                    guard i < bytes.count else { throw fail("expected , or }") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                    throw fail("expected , or } after the value of \"\(key)\"")
                }
            }
            skipSpace()
            guard i == bytes.count else { throw fail("unexpected text after the object") }
            return table
        }

        mutating func string() throws -> String {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
            i += 1
            let start = i
            // The common case: no escape, the bytes are the string.
            while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { i += 1 }
            guard i < bytes.count else { throw fail("unterminated string") }
            if bytes[i] == UInt8(ascii: "\"") {
                i += 1
                return try decoded(bytes[start..<(i - 1)])
            }
            var buffer = Array(bytes[start..<i])
            while true {
                guard i < bytes.count else { throw fail("unterminated string") }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return try decoded(buffer[...]) }
                guard b >= 0x20 else { throw fail("a control character inside a string") }
                if b != UInt8(ascii: "\\") { buffer.append(b); i += 1; continue }
                i += 1
                guard i < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(e)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone high surrogate")
                        }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("a high surrogate without its low half") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("\\u escape of no character") }
                    buffer.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("a short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: throw fail("a \\u escape with a non-hexadecimal digit")
                }
                value = value << 4 | UInt32(digit)
                i += 1
            }
            return value
        }

        func decoded(_ slice: ArraySlice<UInt8>) throws -> String {
            let s = slice.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
            guard let s else { throw fail("a string that is not UTF-8") }
            return s
        }
    }
}
