import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// The directory in a file of its own: replaced by rename, never in place; seen at once by
/// running readers; never in the way of a call being saved; moved out of older databases.
@Suite struct DirectoryFileTests {
    @Test func theFileSitsBesideTheCallsDatabaseAndIsPrivate() throws {
        #expect(DirectoryFile.path(besideCallsDatabase: "/var/lib/ecoute/ecoute.sqlite") == "/var/lib/ecoute/ecoute.directory.sqlite")
        #expect(DirectoryFile.path(besideCallsDatabase: "/tmp/line") == "/tmp/line.directory.sqlite")
        let t = try TemporaryDatabase(seedSample: true)
        let mode = try FileManager.default.attributesOfItem(atPath: t.directoryFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Nothing of the directory is left in the calls database.
        let tables = try t.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name LIKE 'directory%'") }
        #expect(tables == ["directory_rotation"])
    }

    /// Platform mode: the rotation counts come from the calls' server before each read. With the
    /// server stopped the directory still answers (with the counts last copied), and is not held
    /// up asking the server again at every read; once the server answers, the counts are copied.
    @Test func theDirectoryAnswersWhileTheRotationFeedCannotAndCatchesUpOnceItCan() throws {
        let t = try TemporaryDatabase(seedSample: true)
        func entries(_ file: DirectoryFile) throws -> Int {
            try file.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0 }
        }
        func rotationRows(_ file: DirectoryFile) throws -> Int {
            try file.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM temp.directory_rotation") ?? 0 }
        }
        let sample = try entries(t.directoryFile)
        #expect(sample > 0)

        let patient = OutageFeed()
        let waiting = DirectoryFile(path: t.directoryFile.path, rotationDatabase: nil, rotationFeed: patient, rotationRetryDelay: 3600)
        patient.down = true
        #expect(try entries(waiting) == sample)
        #expect(try entries(waiting) == sample)
        #expect(patient.asked == 1)   // not again before the delay

        let eager = OutageFeed()
        let retrying = DirectoryFile(path: t.directoryFile.path, rotationDatabase: nil, rotationFeed: eager, rotationRetryDelay: 0)
        eager.down = true
        #expect(try rotationRows(retrying) == 0)
        eager.down = false
        #expect(try rotationRows(retrying) == 1)
        #expect(eager.asked == 2)
    }

    /// A rotation feed whose server can be stopped.
    final class OutageFeed: DirectoryRotationFeed, @unchecked Sendable {
        private let lock = NSLock()
        private var isDown = false
        private var asks = 0
        var down: Bool {
            get { lock.withLock { isDown } }
            set { lock.withLock { isDown = newValue } }
        }
        var asked: Int { lock.withLock { asks } }

        func rotation(changedSince mark: Date?) throws -> (rows: [DirectoryRotationRow], mark: Date?) {
            let down = lock.withLock { asks += 1; return isDown }
            if down { throw DirectoryFile.Failure(description: "the database server is stopped") }
            let at = Date(timeIntervalSince1970: 1_800_000_000)
            return ([DirectoryRotationRow(source: "sample", sourceID: "1", lastGivenAt: at, timesGiven: 1)], at)
        }
    }

