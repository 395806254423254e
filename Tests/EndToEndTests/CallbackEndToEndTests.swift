import Foundation
import GRDB
import Testing

/// `ecoute callbacks` by the built binary: refused to a psychologist, listed for a supervisor
/// (numbers only when asked, each read audited); `purge` erases numbers past the limit and
/// `check` then finds none; a backup carries no number.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CallbackEndToEndTests {
    @Test func theQueueIsForSupervisorsAndItsNumbersLeaveWithTheLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-cb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("ecoute.sqlite").path
        try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", database, "--create"])
        // Not registered as a supervisor yet: a psychologist by default, refused.
        #expect(throws: (any Error).self) { try TmuxSession.run([ConsoleRun.binary, "callbacks", "--db", database]) }
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", "chef", "--role", "supervisor", "--system-user", ConsoleRun.me,
                             "--db", database])
        let old = Date().addingTimeInterval(-73 * 3600), young = Date().addingTimeInterval(-600)
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "INSERT INTO calls (id, operator, phase, picked_up_at, updated_at) VALUES ('c1', 'alice', 'inCall', ?, ?)",
                           arguments: [old, old])
            try db.execute(sql: """
                INSERT INTO callback_requests (id, call_id, requested_by, motif, urgency, requested_at, status)
                VALUES ('r-old', 'c1', 'alice', 'ancien', 'today', ?, 'waiting'), ('r-new', 'c1', 'alice', 'veut un cadre', 'now', ?, 'waiting')
                """, arguments: [old, young])
            try db.execute(sql: "INSERT INTO callback_numbers VALUES ('r-old', '0145678910'), ('r-new', '0612345678')")
        }
        #expect(throws: (any Error).self) { try TmuxSession.run([ConsoleRun.binary, "check", "--db", database]) }
        let backup = folder.appendingPathComponent("copy.sqlite").path
        try TmuxSession.run([ConsoleRun.binary, "backup", "--db", database, backup])
        #expect(try DatabaseQueue(path: backup).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM callback_numbers") } == 0)
        let purge = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database])
        #expect(purge.contains("1 callback number(s) erased"))
        #expect(try TmuxSession.run([ConsoleRun.binary, "check", "--db", database]).contains("ok"))
        let listed = try TmuxSession.run([ConsoleRun.binary, "callbacks", "--db", database, "--json"])
        #expect(listed.contains("\"r-new\"") && !listed.contains("r-old") && !listed.contains("0612345678"))
        let withNumbers = try TmuxSession.run([ConsoleRun.binary, "callbacks", "--db", database, "--json", "--numbers"])
        #expect(withNumbers.contains("0612345678"))
        let reads = try DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM callback_audit WHERE event = 'numberRead' AND by = 'chef'")
        }
        #expect(reads == 1)
    }
}
