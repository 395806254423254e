import EcouteCore
import EcouteTUI
import EcouteTestSupport
import Foundation
import GRDB
import Testing

/// The built binary in tmux, through whole calls, crashes and signals; each test checks the rows
/// saved in the database. Serialized: two cores, and each run is a real terminal program.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConsoleEndToEndTests {
    /// The keys of a complete call at `level`, with a profile, as a psychologist would type them.
    static func completeCall(_ run: ConsoleRun, level: Int) throws -> Int {
        let t = run.t
        var keys = 0
        func send(_ k: String...) throws { for key in k { try t.send(key); keys += 1 } }
        func press(_ action: EcouteTUI.Action, in phase: SessionPhase) throws { try t.press(action, in: phase); keys += 1 }
        func type(_ text: String) throws { try t.type(text); keys += text.count }

        try press(.pickUp, in: .idle)
        try t.waitFor(TestResources.french.prefix("call.title"))
        try send("p"); try t.waitFor(TestResources.french["picker.caller"]); try type("inf"); try send("Enter")
        try t.waitFor(TestResources.french["profession.infirmier"])
        try send("d"); try t.waitFor(TestResources.french["picker.filter"]); try type("48"); try send("Enter")
        try t.waitFor("48 " + TestResources.geography.departement("48")!.name)
        if level == 5 {
            try press(.openEmergency, in: .inCall)
            try t.waitFor(TestResources.french["emergency.title"])
            try send("1", "4", "5")   // the 15 called, the supervisor called, the caller kept on line
            try t.waitFor("[5]  [x]")
            try send("F5", "Escape")
        } else {
            try press(.hangUp, in: .inCall)
            try t.waitFor(TestResources.french["wrapUp.classification"])
            try send("\(level)")
        }
        try t.waitFor("(x) \(level)")
        // Nothing is given until said so: Space gives the selected referral and moves on. At
        // level 5 the protocol already gave the 15 (where it stands in the list depends on
        // whether the directory answered before the 15 was called): the other emergency numbers
        // and the unit are given by what the selected line says.
        try t.waitFor("[ ] ", notWhile: TestResources.french["wrapUp.searching"])
        // Level 4 also proposes the 3114 beside the GP and the psychiatrist.
        if level == 5 {
            for _ in 0..<6 {
                let selected = try t.screen().split(separator: "\n").first { $0.hasPrefix(" > [") } ?? ""
                let kinds = [TestResources.french["kind.emergency.short"], TestResources.french["kind.unit.short"]]
                if selected.hasPrefix(" > [ ]"), kinds.contains(where: { selected.contains($0) }) {
                    try send("Space")
                } else {
                    try send("Down")
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        } else if level == 4 { try send("Space", "Space", "Space") } else {
            try send("Space", "Space")
        }
        if level >= 4 {
            // The risk assessment a level-4 or -5 call needs: urgence and dangerosité.
            try send("u"); try t.waitFor(TestResources.french["rud.title"].components(separatedBy: " — ")[0])
            try send(level == 5 ? "3" : "1", level == 5 ? "6" : "4", "Enter")
        }
        try press(.save, in: .wrapUp)
        try t.waitFor(TestResources.french["message.saved"])
        return keys
    }

    @Test(arguments: 0...5)
    func aCompleteCallAtEachLevelIsSaved(level: Int) throws {
        let run = try ConsoleRun()
        try run.start()
        try t(run).waitFor(TestResources.french["idle.title"])
        let keys = try Self.completeCall(run, level: level)
        // At level 5 the walk down the referrals takes a fixed six keys, whatever their order.
        #expect(keys == (level == 5 ? 27 : level == 4 ? 20 : 15))

        let calls = try run.calls()
        #expect(calls.count == 1)
        let call = try #require(calls.first)
        #expect(call["phase"] == "saved")
        #expect(call["level"] == level)
        #expect(call["profession"] == "infirmier")
        #expect(call["departement"] == "48")
        #expect(call["operator"] == ConsoleRun.me)   // who answers comes from the OS
        let kinds: [String] = try run.referrals(of: call["id"]).filter { $0["status"] == "given" }.map { $0["kind"] }
        let expected = ReferralRules.needs(level: ClassificationLevel(rawValue: level)!, hospitalisation: false)
            .flatMap { Array(repeating: $0.kind.rawValue, count: $0.count) }
        #expect(kinds == expected)
        if level == 5 {
            #expect((call["emergency_services_called_at"] as Date?) != nil)
            #expect((call["supervisor_called_at"] as Date?) != nil)
            #expect((call["caller_kept_on_line_at"] as Date?) != nil)
        }
        // The database is private to its user.
        let mode = (try FileManager.default.attributesOfItem(atPath: run.database)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    /// The protocol records the number called: after « 15 appelé », the saved call has the SAMU 15
    /// given, and not the 3114 the directory ranks first at level 5.
    @Test func theProtocolMarksTheNumberCalledInTheSavedRecord() throws {
        let run = try ConsoleRun.inCall()
        let t = run.t
        try t.press(.openEmergency, in: .inCall); try t.waitFor(TestResources.french["emergency.title"])
        try t.send("1"); try t.waitFor("[1]  [x]")
        try t.send("4", "5"); try t.waitFor("[5]  [x]")
        try t.send("F5", "Escape"); try t.waitFor("(x) 5")
        try t.press(.save, in: .wrapUp)
        // The unit not given: its reason asked, the first one taken.
        try t.waitFor(TestResources.french.format("picker.referralGap", TestResources.french["kind.unit"])); try t.send("Enter")
        try t.press(.save, in: .wrapUp)
        // The assessment a level-5 call needs opens by itself.
        try t.waitFor(TestResources.french["rud.title"].components(separatedBy: " — ")[0]); try t.send("3", "6", "Enter")
        try t.press(.save, in: .wrapUp)
        try t.waitFor(TestResources.french["message.saved"])
        let call = try #require(try run.calls().first)
        let referrals = try run.referrals(of: call["id"])
        let given: [String] = referrals.filter { $0["status"] == "given" }.map { $0["name"] }
        #expect(given == ["SAMU — 15"])
        let suicideLine = try #require(referrals.first { ($0["name"] as String).hasPrefix("3114") })
        #expect(suicideLine["status"] == "proposed")
        #expect((call["emergency_services_called_at"] as Date?) != nil)
    }

    @Test func sigkillMidCallThenResumeAtNextStart() throws {
        let run = try ConsoleRun.inCall()
        try run.t.send("p"); try run.t.type("sage"); try run.t.send("Enter")
        try run.t.send("n"); try run.t.type("Garde de nuit, conflit d'équipe"); try run.t.send("Enter")
        try run.t.waitFor("Garde de nuit, conflit d'équipe")
        try run.kill(SIGKILL)
        try run.t.waitFor("EXIT=137")
        let before = try run.calls()
        #expect(before.count == 1)
        #expect(before.first?["phase"] == "inCall")
        #expect(before.first?["notes"] == "Garde de nuit, conflit d'équipe")

        try run.start()
        try run.t.waitFor(TestResources.french["interrupted.title"])
        try run.t.send("Enter")
        let screen = try run.t.waitFor(TestResources.french.prefix("call.title"))
        #expect(screen.contains(TestResources.french["profession.sageFemme"]))
        #expect(screen.contains("Garde de nuit, conflit d'équipe"))
        try run.t.send("F5", "3")
        // No département noted during the call: asked before proposing.
        try run.t.waitFor(TestResources.french["picker.departementForReferrals"].components(separatedBy: " (")[0])
        try run.t.type("69"); try run.t.send("Enter")
        try run.t.waitFor("(x) 3")
        try run.t.waitFor("Lyon (69)")   // a sample directory entry's town and département: data
        try run.t.waitFor("[ ] ", notWhile: TestResources.french["wrapUp.searching"])
        try run.t.send("Space", "Space", "F10")
        try run.t.waitFor(TestResources.french["message.saved"])
        let after = try run.calls()
        #expect(after.count == 1)
        #expect(after.first?["id"] == before.first?["id"] as String?)
        #expect(after.first?["phase"] == "saved")
        #expect((after.first?["picked_up_at"] as Date?) == (before.first?["picked_up_at"] as Date?))
    }

    @Test(arguments: [(SIGHUP, 129), (SIGTERM, 143)])
    func hangupAndTerminateRestoreTheTerminalAndKeepTheCall(signal: Int32, status: Int) throws {
        let run = try ConsoleRun.inCall()
        try run.t.send("r")
        try run.t.waitFor(TestResources.french["repeat.no"])
        try run.kill(signal)
        let screen = try run.t.waitFor("EXIT=\(status)")
        // Curses mode was left: the console's screen is gone, the shell's output is back.
        #expect(!screen.contains(TestResources.french.prefix("call.title")))
        #expect(try run.calls().first?["phase"] == "inCall")
        try run.start()
        try run.t.waitFor(TestResources.french["interrupted.title"])
    }

    /// A terminal that goes away without its hang-up signal reaching the console (here the console
    /// runs in a session of its own, so the kernel signals nobody): the console sees its input
    /// closed and stops as on a hang-up, instead of spinning and keeping the call held.
    @Test func aTerminalGoneWithoutAHangupSignalStopsTheConsoleAndKeepsTheCall() throws {
        let run = try ConsoleRun()
        run.environment += " setsid"
        try run.start()
        try run.t.press(.pickUp, in: .idle)
        try run.t.waitFor(TestResources.french.prefix("call.title"))
        let pid = try run.pid()
        run.tmux = nil   // the terminal goes away: its tmux server is killed
        var alive = true
        for _ in 0..<100 where alive {
            usleep(50_000)
            alive = Foundation.kill(pid, 0) == 0
        }
        #expect(!alive, "the console still runs without its terminal")
        #expect(try run.calls().first?["phase"] == "inCall")
    }

    @Test func ctrlCAsksDuringACallAndLeavesTheCallForLater() throws {
        let run = try ConsoleRun.inCall()
        try run.t.send("C-c")
        try run.t.waitFor(TestResources.french["quit.title"])
        try run.t.send("o")
        try run.t.waitFor("EXIT=0")
        #expect(try run.calls().first?["phase"] == "inCall")
    }

    @Test func englishOnRequest() throws {
        let run = try ConsoleRun()
        try run.start("--lang en")
        try run.t.waitFor(TestResources.english["idle.title"])
        try run.t.send("F1")
        try run.t.waitFor(TestResources.english["help.title"])
    }

    func t(_ run: ConsoleRun) -> TmuxSession { run.t }
}
