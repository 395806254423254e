import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import GRDB
@testable import EcouteSQLite

/// A fresh database in its own temporary folder, removed when the fixture goes away.
final class TemporaryDatabase {
    let folder: URL
    let path: String
    let database: DatabaseQueue
    /// The directory's own file, beside the calls database.
    let directoryFile: DirectoryFile
    static let geography = TestResources.geography

    init(seedSample: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-test-\(UUID().uuidString)")
        path = folder.appendingPathComponent("db/ecoute.sqlite").path
        database = try EcouteDatabase.open(path: path)
        directoryFile = EcouteDatabase.directoryFile(forCallsDatabase: path)
        try DefaultData.seed(database, directory: directoryFile, geography: Self.geography,
                             sampleDirectory: seedSample ? ResourceLocator.url("directory/sample-directory.csv") : nil)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var directory: SQLiteDirectory { SQLiteDirectory(file: directoryFile, geography: Self.geography) }
    var importer: DirectoryImporter { DirectoryImporter(file: directoryFile, geography: Self.geography) }
    var calls: SQLiteCallRepository { SQLiteCallRepository(database: database, directory: directoryFile) }
    /// The whole store over the same files (review, maintenance…).
    var store: SQLiteStore { SQLiteStore(database: database, directoryFile: directoryFile, geography: Self.geography, path: path) }

    /// Changes the directory as an import would: in a copy renamed into place.
    func changeDirectory(_ sql: String, arguments: StatementArguments = []) throws {
        try directoryFile.replace { db in try db.execute(sql: sql, arguments: arguments) }
    }

    /// Imports rows given as `kind,name,departement[,extra columns]` under a minimal header.
    func add(_ entries: [DirectoryEntry]) throws {
        _ = try importer.write(entries, skipped: [])
    }
}

/// A database as an older version left it: migrated up to `migration`, filled by `fill`, then
/// opened by this version (every later migration applied). Removed when the fixture goes away.
final class OlderDatabase {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-older-\(UUID().uuidString)")
    let pool: DatabasePool

    init(upTo migration: String, _ fill: (Database) throws -> Void) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        pool = try DatabasePool(path: folder.appendingPathComponent("ecoute.sqlite").path)
        try Schema.migrator.migrate(pool, upTo: migration)
        try pool.write(fill)
        try Schema.migrator.migrate(pool)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

extension TemporaryDatabase {
    /// Fills the calls, then runs `writes` (corrections, moves, deletions) in the same
    /// transaction, as any writer might: what a table kept by triggers must follow.
    func written(_ fill: (Database) throws -> Void, then writes: [String]) throws -> Self {
        try database.write { db in
            try fill(db)
            for sql in writes { try db.execute(sql: sql) }
        }
        return self
    }
}
