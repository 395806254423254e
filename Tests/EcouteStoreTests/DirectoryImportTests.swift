import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteSQLite

@Suite struct DirectoryImportTests {
    static let header = "source_id,kind,name,departement,phones,email,teleconsultation,capacity,last_verified,region,postcode,website,active"

    func csv(_ rows: [String]) -> String { ([Self.header] + rows).joined(separator: "\n") + "\n" }

    @Test func validFileImports() throws {
        let t = try TemporaryDatabase()
        let report = try t.importer.importCSV(csv([
            "p1,psychologist,Claire Martin,69,04 65 71 00 01,claire@example.org,oui,,2026-03-01,84,69003,https://example.org,yes",
            "u1,unit,Unité,1,04 65 71 00 02,,no,25,,,,,",
            "e1,emergency,3114,,3114,,,,,,,,",
        ]), fileName: "f.csv", defaultSource: "f.csv")
        #expect(report == .init(inserted: 3, updated: 0, skipped: []))
        let unit = try #require(try t.directory.search("unité").first)
        #expect(unit.departement == "01" && unit.region == "84" && unit.capacity == 25 && unit.source == "f.csv")
    }

    @Test func everyKindOfInvalidRowIsReportedWithLineAndColumn() throws {
        let t = try TemporaryDatabase()
        let text = csv([
            "a,psychologist,,69,,,,,,,,,",              // 2: missing name
            "b,wizard,X,69,,,,,,,,,",                   // 3: unknown kind
            "c,gp,X,99,,,,,,,,,",                       // 4: unknown département
            "d,gp,X,69,12345,,,,,,,,",                  // 5: bad phone
            "e,gp,X,69,,not-an-email,,,,,,,",           // 6: bad e-mail
            "f,gp,X,69,,,maybe,,,,,,",                  // 7: bad boolean
            "g,unit,X,69,,,,lots,,,,,",                 // 8: bad capacity
            "h,gp,X,69,,,,,2026-02-30,,,,",             // 9: bad date
            "i,gp,X,69,,,,,,11,,,",                     // 10: region does not contain the département
            "i,gp,Y,69,,,,,,,,,",                       // 11: duplicate
            "j,gp,X,69",                                // 12: ragged row
            ",gp,X,69,,,,,,,,,",                        // 13: missing identifier
            "k,gp,X,,,,,,,,,,",                         // 14: missing département
            "l,gp,X,69,,,,,,,6900,,",                   // 15: bad postcode
            "m,gp,X,69,,,,,,,,ftp://x,",                // 16: bad website
        ])
        let before = try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path))
        var problems: [ImportProblem] = []
        do {
            _ = try t.importer.importCSV(text, fileName: "bad.csv", defaultSource: "bad")
            Issue.record("an invalid file was accepted")
        } catch let rejected as DirectoryImporter.Rejected {
            problems = rejected.problems
            #expect(rejected.description.contains("bad.csv: line 3, column kind: unknown kind \"wizard\""))
        }
        let located = problems.map { "\($0.line):\($0.column ?? "-")" }
        #expect(located == [
            "2:name", "3:kind", "4:departement", "5:phones", "6:email", "7:teleconsultation", "8:capacity",
            "9:last_verified", "10:region", "11:source_id", "12:-", "13:source_id", "14:departement", "15:postcode", "16:website",
        ])
        // Atomic: a rejected file leaves the database unchanged.
        #expect(try t.directory.count() == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path)) == before)
    }

    @Test func aFieldLongerThanAllowedIsRefusedWithLineAndColumn() throws {
        let t = try TemporaryDatabase()
        let before = try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path))
        let long = String(repeating: "é", count: DirectoryValidator.longestField / 2 + 1)
        let text = csv(["p1,psychologist,Claire Martin,69,,,,,,,,,", "p2,psychologist,\(long),69,,,,,,,,,"])
        do {
            _ = try t.importer.importCSV(text, fileName: "f.csv", defaultSource: "f.csv")
            Issue.record("a name of \(long.utf8.count) bytes was accepted")
        } catch let rejected as DirectoryImportRejected {
            #expect(rejected.problems == [ImportProblem(line: 3, column: "name",
                                                        reason: "\(long.utf8.count) bytes, more than the \(DirectoryValidator.longestField) a field may have")])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path)) == before)
    }

    @Test func unknownOrMissingColumnsRejectTheFile() throws {
        let t = try TemporaryDatabase()
        #expect(throws: DirectoryImporter.Rejected.self) {
            try t.importer.importCSV("source_id,kind,name,departement,colour\n", fileName: "f", defaultSource: "f")
        }
        #expect(throws: DirectoryImporter.Rejected.self) {
            try t.importer.importCSV("source_id,kind,name\nx,gp,X\n", fileName: "f", defaultSource: "f", skipInvalid: true)
        }
        #expect(throws: DirectoryImporter.Rejected.self) {
            try t.importer.importCSV("source_id,kind,name,departement\n\"x,gp,X,69\n", fileName: "f", defaultSource: "f")
        }
        // A syntax error rejects the file even with --skip-invalid: its rows cannot be told apart.
        #expect(throws: DirectoryImporter.Rejected.self) {
            try t.importer.importCSV("source_id,kind,name,departement\na,gp,A,69\nb,gp,B\"x,69\n", fileName: "f", defaultSource: "f", skipInvalid: true)
        }
        #expect(try t.directory.count() == 0)
    }

    @Test func skipInvalidImportsTheValidRowsAndListsTheRest() throws {
        let t = try TemporaryDatabase()
        let report = try t.importer.importCSV(csv(["a,gp,A,69,,,,,,,,,", "b,gp,,69,,,,,,,,,"]),
                                              fileName: "f", defaultSource: "f", skipInvalid: true)
        #expect(report.inserted == 1)
        #expect(report.skipped.map(\.line) == [3])
    }

    @Test func reimportingASourceUpdatesInsteadOfDuplicating() throws {
        let t = try TemporaryDatabase()
        _ = try t.importer.importCSV(csv(["a,gp,Dr A,69,,,,,,,,,", "b,gp,Dr B,69,,,,,,,,,"]), fileName: "f", defaultSource: "src")
        let report = try t.importer.importCSV(csv(["a,gp,Dr A bis,69,,,,,,,,,", "c,gp,Dr C,69,,,,,,,,,"]), fileName: "f", defaultSource: "src")
        #expect(report == .init(inserted: 1, updated: 1, skipped: []))
        #expect(try t.directory.count() == 3)
        #expect(try t.directory.search("bis").map(\.sourceID) == ["a"])
    }

    @Test func exportThenImportRoundTrips() throws {
        let a = try TemporaryDatabase(seedSample: true)
        let exported = DirectoryFormat.csv(try a.directory.allEntries())
        let b = try TemporaryDatabase()
        let report = try b.importer.importCSV(exported, fileName: "export.csv", defaultSource: "x")
        #expect(report.inserted == (try a.directory.count()))
        let strip = { (e: DirectoryEntry) -> DirectoryEntry in var c = e; c.id = nil; return c }
        #expect(try b.directory.allEntries().map(strip) == (try a.directory.allEntries().map(strip)))
        #expect(DirectoryFormat.csv(try b.directory.allEntries()) == exported)
    }
}

