import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing

/// `ecoute check` on PostgreSQL verifies the whole security set (issue #25, item 5): each
/// tampering below, done by the database administrator by hand, is found and named. Each runs on
/// its own database holding a saved call (`a1`, corrected once) and one in progress (`a2`).
@Suite final class PostgresCheckTamperTests {
    let cluster: ScratchPostgresCluster
    let database: String
    let alice: String, bob: String, chef: String
    let folder: URL
    let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = try cluster.newDatabase()
        (alice, bob, chef) = ("alice_\(database)", "bob_\(database)", "chef_\(database)")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
        let admin = try open(as: ScratchPostgresCluster.superuser)
        try admin.operators.saveOperator(OperatorRecord(name: alice, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: nil), now: t0)
        try admin.operators.saveOperator(OperatorRecord(name: chef, role: .supervisor, systemUser: nil), now: t0)
        var call = CallDraft(id: "a1", operatorName: alice, pickedUpAt: t0)
        call.endedAt = t0 + 600
        call.level = .anxiety
        call.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr A", contact: "01", tier: .sameDepartement, status: .given, origin: .proposed)]
        call.referralGaps = [.psychologist: ReferralGap(reason: .alreadyInCare)]
        call.phase = .saved
        call.assessment = RiskAssessment(urgence: .high, dangerosite: .low)
        call.motifs = [.burnout, .isolation]
        call.line = "police"
        call.profile.lineCategory = "officier"
        let aliceStore = try open(as: alice)
        try aliceStore.calls(shiftID: nil).finalize(call)
        try aliceStore.calls(shiftID: nil).persist(CallDraft(id: "a2", operatorName: alice, pickedUpAt: t0))
        let chefStore = try open(as: chef)
        try chefStore.review.correct(callID: "a1", field: .level, to: "2", reason: "relu", by: Viewer(name: chef, role: .supervisor), at: t0)
        try chefStore.review.correct(callID: "a1", field: .addiction, to: "oui", reason: "dit en fin d'appel",
                                     by: Viewer(name: chef, role: .supervisor), at: t0)
    }

    deinit {
        _ = try? cluster.psql("postgres", "ALTER ROLE \(alice) NOBYPASSRLS")
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    func open(as role: String) throws -> any Store {
        try StoreFactory.open(.server(url: cluster.url(database: database, role: role)),
                              seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                              directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path)
    }

    func check() throws -> [String] {
        try open(as: ScratchPostgresCluster.superuser).maintenance.check().map(\.detail)
    }

    /// A tampering and what `check` must say about it.
    struct Tampering: CustomTestStringConvertible, Sendable {
        var name: String
        /// Run by the database administrator; `%alice`, `%bob`, `%db` stand for this test's names.
        var sql: String
        var found: String
        var testDescription: String { name }
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "a saved call changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.calls SET level = 5 WHERE id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call's referral changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.call_referrals SET name = 'Dr B' WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call's assessment changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.call_assessments SET urgence = 'low' WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call's motif changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.call_motifs SET motif = 'other' WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call's line changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.call_lines SET line = 'sante' WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call's line category changed with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.call_lines SET line_category = 'commissaire' WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call moved to the health line with triggers off",
                  sql: "SET session_replication_role = replica; DELETE FROM ecoute.call_lines WHERE call_id = 'a1'",
                  found: "saved call a1 was changed without an audit entry"),
        Tampering(name: "a saved call inserted directly",
                  sql: "INSERT INTO ecoute.calls (id, operator, phase, picked_up_at, updated_at, level, saved_at) VALUES ('z1', '%alice', 'saved', now(), now(), 5, now())",
                  found: "saved call z1 has no seal"),
        Tampering(name: "an audit entry deleted with triggers off",
                  sql: "SET session_replication_role = replica; DELETE FROM ecoute.audit_log WHERE id = (SELECT min(id) FROM ecoute.audit_log)",
                  found: "follows an entry that is gone"),
        Tampering(name: "the last audit entry deleted with triggers off",
                  sql: "SET session_replication_role = replica; DELETE FROM ecoute.audit_log WHERE id = (SELECT max(id) FROM ecoute.audit_log)",
                  found: "last entry is gone"),
        Tampering(name: "an audit entry rewritten with triggers off",
                  sql: "SET session_replication_role = replica; UPDATE ecoute.audit_log SET reason = 'forged' WHERE id = (SELECT min(id) FROM ecoute.audit_log)",
                  found: "was changed after it was written"),
        Tampering(name: "an audit entry inserted with triggers off",
                  sql: "SET session_replication_role = replica; INSERT INTO ecoute.audit_log (call_id, at, by, field, reason) VALUES ('a1', now(), 'x', 'level', 'forged')",
                  found: "has no hash"),
        Tampering(name: "triggers off for the whole database",
                  sql: "ALTER DATABASE %db SET session_replication_role = replica",
                  found: "session_replication_role=replica is set for every role on %db"),
        Tampering(name: "an extra permissive policy",
                  sql: "CREATE POLICY sneaky ON ecoute.calls FOR SELECT TO ecoute_psychologist USING (true)",
                  found: "policy calls.sneaky is not one of ecoute's"),
        Tampering(name: "a policy loosened",
                  sql: "ALTER POLICY own_calls ON ecoute.calls USING (true)",
                  found: "policy calls.own_calls changed since its migration"),
        Tampering(name: "a policy dropped",
                  sql: "DROP POLICY supervisors_read_calls ON ecoute.calls",
                  found: "policy calls.supervisors_read_calls is missing"),
        Tampering(name: "row security no longer forced",
                  sql: "ALTER TABLE ecoute.alerts NO FORCE ROW LEVEL SECURITY",
                  found: "row-level security is not forced on alerts"),
        Tampering(name: "row security off",
                  sql: "ALTER TABLE ecoute.shifts DISABLE ROW LEVEL SECURITY",
                  found: "row-level security is off on shifts"),
        Tampering(name: "a table grant",
                  sql: "GRANT UPDATE ON ecoute.calls TO ecoute_psychologist",
                  found: "relation calls changed since its migration"),
        Tampering(name: "a column grant",
                  sql: "GRANT UPDATE (notes) ON ecoute.calls TO ecoute_psychologist",
                  found: "column grants calls.notes is not one of ecoute's"),
        Tampering(name: "a table given to another owner",
                  sql: "ALTER TABLE ecoute.directory_rotation OWNER TO %bob",
                  found: "relation directory_rotation changed since its migration: was owner ecoute_admin"),
        Tampering(name: "a function redefined",
                  sql: "CREATE OR REPLACE FUNCTION ecoute.act_time(p_given TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql STABLE SET search_path = ecoute, pg_temp AS 'SELECT coalesce(p_given, now())'",
                  found: "function act_time(p_given timestamp with time zone) was redefined"),
        Tampering(name: "a function added to the schema",
                  sql: "CREATE FUNCTION ecoute.backdoor() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'SELECT 1'",
                  found: "function backdoor() is not one of ecoute's"),
        Tampering(name: "a function granted to everyone",
                  sql: "GRANT EXECUTE ON FUNCTION ecoute.seal_call(text) TO PUBLIC",
                  found: "function grants seal_call(p_call text) changed since its migration"),
        Tampering(name: "a trigger disabled",
                  sql: "ALTER TABLE ecoute.calls DISABLE TRIGGER saved_calls_are_kept",
                  found: "trigger calls.saved_calls_are_kept changed since its migration: was enabled"),
        Tampering(name: "a trigger dropped",
                  sql: "DROP TRIGGER audit_log_is_chained ON ecoute.audit_log",
                  found: "trigger audit_log.audit_log_is_chained is missing"),
        Tampering(name: "an operator's role granted to another",
                  sql: "GRANT %alice TO %bob",
                  found: "%bob can act as operator %alice"),
        Tampering(name: "an operator in two groups",
                  sql: "GRANT ecoute_supervisor TO %alice",
                  found: "%alice is a member of several of ecoute's groups"),
        Tampering(name: "an operator in a second group through a role of their own",
                  sql: "CREATE ROLE %alice_via NOLOGIN; GRANT ecoute_supervisor TO %alice_via; GRANT %alice_via TO %alice",
                  found: "%alice is a member of several of ecoute's groups"),
        Tampering(name: "an operator who bypasses row security",
                  sql: "ALTER ROLE %alice BYPASSRLS",
                  found: "operator %alice bypasses row-level security"),
        Tampering(name: "a role outside the registry given a group and the right to connect",
                  sql: "CREATE ROLE %alice_out LOGIN; GRANT ecoute_supervisor TO %alice_out; GRANT CONNECT ON DATABASE %db TO %alice_out",
                  found: "%alice_out is in ecoute_supervisor and may connect to this database but is not one of its operators"),
        Tampering(name: "every role of the cluster allowed to connect",
                  sql: "GRANT CONNECT ON DATABASE %db TO PUBLIC",
                  found: "every role of the cluster may connect to %db"),
    ]

    func names(_ text: String) -> String {
        text.replacingOccurrences(of: "%alice", with: alice).replacingOccurrences(of: "%bob", with: bob)
            .replacingOccurrences(of: "%db", with: database)
    }

    @Test(arguments: tamperings)
    func checkNamesEachTampering(_ tampering: Tampering) throws {
        #expect(try check() == [])
        try cluster.psql(database, names(tampering.sql))
        let problems = try check()
        #expect(problems.contains { $0.contains(names(tampering.found)) }, "\(problems)")
    }

    /// ecoute's groups are the cluster's: another platform database's operator is in them too, and
    /// cannot connect here. Not a problem of this database's, and not reported.
    @Test func anotherDatabasesOperatorOnTheSameClusterIsNotReported() throws {
        try cluster.psql(database, names("CREATE ROLE %alice_elsewhere LOGIN; GRANT ecoute_supervisor TO %alice_elsewhere"))
        #expect(try check() == [])
        let connects = try cluster.psql(database, names("SELECT has_database_privilege('%alice_elsewhere', '%db', 'CONNECT')"))
        #expect(connects.trimmingCharacters(in: .whitespacesAndNewlines) == "f")
    }

    /// Each operator `operator add` registers may connect; a role of the cluster that is none may not.
    @Test func onlyThisDatabasesOperatorsMayConnect() throws {
        for operatorName in [alice, bob, chef] {
            let connects = try cluster.psql(database, "SELECT has_database_privilege('\(operatorName)', '\(database)', 'CONNECT')")
            #expect(connects.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(operatorName)")
        }
        try cluster.psql(database, names("CREATE ROLE %alice_stranger LOGIN"))
        #expect(throws: (any Error).self) { _ = try self.open(as: self.names("%alice_stranger")).operators.operators() }
    }
}
