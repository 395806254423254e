import EcouteCore
import GRDB
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteSQLite

@Suite struct DirectoryJSONImportTests {
    func importJSON(_ t: TemporaryDatabase, _ text: String, skipInvalid: Bool = false) throws -> DirectoryImporter.Report {
        try t.importer.importFile(text, format: .json, fileName: "f.json", defaultSource: "f.json", skipInvalid: skipInvalid)
    }

    func problems(_ t: TemporaryDatabase, _ text: String) -> [String] {
        do {
            _ = try importJSON(t, text)
            Issue.record("an invalid file was accepted")
            return []
        } catch let rejected as DirectoryImporter.Rejected {
            return rejected.problems.map { "\($0.line):\($0.column ?? "-")" }
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func validFileWithTypedValuesImports() throws {
        let t = try TemporaryDatabase()
        let report = try importJSON(t, """
            [
              {"source_id": "u1", "kind": "unit", "name": "Unité Soignants", "departement": "1", "capacity": 24,
               "teleconsultation": true, "phones": ["04 65 71 00 02", "04 65 71 00 03"], "specialities": ["Burnout", "addiction"]},
              {"source_id": "e1", "kind": "emergency", "name": "3114", "departement": null, "phones": ["3114"], "active": true}
            ]
            """)
        #expect(report == .init(inserted: 2, updated: 0, skipped: []))
        let unit = try #require(try t.directory.search("soignants").first)
        #expect(unit.departement == "01" && unit.region == "84" && unit.capacity == 24 && unit.teleconsultation)
        #expect(unit.phones == ["04 65 71 00 02", "04 65 71 00 03"] && unit.specialities == ["burnout", "addiction"])
    }

    @Test func everyProblemIsLocatedOnTheLineOfItsEntry() throws {
        let t = try TemporaryDatabase()
        let found = problems(t, """
            [
              {"source_id": "a", "kind": "gp", "name": "A", "departement": "99"},
              {"source_id": "b", "kind": "gp", "name": "B", "departement": "69", "colour": "blue"},
              {"source_id": "c", "kind": "gp", "name": "C", "departement": "69", "capacity": 2.5},
              {"source_id": "d", "kind": "gp", "name": "D", "departement": "69", "phones": [1, 2]},
              "not an entry",
              {"source_id": "a", "kind": "gp", "name": "A again", "departement": "69"},
              {"source_id": "f", "kind": "gp", "name": "F", "departement": "69", "teleconsultation": "peut-être"},
              {}
            ]
            """)
        #expect(found == [
            "2:departement", "3:colour", "4:capacity", "5:phones", "6:-", "7:source_id", "8:teleconsultation",
            "9:source_id", "9:name", "9:kind",
        ])
        #expect(try t.directory.count() == 0)
    }

    @Test func aFileThatIsNotAnArrayOfEntriesIsRejectedWithItsLine() throws {
        let t = try TemporaryDatabase()
        #expect(problems(t, "[\n  {\"kind\": \"gp\",\n   \"name\": }\n]") == ["3:-"])
        #expect(problems(t, "{\"entries\": []}") == ["1:-"])
        #expect(problems(t, "") == ["1:-"])
        // Even with --skip-invalid: nothing in such a file can be told apart.
        #expect(throws: DirectoryImporter.Rejected.self) { try importJSON(t, "[{]", skipInvalid: true) }
    }

    @Test func exportThenImportRoundTripsAndIsStable() throws {
        let a = try TemporaryDatabase(seedSample: true)
        let exported = DirectoryJSON.encode(try a.directory.allEntries())
        let b = try TemporaryDatabase()
        let report = try b.importer.importFile(exported, format: .json, fileName: "export.json", defaultSource: "x")
        #expect(report.inserted == (try a.directory.count()))
        let strip = { (e: DirectoryEntry) -> DirectoryEntry in var c = e; c.id = nil; return c }
        #expect(try b.directory.allEntries().map(strip) == (try a.directory.allEntries().map(strip)))
        #expect(DirectoryJSON.encode(try b.directory.allEntries()) == exported)
        // The JSON export says the same as the CSV export.
        let fromCSV = try TemporaryDatabase()
        _ = try fromCSV.importer.importCSV(DirectoryFormat.csv(try a.directory.allEntries()), fileName: "e.csv", defaultSource: "x")
        #expect(DirectoryJSON.encode(try fromCSV.directory.allEntries()) == exported)
    }

