import EcouteCore
import Foundation
import GRDB

/// Alerts and presence over SQLite. Other processes notice every write through
/// `PRAGMA data_version` (`SQLiteChangeFeed`); taking an alert is a compare-and-swap in one
/// IMMEDIATE transaction, so two supervisors cannot both take it.
public struct SQLiteAlertDesk: AlertDesk {
    let database: DatabaseQueue

    public init(database: DatabaseQueue) { self.database = database }

    /// Recorded as it comes (its time and lateness as given).
    public func raise(_ alert: Alert) throws -> Alert { try record(alert, arrival: { nil }) }

    public func raise(_ alert: Alert, arrival: () -> Date) throws -> Alert { try record(alert, arrival: { arrival() }) }

    /// `arrival`: the time a late alert is recorded at, read once the write lock is taken (nil:
    /// as it comes).
    private func record(_ alert: Alert, arrival: () -> Date?) throws -> Alert {
        try database.write { db in
            // The call's open alert, unless it was marked raised by mistake: raised again, the call
            // needs a supervisor for real.
            if let open = try AlertRecord.filter(Column("call_id") == alert.callID && Column("taken_at") == nil
                                                 && Column("mistake_marked_at") == nil).fetchOne(db) {
                return open.alert
            }
            var landed = alert
            if let late = alert.lateBy, let now = arrival() {
                // Sent again: it arrives now, the write lock taken, however long that took.
                let first = alert.raisedAt.addingTimeInterval(-late)
                landed.raisedAt = now
                landed.lateBy = landed.raisedAt.timeIntervalSince(first)
            }
            try AlertRecord(landed).insert(db)
            return landed
        }
    }

    public func take(_ alertID: String, by supervisor: String, at: Date) throws -> Alert {
        try database.write { db in
            guard var record = try AlertRecord.fetchOne(db, key: alertID) else { throw AlertNotFound(id: alertID) }
            guard record.takenAt == nil else { throw AlertAlreadyTaken(record.alert) }
            record.takenBy = supervisor
            record.takenAt = at
            try record.update(db)
            return record.alert
        }
    }

    public func markRaisedByMistake(callID: String, reason: String, at: Date) throws -> [Alert] {
        try database.write { db in
            try db.execute(sql: "UPDATE alerts SET mistake_reason = ?, mistake_marked_at = ? WHERE call_id = ? AND mistake_marked_at IS NULL",
                           arguments: [reason, at, callID])
            return try AlertRecord.filter(Column("call_id") == callID && Column("mistake_marked_at") == at)
                .order(Column("raised_at"), Column("id")).fetchAll(db).map(\.alert)
        }
    }

    public func openAlerts() throws -> [Alert] {
        try alerts(where: "a.taken_at IS NULL", [])
    }

    public func alerts(since: Date) throws -> [Alert] {
        try alerts(where: "a.raised_at >= ?", [since])
    }

    public func alerts(ofCall callID: String) throws -> [Alert] {
        try alerts(where: "a.call_id = ?", [callID])
    }

    /// Alerts read by position with plain SQL: the board asks every second, and a console asks
    /// before its first frame, where the query interface's first use costs more than the query.
    private func alerts(where condition: String, _ arguments: StatementArguments) throws -> [Alert] {
        try database.read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT \(SQLiteCallStream.Column.alertColumns) FROM alerts a WHERE \(condition) ORDER BY a.raised_at, a.id
                """)
            try statement.setArguments(arguments)
            let cursor = try Row.fetchCursor(statement)
            var alerts: [Alert] = []
            while try cursor.next() != nil { alerts.append(try SQLiteCallStream.Column.alert(statement.sqliteStatement)) }
            return alerts
        }
    }

    /// What a console is doing, for the board: written whenever it changes (a console's first
    /// once its first frame is up), in plain SQL and without a sync — a power cut can lose only
    /// the last state, which the console's next write or heartbeat puts back. The next synced
    /// commit (any call's) carries it to disk anyway.
    public func report(_ presence: ConsolePresence) throws {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            let written = Result {
                try db.inTransaction(.immediate) {
                    try db.execute(sql: """
                        INSERT INTO console_presence (console, host, pid, operator, shift_id, activity, call_id, call_started_at, level,
                                                      heartbeat_at, line)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (console) DO UPDATE SET host = excluded.host, pid = excluded.pid, operator = excluded.operator,
                            shift_id = excluded.shift_id, activity = excluded.activity, call_id = excluded.call_id,
                            call_started_at = excluded.call_started_at, level = excluded.level, heartbeat_at = excluded.heartbeat_at,
                            line = excluded.line
                        """, arguments: [presence.console.id, presence.console.host, presence.console.pid, presence.console.operatorName,
                                        presence.shiftID, presence.activity.rawValue, presence.callID, presence.callStartedAt,
                                        presence.level?.rawValue, presence.heartbeatAt, presence.line])
                    return .commit
                }
            }
            // Every other write of this connection stays synced.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try written.get()
        }
    }

    public func leave(_ consoleID: String) throws {
        try database.write { db in _ = try PresenceRecord.deleteOne(db, key: consoleID) }
    }

    public func presences() throws -> [ConsolePresence] {
        try database.read { db in try PresenceRecord.order(Column("operator"), Column("console")).fetchAll(db).map(\.presence) }
    }
}

/// No alert with that id.
public struct AlertNotFound: Error, Equatable, CustomStringConvertible {
    public var id: String
    public var description: String { "no alert \(id)" }

    package init(id: String) { self.id = id }
}
