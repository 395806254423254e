import EcouteCore
import EcouteSQLite
import Foundation

/// Calls on the platform database. Each write is one transaction that first locks the call's
/// row (`ecoute.lock_call`) and checks this console's lease, as on SQLite: a call held by
/// another console, or already saved, is refused (`CallHeldElsewhere`). The write itself goes
/// through `ecoute.write_call`, the engine's own check: an operator's role writes only its own
/// unsaved calls, saves only with the level-5 rules met, and has no table write of its own.
struct PostgresCallRepository: CallRepository {
    let session: PostgresSession
    let directory: DirectoryFile?
    let shiftID: String?
    let console: ConsoleIdentity

    func persist(_ draft: CallDraft) throws {
        try session.transaction { s in
            let free = try hold(draft.id, s)
            try PostgresCallRows.write(CallRecord(draft, shiftID: shiftID), draft, s)
            // A call written already saved (a tool's copy) takes no lease: nothing is left to hold.
            if free, draft.phase != .saved { try PostgresLeaseRows.claim(callID: draft.id, console, s) }
        }
    }

    /// The save; a level-4 or -5 call without its risk assessment is refused before the engine
    /// refuses it (`SaveRefused`, the same error as on SQLite; the engine's own check stands for
    /// any other client).
    func finalize(_ draft: CallDraft) throws {
        if let refused = SaveRefused.assessment(of: draft) { throw refused }
        let given = try givenEntries(draft)
        try session.transaction { s in
            _ = try hold(draft.id, renewing: false, s)
            try PostgresCallRows.write(CallRecord(draft, shiftID: shiftID), draft, droppingLease: true, given: given, s)
        }
        announce()
    }

    /// Tells the boards and reviews listening that a call was saved, once its commit is done: a
    /// transaction of its own that does not wait for its flush, so the database-wide lock a NOTIFY
    /// takes is held for no flush (`p10-console-writes-announced-after-commit`). Not sent (the
    /// connection lost just after the save): the boards read again every 2 s all the same.
    private func announce() {
        _ = try? session.execute("SELECT set_config('synchronous_commit', 'off', true), pg_notify('ecoute_changes', 'calls')")
    }

    /// The directory keys of the entries the call gave (the directory is a local file).
    private func givenEntries(_ draft: CallDraft) throws -> [(source: String, sourceID: String)] {
        try directory?.keys(ofEntries: draft.referrals.filter { $0.status == .given }.compactMap(\.entryID)) ?? []
    }

    func unfinishedCalls(operatorName: String) throws -> [CallDraft] {
        try session.transaction { s in
            let records = try s.rows("""
                SELECT \(PostgresCallRows.readColumnList) FROM calls
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
            let records = try s.rows("SELECT \(PostgresCallRows.readColumnList) FROM calls WHERE id = $1", [.of(id)]).map(PostgresCallRows.record)
            return try PostgresCallRows.drafts(records, s).first
        }
    }

    /// The lease check of every write, in one round trip: the call's row locked until the
    /// transaction ends (`ecoute.lock_call`: only the operator's own call), with its lease. Returns
    /// whether nobody holds it (it becomes ours once written); `renewing`: our lease's heartbeat is
    /// renewed (not when the save drops it).
    private func hold(_ callID: String, renewing: Bool = true, _ s: PostgresSession) throws -> Bool {
        guard let row = try s.rows("SELECT * FROM ecoute.lock_call($1)", [.of(callID)]).first else {
            return true   // a new call (or another's, which the write refuses): no lease can exist without it
        }
        let phase: CallPhase = try row.value("phase")
        if phase == .saved || phase == .closed { throw CallHeldElsewhere(callID: callID, holder: nil, alreadySaved: true) }
        guard try row.optionalText("console") != nil else { return true }
        let holder = try PostgresLeaseRows.holder(row)
        guard holder.console.id == console.id else {
            throw CallHeldElsewhere(callID: callID, holder: holder, takenOverAt: try row.optionalDate("taken_over_at"))
        }
        if renewing { try s.execute("SELECT ecoute.renew_lease($1, $2, $3)", [.of(callID), .of(console.id), .of(Date())]) }
        return false
    }
}
