import EcouteCore
import Foundation

/// The lines of an extract (the register's, `|`-separated, or FINESS's, `;`-separated), read a
/// block at a time and cut as bytes: LF or CRLF ends, a UTF-8
/// byte-order mark at the start dropped, each line decoded in the one encoding decided for the
/// whole file beforehand. A line is cut at LF only, a byte that is never part of a multi-byte
/// UTF-8 character, so a character split between two blocks is carried whole into the line.
struct RPPSLines {
    private let handle: FileHandle
    let encoding: RPPSEncoding
    let blockSize: Int
    /// The byte between fields.
    let separator: UInt8
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next LF resumes (the bytes before it have none).
    private var searched = 0
    /// The offset in the file of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    private var finished = false
    private var startChecked = false
    private(set) var bytesRead: Int64 = 0
    /// The number of the line last returned (the header is line 1).
    private(set) var lineNumber = 0

    /// A line longer than this is not an extract's (a line is a few hundred bytes).
    static let longestLine = 64 << 10

    /// Why the file cannot be cut into an extract's lines.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(_ handle: FileHandle, encoding: RPPSEncoding, blockSize: Int = 1 << 20, separator: UInt8 = UInt8(ascii: "|")) {
        self.handle = handle
        self.encoding = encoding
        self.blockSize = blockSize
        self.separator = separator
    }

    /// The next line (its end removed), or nil at the end of the file. Throws for a last line
    /// without its newline (a file cut short), CR-only line ends, or a line too long to be one.
    mutating func next() throws -> RPPSLine? {
        while true {
            if startChecked, let end = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = line(start..<end)
                start = end + 1
                searched = start
                return line
            }
            searched = buffer.count
            if finished {
                guard start < buffer.count else { return nil }
                throw Problem(description: Self.crOnly(buffer[start...]) ? crOnlyMessage(lineNumber + 1)
                              : "line \(lineNumber + 1), byte \(bufferOffset + Int64(start)): the last line has no newline: the file looks cut short; nothing imported")
            }
            if buffer.count - start > Self.longestLine {
                throw Problem(description: Self.crOnly(buffer[start...]) ? crOnlyMessage(lineNumber + 1)
                              : "line \(lineNumber + 1), byte \(bufferOffset + Int64(start)): longer than \(Self.longestLine) bytes: not a register extract; nothing imported")
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                bufferOffset += Int64(start)
                searched -= start
                start = 0
            }
            if let block = try handle.read(upToCount: blockSize), !block.isEmpty {
                bytesRead += Int64(block.count)
                buffer.append(contentsOf: block)
            } else {
                finished = true
            }
            if !startChecked, buffer.count >= RPPSEncoding.byteOrderMark.count || finished {
                if buffer.starts(with: RPPSEncoding.byteOrderMark) {
                    buffer.removeFirst(RPPSEncoding.byteOrderMark.count)
                    bufferOffset += Int64(RPPSEncoding.byteOrderMark.count)
                }
                startChecked = true
                searched = 0
            }
        }
    }

    /// Bytes with a CR that does not end a line: the file's lines end with CR alone.
    static func crOnly(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let cr = bytes.firstIndex(of: UInt8(ascii: "\r")) else { return false }
        return cr + 1 < bytes.endIndex
    }

    private func crOnlyMessage(_ line: Int) -> String {
        "line \(line): lines end with CR alone (no LF): not a register extract (its lines end with LF or CRLF); nothing imported"
    }

    private mutating func line(_ range: Range<Int>) -> RPPSLine {
        lineNumber += 1
        var bytes = buffer[range]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return RPPSLine(bytes: Array(bytes), encoding: encoding, number: lineNumber, offset: bufferOffset + Int64(range.lowerBound),
                        separator: separator)
    }
}

/// One line of an extract, cut into fields at its separator (`|` for the register, `;` for FINESS).
struct RPPSLine {
    let bytes: [UInt8]
    let encoding: RPPSEncoding
    /// Its number in the file (the header is 1) and the offset of its first byte.
    let number: Int
    let offset: Int64
    private let bounds: [Range<Int>]
    /// How many separators it has.
    let separators: Int

    init(bytes: [UInt8], encoding: RPPSEncoding, number: Int = 0, offset: Int64 = 0, separator: UInt8 = UInt8(ascii: "|")) {
        self.bytes = bytes
        self.encoding = encoding
        self.number = number
        self.offset = offset
        var bounds: [Range<Int>] = []
        bounds.reserveCapacity(64)
        var from = 0
        for (i, byte) in bytes.enumerated() where byte == separator {
            bounds.append(from..<i)
            from = i + 1
        }
        separators = bounds.count
        if from < bytes.count || bounds.isEmpty { bounds.append(from..<bytes.count) }
        self.bounds = bounds
    }

    var count: Int { bytes.count }
    var isBlank: Bool { bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }

    /// Whether the line has `fields` fields: at least one separator fewer (a last field may be empty,
    /// with or without a trailing `|`).
    func has(fields: Int) -> Bool { separators + 1 >= fields }

    /// The length in bytes of field `i` (0 when the line is shorter), and where it starts in the file.
    func length(ofField i: Int) -> Int { i < bounds.count ? bounds[i].count : 0 }
    func offset(ofField i: Int) -> Int64 { offset + Int64(i < bounds.count ? bounds[i].lowerBound : bytes.count) }

    /// Field `i`, decoded and trimmed ("" when the line is shorter).
    func field(_ i: Int) -> String {
        text(trimmed(i))
    }

    /// Where field `i` is in `bytes`, its spaces around left out (empty when the line is shorter).
    func trimmed(_ i: Int) -> Range<Int> {
        guard i < bounds.count else { return bytes.count..<bytes.count }
        var range = bounds[i]
        while range.lowerBound < range.upperBound, bytes[range.lowerBound] == UInt8(ascii: " ") { range = (range.lowerBound + 1)..<range.upperBound }
        while range.lowerBound < range.upperBound, bytes[range.upperBound - 1] == UInt8(ascii: " ") { range = range.lowerBound..<(range.upperBound - 1) }
        return range
    }

    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { encoding.decode(buffer: UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
