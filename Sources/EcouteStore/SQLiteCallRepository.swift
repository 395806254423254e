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
            let statement = try db.cachedStatement(sql: """
                UPDATE directory_entries SET last_given_at = ?, times_given = times_given + 1 WHERE id = ?
                """)
            for id in given {
                try statement.execute(arguments: [draft.savedAt ?? draft.updatedAt, id])
            }
        }
    }

    public func unfinishedCalls(operatorName: String) throws -> [CallDraft] {
        try pool.read { db in
            let records = try CallRecord
                .filter(Column("operator") == operatorName && Column("phase") != CallPhase.saved)
                .order(Column("picked_up_at"))
                .fetchAll(db)
            return try CallRecord.drafts(records, db)
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

    public func call(id: String) throws -> CallDraft? {
        try pool.read { db in
            try CallRecord.fetchOne(db, key: id).map { try CallRecord.drafts([$0], db)[0] }
        }
    }

    // MARK: - Writing

    /// The call row (its shift kept when it already has one) and its referrals, replaced whole.
    private func write(_ d: CallDraft, _ db: Database) throws {
        _ = try CallRecord(d, shiftID: shiftID).upsertAndFetch(db, onConflict: ["id"]) { _ in
            [Column("shift_id").noOverwrite]
        }
        try db.cachedStatement(sql: "DELETE FROM call_referrals WHERE call_id = ?").execute(arguments: [d.id])
        for (position, r) in d.referrals.enumerated() {
            try CallReferralRecord(callID: d.id, position: position, r).insert(db)
        }
        try db.cachedStatement(sql: "DELETE FROM call_referral_gaps WHERE call_id = ?").execute(arguments: [d.id])
        for (kind, gap) in d.referralGaps {
            try CallReferralGapRecord(callId: d.id, kind: kind, reason: gap.reason, note: gap.note).insert(db)
        }
    }
}
