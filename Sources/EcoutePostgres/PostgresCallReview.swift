import EcouteCore
import EcouteSQLite
import Foundation

/// Review and reports on the platform database. Reads filter by the viewer as on SQLite, and the
/// engine filters again by the connected role (row-level security). Every change to a saved or
/// unfinished call goes through `ecoute.supervise(…)`, which checks the connected role is a
/// supervisor and writes the audit entry in the same transaction.
struct PostgresCallReview: CallReview {
    let session: PostgresSession
    static let pageSize = 500

    func forEachCall(_ query: CallQuery, visibleTo viewer: Viewer, _ body: (CallDraft) throws -> Void) throws {
        let (filter, values) = try callFilter(query, visibleTo: viewer)
        // One snapshot (REPEATABLE READ) read through a cursor, a page of calls at a time with
        // their referrals in one query per page.
        try session.transaction { s in
            try s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var page: [CallRecord] = []
            try s.forEachRow("SELECT \(PostgresCallRows.readColumnList) FROM calls c \(filter) ORDER BY picked_up_at, id", values) { row in
                page.append(try PostgresCallRows.record(row))
                if page.count == Self.pageSize {
                    for draft in try PostgresCallRows.drafts(page, s) { try body(draft) }
                    page.removeAll(keepingCapacity: true)
                }
            }
            for draft in try PostgresCallRows.drafts(page, s) { try body(draft) }
        }
    }

