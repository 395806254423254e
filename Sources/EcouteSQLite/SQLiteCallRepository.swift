import EcouteCore
import Foundation
import GRDB

/// Calls over SQLite. Each write is one IMMEDIATE transaction with `synchronous=FULL`, and
/// checks in that transaction that this console holds the call: a call held by another console,
/// or already saved, is refused (`CallHeldElsewhere`) — two consoles can never both save it.
public struct SQLiteCallRepository: CallRepository {
    let database: DatabaseQueue
    /// Where given referrals' entries are found, to count them in the rotation (`nil`: not counted).
    let directory: DirectoryFile?
    /// The shift new calls belong to (a resumed call keeps its own).
    let shiftID: String?
    /// The console writing: it takes the lease of a call nobody holds, and keeps it.
    let console: ConsoleIdentity

    public init(database: DatabaseQueue, directory: DirectoryFile? = nil, shiftID: String? = nil, console: ConsoleIdentity = .thisProcess) {
        self.database = database
        self.directory = directory
        self.shiftID = shiftID
        self.console = console
    }

    public func persist(_ draft: CallDraft) throws {
        try database.write { db in
            let free = try hold(draft.id, db)
            try write(draft, db)
            if free { try CallLeaseRecord(callID: draft.id, console, at: Date()).insert(db) }
        }
    }

    /// The save. A level-4 or -5 call without an answered risk assessment is refused here as the
    /// console refuses it (`SaveRefused`), so a program writing the file through the store cannot
    /// save one either (the platform database's engine refuses it too).
    public func finalize(_ draft: CallDraft) throws {
        if let refused = SaveRefused.assessment(of: draft) { throw refused }
        let given = try givenEntries(draft)
        try database.write { db in
            _ = try hold(draft.id, db)
            try write(draft, db)
            try db.cachedStatement(sql: "DELETE FROM call_leases WHERE call_id = ?").execute(arguments: [draft.id])
            try AuditChain.seal(draft.id, db, at: draft.savedAt ?? draft.updatedAt)
            let statement = try db.cachedStatement(sql: """
                INSERT INTO directory_rotation (source, source_id, last_given_at, times_given) VALUES (?, ?, ?, 1)
                ON CONFLICT (source, source_id) DO UPDATE SET
                    last_given_at = excluded.last_given_at, times_given = times_given + 1
                """)
            for key in given {
                try statement.execute(arguments: [key.source, key.sourceID, draft.savedAt ?? draft.updatedAt])
            }
        }
    }

    /// The directory keys of the entries the call gave, read before the write: the directory
    /// is another file, which an import may be replacing (ids survive it).
    private func givenEntries(_ draft: CallDraft) throws -> [(source: String, sourceID: String)] {
        try directory?.keys(ofEntries: draft.referrals.filter { $0.status == .given }.compactMap(\.entryID)) ?? []
    }

    public func unfinishedCalls(operatorName: String) throws -> [CallDraft] {
        try database.read { db in
            // A seek per unfinished phase (calls_by_phase), then a sort of the few found: without
            // statistics SQLite preferred walking every call of the operator in time order.
            let phases = CallPhase.unfinished.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let records = try CallRecord.fetchAll(db, sql: """
                SELECT * FROM calls INDEXED BY calls_by_phase
                WHERE phase IN (\(phases)) AND operator = ? ORDER BY picked_up_at, id
                """, arguments: [operatorName])
            return try CallRecord.drafts(records, db)
        }
    }

    /// The average over the `days` UTC calendar days ending on the latest saved call's day, summed
    /// from `saved_call_days` (one row a day, kept by triggers, v14): a few dozen rows read however
    /// busy the line is.
    public func averageDuration(overLastDays days: Int) throws -> TimeInterval? {
        try database.read { db in
            guard let latest = try String.fetchOne(db, sql: """
                SELECT day FROM saved_call_days WHERE calls > 0 ORDER BY day DESC LIMIT 1
                """) else { return nil }
            return try Double.fetchOne(db, sql: """
                SELECT ROUND(SUM(seconds) / SUM(calls), 3) FROM saved_call_days
                WHERE day > date(?, ?) AND calls > 0
                """, arguments: [latest, "-\(days) days"])
        }
    }

    public func keepUnsavedVersion(_ draft: CallDraft, heldBy holder: CallHolder?, at: Date) throws {
        try database.write { db in
            try AuditChain.chained(AuditEntry(callID: draft.id, at: at, by: draft.operatorName, field: UnsavedVersion.auditField,
                                              oldValue: nil, newValue: UnsavedVersion.summary(draft),
                                              reason: UnsavedVersion.reason(console: console, holder: holder)), db).insert(db)
        }
    }

    public func call(id: String) throws -> CallDraft? {
        try database.read { db in
            try CallRecord.fetchOne(db, key: id).map { try CallRecord.drafts([$0], db)[0] }
        }
    }

    // MARK: - Writing

    /// The lease check of every write: the call is ours (its heartbeat renewed), or free (true:
    /// it becomes ours once its row is written); a saved call takes no more writes from a console.
    private func hold(_ callID: String, _ db: Database) throws -> Bool {
        if let phase = try CallPhase.fetchOne(db, sql: "SELECT phase FROM calls WHERE id = ?", arguments: [callID]),
           phase == .saved || phase == .closed {
            throw CallHeldElsewhere(callID: callID, holder: nil, alreadySaved: true)
        }
        let now = Date()
        if let lease = try CallLeaseRecord.fetchOne(db, key: callID) {
            guard lease.console == console.id else {
                let takenOverAt = try Date.fetchOne(db, sql: "SELECT max(at) FROM call_takeovers WHERE call_id = ? AND by_console = ?",
                                                    arguments: [callID, lease.console])
                throw CallHeldElsewhere(callID: callID, holder: lease.holder, takenOverAt: takenOverAt)
            }
            try db.cachedStatement(sql: "UPDATE call_leases SET heartbeat_at = ? WHERE call_id = ?").execute(arguments: [now, callID])
            return false
        }
        return true
    }

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
        try db.cachedStatement(sql: "DELETE FROM call_assessments WHERE call_id = ?").execute(arguments: [d.id])
        if let assessment = d.assessment { try CallAssessmentRecord(callID: d.id, assessment).insert(db) }
        try db.cachedStatement(sql: "DELETE FROM call_motifs WHERE call_id = ?").execute(arguments: [d.id])
        let motif = try db.cachedStatement(sql: "INSERT INTO call_motifs (call_id, position, motif) VALUES (?, ?, ?)")
        for (position, m) in (d.motifs ?? []).enumerated() { try motif.execute(arguments: [d.id, position, m.rawValue]) }
    }
}
