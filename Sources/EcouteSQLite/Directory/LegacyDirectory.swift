import Foundation
import GRDB

/// Databases written before the directory had a file of its own (migrations up to v10) kept it
/// in `directory_entries` beside the calls. On their first open by this version, the entries
/// are copied, ids kept, into the new directory file before migration v11 drops the old tables
/// (and moves the rotation counts into `directory_rotation`).
enum LegacyDirectory {
    static func moveOut(of database: DatabaseQueue, callsPath: String, into file: DirectoryFile) throws {
        let legacy = try database.read { db in
            try db.tableExists("directory_entries") && !Schema.migrator.appliedIdentifiers(db).contains(Schema.directoryMovedOut)
        }
        guard legacy, !file.exists else { return }
        try file.replace { db in
            try db.execute(sql: "ATTACH DATABASE ? AS legacy", arguments: [callsPath])
            defer { try? db.execute(sql: "DETACH DATABASE legacy") }
            try db.inTransaction {
                try DirectorySchema.withSearchIndexRebuiltOnce(db) {
                    try db.execute(sql: """
                        INSERT INTO main.directory_entries (id, \(DirectorySchema.entryColumns))
                        SELECT id, \(DirectorySchema.entryColumns) FROM legacy.directory_entries
                        """)
                    try DirectorySchema.fillSortKeys(db)
                }
                return .commit
            }
        }
    }
}
