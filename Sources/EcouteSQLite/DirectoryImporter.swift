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
        // A file that cannot be read into rows is refused before the directory is copied.
        let validator = DirectoryValidator(geography: geography, defaultSource: defaultSource)
        let rows = try Self.rows(text, format: format, fileName: fileName, validator: validator)
        var (report, removed) = try file.replaceReporting { db in
            try Self.write(rows, validator: validator, fileName: fileName, skipInvalid: skipInvalid, into: db)
        }
        report.removedLeftovers = removed
        return report
    }

    func write(_ entries: [DirectoryEntry], skipped: [ImportProblem]) throws -> Report {
        try file.replace { db in
            let (inserted, updated) = try Self.upsert(count: entries.count, into: db) { upsert in
                for e in entries { _ = try upsert.write(e) }
                return entries.count
            }
            return Report(inserted: inserted, updated: updated, skipped: skipped)
        }
    }

    /// Validates and writes into an open directory file (the sample, when a file is created).
    static func importFile(_ text: String, format: ExchangeFormat, fileName: String, defaultSource: String,
                           skipInvalid: Bool = false, geography: Geography, into db: Database) throws -> Report {
        let validator = DirectoryValidator(geography: geography, defaultSource: defaultSource)
        let rows = try rows(text, format: format, fileName: fileName, validator: validator)
        return try write(rows, validator: validator, fileName: fileName, skipInvalid: skipInvalid, into: db)
    }

    /// The file's rows, each still to be checked; a file that cannot be read is refused whole.
    static func rows(_ text: String, format: ExchangeFormat, fileName: String,
                     validator: DirectoryValidator) throws -> [DirectoryValidator.Row] {
        switch validator.rows(text: text, json: format == .json) {
        case .success(let rows): return rows
        case .failure(let rejected): throw Rejected(file: fileName, problems: rejected.problems)
        }
    }

    /// Rows are checked a slice at a time on another thread while the slice before is written:
    /// checking and writing overlap on two cores. Writing goes into the copy of the directory
    /// (`DirectoryFile.replace`), so a problem found late still leaves the directory as it was:
    /// every slice is checked to list every problem, then the file is refused (or, with
    /// `skipInvalid`, the valid rows kept).
    static func write(_ rows: [DirectoryValidator.Row], validator: DirectoryValidator, fileName: String, skipInvalid: Bool,
                      into db: Database) throws -> Report {
        let slices = stride(from: 0, to: rows.count, by: sliceSize).map { rows[$0..<min($0 + sliceSize, rows.count)] }
        let checked = CheckedSlices(count: slices.count)
        DispatchQueue.global().async {
            var checker = DirectoryValidator.Checker(validator: validator)
            for (i, slice) in slices.enumerated() { checked.put(i, checker.check(slice, parallel: false)) }
        }
        var skipped: [ImportProblem] = []
        let (inserted, updated) = try upsert(count: rows.count, into: db) { upsert in
            var written = 0
            for i in slices.indices {
                let result = checked.take(i)
                skipped += result.problems
                guard skipInvalid || skipped.isEmpty else { continue }
                for (_, entry) in result.entries { _ = try upsert.write(entry) }
                written += result.entries.count
            }
            if !skipInvalid, !skipped.isEmpty { throw Rejected(file: fileName, problems: skipped) }
            return written
        }
        return Report(inserted: inserted, updated: updated, skipped: skipped)
    }

    static let sliceSize = 2_048

    /// From this many rows, when they are at least half of the directory afterwards, the
    /// full-text index is rebuilt once at the end instead of row by row.
    static let bulkThreshold = 2_000

    /// One transaction of upserts by `insertAll` (given the upsert, it returns how many
    /// it wrote): about `count` rows, so a bulk write rebuilds the full-text index once. Entries
    /// new to the directory are counted as inserted, the others as updated.
    static func upsert(count: Int, into db: Database,
                       _ insertAll: (EntryUpsert) throws -> Int) throws -> (inserted: Int, updated: Int) {
        var counts = (inserted: 0, updated: 0)
        try db.inTransaction {
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            let bulk = count >= bulkThreshold && count * 2 >= before + count
            var written = 0
            func insert() throws { written = try insertAll(try EntryUpsert(db)) }
            if bulk { try DirectorySchema.withSearchIndexRebuiltOnce(db, insert) } else { try insert() }
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directory_entries") ?? 0
            counts = (after - before, written - (after - before))
            return .commit
        }
        return counts
    }
}

/// The checked slices of an import, handed from the checking thread to the writing one in order.
final class CheckedSlices: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [DirectoryValidator.Result?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func put(_ i: Int, _ result: DirectoryValidator.Result) {
        condition.lock()
        results[i] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for slice `i`, and lets go of it.
    func take(_ i: Int) -> DirectoryValidator.Result {
        condition.lock()
        defer { condition.unlock() }
        while results[i] == nil { condition.wait() }
        let result = results[i]!
        results[i] = nil
        return result
    }
}
