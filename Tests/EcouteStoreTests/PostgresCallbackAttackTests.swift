import EcouteCore
import EcouteResources
@testable import EcoutePostgres
import EcouteTestSupport
import Foundation
import Testing

/// The callback number on the platform database, attacked by hand with psql as each role: a
/// psychologist never reads one (not even their own caller's), a supervisor only through the
/// audited function, nobody rewrites the queue or its audit, and a backup carries none.
@Suite final class PostgresCallbackAttackTests: PostgresRoleAttack {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chef: String
    let folder: URL
    let digits = "0612345678"

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, chef) = ("alice_\(database)", "bob_\(database)", "chef_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pgcb-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        let t0 = Date()
        try admin.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: chef, role: .supervisor, systemUser: nil), now: t0)
        let aliceStore = try open(as: alice)
        try aliceStore.calls(shiftID: nil).persist(CallDraft(id: "a1", operatorName: alice, pickedUpAt: t0 - 600))
        try aliceStore.callbacks.request(CallbackRequest(id: "r1", callID: "a1", requestedBy: alice, motif: "veut parler à un cadre",
                                                         urgency: .now, requestedAt: t0), number: try CallbackNumber.parse(digits).get())
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func aPsychologistNeverReadsACallbackNumberBySQL() throws {
        let denied = "permission denied"
        for who in [alice, bob] {
            refused("SELECT digits FROM ecoute.callback_numbers", as: who, denied)
            refused("SELECT * FROM ecoute.callback_numbers", as: who, denied)
            refused("SELECT count(*) FROM ecoute.callback_numbers", as: who, denied)
            refused("SELECT ecoute.read_callback_number('r1', now(), NULL)", as: who, denied)
            refused("SELECT * FROM ecoute.callback_audit", as: who, denied)
            refused("UPDATE ecoute.callback_requests SET status = 'calledBack'", as: who, denied)
            refused("DELETE FROM ecoute.callback_requests", as: who, denied)
            refused("INSERT INTO ecoute.callback_numbers VALUES ('r1', '0700000000')", as: who, denied)
            refused("SELECT ecoute.act_on_callback('r1', 'take', now(), NULL)", as: who, denied)
        }
        // Bob does not even see Alice's request; Alice sees hers, without a number.
        #expect(try psql("SELECT count(*) FROM ecoute.callback_requests", as: bob) == ["0"])
        #expect(try psql("SELECT id FROM ecoute.callback_requests", as: alice) == ["r1"])
        #expect(try !psql("SELECT row_to_json(r)::text FROM ecoute.callback_requests r", as: alice).joined().contains(digits))
        // Bob cannot ask a callback on Alice's call.
        refused("SELECT ecoute.request_callback('r9', 'a1', 'x', 'now', '\(digits)', now(), NULL)", as: bob, "is not yours")
    }

    @Test func aSupervisorReadsANumberOnlyThroughTheAuditedFunction() throws {
        // Not by SELECT (column grant on request_id only), nor by rewriting the audit.
        refused("SELECT digits FROM ecoute.callback_numbers", as: chef, "permission denied")
        #expect(try psql("SELECT request_id FROM ecoute.callback_numbers", as: chef) == ["r1"])
        refused("DELETE FROM ecoute.callback_audit", as: chef, "permission denied")
        refused("UPDATE ecoute.callback_requests SET status = 'calledBack'", as: chef, "permission denied")
        #expect(try psql("SELECT ecoute.read_callback_number('r1', '2001-01-01', 'someone_else')", as: chef) == [digits])
        #expect(try psql("SELECT by || ' ' || event || ' ' || (at > now() - interval '1 minute') FROM ecoute.callback_audit ORDER BY id", as: chef)
                == ["\(alice) requested true", "\(chef) numberRead true"])
        // The audit is append-only for its owner too.
        refused("DELETE FROM ecoute.callback_audit", as: ScratchPostgresCluster.superuser, "append-only")
        // Called back: the number is gone for everyone.
        #expect(try psql("SELECT ecoute.act_on_callback('r1', 'take', now(), NULL) = ''", as: chef) == ["t"])
        #expect(try psql("SELECT ecoute.act_on_callback('r1', 'calledBack', now(), NULL) = ''", as: chef) == ["t"])
        #expect(try psql("SELECT count(*) FROM ecoute.callback_numbers", as: ScratchPostgresCluster.superuser) == ["0"])
        #expect(try psql("SELECT ecoute.read_callback_number('r1', now(), NULL) IS NULL", as: chef) == ["t"])
        #expect(try open(as: ScratchPostgresCluster.superuser).maintenance.check() == [])
    }

    @Test func numbersPastTheLimitAreErasedByTheServersClockAndCheckFindsNone() throws {
        // A request made 73 h ago by the server's clock (the administrator's copy keeps given times).
        try psql("SELECT ecoute.request_callback('old', 'a1', 'ancien', 'today', '0145678910', now() - interval '73 hours', '\(alice)')",
                 as: ScratchPostgresCluster.superuser)
        let supervisor = try open(as: chef)
        #expect(try supervisor.maintenance.check().map(\.kind) == [.callbackNumbers])
        // Any operator's console start runs the erasure; the engine's clock decides, not the caller's.
        #expect(try open(as: bob).callbacks.eraseExpiredNumbers(now: Date(timeIntervalSince1970: 0)) == ["old"])
        #expect(try supervisor.maintenance.check() == [])
        #expect(try psql("SELECT status FROM ecoute.callback_requests WHERE id = 'old'", as: chef) == ["expired"])
        #expect(try psql("SELECT request_id FROM ecoute.callback_numbers", as: chef) == ["r1"])
    }

    @Test func aBackupCarriesNoCallbackNumber() throws {
        let file = folder.appendingPathComponent("backup.dump").path
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try open(as: ScratchPostgresCluster.superuser).maintenance.backup(to: file)
        let text = try TestProcess.run([PostgresTools.path("pg_restore"), "--data-only", "--file=-", file])
        #expect(text.contains("veut parler à un cadre"))   // the request is there
        #expect(!text.contains(digits))                    // its number is not
    }
}
