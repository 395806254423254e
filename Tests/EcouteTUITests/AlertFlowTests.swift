import EcouteCore
import EcouteResources
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// Level 5 reaches a person: the console on the runtime over a real temporary store raises the
/// alert, a supervisor takes it from elsewhere, and the console says so without a key press.
@Suite struct AlertFlowTests {
    final class Console {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-alerts-\(UUID().uuidString)")
        let store: any Store
        let terminal = ScriptedTerminal()
        var now = TUIFixtures.t0
        var runtime: ConsoleProgram.Runner!
        static let me = ConsoleIdentity(id: "console-psy", host: "poste-1", pid: 1234, operatorName: "psy-test")

        init(escalation: TimeInterval = 120, shown: Bool = true, lines: [CallLine]? = nil, line: String = CallLine.healthID,
             alerts: (any AlertDesk) -> any AlertDesk = { $0 }) throws {
            store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
            try store.operators.saveOperator(OperatorRecord(name: "chef", role: .supervisor, systemUser: "chef", phone: "06 99 00 00 01"),
                                             now: now)
            var model = TUIFixtures.model(.idle)
            model.alerts.escalationDelay = escalation
            model.now = now
            if let lines { model.lines = lines }
            model.line = line
            let effects = ConsoleEffects(calls: store.calls(shiftID: nil, console: Self.me), directory: store.directory, leases: store.leases,
                                         console: Self.me, alertDesk: alerts(store.alerts), operators: store.operators,
                                         clock: { [weak self] in self?.now ?? Date() }, processExists: { _ in true })
            runtime = ConsoleProgram.Runner(program: ConsoleProgram.program, model: model, terminal: terminal, handler: effects,
                                            clock: { [weak self] in self?.now ?? Date() }, changes: try store.changeFeed())
            runtime.start()
            if shown { runtime.firstFrameShown() }
            runtime.settle()
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func press(_ keys: Key...) {
            terminal.queue(keys: keys)
            while terminal.hasInput { step() }
        }

        func wait(_ seconds: TimeInterval) {
            now += seconds
            step()
        }

        /// One turn, then the effects it asked for answered and handled.
        func step() {
            runtime.step(timeoutMs: 0)
            runtime.settle()
        }

        var screen: String { terminal.lastFrame?.text ?? "" }
    }

    @Test func f9RaisesTheAlertAndTheConsoleShowsWhoTookIt() throws {
        let c = try Console()
        c.press(.function(2))
        c.wait(300)
        c.press(.function(9))
        let open = try c.store.alerts.openAlerts()
        #expect(open.count == 1)
        #expect(open.first?.reason == .imminentRisk && open.first?.operatorName == "psy-test" && open.first?.callElapsed == 300)
        let s = c.runtime.model.strings
        #expect(c.screen.contains(s.format("alert.pending", "").prefix(25)))
        #expect(c.screen.contains(s.format("alert.supervisors", "chef 06 99 00 00 01")))
        // The supervisor step on the same call: still one alert.
        c.press(.character("4"))   // the supervisor step
        #expect(c.runtime.model.draft?.emergency?.steps[.supervisorCalled] != nil)
        #expect(try c.store.alerts.openAlerts().count == 1)
        // A supervisor takes it from the board; the console notices on its next look.
        let id = try #require(open.first?.id)
        _ = try c.store.alerts.take(id, by: "chef", at: c.now + 5)
        c.wait(0.3)
        #expect(c.screen.contains(s.format("alert.taken", "chef", "").dropLast()))
        let takenBy = try #require(s.format("alert.takenBy", "chef", "").components(separatedBy: " à").first)
        #expect(c.runtime.model.message?.text.hasPrefix(takenBy) == true)
    }

