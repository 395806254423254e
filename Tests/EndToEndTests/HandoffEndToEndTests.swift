import EcouteTestSupport
import EcouteTUI
import Foundation
import GRDB
import Testing

/// The end of a shift by the built binary in tmux: `q` asks for the handoff note with what the
/// store counts as left in progress; the note is written, the console ends, and the next shift's
/// console shows it on its first screen.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct HandoffEndToEndTests {
    @Test func theNextShiftsConsoleShowsTheHandoffNote() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        // A saved call of this operator with a supervisor callback still waiting.
        let now = Date()
        try DatabaseQueue(path: run.database).write { db in
            try db.execute(sql: """
                INSERT INTO calls (id, operator, phase, picked_up_at, ended_at, level, updated_at, saved_at)
                VALUES ('s1', ?, 'saved', ?, ?, 1, ?, ?)
                """, arguments: [ConsoleRun.me, now - 3600, now - 3000, now - 3000, now - 3000])
            try db.execute(sql: """
                INSERT INTO callback_requests (id, call_id, requested_by, motif, urgency, requested_at, status)
                VALUES ('r1', 's1', ?, 'veut un cadre', 'today', ?, 'waiting')
                """, arguments: [ConsoleRun.me, now - 2900])
        }
        try run.t.press(.quit, in: .idle)
        try run.t.waitFor(TestResources.french["handoff.title"])
        try run.t.waitFor(KeyHint.line(HandoffKeymap.shown(HandoffForm()), TestResources.french))
        // The count, wrapped in the box: no call left, no follow-up due, one callback, no alert.
        let counted = TestResources.french.format("handoff.summary", "0", "0", "1", "0")
        try run.t.waitFor(flowing: counted)
        // Identifying words are refused; the console stays.
        try run.t.type("rappeler le 06 12 34 56 78")
        try run.t.press(.write, in: HandoffKeymap.keymap)
        try run.t.waitFor(TestResources.french.prefix("handoff.identifying"))
        for _ in 0..<26 { try run.t.press(.deleteBackward, in: TextFieldKeymap.keymap) }
        try run.t.type("suivi 3114 demain")
        try run.t.press(.write, in: HandoffKeymap.keymap)
        try run.t.waitFor("EXIT=0")
        let stored = try DatabaseQueue(path: run.database).read { db in
            try Row.fetchOne(db, sql: "SELECT operator, text, callbacks_open FROM shift_handoffs")
        }
        #expect(stored?["operator"] as String? == ConsoleRun.me && stored?["text"] as String? == "suivi 3114 demain"
                && stored?["callbacks_open"] as Int? == 1)
        // The next shift: a new console on the same database shows the note at once.
        let next = try run.another()
        try next.waitFor("suivi 3114 demain")
        // Wrapped over two rows, its end cut short: the count up to the callbacks.
        let screen = try next.flowingScreen()
        #expect(screen.contains(TestResources.french.prefix("handoff.line", ConsoleRun.me))
                && screen.contains(TestResources.french.prefix("handoff.summary", "0", "0", "1")), "\(screen)")
    }

    /// An unfinished call is handed over explicitly: the form lists it (to the supervisors when
    /// nobody else is on shift), Enter hands it over, and the database keeps who handed it, with
    /// its lease ended so the board offers it at once. A call the operator's other workstation is
    /// answering (its console beats) is said to stay there, and is neither listed nor handed over.
    @Test func anUnfinishedCallIsHandedToTheSupervisorsAndAudited() throws {
        let fr = TestResources.french
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(fr["idle.title"])
        // Two calls of this operator held by consoles on other workstations: one silent for 30 s
        // (dead), one beating (its heartbeat ahead, so it stays fresh for the whole test).
        let now = Date()
        try DatabaseQueue(path: run.database).write { db in
            for (id, console, heartbeat) in [("u1-en-cours", "k-mort", now - 30), ("u2-vivant", "k-vivant", now + 120)] {
                try db.execute(sql: "INSERT INTO calls (id, operator, phase, picked_up_at, updated_at) VALUES (?, ?, 'inCall', ?, ?)",
                               arguments: [id, ConsoleRun.me, now - 600, now - 5])
                try db.execute(sql: "INSERT INTO call_leases (call_id, console, host, pid, operator, heartbeat_at) VALUES (?, ?, "
                               + "'autre-poste', 4242, ?, ?)", arguments: [id, console, ConsoleRun.me, heartbeat])
            }
        }
        try run.t.press(.quit, in: .idle)
        try run.t.waitFor(fr["handoff.title"])
        try run.t.waitFor(fr.format("handoff.call", "u1-en-co", fr["handoff.call.toSupervisors"]))
        try run.t.waitFor(flowing: fr.format("handoff.answeredElsewhere", "1", "autre-poste"))
        #expect(try !run.t.flowingScreen().contains("u2-vivan"))
        try run.t.press(.write, in: HandoffKeymap.keymap)
        try run.t.waitFor("EXIT=0")
        let (entry, leases, untouched) = try DatabaseQueue(path: run.database).read { db in
            (try Row.fetchOne(db, sql: "SELECT by, old_value, new_value, reason FROM audit_log WHERE call_id = 'u1-en-cours' AND field = 'handover'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM call_leases WHERE call_id = 'u1-en-cours'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE call_id = 'u2-vivant' AND field = 'handover'"))
        }
        #expect(entry?["by"] as String? == ConsoleRun.me && entry?["old_value"] as String? == ConsoleRun.me && entry?["new_value"] as String? == "")
        #expect(leases == 0 && untouched == 0)
        let stillHeld = try DatabaseQueue(path: run.database).read { db in
            try String.fetchOne(db, sql: "SELECT console FROM call_leases WHERE call_id = 'u2-vivant'")
        }
        #expect(stillHeld == "k-vivant")
    }
}
