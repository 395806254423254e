import EcouteCore
import Foundation
import GRDB

/// Calls over SQLite. Each write is one IMMEDIATE transaction with `synchronous=FULL`.
public struct SQLiteCallRepository: CallRepository {
    let pool: DatabasePool
    /// The shift new calls belong to (a resumed call keeps its own).
    let shiftID: String?

    public init(pool: DatabasePool, shiftID: String? = nil) {
        self.pool = pool
        self.shiftID = shiftID
    }

    public func persist(_ draft: CallDraft) throws {
        try pool.write { db in try write(draft, db) }
    }

    public func finalize(_ draft: CallDraft) throws {
        try pool.write { db in
            try write(draft, db)
            let given = draft.referrals.filter { $0.status == .given }.compactMap(\.entryID)
            for id in given {
                try db.execute(sql: """
                    UPDATE directory_entries SET last_given_at = ?, times_given = times_given + 1 WHERE id = ?
                    """, arguments: [draft.savedAt ?? draft.updatedAt, id])
            }
        }
    }

    public func unfinishedCalls(operatorName: String) throws -> [CallDraft] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM calls WHERE operator = ? AND phase != 'saved' ORDER BY picked_up_at
                """, arguments: [operatorName]).map { try Self.draft($0, db) }
        }
    }

    public func averageDuration() throws -> TimeInterval? {
        try pool.read { db in
            try Double.fetchOne(db, sql: """
                SELECT ROUND(AVG((julianday(ended_at) - julianday(picked_up_at)) * 86400.0), 3)
                FROM calls WHERE phase = 'saved' AND ended_at IS NOT NULL
                """)
        }
    }

    /// One call by id, as saved.
    public func call(id: String) throws -> CallDraft? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM calls WHERE id = ?", arguments: [id]).map { try Self.draft($0, db) }
        }
    }

    // MARK: - Mapping

    private func write(_ d: CallDraft, _ db: Database) throws {
        let steps = d.emergency?.steps ?? [:]
        try db.execute(sql: """
            INSERT INTO calls (id, operator, phase, phase_before_emergency, picked_up_at, ended_at, end_reason,
                caller_category, profession, status, sector, departement, repeat_caller, level, addiction,
                hospitalisation, notes, emergency_opened_at, emergency_services_called_at, supervisor_called_at,
                caller_kept_on_line_at, updated_at, saved_at, shift_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET
                phase = excluded.phase, phase_before_emergency = excluded.phase_before_emergency,
                ended_at = excluded.ended_at, end_reason = excluded.end_reason,
                caller_category = excluded.caller_category, profession = excluded.profession,
                status = excluded.status, sector = excluded.sector, departement = excluded.departement,
                repeat_caller = excluded.repeat_caller, level = excluded.level, addiction = excluded.addiction,
                hospitalisation = excluded.hospitalisation, notes = excluded.notes,
                emergency_opened_at = excluded.emergency_opened_at,
                emergency_services_called_at = excluded.emergency_services_called_at,
                supervisor_called_at = excluded.supervisor_called_at,
                caller_kept_on_line_at = excluded.caller_kept_on_line_at,
                updated_at = excluded.updated_at, saved_at = excluded.saved_at
            """, arguments: [
                d.id, d.operatorName, d.phase.rawValue, d.phaseBeforeEmergency?.rawValue, d.pickedUpAt, d.endedAt,
                d.endReason?.rawValue, d.profile.category?.rawValue, d.profile.profession?.rawValue,
                d.profile.status?.rawValue, d.profile.sector?.rawValue, d.profile.departement,
                d.profile.isRepeatCaller, d.level?.rawValue, d.addiction, d.hospitalisation, d.notes,
                d.emergency?.openedAt, steps[.emergencyServicesCalled], steps[.supervisorCalled],
                steps[.callerKeptOnLine], d.updatedAt, d.savedAt, shiftID,
            ])
        try db.execute(sql: "DELETE FROM call_referrals WHERE call_id = ?", arguments: [d.id])
        for (position, r) in d.referrals.enumerated() {
            try db.execute(sql: """
                INSERT INTO call_referrals (call_id, position, kind, entry_id, name, contact, tier, status, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [d.id, position, r.kind.rawValue, r.entryID, r.name, r.contact, r.tier.rawValue,
                                 r.status.rawValue, r.origin.rawValue])
        }
    }

    static func draft(_ row: Row, _ db: Database) throws -> CallDraft {
        var d = CallDraft(id: row["id"], operatorName: row["operator"], pickedUpAt: row["picked_up_at"])
        d.phase = CallPhase(rawValue: row["phase"]) ?? .inCall
        d.phaseBeforeEmergency = (row["phase_before_emergency"] as String?).flatMap(CallPhase.init(rawValue:))
        d.endedAt = row["ended_at"]
        d.endReason = (row["end_reason"] as String?).flatMap(CallEndReason.init(rawValue:))
        d.profile = CallerProfile(
            category: (row["caller_category"] as String?).flatMap(CallerCategory.init(rawValue:)),
            profession: (row["profession"] as String?).flatMap(Profession.init(rawValue:)),
            status: (row["status"] as String?).flatMap(EmploymentStatus.init(rawValue:)),
            sector: (row["sector"] as String?).flatMap(Sector.init(rawValue:)),
            departement: row["departement"], isRepeatCaller: row["repeat_caller"])
        d.level = (row["level"] as Int?).flatMap(ClassificationLevel.init(rawValue:))
        d.addiction = row["addiction"]
        d.hospitalisation = row["hospitalisation"]
        d.notes = row["notes"]
        if let opened = row["emergency_opened_at"] as Date? {
            var steps: [EmergencyStep: Date] = [:]
            steps[.emergencyServicesCalled] = row["emergency_services_called_at"]
            steps[.supervisorCalled] = row["supervisor_called_at"]
            steps[.callerKeptOnLine] = row["caller_kept_on_line_at"]
            d.emergency = EmergencyProtocol(openedAt: opened, steps: steps)
        }
        d.updatedAt = row["updated_at"]
        d.savedAt = row["saved_at"]
        d.referrals = try Row.fetchAll(db, sql: "SELECT * FROM call_referrals WHERE call_id = ? ORDER BY position",
                                       arguments: [d.id]).map { r in
            Referral(kind: ReferralKind(rawValue: r["kind"]) ?? .administrative, entryID: r["entry_id"],
                     name: r["name"], contact: r["contact"],
                     tier: ReferralTier(rawValue: r["tier"]) ?? .national,
                     status: ReferralStatus(rawValue: r["status"]) ?? .given,
                     origin: ReferralOrigin(rawValue: r["origin"]) ?? .proposed)
        }
        return d
    }
}
