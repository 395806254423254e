import Foundation
import GRDB
import Testing

/// The console's run is a shift; `ecoute report` shows it to its operator and refuses it to
/// another psychologist.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ReviewEndToEndTests {
    @Test func aConsoleRunIsAShiftAndReportsRespectWhoAsks() throws {
        let run = try ConsoleRun()
        try run.start()
        try run.t.waitFor("Prêt à décrocher")
        _ = try ConsoleEndToEndTests.completeCall(run, level: 4)
        try run.t.send("Enter")
        try run.t.waitFor("Prêt à décrocher")
        try run.t.send("q")
        try run.t.waitFor("EXIT=0")

        let queue = try DatabaseQueue(path: run.database)
        let (shifts, callShift) = try queue.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM shifts"), try String.fetchOne(db, sql: "SELECT shift_id FROM calls"))
        }
        #expect(shifts.count == 1)
        #expect(shifts.first?["operator"] == "e2e" && (shifts.first?["ended_at"] as Date?) != nil)
        #expect(callShift == shifts.first?["id"])
        let callID: String = try run.calls()[0]["id"]

        // The operator sees the call; another psychologist is refused it.
        let own = try TmuxSession.run(["env", "USER=e2e", ConsoleRun.binary, "report", "--db", run.database, "--format", "csv"])
        #expect(own.contains(callID) && own.contains(",4,"))
        #expect(throws: TmuxSession.Timeout.self) {
            try TmuxSession.run(["env", "USER=intrus", ConsoleRun.binary, "report", "--db", run.database, "--operator", "e2e"])
        }
        let nothing = try TmuxSession.run(["env", "USER=intrus", ConsoleRun.binary, "report", "--db", run.database, "--format", "csv"])
        #expect(!nothing.contains(callID))
        // Once registered as a supervisor, the same user sees it.
        try TmuxSession.run(["env", "USER=chef", ConsoleRun.binary, "operator", "add", "chef", "--role", "supervisor",
                             "--system-user", "chef", "--db", run.database])
        let all = try TmuxSession.run(["env", "USER=chef", ConsoleRun.binary, "report", "--db", run.database, "--format", "md"])
        #expect(all.contains("Appels de niveau 4 et 5") && all.contains("· e2e | 4 |"))
        // The line's activity, month by month, for the supervisor.
        let activity = try TmuxSession.run(["env", "USER=chef", ConsoleRun.binary, "report", "activity", "--db", run.database,
                                            "--format", "csv"])
        #expect(activity.contains("period,calls,level_0") && activity.contains("\nall,1,"))
    }
}
