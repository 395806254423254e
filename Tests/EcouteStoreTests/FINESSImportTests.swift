import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// The FINESS extract (establishments), from the fictitious fixture `Tests/Fixtures/finess-sample.csv`:
/// the categories read and skipped, FINESS's own département codes, both encodings, blocks that cut
/// characters; a source of its own that never retires the register's professionals; and the
/// register's guards, each refusal leaving the directory byte-identical.
@Suite struct FINESSImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/finess-sample.csv")

    static var text: String { (try? String(contentsOf: fixture, encoding: .utf8)) ?? "" }
    static var lines: [String] { text.split(separator: "\n").map(String.init) }

    static func write(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("finess-\(UUID().uuidString).csv").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func importer(_ t: TemporaryDatabase) -> FINESSImporter { FINESSImporter(file: t.directoryFile, geography: TestResources.geography) }

    static func entries(_ t: TemporaryDatabase) throws -> [String: DirectoryEntry] {
        Dictionary(uniqueKeysWithValues: try t.directory.allEntries().filter { $0.source == "finess" }.map { ($0.sourceID, $0) })
    }

    @Test(arguments: [(String.Encoding.utf8, "\n", 1 << 20), (.utf8, "\n", 3), (.windowsCP1252, "\r\n", 1 << 20), (.windowsCP1252, "\r\n", 5)])
    func csapaAndPsychiatricEstablishmentsInEitherEncoding(_ encoding: String.Encoding, _ ending: String, _ blockSize: Int) throws {
        #expect(Self.lines.count == 13, "the fixture")
        let t = try TemporaryDatabase()
        let path = try Self.write(Self.lines.map { $0 + ending }.joined().data(using: encoding)!)
        defer { unlink(path) }
        let report = try Self.importer(t).importFile(path, options: RPPSImportOptions(), blockSize: blockSize)
        #expect(report.encoding == (encoding == .utf8 ? "UTF-8" : "Windows-1252"))
        #expect(report.stream == "finess;etalab;113;2026-05-12")
        #expect(report.lines == 10 && report.otherSections == 2)
        #expect(report.kept == [.addiction: 4, .unit: 2])
        #expect(report.skippedCategories == ["Etablissement d'hébergement pour personnes âgées dépendantes (500)": 1,
                                             "Centre Médico-Psychologique (C.M.P.) (156)": 1])
        #expect(report.skippedNoContact == 1 && report.duplicates == 1 && report.retired == 0)
        let e = try Self.entries(t)
        #expect(e.count == 6)
        let lyon = e["690000011"]
        #expect(lyon?.kind == .addiction && lyon?.name == "CENTRE DE SOINS EN ADDICTOLOGIE LES TILLEULS")
        #expect(lyon?.address == "12 rue DE LA RÉPUBLIQUE" && lyon?.postcode == "69003" && lyon?.city == "LYON")
        #expect(lyon?.departement == "69" && lyon?.region == "84" && lyon?.phones == ["04 65 71 00 01"])
        #expect(lyon?.organisation == "Centre soins accompagnement prévention addictologie (C.S.A.P.A.)")
        #expect(lyon?.specialities == ["addiction"] && lyon?.isSample == false)
        #expect(e["690000029"]?.kind == .unit && e["690000029"]?.city == "BRON")
        // The short name when there is no long one, with its complement.
        #expect(e["2A0000037"]?.name == "CLINIQUE DU GOLFE FICTIVE — ANTENNE DU PORT" && e["2A0000037"]?.departement == "2A")
        #expect(e["2A0000037"]?.address == "4 BIS avenue NAPOLÉON")
        // FINESS codes overseas départements 9A…9F: the postcode says which.
        #expect(e["9D0000045"]?.departement == "974" && e["9D0000045"]?.address == "LIEU-DIT LA MONTAGNE")
        #expect(e["9F0000052"]?.departement == "976" && e["9F0000052"]?.phones == [])
        // « CEDEX » is not part of the town.
        #expect(e["130000060"]?.city == "MARSEILLE" && e["130000060"]?.address == "3 quai DU PORT")
        // The kinds it brings are real from now on: no sample entry is proposed for them.
        let real = try t.directoryFile.read { db in try String.fetchAll(db, sql: "SELECT kind FROM directory_real_kinds") }
        #expect(Set(real).isSuperset(of: ["addiction", "unit"]))
    }

    @Test func aSourceOfItsOwnNeverRetiresTheRegistersProfessionals() throws {
        let t = try TemporaryDatabase()
        let rpps = try RPPSGuardTests.write(Data(RPPSGuardTests.extract(RPPSGuardTests.people(9)).utf8))
        let finess = try Self.write(Data(Self.text.utf8))
        defer { unlink(rpps); unlink(finess) }
        _ = try RPPSGuardTests.importer(t).importFile(rpps)
        let professionals = try t.directory.allEntries().filter { $0.source == "rpps" }
        #expect(professionals.count == 9)
        #expect(try Self.importer(t).importFile(finess).retired == 0)
        // Re-imported over itself: nothing retired; the register's import does not retire FINESS either.
        #expect(try Self.importer(t).importFile(finess).retired == 0)
        #expect(try RPPSGuardTests.importer(t).importFile(rpps).retired == 0)
        let all = try t.directory.allEntries()
        #expect(all.filter { $0.source == "rpps" && $0.active }.count == 9)
        #expect(all.filter { $0.source == "finess" && $0.active }.count == 6)
        // A FINESS extract that lost half its establishments, allowed: only FINESS entries retired.
        let kept = Self.lines.filter { !$0.contains("690000029") && !$0.contains("9D0000045") && !$0.contains("130000060") }
        let shrunk = try Self.write(Data(kept.map { $0 + "\n" }.joined().utf8))
        defer { unlink(shrunk) }
        #expect(try Self.importer(t).importFile(shrunk, options: RPPSImportOptions(allowShrink: true)).retired == 3)
        let after = try t.directory.allEntries()
        #expect(after.filter { $0.source == "rpps" && $0.active }.count == 9)
        #expect(Set(after.filter { $0.source == "finess" && !$0.active }.map(\.sourceID)) == ["690000029", "9D0000045", "130000060"])
    }

    /// Imports `data` over a directory holding the fixture, expects a refusal saying each of
    /// `says`, and the directory file byte-identical.
    static func expectRefused(_ data: Data, options: RPPSImportOptions = RPPSImportOptions(), says: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let t = try TemporaryDatabase()
        let good = try write(Data(text.utf8))
        defer { unlink(good) }
        _ = try importer(t).importFile(good)
        let before = try RPPSGuardTests.snapshot(t)
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
        #expect(try RPPSGuardTests.snapshot(t) == before, "the directory changed", sourceLocation: sourceLocation)
    }

    @Test func filesThatWouldLoseTheEstablishmentsAreRefused() throws {
        let text = Self.text
        try Self.expectRefused(Data(), says: ["empty file"])
        try Self.expectRefused(Data((Self.lines[0] + "\n").utf8), says: ["no establishment (« structureet ») line after line 1"])
        try Self.expectRefused(Data((Self.lines[0] + "\n" + Self.lines[11] + "\n").utf8), says: ["no establishment"])
        try Self.expectRefused(Data(text.replacingOccurrences(of: "\n", with: "\r").utf8), says: ["line 1", "CR alone"])
        // Not FINESS: the register's extract given as FINESS.
        try Self.expectRefused(Data(RPPSGuardTests.extract(RPPSGuardTests.people(3)).utf8), says: ["line 1", "not a FINESS extract's first line"])
        // Cut short: no newline at the end, or an establishment's line short of its fields.
        let cut = String(Self.lines.prefix(6).map { $0 + "\n" }.joined().dropLast(60))
        let lastStart = Data(Self.lines.prefix(5).map { $0 + "\n" }.joined().utf8).count
        try Self.expectRefused(Data(cut.utf8), says: ["line 6, byte \(lastStart)", "no newline", "cut short"])
        try Self.expectRefused(Data((cut + "\n").utf8), says: ["line 6, byte \(lastStart)", "field(s) where an establishment's line has 32"])
        // A stray Windows-1252 byte in a UTF-8 file: refused where it is.
        var bytes = Array(text.utf8)
        let third = Data(Self.lines.prefix(2).map { $0 + "\n" }.joined().utf8).count
        bytes.insert(0xE9, at: third + 20)
        try Self.expectRefused(Data(bytes), says: ["line 3, byte \(third + 20) (0xE9)", "--encoding windows-1252"])
    }

    @Test func aFieldLongerThanAllowedIsRefusedNamingLineByteAndField() throws {
        var lines = Self.lines
        var fields = lines[3].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        fields[9] = String(repeating: "RUE ", count: 100)
        lines[3] = fields.joined(separator: ";")
        let start = Data(lines.prefix(3).map { $0 + "\n" }.joined().utf8).count + Data(fields.prefix(9).map { $0 + ";" }.joined().utf8).count
        try Self.expectRefused(Data(lines.map { $0 + "\n" }.joined().utf8),
                               says: ["line 4, byte \(start), field 10 « voie »", "400 bytes", "more than the \(FINESSExtract.longestField)"])
    }

    @Test func aHalfCutExtractIsRefusedUnlessAllowedAndAReimportRetiresNone() throws {
        let gone = ["690000029", "9D0000045", "130000060"]
        let half = Self.lines.filter { line in !gone.contains { line.contains($0) } }
        try Self.expectRefused(Data(half.map { $0 + "\n" }.joined().utf8),
                               says: ["would retire 3 of the 6 active entries of source « finess » (50 %", "--allow-shrink"])
        let t = try TemporaryDatabase()
        let path = try Self.write(Data(Self.text.utf8))
        defer { unlink(path) }
        _ = try Self.importer(t).importFile(path)
        let again = try Self.importer(t).importFile(path)
        #expect(again.retired == 0 && again.kept == [.addiction: 4, .unit: 2])
    }
}
