import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import GRDB
import Testing
import EcouteStore
@testable import EcouteSQLite

@Suite struct DatabaseTests {
    @Test func databaseFileIsPrivateAndInWALMode() throws {
        let t = try TemporaryDatabase()
        let attributes = try FileManager.default.attributesOfItem(atPath: t.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let mode = try t.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // FULL on the store's one connection, when it writes and when it reads (GRDB's pools set
        // NORMAL on their writer with WAL, which can lose the last commits on a power cut).
        let writerSync = try t.database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(writerSync == 2) // FULL
        let readerSync = try t.database.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(readerSync == 2)
        // A presence (written unsynced) leaves the writer as it found it.
        try SQLiteAlertDesk(database: t.database).report(ConsolePresence(
            console: ConsoleIdentity(id: "c", host: "h", pid: 1, operatorName: "alice"), shiftID: nil, activity: .free, callID: nil,
            callStartedAt: nil, level: nil, heartbeatAt: Date()))
        #expect(try t.database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    /// Opening a store already up to date writes nothing, so its empty WAL stays empty (GRDB's own
    /// WAL setup writes and drops a table there whenever it finds it empty: at nearly every start).
    @Test func openingAnUpToDateStoreWritesNothing() throws {
        let t = try TemporaryDatabase()
        let again = try EcouteDatabase.open(path: t.path)
        let wal = try FileManager.default.attributesOfItem(atPath: t.path + "-wal")
        #expect((wal[.size] as? NSNumber)?.intValue == 0)
        #expect(try again.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    /// Creating a store ends with its WAL copied in and emptied: the next command that opens it
    /// alone has nothing to read back.
    @Test func aNewStoreLeavesAnEmptyWAL() throws {
        let t = try TemporaryDatabase()
        let wal = try FileManager.default.attributesOfItem(atPath: t.path + "-wal")
        #expect((wal[.size] as? NSNumber)?.intValue == 0)
        #expect(try t.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM departements") } ?? 0 > 90)
    }

    /// A store closed at the end of a run, after the directory was read (its reader has the calls
    /// file attached), leaves no journal for the next program that opens the file alone.
    @Test func aClosedStoreLeavesNoJournalBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-close-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ecoute.sqlite").path
        let store = try StoreFactory.open(.sqlite(path: path), seed: StoreSeed(
            geography: TemporaryDatabase.geography, sampleDirectory: ResourceLocator.url("directory/sample-directory.csv")))
        try store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: Date()))
        #expect(try !store.directory.search(DirectoryQuery(text: "psychologue"), limit: 5).isEmpty)
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        store.close()
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
        #expect(wal == nil || wal?.intValue == 0, "a journal of \(wal?.intValue ?? 0) bytes left")
    }

    @Test func aStoreMigratedByANewerVersionIsRefused() throws {
        let t = try TemporaryDatabase()
        try t.database.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-a-later-version')") }
        #expect { _ = try EcouteDatabase.open(path: t.path) } throws: { ($0 as? StoreOpenFailure)?.reason == .newerSchema }
    }

    @Test func aStoreLeftByAnOlderVersionIsMigratedOnOpen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-older-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ecoute.sqlite").path
        let known = Schema.migrator.migrations
        do {
            let older = try DatabasePool(path: path)
            try Schema.migrator.migrate(older, upTo: known[known.count - 3])
            try older.close()
        }
        let database = try EcouteDatabase.open(path: path)
        #expect(try database.read { try Schema.migrator.appliedIdentifiers($0) } == Set(known))
    }

    @Test func defaultPathFollowsXDG() {
        #expect(EcouteDatabase.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/ecoute/ecoute.sqlite")
        #expect(EcouteDatabase.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/ecoute/ecoute.sqlite")
    }

    @Test func shippedGeographyIsCompleteAndSymmetric() throws {
        let g = TemporaryDatabase.geography
        #expect(g.regions.count == 18)
        #expect(g.departements.count == 101)
        for d in g.departements {
            #expect(g.region(d.regionCode) != nil, "\(d.code) has an unknown region")
            for n in g.neighbours(of: d.code) {
                #expect(g.neighbours(of: n).contains(d.code), "\(d.code)–\(n) not symmetric")
                #expect(g.departement(n) != nil)
            }
        }
        #expect(g.neighbours(of: "75") == ["92", "93", "94"])
        #expect(g.neighbours(of: "974").isEmpty)
        // Every metropolitan département but the islands has a neighbour.
        #expect(g.departements.filter { g.neighbours(of: $0.code).isEmpty }.map(\.code) == ["971", "972", "973", "974", "976"])
    }

    @Test func seedingIsIdempotent() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let count = try t.directory.count()
        #expect(count > 1000)
        try DefaultData.seed(t.database, directory: t.directoryFile, geography: TemporaryDatabase.geography, sampleDirectory: nil)
        #expect(try t.directory.count() == count)
        let deps = try t.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM departements") }
        #expect(deps == 101)
    }

    @Test func sampleDirectoryServesEveryKindInEveryDepartement() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let rows = try t.directoryFile.read { db in
            try Row.fetchAll(db, sql: "SELECT departement, kind FROM directory_entries WHERE departement IS NOT NULL GROUP BY departement, kind")
        }
        let kinds: [ReferralKind] = [.psychologist, .gp, .psychiatrist, .legal, .administrative, .replacement]
        let pairs = Set(rows.map { "\($0["departement"] as String)/\($0["kind"] as String)" })
        for d in TemporaryDatabase.geography.departements {
            for k in kinds { #expect(pairs.contains("\(d.code)/\(k.rawValue)"), "\(d.code) lacks \(k)") }
        }
        let unitRegions = try t.directoryFile.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT region) FROM directory_entries WHERE kind = 'unit'")
        }
        #expect(unitRegions == 18)
    }
}

