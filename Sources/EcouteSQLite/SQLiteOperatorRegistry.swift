import EcouteCore
import Foundation
import GRDB

/// Operators over SQLite: pseudonym, role, and the system user who acts as them.
public struct SQLiteOperatorRegistry: OperatorRegistry {
    let database: DatabaseQueue

    public init(database: DatabaseQueue) { self.database = database }

    private static func role(_ raw: String) throws -> OperatorRole {
        guard let role = OperatorRole(rawValue: raw) else { throw StoredValueUnknown(column: "operators.role", value: raw) }
        return role
    }

    public func saveOperator(_ record: OperatorRecord, now: Date) throws {
        try database.write { db in
            _ = try OperatorRow(name: record.name, role: record.role, systemUser: record.systemUser, createdAt: now, phone: record.phone)
                .upsertAndFetch(db, onConflict: ["name"]) { _ in [Column("created_at").noOverwrite] }
        }
    }

    public func operators() throws -> [OperatorRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, system_user, phone FROM operators ORDER BY name").map { row in
                OperatorRecord(name: row[0], role: try Self.role(row[1]), systemUser: row[2], phone: row[3])
            }
        }
    }

    public func hasSupervisor() throws -> Bool {
        try database.read { db in try OperatorRow.filter(Column("role") == OperatorRole.supervisor).fetchCount(db) > 0 }
    }

    public func viewer(systemUser: String) throws -> Viewer {
        // Plain SQL: every command asks this first, before any record type has been used.
        try database.read { db in
            if let row = try Row.fetchOne(db, sql: "SELECT name, role FROM operators WHERE system_user = ? LIMIT 1", arguments: [systemUser]) {
                return Viewer(name: row[0], role: try Self.role(row[1]))
            }
            let role = try String.fetchOne(db, sql: "SELECT role FROM operators WHERE name = ?", arguments: [systemUser])
            return Viewer(name: systemUser, role: try role.map(Self.role) ?? .psychologist)
        }
    }
}
