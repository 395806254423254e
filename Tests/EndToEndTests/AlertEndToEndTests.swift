import EcouteTUI
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// Three processes on one database, as on the line: console A raises a level-5 alert, the board
/// shows it within 2 s and takes it, A shows who took it within 2 s; an alert nobody takes is
/// raised again on another psychologist's console after its delay.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AlertEndToEndTests {
    func board(_ run: ConsoleRun, _ extra: String = "") throws -> TmuxSession {
        // The one running the tests owns the database: it registers itself as the first supervisor.
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", "chef", "--role", "supervisor", "--system-user", ConsoleRun.me,
                             "--phone", "06 99 00 00 01", "--db", run.database])
        let command = "LANG=C.UTF-8 '\(ConsoleRun.binary)' board --db '\(run.database)' \(extra); echo EXIT=$?; sleep 600"
        let session = try TmuxSession(command)
        try session.waitFor(TestResources.french["board.title"])
        return session
    }

    @Test func anAlertReachesTheBoardIsTakenAndThePsychologistSeesWhoTookIt() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        let b = try board(run)
        try b.waitFor(TestResources.french["board.noAlert"])
        try b.waitFor(ConsoleRun.me)   // console A on the board, free
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        try b.waitFor(TestResources.french["board.activity.inCall"], limit: 2)
        // The board: within 2 s, at the top, ringing; the psychologist: within 2 s, who took it and when.
        try raiseAndTakeAlert(console: run.t, board: b, psychologist: ConsoleRun.me, supervisor: "chef") {
            try run.t.waitFor(TestResources.french.format("alert.supervisors", "chef 06 99 00 00 01"))
        }
        let queue = try DatabaseQueue(path: run.database)
        let taken = try queue.read { db in try Row.fetchOne(db, sql: "SELECT taken_by, taken_at, raised_at FROM alerts") }
        #expect(taken?["taken_by"] == "chef")
        #expect((taken?["taken_at"] as Date?) != nil)
    }

    @Test func anAlertNobodyTakesIsRaisedAgainOnEveryConsole() throws {
        let run = try ConsoleRun()
        try run.start("--alert-escalation 3")
        try run.t.waitFor(TestResources.french["idle.title"])
        let other = try run.another("--alert-escalation 3")
        try other.waitFor(TestResources.french["idle.title"])
        try run.t.press(.pickUp, in: .idle); try run.t.waitFor(TestResources.french.prefix("call.title"))
        try run.t.press(.openEmergency, in: .inCall); try run.t.waitFor(TestResources.french.prefix("alert.pending"))
        // Not yet: the delay is 3 s.
        let escalated = TestResources.french.fragments("alert.escalated", [2: ConsoleRun.me, 4: "5"])
        #expect(!(try other.screen()).contains(escalated[0]))
        // Who raised it and its level (the line's end may be cut at 80 columns).
        try other.waitFor(allOf: [escalated[0], escalated[1], escalated[2].components(separatedBy: " — ")[0]], limit: 6)
    }

    @Test func theBoardIsForSupervisorsOnly() throws {
        let run = try ConsoleRun()
        try run.start()
        // Not registered as a supervisor, and no environment variable makes one.
        let pane = try TmuxSession("env USER=chef LANG=C.UTF-8 '\(ConsoleRun.binary)' board --db '\(run.database)'; echo EXIT=$?; sleep 600")
        let screen = try pane.waitFor("EXIT=")
        #expect(screen.contains(TestResources.french.prefix("board.supervisorsOnly")) && !screen.contains("EXIT=0"), "\(screen)")
    }
}
