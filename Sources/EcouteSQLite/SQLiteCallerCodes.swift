import EcouteCore
import Foundation
import GRDB

/// Caller codes over SQLite (migration v21-caller-code). Roles are the program's here, as for
/// every SQLite read; the engine enforces them in platform mode (`PostgresCallerCodeSchema`).
public struct SQLiteCallerCodes: CallerCodes {
    let database: DatabaseQueue
    public init(database: DatabaseQueue) { self.database = database }

    public func attach(_ code: CallerCode, toCall callID: String, issued: Bool, by viewer: Viewer, at: Date) throws {
        try database.write { db in
            guard let operatorName = try String.fetchOne(db, sql: "SELECT operator FROM calls WHERE id = ?", arguments: [callID]) else {
                throw CallerCodeRefused("no call \(callID) to attach the caller code to")
            }
            guard operatorName == viewer.name else {
                throw AccessDenied("\(viewer.name) cannot attach a caller code to \(operatorName)'s call")
            }
            try db.execute(sql: """
                INSERT INTO caller_codes (call_id, code, issued, attached_by, attached_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(call_id) DO UPDATE SET code = excluded.code, issued = excluded.issued,
                    attached_by = excluded.attached_by, attached_at = excluded.attached_at
                """, arguments: [callID, code.characters, issued, viewer.name, at])
        }
    }

