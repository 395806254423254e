import EcouteCore
import Foundation
import GRDB

/// Operators, shifts, calls for review and reports, and supervisors' corrections with their
/// audit log. Every read takes the viewer: a psychologist only ever gets their own calls.
public struct SQLiteReview {
    let pool: DatabasePool

    public init(pool: DatabasePool) { self.pool = pool }

    public struct AccessDenied: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: - Operators

    /// Adds or updates an operator (pseudonym, role, the system user who acts as them).
    public func saveOperator(name: String, role: OperatorRole, systemUser: String?, now: Date) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO operators (name, role, system_user, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET role = excluded.role, system_user = excluded.system_user
                """, arguments: [name, role.rawValue, systemUser, now])
        }
    }

    public func operators() throws -> [(name: String, role: OperatorRole, systemUser: String?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operators ORDER BY name").map {
                (name: $0["name"], role: OperatorRole(rawValue: $0["role"]) ?? .psychologist, systemUser: $0["system_user"])
            }
        }
    }

    public func hasSupervisor() throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM operators WHERE role = 'supervisor')") ?? false }
    }

    /// The operator a system user acts as: the one mapped to it, else a psychologist named after it.
    public func viewer(systemUser: String) throws -> Viewer {
        try pool.read { db in
            if let row = try Row.fetchOne(db, sql: "SELECT name, role FROM operators WHERE system_user = ?", arguments: [systemUser]) {
                return Viewer(name: row["name"], role: OperatorRole(rawValue: row["role"]) ?? .psychologist)
            }
            let role = try String.fetchOne(db, sql: "SELECT role FROM operators WHERE name = ?", arguments: [systemUser])
            return Viewer(name: systemUser, role: role.flatMap(OperatorRole.init(rawValue:)) ?? .psychologist)
        }
    }

    // MARK: - Shifts

    public func startShift(operatorName: String, at: Date) throws -> String {
        let id = UUID().uuidString.lowercased()
        try pool.write { db in
            try db.execute(sql: "INSERT INTO shifts (id, operator, started_at) VALUES (?, ?, ?)", arguments: [id, operatorName, at])
        }
        return id
    }

    public func endShift(_ id: String, at: Date) throws {
        try pool.write { db in try db.execute(sql: "UPDATE shifts SET ended_at = ? WHERE id = ?", arguments: [at, id]) }
    }

    /// Shifts the viewer may see, newest first, with their calls and total call time.
    public func shifts(visibleTo viewer: Viewer) throws -> [Shift] {
        try pool.read { db in
            var sql = """
                SELECT s.id, s.operator, s.started_at, s.ended_at, COUNT(c.id) AS calls,
                    COALESCE(SUM((julianday(c.ended_at) - julianday(c.picked_up_at)) * 86400.0), 0) AS total
                FROM shifts s LEFT JOIN calls c ON c.shift_id = s.id
                """
            var arguments: StatementArguments = []
            if viewer.role != .supervisor {
                sql += " WHERE s.operator = ?"
                arguments = [viewer.name]
            }
            sql += " GROUP BY s.id ORDER BY s.started_at DESC"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                Shift(id: $0["id"], operatorName: $0["operator"], startedAt: $0["started_at"], endedAt: $0["ended_at"],
                      callCount: $0["calls"], totalDuration: (($0["total"] as Double) * 1000).rounded() / 1000)
            }
        }
    }

    // MARK: - Calls

    /// Calls matching the query that the viewer may see, oldest first.
    public func calls(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [CallDraft] {
        if let name = query.operatorName, !viewer.canSee(callsOf: name) {
            throw AccessDenied(description: "\(viewer.name) (\(viewer.role.rawValue)) cannot see the calls of \(name): only supervisors see other operators' calls")
        }
        return try pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let from = query.from { conditions.append("picked_up_at >= ?"); arguments += [from] }
            if let to = query.to { conditions.append("picked_up_at < ?"); arguments += [to] }
            if let name = query.operatorName { conditions.append("operator = ?"); arguments += [name] }
            if let shift = query.shiftID { conditions.append("shift_id = ?"); arguments += [shift] }
            if viewer.role != .supervisor { conditions.append("operator = ?"); arguments += [viewer.name] }
            let sql = "SELECT * FROM calls" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + " ORDER BY picked_up_at, id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try SQLiteCallRepository.draft($0, db) }
        }
    }

    // MARK: - Corrections

    public struct CorrectionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A supervisor's correction of a saved call: the call and its audit entry in one transaction.
    public func correct(callID: String, field: CorrectableField, to text: String, reason: String, by viewer: Viewer, at: Date) throws {
        guard viewer.canCorrect else {
            throw AccessDenied(description: "\(viewer.name) (\(viewer.role.rawValue)) cannot correct calls: supervisors only")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CorrectionError(description: "a correction needs a reason")
        }
        try pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM calls WHERE id = ?", arguments: [callID]) else {
                throw CorrectionError(description: "no call \(callID)")
            }
            let call = try SQLiteCallRepository.draft(row, db)
            guard call.phase == .saved else { throw CorrectionError(description: "call \(callID) is not saved yet") }
            guard let corrected = field.apply(text, to: call) else {
                throw CorrectionError(description: "\"\(text)\" is not a value of \(field.rawValue)")
            }
            let old = field.value(of: call), new = field.value(of: corrected)
            guard old != new else { throw CorrectionError(description: "\(field.rawValue) is already \(old)") }
            try db.execute(sql: "UPDATE calls SET level = ?, addiction = ?, hospitalisation = ?, notes = ? WHERE id = ?",
                           arguments: [corrected.level?.rawValue, corrected.addiction, corrected.hospitalisation, corrected.notes, callID])
            try db.execute(sql: """
                INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [callID, at, viewer.name, field.rawValue, old, new, reason])
        }
    }

    public func auditLog(callID: String) throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE call_id = ? ORDER BY at, id", arguments: [callID]).map {
                AuditEntry(callID: $0["call_id"], at: $0["at"], by: $0["by"], field: $0["field"],
                           oldValue: $0["old_value"], newValue: $0["new_value"], reason: $0["reason"])
            }
        }
    }
}