@Suite struct DirectorySearchTests {
    @Test func accentsAndCaseAreFoldedAndWordsArePrefixes() throws {
        let t = try TemporaryDatabase()
        var e = entry("x", .psychologist, "69", specialities: ["épuisement"])
        e.name = "Hélène Lefèvre"
        try t.add([e, entry("y", .gp, "75")])
        #expect(try t.directory.search("epuis").map(\.sourceID) == ["x"])
        #expect(try t.directory.search("EPUISEMENT").map(\.sourceID) == ["x"])
        #expect(try t.directory.search("lefe hel").map(\.sourceID) == ["x"])
        #expect(try t.directory.search("helene", kind: .gp).isEmpty)
        #expect(try t.directory.search("", departement: "75").map(\.sourceID) == ["y"])
    }
}

@Suite struct DirectoryStatisticsTests {
    @Test func countsStaleEntriesAndDepartementsLackingANeededKind() throws {
        let t = try TemporaryDatabase()
        var old = entry("a", .gp, "69")
        old.lastVerified = "2024-01-01"
        var fresh = entry("b", .gp, "69")
        fresh.lastVerified = "2026-06-01"
        try t.add([old, fresh, entry("c", .psychologist, "01", active: false), entry("d", .emergency, nil)])
        let stats = try DirectoryStatistics.compute(t.directoryFile, geography: TemporaryDatabase.geography, verifiedCutoff: "2025-11-25")
        #expect(stats.activeByKindAndRegion["gp"] == ["84": 2])
        #expect(stats.activeByKindAndRegion["emergency"] == ["": 1])
        #expect(stats.inactive == 1)
        #expect(stats.notVerifiedSince == 3)  // a (old), c and d (never verified)
        #expect(stats.departementsWithout[.gp]?.count == 100)
        #expect(stats.departementsWithout[.gp]?.contains("69") == false)
        #expect(stats.departementsWithout[.psychologist]?.count == 101)
    }

    @Test func theSampleDirectoryLacksNothingAnywhere() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let stats = try DirectoryStatistics.compute(t.directoryFile, geography: TemporaryDatabase.geography, verifiedCutoff: "2000-01-01")
        // Inactive sample entries may leave a département without one kind; the proposal then widens.
        #expect(stats.departementsWithout.values.allSatisfy { $0.count < 5 })
    }
}

/// An exported directory is safe to open in a spreadsheet and imports back as it was.
@Suite struct DirectoryExportInjectionTests {
    @Test func aNameStartingWithAFormulaIsTextInTheExportAndTheSameAfterReimport() throws {
        let t = try TemporaryDatabase()
        var e = entry("x", .gp, "69")
        e.name = "=CMD|' /C calc'!A0"
        e.phones = ["+33 4 65 71 00 00"]
        try t.add([e])
        let csv = ExchangeFormat.csv.encode(try t.directory.allEntries())
        #expect(csv.contains("'=CMD") && csv.contains("'+33 4 65 71 00 00"))
        let other = try TemporaryDatabase()
        _ = try other.importer.importCSV(csv, fileName: "export.csv", defaultSource: "t")
        let back = try #require(try other.directory.allEntries().first)
        #expect(back.name == "=CMD|' /C calc'!A0" && back.phones == ["+33 4 65 71 00 00"])
    }
}
