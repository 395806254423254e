import EcouteCore
@testable import EcouteSQLite
import EcouteStore
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// A saved call's seal covers its line and the caller's category there (issue 29): a line changed
/// by hand is found by `check`; a call on the health line keeps the digest it had before lines;
/// an upgrade seals again the calls off the health line that still matched their digest.
@Suite struct LineSealTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    static func call(_ id: String, line: String?, category: String?) -> CallDraft {
        var c = CallDraft(id: id, operatorName: "alice", pickedUpAt: t0)
        c.level = .burnout
        c.endedAt = t0 + 600
        c.phase = .saved
        c.savedAt = t0 + 700
        c.line = line
        c.profile.lineCategory = category
        return c
    }

    func problems(_ t: TemporaryDatabase) throws -> [String] { try SQLiteMaintenance(database: t.database).check().map(\.description) }

    @Test(arguments: ["UPDATE calls SET line = 'sante', line_category = NULL WHERE id = 'p1'",
                      "UPDATE calls SET line_category = 'commissaire' WHERE id = 'p1'",
                      "UPDATE calls SET line = 'police' WHERE id = 's1'",
                      "UPDATE calls SET line_category = 'officier' WHERE id = 's1'"])
    func aLineChangedBySQLIsFound(_ sql: String) throws {
        let t = try TemporaryDatabase()
        try t.calls.finalize(Self.call("p1", line: "police", category: "officier"))
        try t.calls.finalize(Self.call("s1", line: nil, category: nil))
        #expect(try problems(t).isEmpty)
        try t.database.write { db in try db.execute(sql: sql) }
        let changed = sql.contains("'p1'") ? "p1" : "s1"
        #expect(try problems(t) == ["auditChain: saved call \(changed) was changed without an audit entry — compare with a backup"])
    }

    @Test func aCallOnTheHealthLineKeepsTheDigestItHadBeforeLines() throws {
        let t = try TemporaryDatabase()
        try t.calls.finalize(Self.call("s1", line: nil, category: nil))
        try t.calls.finalize(Self.call("p1", line: "police", category: nil))
        let digests = try t.database.read { db in
            try ["s1", "p1"].map { (try AuditChain.callDigest($0, db), try AuditChain.callDigest($0, db, withLine: false)) }
        }
        #expect(digests[0].0 == digests[0].1)
        #expect(digests[1].0 != digests[1].1)
    }

    /// A database from before v23: calls off the health line sealed (or audited) without their line.
    @Test func theUpgradeSealsAgainTheCallsThatStillMatchedAndOnlyThose() throws {
        let t = try TemporaryDatabase()
        for (id, line) in [("p1", "police"), ("p2", "police"), ("p3", "police"), ("s1", nil as String?)] {
            try t.calls.finalize(Self.call(id, line: line, category: line == nil ? nil : "officier"))
        }
        let chef = Viewer(name: "chef", role: .supervisor)
        try t.store.review.correct(callID: "p2", field: .level, to: "2", reason: "relu", by: chef, at: Self.t0 + 900)
        try t.database.write { db in
            // As v9–v22 left them: p1's seal and p2's last audit entry without the line; p3 changed
            // by hand after its (old) seal.
            for id in ["p1", "p3"] {
                try db.execute(sql: "UPDATE call_seals SET digest = ? WHERE call_id = ?", arguments: [AuditChain.callDigest(id, db, withLine: false), id])
            }
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update")
            let last = try Row.fetchOne(db, sql: "SELECT * FROM audit_log WHERE call_id = 'p2' ORDER BY id DESC LIMIT 1")!
            let old = try AuditChain.callDigest("p2", db, withLine: false)
            let values = AuditChain.hashedColumns.map { $0 == "call_digest" ? old.databaseValue : last[$0] as DatabaseValue }
            try db.execute(sql: "UPDATE audit_log SET call_digest = ?, hash = ? WHERE id = ?",
                           arguments: [old, AuditChain.entryHash(previous: last["previous_hash"], values), last["id"] as Int64])
            try db.execute(sql: "UPDATE calls SET notes = 'changé à la main' WHERE id = 'p3'")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v23-lines-sealed-line'")
        }
        // Restores the trigger (the check names it otherwise) and runs v23 again.
        try t.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                """)
        }
        let found = try problems(t)
        #expect(found.filter { $0.contains("saved call") }.count == 3 && found.contains { $0.contains("v23-lines-sealed-line") }, "\(found)")
        try Schema.migrator.migrate(t.database)
        #expect(try problems(t) == ["auditChain: saved call p3 was changed without an audit entry — compare with a backup"])
        // p2's reseal is one more entry in its trail, not a correction in the reports.
        #expect(try t.store.review.auditLog(callID: "p2").map(\.field) == ["level", CallLine.sealedAuditField])
        #expect(try t.store.review.corrections(CallQuery(), visibleTo: chef).map(\.field) == ["level"])
        #expect(try t.store.review.auditLog(callID: "p1").isEmpty)
    }
}
