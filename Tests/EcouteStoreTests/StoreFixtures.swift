import EcouteCore
import EcouteResources
import Foundation
import GRDB
@testable import EcouteStore

/// A fresh database in its own temporary folder, removed when the fixture goes away.
final class TemporaryDatabase {
    let folder: URL
    let path: String
    let pool: DatabasePool
    static let geography = try! GeographyLoader.load(from: ResourceLocator.url("geography"))

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

func entry(_ id: String, _ kind: ReferralKind, _ dep: String?, tele: Bool = false, active: Bool = true,
           specialities: [String] = [], capacity: Int? = nil) -> DirectoryEntry {
    DirectoryEntry(source: "t", sourceID: id, kind: kind, name: "Entry \(id)", city: "Ville",
                   departement: dep, region: dep.flatMap { TemporaryDatabase.geography.departement($0)?.regionCode },
                   phones: ["01 99 00 00 00"], teleconsultation: tele, specialities: specialities,
                   capacity: capacity, active: active)
}
