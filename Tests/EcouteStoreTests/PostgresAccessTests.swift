import EcouteCore
import EcouteResources
import EcouteStore
@testable import EcoutePostgres
import EcouteTestSupport
import Foundation
import Testing

/// Platform mode: what a role may read and write is decided by PostgreSQL, for the program and
/// for `psql` alike. Each test has its own database and its own operators' roles (roles are
/// shared by the whole cluster) in the test process's throwaway cluster.
@Suite final class PostgresAccessTests: PostgresRoleAttack {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chef: String
    let folder: URL

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, chef) = ("alice_\(database)", "bob_\(database)", "chef_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        try admin.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: chef, role: .supervisor, systemUser: nil, phone: "06 00 00 00 01"), now: t0)
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    /// The store as an operator connects to it: as their own role.
    func saved(_ id: String, by name: String) -> CallDraft {
        var c = Self.savedCall(id, by: name, at: t0)
        c.notes = "notes of \(id)"
        return c
    }

    @Test func theOperatorIsTheConnectedRoleAndTheirRoleIsTheirMembership() throws {
        #expect(try open(as: alice).operators.viewer(systemUser: chef) == Viewer(name: alice, role: .psychologist))
        #expect(try open(as: chef).operators.viewer(systemUser: alice) == Viewer(name: chef, role: .supervisor))
        let listed = try open(as: bob).operators.operators()
        #expect(listed.map(\.name) == [alice, bob, chef])
        #expect(listed.map(\.role) == [.psychologist, .psychologist, .supervisor])
        #expect(listed.last?.phone == "06 00 00 00 01")
    }

    @Test func aPsychologistSeesOnlyTheirOwnCallsFromTheProgramAndFromPsql() throws {
        try open(as: alice).calls(shiftID: nil).finalize(saved("a1", by: alice))
        try open(as: bob).calls(shiftID: nil).finalize(saved("b1", by: bob))
        #expect(try psql("SELECT id FROM ecoute.calls ORDER BY id", as: bob) == ["b1"])
        #expect(try psql("SELECT DISTINCT call_id FROM ecoute.call_referrals ORDER BY call_id", as: bob) == ["b1"])
        #expect(try psql("SELECT count(*) FROM ecoute.calls WHERE id = 'a1'", as: bob) == ["0"])
        // Claiming a supervisor's role to the program changes nothing: the engine filters.
        let claimed = try open(as: bob).review.calls(CallQuery(), visibleTo: Viewer(name: bob, role: .supervisor))
        #expect(claimed.map(\.id) == ["b1"])
        #expect(try psql("SELECT id FROM ecoute.calls ORDER BY id", as: chef) == ["a1", "b1"])
        #expect(try open(as: chef).review.calls(CallQuery(), visibleTo: Viewer(name: chef, role: .supervisor)).map(\.id) == ["a1", "b1"])
    }

    @Test func anOpenAlertReachesEveryConsoleThoughRowSecurityHidesTheCall() throws {
        let a = try open(as: alice), b = try open(as: bob), c = try open(as: chef)
        var call = CallDraft(id: "a5", operatorName: alice, pickedUpAt: t0)
        call.notes = "what alice heard"
        try a.calls(shiftID: nil).persist(call)
        _ = try a.alerts.raise(Alert(id: "al1", callID: "a5", operatorName: alice, departement: "69", level: .imminentRisk,
                                     reason: .imminentRisk, callElapsed: 300, raisedAt: t0 + 300))
        // Bob's console sees the alert, to raise it again if nobody takes it; not the call.
        let seen = try b.alerts.openAlerts()
        #expect(seen.map(\.id) == ["al1"] && seen.first?.operatorName == alice && seen.first?.departement == "69")
        #expect(try psql("SELECT count(*) FROM ecoute.alerts", as: bob) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.calls WHERE id = 'a5'", as: bob) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.open_alerts()", as: bob) == ["1"])
        // Marked as raised by mistake: not re-raised elsewhere, and its reason stays with alice and the supervisors.
        _ = try a.alerts.markRaisedByMistake(callID: "a5", reason: "touche pressée par erreur", at: t0 + 320)
        #expect(try b.alerts.openAlerts().isEmpty)
        #expect(try a.alerts.openAlerts().first?.raisedByMistake != nil)
        #expect(try c.alerts.openAlerts().map(\.id) == ["al1"])
        // Taken: open nowhere.
        _ = try c.alerts.take("al1", by: chef, at: t0 + 330)
        #expect(try a.alerts.openAlerts().isEmpty && c.alerts.openAlerts().isEmpty)
    }

    @Test func anAlertThatReachesTheEngineLateIsMarkedLateByTheEngine() throws {
        let a = try open(as: alice)
        for id in ["late", "now"] { try a.calls(shiftID: nil).persist(CallDraft(id: id, operatorName: alice, pickedUpAt: Date() - 600)) }
        // As the console sends an alert it could not send for two minutes: its time now, late by 120 s.
        let late = try a.alerts.raise(Alert(id: "al-late", callID: "late", operatorName: alice, departement: "69", level: .imminentRisk,
                                            reason: .imminentRisk, callElapsed: 300, raisedAt: Date(), lateBy: 120))
        let onTime = try a.alerts.raise(Alert(id: "al-now", callID: "now", operatorName: alice, departement: "69", level: .imminentRisk,
                                              reason: .imminentRisk, callElapsed: 300, raisedAt: Date()))
        #expect((115...300).contains(late.lateBy ?? 0))
        #expect(onTime.lateBy == nil)
        // The lateness is the engine's reckoning from the time the console raised it: not a value a role writes.
        #expect(try psql("SELECT late_seconds IS NULL FROM ecoute.alerts WHERE id = 'al-now'", as: alice) == ["t"])
    }

    /// The engine's copy of the line's referral rules is the console's: every level, with and
    /// without hospitalisation and addiction.
    @Test func theEnginesRequiredReferralsAreTheConsoles() throws {
        for level in ClassificationLevel.allCases {
            for hospitalisation in [false, true] {
                for addiction in [false, true] {
                    let engine = try psql("SELECT array_to_string(ecoute.required_referral_kinds(\(level.rawValue), \(hospitalisation), \(addiction)), ',')",
                                          as: alice).first ?? ""
                    let console = ReferralRules.needs(level: level, hospitalisation: hospitalisation, addiction: addiction).map(\.kind.rawValue)
                    #expect(Set(engine.split(separator: ",").map(String.init)) == Set(console), "level \(level) h \(hospitalisation) a \(addiction)")
                }
            }
        }
    }

    @Test func aCallIsSavedOnlyWithEveryRequiredReferralGivenOrExplained() throws {
        let a = try open(as: alice)
        var call = saved("a-miss", by: alice)   // level 2: a GP given, no psychologist
        call.referrals.removeAll { $0.kind == .psychologist }
        #expect(throws: (any Error).self) { try a.calls(shiftID: nil).finalize(call) }
        #expect(try psql("SELECT count(*) FROM ecoute.calls WHERE id = 'a-miss' AND phase = 'saved'", as: chef) == ["0"])
        call.referralGaps = [.psychologist: ReferralGap(reason: .alreadyInCare)]
        try a.calls(shiftID: nil).finalize(call)
        #expect(try psql("SELECT phase FROM ecoute.calls WHERE id = 'a-miss'", as: chef) == ["saved"])
    }

    @Test func aWriteWaitsForAnotherConnectionsLockOnlyAsLongAsTheStoreWasToldThenFails() throws {
        let url = cluster.url(database: database, role: alice)
        let seed = StoreSeed(geography: TestResources.geography, sampleDirectory: nil)
        let directoryPath = folder.appendingPathComponent("ecoute.directory.sqlite").path
        let console = try StoreFactory.open(.server(url: url), seed: seed, lockWait: 0.2, directoryPath: directoryPath)
        let session = try #require((console as? PostgresStore)?.session)
        // Required: without it the write below would wait for ever instead of failing.
        try #require(try session.rows("SHOW lock_timeout").first.map { try $0.text("lock_timeout") } == "200ms")
        try console.calls(shiftID: nil).persist(CallDraft(id: "locked", operatorName: alice, pickedUpAt: t0))
        // Another connection of the same operator holds the call's row, as a stuck console would.
        let other = try #require(try StoreFactory.open(.server(url: url), seed: seed, directoryPath: directoryPath) as? PostgresStore)
        try other.session.transaction { s in
            try s.execute("SELECT * FROM ecoute.lock_call('locked')")
            var draft = CallDraft(id: "locked", operatorName: alice, pickedUpAt: t0)
            draft.notes = "written while another connection holds the row"
            #expect(throws: (any Error).self) { try console.calls(shiftID: nil).persist(draft) }
        }
        // Once the other connection lets go, the same write goes through.
        var draft = CallDraft(id: "locked", operatorName: alice, pickedUpAt: t0)
        draft.notes = "after"
        try console.calls(shiftID: nil).persist(draft)
        #expect(try console.calls(shiftID: nil).call(id: "locked")?.notes == "after")
    }

    @Test func aPsychologistCannotWriteAsAnotherOperator() throws {
        try open(as: bob).calls(shiftID: nil).persist(CallDraft(id: "b1", operatorName: bob, pickedUpAt: t0))
        #expect(throws: (any Error).self) { try open(as: alice).calls(shiftID: nil).persist(CallDraft(id: "x1", operatorName: bob, pickedUpAt: t0)) }
        #expect(throws: TestProcess.Failure.self) {
            try psql("INSERT INTO ecoute.calls (id, operator, phase, picked_up_at, updated_at) VALUES ('x2', '\(bob)', 'listening', now(), now())", as: alice)
        }
        #expect(throws: TestProcess.Failure.self) { try psql("UPDATE ecoute.calls SET notes = 'forged' WHERE id = 'b1' RETURNING id", as: alice) }
        #expect(try psql("SELECT notes = '' FROM ecoute.calls WHERE id = 'b1'", as: chef) == ["t"])
    }

    @Test func savedCallsAndTheAuditLogChangeOnlyThroughASupervisorsAuditedCorrection() throws {
        try open(as: alice).calls(shiftID: nil).finalize(saved("a1", by: alice))
        // The psychologist who saved it cannot rewrite it, the program refuses, the engine too.
        #expect(throws: CallHeldElsewhere.self) { try open(as: alice).calls(shiftID: nil).persist(saved("a1", by: alice)) }
        #expect(throws: TestProcess.Failure.self) { try psql("UPDATE ecoute.calls SET level = 1 WHERE id = 'a1'", as: alice) }
        // A supervisor cannot update it by hand either (no role writes the table), nor touch the audit log.
        #expect(throws: TestProcess.Failure.self) { try psql("UPDATE ecoute.calls SET level = 1 WHERE id = 'a1' RETURNING id", as: chef) }
        // A psychologist claiming to be a supervisor is refused by the engine.
        #expect(throws: AccessDenied.self) {
            try open(as: alice).review.correct(callID: "a1", field: .level, to: "1", reason: "x", by: Viewer(name: alice, role: .supervisor), at: t0)
        }
        let chefStore = try open(as: chef)
        let me = try chefStore.operators.viewer(systemUser: "whoever")
        try chefStore.review.correct(callID: "a1", field: .level, to: "3", reason: "épuisement professionnel", by: me, at: t0 + 5000)
        #expect(try psql("SELECT level FROM ecoute.calls WHERE id = 'a1'", as: alice) == ["3"])
        #expect(try psql("SELECT by || ' ' || field || ' ' || old_value || ' ' || new_value FROM ecoute.audit_log", as: alice)
                == ["\(chef) level 2 3"])
        for statement in ["UPDATE ecoute.audit_log SET reason = 'forged'", "DELETE FROM ecoute.audit_log", "TRUNCATE ecoute.audit_log",
                          "INSERT INTO ecoute.audit_log (call_id, at, by, field, reason) VALUES ('a1', now(), 'x', 'level', 'forged')"] {
            #expect(throws: TestProcess.Failure.self, "\(statement)") { try psql(statement, as: chef) }
        }
        // Even the database administrator cannot rewrite the log without removing its trigger first.
        #expect(throws: TestProcess.Failure.self) { try psql("UPDATE ecoute.audit_log SET reason = 'forged'", as: ScratchPostgresCluster.superuser) }
        #expect(try psql("SELECT count(*) FROM ecoute.audit_log", as: chef) == ["1"])
    }

    @Test func checkNamesRowSecurityTurnedOffATriggerDroppedAndAGrantOnTheAuditLog() throws {
        let admin = try open(as: ScratchPostgresCluster.superuser)
        #expect(try admin.maintenance.check() == [])
        try psql("ALTER TABLE ecoute.calls DISABLE ROW LEVEL SECURITY", as: ScratchPostgresCluster.superuser)
        try psql("DROP TRIGGER audit_log_is_append_only ON ecoute.audit_log", as: ScratchPostgresCluster.superuser)
        try psql("GRANT UPDATE ON ecoute.audit_log TO ecoute_supervisor", as: ScratchPostgresCluster.superuser)
        let problems = try admin.maintenance.check().map(\.detail)
        // Each also differs from the security manifest (PostgresCheckTamperTests has one test per tampering).
        #expect(problems.count >= 3)
        #expect(problems.contains { $0.contains("row-level security is off on calls") })
        #expect(problems.contains { $0.contains("audit_log_is_append_only is missing") })
        #expect(problems.contains { $0.contains("ecoute_supervisor may UPDATE the audit log") })
    }

    @Test func aStoredValueThisVersionDoesNotKnowIsReadAsUnknownAndCountedByCheck() throws {
        try open(as: alice).calls(shiftID: nil).finalize(saved("a1", by: alice))
        // Written by hand with the triggers off: the engine's functions refuse such values.
        try psql("""
            SET session_replication_role = replica;
            INSERT INTO ecoute.call_referral_gaps (call_id, kind, reason) VALUES ('a1', 'psychologist', 'bogus');
            UPDATE ecoute.calls SET profession = 'astronaut' WHERE id = 'a1'
            """, as: ScratchPostgresCluster.superuser)
        let chefStore = try open(as: chef)
        let calls = try chefStore.review.calls(CallQuery(), visibleTo: Viewer(name: chef, role: .supervisor))
        #expect(calls.map(\.id) == ["a1"])
        #expect(calls.first?.referralGaps[.psychologist]?.reason == .unknown)
        #expect(calls.first?.profile.profession == nil)
        #expect(!ReferralGapReason.allCases.contains(.unknown))
        for strings in [TestResources.french, TestResources.english] { #expect(!strings["gap.unknown"].hasPrefix("⟦")) }
        let problems = try chefStore.maintenance.check().map(\.detail)
        #expect(problems.contains { $0.hasPrefix("1 value(s) of call_referral_gaps.reason unknown to this version (bogus)") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("1 value(s) of calls.profession unknown to this version (astronaut)") }, "\(problems)")
    }

    @Test func aBackupIsAPrivatePgDumpThatRestores() throws {
        try open(as: alice).calls(shiftID: nil).finalize(saved("a1", by: alice))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let backup = folder.appendingPathComponent("ligne.dump").path
        try open(as: ScratchPostgresCluster.superuser).maintenance.backup(to: backup)
        #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int) == 0o600)
        let restored = try cluster.newDatabase()
        defer { cluster.drop(restored) }
        try cluster.psql(restored, "DROP SCHEMA ecoute CASCADE")
        _ = try TestProcess.run([PostgresTools.path("pg_restore"), "-h", cluster.folder, "-p", "5432", "-U", ScratchPostgresCluster.superuser,
                                 "-d", restored, backup])
        #expect(try cluster.psql(restored, "SELECT id || ' ' || level FROM ecoute.calls") == "a1 2\n")
        // A psychologist's role cannot take one: the engine refuses to dump rows it would hide.
        #expect(throws: (any Error).self) { try open(as: alice).maintenance.backup(to: backup + ".alice") }
        #expect(!FileManager.default.fileExists(atPath: backup + ".alice"))
    }

    @Test func anEmbeddedDatabaseIsCopiedWholeAndCheckedByCounts() throws {
        let sqlitePath = folder.appendingPathComponent("old.sqlite").path
        let old = try StoreFactory.open(.sqlite(path: sqlitePath), seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        try old.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: "alice"), now: t0)
        // On the police line: the call, its shift and the handoff note carry it across.
        let shift = try old.shifts.startShift(operatorName: alice, line: "police", at: t0)
        var a1 = saved("a1", by: alice)
        a1.line = "police"
        try old.calls(shiftID: shift).finalize(a1)
        try old.calls(shiftID: shift).persist(CallDraft(id: "a2", operatorName: alice, pickedUpAt: t0 + 4000))
        try old.review.correct(callID: "a1", field: .addiction, to: "oui", reason: "dit en fin d'appel",
                               by: Viewer(name: "chef", role: .supervisor), at: t0 + 5000)
        // Continuity: a caller code on both calls, a read of the history, a follow-up, a handoff note.
        let me = Viewer(name: alice, role: .psychologist)
        let code = CallerCode(values: [1, 2, 3, 4, 5, 6])
        try old.callerCodes.attach(code, toCall: "a1", issued: true, by: me, at: t0 + 100)
        try old.callerCodes.attach(code, toCall: "a2", issued: false, by: me, at: t0 + 4100)
        _ = try old.callerCodes.history(of: code, forCall: "a2", by: me, at: t0 + 4200)
        try old.followUps.set(FollowUp(callID: "a1", kind: .callerCallsBack, dueAt: t0 + 86400, setBy: alice, setAt: t0 + 200), by: me)
        try old.handoffs.write(ShiftHandoff(id: "h1", shiftID: shift, operatorName: alice, writtenAt: t0 + 6000, callsInProgress: ["a2"],
                                            text: "a2 à reprendre", handedTo: ["a2": bob], line: "police"), by: me)
        // The callback queue: one request still waiting (its number held), one called back (its
        // number erased), within the line's limit so the copy's check finds none past it.
        let now = Date()
        let chefViewer = Viewer(name: "chef", role: .supervisor)
        try old.callbacks.setNumberLimit(hours: 48, by: chefViewer, at: now - 7300)
        try old.callbacks.request(CallbackRequest(id: "r1", callID: "a1", requestedBy: alice, motif: "avis d'un cadre", urgency: .today,
                                                  requestedAt: now - 7200), number: CallbackNumber(digits: "0612345678"))
        try old.callbacks.request(CallbackRequest(id: "r2", callID: "a1", requestedBy: alice, motif: "rappel promis", urgency: .now,
                                                  requestedAt: now - 3600), number: CallbackNumber(digits: "0698765432"))
        _ = try old.callbacks.act(.take, on: "r2", by: chefViewer, at: now - 3000)
        _ = try old.callbacks.act(.calledBack, on: "r2", by: chefViewer, at: now - 2900)
        let target = try cluster.newDatabase()
        let url = try PostgresURL.parse(cluster.url(database: target), systemUser: ScratchPostgresCluster.superuser)
        let counts = try SQLiteToPostgres.copy(from: sqlitePath, to: url)
        #expect(counts.first { $0.table == "calls" }?.rows == 2)
        #expect(counts.first { $0.table == "audit_log" }?.rows == 1)
        let copied = try StoreFactory.open(.server(url: cluster.url(database: target)),
                                           seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                                           directoryPath: folder.appendingPathComponent("d2.sqlite").path)
        let everyone = Viewer(name: "chef", role: .supervisor)
        #expect(try copied.review.calls(CallQuery(), visibleTo: everyone) == old.review.calls(CallQuery(), visibleTo: everyone))
        #expect(try copied.review.auditLog(callID: "a1") == old.review.auditLog(callID: "a1"))
        #expect(try copied.shifts.shifts(visibleTo: everyone) == old.shifts.shifts(visibleTo: everyone))
        #expect(try copied.callerCodes.linkedCalls(ofCall: "a1", visibleTo: everyone) == old.callerCodes.linkedCalls(ofCall: "a1", visibleTo: everyone))
        #expect(try copied.callerCodes.historyReads(since: t0, by: everyone).count == 1)
        #expect(try copied.followUps.followUp(ofCall: "a1", visibleTo: everyone, now: t0 + 5000)?.followUp.kind == .callerCallsBack)
        #expect(try copied.handoffs.recent(since: t0) == old.handoffs.recent(since: t0))
        #expect(try copied.handoffs.recent(since: t0).map(\.line) == ["police"])
        #expect(try cluster.psql(target, "SELECT line FROM ecoute.shifts") == "police\n")
        #expect(try cluster.psql(target, "SELECT ecoute.line_of_call('a1')") == "police\n")
        #expect(counts.first { $0.table == "callback_requests" }?.rows == 2)
        #expect(counts.first { $0.table == "callback_numbers" }?.rows == 1)
        #expect(try copied.callbacks.open(visibleTo: everyone) == old.callbacks.open(visibleTo: everyone))
        #expect(try copied.callbacks.open(visibleTo: everyone).map(\.id) == ["r1"])
        #expect(try copied.callbacks.requests(since: t0, visibleTo: everyone) == old.callbacks.requests(since: t0, visibleTo: everyone))
        #expect(try copied.callbacks.numberLimit() == 48 * 3600)
        #expect(try copied.callbacks.numbersPastLimit(now: now) == 0)
        #expect(try copied.callbacks.number(of: "r1", by: everyone, at: now) == CallbackNumber(digits: "0612345678"))
        #expect(try copied.callbacks.number(of: "r2", by: everyone, at: now) == nil)
        #expect(try copied.callbacks.audit(of: "r2", by: everyone).map(\.event) == old.callbacks.audit(of: "r2", by: everyone).map(\.event))
        // Saved calls sealed and the audit log chained as they landed.
        #expect(try copied.maintenance.check() == [])
        // A second copy into the same database is refused, and changes nothing.
        #expect(throws: SQLiteToPostgres.Refused.self) { try SQLiteToPostgres.copy(from: sqlitePath, to: url) }
        #expect(try copied.review.calls(CallQuery(), visibleTo: everyone).count == 2)
        cluster.drop(target)
    }
}
