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
        func press(_ action: EcouteTUI.Action, in phase: SessionPhase) throws { try t.press(action, in: phase); keys += 1 }
        func press<A>(_ action: A, in keymap: Keymap<A>) throws { try t.press(action, in: keymap); keys += 1 }
        func type(_ text: String) throws { try t.type(text); keys += text.count }

        try press(.pickUp, in: .idle)
        try t.waitFor(TestResources.french.prefix("call.title"))
        try press(.editCaller, in: .inCall); try t.waitFor(TestResources.french["picker.caller"])
        try type("inf"); try press(.confirm, in: OverlayKeymap.picker)
        try t.waitFor(TestResources.french["profession.infirmier"])
        try press(.editDepartement, in: .inCall); try t.waitFor(TestResources.french["picker.filter"])
        try type("48"); try press(.confirm, in: OverlayKeymap.picker)
        try t.waitFor("48 " + TestResources.geography.departement("48")!.name)
        if level == 5 {
            try press(.openEmergency, in: .inCall)
            try t.waitFor(TestResources.french["emergency.title"])
            // The 15 called, the supervisor called, the caller kept on line.
            for action in [EcouteTUI.Action.callNumber(.samu), .toggleStep(.supervisorCalled), .toggleStep(.callerKeptOnLine)] {
                try press(action, in: .emergency)
            }
            try t.waitFor("[5]  [x]")
            try press(.hangUp, in: .emergency); try press(.closeEmergency, in: .emergency)
        } else {
            try press(.hangUp, in: .inCall)
            try t.waitFor(TestResources.french["wrapUp.classification"])
            try press(.classify(try #require(ClassificationLevel(rawValue: level))), in: .wrapUp)
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
                    try press(.toggleReferral, in: .wrapUp)
                } else {
                    try press(.nextReferral, in: .wrapUp)
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        } else {
            for _ in 0..<(level == 4 ? 3 : 2) { try press(.toggleReferral, in: .wrapUp) }
        }
        if level >= 4 {
            // The risk assessment a level-4 or -5 call needs: urgence and dangerosité.
            try press(.openAssessment, in: .wrapUp); try t.waitFor(TestResources.french["rud.title"].components(separatedBy: " — ")[0])
            let grid = AssessmentKeymap.keymap(AssessmentPanel())
            for action in [AssessmentAction.urgence(level == 5 ? .high : .low), .dangerosite(level == 5 ? .high : .low), .close] {
                try press(.assessment(action), in: grid)
            }
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
        try t.press(.callNumber(.samu), in: .emergency); try t.waitFor("[1]  [x]")
        try t.press(.toggleStep(.supervisorCalled), in: .emergency); try t.press(.toggleStep(.callerKeptOnLine), in: .emergency)
        try t.waitFor("[5]  [x]")
        try t.press(.hangUp, in: .emergency); try t.press(.closeEmergency, in: .emergency); try t.waitFor("(x) 5")
        try t.press(.save, in: .wrapUp)
        // The unit not given: its reason asked, the first one taken.
        try t.waitFor(TestResources.french.format("picker.referralGap", TestResources.french["kind.unit"]))
        try t.press(.confirm, in: OverlayKeymap.picker)
        try t.press(.save, in: .wrapUp)
        // The assessment a level-5 call needs opens by itself.
        try t.waitFor(TestResources.french["rud.title"].components(separatedBy: " — ")[0])
        let grid = AssessmentKeymap.keymap(AssessmentPanel())
        for action in [AssessmentAction.urgence(.high), .dangerosite(.high), .close] { try t.press(.assessment(action), in: grid) }
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
        try run.t.press(.editCaller, in: .inCall); try run.t.type("sage"); try run.t.press(.confirm, in: OverlayKeymap.picker)
        try run.t.press(.editNotes, in: .inCall); try run.t.type("Garde de nuit, conflit d'équipe")
        try run.t.press(.confirm, in: OverlayKeymap.notes)
        try run.t.waitFor("Garde de nuit, conflit d'équipe")
        try run.kill(SIGKILL)
        try run.t.waitFor("EXIT=137")
        let before = try run.calls()
        #expect(before.count == 1)
        #expect(before.first?["phase"] == "inCall")
        #expect(before.first?["notes"] == "Garde de nuit, conflit d'équipe")

        try run.start()
        try run.t.waitFor(TestResources.french["interrupted.title"])
        try run.t.press(.resume, in: .interrupted)
        // The title is drawn before the rows below it: the notes there and the question gone
        // are what says the call screen is drawn whole.
        let screen = try run.t.waitFor("Garde de nuit, conflit d'équipe", notWhile: TestResources.french["interrupted.choice"])
        #expect(screen.contains(TestResources.french.prefix("call.title")))
        #expect(screen.contains(TestResources.french["profession.sageFemme"]))
        try run.t.press(.hangUp, in: .inCall); try run.t.press(.classify(.burnout), in: .wrapUp)
        // No département noted during the call: asked before proposing.
        try run.t.waitFor(TestResources.french["picker.departementForReferrals"].components(separatedBy: " (")[0])
        try run.t.type("69"); try run.t.press(.confirm, in: OverlayKeymap.picker)
        try run.t.waitFor("(x) 3")
        try run.t.waitFor("Lyon (69)")   // a sample directory entry's town and département: data
        try run.t.waitFor("[ ] ", notWhile: TestResources.french["wrapUp.searching"])
        try run.t.press(.toggleReferral, in: .wrapUp); try run.t.press(.toggleReferral, in: .wrapUp); try run.t.press(.save, in: .wrapUp)
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
        try run.t.press(.toggleRepeat, in: .inCall)
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
        try run.t.press(.interrupt, in: QuitKeymap.anywhere)
        try run.t.waitFor(TestResources.french["quit.title"])
        try run.t.press(.leave, in: QuitKeymap.question)
        try run.t.waitFor("EXIT=0")
        #expect(try run.calls().first?["phase"] == "inCall")
    }

    @Test func englishOnRequest() throws {
        let run = try ConsoleRun()
        try run.start("--lang en")
        try run.t.waitFor(TestResources.english["idle.title"])
        try run.t.press(.help, in: .idle)
        try run.t.waitFor(TestResources.english["help.title"])
    }

    func t(_ run: ConsoleRun) -> TmuxSession { run.t }
}
