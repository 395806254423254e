import EcouteCore
@testable import EcoutePostgres
import EcouteTestSupport
import Foundation
import Testing

/// Platform mode: a supervisor assigned to lines reads those lines' calls only — from the program
/// and from `psql`, alerts, seals and callback requests following their call; one with no
/// assignment reads every line, as before lines; the engine's functions act on another's call
/// for a supervisor of its line only; assignments are the administrator's.
@Suite final class PostgresLineAccessTests: PostgresRoleAttack {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chefPolice: String, chefSante: String, chefAll: String
    let folder: URL
    let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob) = ("alice_\(database)", "bob_\(database)")
        (chefPolice, chefSante, chefAll) = ("chefp_\(database)", "chefs_\(database)", "chefa_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        for name in [alice, bob] { try admin.operators.saveOperator(OperatorRecord(name: name, role: .psychologist, systemUser: nil), now: t0) }
        for name in [chefPolice, chefSante, chefAll] {
            try admin.operators.saveOperator(OperatorRecord(name: name, role: .supervisor, systemUser: nil), now: t0)
        }
        let url = try PostgresURL.parse(cluster.url(database: database, role: ScratchPostgresCluster.superuser), systemUser: ScratchPostgresCluster.superuser)
        try PostgresLineAssignments.assign(chefPolice, to: "police", url)
        try PostgresLineAssignments.assign(chefSante, to: CallLine.healthID, url)
        // alice answers the health line, bob the police line; both calls saved, bob's with an alert.
        try open(as: alice).calls(shiftID: nil).finalize(saved("s1", by: alice, line: nil))
        let b = try open(as: bob)
        var p1 = saved("p1", by: bob, line: "police")
        p1.phase = .wrapUp
        p1.savedAt = nil
        try b.calls(shiftID: nil).persist(p1)
        _ = try b.alerts.raise(Alert(id: "al-p1", callID: "p1", operatorName: bob, departement: "69", level: .imminentRisk,
                                     reason: .imminentRisk, callElapsed: 300, raisedAt: t0 + 300))
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    func saved(_ id: String, by name: String, line: String?) -> CallDraft {
        var c = Self.savedCall(id, by: name, at: t0)
        c.line = line
        return c
    }

    /// What psql says when it refuses (empty when it did not).
    func refusal(_ sql: String, as role: String) -> String {
        do { try psql(sql, as: role); return "" } catch { return "\(error)" }
    }

    /// The `calls` row of the version before lines: what its consoles send to `write_call`.
    static let callRowBeforeLines = [
        "id", "operator", "phase", "phase_before_emergency", "picked_up_at", "ended_at", "end_reason", "caller_category",
        "profession", "status", "sector", "departement", "repeat_caller", "level", "addiction", "hospitalisation", "notes",
        "follow_up", "emergency_opened_at", "emergency_services_called_at", "supervisor_called_at", "caller_kept_on_line_at",
        "emergency_services_skipped", "supervisor_skipped", "caller_kept_on_line_skipped", "updated_at", "saved_at", "shift_id",
    ]

    @Test func anOlderConsolesCallRowStillSavesAfterTheLinesMigration() throws {
        // `calls` keeps the shape it had: a console of the version before sends that row...
        let shape = try psql("""
            SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'ecoute' AND table_name = 'calls'
            """, as: ScratchPostgresCluster.superuser)
        #expect(shape == [Self.callRowBeforeLines.joined(separator: ",")])
        // ...and its call, which names no line, is written and read on the health line.
        let values: [String: String] = ["id": "'old1'", "operator": "'\(alice)'", "phase": "'inCall'", "picked_up_at": "now()",
                                        "addiction": "false", "hospitalisation": "false", "notes": "''", "updated_at": "now()"]
        let row = Self.callRowBeforeLines.map { values[$0] ?? "NULL" }.joined(separator: ", ")
        try psql("SELECT ecoute.write_call(ROW(\(row))::ecoute.calls, '[]', '[]', false, '[]')", as: alice)
        #expect(try open(as: alice).calls(shiftID: nil).unfinishedCalls(operatorName: alice).map(\.lineID).contains(CallLine.healthID))
        #expect(try psql("SELECT ecoute.line_of_call('old1')", as: ScratchPostgresCluster.superuser) == ["sante"])
    }

    @Test func eachSupervisorReadsTheCallsOfItsLinesFromPsqlAndTheProgram() throws {
        #expect(try psql("SELECT id || ':' || ecoute.line_of_call(id) FROM ecoute.calls ORDER BY id", as: chefPolice) == ["p1:police"])
        #expect(try psql("SELECT id || ':' || ecoute.line_of_call(id) FROM ecoute.calls ORDER BY id", as: chefSante) == ["s1:sante"])
        #expect(try psql("SELECT id FROM ecoute.calls ORDER BY id", as: chefAll) == ["p1", "s1"])
        // A role of its own does not widen it: assignments are the session's.
        #expect(try psql("SET ROLE ecoute_supervisor; SELECT id FROM ecoute.calls ORDER BY id", as: chefPolice) == ["p1"])
        #expect(try open(as: chefSante).review.calls(CallQuery(), visibleTo: Viewer(name: chefSante, role: .supervisor)).map(\.id) == ["s1"])
        #expect(try open(as: chefPolice).review.unfinishedCalls(visibleTo: Viewer(name: chefPolice, role: .supervisor)).map(\.id) == ["p1"])
        // What hangs off a call follows it: seals, alerts, the board's open alerts.
        #expect(try psql("SELECT count(*) FROM ecoute.call_seals", as: chefPolice) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.call_seals", as: chefSante) == ["1"])
        #expect(try psql("SELECT id FROM ecoute.alerts", as: chefSante) == [])
        #expect(try psql("SELECT id FROM ecoute.alerts", as: chefPolice) == ["al-p1"])
        #expect(try open(as: chefSante).alerts.openAlerts().isEmpty)
        #expect(try open(as: chefPolice).alerts.openAlerts().map(\.id) == ["al-p1"])
        // A psychologist still sees their own calls only, whatever the line.
        #expect(try psql("SELECT id FROM ecoute.calls", as: alice) == ["s1"])
    }

    @Test func theEngineActsForASupervisorOnItsLinesOnly() throws {
        #expect(throws: (any Error).self) { try self.open(as: self.chefSante).alerts.take("al-p1", by: self.chefSante, at: self.t0 + 330) }
        #expect(refusal("SELECT ecoute.take_alert('al-p1', NULL, now())", as: chefSante).contains("does not supervise line police"))
        #expect(throws: (any Error).self) {
            try self.open(as: self.chefSante).review.closeUnfinished(callID: "p1", reason: "console perdue",
                                                                   by: Viewer(name: self.chefSante, role: .supervisor), at: self.t0 + 400)
        }
        #expect(try psql("SELECT phase FROM ecoute.calls WHERE id = 'p1'", as: chefPolice) == ["wrapUp"])
        _ = try open(as: chefPolice).alerts.take("al-p1", by: chefPolice, at: t0 + 330)
        #expect(try psql("SELECT taken_by FROM ecoute.alerts", as: chefPolice) == [chefPolice])
        try open(as: chefAll).review.correct(callID: "s1", field: .level, to: "1", reason: "relu", by: Viewer(name: chefAll, role: .supervisor), at: t0 + 500)
        #expect(throws: (any Error).self) {
            try self.open(as: self.chefPolice).review.correct(callID: "s1", field: .level, to: "2", reason: "x",
                                                             by: Viewer(name: self.chefPolice, role: .supervisor), at: self.t0 + 600)
        }
    }

    @Test func callbackRequestsAndTheirNumbersFollowTheirCallsLine() throws {
        let b = try open(as: bob)
        try b.callbacks.request(CallbackRequest(id: "rp", callID: "p1", requestedBy: bob, motif: "veut parler à un cadre",
                                                urgency: .now, requestedAt: t0 + 400), number: try CallbackNumber.parse("0145678910").get())
        let sante = Viewer(name: chefSante, role: .supervisor), police = Viewer(name: chefPolice, role: .supervisor)
        #expect(try open(as: chefSante).callbacks.open(visibleTo: sante).isEmpty)
        #expect(try psql("SELECT count(*) FROM ecoute.callback_requests", as: chefSante) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.callback_audit", as: chefSante) == ["0"])
        // Knowing the request's id is not enough to read its number or act on it.
        #expect(refusal("SELECT ecoute.read_callback_number('rp', now(), NULL)", as: chefSante).contains("does not supervise line police"))
        #expect(throws: (any Error).self) { try self.open(as: self.chefSante).callbacks.act(.take, on: "rp", by: sante, at: self.t0 + 500) }
        #expect(try open(as: chefPolice).callbacks.open(visibleTo: police).map(\.id) == ["rp"])
        _ = try open(as: chefPolice).callbacks.act(.take, on: "rp", by: police, at: t0 + 500)
        #expect(try open(as: chefPolice).callbacks.number(of: "rp", by: police, at: t0 + 510) != nil)
    }

    /// The board's consoles, the shifts, follow-ups, handoff notes and alerts of a supervisor's
    /// lines only — from the program and from psql —, every line for one with no assignment, and
    /// a correction of an assessment or motifs refused by the engine for another line's call.
    @Test func theBoardShiftsFollowUpsHandoffsAndAlertsFollowTheLines() throws {
        let a = try open(as: alice), b = try open(as: bob)
        let now = Date()
        try a.alerts.report(ConsolePresence(console: ConsoleIdentity(id: "ka", host: "poste-1", pid: 1, operatorName: alice), shiftID: nil,
                                            activity: .free, callID: nil, callStartedAt: nil, level: nil, heartbeatAt: now))
        try b.alerts.report(ConsolePresence(console: ConsoleIdentity(id: "kb", host: "poste-2", pid: 2, operatorName: bob), shiftID: nil,
                                            activity: .wrapUp, callID: "p1", callStartedAt: t0, level: .imminentRisk, heartbeatAt: now,
                                            line: "police"))
        let sa = try a.shifts.startShift(operatorName: alice, at: now)
        let sb = try b.shifts.startShift(operatorName: bob, line: "police", at: now)
        try a.followUps.set(FollowUp(callID: "s1", kind: .callerCallsBack, dueAt: now + 3600, setBy: alice, setAt: now), by: Viewer(name: alice, role: .psychologist))
        try b.followUps.set(FollowUp(callID: "p1", kind: .supervisorCallback, dueAt: now + 3600, setBy: bob, setAt: now), by: Viewer(name: bob, role: .psychologist))
        try a.handoffs.write(ShiftHandoff(id: "ha", shiftID: sa, operatorName: alice, writtenAt: now, text: "rien en cours"),
                             by: Viewer(name: alice, role: .psychologist))
        try b.handoffs.write(ShiftHandoff(id: "hb", shiftID: sb, operatorName: bob, writtenAt: now, text: "un appel à suivre", line: "police"),
                             by: Viewer(name: bob, role: .psychologist))
        for (chef, consoles, shifts, followUps, handoffs, alerts) in [
            (chefPolice, ["kb"], [sb], ["p1"], ["hb"], ["al-p1"]),
            (chefSante, ["ka"], [sa], ["s1"], ["ha"], [String]()),
            (chefAll, ["ka", "kb"], [sa, sb].sorted(), ["p1", "s1"], ["ha", "hb"], ["al-p1"]),
        ] {
            let store = try open(as: chef), viewer = Viewer(name: chef, role: .supervisor)
            #expect(try store.alerts.presences().map(\.console.id).sorted() == consoles, "\(chef)")
            #expect(try psql("SELECT console FROM ecoute.console_presence ORDER BY console", as: chef) == consoles, "\(chef)")
            #expect(try store.shifts.shifts(visibleTo: viewer, now: now).map(\.id).sorted() == shifts, "\(chef)")
            #expect(try psql("SELECT id FROM ecoute.shifts ORDER BY id", as: chef) == shifts, "\(chef)")
            #expect(try store.followUps.due(before: now + 86400, visibleTo: viewer, now: now).map(\.followUp.callID).sorted() == followUps,
                    "\(chef)")
            #expect(try store.handoffs.recent(since: now - 60).map(\.id).sorted() == handoffs, "\(chef)")
            #expect(try psql("SELECT id FROM ecoute.shift_handoffs ORDER BY id", as: chef) == handoffs, "\(chef)")
            #expect(try store.alerts.alerts(since: t0).map(\.id) == alerts, "\(chef)")
        }
        // A psychologist reads every handoff note (the next shift's), and its own console and shift.
        #expect(try a.handoffs.recent(since: now - 60).map(\.id).sorted() == ["ha", "hb"])
        #expect(try psql("SELECT console FROM ecoute.console_presence", as: alice) == ["ka"])
        #expect(try psql("SELECT line FROM ecoute.shifts", as: bob) == ["police"])
        // A shift started on the health line that holds a police call is the police supervisor's too.
        let mixed = try a.shifts.startShift(operatorName: alice, at: now)
        var p2 = saved("p2", by: alice, line: "police")
        (p2.phase, p2.savedAt) = (.inCall, nil)
        try a.calls(shiftID: mixed).persist(p2)
        #expect(try psql("SELECT id FROM ecoute.shifts ORDER BY id", as: chefPolice) == [sb, mixed].sorted())
        // The engine's correction of an assessment or the motifs stays on the supervisor's lines.
        #expect(refusal("SELECT ecoute.supervise_part('s1', 'motifs', '', '[\"trauma\"]', 'relu', now(), NULL)", as: chefPolice)
            .contains("does not supervise line sante"))
        try open(as: chefSante).review.correct(callID: "s1", field: .motifs, to: "trauma", reason: "relu", by: Viewer(name: chefSante, role: .supervisor),
                                               at: now)
        #expect(try psql("SELECT motif FROM ecoute.call_motifs WHERE call_id = 's1'", as: chefAll) == ["trauma"])
    }

    @Test func assignmentsAreTheAdministratorsAndASupervisorSeesOnlyItsOwn() throws {
        for role in [alice, chefPolice, chefAll] {
            #expect(throws: (any Error).self) { try self.psql("SELECT ecoute.assign_line('\(role)', 'police')", as: role) }
            #expect(throws: (any Error).self) { try self.psql("INSERT INTO ecoute.supervisor_lines (supervisor, line) VALUES ('\(role)', 'sante')", as: role) }
            #expect(throws: (any Error).self) { try self.psql("DELETE FROM ecoute.supervisor_lines", as: role) }
        }
        #expect(throws: (any Error).self) { try self.psql("SELECT count(*) FROM ecoute.supervisor_lines", as: self.alice) }
        #expect(try psql("SELECT supervisor || ':' || line FROM ecoute.supervisor_lines", as: chefPolice) == ["\(chefPolice):police"])
        // A psychologist's role cannot be given a line; a line unassigned, the supervisor sees every line again.
        let url = try PostgresURL.parse(cluster.url(database: database, role: ScratchPostgresCluster.superuser), systemUser: ScratchPostgresCluster.superuser)
        #expect(throws: (any Error).self) { try PostgresLineAssignments.assign(self.alice, to: "police", url) }
        #expect(try PostgresLineAssignments.list(url).map(\.supervisor).sorted() == [chefPolice, chefSante].sorted())
        #expect(try PostgresLineAssignments.unassign(chefPolice, from: "police", url))
        #expect(try psql("SELECT id FROM ecoute.calls ORDER BY id", as: chefPolice) == ["p1", "s1"])
        // The check names the new table's row security if it is turned off.
        #expect(PostgresSchema.protectedTables.contains("supervisor_lines"))
    }
}