    @Test func stringsWithQuotesControlCharactersAndAccentsSurvive() throws {
        let t = try TemporaryDatabase()
        let entry = DirectoryEntry(source: "s", sourceID: "q\"1", kind: .legal, name: "Cabinet « Droit\\Santé »\n\tbis",
                                   departement: "75", region: "11", openingHours: "lun.–ven. 9h–18h")
        _ = try t.importer.importFile(DirectoryJSON.encode([entry]), format: .json, fileName: "f.json", defaultSource: "s")
        var stored = try #require(try t.directory.allEntries().first)
        stored.id = nil
        #expect(stored == entry)
    }
}

@Suite struct DirectorySpecialitySearchTests {
    @Test func frenchWordsFindTheSpecialityCodes() throws {
        let t = try TemporaryDatabase()
        try t.add([
            entry("a", .psychologist, "69", specialities: ["burnout"]),
            entry("b", .psychologist, "69", specialities: ["sleep"]),
            entry("c", .gp, "01", specialities: ["harassment", "burnout"]),
        ])
        #expect(try t.directory.search("Épuisement").map(\.sourceID).sorted() == ["a", "c"])
        #expect(try t.directory.search("insomn").map(\.sourceID) == ["b"])
        #expect(try t.directory.search("harcèlement").map(\.sourceID) == ["c"])
        #expect(try t.directory.search(DirectoryQuery(text: "épuis", kind: .gp), limit: 10).map(\.sourceID) == ["c"])
        // Two letters are too few to stand for a speciality; they stay a plain prefix.
        #expect(SpecialityVocabulary.codes(matching: "ép").isEmpty)
        #expect(SpecialityVocabulary.codes(matching: "dépr") == ["depression"])
    }
}

@Suite struct DirectorySearchFilterTests {
    func fixture() throws -> TemporaryDatabase {
        let t = try TemporaryDatabase()
        try t.add([
            entry("gp-69", .gp, "69", specialities: ["burnout"]),
            entry("gp-69-tele", .gp, "69", tele: true, specialities: ["burnout"]),
            entry("gp-2a", .gp, "2A", specialities: ["burnout"]),
            entry("psy-69", .psychologist, "69", specialities: ["burnout"]),
            entry("gp-69-off", .gp, "69", active: false, specialities: ["burnout"]),
        ])
        return t
    }

    func ids(_ t: TemporaryDatabase, _ query: DirectoryQuery) throws -> [String] {
        try t.directory.search(query, limit: 50).map(\.sourceID).sorted()
    }

    @Test func filtersNarrowTheTypedSearch() throws {
        let t = try fixture()
        #expect(try ids(t, DirectoryQuery(text: "entry")) == ["gp-2a", "gp-69", "gp-69-tele", "psy-69"])
        #expect(try ids(t, DirectoryQuery(text: "entry", kind: .gp)) == ["gp-2a", "gp-69", "gp-69-tele"])
        #expect(try ids(t, DirectoryQuery(text: "épuis", kind: .gp, departement: "69")) == ["gp-69", "gp-69-tele"])
        #expect(try ids(t, DirectoryQuery(text: "e", departement: "2A")) == ["gp-2a"])
        #expect(try ids(t, DirectoryQuery(text: "entry", teleconsultationOnly: true)) == ["gp-69-tele"])
        // The same filters without words.
        #expect(try ids(t, DirectoryQuery(kind: .gp, departement: "69")) == ["gp-69", "gp-69-tele"])
        // A filter word typed as text does not hit the hidden filter tokens.
        #expect(try ids(t, DirectoryQuery(text: "xkind")) == [])
    }

    @Test func resultsAreSortedByNameAndCappedAtTheLimit() throws {
        let t = try TemporaryDatabase()
        try t.add((1...30).map { i in
            var e = entry("p\(i)", .psychologist, "69")
            e.name = "Psy \(String(format: "%02d", 31 - i))"
            return e
        })
        let found = try t.directory.search(DirectoryQuery(text: "psy"), limit: 10)
        #expect(found.count == 10)
        #expect(found.map(\.name) == found.map(\.name).sorted())
    }

    @Test func anEntryMadeInactiveLeavesTheSearchAtOnce() throws {
        let t = try fixture()
        try t.changeDirectory("UPDATE directory_entries SET active = 0 WHERE source_id = 'gp-2a'")
        #expect(try ids(t, DirectoryQuery(text: "entry", kind: .gp)) == ["gp-69", "gp-69-tele"])
        try t.changeDirectory("UPDATE directory_entries SET departement = '01', region = '84' WHERE source_id = 'gp-69'")
        #expect(try ids(t, DirectoryQuery(text: "entry", departement: "01")) == ["gp-69"])
    }
}

