import EcouteTestSupport
import EcouteTUI
import Foundation
import GRDB
import Testing

/// Running the line for years: a backup while a console works, a restore refused under it, a
/// check that finds a dropped trigger.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OperationsEndToEndTests {
    @Test func purgeUsesTheLinesRetentionOnceASupervisorHasSetIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-purge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("ecoute.sqlite").path
        // A psychologist may not; the database's owner registers themself as its first supervisor.
        try TmuxSession.run([ConsoleRun.binary, "operator", "list", "--db", database, "--create"])
        #expect(throws: (any Error).self) { try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--set-retention", "30d"]) }
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", "chef", "--role", "supervisor", "--system-user", ConsoleRun.me,
                             "--db", database])
        let first = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--dry-run"])
        #expect(first.contains("90 days: the default, no retention set for the line"))
        let set = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--set-retention", "180d"])
        #expect(set.contains("the line's retention of notes is now 180 days") && set.contains("nothing erased"))
        let next = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--dry-run"])
        #expect(next.contains("180 days: the line's retention"))
        let given = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--dry-run", "--notes-older-than", "30d"])
        #expect(given.contains("30 days: --notes-older-than"))
        // Handoff notes: kept 30 days unless a supervisor sets another retention; older ones removed.
        #expect(given.contains("0 handoff note(s) would be removed (older than 30 days)"))
        let kept = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--set-handoff-retention", "14d"])
        #expect(kept.contains("handoff notes are now kept 14 days") && kept.contains("nothing erased"))
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "INSERT INTO shift_handoffs (id, operator, written_at, text) VALUES ('h-old', 'alice', ?, 'vieille note'), "
                           + "('h-new', 'alice', ?, 'note récente')", arguments: [Date().addingTimeInterval(-15 * 86400), Date()])
        }
        let purged = try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database])
        #expect(purged.contains("1 handoff note(s) removed (older than 14 days)"))
        #expect(try DatabaseQueue(path: database).read { db in try String.fetchAll(db, sql: "SELECT id FROM shift_handoffs") } == ["h-new"])
        #expect(throws: (any Error).self) {
            try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--set-handoff-retention", "400d"])
        }
        #expect(throws: (any Error).self) {
            try TmuxSession.run([ConsoleRun.binary, "purge", "--db", database, "--set-retention", "0d"])
        }
    }

    @Test func backupWhileAConsoleRunsRestoreRefusedUnderItAndCheckFindsTampering() throws {
        let run = try ConsoleRun.inCall()
        try run.t.press(.toggleRepeat, in: .inCall); try run.t.waitFor(TestResources.french["repeat.no"])
        let backup = run.folder.appendingPathComponent("sauvegarde.sqlite").path
        let said = try TmuxSession.run([ConsoleRun.binary, "backup", "--db", run.database, backup])
        #expect(said.contains("backup written and checked"))
        // The copy is private, complete, and holds the call in progress.
        #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int) == 0o600)
        let copied = try DatabaseQueue(path: backup).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM calls") }
        #expect(copied == 1)
        // Not under a running console.
        do {
            _ = try TmuxSession.run([ConsoleRun.binary, "restore", "--db", run.database, backup])
            Issue.record("restore ran under a live console")
        } catch {
            #expect(String(describing: error).contains(TestResources.french.fragments("restore.inUse", [2: ConsoleRun.me])[1]), "\(error)")
        }
        // Someone with the file drops the audit log's protection: check says so and fails.
        try DatabaseQueue(path: run.database).write { db in try db.execute(sql: "DROP TRIGGER audit_log_is_append_only_delete") }
        do {
            _ = try TmuxSession.run([ConsoleRun.binary, "check", "--db", run.database])
            Issue.record("check passed a tampered database")
        } catch {
            #expect(String(describing: error).contains("trigger audit_log_is_append_only_delete is missing"))
        }
        // A forged audit row: the chain says so.
        try DatabaseQueue(path: run.database).write { db in
            try db.execute(sql: "INSERT INTO audit_log (call_id, at, by, field, old_value, new_value, reason) SELECT id, '2026-01-01 00:00:00', 'chef', 'level', '1', '5', 'x' FROM calls")
        }
        do {
            _ = try TmuxSession.run([ConsoleRun.binary, "check", "--db", run.database])
            Issue.record("check passed a forged audit row")
        } catch {
            #expect(String(describing: error).contains("has no hash"))
        }
        // Once the console is gone, the backup goes back in place and checks clean.
        try run.t.press(.interrupt, in: QuitKeymap.anywhere); try run.t.waitFor(TestResources.french["quit.title"])
        try run.t.press(.leave, in: QuitKeymap.question); try run.t.waitFor("EXIT=0")
        _ = try TmuxSession.run([ConsoleRun.binary, "restore", "--db", run.database, backup])
        #expect(try TmuxSession.run([ConsoleRun.binary, "check", "--db", run.database]).contains(": ok"))
    }
}
