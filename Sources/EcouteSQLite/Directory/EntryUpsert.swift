import EcouteCore
import GRDB
import GRDBSQLite

/// The directory's upsert of one entry (`EntryRow.insertSQL`, or the register's stamped form),
/// bound and stepped through SQLite's C API on the connection of the transaction it runs in. The
/// imports write up to a million rows: GRDB's statement arguments (an array of existential values
/// per row) were a tenth of the register's import.
final class EntryUpsert {
    private let db: Database
    private let sql: String
    private let statement: SQLiteStatement
    /// The value bound after the entry's columns, when the statement has one more parameter.
    private let stamp: Int64?

    /// The transient destructor: SQLite copies the text before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String = EntryRow.insertSQL, stamp: Int64? = nil) throws {
        self.db = db
        self.sql = sql
        self.stamp = stamp
        var prepared: SQLiteStatement?
        let code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            sqlite3_finalize(prepared)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
        statement = prepared
    }

    deinit { sqlite3_finalize(statement) }

    /// Writes `e`, with `sortKey` if it was folded already; answers whether a row was written or changed (false: the statement's
    /// condition left the row as it was).
    func write(_ e: DirectoryEntry, sortKey: String? = nil) throws -> Bool {
        sqlite3_reset(statement)
        var index: Int32 = 0
        func text(_ value: String?) {
            index += 1
            guard var value else { sqlite3_bind_null(statement, index); return }
            _ = value.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { chars in
                    if let start = chars.baseAddress {
                        sqlite3_bind_text(statement, index, start, Int32(chars.count), Self.transient)
                    } else {
                        sqlite3_bind_text(statement, index, "", 0, Self.transient)   // a NULL pointer would bind NULL
                    }
                }
            }
        }
        func integer(_ value: Int64?) {
            index += 1
            if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
        }
        // The order of `DirectorySchema.entryColumns`, then the sort key (as `EntryRow.arguments`).
        text(e.source); text(e.sourceID); text(e.kind.rawValue); text(e.name); text(e.organisation); text(e.address)
        text(e.postcode); text(e.city); text(e.departement); text(e.region); text(e.phones.joined(separator: ";"))
        text(e.email); text(e.website); integer(e.teleconsultation ? 1 : 0); text(e.languages.joined(separator: ";"))
        text(e.specialities.joined(separator: ";")); integer(e.capacity.map(Int64.init)); text(e.openingHours)
        integer(e.active ? 1 : 0); text(e.lastVerified); text(sortKey ?? DirectorySchema.sortKey(e.name))
        if let stamp { integer(stamp) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let message = db.lastErrorMessage
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
        return sqlite3_changes(db.sqliteConnection) > 0
    }
}
