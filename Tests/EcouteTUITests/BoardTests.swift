import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// `ecoute board` on the runtime over a real temporary store: what it shows, taking an alert with
/// one key, closing an orphaned call with a reason.
@Suite struct BoardTests {
    final class Board {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-board-\(UUID().uuidString)")
        let store: any Store
        let terminal = ScriptedTerminal()
        var now = TUIFixtures.t0
        var runtime: BoardProgram.Runner!
        static let chef = Viewer(name: "chef", role: .supervisor)
        static let alive = ConsoleIdentity(id: "k-alive", host: "poste-1", pid: 11, operatorName: "alice")
        static let gone = ConsoleIdentity(id: "k-gone", host: "poste-2", pid: 22, operatorName: "bob")

        init(language: Language = .fr, handoffs: Bool = false, lines: [CallLine]? = nil, setUp: (any Store) throws -> Void = { _ in }) throws {
            store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
            // alice is in an emergency call on poste-1 (alive); bob's console on poste-2 died mid-call.
            try store.calls(shiftID: nil, console: Self.alive).persist(CallDraft(id: "c-alice", operatorName: "alice", pickedUpAt: now - 1320))
            try store.calls(shiftID: nil, console: Self.gone).persist(CallDraft(id: "c-bob", operatorName: "bob", pickedUpAt: now - 3600))
            try store.leases.heartbeat(Self.alive, at: now)
            try store.leases.heartbeat(Self.gone, at: now - 3000)   // silent for 50 min
            try store.alerts.report(ConsolePresence(console: Self.alive, shiftID: nil, activity: .emergency, callID: "c-alice",
                                                    callStartedAt: now - 1320, level: .imminentRisk, heartbeatAt: now))
            try store.alerts.report(ConsolePresence(console: Self.gone, shiftID: nil, activity: .inCall, callID: "c-bob",
                                                    callStartedAt: now - 3600, level: nil, heartbeatAt: now - 3000))
            try store.alerts.raise(Alert(id: "a1", callID: "c-alice", operatorName: "alice", departement: "69", level: .imminentRisk,
                                         reason: .imminentRisk, callElapsed: 1300, raisedAt: now - 20))
            try setUp(store)
            let effects = BoardEffects(desk: store.alerts, review: store.review, leases: store.leases, viewer: Self.chef, localHost: "board-host",
                                       clock: { [weak self] in self?.now ?? Date() }, processExists: { _ in false },
                                       handoffs: handoffs ? store.handoffs : nil)
            var model = BoardModel(viewer: Self.chef, strings: TestResources.strings(language), timeZone: TUIFixtures.utc, now: now)
            if let lines { model.lines = lines }
            runtime = BoardProgram.Runner(
                program: BoardProgram.program,
                model: model,
                terminal: terminal, handler: effects, clock: { [weak self] in self?.now ?? Date() }, changes: try store.changeFeed())
            runtime.start()
            runtime.settle()
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func press(_ keys: Key...) {
            terminal.queue(keys: keys)
            while terminal.hasInput { step() }
        }

        /// One turn, then the effects it asked for answered and handled.
        func step() {
            runtime.step(timeoutMs: 0)
            runtime.settle()
        }

        /// Presses the key the board's keymap binds to each action.
        func press(actions: BoardAction...) {
            for action in actions {
                guard let key = BoardKeymap.keymap.key(for: action) else { Issue.record("no key for \(action)"); return }
                press(key)
            }
        }

        func type(_ text: String) { for c in text { press(.character(c)) } }

        var strings: Strings { runtime.model.strings }

        var screen: String { terminal.lastFrame?.text ?? "" }
    }

    /// The database out of reach: the board says since when, keeps its last picture, and recovers
    /// alone at the next read that answers.
    @Test func theBoardSaysSinceWhenTheDatabaseIsUnreachableAndRecoversAlone() throws {
        var m = BoardModel(viewer: Board.chef, strings: TestResources.french, timeZone: TUIFixtures.utc, now: TUIFixtures.t0)
        _ = BoardUpdate.update(&m, .failed("cannot reach the database server (connectionError)"))
        m.now += 30
        _ = BoardUpdate.update(&m, .failed("cannot reach the database server (connectionError)"))
        #expect(m.unreachableSince == TUIFixtures.t0)
        let since = Formatting.clock(TUIFixtures.t0, timeZone: TUIFixtures.utc)
        let banner = m.strings.format("board.unreachable", since)
        #expect(BoardView.render(m).text.contains(String(banner.prefix(40))))
        _ = BoardUpdate.update(&m, .snapshot(.empty))
        #expect(m.unreachableSince == nil)
        #expect(!BoardView.render(m).text.contains(String(banner.prefix(40))))
    }