@Suite struct DirectoryBulkImportTests {
    @Test func aLargeImportRebuildsTheIndexOnceAndKeepsItInSync() throws {
        let t = try TemporaryDatabase()
        let entries = DirectoryGenerator(geography: TemporaryDatabase.geography).generate(entries: 2_500, seed: 5)
        #expect(entries.count >= DirectoryImporter.bulkThreshold)
        let report = try t.importer.importCSV(DirectoryFormat.csv(entries), fileName: "big.csv", defaultSource: "big")
        #expect(report.inserted == entries.count)
        try t.directoryFile.replace { db in
            // The index holds every row, and its synchronisation triggers are back.
            try db.execute(sql: "INSERT INTO directory_search(directory_search, rank) VALUES('integrity-check', 1)")
            let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'directory_entries' ORDER BY name")
            #expect(triggers == ["__directory_search_ad", "__directory_search_ai", "__directory_search_au"])
            let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM directory_search WHERE directory_search MATCH 'search_tags : xkindgp'")
            let gps = try Int.fetchOne(db, sql: "SELECT count(*) FROM directory_entries WHERE kind = 'gp'")
            #expect(indexed == gps && (gps ?? 0) > 0)
        }
        let victim = try #require(entries.first { $0.kind == .gp })
        try t.changeDirectory("UPDATE directory_entries SET name = 'Dr Zéphyrin Quasimodo' WHERE source_id = ?", arguments: [victim.sourceID])
        #expect(try t.directory.search("zephyrin").map(\.sourceID) == [victim.sourceID])
    }
}

@Suite struct DirectorySearchDecodingTests {
    /// Entries read straight from the search statement are the entries GRDB reads by id, every field.
    @Test func searchResultsAreTheStoredEntriesFieldForField() throws {
        let t = try TemporaryDatabase()
        let entries = DirectoryGenerator(geography: TemporaryDatabase.geography).generate(entries: 600, seed: 9)
        _ = try t.importer.importCSV(DirectoryFormat.csv(entries), fileName: "d.csv", defaultSource: "d")
        var compared = 0
        for text in ["a", "ma", "cab", "lyon", "dr", "centre", "b"] {
            for entry in try t.directory.search(text, includeInactive: true, limit: 100) {
                #expect(try t.directory.entry(id: entry.id!) == entry)
                compared += 1
            }
        }
        #expect(compared > 100)
    }
}

@Suite struct DirectorySortKeyTests {
    /// A directory file written before the sort key (d1) gets one for every entry when this
    /// version opens it, and searches sort by it: accents and case do not move a name.
    @Test func anOlderDirectoryFileGetsItsSortKeysAndSearchesSortByThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-sortkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ecoute.directory.sqlite").path
        let old = try DatabaseQueue(path: path)
        try DirectorySchema.migrator.migrate(old, upTo: "d1-entries")
        try old.write { db in
            for (i, name) in ["Dr Zoé Martin", "dr émile Martin", "Dr Élodie Martin", "DR ADÈLE Martin", "Dr bernard Martin"].enumerated() {
                try db.execute(sql: "INSERT INTO directory_entries (source, source_id, kind, name) VALUES ('t', ?, 'gp', ?)",
                               arguments: ["\(i)", name])
            }
        }
        try old.close()
        let file = DirectoryFile(path: path, rotationDatabase: nil)
        #expect(try !file.isCurrent())
        // Nor is a missing file, or one that is not a database.
        #expect(try !DirectoryFile(path: folder.appendingPathComponent("absent.sqlite").path, rotationDatabase: nil).isCurrent())
        let text = folder.appendingPathComponent("text.sqlite")
        try Data("not a database, but long enough to have a header of its own\n".utf8).write(to: text)
        #expect(try !DirectoryFile(path: text.path, rotationDatabase: nil).isCurrent())
        try DefaultData.seedDirectory(file, geography: TemporaryDatabase.geography, sampleDirectory: nil)
        #expect(try file.isCurrent())
        let keys = try file.read { db in try String.fetchAll(db, sql: "SELECT sort_key FROM directory_entries ORDER BY id") }
        #expect(keys == ["dr zoe martin", "dr emile martin", "dr elodie martin", "dr adele martin", "dr bernard martin"])
        let found = try SQLiteDirectory(file: file, geography: TemporaryDatabase.geography).search("martin").map(\.name)
        #expect(found == ["DR ADÈLE Martin", "Dr bernard Martin", "Dr Élodie Martin", "dr émile Martin", "Dr Zoé Martin"])
    }
}
