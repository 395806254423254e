import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing

/// A suite that attacks the platform database by hand, with psql as each role, and opens it as
/// the console does: its scratch database and directory folder, and the three ways in.
protocol PostgresRoleAttack {
    var cluster: ScratchPostgresCluster { get }
    var database: String { get }
    var folder: URL { get }
}

extension PostgresRoleAttack {
    /// The store as the console opens it, connected as `role`.
    func open(as role: String) throws -> any Store {
        try StoreFactory.open(.server(url: cluster.url(database: database, role: role)),
                              seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil),
                              directoryPath: folder.appendingPathComponent("ecoute.directory.sqlite").path)
    }

    /// `sql` run by psql as `role`; its output's lines.
    @discardableResult
    func psql(_ sql: String, as role: String) throws -> [String] {
        try cluster.psql(database, sql, as: role).split(separator: "\n").map(String.init)
    }

    /// Expects psql as `role` to refuse `sql`, saying `reason`.
    func refused(_ sql: String, as role: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try psql(sql, as: role)
            Issue.record("accepted as \(role): \(sql)", sourceLocation: sourceLocation)
        } catch let failure as TestProcess.Failure {
            #expect(failure.description.contains(reason), "\(sql) — refused for another reason: \(failure.description)",
                    sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }

    /// A call saved at level 2 twenty minutes after `t0`, with a GP and a psychologist given.
    static func savedCall(_ id: String, by name: String, at t0: Date) -> CallDraft {
        var c = CallDraft(id: id, operatorName: name, pickedUpAt: t0)
        c.endedAt = t0 + 1200
        c.level = .depression
        c.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr A", contact: "01", tier: .sameDepartement, status: .given, origin: .proposed),
                       Referral(kind: .psychologist, entryID: nil, name: "Psy B", contact: "02", tier: .sameDepartement, status: .given,
                                origin: .proposed)]
        c.phase = .saved
        c.savedAt = t0 + 1300
        c.updatedAt = t0 + 1300
        return c
    }
}
