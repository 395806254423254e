import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// `g`: a call's follow-up — the caller calls back with their code by a date (a code is given if
/// the call has none), or a supervisor's callback (the callback form opens next); the board lists
/// follow-ups due, the review shows one with its outcome.
@Suite struct FollowUpFlowTests {
    func send(_ m: inout AppModel, _ keys: [Key]) -> [AppEffect] {
        var effects: [AppEffect] = []
        for key in keys { effects += AppUpdate.update(&m, .key(key)) }
        return effects
    }


    @Test func aCallerWhoCallsBackGetsACodeAndADueDate() throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(.wrapUp)))
        let s = m.strings
        m.press(Action.setFollowUp)
        m.press(FollowUpAction.kind(.callerCallsBack), .moveDays(1))   // in 7 days
        #expect(Screen.render(m).text.contains(s["followUp.form.title"]))
        let effects = m.press(FollowUpAction.write)
        guard effects.count == 2, case .issueCallerCode(let callID) = effects[0], case .setFollowUp(let followUp) = effects[1] else {
            Issue.record("\(effects)"); return
        }
        #expect(callID == "c-1" && followUp.kind == .callerCallsBack && followUp.dueAt == m.wallNow + 7 * 86400)
        _ = AppUpdate.update(&m, .followUpSet(followUp, failure: nil))
        #expect(Screen.render(m).text.contains(s.format("wrapUp.followUpSet", s["followUp.kind.callerCallsBack"], "")
            .trimmingCharacters(in: .whitespaces)))
    }

    @Test func aSupervisorCallbackOpensTheCallbackFormAndNeedsNoCode() throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(.wrapUp)))
        m.press(Action.setFollowUp)
        let effects = m.press(FollowUpAction.kind(.supervisorCallback), .write)
        guard effects.count == 1, case .setFollowUp(let followUp) = effects[0] else { Issue.record("\(effects)"); return }
        #expect(followUp.kind == .supervisorCallback)
        guard case .callback? = m.overlay else { Issue.record("no callback form"); return }
    }

    @Test func theBoardListsFollowUpsDueAndSaysWhichAreLate() throws {
        var snapshot = BoardSnapshot.empty
        let t0 = TUIFixtures.t0
        snapshot.followUps = [
            FollowUpStatus(followUp: FollowUp(callID: "a", kind: .callerCallsBack, dueAt: t0 - 3600, setBy: "alice", setAt: t0 - 86400),
                           outcome: .overdue, level: .suicidalIdeation),
            FollowUpStatus(followUp: FollowUp(callID: "b", kind: .supervisorCallback, dueAt: t0 + 3600, setBy: "bob", setAt: t0),
                           outcome: .callback(.waiting), level: .imminentRisk),
        ]
        var model = BoardModel(viewer: Viewer(name: "chef", role: .supervisor), strings: TUIFixtures.french, timeZone: TUIFixtures.utc, now: t0)
        model.snapshot = snapshot
        let text = BoardView.render(model).text
        let s = TUIFixtures.french
        #expect(text.contains(s.format("board.followUps", "2")))
        #expect(text.contains(s["followUp.outcome.overdue"]) && text.contains(s["followUp.outcome.callback.waiting"]))
    }
}

/// `q` ends the shift with a handoff note: counted by the store, a few words checked by the
/// identifying-text guard, written before the console quits; Esc goes back.
@Suite struct HandoffFlowTests {
    func send(_ m: inout AppModel, _ keys: [Key]) -> [AppEffect] {
        var effects: [AppEffect] = []
        for key in keys { effects += AppUpdate.update(&m, .key(key)) }
        return effects
    }

    @Test func quittingAsksForTheNoteAndQuitsOnceItIsWritten() throws {
        var m = TUIFixtures.model(.idle)
        m.asksHandoff = true
        let s = m.strings
        #expect(m.press(Action.quit) == [.loadHandoffFacts] && !m.shouldQuit)
        let facts = ShiftHandoff(id: "h", shiftID: "s", operatorName: "psy-test", writtenAt: TUIFixtures.t0, callsInProgress: ["c-1"], followUpsDue: 2)
        _ = AppUpdate.update(&m, .handoffFacts(facts, colleagues: [], answeredElsewhere: [], failure: nil))
        #expect(Screen.render(m).text.contains(String(HandoffView.summary(facts, s).prefix(40))))
        // Identifying words are refused.
        _ = send(&m, "appeler le 06 12 34 56 78".map { Key.character($0) })
        #expect(m.press(HandoffAction.write).isEmpty)
        guard case .handoff(let refused)? = m.overlay else { Issue.record("form closed"); return }
        #expect(refused.refusal != nil && !m.shouldQuit)
        for _ in 0..<30 { _ = send(&m, [TextFieldKeymap.keymap.key(for: .deleteBackward)!]) }
        _ = send(&m, "rien d'urgent".map { Key.character($0) })
        let effects = m.press(HandoffAction.write)
        guard case .writeHandoff(let note, let handovers)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(note.text == "rien d'urgent" && note.callsInProgress == ["c-1"] && !m.shouldQuit)
        // Nobody else on shift: the unfinished call goes to the supervisors, explicitly.
        #expect(handovers == [CallHandover(callID: "c-1", to: nil)])
        #expect(AppUpdate.update(&m, .handoffWritten(handedOver: ["c-1"], failure: nil)).contains(.quit) && m.shouldQuit)
    }

    @Test func escapeGoesBackAndTheNextShiftSeesTheNote() throws {
        var m = TUIFixtures.model(.idle)
        m.asksHandoff = true
        m.press(Action.quit)
        m.press(HandoffAction.back)
        #expect(m.overlay == nil && !m.shouldQuit)
        let note = ShiftHandoff(id: "h", shiftID: "s", operatorName: "psy-avant", writtenAt: TUIFixtures.t0, callsInProgress: ["x"], text: "rien d'urgent")
        _ = AppUpdate.update(&m, .handoffs([note]))
        let screen = Screen.render(m).text
        #expect(screen.contains("psy-avant") && screen.contains("rien d'urgent"))
    }
}
