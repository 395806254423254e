import EcouteCore
import EcouteTestSupport
import Foundation
import GRDB
import Testing
import EcouteStore
@testable import EcoutePostgres
@testable import EcouteSQLite

/// What only the SQLite backend can be asked: its records refuse values they do not know, and
/// its audit log cannot be rewritten with SQL.
@Suite struct SQLiteRecordTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)

    func storedCall(_ t: TemporaryDatabase) throws {
        var c = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: Self.t0)
        c.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr A", contact: "x", tier: .region)]
        try t.calls.persist(c)
    }

    @Test(arguments: ["UPDATE calls SET phase = 'archived'", "UPDATE calls SET level = 9"])
    func anUnknownPhaseOrLevelThrowsInsteadOfBecomingAnotherCase(_ sql: String) throws {
        let t = try TemporaryDatabase()
        try storedCall(t)
        try t.database.write { db in try db.execute(sql: sql) }
        #expect(throws: (any Error).self) { try t.calls.call(id: "c1") }
        if sql.contains("phase") {
            // Unfinished calls are asked for by their known phases (an index seek each): a call in a
            // phase this version does not know is not offered for resumption, never misread.
            #expect(try t.calls.unfinishedCalls(operatorName: "alice").isEmpty)
        } else {
            #expect(throws: (any Error).self) { try t.calls.unfinishedCalls(operatorName: "alice") }
        }
    }

    /// As on PostgreSQL: a value this version does not know in the caller's profile, the call's
    /// end or a referral is read as unknown (a referral of an unknown kind, tier, status or origin
    /// is left out) — the call, the review and the reports still read — and `check` counts it.
    @Test(arguments: [
        ("UPDATE calls SET profession = 'astronaute'", "calls.profession"),
        ("UPDATE calls SET end_reason = 'vanished'", "calls.end_reason"),
        ("UPDATE calls SET sector = 'orbit'", "calls.sector"),
        ("UPDATE call_referrals SET status = 'maybe'", "call_referrals.status"),
        ("UPDATE call_referrals SET kind = 'shaman'", "call_referrals.kind"),
        ("UPDATE call_referrals SET tier = 17", "call_referrals.tier"),
    ])
    func anUnknownValueElsewhereReadsAsUnknownAndCheckCountsIt(_ sql: String, _ column: String) throws {
        let t = try TemporaryDatabase()
        var c = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: Self.t0)
        c.profile = CallerProfile(category: .professional, profession: .infirmier, status: .salaried, sector: .hospital, departement: "69",
                                  isRepeatCaller: false)
        c.endedAt = Self.t0 + 600
        c.endReason = .hungUp
        c.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr A", contact: "x", tier: .region)]
        try t.calls.persist(c)
        #expect(try t.store.maintenance.check().isEmpty)
        try t.database.write { db in try db.execute(sql: sql) }

        let read = try #require(try t.calls.call(id: "c1"))
        var streamed: [CallDraft] = []
        try t.store.review.forEachCall(CallQuery(), visibleTo: Viewer(name: "chef", role: .supervisor)) { streamed.append($0) }
        for call in [read, try #require(streamed.first)] {
            if column.hasPrefix("call_referrals") { #expect(call.referrals.isEmpty) } else { #expect(call.referrals.count == 1) }
            #expect(call.profile.profession == (column == "calls.profession" ? nil : .infirmier))
            #expect(call.endReason == (column == "calls.end_reason" ? nil : .hungUp))
            #expect(call.profile.sector == (column == "calls.sector" ? nil : .hospital))
        }
        let problems = try t.store.maintenance.check().map(\.detail)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("1 value(s) of \(column) unknown to this version") == true, "\(problems)")
    }

    @Test func anUnknownRoleThrows() throws {
        let t = try TemporaryDatabase()
        let operators = SQLiteOperatorRegistry(database: t.database)
        try operators.saveOperator(OperatorRecord(name: "chef", role: .supervisor, systemUser: "chef"), now: Self.t0)
        try t.database.write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE operators SET role = 'admin'")
        }
        #expect(throws: (any Error).self) { try operators.viewer(systemUser: "chef") }
    }

    @Test func theAuditLogCannotBeRewrittenWithSQL() throws {
        let t = try TemporaryDatabase()
        var c = CallDraft(id: "a1", operatorName: "alice", pickedUpAt: Self.t0)
        c.phase = .saved
        c.level = .anxiety
        try t.calls.persist(c)
        let review = SQLiteCallReview(database: t.database)
        try review.correct(callID: "a1", field: .notes, to: "relu", reason: "précision",
                           by: Viewer(name: "chef", role: .supervisor), at: Self.t0)
        #expect(throws: DatabaseError.self) { try t.database.write { db in try db.execute(sql: "UPDATE audit_log SET reason = 'x'") } }
        #expect(throws: DatabaseError.self) { try t.database.write { db in try db.execute(sql: "DELETE FROM audit_log") } }
        #expect(try review.auditLog(callID: "a1").count == 1)
    }

    @Test func aServerThatCannotBeReachedOrAURLWithoutADatabaseIsSaidPlainly() throws {
        #expect(StoreLocation.parse("postgresql:///ecoute") == .server(url: "postgresql:///ecoute"))
        #expect(StoreLocation.parse("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(StoreLocation.parse("/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        let seed = StoreSeed(geography: TestResources.geography, sampleDirectory: nil)
        let nowhere = "postgresql:///ecoute?host=/nonexistent-\(UUID().uuidString)"
        do {
            _ = try StoreFactory.open(.server(url: nowhere), seed: seed)
            Issue.record("a server nobody runs was reached")
        } catch let failure as StoreOpenFailure {
            #expect(failure.reason == .unreachable)
            #expect(failure.location == nowhere)
        }
        #expect(throws: StoreFactory.Unsupported.self) { try StoreFactory.open(.server(url: "postgresql://host/"), seed: seed) }
    }

    @Test func platformURLsAreReadAsLibpqReadsThem() throws {
        let local = try PostgresURL.parse("postgresql:///ecoute", systemUser: "jmartin")
        #expect(local.endpoint == .socket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(local.user == "jmartin" && local.database == "ecoute" && local.password == nil)
        let folder = try PostgresURL.parse("postgresql:///ecoute?host=/tmp/pg&port=5433", systemUser: "jmartin")
        #expect(folder.endpoint == .socket(path: "/tmp/pg/.s.PGSQL.5433"))
        let remote = try PostgresURL.parse("postgresql://chef:s3cret@db.example:6432/ligne?sslmode=require", systemUser: "jmartin")
        #expect(remote.endpoint == .tcp(host: "db.example", port: 6432))
        #expect(remote.user == "chef" && remote.password == "s3cret" && remote.database == "ligne" && remote.tls == .require)
        #expect(!remote.description.contains("s3cret"))
        #expect(try PostgresURL.parse("postgresql://127.0.0.1/x?sslmode=disable", systemUser: "u").tls == .disable)
        #expect(throws: PostgresURL.Invalid.self) { try PostgresURL.parse("mysql://x/y", systemUser: "u") }
    }
}