    /// Thirty consoles at 80×24: the one at level 5 is on screen wherever it reported, the cut
    /// says how many are not shown, and a console silent for long has left the list.
    @Test func aLevelFiveConsoleIsNeverBelowTheCutAndTheCutIsCounted() throws {
        let b = try Board()
        for i in 0..<30 {
            let console = ConsoleIdentity(id: "k\(i)", host: "poste-\(i)", pid: Int32(100 + i), operatorName: "psy\(i)")
            try b.store.leases.heartbeat(console, at: b.now)
            try b.store.alerts.report(ConsolePresence(console: console, shiftID: nil, activity: .free, callID: nil, callStartedAt: nil,
                                                      level: nil, heartbeatAt: b.now))
        }
        b.now += 1
        b.step()
        let s = b.runtime.model.strings
        let listed = b.runtime.model.snapshot.consoles
        #expect(!listed.contains { $0.presence.console.id == Board.gone.id })   // silent for 50 min: gone from the list
        #expect(listed.first?.presence.console.id == Board.alive.id)            // level 5 first
        #expect(b.screen.contains("alice"))
        let shown = listed.filter { b.screen.contains($0.presence.console.operatorName + " ") }.count
        #expect(b.screen.contains(s.format("board.more", "\(listed.count - shown)")))
    }

    /// With several lines configured, each console says the line it answers (its call's in a call).
    @Test func eachConsoleSaysTheLineItAnswers() throws {
        let lines = try LineList.load(from: ResourceLocator.url("lines/lines.txt"))
        let police = try #require(lines.first { $0.id == "police" }), sante = try #require(lines.first { $0.id == CallLine.healthID })
        let b = try Board(lines: lines) { store in
            let free = ConsoleIdentity(id: "k-free", host: "poste-3", pid: 33, operatorName: "carole")
            try store.leases.heartbeat(free, at: TUIFixtures.t0)
            try store.alerts.report(ConsolePresence(console: free, shiftID: nil, activity: .free, callID: nil, callStartedAt: nil, level: nil,
                                                    heartbeatAt: TUIFixtures.t0, line: "police"))
        }
        b.now += 1
        b.step()
        let rows = b.screen.split(separator: "\n").map(String.init)
        let carole = try #require(rows.first { $0.contains("poste-3") }), alice = try #require(rows.first { $0.contains("poste-1") })
        #expect(carole.contains(police.short) && !carole.contains(sante.short))
        #expect(alice.contains(sante.short) && !alice.contains(police.short))
        // One line configured: no column of lines.
        let single = try Board()
        single.now += 1
        single.step()
        #expect(!single.screen.contains(sante.short))
    }

    @Test(arguments: Language.allCases)
    func theBoardShowsAlertsFirstThenConsolesThenOrphans(_ language: Language) throws {
        let b = try Board(language: language)
        b.now += 1
        b.step()
        try assertSnapshot(b.terminal.lastFrame!, named: "board.\(language.rawValue)")
        #expect(b.terminal.bells == 1)   // the alert rang when it appeared
    }

