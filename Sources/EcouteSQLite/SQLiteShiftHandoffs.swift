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
                INSERT INTO shift_handoffs (id, shift_id, operator, written_at, calls_in_progress, follow_ups_due, callbacks_open, alerts_open, text,
                    handed_to, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [handoff.id, handoff.shiftID, handoff.operatorName, handoff.writtenAt, handoff.callsInProgress.joined(separator: ","),
                                 handoff.followUpsDue, handoff.callbacksOpen, handoff.alertsOpen, handoff.text, handoff.storedHandedTo, handoff.line])
        }
    }

    public func recent(since: Date) throws -> [ShiftHandoff] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM shift_handoffs WHERE written_at >= ? ORDER BY written_at DESC, id DESC", arguments: [since]).map {
                let calls: String = $0["calls_in_progress"]
                return ShiftHandoff(id: $0["id"], shiftID: $0["shift_id"], operatorName: $0["operator"], writtenAt: $0["written_at"],
                                    callsInProgress: calls.split(separator: ",").map(String.init), followUpsDue: $0["follow_ups_due"],
                                    callbacksOpen: $0["callbacks_open"], alertsOpen: $0["alerts_open"], text: $0["text"],
                                    handedTo: ShiftHandoff.handedTo(fromStored: $0["handed_to"]), line: $0["line"])
            }
        }
    }

    public func colleaguesOnShift(besides operatorName: String, now: Date) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT operator FROM shifts WHERE ended_at IS NULL AND operator <> ? ORDER BY operator",
                                arguments: [operatorName])
                .filter { try SQLiteCallerCodes.isOnShift($0, db, now: now) }
        }
    }

    public func handOver(_ callID: String, to colleague: String?, by viewer: Viewer, from console: ConsoleIdentity, at: Date) throws {
        try database.write { db in
            guard var record = try CallRecord.fetchOne(db, key: callID) else { throw HandoverRefused("no call \(callID)") }
            guard record.operator == viewer.name else { throw AccessDenied("\(viewer.name) cannot hand over \(record.operator)'s call") }
            guard CallPhase.unfinished.contains(record.phase) else {
                throw HandoverRefused("call \(callID) is not unfinished (\(record.phase.rawValue))")
            }
            if let holder = try CallLeaseRecord.fetchOne(db, key: callID)?.holder, holder.console.id != console.id,
               at.timeIntervalSince(holder.heartbeatAt) < CallHolder.silenceLimit {
                throw CallHeldElsewhere(callID: callID, holder: holder)
            }
            if let colleague {
                guard colleague != viewer.name, try SQLiteCallerCodes.isOnShift(colleague, db, now: at) else {
                    throw HandoverRefused("\(colleague) is not on shift: hand the call to a colleague on shift, or to the supervisors")
                }
                record.operator = colleague
                record.updatedAt = at
                try record.update(db)
            }
            try db.execute(sql: "DELETE FROM call_leases WHERE call_id = ?", arguments: [callID])
            try AuditChain.chained(AuditEntry(callID: callID, at: at, by: viewer.name, field: CallHandover.auditField, oldValue: viewer.name,
                                              newValue: colleague ?? "", reason: ShiftHandoffRetention.handoverReason), db).insert(db)
        }
    }

    public func retentionDays() throws -> Int {
        try database.read(Self.retentionDays)
    }

    static func retentionDays(_ db: Database) throws -> Int {
        try String.fetchOne(db, sql: "SELECT value FROM line_settings WHERE key = ?", arguments: [ShiftHandoffRetention.settingKey])
            .flatMap { Int($0) } ?? ShiftHandoff.defaultRetentionDays
    }

    /// The notes written before the line's retention at `now`, oldest first (what a purge removes).
    static func pastRetention(_ db: Database, now: Date) throws -> [String] {
        let cutoff = now - TimeInterval(try retentionDays(db)) * 86400
        return try String.fetchAll(db, sql: "SELECT id FROM shift_handoffs WHERE written_at < ? ORDER BY written_at, id", arguments: [cutoff])
    }

    public func setRetention(days: Int, by viewer: Viewer, at: Date) throws {
        guard viewer.role == .supervisor else { throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot set how long handoff notes are kept: supervisors only") }
        try ShiftHandoffRetention.check(days)
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO line_settings (key, value, set_by, set_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at
                """, arguments: [ShiftHandoffRetention.settingKey, "\(days)", viewer.name, at])
        }
    }

    public func purge(by viewer: Viewer, now: Date, dryRun: Bool) throws -> [String] {
        guard viewer.role == .supervisor else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot remove handoff notes: supervisors only")
        }
        if dryRun { return try database.read { db in try Self.pastRetention(db, now: now) } }
        // secure_delete: the removed notes' words are zeroed in the file, not left in its free pages.
        return try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var ids: [String] = []
            try db.inTransaction(.immediate) {
                ids = try Self.pastRetention(db, now: now)
                try db.execute(sql: "DELETE FROM shift_handoffs WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ", ")))",
                               arguments: StatementArguments(ids))
                return .commit
            }
            return ids
        }
    }
}
