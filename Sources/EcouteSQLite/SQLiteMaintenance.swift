import EcouteCore
import Foundation
import GRDB

/// Backups and checks of the SQLite file.
public struct SQLiteMaintenance: StoreMaintenance {
    let database: DatabaseQueue
    /// The directory's own file, checked too (nil: the calls database alone).
    let directory: DirectoryFile?

    public init(database: DatabaseQueue, directory: DirectoryFile? = nil) {
        self.database = database
        self.directory = directory
    }

    public func migrationsUnknownToThisVersion() throws -> [String] {
        try database.read { db in
            try Schema.migrator.appliedIdentifiers(db).subtracting(Schema.migrator.migrations).sorted()
        }
    }

    /// The triggers that keep the audit log append-only.
    static let auditTriggers = ["audit_log_is_append_only_update", "audit_log_is_append_only_delete"]

    public struct BackupFailure: Error, CustomStringConvertible {
        public var description: String
    }

    public func backup(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        unlink(temporary)
        // Created 0600 before SQLite writes a byte: a backup holds every call.
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupFailure(description: "\(path): cannot create the backup file")
        }
        do {
            let copy = try DatabaseQueue(path: temporary)
            // SQLite's online backup: a consistent snapshot while consoles keep writing.
            try database.backup(to: copy)
            // A backup never carries a callback number: erased in the copy, bytes zeroed.
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA secure_delete = ON")
                if try db.tableExists("callback_numbers") { try db.execute(sql: "DELETE FROM callback_numbers") }
            }
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            let verdict = try copy.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
            try copy.close()
            guard verdict == "ok" else { throw BackupFailure(description: "\(path): the copy fails its integrity check (\(verdict ?? "?"))") }
            guard rename(temporary, path) == 0 else {
                throw BackupFailure(description: "\(path): cannot put the backup in place (\(String(cString: strerror(errno))))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    public func check() throws -> [StoreProblem] {
        var problems = try Self.check(database)
        if let directory, directory.exists {
            let verdict: [String]
            do {
                verdict = try directory.read { db in try String.fetchAll(db, sql: "PRAGMA main.quick_check") }
            } catch {
                verdict = ["\(error)"]
            }
            if verdict != ["ok"] {
                problems += verdict.prefix(20).map {
                    StoreProblem(.integrity, "\(directory.path): \($0) — import the directory again (ecoute directory import)")
                }
            }
        }
        return problems
    }

    static func check(_ reader: some DatabaseReader) throws -> [StoreProblem] {
        try reader.read { db in
            var problems: [StoreProblem] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                problems += integrity.prefix(20).map { StoreProblem(.integrity, "\($0) — restore the last good backup (ecoute restore)") }
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0], parent: String = row[2]
                problems.append(StoreProblem(.foreignKeys, "a row of \(table) points to a missing \(parent) — restore the last good backup"))
            }
            let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"))
            for missing in auditTriggers where !triggers.contains(missing) {
                problems.append(StoreProblem(.auditProtection,
                                             "trigger \(missing) is missing: the audit log can be rewritten — restore a backup taken before, and find who had the file"))
            }
            if try db.tableExists("call_seals") { problems += try AuditChain.verify(db) }
            if try db.tableExists("callback_numbers") {
                let cutoff = Date().addingTimeInterval(-(try SQLiteCallbackQueue.limit(db)))
                let left = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM callback_numbers n JOIN callback_requests r ON r.id = n.request_id WHERE r.requested_at <= ?
                    """, arguments: [cutoff]) ?? 0
                if left > 0 {
                    problems.append(StoreProblem(.callbackNumbers, "\(left) callback number(s) kept past the line's limit — run ecoute purge"))
                }
            }
            if try db.tableExists("shift_handoffs") {
                let old = try SQLiteShiftHandoffs.pastRetention(db, now: Date()).count
                if old > 0 { problems.append(ShiftHandoffRetention.problem(old)) }
            }
            for (table, column, values) in StoredVocabulary.columns where try db.columns(in: table).contains(where: { $0.name == column }) {
                let known = values.map { _ in "?" }.joined(separator: ", ")
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT count(*) AS n, group_concat(DISTINCT CAST(\(column) AS TEXT)) AS seen FROM \(table)
                    WHERE \(column) IS NOT NULL AND CAST(\(column) AS TEXT) NOT IN (\(known))
                    """, arguments: StatementArguments(values)), let count: Int = row["n"], count > 0 else { continue }
                problems.append(StoredVocabulary.problem(table: table, column: column, count: count, seen: row["seen"] ?? ""))
            }
            let applied = try Schema.migrator.appliedIdentifiers(db)
            let known = Set(Schema.migrator.migrations)
            if applied.subtracting(known).isEmpty == false {
                problems.append(StoreProblem(.schema, "written by a newer ecoute (\(applied.subtracting(known).sorted().joined(separator: ", "))) — update ecoute"))
            }
            if known.subtracting(applied).isEmpty == false {
                problems.append(StoreProblem(.schema, "migrations not applied (\(known.subtracting(applied).sorted().joined(separator: ", "))) — open it once with this ecoute"))
            }
            return problems
        }
    }
}
