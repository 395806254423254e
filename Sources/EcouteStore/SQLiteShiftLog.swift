import EcouteCore
import Foundation
import GRDB

/// Shifts over SQLite: one row per console run.
public struct SQLiteShiftLog: ShiftLog {
    let pool: DatabasePool

    public init(pool: DatabasePool) { self.pool = pool }

    public func startShift(operatorName: String, at: Date) throws -> String {
        let row = ShiftRow(id: UUID().uuidString.lowercased(), operator: operatorName, startedAt: at, endedAt: nil)
        try pool.write { db in try row.insert(db) }
        return row.id
    }

    public func endShift(_ id: String, at: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE shifts SET ended_at = ? WHERE id = ?", arguments: [at, id])
        }
    }

    public func shifts(visibleTo viewer: Viewer) throws -> [Shift] {
        try pool.read { db in
            var sql = """
                SELECT s.id, s.operator, s.started_at, s.ended_at, COALESCE(t.calls, 0), COALESCE(t.seconds, 0)
                FROM shifts s LEFT JOIN shift_totals t ON t.shift_id = s.id
                """
            var arguments: StatementArguments = []
            if viewer.role != .supervisor {
                sql += " WHERE s.operator = ?"
                arguments = [viewer.name]
            }
            sql += " ORDER BY s.started_at DESC"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                Shift(id: $0[0], operatorName: $0[1], startedAt: $0[2], endedAt: $0[3],
                      callCount: $0[4], totalDuration: (($0[5] as Double) * 1000).rounded() / 1000)
            }
        }
    }
}
