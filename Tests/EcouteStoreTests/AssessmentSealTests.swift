import EcouteCore
@testable import EcouteSQLite
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// A saved call's seal covers its assessment and motifs: changing them by hand is found; a call
/// without them keeps the digest it had before they existed.
@Suite struct AssessmentSealTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    func saved(_ t: TemporaryDatabase, assessed: Bool) throws {
        var c = CallDraft(id: "a1", operatorName: "alice", pickedUpAt: Self.t0)
        // Level 4 needs its assessment to be saved; without one, a level-3 call.
        c.level = assessed ? .suicidalIdeation : .burnout
        c.endedAt = Self.t0 + 600
        c.phase = .saved
        c.savedAt = Self.t0 + 700
        if assessed {
            c.assessment = RiskAssessment(urgence: .medium, dangerosite: .low)
            c.motifs = [.burnout, .isolation]
        }
        try t.calls.finalize(c)
    }

    func problems(_ t: TemporaryDatabase) throws -> [String] { try SQLiteMaintenance(database: t.database).check().map(\.description) }

    @Test(arguments: ["UPDATE call_assessments SET urgence = 'high'", "UPDATE call_motifs SET motif = 'other' WHERE position = 0",
                      "DELETE FROM call_motifs WHERE position = 1"])
    func anAssessmentOrMotifChangedBySQLIsFound(_ sql: String) throws {
        let t = try TemporaryDatabase()
        try saved(t, assessed: true)
        #expect(try problems(t).isEmpty)
        try t.database.write { db in try db.execute(sql: sql) }
        #expect(try problems(t) == ["auditChain: saved call a1 was changed without an audit entry — compare with a backup"])
    }

    @Test func aCallWithoutThemKeepsItsDigest() throws {
        let t = try TemporaryDatabase()
        try saved(t, assessed: false)
        let digest = try t.database.read { db in try AuditChain.callDigest("a1", db) }
        let before = try t.database.read { db -> String in
            let row = try Row.fetchOne(db, sql: "SELECT \(AuditChain.callColumns) FROM calls WHERE id = 'a1'")!
            return AuditChain.sha256(row.databaseValues.map(\.description).joined(separator: "\u{1F}"))
        }
        #expect(digest == before)
    }
}