    @Test func aProtocolStepNotDoneIsShownWithItsReasonUnderTheConsole() throws {
        let b = try Board()
        var call = try #require(try b.store.calls(shiftID: nil).call(id: "c-alice"))
        call.phase = .emergency
        call.level = .imminentRisk
        call.emergency = EmergencyProtocol(openedAt: b.now - 60, steps: [.supervisorCalled: b.now - 50],
                                           skipped: [.callerKeptOnLine: "a raccroché avant le relais"])
        try b.store.calls(shiftID: nil, console: Board.alive).persist(call)
        b.now += 3
        b.step()
        let s = b.runtime.model.strings
        #expect(b.screen.contains(s.format("board.stepSkipped", s["step.callerKeptOnLine.short"], "a raccroché avant le relais")))
        #expect(b.runtime.model.snapshot.skippedSteps == ["c-alice": [BoardSnapshot.SkippedStep(step: .callerKeptOnLine,
                                                                                               reason: "a raccroché avant le relais")]])
    }

    @Test func anAlertRaisedByMistakeSaysSoAndIsStillTakenWithEnter() throws {
        let b = try Board()
        try b.store.alerts.markRaisedByMistake(callID: "c-alice", reason: "F9 au lieu de F5", at: b.now)
        b.now += 3
        b.step()
        let s = b.runtime.model.strings
        #expect(b.screen.contains(s.format("board.mistake", "F9 au lieu de F5")))
        b.press(.enter)
        #expect(try b.store.alerts.alerts(ofCall: "c-alice").first?.takenBy == "chef")
    }

    @Test func anAlertThatCameLateSaysByHowMuch() throws {
        let b = try Board()
        try b.store.calls(shiftID: nil, console: Board.gone).persist(CallDraft(id: "c-late", operatorName: "bob", pickedUpAt: b.now - 600))
        try b.store.alerts.raise(Alert(id: "a2", callID: "c-late", operatorName: "bob", departement: "13", level: .imminentRisk,
                                       reason: .imminentRisk, callElapsed: 500, raisedAt: b.now, lateBy: 185))
        b.now += 1
        b.step()
        let s = b.runtime.model.strings
        #expect(b.screen.contains(s.format("board.late", Formatting.duration(185))))
        let mark = try #require(s["board.late"].components(separatedBy: "{1}").first)
        #expect(b.screen.components(separatedBy: mark).count == 2)   // only the late one
    }

    /// Silent past the heartbeat limit: « perdue », since when, its call among the orphans;
    /// a console of this host whose process is gone is « arrêtée »; both leave the list later.
    @Test func aSilentConsoleIsLostAndAStoppedOneIsStopped() throws {
        let b = try Board()
        let remote = ConsoleIdentity(id: "k-remote", host: "poste-9", pid: 99, operatorName: "carole")
        let local = ConsoleIdentity(id: "k-local", host: "board-host", pid: 77, operatorName: "david")
        try b.store.calls(shiftID: nil, console: remote).persist(CallDraft(id: "c-carole", operatorName: "carole", pickedUpAt: b.now - 900))
        for (console, beat) in [(remote, b.now - 35), (local, b.now - 2)] {
            try b.store.leases.heartbeat(console, at: beat)
            try b.store.alerts.report(ConsolePresence(console: console, shiftID: nil, activity: console == remote ? .inCall : .free,
                                                      callID: console == remote ? "c-carole" : nil, callStartedAt: nil, level: nil,
                                                      heartbeatAt: beat))
        }
        b.now += 1
        b.step()
        let s = b.runtime.model.strings
        let carole = try #require(b.screen.split(separator: "\n").first { $0.contains("carole ") && $0.contains("poste-9") })
        #expect(carole.contains(s["board.lost"]) && carole.contains(s.format("board.silentFor", Formatting.duration(36))))
        #expect(carole.contains(s["board.callOrphaned"]))
        let david = try #require(b.screen.split(separator: "\n").first { $0.contains("david ") })
        #expect(david.contains(s["board.gone"]) && !david.contains(s["board.lost"]))
        #expect(b.runtime.model.snapshot.orphans.contains { $0.call.id == "c-carole" })
    }

    @Test func enterTakesTheSelectedAlertOnce() throws {
        let b = try Board()
        b.press(actions: .take)
        let taken = try #require(try b.store.alerts.alerts(ofCall: "c-alice").first)
        #expect(taken.takenBy == "chef" && taken.takenAt == b.now)
        #expect(b.screen.contains(b.strings.format("board.took", "alice", Formatting.clock(b.now, timeZone: TUIFixtures.utc))))
        #expect(b.runtime.model.openAlerts.isEmpty)
        #expect(b.screen.contains(b.strings.format("board.alertTaken", Formatting.clock(b.now - 20, timeZone: TUIFixtures.utc), "alice", "chef",
                                                   "00:20")))
    }

    @Test func anOrphanedCallIsClosedWithAReasonInTheAuditLog() throws {
        let b = try Board()
        // The orphan is the only item once the alert is taken.
        b.press(actions: .take)
        #expect(b.runtime.model.items.count == 1)
        b.press(actions: .close)
        b.press(.enter)
        #expect(b.runtime.model.form != nil)   // no reason yet: still asking
        b.type("console de bob arrêtée, appelant rappelé"); b.press(.enter)
        #expect(try b.store.review.auditLog(callID: "c-bob").map(\.newValue) == ["closed"])
        #expect(b.runtime.model.snapshot.orphans.isEmpty)
        #expect(b.screen.contains(b.strings["board.done"]))
    }

    /// Only to someone of the line who answers calls: a name nobody registered or kept a shift
    /// under, or a trainer, is refused at once and the name can be typed again.
    @Test func anOrphanedCallIsReassignedToAnotherPsychologist() throws {
        let b = try Board { store in
            try store.operators.saveOperator(OperatorRecord(name: "alice", role: .psychologist, systemUser: nil), now: TUIFixtures.t0)
            try store.operators.saveOperator(OperatorRecord(name: "formatrice", role: .trainer, systemUser: nil), now: TUIFixtures.t0)
        }
        #expect(b.runtime.model.snapshot.reassignable == ["alice"])
        b.press(actions: .select(.by(1)), .reassign)
        let clear = try #require(TextFieldKeymap.keymap.key(for: .deleteToStart))
        for name in ["alicia", "formatrice"] {
            b.type(name); b.press(.enter)
            #expect(b.runtime.model.form?.step == .operatorName)
            #expect(b.screen.contains(b.strings.format("board.form.unknownOperator", name)))
            b.press(clear)
        }
        #expect(throws: CorrectionRefused.self) {
            try b.store.review.reassignUnfinished(callID: "c-bob", to: "formatrice", reason: "x", by: Board.chef, at: b.now)
        }
        b.type("alice"); b.press(.enter)
        #expect(b.runtime.model.form?.step == .reason)
        // Pasted, as one piece (the board takes paste into its forms).
        b.terminal.queue(.paste("bob absent")); b.press(.enter)
        #expect(try b.store.calls(shiftID: nil).unfinishedCalls(operatorName: "alice").map(\.id).contains("c-bob"))
        #expect(try b.store.review.auditLog(callID: "c-bob").first?.reason == "bob absent")
    }

    /// A supervisor hands an orphaned call to a colleague on shift: Tab offers each in turn.
    @Test func anOrphanedCallIsReassignedToAColleagueOnShiftOfferedByTab() throws {
        let b = try Board(handoffs: true) { store in
            try store.shifts.startShift("s-alice", operatorName: "alice", at: TUIFixtures.t0 - 1)
            try store.shifts.startShift("s-carol", operatorName: "carol", at: TUIFixtures.t0 - 1)
            try store.shifts.startShift("s-dan", operatorName: "dan", at: TUIFixtures.t0 - 3600)   // silent for an hour: not offered
        }
        b.press(actions: .select(.by(1)), .reassign)
        #expect(b.screen.contains(b.strings.format("board.form.onShift", "alice, carol")))
        let tab = try #require(BoardKeymap.form.key(for: .nextOnShift))
        b.press(tab, tab)
        guard let form = b.runtime.model.form else { Issue.record("form closed"); return }
        #expect(form.operatorName == "carol")
        b.press(.enter)
        b.type("relève"); b.press(.enter)
        #expect(try b.store.calls(shiftID: nil).unfinishedCalls(operatorName: "carol").map(\.id) == ["c-bob"])
        #expect(try b.store.review.auditLog(callID: "c-bob").last?.newValue == "carol")
    }

    @Test func anAlertAlreadyTakenElsewhereIsSaidSo() throws {
        let b = try Board()
        b.runtime.model.lastLoad = b.now   // the board just loaded: it still shows the alert open
        _ = try b.store.alerts.take("a1", by: "autre-cadre", at: b.now)
        b.press(actions: .take)
        #expect(b.screen.contains(b.strings.format("board.notTaken", "already taken by autre-cadre")))
    }
}
