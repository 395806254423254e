import EcouteCore
import EcouteResources
import EcouteStore
@testable import EcoutePostgres
import EcouteTestSupport
import Foundation
import Testing

/// The acceptance set of issue #25 (item 4): every write a psychologist, a trainer or a supervisor
/// could try by hand with a plain SQL client (`psql`, connected as their own role) that the console
/// would not make. Each one must be refused by the engine, with the reason expected, and the record
/// must be exactly as it was after all of them. The list is `attacks` below; the writes that go
/// through a function and are made harmless rather than refused (a forged author or time) are
/// tested after it.
@Suite final class PostgresRoleAttackTests {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chef: String, trainee: String
    let folder: URL
    let t0 = Date(timeIntervalSince1970: 1_795_500_000)
    var shiftA = ""

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, chef, trainee) = ("alice_\(database)", "bob_\(database)", "chef_\(database)", "trainee_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        try admin.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: chef, role: .supervisor, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: trainee, role: .trainer, systemUser: nil), now: t0)
        // What the console writes in a shift, as each operator's own role.
        let aliceStore = try open(as: alice), bobStore = try open(as: bob)
        shiftA = try aliceStore.shifts.startShift(operatorName: alice, at: t0)
        try aliceStore.calls(shiftID: shiftA).finalize(saved("a1", by: alice))
        try aliceStore.calls(shiftID: shiftA).persist(unsaved("a2", by: alice))
        _ = try aliceStore.alerts.raise(alert("al-a2", call: "a2", by: alice))
        try aliceStore.shifts.endShift(shiftA, at: t0 + 3600)
        try bobStore.calls(shiftID: nil).finalize(saved("b1", by: bob))
        try bobStore.calls(shiftID: nil).persist(unsaved("b2", by: bob))
        _ = try bobStore.alerts.raise(alert("al-b2", call: "b2", by: bob))
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    func open(as role: String) throws -> any Store {
        try StoreFactory.open(.server(url: cluster.url(database: database, role: role)),
                              seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                              directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path)
    }

    func saved(_ id: String, by name: String) -> CallDraft {
        var c = unsaved(id, by: name)
        c.endedAt = t0 + 1200
        c.level = .depression
        c.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr A", contact: "01", tier: .sameDepartement, status: .given, origin: .proposed)]
        c.referralGaps = [.psychologist: ReferralGap(reason: .callerDeclined, note: "")]
        c.phase = .saved
        c.savedAt = t0 + 1300
        c.updatedAt = t0 + 1300
        return c
    }

    func unsaved(_ id: String, by name: String) -> CallDraft {
        var c = CallDraft(id: id, operatorName: name, pickedUpAt: t0)
        c.notes = "notes of \(id)"
        return c
    }

    func alert(_ id: String, call: String, by name: String) -> Alert {
        Alert(id: id, callID: call, operatorName: name, departement: "69", level: .imminentRisk, reason: .imminentRisk, callElapsed: 30,
              raisedAt: t0 + 30)
    }

    @discardableResult
    func psql(_ sql: String, as role: String) throws -> [String] {
        try cluster.psql(database, sql, as: role).split(separator: "\n").map(String.init)
    }

    /// `ecoute.write_call` as psql would call it: a call row with every column given (`fields`
    /// override the defaults), no referrals.
    func writeCall(_ fields: [String: String], referrals: String = "[]", gaps: String = "[]", given: String = "[]") -> String {
        let defaults: [String: String] = ["phase": "'inCall'", "picked_up_at": "now()", "addiction": "false", "hospitalisation": "false",
                                          "notes": "''", "updated_at": "now()"]
        let row = PostgresCallRows.columns.map { fields[$0] ?? defaults[$0] ?? "NULL" }.joined(separator: ", ")
        return "SELECT ecoute.write_call(ROW(\(row))::ecoute.calls, '\(referrals)', '\(gaps)', false, '\(given)')"
    }

    /// Everything an attack could have changed, as the database administrator reads it.
    func record() throws -> [String] {
        try ["calls", "call_referrals", "call_referral_gaps", "call_leases", "call_takeovers", "alerts", "shifts", "directory_rotation",
             "directory_rotation_given", "audit_log", "line_settings", "operators", "call_seals", "security_manifest", "call_assessments",
             "call_motifs", "call_lines"].flatMap { table in
            try psql("SELECT '\(table) ' || t::text FROM ecoute.\(table) t ORDER BY t::text", as: ScratchPostgresCluster.superuser)
        }
    }

    struct Attack: CustomStringConvertible {
        var role: String
        var sql: String
        /// What the engine's refusal says (so a typo's syntax error never passes for a refusal).
        var refusal: String
        var description: String { "\(role): \(sql)" }
    }

    /// The acceptance set. Roles: `alice` and `bob` psychologists, `chef` a supervisor, `trainee` a
    /// trainer. a1 is alice's saved call (one referral, one reason), a2 her call in progress with
    /// its alert, s her ended shift; b1 and b2 are bob's.
    var attacks: [Attack] {
        let (a, b, c, t) = (alice, bob, chef, trainee)
        let denied = "permission denied"
        return [
            // A psychologist rewriting their own saved call's record.
            Attack(role: a, sql: "UPDATE ecoute.call_referrals SET name = 'forged' WHERE call_id = 'a1'", refusal: denied),
            Attack(role: a, sql: "DELETE FROM ecoute.call_referrals WHERE call_id = 'a1'", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.call_referrals (call_id, position, kind, name, contact, tier, status, origin) VALUES ('a1', 5, 'gp', 'x', 'x', 0, 'given', 'chosen')", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.call_referral_gaps (call_id, kind, reason) VALUES ('a1', 'gp', 'other')", refusal: denied),
            Attack(role: a, sql: "DELETE FROM ecoute.call_referral_gaps WHERE call_id = 'a1'", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.calls SET level = 1 WHERE id = 'a1'", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.calls SET supervisor_called_at = now() WHERE id = 'a1'", refusal: denied),
            Attack(role: a, sql: writeCall(["id": "'a1'", "operator": "'\(a)'", "phase": "'saved'", "level": "1"]), refusal: "is saved"),
            Attack(role: a, sql: "DELETE FROM ecoute.calls WHERE id = 'a1'", refusal: denied),
            Attack(role: a, sql: "TRUNCATE ecoute.calls CASCADE", refusal: denied),
            // Writing a call other than through the function that checks the console's rules.
            Attack(role: a, sql: "UPDATE ecoute.calls SET notes = 'direct' WHERE id = 'a2'", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.calls (id, operator, phase, picked_up_at, updated_at, level, saved_at) VALUES ('x1', '\(a)', 'saved', now(), now(), 5, now())", refusal: denied),
            Attack(role: a, sql: writeCall(["id": "'x2'", "operator": "'\(a)'", "phase": "'saved'", "level": "5", "ended_at": "now()"]),
                   refusal: "level 5"),
            Attack(role: a, sql: writeCall(["id": "'x3'", "operator": "'\(a)'", "phase": "'saved'", "level": "5", "supervisor_called_at": "now()",
                                            "caller_kept_on_line_at": "now()", "emergency_services_skipped": "'  '"]), refusal: "level 5"),
            Attack(role: a, sql: writeCall(["id": "'x4'", "operator": "'\(a)'", "phase": "'saved'"]), refusal: "without a classification"),
            Attack(role: a, sql: writeCall(["id": "'x8'", "operator": "'\(a)'", "phase": "'saved'", "level": "4", "ended_at": "now()"],
                                           gaps: #"[{"kind": "gp", "reason": "alreadyInCare"}, {"kind": "psychiatrist", "reason": "alreadyInCare"}, {"kind": "emergency", "reason": "callerDeclined"}]"#),
                   refusal: "saved with its risk assessment"),
            Attack(role: a, sql: writeCall(["id": "'x7'", "operator": "'\(a)'", "phase": "'saved'", "level": "2", "ended_at": "now()"],
                                           referrals: #"[{"position": 0, "kind": "gp", "name": "Dr A", "contact": "01", "tier": 0, "status": "given", "origin": "proposed"}]"#),
                   refusal: "a referral its level requires: psychologist"),
            Attack(role: a, sql: writeCall(["id": "'x5'", "operator": "'\(a)'", "phase": "'closed'", "level": "2"]), refusal: "does not write a call as closed"),
            Attack(role: a, sql: writeCall(["id": "'x6'", "operator": "'\(b)'"]), refusal: "cannot write as"),
            Attack(role: a, sql: writeCall(["id": "'b2'", "operator": "'\(a)'"]), refusal: "is not yours"),
            Attack(role: a, sql: writeCall(["id": "'x7'", "operator": "'\(a)'", "picked_up_at": "now() + interval '1 day'"]), refusal: "ahead of the server"),
            Attack(role: a, sql: writeCall(["id": "'x8'", "operator": "'\(a)'", "shift_id": "'nobody-s-shift'"]), refusal: "is not yours"),
            Attack(role: a, sql: writeCall(["id": "'x9'", "operator": "'\(a)'", "level": "9"]), refusal: "not a classification"),
            Attack(role: a, sql: writeCall(["id": "'x10'", "operator": "'\(a)'", "phase": "'saved'", "level": "2"], given: "[{\"source\":\"t\",\"source_id\":\"1\"}]"),
                   refusal: "fewer directory entries"),
            Attack(role: a, sql: writeCall(["id": "'a2'", "operator": "NULL"]).replacingOccurrences(of: "'[]', false", with: "'[{\"kind\":\"gp\",\"reason\":\"bogus\"}]', false"),
                   refusal: "not one the console writes"),
            Attack(role: a, sql: writeCall(["id": "'a2'", "operator": "NULL"], referrals: "[{\"position\":0,\"kind\":\"nonsense\",\"name\":\"x\",\"contact\":\"x\",\"tier\":0,\"status\":\"given\",\"origin\":\"chosen\"}]"),
                   refusal: "does not write"),
            // Alerts: forging who took one, taking one, marking another's, rewriting one's columns.
            Attack(role: a, sql: "UPDATE ecoute.alerts SET taken_by = '\(c)', taken_at = now() WHERE call_id = 'a2'", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.alerts SET mistake_reason = 'x', mistake_marked_at = now(), level = 1 WHERE call_id = 'a2'", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.alerts (id, call_id, operator, level, reason, call_elapsed, raised_at, taken_by, taken_at) VALUES ('al-x', 'a2', '\(a)', 5, 'imminentRisk', 1, now(), '\(c)', now())", refusal: denied),
            Attack(role: a, sql: "DELETE FROM ecoute.alerts WHERE call_id = 'a2'", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.take_alert('al-a2', '\(c)', now())", refusal: denied),
            Attack(role: a, sql: "SELECT * FROM ecoute.raise_alert('al-y', 'b2', '\(b)', '69', 5, 'imminentRisk', 1, now(), NULL, NULL)", refusal: "cannot write as"),
            Attack(role: a, sql: "SELECT * FROM ecoute.raise_alert('al-y', 'b2', NULL, '69', 5, 'imminentRisk', 1, now(), NULL, NULL)", refusal: "is not yours"),
            Attack(role: a, sql: "SELECT * FROM ecoute.raise_alert('al-y', 'a2', NULL, '69', 7, 'whatever', 1, now(), NULL, NULL)", refusal: "level 0 to 5"),
            Attack(role: a, sql: "SELECT * FROM ecoute.mark_alert_raised_by_mistake('b2', 'not mine', now())", refusal: "is not yours"),
            Attack(role: a, sql: "SELECT * FROM ecoute.mark_alert_raised_by_mistake('a2', '   ', now())", refusal: "with its reason"),
            // The directory's rotation, shifts (others', and their own past times), leases, takeovers.
            Attack(role: a, sql: "UPDATE ecoute.directory_rotation SET times_given = 0", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.directory_rotation (source, source_id, last_given_at, times_given) VALUES ('t', '1', now(), 99)", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.directory_rotation_given (source, source_id, given_at) VALUES ('t', '1', now())", refusal: denied),
            Attack(role: a, sql: "DELETE FROM ecoute.directory_rotation_given", refusal: denied),
            Attack(role: a, sql: "SELECT nextval('ecoute.directory_rotation_given_id_seq')", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.shifts SET started_at = started_at - interval '2 hours' WHERE operator = '\(a)'", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.shifts SET ended_at = NULL WHERE operator = '\(a)'", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.shifts (id, operator, started_at) VALUES ('sx', '\(b)', now())", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.start_shift('sy', '\(b)', now())", refusal: "cannot write as"),
            Attack(role: a, sql: "DELETE FROM ecoute.shifts", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.call_leases SET console = 'elsewhere'", refusal: denied),
            Attack(role: a, sql: "DELETE FROM ecoute.call_leases", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.claim_call('b2', 'k', 'h', 1, NULL, now())", refusal: "is not yours"),
            Attack(role: a, sql: "SELECT ecoute.claim_call('a1', 'k', 'h', 1, NULL, now())", refusal: "is saved"),
            Attack(role: a, sql: "SELECT ecoute.take_over_call('b2', 'k', 'h', 1, NULL, now())", refusal: "is not yours"),
            Attack(role: a, sql: "INSERT INTO ecoute.call_takeovers (call_id, at, by_console, by_host, by_pid, by_operator) VALUES ('a2', now(), 'k', 'h', 1, '\(b)')", refusal: denied),
            // The audit log, the seals, the manifest, the settings, the operators.
            Attack(role: a, sql: "INSERT INTO ecoute.audit_log (call_id, at, by, field, reason) VALUES ('a1', now(), '\(c)', 'level', 'forged')", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.call_seals SET digest = 'x'", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.seal_call('a1')", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.supervise('a1', 'level', '2', '1', 'x', true, now(), '\(c)')", refusal: denied),
            // A psychologist correcting a saved call's assessment or motifs, or its line.
            Attack(role: a, sql: "SELECT ecoute.supervise_part('a1', 'assessment', '', '{\"urgence\": \"low\", \"dangerosite\": \"low\"}', 'x', now(), '\(c)')",
                   refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.supervise_part('a1', 'motifs', '', '[\"trauma\"]', 'x', now(), NULL)", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.call_motifs (call_id, position, motif) VALUES ('a1', 0, 'trauma')", refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.call_assessments (call_id, urgence, dangerosite) VALUES ('a1', 'low', 'low')", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.write_call_motifs('a1', NULL, ARRAY['trauma'])", refusal: "is saved"),
            Attack(role: a, sql: "SELECT ecoute.write_call_assessment('a1', NULL, '{\"urgence\": \"low\"}')", refusal: "is saved"),
            Attack(role: a, sql: "SELECT ecoute.write_call_line('a1', NULL, 'police', 'officier')", refusal: "is saved"),
            Attack(role: a, sql: "INSERT INTO ecoute.call_lines (call_id, line) VALUES ('a1', 'police')", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.set_line_setting('notes_retention_days', '1', now(), '\(c)')", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.line_settings SET value = '1'", refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.operators SET role = 'supervisor' WHERE name = '\(a)'", refusal: denied),
            // Presence only through the engine: not by hand (a heartbeat set ahead would show a dead
            // console alive), not as another, not with what a console does not report.
            Attack(role: a, sql: "INSERT INTO ecoute.console_presence (console, host, pid, operator, activity, heartbeat_at) VALUES ('k', 'h', 1, '\(b)', 'free', now())",
                   refusal: denied),
            Attack(role: a, sql: "INSERT INTO ecoute.console_presence (console, host, pid, operator, activity, heartbeat_at) VALUES ('k', 'h', 1, '\(a)', 'free', now() + interval '1 year')",
                   refusal: denied),
            Attack(role: a, sql: "UPDATE ecoute.console_presence SET heartbeat_at = now() + interval '1 year'", refusal: denied),
            Attack(role: a, sql: "SELECT ecoute.report_presence('k', 'h', 1, '\(b)', NULL, 'free', NULL, NULL, NULL, now(), 'sante')",
                   refusal: "cannot write as"),
            Attack(role: a, sql: "SELECT ecoute.report_presence('k', 'h', 1, NULL, NULL, 'asleep', NULL, NULL, NULL, now(), 'sante')",
                   refusal: "not an activity"),
            Attack(role: a, sql: "SELECT ecoute.report_presence('k', 'h', 1, NULL, NULL, 'inCall', 'b1', now(), 9, now(), 'sante')",
                   refusal: "not a level"),
            Attack(role: a, sql: "SELECT ecoute.report_presence('k', 'h', 1, NULL, NULL, 'inCall', 'b1', now(), NULL, now(), 'sante')",
                   refusal: "is not yours"),
            // Stepping around the engine: triggers off, another role, the schema's objects.
            Attack(role: a, sql: "SET session_replication_role = replica; UPDATE ecoute.calls SET level = 1 WHERE id = 'a1'", refusal: denied),
            Attack(role: a, sql: "SET ROLE \(c)", refusal: denied),
            Attack(role: a, sql: "SET ROLE ecoute_admin", refusal: denied),
            Attack(role: a, sql: "ALTER TABLE ecoute.calls DISABLE ROW LEVEL SECURITY", refusal: "must be owner"),
            Attack(role: a, sql: "CREATE POLICY mine ON ecoute.calls FOR ALL USING (true)", refusal: "must be owner"),
            Attack(role: a, sql: "CREATE OR REPLACE FUNCTION ecoute.acting_operator(p_named TEXT) RETURNS TEXT LANGUAGE sql AS 'SELECT p_named'", refusal: denied),
            Attack(role: a, sql: "ALTER TABLE ecoute.audit_log DISABLE TRIGGER audit_log_is_chained", refusal: "must be owner"),
            // A trainer, as a psychologist.
            Attack(role: t, sql: "UPDATE ecoute.calls SET notes = 'x'", refusal: denied),
            Attack(role: t, sql: writeCall(["id": "'a2'", "operator": "'\(t)'"]), refusal: "is not yours"),
            Attack(role: t, sql: "SELECT ecoute.take_alert('al-a2', NULL, now())", refusal: denied),
            Attack(role: t, sql: "SELECT ecoute.supervise_part('a1', 'motifs', '', '[\"trauma\"]', 'x', now(), NULL)", refusal: denied),
            // A supervisor: no referral of a saved call without an audit row, no forged taking.
            Attack(role: c, sql: "UPDATE ecoute.call_referrals SET name = 'forged' WHERE call_id = 'a1'", refusal: denied),
            Attack(role: c, sql: "DELETE FROM ecoute.call_referral_gaps WHERE call_id = 'a1'", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.calls SET level = 1 WHERE id = 'a1'", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.alerts SET taken_by = '\(b)', taken_at = now()", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.shifts SET ended_at = now() WHERE operator = '\(b)'", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.shifts SET started_at = now()", refusal: denied),
            Attack(role: c, sql: writeCall(["id": "'b2'", "operator": "'\(b)'"]), refusal: "cannot write as"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'level', '1', '3', 'the wrong old value', true, now(), NULL)", refusal: "changed meanwhile"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'referrals', NULL, '[]', 'not correctable', true, now(), NULL)", refusal: "not changed by supervisors"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'level', '2', '9', 'no such level', true, now(), NULL)", refusal: "is not a level"),
            Attack(role: c, sql: "SELECT ecoute.supervise('b2', 'operator', '\(b)', 'nobody_at_all', 'not an operator', false, now(), NULL)",
                   refusal: "not an operator of the line"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'level', '2', '3', '  ', true, now(), NULL)", refusal: "needs a reason"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'level', '2', '3', 'the old function', '2', '3', 'x', now(), NULL, true)",
                   refusal: "does not exist"),
            // A supervisor's correction of the assessment and motifs: only as the engine reads them, only their values.
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'motifs', 'burnout', '[\"trauma\"]', 'not what it holds', now(), NULL)",
                   refusal: "changed meanwhile"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'motifs', '', '[\"trauma\", \"trauma\"]', 'twice', now(), NULL)",
                   refusal: "listed twice"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'motifs', '', '[\"a\", \"b\", \"c\", \"d\"]', 'four', now(), NULL)",
                   refusal: "violates check constraint"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'assessment', '', '{\"urgence\": \"extreme\"}', 'no such degree', now(), NULL)",
                   refusal: "violates check constraint"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'assessment', '', '{}', 'nothing changes', now(), NULL)", refusal: "is already"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a1', 'line', 'sante', '\"police\"', 'the line is not corrected', now(), NULL)",
                   refusal: "not changed by supervisors"),
            Attack(role: c, sql: "SELECT ecoute.supervise_part('a2', 'motifs', '', '[\"trauma\"]', 'not saved', now(), NULL)", refusal: "not saved yet"),
            Attack(role: c, sql: "SELECT ecoute.supervise('a1', 'line', 'sante', 'police', 'the line is not corrected', true, now(), NULL)",
                   refusal: "not changed by supervisors"),
            Attack(role: c, sql: "UPDATE ecoute.call_lines SET line = 'police'", refusal: denied),
            Attack(role: c, sql: "SELECT ecoute.write_call_line('a1', '\(a)', 'police', NULL)", refusal: "cannot write as"),
            Attack(role: c, sql: "SELECT ecoute.set_line_setting('anything', 'x', now(), NULL)", refusal: "not one of the line"),
            Attack(role: c, sql: "INSERT INTO ecoute.audit_log (call_id, at, by, field, reason) VALUES ('a1', now(), '\(c)', 'level', 'forged')", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.directory_rotation SET times_given = 0", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.directory_rotation_given SET given_at = now()", refusal: denied),
            Attack(role: c, sql: "UPDATE ecoute.security_manifest SET fingerprint = 'x'", refusal: denied),
            Attack(role: c, sql: "GRANT ecoute_supervisor TO \(a)", refusal: "admin option"),
            Attack(role: c, sql: "SET session_replication_role = replica", refusal: denied),
        ]
    }

    @Test func everyWriteOfTheAcceptanceSetIsRefusedAndTheRecordIsUnchanged() throws {
        let before = try record()
        #expect(before.contains { $0.hasPrefix("call_seals (a1,") })
        for attack in attacks {
            do {
                try psql(attack.sql, as: attack.role)
                Issue.record("accepted: \(attack)")
            } catch let failure as TestProcess.Failure {
                #expect(failure.description.contains(attack.refusal), "\(attack) — refused for another reason: \(failure.description)")
            }
        }
        #expect(try record() == before)
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }

    @Test func theConsolesOwnWritesStillGoThroughAsEachRole() throws {
        // Counterpart of the refusals: what the console does, by psql, is accepted.
        try psql(writeCall(["id": "'a3'", "operator": "NULL"]), as: alice)
        try psql(#"SELECT ecoute.write_call_assessment('a3', NULL, '{"urgence": "high", "dangerosite": "high", "means_at_hand": true}')"#, as: alice)
        try psql(writeCall(["id": "'a3'", "operator": "'\(alice)'", "phase": "'saved'", "level": "5", "supervisor_called_at": "now()",
                            "caller_kept_on_line_at": "now()", "emergency_services_skipped": "'ligne coupée'", "ended_at": "now()"],
                           gaps: #"[{"kind": "emergency", "reason": "noneReachable"}, {"kind": "unit", "reason": "callerDeclined"}]"#), as: alice)
        #expect(try psql("SELECT phase || ' ' || (saved_at IS NOT NULL) FROM ecoute.calls WHERE id = 'a3'", as: alice) == ["saved true"])
        #expect(try psql("SELECT count(*) FROM ecoute.mark_alert_raised_by_mistake('a2', 'F9 par erreur', now())", as: alice) == ["1"])
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }

    @Test func everyValueTheConsoleWritesIsAcceptedByTheEngine() throws {
        // The engine's lists of known values follow the console's: a kind, status, origin, tier
        // or reason added to the console needs a migration replacing ecoute.write_call.
        var draft = unsaved("a4", by: alice)
        draft.referrals = ReferralKind.allCases.enumerated().flatMap { i, kind in
            [ReferralStatus.proposed, .given, .declined].flatMap { status in
                [ReferralOrigin.proposed, .chosen].map { origin in
                    Referral(kind: kind, entryID: Int64(i), name: kind.rawValue, contact: "01", tier: ReferralTier.allCases[i % ReferralTier.allCases.count],
                             status: status, origin: origin)
                }
            }
        }
        for (i, reason) in ReferralGapReason.allCases.enumerated() {
            draft.referralGaps[ReferralKind.allCases[i]] = ReferralGap(reason: reason, note: "")
        }
        try open(as: alice).calls(shiftID: nil).persist(draft)
        #expect(try psql("SELECT count(*) FROM ecoute.call_referrals WHERE call_id = 'a4'", as: alice) == ["\(draft.referrals.count)"])
        #expect(try psql("SELECT count(*) FROM ecoute.call_referral_gaps WHERE call_id = 'a4'", as: alice) == ["\(ReferralGapReason.allCases.count)"])
        for tier in ReferralTier.allCases {
            #expect(try psql("SELECT count(*) > 0 FROM ecoute.call_referrals WHERE call_id = 'a4' AND tier = \(tier.rawValue)", as: alice) == ["t"])
        }
    }

    @Test func authorAndTimeComeFromTheEngineWhateverTheCallerPasses() throws {
        // A supervisor takes an alert naming another and an old time: the engine records them, now.
        #expect(try psql("SELECT taken_by || ' ' || (taken_at > now() - interval '1 minute') FROM ecoute.take_alert('al-a2', '\(bob)', '2001-01-01')",
                         as: chef) == ["\(chef) true"])
        // Taken already: nothing changes (the console is told AlertAlreadyTaken).
        #expect(try psql("SELECT count(*) FROM ecoute.take_alert('al-a2', NULL, now())", as: chef) == ["0"])
        #expect(throws: AlertAlreadyTaken.self) { _ = try open(as: chef).alerts.take("al-a2", by: chef, at: t0) }
        // A correction: the audit shows the old value read from the row, the author, the server's time.
        try psql("SELECT ecoute.supervise('a1', 'level', '2', '3', 'épuisement', true, '2001-01-01', '\(bob)')", as: chef)
        #expect(try psql("SELECT by || ' ' || old_value || ' ' || new_value || ' ' || (at > now() - interval '1 minute') FROM ecoute.audit_log", as: chef)
                == ["\(chef) 2 3 true"])
        // A psychologist's shift: started and ended at the server's time, ended once.
        try psql("SELECT ecoute.start_shift('s-now', NULL, '2001-01-01')", as: alice)
        #expect(try psql("SELECT ecoute.end_shift('s-now', '2001-01-01')", as: alice) == ["1"])
        #expect(try psql("SELECT ecoute.end_shift('s-now', '2001-01-02')", as: alice) == ["0"])
        #expect(try psql("SELECT operator || ' ' || (started_at > now() - interval '1 minute') || ' ' || (ended_at > now() - interval '1 minute') FROM ecoute.shifts WHERE id = 's-now'",
                         as: alice) == ["\(alice) true true"])
        // A console's presence: its operator and heartbeat the engine's, whatever is passed.
        try psql("SELECT ecoute.report_presence('k-alice', 'h', 1, NULL, NULL, 'free', NULL, NULL, NULL, now() + interval '1 year', 'sante')", as: alice)
        #expect(try psql("SELECT operator || ' ' || (heartbeat_at <= now()) FROM ecoute.console_presence WHERE console = 'k-alice'", as: alice)
                == ["\(alice) true"])
        // The saved call's times of record are the server's, its lived times the console's.
        #expect(try psql("SELECT (saved_at > now() - interval '1 minute') || ' ' || (picked_up_at = to_timestamp(\(Int(t0.timeIntervalSince1970)))) FROM ecoute.calls WHERE id = 'a1'",
                         as: alice) == ["true true"])
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }
}
