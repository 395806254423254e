/// A validation pass of UTF-8 over a file given a block at a time, however the blocks cut it: a
/// character split between two blocks is carried into the next. Counts lines (LF) to say where
/// the first invalid byte is, and the valid characters outside ASCII.
public struct UTF8Scan: Sendable {
    /// The first byte that is not part of a valid UTF-8 character.
    public private(set) var firstInvalid: RPPSEncoding.InvalidByte?
    /// Valid characters of two to four bytes.
    public private(set) var multibyteCharacters = 0
    /// Bytes seen so far.
    public private(set) var offset: Int64 = 0
    private var line = 1
    /// The character being read: its bytes still expected, and where it started.
    private var pending = 0
    private var pendingStart: Int64 = 0
    private var pendingLine = 1
    private var pendingFirst: UInt8 = 0
    /// The range the second byte of the pending character must be in (overlong forms, surrogates
    /// and values past U+10FFFF excluded).
    private var secondLow: UInt8 = 0x80
    private var secondHigh: UInt8 = 0xBF
    private var sawSecond = false

    public init() {}

    /// Reads the next bytes of the file.
    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    /// Reads the next bytes of the file; runs of ASCII are skipped eight bytes at a time.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let count = bytes.count
        while i < count {
            if pending == 0 {
                // Eight bytes of ASCII at once: only newlines matter there.
                while i + 8 <= count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    guard word & 0x8080_8080_8080_8080 == 0 else { break }
                    // A byte of `x` is zero where the byte was LF; `nonzero` has the high bit of
                    // every other byte (no carry crosses bytes: each is below 0x80).
                    let x = word ^ 0x0A0A_0A0A_0A0A_0A0A
                    let nonzero = (x &+ 0x7F7F_7F7F_7F7F_7F7F) | x
                    line += (~nonzero & 0x8080_8080_8080_8080).nonzeroBitCount
                    i += 8
                    offset += 8
                }
                guard i < count else { break }
            }
            let byte = bytes[i]
            i += 1
            defer { offset += 1 }
            if pending > 0 {
                let low: UInt8 = sawSecond ? 0x80 : secondLow, high: UInt8 = sawSecond ? 0xBF : secondHigh
                if byte >= low && byte <= high {
                    sawSecond = true
                    pending -= 1
                    if pending == 0 { multibyteCharacters += 1 }
                    continue
                }
                // The character stops short: its first byte is the invalid one; this byte starts afresh.
                invalid(line: pendingLine, offset: pendingStart, byte: pendingFirst)
                pending = 0
            }
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                continue
            }
            switch byte {
            case 0xC2...0xDF: start(byte, expecting: 1, 0x80, 0xBF)
            case 0xE0: start(byte, expecting: 2, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: start(byte, expecting: 2, 0x80, 0xBF)
            case 0xED: start(byte, expecting: 2, 0x80, 0x9F)
            case 0xF0: start(byte, expecting: 3, 0x90, 0xBF)
            case 0xF1...0xF3: start(byte, expecting: 3, 0x80, 0xBF)
            case 0xF4: start(byte, expecting: 3, 0x80, 0x8F)
            default: invalid(line: line, offset: offset, byte: byte)
            }
        }
    }

    /// The end of the file: a character cut short there is invalid.
    public mutating func finish() {
        if pending > 0 {
            invalid(line: pendingLine, offset: pendingStart, byte: pendingFirst)
            pending = 0
        }
    }

    private mutating func start(_ byte: UInt8, expecting count: Int, _ low: UInt8, _ high: UInt8) {
        pending = count
        pendingStart = offset
        pendingLine = line
        pendingFirst = byte
        secondLow = low
        secondHigh = high
        sawSecond = false
    }

    private mutating func invalid(line: Int, offset: Int64, byte: UInt8) {
        if firstInvalid == nil { firstInvalid = RPPSEncoding.InvalidByte(line: line, offset: offset, byte: byte) }
    }
}
