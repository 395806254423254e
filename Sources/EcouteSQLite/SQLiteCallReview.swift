import EcouteCore
import Foundation
import GRDB

/// Calls for review and reports, and supervisors' corrections with their audit log, over SQLite.
/// Every read takes the viewer: a psychologist's query is restricted to their own calls in SQL.
public struct SQLiteCallReview: CallReview {
    let database: DatabaseQueue
    public init(database: DatabaseQueue) { self.database = database }

    /// The calls of `query` that `viewer` may see, as one stream.
    static func stream(_ query: CallQuery, visibleTo viewer: Viewer) -> SQLiteCallStream {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = query.from { conditions.append("c.picked_up_at >= ?"); arguments += [from] }
        if let to = query.to { conditions.append("c.picked_up_at < ?"); arguments += [to] }
        if let name = query.operatorName { conditions.append("c.operator = ?"); arguments += [name] }
        if let shift = query.shiftID { conditions.append("c.shift_id = ?"); arguments += [shift] }
        if viewer.role != .supervisor { conditions.append("c.operator = ?"); arguments += [viewer.name] }
        return SQLiteCallStream(filter: conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "),
                                arguments: arguments)
    }

    public func forEachCall(_ query: CallQuery, visibleTo viewer: Viewer, _ body: (CallDraft) throws -> Void) throws {
        let stream = try Self.visibleStream(query, to: viewer)
        // One read transaction: a consistent snapshot, four statements walked side by side.
        try database.read { db in try stream.forEach(db, body) }
    }

