import EcouteCore
import EcouteResources
import EcouteTestSupport
import Foundation
import Testing

/// Caller codes on the platform database, attacked by hand with psql as each role: a psychologist
/// reads another psychologist's call only through `read_caller_history`, as the console does (for
/// a call of their own carrying the code, without the other's notes, audited); nobody writes the
/// codes or the audit by SQL, and the audit is append-only for its owner too.
@Suite final class PostgresCallerCodeAttackTests: PostgresRoleAttack {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chef: String
    let folder: URL
    let code = CallerCode(values: [3, 14, 15, 9, 2, 6]).characters
    let alicesNotes = "notes confidentielles d'alice"

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, chef) = ("alice_\(database)", "bob_\(database)", "chef_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pgcc-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        let t0 = Date()
        try admin.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: chef, role: .supervisor, systemUser: nil), now: t0)
        // Alice's saved call a1 (the code given there), then Bob's call b2 where the caller says it.
        var a1 = CallDraft(id: "a1", operatorName: alice, pickedUpAt: t0 - 86400)
        a1.endedAt = t0 - 86400 + 1200
        a1.level = .anxiety
        a1.notes = alicesNotes
        a1.phase = .saved
        a1.savedAt = t0 - 86400 + 1300
        a1.updatedAt = t0 - 86400 + 1300
        try admin.calls(shiftID: nil).persist(a1)
        try admin.callerCodes.attach(try CallerCode.parse(code).get(), toCall: "a1", issued: true, by: Viewer(name: alice, role: .psychologist), at: t0)
        try open(as: bob).calls(shiftID: nil).persist(CallDraft(id: "b2", operatorName: bob, pickedUpAt: t0 - 60))
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aPsychologistReadsAnotherCallOnlyThroughTheAuditedFunctionAndForACallOfTheirOwn() throws {
        let denied = "permission denied"
        // By SQL, Bob sees neither Alice's call nor its code.
        #expect(try psql("SELECT count(*) FROM ecoute.calls WHERE id = 'a1'", as: bob) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.caller_codes", as: bob) == ["0"])
        #expect(try psql("SELECT count(*) FROM ecoute.call_referrals WHERE call_id = 'a1'", as: bob) == ["0"])
        refused("SELECT * FROM ecoute.caller_history_reads", as: bob, denied)
        refused("INSERT INTO ecoute.caller_codes VALUES ('b2', '\(code)', false, '\(bob)', now())", as: bob, denied)
        refused("UPDATE ecoute.caller_codes SET code = '\(code)'", as: bob, denied)
        refused("DELETE FROM ecoute.caller_codes", as: bob, denied)
        // Not from a call that is not his, nor from his call before it carries the code, nor as someone else.
        refused("SELECT * FROM ecoute.read_caller_history('\(code)', 'a1', now(), NULL, NULL)", as: bob, "is not yours")
        refused("SELECT * FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, NULL)", as: bob, "does not carry that code")
        refused("SELECT ecoute.attach_caller_code('a1', '\(code)', false, now(), NULL)", as: bob, "is not yours")
        refused("SELECT ecoute.attach_caller_code('b2', '\(code)', false, now(), '\(chef)')", as: bob, "cannot write as")
        refused("SELECT ecoute.attach_caller_code('b2', 'ABC0DEF', false, now(), NULL)", as: bob, "not a caller code")
        #expect(try psql("SELECT count(*) FROM ecoute.caller_history_reads", as: chef) == ["0"])
        // As the console does: the code on his own call, then the history — Alice's record without her notes.
        try psql("SELECT ecoute.attach_caller_code('b2', '\(code)', false, now(), NULL)", as: bob)
        let rows = try psql("SELECT h_id || ' ' || h_operator || ' ' || h_level || ' ' || coalesce(h_notes, '-') FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, NULL)", as: bob)
        #expect(rows == ["a1 \(alice) 1 -"])
        #expect(try !psql("SELECT row_to_json(h)::text FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, NULL) h", as: bob).joined().contains(alicesNotes))
        // Saying « as a supervisor » is the administrator's tools' only: ignored for Bob's role.
        #expect(try psql("SELECT coalesce(h_notes, '-') FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, true)", as: bob) == ["-"])
        // Each read is in the audit, under the role that read, at the server's time.
        #expect(try psql("SELECT by || ' ' || for_call || ' ' || calls_shown || ' ' || (at > now() - interval '1 minute') FROM ecoute.caller_history_reads ORDER BY id", as: chef)
                == ["\(bob) b2 1 true", "\(bob) b2 1 true", "\(bob) b2 1 true"])
        // Alice reads her own notes back through the same function from a call of hers with the code.
        try open(as: alice).calls(shiftID: nil).persist(CallDraft(id: "a3", operatorName: alice, pickedUpAt: Date()))
        try psql("SELECT ecoute.attach_caller_code('a3', '\(code)', false, now(), NULL)", as: alice)
        #expect(try psql("SELECT h_id || ' ' || coalesce(h_notes, '-') FROM ecoute.read_caller_history('\(code)', 'a3', now(), NULL, NULL)", as: alice)
                == ["a1 \(alicesNotes)"])
    }

    @Test func theHistoryAuditIsAppendOnlyForEveryone() throws {
        try psql("SELECT ecoute.attach_caller_code('b2', '\(code)', false, now(), NULL)", as: bob)
        try psql("SELECT count(*) FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, NULL)", as: bob)
        refused("DELETE FROM ecoute.caller_history_reads", as: chef, "permission denied")
        refused("UPDATE ecoute.caller_history_reads SET by = 'x'", as: chef, "permission denied")
        refused("DELETE FROM ecoute.caller_history_reads", as: ScratchPostgresCluster.superuser, "append-only")
        refused("TRUNCATE ecoute.caller_history_reads", as: ScratchPostgresCluster.superuser, "append-only")
        // A supervisor reads any code's history (notes included), audited too.
        #expect(try psql("SELECT coalesce(h_notes, '-') FROM ecoute.read_caller_history('\(code)', 'b2', now(), NULL, NULL)", as: chef) == [alicesNotes])
        #expect(try psql("SELECT count(*) FROM ecoute.caller_history_reads", as: chef) == ["2"])
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }
}
