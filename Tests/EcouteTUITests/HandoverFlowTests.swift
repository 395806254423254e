import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// The end of a shift hands each unfinished call over to someone named: a colleague on shift
/// (Tab in the handoff form) or the supervisors; the colleague's console is offered the call.
/// And the follow-ups due during the shift are listed on the console's idle screen.
@Suite struct HandoverFlowTests {
    func send(_ m: inout AppModel, _ actions: [HandoffAction]) -> [AppEffect] {
        var effects: [AppEffect] = []
        for action in actions {
            guard let key = HandoffKeymap.keymap.key(for: action) else { Issue.record("no key for \(action)"); continue }
            effects += AppUpdate.update(&m, .key(key))
        }
        return effects
    }

    @Test func eachUnfinishedCallGoesToAColleagueOnShiftOrToTheSupervisors() throws {
        var m = TUIFixtures.model(.idle)
        m.asksHandoff = true
        let s = m.strings
        _ = AppUpdate.update(&m, .key(try #require(ConsoleKeymap.current(m).key(for: .quit))))
        let facts = ShiftHandoff(id: "h", shiftID: "s", operatorName: "psy-test", writtenAt: TUIFixtures.t0, callsInProgress: ["c-1", "c-2"])
        _ = AppUpdate.update(&m, .handoffFacts(facts, colleagues: ["bob", "carol"], answeredElsewhere: [], failure: nil))
        // Both go to the supervisors until told otherwise.
        #expect(Screen.render(m).text.contains(s.format("handoff.call", "c-1", s["handoff.call.toSupervisors"])))
        // The form's key line is its keymap's: the call keys with calls to hand over, not without.
        guard case .handoff(let counted)? = m.overlay else { Issue.record("no form"); return }
        #expect(Screen.render(m).text.contains(KeyHint.line(HandoffKeymap.shown(counted), s)))
        #expect(HandoffKeymap.shown(counted).key(for: .nextRecipient) != nil && HandoffKeymap.shown(HandoffForm()).key(for: .nextRecipient) == nil)
        // c-1 to bob; c-2 to carol, then round to the supervisors and back to carol.
        _ = send(&m, [.nextRecipient, .select(.by(1)), .nextRecipient, .nextRecipient, .nextRecipient, .nextRecipient, .nextRecipient])
        let screen = Screen.render(m).text
        #expect(screen.contains(s.format("handoff.call", "c-1", s.format("handoff.call.toColleague", "bob"))))
        #expect(screen.contains(s.format("handoff.call", "c-2", s.format("handoff.call.toColleague", "carol"))))
        let effects = send(&m, [.write])
        guard case .writeHandoff(let note, let handovers)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(handovers == [CallHandover(callID: "c-1", to: "bob"), CallHandover(callID: "c-2", to: "carol")])
        // The note says who got what, for the next shift and the board.
        #expect(note.handedTo == ["c-1": "bob", "c-2": "carol"])
        #expect(HandoffView.summary(note, s).contains(s.format("handoff.handedTo", "bob, carol")))
        // carol left meanwhile: c-1 was handed over, c-2 refused; the form stays to choose again.
        _ = AppUpdate.update(&m, .handoffWritten(handedOver: ["c-1"], failure: "carol is not on shift"))
        guard case .handoff(let form)? = m.overlay else { Issue.record("form closed"); return }
        #expect(!form.writeFailed && form.refusal != nil && !m.shouldQuit)
        _ = send(&m, [.nextRecipient])   // c-2, still selected: back to the supervisors
        let again = send(&m, [.write])
        guard case .writeHandoff(_, let rest)? = again.first else { Issue.record("\(again)"); return }
        #expect(rest == [CallHandover(callID: "c-2", to: nil)])
        #expect(AppUpdate.update(&m, .handoffWritten(handedOver: ["c-2"], failure: nil)).contains(.quit) && m.shouldQuit)
    }

    @Test func theFollowUpsDueThisShiftAreOnTheIdleScreen() throws {
        var m = TUIFixtures.model(.idle)
        let s = m.strings
        let t0 = TUIFixtures.t0
        let due = [
            FollowUpStatus(followUp: FollowUp(callID: "a", kind: .callerCallsBack, dueAt: t0 - 3600, setBy: "psy-test", setAt: t0 - 86400),
                           outcome: .overdue, level: .suicidalIdeation),
            FollowUpStatus(followUp: FollowUp(callID: "b", kind: .supervisorCallback, dueAt: t0 + 3600, setBy: "psy-test", setAt: t0),
                           outcome: .callback(.waiting), level: .imminentRisk),
        ]
        #expect(!Screen.render(m).text.contains(s.format("idle.followUpsDue", "2")))
        _ = AppUpdate.update(&m, .followUpsDue(due))
        let screen = Screen.render(m).text
        #expect(screen.contains(s.format("idle.followUpsDue", "2")))
        #expect(screen.contains(s["followUp.outcome.overdue"]) && screen.contains(s["followUp.outcome.callback.waiting"]))
        // Read again a minute later between calls: outcomes change as callers call back.
        #expect(!AppUpdate.update(&m, .tick(m.wallNow + 30)).contains(.loadFollowUpsDue))
        #expect(AppUpdate.update(&m, .tick(m.wallNow + 31)).contains(.loadFollowUpsDue))
        #expect(!AppUpdate.update(&m, .tick(m.wallNow + 1)).contains(.loadFollowUpsDue))
    }

    /// Through the console's effects over one real SQLite file: alice's console lists bob as on
    /// shift, hands him her unfinished call, and bob's console is offered it to resume; the
    /// follow-ups due this shift come back to alice's console at start.
    @Test func theColleaguesConsoleIsOfferedTheCallHandedToThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-handover-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        let now = Date()
        let alice = ConsoleIdentity(id: "console-alice", host: "poste-1", pid: 101, operatorName: "alice")
        let bob = ConsoleIdentity(id: "console-bob", host: "poste-2", pid: 202, operatorName: "bob")
        try store.shifts.startShift("s-alice", operatorName: "alice", at: now - 1)
        try store.shifts.startShift("s-bob", operatorName: "bob", at: now - 1)
        try store.calls(shiftID: "s-alice", console: alice).persist(CallDraft(id: "open1", operatorName: "alice", pickedUpAt: now - 600))
        // alice's other workstation is answering open2 (its console beats): it stays there.
        let aliceElsewhere = ConsoleIdentity(id: "console-alice-2", host: "poste-3", pid: 303, operatorName: "alice")
        try store.calls(shiftID: "s-alice", console: aliceElsewhere).persist(CallDraft(id: "open2", operatorName: "alice", pickedUpAt: now - 60))
        var saved = CallDraft(id: "done1", operatorName: "alice", pickedUpAt: now - 7200)
        saved.phase = .saved
        saved.level = .anxiety
        saved.endedAt = now - 7000
        try store.calls(shiftID: "s-alice", console: alice).finalize(saved)
        try store.followUps.set(FollowUp(callID: "done1", kind: .callerCallsBack, dueAt: now + 3 * 3600, setBy: "alice", setAt: now - 7000),
                                by: Viewer(name: "alice", role: .psychologist))
        func effects(_ console: ConsoleIdentity, _ shift: String) -> ConsoleEffects {
            ConsoleEffects(calls: store.calls(shiftID: shift, console: console), directory: store.directory, leases: store.leases,
                           console: console, operators: store.operators, shiftID: shift, clock: { now }, processExists: { _ in true },
                           followUps: store.followUps, handoffs: store.handoffs)
        }
        var events: [AppEvent] = []
        let mine = effects(alice, "s-alice")
        mine.run(.loadFollowUpsDue) { events.append($0) }
        guard case .followUpsDue(let due)? = events.last else { Issue.record("\(events)"); return }
        #expect(due.map(\.followUp.callID) == ["done1"])
        mine.run(.loadHandoffFacts) { events.append($0) }
        guard case .handoffFacts(var facts?, let colleagues, let elsewhere, nil)? = events.last else { Issue.record("\(events)"); return }
        #expect(facts.callsInProgress == ["open1"] && colleagues == ["bob"] && elsewhere.map(\.console) == [aliceElsewhere])
        // Asked all the same (an older form), the store refuses it and hands nothing of it over.
        mine.run(.writeHandoff(facts, handovers: [CallHandover(callID: "open2", to: "bob")])) { events.append($0) }
        guard case .handoffWritten(let none, let refusal?)? = events.last else { Issue.record("\(events)"); return }
        #expect(none.isEmpty && refusal.contains("poste-3"))
        #expect(try store.leases.holders(of: ["open2"])["open2"]?.console == aliceElsewhere)
        facts.handedTo = ["open1": "bob"]   // as the form fills it
        mine.run(.writeHandoff(facts, handovers: [CallHandover(callID: "open1", to: "bob")])) { events.append($0) }
        guard case .handoffWritten(let handedOver, nil)? = events.last else { Issue.record("\(events)"); return }
        #expect(handedOver == ["open1"])
        effects(bob, "s-bob").run(.loadUnfinished) { events.append($0) }
        guard case .unfinished(let resumable, let held)? = events.last else { Issue.record("\(events)"); return }
        #expect(resumable.map(\.call.id) == ["open1"] && resumable.first?.holder == nil && held.isEmpty)
        #expect(try store.review.auditLog(callID: "open1").last?.newValue == "bob")
        effects(bob, "s-bob").run(.loadHandoffs) { events.append($0) }
        guard case .handoffs(let notes)? = events.last else { Issue.record("\(events)"); return }
        #expect(notes.first?.handedTo == ["open1": "bob"])
    }

    /// A running console notices, between calls, a call handed to its operator (another process
    /// committed): it looks for unfinished calls and reads the handoff notes again, and the offer
    /// says who handed the call over.
    @Test func anIdleConsoleLooksAgainWhenAnotherProcessCommitsAndSaysWhoHandedTheCall() throws {
        var m = TUIFixtures.model(.idle)
        let s = m.strings
        let effects = AppUpdate.update(&m, .externalChange)
        #expect(effects.contains(.loadUnfinished) && effects.contains(.loadHandoffs))
        // Not at every change: other consoles' heartbeats are changes too. A change within the
        // interval is looked at once it is over (it may be the last for a while).
        #expect(!AppUpdate.update(&m, .externalChange).contains(.loadUnfinished))
        #expect(!AppUpdate.update(&m, .tick(m.wallNow + 1)).contains(.loadUnfinished))
        #expect(AppUpdate.update(&m, .tick(m.wallNow + AppModel.handoverLookInterval)).contains(.loadUnfinished))
        #expect(!AppUpdate.update(&m, .tick(m.wallNow + AppModel.handoverLookInterval)).contains(.loadUnfinished))   // once
        let handed = CallDraft(id: "c-9", operatorName: m.operatorName, pickedUpAt: TUIFixtures.t0 - 600)
        _ = AppUpdate.update(&m, .unfinished(resumable: [UnfinishedCall(call: handed, holder: nil)], heldElsewhere: []))
        _ = AppUpdate.update(&m, .tick(m.wallNow + AppModel.handoverLookInterval))
        #expect(AppUpdate.update(&m, .externalChange).contains(.loadHandoffs))
        let note = ShiftHandoff(id: "h", shiftID: nil, operatorName: "alice", writtenAt: TUIFixtures.t0, callsInProgress: ["c-9"],
                                handedTo: ["c-9": m.operatorName])
        _ = AppUpdate.update(&m, .handoffs([note]))
        #expect(Screen.render(m).text.contains(s.format("interrupted.handedOver", "alice", Formatting.clock(TUIFixtures.t0, timeZone: m.timeZone))))
    }
}
