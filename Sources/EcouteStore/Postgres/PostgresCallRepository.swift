import EcouteCore
import Foundation
import GRDB

/// Calls on the platform database. Each write is one transaction that first locks the call's
/// row (`SELECT … FOR UPDATE`) and checks this console's lease, as on SQLite: a call held by
/// another console, or already saved, is refused (`CallHeldElsewhere`). Row-level security adds
/// the engine's own check: a psychologist's role writes only calls whose operator is itself.
struct PostgresCallRepository: CallRepository {
    let session: PostgresSession
    let directory: DirectoryFile?
    let shiftID: String?
    let console: ConsoleIdentity

    func persist(_ draft: CallDraft) throws {
        try session.transaction { s in
            let free = try hold(draft.id, s)
            try PostgresCallRows.upsert(CallRecord(draft, shiftID: shiftID), s)
            try PostgresCallRows.writeReferrals(draft, s)
            if free { try PostgresLeaseRows.insert(callID: draft.id, console, at: Date(), s) }
        }
    }

    func finalize(_ draft: CallDraft) throws {
        let given = try givenEntries(draft)
        try session.transaction { s in
            _ = try hold(draft.id, renewing: false, s)
            try PostgresCallRows.upsert(CallRecord(draft, shiftID: shiftID), s)
            try PostgresCallRows.writeReferrals(draft, droppingLease: true, s)
            for key in given {
                try s.execute("""
                    INSERT INTO directory_rotation (source, source_id, last_given_at, times_given) VALUES ($1, $2, $3, 1)
                    ON CONFLICT (source, source_id) DO UPDATE SET last_given_at = excluded.last_given_at,
                        times_given = directory_rotation.times_given + 1, changed_at = clock_timestamp()
                    """, [.of(key.source), .of(key.sourceID), .of(draft.savedAt ?? draft.updatedAt)])
            }
        }
    }

    /// The directory keys of the entries the call gave (the directory is a local file).
    private func givenEntries(_ draft: CallDraft) throws -> [(source: String, sourceID: String)] {
        try directory?.keys(ofEntries: draft.referrals.filter { $0.status == .given }.compactMap(\.entryID)) ?? []
    }

    func unfinishedCalls(operatorName: String) throws -> [CallDraft] {
        try session.transaction { s in
            let records = try s.rows("""
                SELECT \(PostgresCallRows.columnList) FROM calls
                WHERE operator = $1 AND phase = ANY($2::text[]) ORDER BY picked_up_at, id
                """, [.of(operatorName), .of(PostgresArray.text(CallPhase.unfinished.map(\.rawValue)))]).map(PostgresCallRows.record)
            return try PostgresCallRows.drafts(records, s)
        }
    }

    func averageDuration(overLastDays days: Int) throws -> TimeInterval? {
        let rows = try session.rows("""
            WITH latest AS (SELECT (max(picked_up_at) AT TIME ZONE 'UTC')::date AS day FROM calls WHERE phase = 'saved')
            SELECT (SELECT day FROM latest) IS NOT NULL AS any,
                   round(avg(extract(epoch FROM ended_at - picked_up_at))::numeric, 3)::double precision AS average
            FROM calls WHERE phase = 'saved' AND ended_at IS NOT NULL
              AND picked_up_at >= ((SELECT day FROM latest) - ($1::integer - 1))::timestamp AT TIME ZONE 'UTC'
            """, [.of(days)])
        guard let row = rows.first, try row.bool("any") else { return nil }
        return try row.optionalDouble("average")
    }

    func keepUnsavedVersion(_ draft: CallDraft, heldBy holder: CallHolder?, at: Date) throws {
        // Through the engine's function: the audit log takes no direct INSERT from a console's role.
        try session.execute("SELECT ecoute.keep_unsaved_version($1, $2, $3)",
                            [.of(draft.id), .of(UnsavedVersion.summary(draft)), .of(UnsavedVersion.reason(console: console, holder: holder))])
    }

    func call(id: String) throws -> CallDraft? {
        try session.transaction { s in
            let records = try s.rows("SELECT \(PostgresCallRows.columnList) FROM calls WHERE id = $1", [.of(id)]).map(PostgresCallRows.record)
            return try PostgresCallRows.drafts(records, s).first
        }
    }

    /// The lease check of every write, in one round trip: the call's row locked until the
    /// transaction ends, with its lease. Returns whether nobody holds it (it becomes ours once
    /// written); `renewing`: our lease's heartbeat is renewed (not when the save drops it).
    private func hold(_ callID: String, renewing: Bool = true, _ s: PostgresSession) throws -> Bool {
        guard let row = try s.rows("""
            SELECT c.phase, l.console, l.host, l.pid, l.operator, l.heartbeat_at
            FROM calls c LEFT JOIN call_leases l ON l.call_id = c.id WHERE c.id = $1 FOR UPDATE OF c
            """, [.of(callID)]).first else { return true }   // a new call: no lease can exist without it
        let phase: CallPhase = try row.value("phase")
        if phase == .saved || phase == .closed { throw CallHeldElsewhere(callID: callID, holder: nil, alreadySaved: true) }
        guard try row.optionalText("console") != nil else { return true }
        let holder = try PostgresLeaseRows.holder(row)
        guard holder.console.id == console.id else {
            let takenOverAt = try s.rows("SELECT max(at) AS at FROM call_takeovers WHERE call_id = $1 AND by_console = $2",
                                         [.of(callID), .of(holder.console.id)]).first?.optionalDate("at")
            throw CallHeldElsewhere(callID: callID, holder: holder, takenOverAt: takenOverAt)
        }
        if renewing { try s.execute("UPDATE call_leases SET heartbeat_at = $1 WHERE call_id = $2", [.of(Date()), .of(callID)]) }
        return false
    }
}
