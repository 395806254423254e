import EcouteCore
import Foundation
import GRDB

/// Shift handoffs over SQLite (migration v21-shift-handoffs).
public struct SQLiteShiftHandoffs: ShiftHandoffs {
    let database: DatabaseQueue
    public init(database: DatabaseQueue) { self.database = database }

    static let creation = """
        CREATE TABLE shift_handoffs (
            id TEXT PRIMARY KEY NOT NULL,
            shift_id TEXT,
            operator TEXT NOT NULL,
            written_at DATETIME NOT NULL,
            calls_in_progress TEXT NOT NULL DEFAULT '',
            follow_ups_due INTEGER NOT NULL DEFAULT 0,
            callbacks_open INTEGER NOT NULL DEFAULT 0,
            alerts_open INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '' CHECK (length(text) <= 400)
        );
        CREATE INDEX shift_handoffs_by_time ON shift_handoffs (written_at, id);
        """

    public func facts(id: String, shiftID: String?, of operatorName: String, now: Date) throws -> ShiftHandoff {
        let followUps = try SQLiteFollowUps(database: database)
            .due(before: now + 86400, visibleTo: Viewer(name: operatorName, role: .psychologist), now: now).count
        return try database.read { db in
            let unfinished = CallPhase.unfinished.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let calls = try String.fetchAll(db, sql: "SELECT id FROM calls WHERE operator = ? AND phase IN (\(unfinished)) ORDER BY picked_up_at, id",
                                            arguments: [operatorName])
            let callbacks = try Int.fetchOne(db, sql: "SELECT count(*) FROM callback_requests WHERE requested_by = ? AND status IN ('waiting', 'taken')",
                                             arguments: [operatorName]) ?? 0
            let alerts = try Int.fetchOne(db, sql: "SELECT count(*) FROM alerts WHERE operator = ? AND taken_at IS NULL", arguments: [operatorName]) ?? 0
            return ShiftHandoff(id: id, shiftID: shiftID, operatorName: operatorName, writtenAt: now, callsInProgress: calls,
                                followUpsDue: followUps, callbacksOpen: callbacks, alertsOpen: alerts)
        }
    }

    public func write(_ handoff: ShiftHandoff, by viewer: Viewer) throws {
        guard handoff.operatorName == viewer.name else { throw AccessDenied("\(viewer.name) cannot write \(handoff.operatorName)'s handoff") }
        guard handoff.text.count <= ShiftHandoff.maximumText else {
            throw FollowUpRefused("a handoff note is \(ShiftHandoff.maximumText) characters at most, not \(handoff.text.count)")
        }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO shift_handoffs (id, shift_id, operator, written_at, calls_in_progress, follow_ups_due, callbacks_open, alerts_open, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [handoff.id, handoff.shiftID, handoff.operatorName, handoff.writtenAt, handoff.callsInProgress.joined(separator: ","),
                                 handoff.followUpsDue, handoff.callbacksOpen, handoff.alertsOpen, handoff.text])
        }
    }

    public func recent(since: Date) throws -> [ShiftHandoff] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM shift_handoffs WHERE written_at >= ? ORDER BY written_at DESC, id DESC", arguments: [since]).map {
                let calls: String = $0["calls_in_progress"]
                return ShiftHandoff(id: $0["id"], shiftID: $0["shift_id"], operatorName: $0["operator"], writtenAt: $0["written_at"],
                                    callsInProgress: calls.split(separator: ",").map(String.init), followUpsDue: $0["follow_ups_due"],
                                    callbacksOpen: $0["callbacks_open"], alertsOpen: $0["alerts_open"], text: $0["text"])
            }
        }
    }
}