@Suite struct ReadOnlyOpeningTests {
    static let seed = StoreSeed(geography: TemporaryDatabase.geography, sampleDirectory: nil)

    @Test func aReadOnlyCommandOpensAnExistingStoreWithoutWriting() throws {
        let t = try TemporaryDatabase(seedSample: true)
        try t.calls.persist(CallDraft(id: "c1", operatorName: "p", pickedUpAt: Date()))
        let before = try FileManager.default.attributesOfItem(atPath: t.path)[.modificationDate] as? Date
        let store = try StoreFactory.open(.sqlite(path: t.path), seed: Self.seed, access: .readOnly)
        #expect(try store.calls(shiftID: nil).call(id: "c1") != nil)
        #expect(try !store.directory.search(DirectoryQuery(text: "samu"), limit: 5).isEmpty)
        // It is read-only: a write is refused by the engine, and the file was not touched.
        #expect(throws: (any Error).self) { try store.calls(shiftID: nil).persist(CallDraft(id: "c2", operatorName: "p", pickedUpAt: Date())) }
        #expect(try FileManager.default.attributesOfItem(atPath: t.path)[.modificationDate] as? Date == before)
    }

    /// Another program's SQLite file named by `--db` is refused by every command, byte for byte as
    /// it was and nothing created beside it; an existing empty file is refused by a command that
    /// only reads, and set up by one that may create a database.
    @Test func anotherProgramsDatabaseIsNeverWrittenIntoNorAnEmptyFileByAReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let foreign = folder.appendingPathComponent("places.sqlite").path
        try DatabaseQueue(path: foreign).write { db in
            try db.execute(sql: "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places (url) VALUES ('x')")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: foreign))
        for access in [StoreAccess.readWrite, .readOnly, .readOnlyCalls] {
            #expect("\(access)") { try StoreFactory.open(.sqlite(path: foreign), seed: Self.seed, access: access) } throws: { error in
                (error as? StoreOpenFailure).map { $0.reason == .notADatabase && $0.location == foreign && $0.detail.contains("moz_places") } ?? false
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == bytes)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["places.sqlite"])
        }

        let empty = folder.appendingPathComponent("vide.sqlite").path
        #expect(FileManager.default.createFile(atPath: empty, contents: nil, attributes: [.posixPermissions: 0o600]))
        for access in [StoreAccess.readOnly, .readOnlyCalls] {
            #expect("\(access)") { try StoreFactory.open(.sqlite(path: empty), seed: Self.seed, access: access) } throws: { error in
                (error as? StoreOpenFailure)?.reason == .notADatabase
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: EcouteDatabase.directoryFile(forCallsDatabase: empty).path))
        }
        let created = try StoreFactory.open(.sqlite(path: empty), seed: Self.seed, access: .readWrite)
        #expect(try created.calls(shiftID: nil).unfinishedCalls(operatorName: "p").isEmpty)
    }

    /// A report or a review opens read-only without looking at the directory file: one from an
    /// older version (here, not even a database) neither stops it nor is touched; a command that
    /// uses the directory opens read-write to bring it up to date.
    @Test func aCallsOnlyCommandLeavesTheDirectoryFileAlone() throws {
        let t = try TemporaryDatabase(seedSample: true)
        try t.calls.persist(CallDraft(id: "c1", operatorName: "p", pickedUpAt: Date()))
        let garbage = Data("not a directory".utf8)
        try garbage.write(to: URL(fileURLWithPath: t.directoryFile.path))
        let store = try StoreFactory.open(.sqlite(path: t.path), seed: Self.seed, access: .readOnlyCalls)
        #expect(try store.calls(shiftID: nil).call(id: "c1") != nil)
        #expect(throws: (any Error).self) { try store.calls(shiftID: nil).persist(CallDraft(id: "c2", operatorName: "p", pickedUpAt: Date())) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path)) == garbage)
        // Checking the directory, as `directory search` does, refuses the read-only way; the
        // read-write way then says which file is not a database: the directory's.
        #expect(EcouteDatabase.openReadOnly(path: t.path, geography: TemporaryDatabase.geography, lockWait: 1) == nil)
        #expect { try StoreFactory.open(.sqlite(path: t.path), seed: Self.seed, access: .readOnly) } throws: { error in
            (error as? StoreOpenFailure).map { $0.reason == .notADatabase && $0.location == t.directoryFile.path } ?? false
        }
    }

    /// `directory search` reads the directory file alone: the same results as through the whole
    /// store, without opening the calls database (here, not even a database any more) nor, on a
    /// platform host, the server (its local directory file is read, whatever the server's state);
    /// a directory file missing or from an older version is left to the whole store's opening,
    /// which creates or migrates it.
    @Test func aDirectoryOnlyCommandReadsTheDirectoryFileAlone() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let store = try StoreFactory.open(.sqlite(path: t.path), seed: Self.seed, access: .readOnly)
        let alone = try #require(StoreFactory.directoryAlone(.sqlite(path: t.path), geography: TemporaryDatabase.geography))
        for (text, kind, departement) in [("martin", nil, nil), ("psychiatre lyon", nil, nil), ("samu", nil, nil), ("", ReferralKind.gp, "48"),
                                          ("addicto 69", nil, nil), ("dupont", ReferralKind.psychologist, "75")] {
            let expected = try store.directoryMaintenance.search(text, kind: kind, departement: departement, region: nil, teleconsultation: nil, limit: 20)
            #expect(try alone.search(text, kind: kind, departement: departement, region: nil, teleconsultation: nil, limit: 20) == expected, "\(text)")
        }
        // A platform host: the server named is never reached (nothing listens there).
        let unreachable = StoreLocation.server(url: "postgresql://nobody@127.0.0.1:1/ecoute")
        let local = try #require(StoreFactory.directoryAlone(unreachable, geography: TemporaryDatabase.geography,
                                                             directoryPath: t.directoryFile.path))
        #expect(try local.search("martin", kind: nil, departement: nil, region: nil, teleconsultation: nil, limit: 20)
            == store.directoryMaintenance.search("martin", kind: nil, departement: nil, region: nil, teleconsultation: nil, limit: 20))
        let before = try Data(contentsOf: URL(fileURLWithPath: t.path))
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: t.path))
        let unopened = try #require(StoreFactory.directoryAlone(.sqlite(path: t.path), geography: TemporaryDatabase.geography))
        #expect(try !unopened.search("samu", kind: nil, departement: nil, region: nil, teleconsultation: nil, limit: 5).isEmpty)
        try before.write(to: URL(fileURLWithPath: t.path))

        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: t.directoryFile.path))
        #expect(StoreFactory.directoryAlone(.sqlite(path: t.path), geography: TemporaryDatabase.geography) == nil)
        try FileManager.default.removeItem(atPath: t.directoryFile.path)
        #expect(StoreFactory.directoryAlone(.sqlite(path: t.path), geography: TemporaryDatabase.geography) == nil)
        #expect(StoreFactory.directoryAlone(.sqlite(path: t.path + ".missing"), geography: TemporaryDatabase.geography) == nil)
        #expect(StoreFactory.directoryAlone(unreachable, geography: TemporaryDatabase.geography, directoryPath: t.directoryFile.path) == nil)
    }

    @Test func aNewStoreIsCreatedEvenForAReadOnlyCommand() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-ro-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ecoute.sqlite").path
        let store = try StoreFactory.open(.sqlite(path: path), seed: Self.seed, access: .readOnly)
        #expect(try store.calls(shiftID: nil).call(id: "none") == nil)
        try store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "p", pickedUpAt: Date()))
    }
}
