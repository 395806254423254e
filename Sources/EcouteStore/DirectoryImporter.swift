import EcouteCore
import Foundation
import GRDB

/// Imports a directory file atomically: every row is validated first; nothing is written unless
/// all rows are valid (or `skipInvalid` is set, and then only the valid rows). Rows are keyed by
/// (source, source_id), so re-importing a source updates its entries instead of duplicating them.
/// The writing happens in a copy of the directory file, renamed into place at the end
/// (`DirectoryFile.replace`).
public struct DirectoryImporter {
    public typealias Report = DirectoryImportReport
    public typealias Rejected = DirectoryImportRejected

    let file: DirectoryFile
    let geography: Geography

    public init(file: DirectoryFile, geography: Geography) {
        self.file = file
        self.geography = geography
    }

    public func importCSV(_ text: String, fileName: String, defaultSource: String, skipInvalid: Bool = false) throws -> Report {
        try importFile(text, format: .csv, fileName: fileName, defaultSource: defaultSource, skipInvalid: skipInvalid)
    }

    public func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool = false) throws -> Report {
        // Validated before the file is copied: a rejected file costs no copy.
        let (entries, problems) = try Self.validate(text, format: format, fileName: fileName, defaultSource: defaultSource,
                                                    skipInvalid: skipInvalid, geography: geography)
        return try write(entries, skipped: problems)
    }

    func write(_ entries: [DirectoryEntry], skipped: [ImportProblem]) throws -> Report {
        try file.replace { db in try Self.write(entries, skipped: skipped, into: db) }
    }

    /// Validates and writes into an open directory file (the sample, when a file is created).
    static func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool = false, geography: Geography, into db: Database) throws -> Report {
        let (entries, problems) = try validate(text, format: format, fileName: fileName, defaultSource: defaultSource,
                                               skipInvalid: skipInvalid, geography: geography)
        return try write(entries, skipped: problems, into: db)
    }

    static func validate(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String, skipInvalid: Bool,
                         geography: Geography) throws -> ([DirectoryEntry], [ImportProblem]) {
        let validator = DirectoryValidator(geography: geography, defaultSource: defaultSource)
        let result = format == .json ? validator.validate(jsonText: text) : validator.validate(csvText: text)
        if result.fileRejected || (!result.problems.isEmpty && !skipInvalid) {
            throw Rejected(file: fileName, problems: result.problems)
        }
        return (result.entries.map(\.entry), result.problems)
    }

    /// From this many rows, when they are at least half of the directory afterwards, the
    /// full-text index is rebuilt once at the end instead of row by row.
    static let bulkThreshold = 2_000

    static func write(_ entries: [DirectoryEntry], skipped: [ImportProblem], into db: Database) throws -> Report {
        var report = Report(inserted: 0, updated: 0, skipped: skipped)
        try db.inTransaction {
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            let bulk = entries.count >= bulkThreshold && entries.count * 2 >= before + entries.count
            func insert() throws {
                let statement = try db.cachedStatement(sql: EntryRow.insertSQL)
                for e in entries {
                    try statement.execute(arguments: EntryRow.arguments(e))
                }
            }
            if bulk { try DirectorySchema.withSearchIndexRebuiltOnce(db, insert) } else { try insert() }
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            report.inserted = after - before
            report.updated = entries.count - (after - before)
            return .commit
        }
        return report
    }
}