    public func correct(callID: String, field: CorrectableField, to text: String, reason: String, by viewer: Viewer, at: Date) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot correct calls: supervisors only")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CorrectionRefused("a correction needs a reason")
        }
        try database.write { db in
            guard let record = try CallRecord.fetchOne(db, key: callID) else { throw CorrectionRefused("no call \(callID)") }
            let call = try CallRecord.drafts([record], db)[0]
            guard call.phase == .saved else { throw CorrectionRefused("call \(callID) is not saved yet") }
            guard let corrected = field.apply(text, to: call) else {
                throw CorrectionRefused("\"\(text)\" is not a value of \(field.rawValue)")
            }
            let old = field.value(of: call), new = field.value(of: corrected)
            guard old != new else { throw CorrectionRefused("\(field.rawValue) is already \(old)") }
            if let refusal = field.refusal(corrected) { throw CorrectionRefused(refusal) }
            switch field {
            case .level, .addiction, .hospitalisation, .notes:
                try db.execute(sql: "UPDATE calls SET level = ?, addiction = ?, hospitalisation = ?, notes = ? WHERE id = ?",
                               arguments: [corrected.level, corrected.addiction, corrected.hospitalisation, corrected.notes, callID])
            case .assessment:
                try db.execute(sql: "DELETE FROM call_assessments WHERE call_id = ?", arguments: [callID])
                if let assessment = corrected.assessment { try CallAssessmentRecord(callID: callID, assessment).insert(db) }
            case .motifs:
                try db.execute(sql: "DELETE FROM call_motifs WHERE call_id = ?", arguments: [callID])
                for (position, m) in (corrected.motifs ?? []).enumerated() {
                    try db.execute(sql: "INSERT INTO call_motifs (call_id, position, motif) VALUES (?, ?, ?)", arguments: [callID, position, m.rawValue])
                }
            }
            try AuditChain.chained(AuditEntry(callID: callID, at: at, by: viewer.name, field: field.rawValue, oldValue: old,
                                              newValue: new, reason: reason), db).insert(db)
        }
    }

    public func unfinishedCalls(visibleTo viewer: Viewer) throws -> [CallDraft] {
        try database.read { db in
            var request = CallRecord.filter(CallPhase.unfinished.contains(Column("phase")))
            if viewer.role != .supervisor { request = request.filter(Column("operator") == viewer.name) }
            return try CallRecord.drafts(try request.order(Column("picked_up_at"), Column("id")).fetchAll(db), db)
        }
    }

    public func purgeNotes(savedBefore cutoff: Date, reason: String, by viewer: Viewer, at: Date, dryRun: Bool) throws -> [String] {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot purge notes: supervisors only")
        }
        let due = CallRecord.filter(Column("phase") == CallPhase.saved && Column("saved_at") < cutoff && Column("notes") != "")
            .order(Column("saved_at"), Column("id"))
        if dryRun { return try database.read { db in try due.fetchAll(db).map(\.id) } }
        return try database.write { db in
            let records = try due.fetchAll(db)
            for var record in records {
                let length = record.notes.count
                record.notes = ""
                try record.update(db, columns: ["notes"])
                try AuditChain.chained(AuditEntry(callID: record.id, at: at, by: viewer.name, field: "notes", oldValue: "\(length) characters",
                                                  newValue: "", reason: reason), db).insert(db)
            }
            return records.map(\.id)
        }
    }

    public func notesRetentionDays() throws -> Int? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM line_settings WHERE key = 'notes_retention_days'").flatMap { Int($0) }
        }
    }

    public func setNotesRetention(days: Int, by viewer: Viewer, at: Date) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot set the retention: supervisors only")
        }
        guard days >= 1 else { throw CorrectionRefused("a retention of \(days) days is not a retention: at least 1 day") }
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO line_settings (key, value, set_by, set_at) VALUES ('notes_retention_days', ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at
                """, arguments: ["\(days)", viewer.name, at])
        }
    }

    public func closeUnfinished(callID: String, reason: String, by viewer: Viewer, at: Date) throws {
        try changeUnfinished(callID, field: "phase", reason: reason, by: viewer, at: at) { record in
            let old = record.phase.rawValue
            record.phase = .closed
            if record.endedAt == nil {
                record.endedAt = record.updatedAt
                record.endReason = .interrupted
            }
            return (old, CallPhase.closed.rawValue)
        }
    }

    public func reassignUnfinished(callID: String, to operatorName: String, reason: String, by viewer: Viewer, at: Date) throws {
        guard try reassignableOperators().contains(operatorName) else {
            throw CorrectionRefused("\(operatorName) is not an operator of the line who answers calls")
        }
        try changeUnfinished(callID, field: "operator", reason: reason, by: viewer, at: at) { record in
            let old = record.operator
            record.operator = operatorName
            return (old, operatorName)
        }
    }

    public func reassignableOperators() throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM operators WHERE role IN ('psychologist', 'supervisor')
                UNION SELECT operator FROM shifts WHERE operator NOT IN (SELECT name FROM operators WHERE role = 'trainer')
                ORDER BY 1
                """)
        }
    }

    /// A supervisor's change to an unfinished call: the call, its audit entry and the end of its
    /// lease in one transaction.
    private func changeUnfinished(_ callID: String, field: String, reason: String, by viewer: Viewer, at: Date,
                                  _ change: (inout CallRecord) -> (String, String)) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot close or reassign calls: supervisors only")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw CorrectionRefused("this needs a reason") }
        try database.write { db in
            guard var record = try CallRecord.fetchOne(db, key: callID) else { throw CorrectionRefused("no call \(callID)") }
            guard record.phase != .saved, record.phase != .closed else {
                throw CorrectionRefused("call \(callID) is not unfinished (\(record.phase.rawValue))")
            }
            let (old, new) = change(&record)
            record.updatedAt = at
            try record.update(db)
            try db.execute(sql: "DELETE FROM call_leases WHERE call_id = ?", arguments: [callID])
            try AuditChain.chained(AuditEntry(callID: callID, at: at, by: viewer.name, field: field, oldValue: old, newValue: new,
                                              reason: reason), db).insert(db)
        }
    }

    public func corrections(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [AuditEntry] {
        let stream = try Self.visibleStream(query, to: viewer)
        return try database.read { db in
            try AuditRow.fetchAll(db, sql: """
                SELECT a.* FROM audit_log a JOIN calls c ON c.id = a.call_id \(stream.filter) ORDER BY a.at, a.id
                """, arguments: stream.arguments).map(\.entry)
                .filter { $0.field != UnsavedVersion.auditField && $0.field != CallLine.sealedAuditField }   // a kept version, an upgrade's reseal: no corrections
        }
    }

    public func takeovers(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [CallTakeover] {
        let stream = try Self.visibleStream(query, to: viewer)
        return try database.read { db in
            try CallTakeoverRecord.fetchAll(db, sql: """
                SELECT t.* FROM call_takeovers t JOIN calls c ON c.id = t.call_id \(stream.filter) ORDER BY t.at, t.id
                """, arguments: stream.arguments).map(\.takeover)
        }
    }

    /// The calls a query selects for a viewer, refused when it names another operator's calls to
    /// someone who may not see them.
    private static func visibleStream(_ query: CallQuery, to viewer: Viewer) throws -> SQLiteCallStream {
        if let name = query.operatorName, !viewer.canSee(callsOf: name) {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot see the calls of \(name): only supervisors see other operators' calls")
        }
        return stream(query, visibleTo: viewer)
    }

    public func auditLog(callID: String) throws -> [AuditEntry] {
        try database.read { db in
            try AuditRow.filter(Column("call_id") == callID).order(Column("at"), Column("id")).fetchAll(db).map(\.entry)
        }
    }
}
