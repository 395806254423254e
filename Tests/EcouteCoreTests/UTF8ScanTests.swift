@testable import EcouteCore
import Foundation
import Testing

/// The validation pass that decides a register extract's encoding: it must agree with the
/// standard library's UTF-8 validation however the file is cut into blocks, and name the line
/// and byte of the first invalid byte.
@Suite struct UTF8ScanTests {
    static func scan(_ bytes: [UInt8], blockSize: Int) -> UTF8Scan {
        var scan = UTF8Scan()
        var i = 0
        while i < bytes.count {
            scan.feed(Array(bytes[i..<min(i + blockSize, bytes.count)]))
            i += blockSize
        }
        scan.finish()
        return scan
    }

    @Test func agreesWithTheStandardLibraryWhateverTheBlocks() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            Array("é".utf8), Array("€".utf8), Array("𝔸".utf8), Array("abc|def\n".utf8), Array("Zoë\r\n".utf8),
            [0xE9], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xFF],
        ]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &rng) { bytes += pieces.randomElement(using: &rng)! }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            for blockSize in [1, 2, 3, 5, 8, 9, 4096] {
                #expect((Self.scan(bytes, blockSize: blockSize).firstInvalid == nil) == valid, "\(bytes) in blocks of \(blockSize)")
            }
        }
    }

    @Test func namesTheLineAndByteOfTheFirstInvalidByte() throws {
        let before = Array("Identifiant PP|Nom\n10001|Hélène\n10002|".utf8)
        let bytes = before + [0xE9] + Array("lise\n10003|Zoë\n".utf8)
        for blockSize in [1, 3, 7, 8, 64] {
            let scan = Self.scan(bytes, blockSize: blockSize)
            #expect(scan.firstInvalid == RPPSEncoding.InvalidByte(line: 3, offset: Int64(before.count), byte: 0xE9))
            #expect(scan.multibyteCharacters == 3)
        }
        // The newline count is right past runs of eight ASCII bytes, including 0x0B after LF.
        let lines = Array("aaaaaa\n\u{0B}bbbbbbb\ncccccccc\n".utf8) + [0x92]
        #expect(Self.scan(lines, blockSize: 4096).firstInvalid?.line == 4)
    }

    @Test func aCharacterCutByTheEndOfTheFileIsInvalid() {
        let bytes = Array("Hélène".utf8) + [0xE2, 0x82]
        #expect(Self.scan(bytes, blockSize: 1).firstInvalid == RPPSEncoding.InvalidByte(line: 1, offset: 8, byte: 0xE2))
    }

    @Test func theDecision() {
        var mixed = UTF8Scan()
        mixed.feed(Array("Hélène ".utf8) + [0xE9])
        mixed.finish()
        var legacy = UTF8Scan()
        legacy.feed([0x48, 0xE9, 0x6C, 0xE8, 0x6E, 0x65])
        legacy.finish()
        var ascii = UTF8Scan()
        ascii.feed(Array("Martin".utf8))
        ascii.finish()
        #expect(RPPSEncoding.decide(bom: false, requested: nil, scan: ascii) == .success(.utf8))
        #expect(RPPSEncoding.decide(bom: false, requested: nil, scan: legacy) == .success(.windows1252))
        #expect(RPPSEncoding.decide(bom: false, requested: .windows1252, scan: mixed) == .success(.windows1252))
        for (bom, requested, scan) in [(false, nil, mixed), (true, nil, legacy), (false, RPPSEncoding.utf8, legacy)] {
            guard case .failure(let refusal) = RPPSEncoding.decide(bom: bom, requested: requested, scan: scan) else {
                Issue.record("accepted: bom \(bom), requested \(String(describing: requested))")
                continue
            }
            #expect(refusal.description.contains("--encoding windows-1252"))
        }
    }

    @Test func windows1252DecodesEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        let text = RPPSEncoding.windows1252.decode(bytes)
        #expect(text.unicodeScalars.count == 256)
        #expect(RPPSEncoding.windows1252.decode([0x48, 0xE9, 0x80, 0x9C]) == "Hé€œ")
        #expect(RPPSEncoding.windows1252.decode([0x48, 0xE9, 0x80, 0x9C]) == String(data: Data([0x48, 0xE9, 0x80, 0x9C]), encoding: .windowsCP1252))
    }

    @Test func windows1252ReadFromMemoryGivesTheSameCharactersAsByteByByte() {
        // Every byte, alone and among ASCII: the importers' table gives what the scalar mapping gives.
        for byte in UInt8.min...UInt8.max {
            for bytes in [[byte], [0x41, byte, 0x7A]] {
                let fromTable = bytes.withUnsafeBufferPointer { RPPSEncoding.windows1252.decode(buffer: $0) }
                let expected = String(String.UnicodeScalarView(bytes.map { b in
                    b >= 0x80 && b < 0xA0 ? Unicode.Scalar(RPPSEncoding.c1[Int(b - 0x80)])! : Unicode.Scalar(b)
                }))
                #expect(fromTable == expected, "byte 0x\(String(byte, radix: 16))")
            }
        }
        #expect([0x80, 0x9C, 0xE9].withUnsafeBufferPointer { RPPSEncoding.windows1252.decode(buffer: $0) } == "€œé")
    }

    @Test func aPostcodeIsReadFromItsDigitsZeroToNineOnly() {
        let g = ScenarioTests.geography
        // Full-width digits are numerals but not a postcode's: no département, and no crash.
        #expect(RPPSExtract.departement(code: "", postcode: "20\u{FF11}00", geography: g) == nil)
        #expect(RPPSExtract.departement(code: "", postcode: "20 190", geography: g) == "2A")
        #expect(RPPSExtract.departement(code: "", postcode: "20200", geography: g) == "2B")
        #expect(RPPSExtract.departement(code: " 2a ", postcode: "", geography: g) == "2A")
        #expect(RPPSExtract.phone("+33 4 72 00 00 00") == "04 72 00 00 00")
        #expect(RPPSExtract.phone("04\u{FF17}2") == "04\u{FF17}2")   // not a number: as written
    }
}