    public func code(ofCall callID: String, visibleTo viewer: Viewer) throws -> CallerCode? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT k.code, c.operator FROM caller_codes k JOIN calls c ON c.id = k.call_id WHERE k.call_id = ?
                """, arguments: [callID]) else { return nil }
            guard viewer.canSee(callsOf: row["operator"]) else { return nil }
            return try CallerCode.parse(row["code"] as String).get()
        }
    }

    public func history(of code: CallerCode, forCall callID: String, by viewer: Viewer, at: Date) throws -> [CallerHistoryCall] {
        try database.write { db in
            let holder = try Row.fetchOne(db, sql: """
                SELECT c.operator, k.code FROM calls c LEFT JOIN caller_codes k ON k.call_id = c.id WHERE c.id = ?
                """, arguments: [callID])
            guard let holder else { throw CallerCodeRefused("no call \(callID)") }
            if viewer.role != .supervisor {
                guard holder["operator"] as String == viewer.name else {
                    throw AccessDenied("\(viewer.name) cannot read a caller's history from another operator's call")
                }
                guard holder["code"] as String? == code.characters else {
                    throw CallerCodeRefused("call \(callID) does not carry the code \(code)")
                }
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.picked_up_at, c.ended_at, c.level, c.operator, c.follow_up, c.notes,
                    (SELECT group_concat(m.motif, ',') FROM (SELECT motif FROM call_motifs WHERE call_id = c.id ORDER BY position) m) AS motifs,
                    (SELECT group_concat(r.kind || ':' || r.name, char(10)) FROM
                        (SELECT kind, name FROM call_referrals WHERE call_id = c.id AND status = 'given' ORDER BY position) r) AS referrals
                FROM caller_codes k JOIN calls c ON c.id = k.call_id
                WHERE k.code = ? AND c.id <> ? AND c.phase = 'saved'
                ORDER BY c.picked_up_at, c.id
                """, arguments: [code.characters, callID])
            var onShift: [String: Bool] = [:]
            var calls: [CallerHistoryCall] = []
            for row in rows {
                let operatorName: String = row["operator"]
                if onShift[operatorName] == nil { onShift[operatorName] = try Self.isOnShift(operatorName, db, now: at) }
                let levelValue: Int? = row["level"]
                let mayReadNotes = viewer.role == .supervisor || operatorName == viewer.name
                calls.append(CallerHistoryCall(
                    callID: row["id"], pickedUpAt: row["picked_up_at"], endedAt: row["ended_at"],
                    level: levelValue.flatMap(ClassificationLevel.init(rawValue:)),
                    motifs: CallerHistoryCall.motifs(fromStored: row["motifs"]),
                    referrals: CallerHistoryCall.referrals(fromStored: row["referrals"]),
                    operatorName: operatorName, operatorOnShift: onShift[operatorName] ?? false,
                    followUp: row["follow_up"], notes: mayReadNotes ? row["notes"] : nil))
            }
            try db.execute(sql: "INSERT INTO caller_history_reads (code, for_call, at, by, calls_shown) VALUES (?, ?, ?, ?, ?)",
                           arguments: [code.characters, callID, at, viewer.name, calls.count])
            return calls
        }
    }

    /// An operator on shift at `now`: an open shift whose last sign of life (its console's
    /// heartbeat, else its calls' last change, else its start) is fresh (`Shift.judged`).
    static func isOnShift(_ operatorName: String, _ db: Database, now: Date) throws -> Bool {
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id, s.started_at,
                COALESCE((SELECT MAX(p.heartbeat_at) FROM console_presence p WHERE p.shift_id = s.id),
                         (SELECT MAX(c.updated_at) FROM calls c WHERE c.shift_id = s.id)) AS last_sign
            FROM shifts s WHERE s.operator = ? AND s.ended_at IS NULL
            """, arguments: [operatorName])
        return rows.contains { row in
            Shift(id: row["id"], operatorName: operatorName, startedAt: row["started_at"], endedAt: nil, callCount: 0, totalDuration: 0)
                .judged(lastSign: row["last_sign"], now: now).interruptedAt == nil
        }
    }

    public func linkedCalls(ofCall callID: String, visibleTo viewer: Viewer) throws -> [LinkedCall] {
        try database.read { db in
            var sql = """
                SELECT c.id, c.picked_up_at, c.operator FROM caller_codes mine JOIN caller_codes other ON other.code = mine.code AND other.call_id <> mine.call_id
                JOIN calls c ON c.id = other.call_id WHERE mine.call_id = ?
                """
            var arguments: StatementArguments = [callID]
            if viewer.role != .supervisor {
                sql += " AND c.operator = ? AND EXISTS (SELECT 1 FROM calls m WHERE m.id = mine.call_id AND m.operator = ?)"
                arguments += [viewer.name, viewer.name]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY c.picked_up_at, c.id", arguments: arguments).map {
                LinkedCall(callID: $0["id"], pickedUpAt: $0["picked_up_at"], operatorName: $0["operator"])
            }
        }
    }

    public func figures(from: Date, to: Date, visibleTo viewer: Viewer) throws -> CallerCodeFigures {
        try database.read { db in
            var sql = """
                SELECT COALESCE(SUM(k.issued), 0),
                    COUNT(*),
                    COALESCE(SUM(EXISTS (SELECT 1 FROM caller_codes e JOIN calls ec ON ec.id = e.call_id
                        WHERE e.code = k.code AND ec.phase = 'saved' AND (ec.picked_up_at < c.picked_up_at
                            OR (ec.picked_up_at = c.picked_up_at AND ec.id < c.id)))), 0)
                FROM caller_codes k JOIN calls c ON c.id = k.call_id
                WHERE c.phase = 'saved' AND c.picked_up_at >= ? AND c.picked_up_at < ?
                """
            var arguments: StatementArguments = [from, to]
            if viewer.role != .supervisor { sql += " AND c.operator = ?"; arguments += [viewer.name] }
            guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments) else { return CallerCodeFigures() }
            return CallerCodeFigures(codesIssued: row[0], callsWithCode: row[1], repeatCalls: row[2])
        }
    }

    public func historyReads(since: Date, by viewer: Viewer) throws -> [CallerHistoryRead] {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot read the caller history audit: supervisors only")
        }
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT code, for_call, at, by, calls_shown FROM caller_history_reads WHERE at >= ? ORDER BY id",
                             arguments: [since]).map {
                CallerHistoryRead(code: $0["code"], forCall: $0["for_call"], at: $0["at"], by: $0["by"], callsShown: $0["calls_shown"])
            }
        }
    }
}
