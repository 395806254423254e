import EcouteCore
import Foundation
import GRDB

/// Imports a directory file atomically: every row is validated first; nothing is written unless
/// all rows are valid (or `skipInvalid` is set, and then only the valid rows). Rows are keyed by
/// (source, source_id), so re-importing a source updates its entries instead of duplicating them.
public struct DirectoryImporter {
    public typealias Report = DirectoryImportReport
    public typealias Rejected = DirectoryImportRejected

    let pool: DatabasePool
    let geography: Geography

    public init(pool: DatabasePool, geography: Geography) {
        self.pool = pool
        self.geography = geography
    }

    public func importCSV(_ text: String, fileName: String, defaultSource: String, skipInvalid: Bool = false) throws -> Report {
        try importFile(text, format: .csv, fileName: fileName, defaultSource: defaultSource, skipInvalid: skipInvalid)
    }

    public func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool = false) throws -> Report {
        let validator = DirectoryValidator(geography: geography, defaultSource: defaultSource)
        let result = format == .json ? validator.validate(jsonText: text) : validator.validate(csvText: text)
        if result.fileRejected || (!result.problems.isEmpty && !skipInvalid) {
            throw Rejected(file: fileName, problems: result.problems)
        }
        return try write(result.entries.map(\.entry), skipped: result.problems)
    }

    /// From this many rows, when they are at least half of the directory afterwards, the
    /// full-text index is rebuilt once at the end instead of row by row.
    static let bulkThreshold = 2_000

    func write(_ entries: [DirectoryEntry], skipped: [ImportProblem]) throws -> Report {
        // A large transaction spills pages to the WAL when the cache is small; give this
        // connection room for the import, then give it back.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        return try pool.write { db in
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            let triggers = try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE type = 'trigger' AND tbl_name = 'directory_entries' AND name LIKE '\\_\\_directory\\_search\\_%' ESCAPE '\\'
                """)
            let bulk = entries.count >= Self.bulkThreshold && entries.count * 2 >= before + entries.count && triggers.count == 3
            if bulk { try db.dropFTS5SynchronizationTriggers(forTable: "directory_search") }
            let statement = try db.cachedStatement(sql: EntryRow.insertSQL)
            for e in entries {
                try statement.execute(arguments: EntryRow.arguments(e))
            }
            if bulk {
                // In the same transaction: a failure leaves the index and its triggers as they were.
                try db.execute(sql: "INSERT INTO directory_search(directory_search) VALUES('rebuild')")
                for sql in triggers { try db.execute(sql: sql) }
                try db.execute(sql: "INSERT INTO directory_search(directory_search) VALUES('optimize')")
            }
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            return Report(inserted: after - before, updated: entries.count - (after - before), skipped: skipped)
        }
    }
}
