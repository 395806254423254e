import EcouteCore
import Foundation
import GRDB
import Testing

/// `saved_call_days` (v14): the per-day sums the line's average is read from stay equal to the
/// calls they sum, whatever writes the calls, and an older database gets them on migration.
@Suite struct SavedCallDaysTests {
    /// The sums as the triggers kept them, and as the calls give them now.
    static func keptAndRecomputed(_ db: Database) throws -> (kept: [Row], recomputed: [Row]) {
        let kept = try Row.fetchAll(db, sql: """
            SELECT day, calls, ROUND(seconds, 3) AS seconds FROM saved_call_days WHERE calls <> 0 ORDER BY day
            """)
        let recomputed = try Row.fetchAll(db, sql: """
            SELECT date(picked_up_at) AS day, COUNT(*) AS calls,
                   ROUND(SUM((julianday(ended_at) - julianday(picked_up_at)) * 86400.0), 3) AS seconds
            FROM calls WHERE phase = 'saved' AND ended_at IS NOT NULL GROUP BY day ORDER BY day
            """)
        return (kept, recomputed)
    }

    static func insertCalls(_ db: Database, count: Int, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for i in 0..<count {
            let start = Date(timeIntervalSince1970: 1_795_000_000 + Double(Int.random(in: 0..<(20 * 86_400), using: &random)))
            let phase = ["saved", "saved", "saved", "wrapUp", "talking"].randomElement(using: &random)!
            let ended: Date? = phase == "talking" ? nil : start + Double(Int.random(in: 60...7_200, using: &random))
            try db.execute(sql: """
                INSERT INTO calls (id, operator, phase, picked_up_at, ended_at, level, updated_at, saved_at)
                VALUES (?, 'p', ?, ?, ?, 2, ?, ?)
                """, arguments: ["c\(i)", phase, start, ended, start, phase == "saved" ? ended : nil])
        }
    }

    @Test func theTriggersFollowInsertsUpdatesAndDeletes() throws {
        // A call saved later, a correction of times, a call moved to another day, deletions.
        let t = try TemporaryDatabase().written({ try Self.insertCalls($0, count: 400, seed: 3) }, then: [
            "UPDATE calls SET phase = 'saved', ended_at = picked_up_at WHERE phase = 'talking' AND rowid % 2 = 0",
            "UPDATE calls SET ended_at = datetime(ended_at, '+7 minutes') WHERE rowid % 7 = 0",
            "UPDATE calls SET picked_up_at = datetime(picked_up_at, '-1 day') WHERE rowid % 11 = 0",
            "UPDATE calls SET phase = 'closed' WHERE rowid % 13 = 0",
            "DELETE FROM calls WHERE rowid % 17 = 0",
        ])
        let (kept, recomputed) = try t.database.read(Self.keptAndRecomputed)
        #expect(kept.count > 15)
        #expect(kept == recomputed)
    }

    @Test func anOlderDatabaseHasItsDaysSummedOnMigration() throws {
        let older = try OlderDatabase(upTo: "v13-calls-by-phase") { db in try Self.insertCalls(db, count: 300, seed: 4) }
        let (kept, recomputed) = try older.pool.read(Self.keptAndRecomputed)
        #expect(kept.count > 15)
        #expect(kept == recomputed)
    }

    @Test func theAverageIsTheOneOfTheCallsInTheWindow() throws {
        let t = try TemporaryDatabase()
        try t.database.write { db in try Self.insertCalls(db, count: 300, seed: 5) }
        let direct = try t.database.read { db in
            try Double.fetchOne(db, sql: """
                SELECT ROUND(AVG((julianday(ended_at) - julianday(picked_up_at)) * 86400.0), 3) FROM calls
                WHERE phase = 'saved' AND ended_at IS NOT NULL
                  AND date(picked_up_at) > date((SELECT MAX(picked_up_at) FROM calls WHERE phase = 'saved'), '-7 days')
                """)
        }
        let average = try #require(try t.calls.averageDuration(overLastDays: 7))
        #expect(abs(average - (direct ?? -1)) < 0.002)
    }
}
