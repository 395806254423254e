/// The text encoding of a register extract, decided once for the whole file before anything is
/// written: a UTF-8 byte-order mark, else an explicit choice (`--encoding`), else a validation
/// pass over every byte (`UTF8Scan`). Never per read block.
public enum RPPSEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// How the import's summary names it.
    public var name: String { self == .utf8 ? "UTF-8" : "Windows-1252" }

    /// The UTF-8 byte-order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A byte that is not UTF-8, where it is: the line (from 1) and the offset of the byte in the
    /// file (from 0, as `xxd -s` and `dd skip=` count).
    public struct InvalidByte: Equatable, Sendable {
        public var line: Int
        public var offset: Int64
        public var byte: UInt8

        public init(line: Int, offset: Int64, byte: UInt8) {
            self.line = line
            self.offset = offset
            self.byte = byte
        }
    }

    /// Why a file's encoding cannot be decided.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var invalid: InvalidByte
        /// Why UTF-8 was expected: a byte-order mark, `--encoding utf-8`, or other characters of
        /// the file written in UTF-8.
        public var because: String

        public var description: String {
            let hex = String(invalid.byte, radix: 16, uppercase: true)
            return "line \(invalid.line), byte \(invalid.offset) (0x\(hex.count < 2 ? "0" + hex : hex)): not UTF-8, while \(because); "
                + "nothing imported. Correct that byte, or import the file with --encoding windows-1252 "
                + "(every byte is then read as Windows-1252, so characters written in UTF-8 are not)"
        }
    }

    /// The encoding to read a file with, from what its validation pass found. `bom`: the file
    /// starts with the UTF-8 byte-order mark; `requested`: the `--encoding` given, if any.
    /// A file with no byte outside ASCII is read as UTF-8 (both read it the same). A file whose
    /// non-ASCII bytes are all invalid UTF-8 is Windows-1252 (older extracts); one that mixes
    /// valid UTF-8 characters with invalid bytes is refused, naming the first invalid byte.
    public static func decide(bom: Bool, requested: RPPSEncoding?, scan: UTF8Scan) -> Result<RPPSEncoding, Refusal> {
        if requested == .windows1252 { return .success(.windows1252) }
        guard let invalid = scan.firstInvalid else { return .success(.utf8) }
        if bom { return .failure(Refusal(invalid: invalid, because: "the file starts with a UTF-8 byte-order mark")) }
        if requested == .utf8 { return .failure(Refusal(invalid: invalid, because: "--encoding utf-8 was given")) }
        if scan.multibyteCharacters > 0 {
            return .failure(Refusal(invalid: invalid, because: "\(scan.multibyteCharacters) other character(s) of the file are UTF-8"))
        }
        return .success(.windows1252)
    }

    /// Bytes as text in this encoding. Windows-1252's five unassigned bytes (0x81, 0x8D, 0x8F,
    /// 0x90, 0x9D) become the C1 controls of the same value, as the WHATWG decoder does; an
    /// invalid UTF-8 sequence (excluded by the validation pass) would become U+FFFD.
    public func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if let text = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return text }
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if byte >= 0x80 && byte < 0xA0 {
                    scalars.append(Unicode.Scalar(Self.c1[Int(byte - 0x80)])!)
                } else {
                    scalars.append(Unicode.Scalar(byte))
                }
            }
            return String(scalars)
        }
    }

    /// Bytes in memory as text in this encoding (the importers' path: no per-character work for
    /// UTF-8, a table of each byte's UTF-8 form for Windows-1252).
    public func decode(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        if self == .utf8 || !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 { utf8.append(byte) } else { utf8.append(contentsOf: Self.utf8Forms[Int(byte - 0x80)]) }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The UTF-8 bytes of Windows-1252's characters for the bytes 0x80–0xFF.
    static let utf8Forms: [[UInt8]] = (0x80...0xFF).map { byte in
        let scalar = byte < 0xA0 ? Unicode.Scalar(c1[byte - 0x80])! : Unicode.Scalar(UInt8(byte))
        return Array(String(Character(scalar)).utf8)
    }

    /// Windows-1252's characters for the bytes 0x80–0x9F.
    static let c1: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
