import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import Testing

/// End-of-shift handovers and handoff notes on the platform database, attacked by hand with psql
/// as each role: a call changes hands only through `hand_over_call` (one's own unfinished call,
/// to a colleague the engine finds on shift, audited); notes are removed only by a supervisor's
/// `purge_shift_handoffs`, past the line's retention.
@Suite final class PostgresHandoverAttackTests: PostgresRoleAttack {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, carol: String, chef: String
    let folder: URL

    init() throws {
        let t0 = Date()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pgho-\(UUID().uuidString)")
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, carol, chef) = ("alice_\(database)", "bob_\(database)", "carol_\(database)", "chef_\(database)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        for (name, role) in [(alice, OperatorRole.psychologist), (bob, .psychologist), (carol, .psychologist), (chef, .supervisor)] {
            try admin.operators.saveOperator(OperatorRecord(name: name, role: role, systemUser: nil), now: t0)
        }
        // Alice and Bob on shift now (their own roles, the server's time); Carol's shift silent for an hour.
        try open(as: alice).shifts.startShift("s-alice", operatorName: alice, at: t0)
        try open(as: bob).shifts.startShift("s-bob", operatorName: bob, at: t0)
        try admin.shifts.startShift("s-carol", operatorName: carol, at: t0 - 3600)
        try open(as: alice).calls(shiftID: "s-alice").persist(CallDraft(id: "a1", operatorName: alice, pickedUpAt: t0 - 60))
        try open(as: bob).calls(shiftID: "s-bob").persist(CallDraft(id: "b1", operatorName: bob, pickedUpAt: t0 - 60))
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aCallChangesHandsOnlyThroughTheAuditedFunctionToSomeoneOnShift() throws {
        // Not by SQL: Alice cannot give her call away by rewriting its operator.
        refused("UPDATE ecoute.calls SET operator = '\(bob)' WHERE id = 'a1'", as: alice, "permission denied")
        #expect(try psql("SELECT operator FROM ecoute.calls WHERE id = 'a1'", as: alice) == [alice])
        // Not another's call, not to someone off shift, not as someone else.
        refused("SELECT ecoute.hand_over_call('b1', '\(alice)', now(), NULL)", as: alice, "cannot hand over")
        // Not from under the console answering it (alice's store holds a1 and beats), whichever
        // console the caller names, or none.
        refused("SELECT ecoute.hand_over_call('a1', '\(bob)', now(), NULL)", as: alice, "is held by the console of \(alice)")
        refused("SELECT ecoute.hand_over_call('a1', '\(bob)', now(), NULL, 'une-autre-console')", as: alice, "is held by the console of \(alice)")
        // That console silent past the limit (moved back by the superuser, as time would): free to hand over.
        _ = try cluster.psql(database, "UPDATE ecoute.call_leases SET heartbeat_at = now() - interval '30 seconds'")
        refused("SELECT ecoute.hand_over_call('a1', '\(carol)', now(), NULL)", as: alice, "is not on shift")
        refused("SELECT ecoute.hand_over_call('a1', '\(bob)', now(), '\(bob)')", as: alice, "cannot write as")
        // Who is on shift: names only; the shifts themselves stay hidden.
        #expect(try psql("SELECT * FROM ecoute.colleagues_on_shift()", as: alice).sorted() == [alice, bob].sorted())
        #expect(try psql("SELECT count(*) FROM ecoute.shifts", as: alice) == ["1"])
        // Through the function: the call is Bob's, free, and the audit says who handed it to whom.
        try psql("SELECT ecoute.hand_over_call('a1', '\(bob)', '2000-01-01', NULL)", as: alice)
        #expect(try psql("SELECT count(*) FROM ecoute.calls WHERE id = 'a1'", as: alice) == ["0"])
        #expect(try psql("SELECT operator FROM ecoute.calls WHERE id = 'a1'", as: bob) == [bob])
        #expect(try psql("SELECT count(*) FROM ecoute.call_leases WHERE call_id = 'a1'", as: ScratchPostgresCluster.superuser) == ["0"])
        #expect(try psql("SELECT a.by || ' ' || a.old_value || ' ' || a.new_value || ' ' || (a.at > now() - interval '1 minute')::text "
                         + "FROM ecoute.audit_log a WHERE a.call_id = 'a1' AND a.field = 'handover'", as: ScratchPostgresCluster.superuser) == ["\(alice) \(alice) \(bob) true"])
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }

    @Test func handoffNotesAreRemovedOnlyByASupervisorsPurgePastTheRetention() throws {
        try open(as: alice).handoffs.write(ShiftHandoff(id: "h1", shiftID: "s-alice", operatorName: alice, writtenAt: Date(), text: "rien"),
                                           by: Viewer(name: alice, role: .psychologist))
        refused("DELETE FROM ecoute.shift_handoffs", as: alice, "permission denied")
        refused("UPDATE ecoute.shift_handoffs SET text = ''", as: alice, "permission denied")
        refused("SELECT * FROM ecoute.purge_shift_handoffs(false)", as: alice, "permission denied")
        refused("DELETE FROM ecoute.shift_handoffs", as: chef, "permission denied")
        refused("SELECT ecoute.set_handoff_retention(0, now(), NULL)", as: chef, "from 1 to 365 days")
        refused("SELECT ecoute.set_handoff_retention(366, now(), NULL)", as: chef, "from 1 to 365 days")
        refused("SELECT ecoute.set_handoff_retention(60, now(), NULL)", as: alice, "permission denied")
        // A fresh note stays whatever the purge; one past the retention (moved back by the
        // superuser, as time would) goes, by the server's clock.
        #expect(try psql("SELECT * FROM ecoute.purge_shift_handoffs(false)", as: chef).isEmpty)
        _ = try cluster.psql(database, "UPDATE ecoute.shift_handoffs SET written_at = now() - interval '31 days'")
        #expect(try psql("SELECT * FROM ecoute.purge_shift_handoffs(false)", as: chef) == ["h1"])
        #expect(try psql("SELECT count(*) FROM ecoute.shift_handoffs", as: alice) == ["0"])
    }
}
