import EcouteCore
import Foundation
import GRDB

/// Alerts and presence over SQLite. Other processes notice every write through
/// `PRAGMA data_version` (`SQLiteChangeFeed`); taking an alert is a compare-and-swap in one
/// IMMEDIATE transaction, so two supervisors cannot both take it.
public struct SQLiteAlertDesk: AlertDesk {
    let pool: DatabasePool

    public init(pool: DatabasePool) { self.pool = pool }

    public func raise(_ alert: Alert) throws -> Alert {
        try pool.write { db in
            if let open = try AlertRecord.filter(Column("call_id") == alert.callID && Column("taken_at") == nil).fetchOne(db) {
                return open.alert
            }
            try AlertRecord(alert).insert(db)
            return alert
        }
    }

    public func take(_ alertID: String, by supervisor: String, at: Date) throws -> Alert {
        try pool.write { db in
            guard var record = try AlertRecord.fetchOne(db, key: alertID) else { throw AlertNotFound(id: alertID) }
            guard record.takenAt == nil else { throw AlertAlreadyTaken(record.alert) }
            record.takenBy = supervisor
            record.takenAt = at
            try record.update(db)
            return record.alert
        }
    }

    public func openAlerts() throws -> [Alert] {
        try pool.read { db in
            try AlertRecord.filter(Column("taken_at") == nil).order(Column("raised_at")).fetchAll(db).map(\.alert)
        }
    }

    public func alerts(since: Date) throws -> [Alert] {
        try pool.read { db in
            try AlertRecord.filter(Column("raised_at") >= since).order(Column("raised_at")).fetchAll(db).map(\.alert)
        }
    }

    public func alerts(ofCall callID: String) throws -> [Alert] {
        try pool.read { db in
            try AlertRecord.filter(Column("call_id") == callID).order(Column("raised_at")).fetchAll(db).map(\.alert)
        }
    }

    public func report(_ presence: ConsolePresence) throws {
        try pool.write { db in try PresenceRecord(presence).upsert(db) }
    }

    public func leave(_ consoleID: String) throws {
        try pool.write { db in _ = try PresenceRecord.deleteOne(db, key: consoleID) }
    }

    public func presences() throws -> [ConsolePresence] {
        try pool.read { db in try PresenceRecord.order(Column("operator"), Column("console")).fetchAll(db).map(\.presence) }
    }
}

/// No alert with that id.
public struct AlertNotFound: Error, Equatable, CustomStringConvertible {
    public var id: String
    public var description: String { "no alert \(id)" }
}
