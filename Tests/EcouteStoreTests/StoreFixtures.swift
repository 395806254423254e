import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import GRDB
@testable import EcouteStore

/// A fresh database in its own temporary folder, removed when the fixture goes away.
final class TemporaryDatabase {
    let folder: URL
    let path: String
    let pool: DatabasePool
    static let geography = TestResources.geography

    init(seedSample: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-test-\(UUID().uuidString)")
        path = folder.appendingPathComponent("db/ecoute.sqlite").path
        pool = try EcouteDatabase.open(path: path)
        try DefaultData.seed(pool, geography: Self.geography,
                             sampleDirectory: seedSample ? ResourceLocator.url("directory/sample-directory.csv") : nil)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var directory: SQLiteDirectory { SQLiteDirectory(pool: pool, geography: Self.geography) }
    var importer: DirectoryImporter { DirectoryImporter(pool: pool, geography: Self.geography) }
    var calls: SQLiteCallRepository { SQLiteCallRepository(pool: pool) }

    /// Imports rows given as `kind,name,departement[,extra columns]` under a minimal header.
    func add(_ entries: [DirectoryEntry]) throws {
        _ = try importer.write(entries, skipped: [])
    }
}
