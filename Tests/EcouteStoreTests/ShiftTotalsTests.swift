import EcouteCore
import Foundation
import GRDB
import Testing
@testable import EcouteSQLite

/// `shift_totals` (v15, saved calls only since v18-saved-shift-totals): the per-shift counts
/// and whole seconds the review opens on stay equal to the saved calls they sum, whatever writes
/// the calls, and an older database gets them on migration.
@Suite struct ShiftTotalsTests {
    static func keptAndRecomputed(_ db: Database) throws -> (kept: [Row], recomputed: [Row]) {
        let kept = try Row.fetchAll(db, sql: """
            SELECT shift_id, calls, ROUND(seconds, 3) AS seconds FROM shift_totals WHERE calls <> 0 ORDER BY shift_id
            """)
        let recomputed = try Row.fetchAll(db, sql: """
            SELECT shift_id, COUNT(*) AS calls,
                   ROUND(COALESCE(SUM(ROUND(ROUND((julianday(ended_at) - julianday(picked_up_at)) * 86400000.0) / 1000.0)), 0), 3) AS seconds
            FROM calls WHERE shift_id IS NOT NULL AND phase = 'saved' GROUP BY shift_id ORDER BY shift_id
            """)
        return (kept, recomputed)
    }

    static func insertShiftsAndCalls(_ db: Database, count: Int, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for s in 0..<12 {
            try db.execute(sql: "INSERT INTO shifts (id, operator, started_at) VALUES (?, 'p', ?)",
                           arguments: ["s\(s)", Date(timeIntervalSince1970: 1_795_000_000 + Double(s) * 28_800)])
        }
        for i in 0..<count {
            let start = Date(timeIntervalSince1970: 1_795_000_000 + Double(Int.random(in: 0..<(4 * 86_400), using: &random)))
            let phase = ["saved", "saved", "wrapUp", "talking"].randomElement(using: &random)!
            let ended: Date? = phase == "talking" ? nil : start + Double(Int.random(in: 60...7_200, using: &random))
            let shift: String? = Int.random(in: 0..<10, using: &random) == 0 ? nil : "s\(Int.random(in: 0..<12, using: &random))"
            try db.execute(sql: """
                INSERT INTO calls (id, operator, shift_id, phase, picked_up_at, ended_at, level, updated_at)
                VALUES (?, 'p', ?, ?, ?, ?, 2, ?)
                """, arguments: ["c\(i)", shift, phase, start, ended, start])
        }
    }

    @Test func theTriggersFollowInsertsUpdatesAndDeletes() throws {
        // Calls ended later, times corrected, calls moved between shifts or out of any, deletions.
        let t = try TemporaryDatabase().written({ try Self.insertShiftsAndCalls($0, count: 400, seed: 7) }, then: [
            "UPDATE calls SET ended_at = datetime(picked_up_at, '+20 minutes') WHERE ended_at IS NULL AND rowid % 2 = 0",
            "UPDATE calls SET picked_up_at = datetime(picked_up_at, '-3 minutes') WHERE rowid % 5 = 0",
            "UPDATE calls SET shift_id = 's3' WHERE rowid % 7 = 0",
            "UPDATE calls SET phase = 'saved' WHERE phase = 'wrapUp' AND rowid % 3 = 0",
            "UPDATE calls SET phase = 'closed' WHERE phase = 'saved' AND rowid % 17 = 0",
            "UPDATE calls SET shift_id = NULL WHERE rowid % 11 = 0",
            "DELETE FROM calls WHERE rowid % 13 = 0",
        ])
        let (kept, recomputed) = try t.database.read(Self.keptAndRecomputed)
        #expect(kept.count == recomputed.count)
        #expect(kept == recomputed)
        // The review's list reads them.
        let shifts = try SQLiteShiftLog(database: t.database).shifts(visibleTo: Viewer(name: "p", role: .psychologist))
        let listed: Int = shifts.map(\.callCount).reduce(0, +)
        let counted: Int = recomputed.map { row -> Int in row["calls"] }.reduce(0, +)
        #expect(listed == counted)
    }

    @Test func anOlderDatabaseHasItsShiftsSummedOnMigration() throws {
        let older = try OlderDatabase(upTo: "v14-saved-call-days") { db in try Self.insertShiftsAndCalls(db, count: 300, seed: 8) }
        let (kept, recomputed) = try older.pool.read(Self.keptAndRecomputed)
        #expect(kept.count == recomputed.count && kept.count >= 11)
        #expect(kept == recomputed)
    }
}
