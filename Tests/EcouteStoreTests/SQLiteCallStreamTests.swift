import EcouteCore
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// The fast reading of calls for reports gives exactly what GRDB's own reading gives.
@Suite struct SQLiteCallStreamTests {
    /// Every shape GRDB writes, at random instants from 1970 to 2100 with milliseconds: the fast
    /// parser and GRDB agree to the bit. Near 2001 Foundation's arithmetic differs in the last bit
    /// (found by this test): before March 2004 the parser leaves dates to GRDB. Other shapes too.
    @Test func timestampsAreReadToTheBitAsGRDBReadsThem() throws {
        let queue = try DatabaseQueue()
        var rng = SystemRandomNumberGenerator()
        try queue.read { db in
            let around2001 = (0..<2_000).map { Date(timeIntervalSinceReferenceDate: Double($0 - 1_000) + 0.001 * Double($0 % 1000)) }
            let aroundTheThreshold = (0..<2_000).map {
                Date(timeIntervalSinceReferenceDate: Double(SQLiteTimestamp.fastFrom + $0 - 1_000) + 0.001 * Double($0 % 1000))
            }
            let random = (0..<20_000).map { _ in
                Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &rng)) / 1000)
            }
            for date in around2001 + aroundTheThreshold + random {
                let text = try String.fetchOne(db, sql: "SELECT ?", arguments: [date])!
                let parsed = Array(text.utf8).withUnsafeBufferPointer { SQLiteTimestamp.parse($0.baseAddress!, $0.count) }
                let grdb = try Date.fetchOne(db, sql: "SELECT ?", arguments: [text])
                let fast = date.timeIntervalSinceReferenceDate >= Double(SQLiteTimestamp.fastFrom)
                #expect(fast ? parsed == grdb : parsed == nil, "\(text)")
            }
        }
        for other in ["2027-01-01", "2027-01-01 10:00", "2027-13-01 10:00:00", "2027-01-01 10:00:00.5", "hier à midi"] {
            let parsed = Array(other.utf8).withUnsafeBufferPointer { SQLiteTimestamp.parse($0.baseAddress!, $0.count) }
            #expect(parsed == nil, "\(other)")
        }
    }

    /// Calls with and without referrals, reasons and alerts, interleaved: each call gets its own.
    @Test func attachedRowsFollowTheirCallInTheMergedStreams() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try EcouteDatabase.open(path: folder.appendingPathComponent("e.sqlite").path)
        let repository = SQLiteCallRepository(database: database)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000.125)
        var written: [CallDraft] = []
        for i in 0..<40 {
            var c = CallDraft(id: String(format: "c%02d", 39 - i), operatorName: i % 3 == 0 ? "a" : "b", pickedUpAt: t0 + Double(i / 2) * 60)
            c.updatedAt = c.pickedUpAt
            if i % 2 == 0 {
                c.referrals = (0..<(i % 5)).map {
                    Referral(kind: .gp, entryID: Int64($0), name: "n\(i)-\($0)", contact: "x", tier: .region, status: .given, origin: .proposed)
                }
            }
            if i % 4 == 1 { c.referralGaps = [.psychiatrist: ReferralGap(reason: .callerDeclined, note: "n\(i)")] }
            try repository.persist(c)
            if i % 7 == 0 {
                try SQLiteAlertDesk(database: database).raise(Alert(id: "al\(i)", callID: c.id, operatorName: c.operatorName, departement: nil,
                                                             level: .imminentRisk, reason: .imminentRisk, callElapsed: 10, raisedAt: t0 + Double(i)))
                c.alerts = try SQLiteAlertDesk(database: database).alerts(ofCall: c.id)
            }
            written.append(c)
        }
        let read = try SQLiteCallReview(database: database).calls(CallQuery(), visibleTo: Viewer(name: "chef", role: .supervisor))
        let expected = written.sorted { ($0.pickedUpAt, $0.id) < ($1.pickedUpAt, $1.id) }
        #expect(read == expected)
        let mine = try SQLiteCallReview(database: database).calls(CallQuery(), visibleTo: Viewer(name: "a", role: .psychologist))
        #expect(mine == expected.filter { $0.operatorName == "a" })
    }
}

/// The report streams read in index order: no statement sorts rows (a temporary B-tree) for a
/// psychologist, a supervisor, an operator asked by a supervisor, or a period. Without unique
/// indexes SQLite sorted each call's referrals again, and for a supervisor every referral of the
/// period before the first row. (The alerts statement starts from the few alerts and sorts them.)
@Suite struct CallStreamPlanTests {
    @Test func noStatementSortsTheCallsOrTheirRows() throws {
        let t = try TemporaryDatabase()
        let psychologist = Viewer(name: "a", role: .psychologist), supervisor = Viewer(name: "chef", role: .supervisor)
        let month = CallQuery(from: Date(timeIntervalSince1970: 1_800_000_000), to: Date(timeIntervalSince1970: 1_802_592_000))
        let cases = [(CallQuery(), psychologist), (CallQuery(), supervisor), (month, supervisor), (month, psychologist),
                     (CallQuery(operatorName: "a"), supervisor)]
        for (query, viewer) in cases {
            let stream = SQLiteCallReview.stream(query, visibleTo: viewer)
            let sql = stream.statements
            for (name, statement) in [("calls", sql.calls), ("referrals", sql.referrals), ("gaps", sql.gaps)] {
                let plan = try t.database.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement, arguments: stream.arguments).map { $0["detail"] as String }
                }
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(name), \(viewer.role), \(query): \(plan)")
            }
        }
    }
}