    @Test func plannerStatisticsComeFromEntriesNeverFromAnEmptyDirectory() throws {
        // Statistics taken of an empty directory (its full-text index's tables, the migrations')
        // made the first large import twice as slow.
        let t = try TemporaryDatabase()
        func statistics(of table: String? = nil) throws -> Int {
            try t.directoryFile.read { db in
                guard try db.tableExists("sqlite_stat1") else { return 0 }
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_stat1 WHERE ? IS NULL OR tbl = ?",
                                        arguments: [table, table]) ?? 0
            }
        }
        #expect(try statistics() == 0)
        try t.add([entry("a", .gp, "69"), entry("b", .gp, "01")])
        #expect(try statistics(of: "directory_entries") > 0)
    }

    @Test func anotherProcesssImportIsSeenAtTheNextQuery() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("first", .gp, "69")])
        let console = t.directory
        #expect(try console.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 5).map(\.entry.sourceID) == ["first"])
        // Another process: its own DirectoryFile on the same path.
        let importer = DirectoryImporter(file: EcouteDatabase.directoryFile(forCallsDatabase: t.path), geography: TemporaryDatabase.geography)
        _ = try importer.write([entry("second", .gp, "69")], skipped: [])
        #expect(try console.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 5).map(\.entry.sourceID) == ["first", "second"])
    }

    @Test func idsSurviveAReimportSoRotationAndSavedReferralsKeepTheirEntry() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("a", .gp, "69"), entry("b", .gp, "69")])
        let before = Dictionary(uniqueKeysWithValues: try t.directory.allEntries().map { ($0.sourceID, $0.id) })
        try t.add([entry("c", .gp, "69"), entry("a", .gp, "69")])
        let after = Dictionary(uniqueKeysWithValues: try t.directory.allEntries().map { ($0.sourceID, $0.id) })
        #expect(after["a"] == before["a"] && after["b"] == before["b"])
        #expect(after["c"] != nil && !before.values.contains(after["c"]!))
    }

    @Test func aRejectedRegisterImportLeavesTheFileByteIdentical() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let before = try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path))
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("rpps-bad-\(UUID().uuidString).txt").path
        defer { unlink(bad) }
        try Data("Identifiant PP|Nom d'exercice\n1|X\n".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(throws: (any Error).self) { _ = try RPPSImporter(file: t.directoryFile, geography: TemporaryDatabase.geography).importFile(bad) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.directoryFile.path)) == before)
        // Nothing left behind beside it but the lock file.
        let folder = URL(fileURLWithPath: t.directoryFile.path).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("building") }.isEmpty)
    }

    @Test func aCallIsSavedWhileAnImportIsBeingBuilt() throws {
        let t = try TemporaryDatabase()
        try t.add([entry("a", .gp, "69")])
        let building = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let file = t.directoryFile
        DispatchQueue.global().async {
            _ = try? file.replace { db in
                try db.execute(sql: "UPDATE directory_entries SET name = 'renamed'")
                building.signal()
                release.wait()
            }
            done.signal()
        }
        building.wait()
        // The import is half-way: the console still reads the old directory and saves a call.
        let ranked = try t.directory.candidates(kind: .gp, near: "69", preferring: nil, excluding: [], limit: 1)
        #expect(ranked.map(\.entry.name) == ["Entry a"])
        var draft = CallDraft(id: "during-import", operatorName: "p", pickedUpAt: Date())
        draft.phase = .saved
        draft.savedAt = Date()
        var given = ReferralProposer.referral(try #require(ranked.first))
        given.status = .given
        draft.referrals = [given]
        try t.calls.finalize(draft)
        #expect(try t.calls.call(id: "during-import")?.phase == .saved)
        release.signal()
        done.wait()
        #expect(try t.directory.allEntries().map(\.name) == ["renamed"])
        let rotation = try t.database.read { db in try Int.fetchOne(db, sql: "SELECT times_given FROM directory_rotation WHERE source_id = 'a'") }
        #expect(rotation == 1)
    }

    @Test func anOlderDatabaseHasItsDirectoryMovedOutWithIdsRotationAndSeals() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-legacy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ecoute.sqlite").path
        do {
            // A database as the previous version left it: directory inside, a saved call giving an entry.
            let pool = try DatabasePool(path: path)
            try Schema.migrator.migrate(pool, upTo: "v10-line-settings")
            try pool.write { db in
                try GeographyLoader.seed(TemporaryDatabase.geography, into: db)
                try db.execute(sql: """
                    INSERT INTO directory_entries (id, source, source_id, kind, name, departement, region, last_given_at, times_given)
                    VALUES (41, 'curated', 'unit-69', 'unit', 'Unité soignants', '69', '84', '2026-11-01 10:00:00.000', 3),
                           (42, 'curated', 'gp-69', 'gp', 'Dr Généraliste', '69', '84', NULL, 0)
                    """)
                try db.execute(sql: """
                    INSERT INTO calls (id, operator, phase, picked_up_at, ended_at, level, updated_at, saved_at)
                    VALUES ('old-call', 'p', 'saved', '2026-11-01 09:30:00.000', '2026-11-01 09:55:00.000', 3,
                            '2026-11-01 10:00:00.000', '2026-11-01 10:00:00.000');
                    INSERT INTO call_referrals (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                    VALUES ('old-call', 0, 'unit', 41, 'Unité soignants', '04', 0, 'given', 'proposed');
                    """)
                try AuditChain.seal("old-call", db, at: Date())
            }
            try pool.close()
        }
        let database = try EcouteDatabase.open(path: path)
        let file = EcouteDatabase.directoryFile(forCallsDatabase: path)
        let entries = try SQLiteDirectory(file: file, geography: TemporaryDatabase.geography).allEntries()
        #expect(entries.map(\.id) == [42, 41])
        let ranked = try SQLiteDirectory(file: file, geography: TemporaryDatabase.geography)
            .candidates(kind: .unit, near: "69", preferring: nil, excluding: [], limit: 1)
        #expect(ranked.first?.entry.id == 41)
        let rotation = try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM directory_rotation") }
        #expect(rotation?["source_id"] == "unit-69" && rotation?["times_given"] == 3)
        let referral = try database.read { db in try Int64.fetchOne(db, sql: "SELECT entry_id FROM call_referrals WHERE call_id = 'old-call'") }
        #expect(referral == 41)
        // The call's seal still holds: the referral rows are the same.
        #expect(try SQLiteMaintenance(database: database).check().isEmpty)
        let left = try database.read { db in try db.tableExists("directory_entries") }
        #expect(!left)
    }
}

@Suite struct DirectoryFileCheckTests {
    @Test func checkFindsADamagedDirectoryFile() throws {
        let t = try TemporaryDatabase(seedSample: true)
        let maintenance = SQLiteMaintenance(database: t.database, directory: t.directoryFile)
        #expect(try maintenance.check().isEmpty)
        // Overwrite a page in the middle of the file, as a disk error would.
        let handle = try #require(FileHandle(forWritingAtPath: t.directoryFile.path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2 / 4096 * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        let problems = try SQLiteMaintenance(database: t.database, directory: EcouteDatabase.directoryFile(forCallsDatabase: t.path)).check()
        #expect(problems.contains { $0.kind == .integrity && $0.description.contains("directory.sqlite") })
    }
}