    @Test func f9PressedByMistakeIsSaidToTheSupervisorsWithItsReasonAndFreesTheLevel() throws {
        let c = try Console()
        c.press(.function(2))
        c.wait(120)
        c.press(.function(9))
        #expect(try c.store.alerts.openAlerts().count == 1)   // a real emergency never waits
        // A step done: it was no mistake, and the console says so at once, before any reason is typed.
        c.press(.character("4"), .character("e"))
        let s = c.runtime.model.strings
        #expect(c.runtime.model.overlay == nil)
        #expect(c.runtime.model.session.phase == .emergency && c.runtime.model.message?.text == s["refusal.protocolUnderway"])
        #expect(try c.store.alerts.openAlerts().first?.raisedByMistake == nil)
        // Undone, then said to be a mistake: a reason that names someone is asked again.
        c.press(.character("4"), .character("e"))
        for ch in "Mme Durand a raccroché" { c.press(.character(ch)) }
        c.press(.enter)
        guard case .textPrompt? = c.runtime.model.overlay else { Issue.record("not asked again"); return }
        #expect(try c.store.alerts.openAlerts().first?.raisedByMistake == nil)
        #expect(c.runtime.model.message?.text == s.format("mistake.identifying", s["notes.concern.personName"]))
        c.press(.control("u"))   // the reason typed, cleared
        // Said without a name: back in the call, the level no longer forced.
        for ch in "appui sur F9 au lieu de F5" { c.press(.character(ch)) }
        c.press(.enter)
        #expect(c.runtime.model.session.phase == .inCall && c.runtime.model.draft?.level == nil)
        #expect(c.runtime.model.draft?.emergency == nil)
        let open = try c.store.alerts.openAlerts()
        #expect(open.count == 1 && open.first?.raisedByMistake?.reason == "appui sur F9 au lieu de F5")
        #expect(c.runtime.model.message?.text == s["mistake.said"])
        // The supervisor still acknowledges it; nobody else's console rings for it.
        c.wait(200)
        #expect(c.runtime.model.escalatedAlerts.isEmpty && c.terminal.bells == 0)
        // The call goes on and is classified at its own level.
        c.press(.function(5), .character("2"))
        #expect(c.runtime.model.draft?.level == .depression)
        // Then it reaches level 5 for real: a new alert, live, that the supervisors must take — not
        // the one marked as a mistake (the département asked at the first classification, left unsaid).
        c.press(.escape)
        c.press(.character("5"))
        #expect(c.runtime.model.session.phase == .emergency)
        let live = try c.store.alerts.openAlerts().filter { $0.raisedByMistake == nil }
        #expect(live.count == 1)
        #expect(c.runtime.model.callAlerts.last?.id == live.first?.id)
        c.wait(200)
        #expect(c.runtime.model.escalatedAlerts.isEmpty)   // this console's own call: said on its screen, not escalated to it
        #expect(try c.store.alerts.openAlerts().first { $0.raisedByMistake == nil }?.isEscalated(now: c.runtime.model.wallNow,
                                                                                                    after: Alert.defaultEscalationDelay) == true)
    }

    /// The store, busy or away, for the alerts only.
    final class BusyAlerts: AlertDesk, @unchecked Sendable {
        let inner: any AlertDesk
        var busy = true
        init(_ inner: any AlertDesk) { self.inner = inner }
        struct Busy: Error, CustomStringConvertible { var description: String { "SQLite error 5: database is locked" } }
        func raise(_ alert: Alert) throws -> Alert { if busy { throw Busy() }; return try inner.raise(alert) }
        func raise(_ alert: Alert, arrival: () -> Date) throws -> Alert { if busy { throw Busy() }; return try inner.raise(alert, arrival: arrival) }
        func take(_ id: String, by supervisor: String, at: Date) throws -> Alert { try inner.take(id, by: supervisor, at: at) }
        func openAlerts() throws -> [Alert] { try inner.openAlerts() }
        func alerts(since: Date) throws -> [Alert] { try inner.alerts(since: since) }
        func alerts(ofCall callID: String) throws -> [Alert] { try inner.alerts(ofCall: callID) }
        func markRaisedByMistake(callID: String, reason: String, at: Date) throws -> [Alert] {
            try inner.markRaisedByMistake(callID: callID, reason: reason, at: at)
        }
        func report(_ presence: ConsolePresence) throws { if busy { throw Busy() }; try inner.report(presence) }
        func leave(_ consoleID: String) throws { try inner.leave(consoleID) }
        func presences() throws -> [ConsolePresence] { try inner.presences() }
    }

    @Test func anAlertThatCannotReachTheStoreIsSaidAndRaisedAgainUntilItDoes() throws {
        var desk: BusyAlerts?
        let c = try Console(alerts: { inner in let d = BusyAlerts(inner); desk = d; return d })
        c.press(.function(2))
        c.wait(0.3)
        c.press(.function(9))
        let s = c.runtime.model.strings
        #expect(try c.store.alerts.openAlerts().isEmpty)
        #expect(c.screen.contains(s["alert.notRaisedYet"]))
        let head = try #require(s["alert.notRaised"].components(separatedBy: "{").first)
        #expect(c.runtime.model.message?.text.hasPrefix(head) == true && c.terminal.bells == 1)
        // A busy heartbeat is no failure to show; the alert is tried again every 2 s.
        #expect(c.runtime.model.readError == nil)
        c.wait(2.1)
        #expect(try c.store.alerts.openAlerts().isEmpty)
        desk?.busy = false
        c.wait(2.1)
        #expect(try c.store.alerts.openAlerts().count == 1)
        #expect(c.runtime.model.alerts.notRaised.isEmpty && !c.screen.contains(s["alert.notRaisedYet"]))
        // It came late, and says so: its time is its arrival's, with how long after it was raised.
        let landed = try #require(try c.store.alerts.openAlerts().first)
        #expect(abs(landed.raisedAt.timeIntervalSince(TUIFixtures.t0 + 0.3 + 2.1 + 2.1)) < 0.01)
        #expect(abs((landed.lateBy ?? 0) - 4.2) < 0.01)
        #expect(c.screen.contains(s.format("alert.pendingLate", Formatting.clock(landed.raisedAt, timeZone: c.runtime.model.timeZone),
                                           Formatting.duration(4.2))))
        #expect(c.runtime.model.message?.text == s.format("alert.sentLate", Formatting.duration(4.2)))
        #expect(!c.screen.contains(head))
    }

    @Test func anAlertNobodyTakesIsRaisedAgainOnEveryConsoleWithTheBell() throws {
        let c = try Console(escalation: 60)
        // Another console's call raised an alert; nobody takes it.
        try c.store.calls(shiftID: nil).persist(CallDraft(id: "other", operatorName: "psy-b", pickedUpAt: c.now))
        try c.store.alerts.raise(Alert(id: "x", callID: "other", operatorName: "psy-b", departement: "13", level: .imminentRisk,
                                       reason: .imminentRisk, callElapsed: 100, raisedAt: c.now))
        c.wait(0.3)
        #expect(c.runtime.model.alerts.open.map(\.id) == ["x"])
        let s = c.runtime.model.strings
        let escalated = try #require(s["alert.escalated"].components(separatedBy: " (").first)
        #expect(!c.screen.contains(escalated) && c.terminal.bells == 0)
        c.wait(61)
        #expect(c.screen.contains(s.format("alert.escalated", "01:01", "psy-b", "13", "5")))
        #expect(c.terminal.bells == 1)
        c.wait(1)
        #expect(c.terminal.bells == 1)   // once per alert
        _ = try c.store.alerts.take("x", by: "chef", at: c.now)
        c.wait(0.3)
        #expect(!c.screen.contains(escalated))
    }

    @Test func theBoardHearsOfAConsoleOnceItsFirstFrameIsUp() throws {
        let c = try Console(shown: false)
        #expect(!c.terminal.frames.isEmpty)
        #expect(try c.store.alerts.presences().isEmpty)   // no write on the way to the first frame
        c.runtime.firstFrameShown()
        c.runtime.settle()
        #expect(try c.store.alerts.presences().map(\.activity) == [.free])
    }

    @Test func theBoardKnowsWhatTheConsoleDoes() throws {
        let c = try Console()
        #expect(try c.store.alerts.presences().first?.activity == .free)
        c.press(.function(2))
        #expect(try c.store.alerts.presences().first?.activity == .inCall)
        c.press(.function(9))
        let presence = try #require(try c.store.alerts.presences().first)
        #expect(presence.activity == .emergency && presence.level == .imminentRisk && presence.callID != nil)
        c.press(.escape, .function(5))
        c.press(.control("c"), .character("o"))
        #expect(try c.store.alerts.presences().isEmpty)   // quit: off the board
    }

    /// The board's « ligne »: the line the console answers, as it changes, and its call's in a call.
    @Test func theBoardKnowsWhichLineTheConsoleAnswers() throws {
        let lines = try LineList.load(from: ResourceLocator.url("lines/lines.txt"))
        let c = try Console(lines: lines, line: "police")
        #expect(try c.store.alerts.presences().map(\.line) == ["police"])
        // The line changed with its key on the idle screen: the board hears of it.
        c.press(try #require(ConsoleKeymap.current(c.runtime.model).key(for: .editLine)))
        guard case .picker(let picker)? = c.runtime.model.overlay else { Issue.record("no line picker"); return }
        let row = try #require(picker.allItems.firstIndex { $0.id == CallLine.healthID })
        for _ in 0..<Swift.abs(row - picker.selected) { c.press(row > picker.selected ? .down : .up) }
        c.press(.enter)
        #expect(c.runtime.model.line == CallLine.healthID)
        #expect(try c.store.alerts.presences().map(\.line) == [CallLine.healthID])
        c.press(.function(2))
        let presence = try #require(try c.store.alerts.presences().first)
        #expect(presence.activity == .inCall && presence.line == CallLine.healthID && c.runtime.model.draft?.lineID == CallLine.healthID)
    }
}

