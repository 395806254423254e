import EcouteTestSupport
import EcouteTUI
import Foundation
import GRDB
import Testing

/// The console's run is a shift; `ecoute report` shows it to its operator and refuses it to
/// another psychologist.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ReviewEndToEndTests {
    /// `ecoute review` on the run's database, opened on its one shift's only call.
    func review(_ run: ConsoleRun) throws -> TmuxSession {
        let session = try TmuxSession("LANG=C.UTF-8 \(run.environment) '\(ConsoleRun.binary)' review --db '\(run.database)'; echo EXIT=$?; sleep 600")
        try session.waitFor("▸")
        // Each screen is read from the store off the drawing thread: the next key waits for it.
        try session.press(.open, in: Self.keys(.shifts))   // the shift's summary
        try session.waitFor(TestResources.french.prefix("review.summary.adherence"))
        try session.press(.allCalls, in: Self.keys(.summary))   // its calls
        try session.waitFor(TestResources.french["review.calls.all"])
        try session.press(.open, in: Self.keys(.calls(riskyOnly: false)))   // the call
        try session.waitFor(TestResources.french.prefix("review.call.level"))
        return session
    }

    /// The review's keys on `screen`, for a viewer who may correct or not.
    static func keys(_ screen: ReviewScreen, canCorrect: Bool = false) -> Keymap<ReviewAction> {
        ReviewKeymap.keymap(screen, canCorrect: canCorrect)
    }

    @Test func aConsoleRunIsAShiftAndReportsRespectWhoAsks() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor(TestResources.french["idle.title"])
        _ = try ConsoleEndToEndTests.completeCall(run, level: 4)
        try run.t.press(.acknowledge, in: .saved)
        try run.t.waitFor(TestResources.french["idle.title"])
        // q ends the shift with a handoff note; Enter leaves it without words.
        try run.t.press(.quit, in: .idle)
        try run.t.waitFor(TestResources.french["handoff.title"])
        try run.t.waitFor(TestResources.french.prefix("handoff.summary", "0"))
        try run.t.press(.write, in: HandoffKeymap.keymap)
        try run.t.waitFor("EXIT=0")

        let queue = try DatabaseQueue(path: run.database)
        let (shifts, callShift) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM shifts"), try String.fetchOne(db, sql: "SELECT shift_id FROM calls"))
        }
        #expect(shifts.count == 1)
        #expect(shifts.first?["operator"] == ConsoleRun.me && (shifts.first?["ended_at"] as Date?) != nil)
        #expect(callShift == shifts.first?["id"])
        let callID: String = try run.calls()[0]["id"]

        // The psychologist's review opens (read-only) on the shift; correcting is refused.
        let psychologistReview = try review(run)
        let call = Self.keys(.call(id: callID))
        try psychologistReview.press(.correct, in: call)
        try psychologistReview.waitFor(TestResources.french["review.readOnly"])
        try psychologistReview.press(.quit, in: call)
        try psychologistReview.waitFor("EXIT=0")

        // The operator sees the call; asking for another psychologist's calls is refused.
        let own = try TmuxSession.run([ConsoleRun.binary, "report", "--db", run.database, "--format", "csv"])
        #expect(own.contains(callID) && own.contains(",4,"))
        #expect(throws: TestProcess.Failure.self) {
            try TmuxSession.run([ConsoleRun.binary, "report", "--db", run.database, "--operator", "autre-psy"])
        }
        // Who asks comes from the OS: an environment variable changes nothing.
        let sameUser = try TmuxSession.run(["env", "USER=chef", "LOGNAME=chef", ConsoleRun.binary, "report", "--db", run.database,
                                            "--format", "csv"])
        #expect(sameUser == own)
        #expect(throws: TestProcess.Failure.self) {
            try TmuxSession.run(["env", "USER=chef", ConsoleRun.binary, "report", "--db", run.database, "--operator", "autre-psy"])
        }
        // Registered by the database's owner as a supervisor, the same user sees everyone's calls.
        try TmuxSession.run([ConsoleRun.binary, "operator", "add", "chef", "--role", "supervisor", "--system-user", ConsoleRun.me,
                             "--db", run.database])
        let all = try TmuxSession.run([ConsoleRun.binary, "report", "--db", run.database, "--format", "md"])
        #expect(all.contains(TestResources.french["report.risky"]) && all.contains("· \(ConsoleRun.me) | 4 |"))
        #expect(try TmuxSession.run([ConsoleRun.binary, "report", "--db", run.database, "--operator", "autre-psy"]).contains(TestResources.french["report.title"]))
        // The supervisor's review corrects the level; the correction is in the call and the audit log.
        let supervisorReview = try review(run)
        let supervisorsCall = Self.keys(.call(id: callID), canCorrect: true)
        try supervisorReview.press(.correct, in: supervisorsCall)
        try supervisorReview.press(.submit, in: ReviewKeymap.correction(.field))   // the level, the first field
        try supervisorReview.type("5")
        try supervisorReview.press(.submit, in: ReviewKeymap.correction(.value))
        try supervisorReview.type("relu avec l'écoutante")
        try supervisorReview.press(.submit, in: ReviewKeymap.correction(.reason))
        try supervisorReview.waitFor(TestResources.french["review.corrected"])
        try supervisorReview.press(.quit, in: supervisorsCall)
        try supervisorReview.waitFor("EXIT=0")
        #expect(try run.calls()[0]["level"] as Int? == 5)
        let audit = try DatabaseQueue(path: run.database).read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit_log WHERE field = 'level'") }
        #expect(audit.count == 1 && audit.first?["new_value"] == "5" && audit.first?["by"] == "chef")
        // The line's activity, month by month, for the supervisor.
        let activity = try TmuxSession.run([ConsoleRun.binary, "report", "activity", "--db", run.database,
                                            "--format", "csv"])
        #expect(activity.contains("period,calls,level_0") && activity.contains("\nall,1,"))
    }
}
