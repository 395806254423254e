import EcouteCore
import Foundation
import GRDB
import GRDBSQLite

/// Shifts over SQLite: one row per console run.
public struct SQLiteShiftLog: ShiftLog {
    let database: DatabaseQueue

    public init(database: DatabaseQueue) { self.database = database }

    public func startShift(_ id: String, operatorName: String, line: String, at: Date) throws {
        // Plain SQL: a record type's first use (its Codable machinery) costs more than the insert.
        try database.write { db in
            try db.execute(sql: "INSERT INTO shifts (id, operator, started_at, ended_at, line) VALUES (?, ?, ?, NULL, ?)",
                           arguments: [id, operatorName, at, line])
        }
    }

    public func endShift(_ id: String, at: Date) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE shifts SET ended_at = ? WHERE id = ?", arguments: [at, id])
        }
    }

    public func shifts(visibleTo viewer: Viewer, now: Date) throws -> [Shift] {
        try database.read { db in
            // An open shift's last sign of life: its console's last heartbeat, or else its calls'
            // last change.
            var sql = """
                SELECT s.id, s.operator, s.started_at, s.ended_at, COALESCE(t.calls, 0), COALESCE(t.seconds, 0),
                    CASE WHEN s.ended_at IS NULL THEN COALESCE(
                        (SELECT MAX(p.heartbeat_at) FROM console_presence p WHERE p.shift_id = s.id),
                        (SELECT MAX(c.updated_at) FROM calls c WHERE c.shift_id = s.id)) END
                FROM shifts s LEFT JOIN shift_totals t ON t.shift_id = s.id
                """
            var arguments: StatementArguments = []
            if viewer.role != .supervisor {
                sql += " WHERE s.operator = ?"
                arguments = [viewer.name]
            }
            sql += " ORDER BY s.started_at DESC"
            // Read by position with the reports' timestamp parser: the review opens on every
            // shift of the line (thousands), and GRDB's date decoding was most of its first frame.
            typealias C = SQLiteCallStream.Column
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(arguments)
            let s = statement.sqliteStatement
            var shifts: [Shift] = []
            let cursor = try Row.fetchCursor(statement)
            while try cursor.next() != nil {
                shifts.append(Shift(id: try C.text(s, 0), operatorName: try C.text(s, 1), startedAt: try C.date(s, 2),
                                    endedAt: try C.optionalDate(s, 3), callCount: Int(C.optionalInt(s, 4) ?? 0),
                                    totalDuration: (sqlite3_column_double(s, 5) * 1000).rounded() / 1000)
                    .judged(lastSign: try C.optionalDate(s, 6), now: now))
            }
            return shifts
        }
    }
}
