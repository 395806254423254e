import EcouteCore
import Foundation
import GRDB

/// Follow-ups over SQLite (migration v21-follow-ups). The outcome is read with the follow-up: the
/// first later saved call carrying the call's caller code, and the call's latest callback request.
public struct SQLiteFollowUps: FollowUps {
    let database: DatabaseQueue
    public init(database: DatabaseQueue) { self.database = database }

    static let creation = """
        CREATE TABLE call_follow_ups (
            call_id TEXT PRIMARY KEY NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('supervisorCallback', 'callerCallsBack')),
            due_at DATETIME NOT NULL,
            set_by TEXT NOT NULL,
            set_at DATETIME NOT NULL
        );
        CREATE INDEX call_follow_ups_by_due ON call_follow_ups (due_at, call_id);
        """

    /// The follow-ups' rows with what their outcome needs.
    static let select = """
        SELECT f.call_id, f.kind, f.due_at, f.set_by, f.set_at, c.level,
            (SELECT MIN(l.picked_up_at) FROM caller_codes mine JOIN caller_codes k ON k.code = mine.code AND k.call_id <> mine.call_id
                JOIN calls l ON l.id = k.call_id
                WHERE mine.call_id = f.call_id AND l.phase = 'saved' AND l.picked_up_at > c.picked_up_at) AS called_back_at,
            (SELECT r.status FROM callback_requests r WHERE r.call_id = f.call_id ORDER BY r.requested_at DESC, r.id DESC LIMIT 1) AS callback_status
        FROM call_follow_ups f JOIN calls c ON c.id = f.call_id
        """

    static func status(_ row: Row, now: Date) throws -> FollowUpStatus {
        let kindText: String = row["kind"]
        guard let kind = FollowUpKind(rawValue: kindText) else { throw StoredValueUnknown(column: "call_follow_ups.kind", value: kindText) }
        let followUp = FollowUp(callID: row["call_id"], kind: kind, dueAt: row["due_at"], setBy: row["set_by"], setAt: row["set_at"])
        let statusText: String? = row["callback_status"]
        let levelValue: Int? = row["level"]
        return FollowUpStatus(followUp: followUp,
                              outcome: .of(followUp, calledBackAt: row["called_back_at"], callbackStatus: statusText.flatMap(CallbackStatus.init(rawValue:)),
                                           now: now),
                              level: levelValue.flatMap(ClassificationLevel.init(rawValue:)))
    }

    public func set(_ followUp: FollowUp, by viewer: Viewer) throws {
        try database.write { db in
            guard let operatorName = try String.fetchOne(db, sql: "SELECT operator FROM calls WHERE id = ?", arguments: [followUp.callID]) else {
                throw FollowUpRefused("no call \(followUp.callID) to set a follow-up on")
            }
            guard operatorName == viewer.name else {
                throw AccessDenied("\(viewer.name) cannot set a follow-up on \(operatorName)'s call")
            }
            try db.execute(sql: """
                INSERT INTO call_follow_ups (call_id, kind, due_at, set_by, set_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(call_id) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, set_by = excluded.set_by, set_at = excluded.set_at
                """, arguments: [followUp.callID, followUp.kind.rawValue, followUp.dueAt, viewer.name, followUp.setAt])
        }
    }

    public func followUp(ofCall callID: String, visibleTo viewer: Viewer, now: Date) throws -> FollowUpStatus? {
        try database.read { db in
            var sql = Self.select + " WHERE f.call_id = ?"
            var arguments: StatementArguments = [callID]
            if viewer.role != .supervisor { sql += " AND c.operator = ?"; arguments += [viewer.name] }
            return try Row.fetchOne(db, sql: sql, arguments: arguments).map { try Self.status($0, now: now) }
        }
    }

    public func due(before: Date, visibleTo viewer: Viewer, now: Date) throws -> [FollowUpStatus] {
        try database.read { db in
            var sql = Self.select + " WHERE f.due_at < ? AND f.due_at >= ?"
            var arguments: StatementArguments = [before, now - FollowUp.boardWindow]
            if viewer.role != .supervisor { sql += " AND c.operator = ?"; arguments += [viewer.name] }
            return try Row.fetchAll(db, sql: sql + " ORDER BY f.due_at, f.call_id", arguments: arguments)
                .map { try Self.status($0, now: now) }.filter(\.outcome.isOpen)
        }
    }
}
