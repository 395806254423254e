import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// `c` during a call: motif, urgency, number, each checked before the next; the number leaves the
/// console only in the request's effect — never in the call, its journal or a message.
@Suite struct CallbackRequestFlowTests {
    func send(_ m: inout AppModel, _ keys: [Key]) -> [AppEffect] {
        var effects: [AppEffect] = []
        for key in keys { effects += AppUpdate.update(&m, .key(key)) }
        return effects
    }

    func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }


    @Test(arguments: [CallPhase.inCall, .dropped, .wrapUp])
    func aCallbackIsAskedInThreeStepsAndTheNumberStaysOutOfTheCall(_ phase: CallPhase) throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(phase)))
        let s = m.strings
        #expect(m.press(Action.requestCallback).isEmpty)
        guard case .callback? = m.overlay else { Issue.record("no form"); return }
        // A motif is required, and must not identify anyone.
        m.press(CallbackFormAction.next)
        guard case .callback(let empty)? = m.overlay else { Issue.record("form closed"); return }
        #expect(empty.refusal == s["callback.form.motifRequired"] && empty.step == .motif)
        _ = send(&m, typed("voir un cadre"))
        m.press(CallbackFormAction.next)
        guard case .callback(let urgency)? = m.overlay else { Issue.record("form closed"); return }
        #expect(urgency.step == .urgency)
        m.press(CallbackFormAction.urgency(.now))
        m.press(CallbackFormAction.next)
        // A number that is not French is refused with its reason, nothing sent.
        _ = send(&m, typed("06 12 34"))
        #expect(m.press(CallbackFormAction.next).isEmpty)
        guard case .callback(let short)? = m.overlay else { Issue.record("form closed"); return }
        #expect(short.refusal == s.format("callback.number.length", "6") && short.urgency == .now)
        m.erase(8)
        _ = send(&m, typed("+33 6 12 34 56 78"))
        let effects = m.press(CallbackFormAction.next)
        #expect(m.overlay == nil)
        guard case .requestCallback(let request, let number)? = effects.first, effects.count == 1 else {
            Issue.record("no request: \(effects)"); return
        }
        #expect(number.digits == "0612345678" && request.urgency == .now && request.motif == "voir un cadre")
        #expect(request.callID == m.draft?.id && request.requestedBy == m.draft?.operatorName)
        // Nowhere in the call (what is persisted and journaled) nor on screen.
        #expect(!String(describing: m.session).contains("0612345678") && !String(describing: m.session).contains("12 34 56"))
        let message = m.message?.text ?? ""
        #expect(!message.contains("12 34"))
        _ = AppUpdate.update(&m, .callbackRequested(request, failure: nil))
        #expect(m.message?.text == s.format("callback.sent", s["callback.urgency.now"]))
        #expect(m.continuity.unsent == nil && m.continuity.requested[request.callID]?.map(\.id) == [request.id])
        if phase == .wrapUp {
            #expect(Screen.render(m).text.contains(s.format("wrapUp.callbackRequested", s["callback.urgency.now"])))
        }
    }

    @Test func aRefusedRequestIsOfferedAgainFilledAndEscapeForgetsIt() throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(.inCall)))
        m.press(Action.requestCallback)
        _ = send(&m, typed("rappel"))
        m.press(CallbackFormAction.next)
        m.press(CallbackFormAction.next)
        _ = send(&m, typed("0145678910"))
        let effects = m.press(CallbackFormAction.next)
        guard case .requestCallback(let request, _)? = effects.first else { Issue.record("no request"); return }
        _ = AppUpdate.update(&m, .callbackRequested(request, failure: "database is locked"))
        #expect(m.message?.style == .alert)
        m.press(Action.requestCallback)
        guard case .callback(let again)? = m.overlay else { Issue.record("no form"); return }
        #expect(again.motif.text == "rappel" && again.number.text == "0145678910")
        m.press(CallbackFormAction.cancel)
        #expect(m.overlay == nil && m.continuity.unsent == nil)
    }
}
