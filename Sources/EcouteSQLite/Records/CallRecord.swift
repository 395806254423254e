import EcouteCore
import Foundation
import GRDB

/// One row of `calls`, as GRDB documents records: a Codable struct whose properties are the
/// columns (snake_case in SQL). Referrals live in `call_referrals` (`CallReferralRecord`).
package struct CallRecord: SnakeCaseRecord {
    package static let databaseTableName = "calls"

    package var id: String
    package var `operator`: String
    package var phase: CallPhase
    package var phaseBeforeEmergency: CallPhase?
    package var pickedUpAt: Date
    package var endedAt: Date?
    package var endReason: CallEndReason?
    package var callerCategory: CallerCategory?
    package var profession: Profession?
    package var status: EmploymentStatus?
    package var sector: Sector?
    package var departement: String?
    package var repeatCaller: Bool?
    package var level: ClassificationLevel?
    package var addiction: Bool
    package var hospitalisation: Bool
    package var notes: String
    package var followUp: String?
    package var emergencyOpenedAt: Date?
    package var emergencyServicesCalledAt: Date?
    package var supervisorCalledAt: Date?
    package var callerKeptOnLineAt: Date?
    package var emergencyServicesSkipped: String?
    package var supervisorSkipped: String?
    package var callerKeptOnLineSkipped: String?
    package var updatedAt: Date
    package var savedAt: Date?
    /// The shift of the console run that picked the call up; a resumed call keeps it.
    package var shiftId: String?
    /// The line the call came in on (`CallLine.id`; migration v21-call-line gave every earlier call
    /// the health professionals' line) and the caller's category there, on a line with its own.
    package var line: String = CallLine.healthID
    package var lineCategory: String?

    /// Decoded by hand: GRDB's Codable decoding was most of a report's time. An unknown phase or
    /// level throws (the core enums are DatabaseValueConvertible); in the optional columns of the
    /// caller's profile and the call's end, a value this version does not know reads as unknown
    /// (nil), as on PostgreSQL, and `check` counts it (`StoredVocabulary`).
    package init(row: Row) throws {
        id = try row.decode(String.self, forColumn: "id")
        self.operator = try row.decode(String.self, forColumn: "operator")
        phase = try row.decode(CallPhase.self, forColumn: "phase")
        phaseBeforeEmergency = try Self.known(CallPhase.self, row, "phase_before_emergency")
        pickedUpAt = try row.decode(Date.self, forColumn: "picked_up_at")
        endedAt = try row.decode(Date?.self, forColumn: "ended_at")
        endReason = try Self.known(CallEndReason.self, row, "end_reason")
        callerCategory = try Self.known(CallerCategory.self, row, "caller_category")
        profession = try Self.known(Profession.self, row, "profession")
        status = try Self.known(EmploymentStatus.self, row, "status")
        sector = try Self.known(Sector.self, row, "sector")
        departement = try row.decode(String?.self, forColumn: "departement")
        repeatCaller = try row.decode(Bool?.self, forColumn: "repeat_caller")
        level = try row.decode(ClassificationLevel?.self, forColumn: "level")
        addiction = try row.decode(Bool.self, forColumn: "addiction")
        hospitalisation = try row.decode(Bool.self, forColumn: "hospitalisation")
        notes = try row.decode(String.self, forColumn: "notes")
        followUp = try row.decode(String?.self, forColumn: "follow_up")
        emergencyOpenedAt = try row.decode(Date?.self, forColumn: "emergency_opened_at")
        emergencyServicesCalledAt = try row.decode(Date?.self, forColumn: "emergency_services_called_at")
        supervisorCalledAt = try row.decode(Date?.self, forColumn: "supervisor_called_at")
        callerKeptOnLineAt = try row.decode(Date?.self, forColumn: "caller_kept_on_line_at")
        emergencyServicesSkipped = try row.decode(String?.self, forColumn: "emergency_services_skipped")
        supervisorSkipped = try row.decode(String?.self, forColumn: "supervisor_skipped")
        callerKeptOnLineSkipped = try row.decode(String?.self, forColumn: "caller_kept_on_line_skipped")
        updatedAt = try row.decode(Date.self, forColumn: "updated_at")
        savedAt = try row.decode(Date?.self, forColumn: "saved_at")
        shiftId = try row.decode(String?.self, forColumn: "shift_id")
        line = try row.decode(String.self, forColumn: "line")
        lineCategory = try row.decode(String?.self, forColumn: "line_category")
    }

    static func known<E: RawRepresentable>(_ type: E.Type, _ row: Row, _ column: String) throws -> E? where E.RawValue == String {
        try row.decode(String?.self, forColumn: column).flatMap(E.init(rawValue:))
    }

    package init(_ d: CallDraft, shiftID: String?) {
        let steps = d.emergency?.steps ?? [:]
        id = d.id
        self.operator = d.operatorName
        phase = d.phase
        phaseBeforeEmergency = d.phaseBeforeEmergency
        pickedUpAt = d.pickedUpAt
        endedAt = d.endedAt
        endReason = d.endReason
        callerCategory = d.profile.category
        profession = d.profile.profession
        status = d.profile.status
        sector = d.profile.sector
        departement = d.profile.departement
        repeatCaller = d.profile.isRepeatCaller
        level = d.level
        addiction = d.addiction
        hospitalisation = d.hospitalisation
        notes = d.notes
        followUp = d.followUp
        emergencyOpenedAt = d.emergency?.openedAt
        emergencyServicesCalledAt = steps[.emergencyServicesCalled]
        supervisorCalledAt = steps[.supervisorCalled]
        callerKeptOnLineAt = steps[.callerKeptOnLine]
        let skipped = d.emergency?.skipped ?? [:]
        emergencyServicesSkipped = skipped[.emergencyServicesCalled]
        supervisorSkipped = skipped[.supervisorCalled]
        callerKeptOnLineSkipped = skipped[.callerKeptOnLine]
        updatedAt = d.updatedAt
        savedAt = d.savedAt
        shiftId = shiftID
        line = d.lineID
        lineCategory = d.profile.lineCategory
    }

    package func draft(referrals: [Referral], gaps: [CallReferralGapRecord], alerts: [AlertRecord]) -> CallDraft {
        var d = CallDraft(id: id, operatorName: self.operator, pickedUpAt: pickedUpAt)
        d.phase = phase
        d.phaseBeforeEmergency = phaseBeforeEmergency
        d.endedAt = endedAt
        d.endReason = endReason
        d.profile = CallerProfile(category: callerCategory, profession: profession, status: status, sector: sector,
                                  departement: departement, isRepeatCaller: repeatCaller)
        d.profile.lineCategory = lineCategory
        d.line = CallLine.stored(line)
        d.level = level
        d.addiction = addiction
        d.hospitalisation = hospitalisation
        d.notes = notes
        d.followUp = followUp
        if let emergencyOpenedAt {
            var steps: [EmergencyStep: Date] = [:]
            steps[.emergencyServicesCalled] = emergencyServicesCalledAt
            steps[.supervisorCalled] = supervisorCalledAt
            steps[.callerKeptOnLine] = callerKeptOnLineAt
            var skipped: [EmergencyStep: String] = [:]
            skipped[.emergencyServicesCalled] = emergencyServicesSkipped
            skipped[.supervisorCalled] = supervisorSkipped
            skipped[.callerKeptOnLine] = callerKeptOnLineSkipped
            d.emergency = EmergencyProtocol(openedAt: emergencyOpenedAt, steps: steps, skipped: skipped)
        }
        d.updatedAt = updatedAt
        d.savedAt = savedAt
        d.referrals = referrals
        d.alerts = alerts.map(\.alert)
        d.referralGaps = Dictionary(gaps.map { ($0.kind, ReferralGap(reason: $0.reason, note: $0.note)) }, uniquingKeysWith: { a, _ in a })
        return d
    }

    /// Reads calls with their referrals: the calls first, then every referral (every reason for
    /// one not given, every alert) of those calls in one query each — never one query per call.
    static func drafts(_ records: [CallRecord], _ db: Database) throws -> [CallDraft] {
        guard !records.isEmpty else { return [] }
        let ids = records.map(\.id)
        // A referral or a reason of a kind this version does not know is left out (`check` counts it).
        let referrals = try Row.fetchAll(db, CallReferralRecord.filter(ids.contains(Column("call_id"))).order(Column("call_id"), Column("position")))
            .compactMap { try? CallReferralRecord(row: $0) }
        let gaps = try Row.fetchAll(db, CallReferralGapRecord.filter(ids.contains(Column("call_id"))).order(Column("kind")))
            .compactMap(CallReferralGapRecord.known)
        let alerts = try AlertRecord.filter(ids.contains(Column("call_id"))).order(Column("raised_at")).fetchAll(db)
        let referralsByCall = Dictionary(grouping: referrals, by: \.callId)
        let gapsByCall = Dictionary(grouping: gaps, by: \.callId)
        let alertsByCall = Dictionary(grouping: alerts, by: \.callId)
        let assessments = try CallAssessmentRecord.filter(ids.contains(Column("call_id"))).fetchAll(db)
        let assessmentByCall = Dictionary(assessments.map { ($0.callId, $0) }, uniquingKeysWith: { a, _ in a })
        var motifsByCall: [String: [CallMotif]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT call_id, motif FROM call_motifs WHERE call_id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) ORDER BY call_id, position",
                                    arguments: StatementArguments(ids)) {
            let raw: String = row["motif"]
            guard let motif = CallMotif(rawValue: raw) else { throw StoredValueUnknown(column: "call_motifs.motif", value: raw) }
            motifsByCall[row["call_id"], default: []].append(motif)
        }
        return try records.map {
            var d = $0.draft(referrals: (referralsByCall[$0.id] ?? []).map(\.referral), gaps: gapsByCall[$0.id] ?? [], alerts: alertsByCall[$0.id] ?? [])
            d.assessment = try assessmentByCall[$0.id]?.row.assessment()
            d.motifs = motifsByCall[$0.id]
            return d
        }
    }
}

extension CallRecord {
    /// Every column given (the platform store builds records from its own rows).
    package init(id: String, operator: String, phase: CallPhase, phaseBeforeEmergency: CallPhase?, pickedUpAt: Date, endedAt: Date?,
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
