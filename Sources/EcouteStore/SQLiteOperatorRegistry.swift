import EcouteCore
import Foundation
import GRDB

/// Operators over SQLite: pseudonym, role, and the system user who acts as them.
public struct SQLiteOperatorRegistry: OperatorRegistry {
    let pool: DatabasePool

    public init(pool: DatabasePool) { self.pool = pool }

    public func saveOperator(_ record: OperatorRecord, now: Date) throws {
        try pool.write { db in
            _ = try OperatorRow(name: record.name, role: record.role, systemUser: record.systemUser, createdAt: now, phone: record.phone)
                .upsertAndFetch(db, onConflict: ["name"]) { _ in [Column("created_at").noOverwrite] }
        }
    }

    public func operators() throws -> [OperatorRecord] {
        try pool.read { db in try OperatorRow.order(Column("name")).fetchAll(db).map(\.record) }
    }

    public func hasSupervisor() throws -> Bool {
        try pool.read { db in try OperatorRow.filter(Column("role") == OperatorRole.supervisor).fetchCount(db) > 0 }
    }

    public func viewer(systemUser: String) throws -> Viewer {
        try pool.read { db in
            if let row = try OperatorRow.filter(Column("system_user") == systemUser).fetchOne(db) {
                return Viewer(name: row.name, role: row.role)
            }
            let named = try OperatorRow.fetchOne(db, key: systemUser)
            return Viewer(name: systemUser, role: named?.role ?? .psychologist)
        }
    }
}
