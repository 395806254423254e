import EcouteCore
import EcouteResources
@testable import EcoutePostgres
import EcouteSQLite
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing

/// `p9-lines-sealed-line` on a database an earlier version filled: the calls off the health line
/// sealed without their line are sealed again with it when they still matched, and only then — a
/// call changed by hand before the upgrade is still named by `check`.
@Suite final class PostgresLineUpgradeTests {
    let cluster: ScratchPostgresCluster
    let database: String
    let folder: URL

    init() throws {
        cluster = try ScratchPostgresCluster.get()
        database = "\(try cluster.newDatabase())_before_p9"
        try cluster.psql("postgres", "CREATE DATABASE \(database) TEMPLATE template0")
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-pg-\(UUID().uuidString)")
    }

    deinit {
        cluster.drop(database)
        try? FileManager.default.removeItem(at: folder)
    }

    var url: PostgresURL {
        get throws { try PostgresURL.parse(cluster.url(database: database), systemUser: ScratchPostgresCluster.superuser) }
    }

    /// A saved call on `line` written as the earlier version's tools write one (the parts first).
    func saveCall(_ id: String, line: String?) throws {
        let values: [String: String] = ["id": "'\(id)'", "operator": "'alice'", "phase": "'saved'", "picked_up_at": "now() - interval '1 hour'",
                                        "ended_at": "now() - interval '40 minutes'", "level": "1", "addiction": "false",
                                        "hospitalisation": "false", "notes": "''", "updated_at": "now()", "saved_at": "now()"]
        let row = PostgresCallRows.columns.map { values[$0] ?? "NULL" }.joined(separator: ", ")
        let lineSQL = line.map { "SELECT ecoute.write_call_line('\(id)', 'alice', '\($0)', 'officier'); " } ?? ""
        try cluster.psql(database, lineSQL + "SELECT ecoute.write_call(ROW(\(row))::ecoute.calls, '[]', '[]', false, '[]')")
    }

    @Test func callsOffTheHealthLineAreSealedAgainWhereTheyStillMatched() throws {
        _ = try PostgresSchema.migrate(PostgresSession(url), through: "p9-lines-corrected-assessments-and-motifs")
        for (id, line) in [("p1", "police"), ("p2", "police"), ("s1", nil as String?)] { try saveCall(id, line: line) }
        // As the earlier digest had them: every seal matches; then p2 changed with triggers off.
        #expect(try cluster.psql(database, "SELECT count(*) FROM ecoute.call_seals s WHERE s.digest = ecoute.call_digest(s.call_id)") == "3\n")
        try cluster.psql(database, "SET session_replication_role = replica; UPDATE ecoute.calls SET notes = 'à la main' WHERE id = 'p2'")
        let before = try cluster.psql(database, "SELECT call_id || ':' || digest FROM ecoute.call_seals ORDER BY call_id")
        let applied = try PostgresSchema.migrate(PostgresSession(url))
        #expect(applied.contains("p9-lines-sealed-line"))
        let after = try cluster.psql(database, "SELECT call_id || ':' || digest FROM ecoute.call_seals ORDER BY call_id")
        let changed = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }.map { $0.0.prefix(2) }
        #expect(changed == ["p1"])
        let store = try StoreFactory.open(.server(url: cluster.url(database: database)),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                                          directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path)
        let problems = try store.maintenance.check().filter { $0.detail.contains("saved call") }.map(\.detail)
        #expect(problems.count == 1 && problems.first?.contains("saved call p2 was changed without an audit entry") == true, "\(problems)")
    }
}
