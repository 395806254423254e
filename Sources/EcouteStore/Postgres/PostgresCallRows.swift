import EcouteCore
import Foundation
import PostgresNIO

/// Calls as rows of the platform database: the same records as on SQLite (`CallRecord`,
/// `CallReferralRecord`, …), written and read with PostgreSQL's types.
enum PostgresCallRows {
    static let columns = [
        "id", "operator", "phase", "phase_before_emergency", "picked_up_at", "ended_at", "end_reason", "caller_category",
        "profession", "status", "sector", "departement", "repeat_caller", "level", "addiction", "hospitalisation", "notes",
        "follow_up", "emergency_opened_at", "emergency_services_called_at", "supervisor_called_at", "caller_kept_on_line_at",
        "emergency_services_skipped", "supervisor_skipped", "caller_kept_on_line_skipped", "updated_at", "saved_at", "shift_id",
    ]
    static let columnList = columns.joined(separator: ", ")

    static func values(_ r: CallRecord) -> [SQLValue] {
        [.of(r.id), .of(r.operator), .of(r.phase), .of(r.phaseBeforeEmergency), .of(r.pickedUpAt), .of(r.endedAt), .of(r.endReason),
         .of(r.callerCategory), .of(r.profession), .of(r.status), .of(r.sector), .of(r.departement), .of(r.repeatCaller), .of(r.level),
         .of(r.addiction), .of(r.hospitalisation), .of(r.notes), .of(r.followUp), .of(r.emergencyOpenedAt),
         .of(r.emergencyServicesCalledAt), .of(r.supervisorCalledAt), .of(r.callerKeptOnLineAt), .of(r.emergencyServicesSkipped),
         .of(r.supervisorSkipped), .of(r.callerKeptOnLineSkipped), .of(r.updatedAt), .of(r.savedAt), .of(r.shiftId)]
    }

