import EcouteCore
import EcouteSQLite
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
    /// What a call is read with: its columns, then its line and its caller's category on the line
    /// (`call_lines`, beside the call; none is the health line), from a query on `calls` alone
    /// (`id` is the call's: `call_lines` has no column of that name).
    static let readColumnList = columnList + """
        , coalesce((SELECT l.line FROM ecoute.call_lines l WHERE l.call_id = id), '\(CallLine.healthID)') AS line\
        , (SELECT l.line_category FROM ecoute.call_lines l WHERE l.call_id = id) AS line_category
        """

    static func values(_ r: CallRecord) -> [SQLValue] {
        [.of(r.id), .of(r.operator), .of(r.phase), .of(r.phaseBeforeEmergency), .of(r.pickedUpAt), .of(r.endedAt), .of(r.endReason),
         .of(r.callerCategory), .of(r.profession), .of(r.status), .of(r.sector), .of(r.departement), .of(r.repeatCaller), .of(r.level),
         .of(r.addiction), .of(r.hospitalisation), .of(r.notes), .of(r.followUp), .of(r.emergencyOpenedAt),
         .of(r.emergencyServicesCalledAt), .of(r.supervisorCalledAt), .of(r.callerKeptOnLineAt), .of(r.emergencyServicesSkipped),
         .of(r.supervisorSkipped), .of(r.callerKeptOnLineSkipped), .of(r.updatedAt), .of(r.savedAt), .of(r.shiftId)]
    }

    /// Writes a call, its referrals and reasons (replaced whole) through `ecoute.write_call`, in
    /// one round trip: the engine checks the operator, the call's state and the save's rules, and
    /// takes the record's times from its clock. A call keeps the shift it was first written in.
    /// `droppingLease`: the save ends the lease; `given`: the directory keys of the entries the call
    /// gave, counted in the rotation when it is saved.
    static func write(_ r: CallRecord, _ d: CallDraft, droppingLease: Bool = false, given: [(source: String, sourceID: String)] = [],
                      _ s: PostgresSession) throws {
        let row = columns.enumerated().map { "$\($0.offset + 1)" + ($0.element == "level" ? "::integer" : "") }.joined(separator: ", ")
        let n = columns.count
        let referrals = d.referrals.enumerated().map { position, r in
            EngineJSON.object([("position", .int(position)), ("kind", .text(r.kind.rawValue)), ("entry_id", r.entryID.map { .int(Int($0)) } ?? .null),
                              ("name", .text(r.name)), ("contact", .text(r.contact)), ("tier", .int(r.tier.rawValue)),
                              ("status", .text(r.status.rawValue)), ("origin", .text(r.origin.rawValue))])
        }
        let gaps = d.referralGaps.sorted { $0.key.rawValue < $1.key.rawValue }.map { kind, gap in
            EngineJSON.object([("kind", .text(kind.rawValue)), ("reason", .text(gap.reason.rawValue)), ("note", .text(gap.note))])
        }
        let keys = given.map { EngineJSON.object([("source", .text($0.source)), ("source_id", .text($0.sourceID))]) }
        // The assessment first, in the same transaction: once the call is saved its parts are kept.
        try s.execute("SELECT ecoute.write_call_assessment($1, $2, $3::jsonb)",
                      [.of(d.id), .of(r.operator), .of(d.assessment.map { assessmentJSON(RiskAssessmentRow($0)) } ?? "null")])
        try s.execute("SELECT ecoute.write_call_motifs($1, $2, $3::text[])",
                      [.of(d.id), .of(r.operator), .of(PostgresArray.text((d.motifs ?? []).map(\.rawValue)))])
        try s.execute("SELECT ecoute.write_call_line($1, $2, $3, $4)", [.of(d.id), .of(r.operator), .of(r.line), .of(r.lineCategory)])
        try s.execute("""
            SELECT ecoute.write_call(ROW(\(row))::ecoute.calls, $\(n + 1)::jsonb, $\(n + 2)::jsonb, $\(n + 3), $\(n + 4)::jsonb)
            """, values(r) + [.of(EngineJSON.array(referrals).text), .of(EngineJSON.array(gaps).text), .of(droppingLease),
                               .of(EngineJSON.array(keys).text)])
    }

    static func assessmentJSON(_ a: RiskAssessmentRow) -> String {
        func text(_ t: String?) -> EngineJSON { t.map { .text($0) } ?? .null }
        return EngineJSON.object([
            ("risk_factors", .text(a.riskFactors)), ("urgence", text(a.urgence)), ("dangerosite", text(a.dangerosite)),
            ("means", text(a.means)), ("means_at_hand", .bool(a.meansAtHand)), ("cssrs", .text(a.cssrs)),
            ("not_assessable_reason", text(a.notAssessableReason)), ("suggested_level", a.suggestedLevel.map { .int($0) } ?? .null),
            ("suggestion_reasons", text(a.suggestionReasons)), ("suggested_follow_up", .bool(a.suggestedFollowUp)),
        ]).text
    }

    static func assessment(_ row: PostgresRandomAccessRow) throws -> RiskAssessment {
        try RiskAssessmentRow(riskFactors: row.text("risk_factors"), urgence: row.optionalText("urgence"),
                              dangerosite: row.optionalText("dangerosite"), means: row.optionalText("means"),
                              meansAtHand: row.bool("means_at_hand"), cssrs: row.text("cssrs"),
                              notAssessableReason: row.optionalText("not_assessable_reason"),
                              suggestedLevel: row.optionalInt("suggested_level"), suggestionReasons: row.optionalText("suggestion_reasons"),
                              suggestedFollowUp: row.bool("suggested_follow_up")).assessment()
    }

    static func record(_ row: PostgresRandomAccessRow) throws -> CallRecord {
        var record = try CallRecord(
            id: row.text("id"), operator: row.text("operator"), phase: row.value("phase"),
            phaseBeforeEmergency: row.knownValue("phase_before_emergency"), pickedUpAt: row.date("picked_up_at"),
            endedAt: row.optionalDate("ended_at"), endReason: row.knownValue("end_reason"),
            callerCategory: row.knownValue("caller_category"), profession: row.knownValue("profession"),
            status: row.knownValue("status"), sector: row.knownValue("sector"), departement: row.optionalText("departement"),
            repeatCaller: row.optionalBool("repeat_caller"), level: row.optionalValue("level"), addiction: row.bool("addiction"),
            hospitalisation: row.bool("hospitalisation"), notes: row.text("notes"), followUp: row.optionalText("follow_up"),
            emergencyOpenedAt: row.optionalDate("emergency_opened_at"),
            emergencyServicesCalledAt: row.optionalDate("emergency_services_called_at"),
            supervisorCalledAt: row.optionalDate("supervisor_called_at"), callerKeptOnLineAt: row.optionalDate("caller_kept_on_line_at"),
            emergencyServicesSkipped: row.optionalText("emergency_services_skipped"),
            supervisorSkipped: row.optionalText("supervisor_skipped"),
            callerKeptOnLineSkipped: row.optionalText("caller_kept_on_line_skipped"), updatedAt: row.date("updated_at"),
            savedAt: row.optionalDate("saved_at"), shiftId: row.optionalText("shift_id"))
        record.line = try row.text("line")
        record.lineCategory = try row.optionalText("line_category")
        return record
    }

    static func alert(_ row: PostgresRandomAccessRow) throws -> Alert {
        try Alert(id: row.text("id"), callID: row.text("call_id"), operatorName: row.text("operator"),
                  departement: row.optionalText("departement"), level: row.value("level"), reason: row.value("reason"),
                  callElapsed: row.double("call_elapsed"), raisedAt: row.date("raised_at"), takenBy: row.optionalText("taken_by"),
                  takenAt: row.optionalDate("taken_at"),
                  raisedByMistake: row.optionalDate("mistake_marked_at").map {
                      RaisedByMistake(reason: try row.optionalText("mistake_reason") ?? "", markedAt: $0)
                  }, lateBy: row.optionalDouble("late_seconds"))
    }

    /// Calls with their referrals, reasons and alerts: one query per table for the whole batch.
    static func drafts(_ records: [CallRecord], _ s: PostgresSession) throws -> [CallDraft] {
        guard !records.isEmpty else { return [] }
        let ids = PostgresArray.text(records.map(\.id))
        var referrals: [String: [Referral]] = [:]
        for row in try s.rows("SELECT * FROM call_referrals WHERE call_id = ANY($1::text[]) ORDER BY call_id, position", [.of(ids)]) {
            // A referral holding a value this version does not know is left out (`ecoute check` counts it).
            guard let kind: ReferralKind = try row.knownValue("kind"), let tier: ReferralTier = try row.knownValue("tier"),
                  let status: ReferralStatus = try row.knownValue("status"), let origin: ReferralOrigin = try row.knownValue("origin") else { continue }
            let referral = try Referral(kind: kind, entryID: row.optionalInt("entry_id").map(Int64.init), name: row.text("name"),
                                        contact: row.text("contact"), tier: tier, status: status, origin: origin)
            referrals[try row.text("call_id"), default: []].append(referral)
        }
        var gaps: [String: [CallReferralGapRecord]] = [:]
        for row in try s.rows("SELECT * FROM call_referral_gaps WHERE call_id = ANY($1::text[]) ORDER BY kind", [.of(ids)]) {
            guard let kind: ReferralKind = try row.knownValue("kind") else { continue }
            let gap = try CallReferralGapRecord(callId: row.text("call_id"), kind: kind,
                                                reason: row.knownValue("reason") ?? ReferralGapReason.unknown, note: row.text("note"))
            gaps[gap.callId, default: []].append(gap)
        }
        var alerts: [String: [Alert]] = [:]
        for row in try s.rows("SELECT * FROM alerts WHERE call_id = ANY($1::text[]) ORDER BY raised_at, id", [.of(ids)]) {
            let found = try Self.alert(row)
            alerts[found.callID, default: []].append(found)
        }
        var assessments: [String: RiskAssessment] = [:]
        for row in try s.rows("SELECT * FROM call_assessments WHERE call_id = ANY($1::text[])", [.of(ids)]) {
            assessments[try row.text("call_id")] = try Self.assessment(row)
        }
        var motifs: [String: [CallMotif]] = [:]
        for row in try s.rows("SELECT call_id, motif FROM call_motifs WHERE call_id = ANY($1::text[]) ORDER BY call_id, position", [.of(ids)]) {
            let raw = try row.text("motif")
            guard let motif = CallMotif(rawValue: raw) else { throw StoredValueUnknown(column: "call_motifs.motif", value: raw) }
            motifs[try row.text("call_id"), default: []].append(motif)
        }
        return records.map {
            var d = $0.draft(referrals: referrals[$0.id] ?? [], gaps: gaps[$0.id] ?? [], alerts: (alerts[$0.id] ?? []).map(AlertRecord.init))
            d.assessment = assessments[$0.id]
            d.motifs = motifs[$0.id]
            return d
        }
    }
}

/// A JSON value written for the engine's functions (referrals, reasons, directory keys).
enum EngineJSON {
    case text(String)
    case int(Int)
    case bool(Bool)
    case null
    case object([(String, EngineJSON)])
    case array([EngineJSON])

    var text: String {
        switch self {
        case .text(let v): return JSONLiteral.string(v)
        case .int(let v): return "\(v)"
        case .bool(let v): return v ? "true" : "false"
        case .null: return "null"
        case .object(let fields): return "{" + fields.map { JSONLiteral.string($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        case .array(let values): return "[" + values.map(\.text).joined(separator: ",") + "]"
        }
    }
}

extension PostgresRandomAccessRow {
    /// A stored enum value, nil when absent or unknown to this version: a value written by hand
    /// never fails a whole report; it reads as unknown (`ecoute check` counts such values).
    func knownValue<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E? where E.RawValue == String {
        try optionalText(column).flatMap(E.init(rawValue:))
    }
    func knownValue<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E? where E.RawValue == Int {
        try optionalInt(column).flatMap(E.init(rawValue:))
    }
}