    func correct(callID: String, field: CorrectableField, to text: String, reason: String, by viewer: Viewer, at: Date) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot correct calls: supervisors only")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw CorrectionRefused("a correction needs a reason") }
        try session.transaction { s in
            guard let call = try call(callID, s) else { throw CorrectionRefused("no call \(callID)") }
            guard call.phase == .saved else { throw CorrectionRefused("call \(callID) is not saved yet") }
            guard let corrected = field.apply(text, to: call) else {
                throw CorrectionRefused("\"\(text)\" is not a value of \(field.rawValue)")
            }
            let old = field.value(of: call), new = field.value(of: corrected)
            guard old != new else { throw CorrectionRefused("\(field.rawValue) is already \(old)") }
            if let refusal = field.refusal(corrected) { throw CorrectionRefused(refusal) }
            let (expected, value): (String?, String?)
            switch field {
            case .level: (expected, value) = (call.level.map { "\($0.rawValue)" }, corrected.level.map { "\($0.rawValue)" })
            case .addiction: (expected, value) = ("\(call.addiction)", "\(corrected.addiction)")
            case .hospitalisation: (expected, value) = ("\(call.hospitalisation)", "\(corrected.hospitalisation)")
            case .notes: (expected, value) = (call.notes, corrected.notes)
            case .assessment:
                let json = corrected.assessment.map { PostgresCallRows.assessmentJSON(RiskAssessmentRow($0)) } ?? "null"
                return try supervisePart(callID, field: field, expected: old, json: json, reason: reason, at: at, by: viewer, s)
            case .motifs:
                let json = "[" + (corrected.motifs ?? []).map { JSONLiteral.string($0.rawValue) }.joined(separator: ",") + "]"
                return try supervisePart(callID, field: field, expected: old, json: json, reason: reason, at: at, by: viewer, s)
            }
            try supervise(callID, field: field.rawValue, expected: expected, value: value, reason: reason, at: at, by: viewer, saved: true, s)
        }
    }

    func unfinishedCalls(visibleTo viewer: Viewer) throws -> [CallDraft] {
        try session.transaction { s in
            var sql = "SELECT \(PostgresCallRows.readColumnList) FROM calls WHERE phase = ANY($1::text[])"
            var values: [SQLValue] = [.of(PostgresArray.text(CallPhase.unfinished.map(\.rawValue)))]
            if viewer.role != .supervisor {
                sql += " AND operator = $2"
                values.append(.of(viewer.name))
            }
            let records = try s.rows(sql + " ORDER BY picked_up_at, id", values).map(PostgresCallRows.record)
            return try PostgresCallRows.drafts(records, s)
        }
    }

    func purgeNotes(savedBefore cutoff: Date, reason: String, by viewer: Viewer, at: Date, dryRun: Bool) throws -> [String] {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot purge notes: supervisors only")
        }
        return try session.transaction { s in
            let due = try s.rows("""
                SELECT id, notes FROM calls WHERE phase = 'saved' AND saved_at < $1 AND notes <> '' ORDER BY saved_at, id
                """, [.of(cutoff)]).map { (try $0.text("id"), try $0.text("notes")) }
            if dryRun { return due.map(\.0) }
            for (id, notes) in due {
                try supervise(id, field: "notes", expected: notes, value: "", reason: reason, at: at, by: viewer, saved: true, s)
            }
            return due.map(\.0)
        }
    }

    func notesRetentionDays() throws -> Int? {
        try session.rows("SELECT value FROM line_settings WHERE key = 'notes_retention_days'").first.flatMap { Int(try $0.text("value")) }
    }

    func setNotesRetention(days: Int, by viewer: Viewer, at: Date) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot set the retention: supervisors only")
        }
        guard days >= 1 else { throw CorrectionRefused("a retention of \(days) days is not a retention: at least 1 day") }
        try session.execute("SELECT ecoute.set_line_setting('notes_retention_days', $1, $2, $3)",
                            [.of("\(days)"), .of(at), .of(viewer.name)])
    }

    func closeUnfinished(callID: String, reason: String, by viewer: Viewer, at: Date) throws {
        try changeUnfinished(callID, reason: reason, by: viewer) { call, s in
            try supervise(callID, field: "phase", expected: call.phase.rawValue, value: CallPhase.closed.rawValue, reason: reason, at: at,
                          by: viewer, saved: false, s)
        }
    }

    /// The engine refuses a name missing from `operators` (`supervise`); a name whose role left the
    /// psychologists' and supervisors' groups is refused here, before asking it.
    func reassignUnfinished(callID: String, to operatorName: String, reason: String, by viewer: Viewer, at: Date) throws {
        guard try reassignableOperators().contains(operatorName) else {
            throw CorrectionRefused("\(operatorName) is not an operator of the line who answers calls")
        }
        try changeUnfinished(callID, reason: reason, by: viewer) { call, s in
            try supervise(callID, field: "operator", expected: call.operatorName, value: operatorName, reason: reason, at: at, by: viewer,
                          saved: false, s)
        }
    }

    func reassignableOperators() throws -> [String] {
        try PostgresOperatorRegistry(session: session).operators().filter { $0.role != .trainer }.map(\.name)
    }

    private func changeUnfinished(_ callID: String, reason: String, by viewer: Viewer,
                                  _ change: (CallDraft, PostgresSession) throws -> Void) throws {
        guard viewer.canCorrect else {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot close or reassign calls: supervisors only")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw CorrectionRefused("this needs a reason") }
        try session.transaction { s in
            guard let call = try call(callID, s) else { throw CorrectionRefused("no call \(callID)") }
            guard call.phase != .saved, call.phase != .closed else {
                throw CorrectionRefused("call \(callID) is not unfinished (\(call.phase.rawValue))")
            }
            try change(call, s)
        }
    }

    func corrections(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [AuditEntry] {
        let (filter, values) = try callFilter(query, visibleTo: viewer)
        return try session.rows("SELECT a.* FROM audit_log a JOIN calls c ON c.id = a.call_id \(filter) ORDER BY a.at, a.id", values).map { row in
            try AuditEntry(callID: row.text("call_id"), at: row.date("at"), by: row.text("by"), field: row.text("field"),
                           oldValue: row.optionalText("old_value"), newValue: row.optionalText("new_value"), reason: row.text("reason"))
        }.filter { $0.field != UnsavedVersion.auditField && $0.field != CallLine.sealedAuditField }   // a kept version, an upgrade's reseal (copied from SQLite): no corrections
    }

    func takeovers(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [CallTakeover] {
        let (filter, values) = try callFilter(query, visibleTo: viewer)
        return try session.rows("SELECT t.* FROM call_takeovers t JOIN calls c ON c.id = t.call_id \(filter) ORDER BY t.at, t.id", values)
            .map(PostgresCallLeases.takeover)
    }

    /// `WHERE …` over calls aliased `c` for the query and the viewer, and its values.
    private func callFilter(_ query: CallQuery, visibleTo viewer: Viewer) throws -> (String, [SQLValue]) {
        if let name = query.operatorName, !viewer.canSee(callsOf: name) {
            throw AccessDenied("\(viewer.name) (\(viewer.role.rawValue)) cannot see the calls of \(name): only supervisors see other operators' calls")
        }
        var conditions: [String] = []
        var values: [SQLValue] = []
        func add(_ condition: String, _ value: SQLValue) {
            values.append(value)
            conditions.append(condition.replacingOccurrences(of: "?", with: "$\(values.count)"))
        }
        if let from = query.from { add("c.picked_up_at >= ?", .of(from)) }
        if let to = query.to { add("c.picked_up_at < ?", .of(to)) }
        if let name = query.operatorName { add("c.operator = ?", .of(name)) }
        if let shift = query.shiftID { add("c.shift_id = ?", .of(shift)) }
        if viewer.role != .supervisor { add("c.operator = ?", .of(viewer.name)) }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), values)
    }

    func auditLog(callID: String) throws -> [AuditEntry] {
        try session.rows("SELECT * FROM audit_log WHERE call_id = $1 ORDER BY at, id", [.of(callID)]).map { row in
            try AuditEntry(callID: row.text("call_id"), at: row.date("at"), by: row.text("by"), field: row.text("field"),
                           oldValue: row.optionalText("old_value"), newValue: row.optionalText("new_value"), reason: row.text("reason"))
        }
    }

    private func call(_ id: String, _ s: PostgresSession) throws -> CallDraft? {
        let records = try s.rows("SELECT \(PostgresCallRows.readColumnList) FROM calls WHERE id = $1", [.of(id)]).map(PostgresCallRows.record)
        return try PostgresCallRows.drafts(records, s).first
    }

    /// A supervisor's correction of a saved call's assessment or motifs, through
    /// `ecoute.supervise_part`: the engine checks as `supervise` does, reads the old and new text
    /// itself, writes the audit entry and seals the call again. `expected`: the part's text as read.
    private func supervisePart(_ callID: String, field: CorrectableField, expected: String, json: String, reason: String,
                               at: Date, by viewer: Viewer, _ s: PostgresSession) throws {
        do {
            try s.execute("SELECT ecoute.supervise_part($1, $2, $3, $4::jsonb, $5, $6, $7)",
                          [.of(callID), .of(field.rawValue), .of(expected), .of(json), .of(reason), .of(at), .of(viewer.name)])
        } catch let error as PostgresSession.ServerError where error.sqlState == "42501" {
            throw AccessDenied(error.message)
        } catch let error as PostgresSession.ServerError where EngineRefusal.inputStates.contains(error.sqlState) || error.sqlState == "40001" {
            throw CorrectionRefused(error.message)
        }
    }

    /// The one way a supervisor changes a call: the server checks the role, the call's state and
    /// that the field still holds what was read, then writes the change and its audit entry — the
    /// old and new values it shows read from the row by the engine, the author its session_user,
    /// the time its clock (`at` and `viewer.name` count only for the administrator's tools).
    private func supervise(_ callID: String, field: String, expected: String?, value: String?, reason: String,
                           at: Date, by viewer: Viewer, saved: Bool, _ s: PostgresSession) throws {
        do {
            try s.execute("SELECT ecoute.supervise($1, $2, $3, $4, $5, $6, $7, $8)",
                          [.of(callID), .of(field), .of(expected), .of(value), .of(reason), .of(saved), .of(at), .of(viewer.name)])
        } catch let error as PostgresSession.ServerError where error.sqlState == "42501" {
            throw AccessDenied(error.message)
        } catch let error as PostgresSession.ServerError where error.sqlState == "22023" || error.sqlState == "40001" {
            throw CorrectionRefused(error.message)
        }
    }
}