    /// Inserts or updates the call row; a call keeps the shift it was first written in.
    static func upsert(_ r: CallRecord, _ s: PostgresSession) throws {
        let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
        let updates = columns.dropFirst().filter { $0 != "shift_id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try s.execute("""
            INSERT INTO calls (\(columnList)) VALUES (\(placeholders))
            ON CONFLICT (id) DO UPDATE SET \(updates), shift_id = coalesce(calls.shift_id, excluded.shift_id)
            """, values(r))
    }

    /// The referrals and reasons of a call, replaced whole: one statement to clear them (and the
    /// lease, when the call is being saved), one to insert each kind — a save is a handful of
    /// round trips, whatever the number of referrals.
    static func writeReferrals(_ d: CallDraft, droppingLease: Bool = false, _ s: PostgresSession) throws {
        try s.execute("""
            WITH referrals AS (DELETE FROM call_referrals WHERE call_id = $1),
                 gaps AS (DELETE FROM call_referral_gaps WHERE call_id = $1)
            DELETE FROM call_leases WHERE call_id = $1 AND $2
            """, [.of(d.id), .of(droppingLease)])
        if !d.referrals.isEmpty {
            var values: [SQLValue] = []
            var rows: [String] = []
            for (position, r) in d.referrals.enumerated() {
                let first = values.count
                rows.append("(" + (1...9).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                values += [.of(d.id), .of(position), .of(r.kind), .int(r.entryID.map(Int.init)), .of(r.name), .of(r.contact), .of(r.tier),
                           .of(r.status), .of(r.origin)]
            }
            try s.execute("""
                INSERT INTO call_referrals (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                VALUES \(rows.joined(separator: ", "))
                """, values)
        }
        if !d.referralGaps.isEmpty {
            var values: [SQLValue] = []
            var rows: [String] = []
            for (kind, gap) in d.referralGaps.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let first = values.count
                rows.append("(" + (1...4).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                values += [.of(d.id), .of(kind), .of(gap.reason), .of(gap.note)]
            }
            try s.execute("INSERT INTO call_referral_gaps (call_id, kind, reason, note) VALUES \(rows.joined(separator: ", "))", values)
        }
    }

    static func record(_ row: PostgresRandomAccessRow) throws -> CallRecord {
        try CallRecord(
            id: row.text("id"), operator: row.text("operator"), phase: row.value("phase"),
            phaseBeforeEmergency: row.optionalValue("phase_before_emergency"), pickedUpAt: row.date("picked_up_at"),
            endedAt: row.optionalDate("ended_at"), endReason: row.optionalValue("end_reason"),
            callerCategory: row.optionalValue("caller_category"), profession: row.optionalValue("profession"),
            status: row.optionalValue("status"), sector: row.optionalValue("sector"), departement: row.optionalText("departement"),
            repeatCaller: row.optionalBool("repeat_caller"), level: row.optionalValue("level"), addiction: row.bool("addiction"),
            hospitalisation: row.bool("hospitalisation"), notes: row.text("notes"), followUp: row.optionalText("follow_up"),
            emergencyOpenedAt: row.optionalDate("emergency_opened_at"),
            emergencyServicesCalledAt: row.optionalDate("emergency_services_called_at"),
            supervisorCalledAt: row.optionalDate("supervisor_called_at"), callerKeptOnLineAt: row.optionalDate("caller_kept_on_line_at"),
            emergencyServicesSkipped: row.optionalText("emergency_services_skipped"),
            supervisorSkipped: row.optionalText("supervisor_skipped"),
            callerKeptOnLineSkipped: row.optionalText("caller_kept_on_line_skipped"), updatedAt: row.date("updated_at"),
            savedAt: row.optionalDate("saved_at"), shiftId: row.optionalText("shift_id"))
    }

    static func alert(_ row: PostgresRandomAccessRow) throws -> Alert {
        try Alert(id: row.text("id"), callID: row.text("call_id"), operatorName: row.text("operator"),
                  departement: row.optionalText("departement"), level: row.value("level"), reason: row.value("reason"),
                  callElapsed: row.double("call_elapsed"), raisedAt: row.date("raised_at"), takenBy: row.optionalText("taken_by"),
                  takenAt: row.optionalDate("taken_at"),
                  raisedByMistake: row.optionalDate("mistake_marked_at").map {
                      RaisedByMistake(reason: try row.optionalText("mistake_reason") ?? "", markedAt: $0)
                  })
    }

    /// Calls with their referrals, reasons and alerts: one query per table for the whole batch.
    static func drafts(_ records: [CallRecord], _ s: PostgresSession) throws -> [CallDraft] {
        guard !records.isEmpty else { return [] }
        let ids = PostgresArray.text(records.map(\.id))
        var referrals: [String: [Referral]] = [:]
        for row in try s.rows("SELECT * FROM call_referrals WHERE call_id = ANY($1::text[]) ORDER BY call_id, position", [.of(ids)]) {
            let referral = try Referral(kind: row.value("kind"), entryID: row.optionalInt("entry_id").map(Int64.init), name: row.text("name"),
                                        contact: row.text("contact"), tier: row.value("tier"), status: row.value("status"),
                                        origin: row.value("origin"))
            referrals[try row.text("call_id"), default: []].append(referral)
        }
        var gaps: [String: [CallReferralGapRecord]] = [:]
        for row in try s.rows("SELECT * FROM call_referral_gaps WHERE call_id = ANY($1::text[]) ORDER BY kind", [.of(ids)]) {
            let gap = try CallReferralGapRecord(callId: row.text("call_id"), kind: row.value("kind"), reason: row.value("reason"),
                                                note: row.text("note"))
            gaps[gap.callId, default: []].append(gap)
        }
        var alerts: [String: [Alert]] = [:]
        for row in try s.rows("SELECT * FROM alerts WHERE call_id = ANY($1::text[]) ORDER BY raised_at, id", [.of(ids)]) {
            let found = try Self.alert(row)
            alerts[found.callID, default: []].append(found)
        }
        return records.map {
            $0.draft(referrals: referrals[$0.id] ?? [], gaps: gaps[$0.id] ?? [], alerts: (alerts[$0.id] ?? []).map(AlertRecord.init))
        }
    }
}

extension CallRecord {
    /// Every column given (the platform store builds records from its own rows).
    init(id: String, operator: String, phase: CallPhase, phaseBeforeEmergency: CallPhase?, pickedUpAt: Date, endedAt: Date?,
         endReason: CallEndReason?, callerCategory: CallerCategory?, profession: Profession?, status: EmploymentStatus?,
         sector: Sector?, departement: String?, repeatCaller: Bool?, level: ClassificationLevel?, addiction: Bool,
         hospitalisation: Bool, notes: String, followUp: String?, emergencyOpenedAt: Date?, emergencyServicesCalledAt: Date?,
         supervisorCalledAt: Date?, callerKeptOnLineAt: Date?, emergencyServicesSkipped: String?, supervisorSkipped: String?,
         callerKeptOnLineSkipped: String?, updatedAt: Date, savedAt: Date?, shiftId: String?) {
        self.id = id
        self.operator = `operator`
        self.phase = phase
        self.phaseBeforeEmergency = phaseBeforeEmergency
        self.pickedUpAt = pickedUpAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.callerCategory = callerCategory
        self.profession = profession
        self.status = status
        self.sector = sector
        self.departement = departement
        self.repeatCaller = repeatCaller
        self.level = level
        self.addiction = addiction
        self.hospitalisation = hospitalisation
        self.notes = notes
        self.followUp = followUp
        self.emergencyOpenedAt = emergencyOpenedAt
        self.emergencyServicesCalledAt = emergencyServicesCalledAt
        self.supervisorCalledAt = supervisorCalledAt
        self.callerKeptOnLineAt = callerKeptOnLineAt
        self.emergencyServicesSkipped = emergencyServicesSkipped
        self.supervisorSkipped = supervisorSkipped
        self.callerKeptOnLineSkipped = callerKeptOnLineSkipped
        self.updatedAt = updatedAt
        self.savedAt = savedAt
        self.shiftId = shiftId
    }
}
