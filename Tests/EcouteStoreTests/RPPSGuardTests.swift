import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// The register import as the real extract tries it: UTF-8 read in blocks that cut characters,
/// a stray Windows-1252 byte, a byte-order mark, and every file that would lose the register
/// (empty, header-only, CR-only, cut short, a field out of bounds, a large shrink), each refused
/// with the directory left byte-identical.
@Suite struct RPPSGuardTests {
    typealias T = RPPSImportTests

    /// Names with characters of two, three and four bytes in UTF-8.
    static let firstNames = ["Hélène", "Zoë", "Łukasz", "Jean‑Noël", "Ōtsuka", "Ægir", "Chloé", "Inès", "Noé", "Émile"]
    static let lastNames = ["Müller", "Ñúñez", "Lefèvre", "Dœuf", "𝔸ndré", "Çelik", "Żółć", "Brontë", "Šimić", "Mañé"]

    /// `count` professionals, every one kept: GPs, psychiatrists and psychologists in turn.
    static func people(_ count: Int, from first: Int = 0) -> [[String: String]] {
        (first..<(first + count)).map { i in
            let (profession, skill) = [("Médecin", "Médecine Générale"), ("Médecin", "Psychiatrie"), ("Psychologue", "")][i % 3]
            return T.person("2\(1000 + i)", firstNames[i % firstNames.count], lastNames[(i / 3) % lastNames.count],
                            profession: profession, skill: skill, site: "S\(i)", postcode: "69003", town: "Lyon", dep: "69")
        }
    }

    static func extract(_ people: [[String: String]]) -> String {
        ([T.columns.joined(separator: "|")] + people.map(T.line)).map { $0 + "\n" }.joined()
    }

