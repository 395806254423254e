import EcouteCore
import Foundation

/// Shifts on the platform database: one row per console run, written only through the engine's
/// functions; a psychologist's role sees its own, a supervisor's those of its lines (the line a
/// shift was started on, or one of its calls').
struct PostgresShiftLog: ShiftLog {
    let session: PostgresSession

    /// Through `ecoute.start_shift`: the operator's own shift on its line, started at the server's time.
    func startShift(_ id: String, operatorName: String, line: String, at: Date) throws {
        try session.execute("SELECT ecoute.start_shift($1, $2, $3, $4)", [.of(id), .of(operatorName), .of(at), .of(line)])
    }

    /// Through `ecoute.end_shift`: the operator's own open shift, ended once, at the server's time.
    func endShift(_ id: String, at: Date) throws {
        try session.execute("SELECT ecoute.end_shift($1, $2)", [.of(id), .of(at)])
    }

    func shifts(visibleTo viewer: Viewer, now: Date) throws -> [Shift] {
        var sql = """
            SELECT s.id, s.operator, s.started_at, s.ended_at, count(c.id)::bigint AS calls,
                CASE WHEN s.ended_at IS NULL THEN coalesce(
                    (SELECT max(p.heartbeat_at) FROM console_presence p WHERE p.shift_id = s.id),
                    (SELECT max(u.updated_at) FROM calls u WHERE u.shift_id = s.id)) END AS last_sign,
                coalesce(sum(round(round(extract(epoch FROM c.ended_at - c.picked_up_at) * 1000) / 1000)), 0)::double precision AS total
            FROM shifts s LEFT JOIN calls c ON c.shift_id = s.id AND c.phase = 'saved'
            """
        var values: [SQLValue] = []
        if viewer.role != .supervisor {
            sql += " WHERE s.operator = $1"
            values = [.of(viewer.name)]
        }
        sql += " GROUP BY s.id ORDER BY s.started_at DESC"
        return try session.rows(sql, values).map { row in
            try Shift(id: row.text("id"), operatorName: row.text("operator"), startedAt: row.date("started_at"),
                      endedAt: row.optionalDate("ended_at"), callCount: row.int("calls"),
                      totalDuration: (row.double("total") * 1000).rounded() / 1000)
                .judged(lastSign: row.optionalDate("last_sign"), now: now)
        }
    }
}