/// The audit log's hash chain and the calls' seals: what hand-typed SQL does is found.
@Suite struct AuditChainTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_500_000)
    static let chef = Viewer(name: "chef", role: .supervisor)

    /// Two saved calls, one corrected twice.
    func fixture() throws -> TemporaryDatabase {
        let t = try TemporaryDatabase()
        for id in ["a1", "a2"] {
            var c = CallDraft(id: id, operatorName: "alice", pickedUpAt: Self.t0)
            c.level = .anxiety
            c.endedAt = Self.t0 + 600
            c.phase = .saved
            c.savedAt = Self.t0 + 700
            try t.calls.finalize(c)
        }
        let review = SQLiteCallReview(database: t.database)
        try review.correct(callID: "a1", field: .level, to: "2", reason: "relu", by: Self.chef, at: Self.t0 + 800)
        try review.correct(callID: "a1", field: .addiction, to: "oui", reason: "mentionné", by: Self.chef, at: Self.t0 + 900)
        return t
    }

    func problems(_ t: TemporaryDatabase) throws -> [StoreProblem] { try SQLiteMaintenance(database: t.database).check() }

    @Test func anUntouchedDatabaseChecksClean() throws {
        #expect(try problems(try fixture()).isEmpty)
    }

    @Test func aSavedCallChangedBySQLIsFound() throws {
        let t = try fixture()
        try t.database.write { db in try db.execute(sql: "UPDATE calls SET level = 5 WHERE id = 'a2'") }
        #expect(try problems(t).map(\.description) == ["auditChain: saved call a2 was changed without an audit entry — compare with a backup"])
    }

    @Test func aColumnAddedByALaterMigrationLeavesEverySealIntact() throws {
        let t = try fixture()
        try t.database.write { db in
            try db.execute(sql: "ALTER TABLE calls ADD COLUMN later_field TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "ALTER TABLE call_referrals ADD COLUMN later_field TEXT NOT NULL DEFAULT ''")
        }
        #expect(try problems(t).isEmpty)
    }

    @Test func aForgedAuditEntryIsFound() throws {
        let t = try fixture()
        try t.database.write { db in
            try db.execute(sql: "INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason) VALUES ('a2', ?, 'chef', 'level', '1', '3', 'x')",
                           arguments: [Self.t0])
        }
        #expect(try problems(t).contains { $0.kind == .auditChain && $0.detail.contains("has no hash") })
    }

    @Test func anAuditEntryRewrittenOrRemovedWithTheTriggersDroppedIsFound() throws {
        let t = try fixture()
        try t.database.write { db in
            try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_update; DROP TRIGGER audit_log_is_append_only_delete")
            try db.execute(sql: "UPDATE audit_log SET reason = 'autre chose' WHERE id = (SELECT MIN(id) FROM audit_log)")
        }
        let rewritten = try problems(t)
        #expect(rewritten.contains { $0.kind == .auditProtection })
        #expect(rewritten.contains { $0.detail.contains("was changed after it was written") })
        try t.database.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE id = (SELECT MIN(id) FROM audit_log)") }
        #expect(try problems(t).contains { $0.detail.contains("does not follow the one before it") })
    }
}