    static func write(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-\(UUID().uuidString).txt").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func importer(_ t: TemporaryDatabase) -> RPPSImporter { RPPSImporter(file: t.directoryFile, geography: TestResources.geography) }

    /// The directory file's bytes, and whether a copy being built was left beside it.
    static func snapshot(_ t: TemporaryDatabase) throws -> Data {
        #expect(t.directoryFile.leftovers().isEmpty)
        return try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path))
    }

    /// Imports `data` over a directory holding `Self.people(20)`, expects a refusal saying each
    /// of `says`, and the directory file byte-identical.
    static func expectRefused(_ data: Data, options: RPPSImportOptions = RPPSImportOptions(), says: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let t = try TemporaryDatabase()
        let good = try write(Data(extract(people(20)).utf8))
        defer { unlink(good) }
        _ = try importer(t).importFile(good)
        let before = try snapshot(t)
        let bad = try write(data)
        defer { unlink(bad) }
        do {
            let report = try importer(t).importFile(bad, options: options, blockSize: 16)
            Issue.record("accepted: \(report)", sourceLocation: sourceLocation)
        } catch {
            let message = String(describing: error)
            #expect(message.hasPrefix(bad + ": "), "\(message)", sourceLocation: sourceLocation)
            for fragment in says { #expect(message.contains(fragment), "« \(message) » lacks « \(fragment) »", sourceLocation: sourceLocation) }
        }
        #expect(try snapshot(t) == before, "the directory changed", sourceLocation: sourceLocation)
    }

    // MARK: - Encoding

    @Test func utf8ReadInBlocksThatCutCharactersKeepsEveryoneByteExact() throws {
        let people = Self.people(60)
        let data = Data(Self.extract(people).utf8)
        let expected = Set(people.map { "\($0["Prénom d'exercice"]!) \($0["Nom d'exercice"]!)" })
        // Blocks of these sizes start on continuation bytes and end inside characters.
        for blockSize in [1, 2, 3, 5, 7, 64] {
            let starts = stride(from: blockSize, to: data.count, by: blockSize).map { data[$0] }
            #expect(starts.contains { $0 & 0xC0 == 0x80 }, "no block of \(blockSize) starts inside a character")
        }
        for blockSize in [1, 2, 3, 5, 7, 64, 1 << 20] {
            let t = try TemporaryDatabase()
            let path = try Self.write(data)
            defer { unlink(path) }
            let report = try Self.importer(t).importFile(path, options: RPPSImportOptions(), blockSize: blockSize)
            #expect(report.encoding == "UTF-8")
            #expect(report.lines == 60 && report.kept == [.gp: 20, .psychiatrist: 20, .psychologist: 20])
            let names = try t.directory.allEntries().filter { $0.source == "rpps" }
                .map { $0.name.hasPrefix("Dr ") ? String($0.name.dropFirst(3)) : $0.name }
            #expect(names.count == 60)
            #expect(Set(names.map { Array($0.utf8) }) == Set(expected.map { Array($0.utf8) }), "blocks of \(blockSize)")
        }
    }

    @Test func aStrayWindows1252ByteInUTF8IsRefusedWhereItIsUnlessAsked() throws {
        let text = Self.extract(Self.people(20))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Line 4 (the header is 1), a psychologist's, gets « é » written as Windows-1252 at the
        // start of its second field.
        let head = Data(lines.prefix(3).map { $0 + "\n" }.joined().utf8)
        var fourth = Array(lines[3].utf8)
        let at = fourth.firstIndex(of: UInt8(ascii: "|"))! + 1
        fourth.insert(0xE9, at: at)
        let data = head + Data(fourth) + Data("\n".utf8) + Data(lines.dropFirst(4).joined(separator: "\n").utf8)
        let strayOffset = head.count + at
        try Self.expectRefused(data, says: ["line 4, byte \(strayOffset) (0xE9)", "--encoding windows-1252"])
        // Asked for, it imports, every byte read as Windows-1252: the header is found by name all
        // the same, the stray byte is the « é » it is (and « Médecin » written in UTF-8 is not
        // read as a doctor: forcing an encoding is the administrator's call).
        let t = try TemporaryDatabase()
        let path = try Self.write(data)
        defer { unlink(path) }
        let report = try Self.importer(t).importFile(path, options: RPPSImportOptions(encoding: .windows1252), blockSize: 7)
        #expect(report.encoding == "Windows-1252" && report.lines == 20)
        #expect(try t.directory.allEntries().contains { $0.sourceID == "é21002-S2-psychologist" })
    }

    @Test func aByteOrderMarkDoesNotChangeHowTheHeaderIsRead() throws {
        // « Identifiant PP » first: behind the mark, it must still be found by name.
        let reordered = RPPSImportTests.lines.map { line -> String in
            var fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            fields.swapAt(0, 1)
            return fields.joined(separator: "|")
        }
        let data = Data(RPPSEncoding.byteOrderMark) + Data(reordered.map { $0 + "\r\n" }.joined().utf8)
        for blockSize in [1, 2, 4, 1 << 20] {
            let t = try TemporaryDatabase()
            let path = try Self.write(data)
            defer { unlink(path) }
            let report = try Self.importer(t).importFile(path, options: RPPSImportOptions(), blockSize: blockSize)
            #expect(report.encoding == "UTF-8" && report.kept == [.gp: 2, .psychiatrist: 2, .psychologist: 2])
            #expect(try t.directory.allEntries().contains { $0.sourceID == "10001-S1-gp" && $0.name == "Dr Hélène Martin" })
        }
        // A mark promises UTF-8: a Windows-1252 byte after it is refused.
        try Self.expectRefused(Data(RPPSEncoding.byteOrderMark) + RPPSImportTests.lines.map { $0 + "\n" }.joined().data(using: .windowsCP1252)!,
                               says: ["line 1, byte ", "byte-order mark", "--encoding windows-1252"])
    }

    // MARK: - Files that would lose the register

    @Test func filesThatWouldEmptyTheRegisterAreRefused() throws {
        let header = T.columns.joined(separator: "|")
        let good = Self.extract(Self.people(20))
        try Self.expectRefused(Data(), says: ["empty file"])
        try Self.expectRefused(Data(RPPSEncoding.byteOrderMark), says: ["empty file"])
        try Self.expectRefused(Data((header + "\n").utf8), says: ["no line after the header"])
        try Self.expectRefused(Data((header + "\r\n\r\n  \n").utf8), says: ["no line after the header"])
        try Self.expectRefused(Data(good.replacingOccurrences(of: "\n", with: "\r").utf8), says: ["line 1", "CR alone"])
        // Cut short: no newline at the end, or the last line short of its columns.
        let cut = String(good.dropLast(40))
        let lastLine = cut.split(separator: "\n").count
        let lastStart = Data(cut.utf8).count - Data(cut.split(separator: "\n").last!.utf8).count
        try Self.expectRefused(Data(cut.utf8), says: ["line \(lastLine), byte \(lastStart)", "no newline", "cut short"])
        try Self.expectRefused(Data((cut + "\n").utf8), says: ["line \(lastLine), byte \(lastStart)", "field(s) where the header has \(T.columns.count)"])
    }

    @Test func aFieldLongerThanAllowedIsRefusedNamingLineAndField() throws {
        var people = Self.people(20)
        people[6]["Libellé Voie (coord. structure)"] = String(repeating: "rue ", count: 100)
        let text = Self.extract(people)
        let line8 = text.split(separator: "\n")[7]
        let fieldStart = Data(text.split(separator: "\n").prefix(7).map { $0 + "\n" }.joined().utf8).count
            + Data(line8.split(separator: "|", omittingEmptySubsequences: false).prefix(14).map { $0 + "|" }.joined().utf8).count
        try Self.expectRefused(Data(text.utf8), says: ["line 8, byte \(fieldStart), field « Libellé Voie (coord. structure) »",
                                                     "400 bytes", "more than the \(RPPSExtract.longestField)"])
    }

    @Test func aLineRefusedAfterThousandsOfEntriesLeavesTheDirectoryByteIdentical() throws {
        // Far more entries than one batch of the reading thread: the refusal reaches the writer
        // after it has written thousands of rows into the copy, which is then dropped.
        let count = RPPSEntryReader.batchSize * 3 + 17
        let text = Self.extract(Self.people(count))
        let short = T.line(Self.people(1, from: count)[0]).split(separator: "|").prefix(10).joined(separator: "|")
        try Self.expectRefused(Data((text + short + "\n").utf8),
                               says: ["line \(count + 2), byte \(Data(text.utf8).count)", "field(s) where the header has \(T.columns.count)"])
    }

    @Test func aRepeatedLineIsCountedOnceAndTheFirstOfItIsKeptAtAReimportToo() throws {
        let t = try TemporaryDatabase()
        var people = Self.people(20)
        let full = try Self.write(Data(Self.extract(people).utf8))
        var repeated = people[4]
        repeated["Libellé commune (coord. structure)"] = "Villeurbanne"
        people.insert(repeated, at: 9)
        let withRepeat = try Self.write(Data(Self.extract(people).utf8))
        defer { for path in [full, withRepeat] { unlink(path) } }
        for _ in 0..<2 {
            // Into a new directory, then over the one the first import built.
            let report = try Self.importer(t).importFile(withRepeat)
            #expect(report.duplicates == 1 && report.retired == 0 && report.kept.values.reduce(0, +) == 20)
            let entries = try t.directory.allEntries().filter { $0.source == "rpps" }
            #expect(entries.count == 20 && entries.allSatisfy { $0.active && $0.city == "Lyon" })
        }
        #expect(try Self.importer(t).importFile(full).duplicates == 0)
    }

    @Test func aReimportOverItselfRetiresNoneAndAHalfCutFileIsRefusedUnlessAllowed() throws {
        let t = try TemporaryDatabase()
        let full = try Self.write(Data(Self.extract(Self.people(20)).utf8))
        let half = try Self.write(Data(Self.extract(Self.people(10)).utf8))
        let tenth = try Self.write(Data(Self.extract(Self.people(18)).utf8))
        defer { for path in [full, half, tenth] { unlink(path) } }
        #expect(try Self.importer(t).importFile(full).kept.values.reduce(0, +) == 20)
        #expect(try Self.importer(t).importFile(full).retired == 0)
        try Self.expectRefused(Data(Self.extract(Self.people(10)).utf8),
                               says: ["would retire 10 of the 20 active entries of source « rpps » (50 %", "--allow-shrink"])
        // The same file, allowed: retired.
        #expect(try Self.importer(t).importFile(half, options: RPPSImportOptions(allowShrink: true)).retired == 10)
        #expect(try t.directory.allEntries().filter { $0.source == "rpps" && $0.active }.count == 10)
        // A tenth is not more than a tenth.
        let u = try TemporaryDatabase()
        _ = try Self.importer(u).importFile(full)
        #expect(try Self.importer(u).importFile(tenth).retired == 2)
        // Every other professional gone (the same count, other people): refused as well.
        try Self.expectRefused(Data(Self.extract(Self.people(20, from: 20)).utf8), says: ["would retire 20 of the 20"])
    }

    @Test func copiesLeftByAKilledImportAreRemovedAndReported() throws {
        let t = try TemporaryDatabase()
        let folder = URL(fileURLWithPath: t.directoryFile.path).deletingLastPathComponent().path
        let leftover = folder + "/." + URL(fileURLWithPath: t.directoryFile.path).lastPathComponent + ".99999.building"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("half a directory".utf8)))
        let path = try Self.write(Data(Self.extract(Self.people(3)).utf8))
        defer { unlink(path) }
        let report = try Self.importer(t).importFile(path)
        #expect(report.removedLeftovers == [leftover])
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try Self.importer(t).importFile(path).removedLeftovers.isEmpty)
        // The curated import cleans them too.
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data()))
        let csv = "source,source_id,kind,name,departement\nlocal,u1,unit,Unité,69\n"
        #expect(try t.importer.importCSV(csv, fileName: "u.csv", defaultSource: "local").removedLeftovers == [leftover])
    }

    // MARK: - Every kind a person has

    @Test func aDoctorWhoIsGPAndPsychiatristAtOnePlaceIsProposedAsEach() throws {
        let t = try TemporaryDatabase()
        let gp = T.person("30001", "Marc", "Rivière", profession: "Médecin", skill: "Médecine Générale", site: "S1", postcode: "69003", town: "Lyon", dep: "69")
        var psychiatry = gp
        psychiatry["Libellé savoir-faire"] = "Psychiatrie"
        let path = try Self.write(Data(Self.extract([gp, psychiatry, psychiatry]).utf8))
        defer { unlink(path) }
        let report = try Self.importer(t).importFile(path)
        #expect(report.kept == [.gp: 1, .psychiatrist: 1] && report.duplicates == 1)
        for kind in [ReferralKind.gp, .psychiatrist] {
            let ranked = try t.directory.candidates(kind: kind, near: "69", preferring: nil, excluding: [], limit: 5)
            #expect(ranked.map(\.entry.name) == ["Dr Marc Rivière"], "\(kind)")
        }
        #expect(try Self.importer(t).importFile(path).retired == 0)
    }

    @Test func registerEntriesFromBeforeKindIdsKeepTheirIdsAtTheNextImport() throws {
        let t = try TemporaryDatabase()
        let path = try Self.write(Data(Self.extract(Self.people(6)).utf8))
        defer { unlink(path) }
        _ = try Self.importer(t).importFile(path)
        let ids = try t.directory.allEntries().filter { $0.source == "rpps" }.map { ($0.sourceID, $0.id) }
        // The file as an earlier version wrote it: ids professional-place, no kind migration.
        let old = try DatabaseQueue(path: t.directoryFile.path)
        try old.write { db in
            try db.execute(sql: "UPDATE directory_entries SET source_id = substr(source_id, 1, length(source_id) - length(kind) - 1) WHERE source = 'rpps'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'd3-rpps-kind-ids'")
        }
        try old.close()
        t.directoryFile.closeReader()
        #expect(try t.directory.allEntries().contains { $0.sourceID == "21000-S0" })
        let report = try Self.importer(t).importFile(path)
        #expect(report.retired == 0 && report.kept.values.reduce(0, +) == 6)
        let after = try t.directory.allEntries().filter { $0.source == "rpps" }.map { ($0.sourceID, $0.id) }
        #expect(after.map(\.0) == ids.map(\.0) && after.map(\.1) == ids.map(\.1))
    }
}
