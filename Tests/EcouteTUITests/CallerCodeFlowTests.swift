import EcouteCore
import EcouteStore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteTUI

/// `k` during a call: the code the caller says is checked by its check character before the store
/// is asked; their earlier calls open at once; an empty Enter gives the caller a new code, drawn
/// from the system's randomness and nothing else.
@Suite struct CallerCodeFlowTests {
    func send(_ m: inout AppModel, _ keys: [Key]) -> [AppEffect] {
        var effects: [AppEffect] = []
        for key in keys { effects += AppUpdate.update(&m, .key(key)) }
        return effects
    }

    func typed(_ text: String) -> [Key] { text.map { Key.character($0) } }


    static let code = CallerCode(values: [3, 14, 15, 9, 2, 6])

    @Test func aMistypedCodeIsCaughtAndAGoodOneReadsTheHistory() throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(.inCall)))
        let s = m.strings
        #expect(m.press(Action.callerCode).isEmpty)
        // One character misheard: the check character catches it, nothing is asked of the store.
        var wrong = Array(Self.code.characters)
        wrong[2] = wrong[2] == "A" ? "B" : "A"
        _ = send(&m, typed(String(wrong)))
        #expect(m.press(CallerCodeAction.submit).isEmpty)
        guard case .callerCode(let refused)? = m.overlay else { Issue.record("form closed"); return }
        #expect(refused.refusal == s["callerCode.checkFails"])
        #expect(Screen.render(m).text.contains(String(s["callerCode.checkFails"].prefix(30))))
        m.erase(7)
        _ = send(&m, typed("ab0"))
        #expect(m.press(CallerCodeAction.submit).isEmpty)
        guard case .callerCode(let zero)? = m.overlay else { Issue.record("form closed"); return }
        #expect(zero.refusal == s.format("callerCode.unknownCharacter", "0"))
        m.erase(3)
        // As said on the phone, in two groups, lower case.
        _ = send(&m, typed(Self.code.spoken.lowercased()))
        let effects = m.press(CallerCodeAction.submit)
        #expect(effects == [.readCallerHistory(Self.code, callID: "c-1")] && m.overlay == nil)
        let earlier = CallerHistoryCall(callID: "old", pickedUpAt: TUIFixtures.t0 - 86400 * 3, endedAt: TUIFixtures.t0 - 86400 * 3 + 1500,
                                        level: .suicidalIdeation, motifs: [.burnout], referrals: [GivenReferral(kind: .psychologist, name: "Cabinet Durand")],
                                        operatorName: "psy-autre", operatorOnShift: true, followUp: "rappellera jeudi", notes: nil)
        _ = AppUpdate.update(&m, .callerCodeAttached(callID: "c-1", AttachedCallerCode(code: Self.code, issued: false, earlierCalls: 1),
                                                     history: [earlier], failure: nil))
        guard case .callerHistory? = m.overlay else { Issue.record("no history"); return }
        let screen = Screen.render(m).text
        #expect(screen.contains(s.format("callerCode.history.title", Self.code.spoken, "1")))
        #expect(screen.contains(s.format("callerCode.history.onShift", "psy-autre")))
        #expect(screen.contains("Cabinet Durand") && screen.contains(s.format("callerCode.history.followUp", "rappellera jeudi")))
        m.press(CallerCodeAction.close, in: CallerCodeKeymap.history)
        #expect(m.overlay == nil && m.continuity.codes["c-1"]?.code == Self.code)
    }

    @Test func anEmptyEnterGivesANewCodeShownAtWrapUp() throws {
        var m = TUIFixtures.model(.call(TUIFixtures.draft(.wrapUp)))
        let s = m.strings
        m.press(Action.callerCode)
        #expect(m.press(CallerCodeAction.submit) == [.issueCallerCode(callID: "c-1")])
        _ = AppUpdate.update(&m, .callerCodeAttached(callID: "c-1", AttachedCallerCode(code: Self.code, issued: true, earlierCalls: nil),
                                                     history: [], failure: nil))
        #expect(m.message?.text == s.format("callerCode.issued", Self.code.spoken))
        #expect(Screen.render(m).text.contains(s.format("wrapUp.callerCodeIssued", Self.code.spoken)))
        // A refusal says so, and nothing is shown as attached.
        var n = TUIFixtures.model(.call(TUIFixtures.draft(.wrapUp)))
        _ = AppUpdate.update(&n, .callerCodeAttached(callID: "c-1", nil, history: [], failure: "database is locked"))
        #expect(n.message?.style == .alert && n.continuity.codes.isEmpty)
    }

    /// Two calls alike in everything the console knows (psychologist, profile, time): their new
    /// codes differ, and the stored code is the drawn one — it encodes nothing of the call.
    @Test func theConsoleDrawsACodeFromRandomnessAloneAndTheStoreLinksTheCalls() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecoute-codes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try StoreFactory.open(.sqlite(path: folder.appendingPathComponent("ecoute.sqlite").path),
                                          seed: StoreSeed(geography: TestResources.geography, sampleDirectory: nil))
        let me = ConsoleIdentity(id: "console-psy", host: "poste-1", pid: 1234, operatorName: "psy-test")
        let effects = ConsoleEffects(calls: store.calls(shiftID: nil, console: me), directory: store.directory, leases: store.leases,
                                     console: me, operators: store.operators, clock: { TUIFixtures.t0 + 900 }, processExists: { _ in true },
                                     callerCodes: store.callerCodes)
        var codes: [CallerCode] = []
        for id in ["twin-1", "twin-2"] {
            var draft = TUIFixtures.draft(.wrapUp)
            draft.id = id
            try store.calls(shiftID: nil, console: me).persist(draft)
            var answer: AppEvent?
            effects.run(.issueCallerCode(callID: id)) { answer = $0 }
            guard case .callerCodeAttached(_, let attached?, _, nil)? = answer else { Issue.record("\(String(describing: answer))"); return }
            #expect(attached.issued)
            #expect(try store.callerCodes.code(ofCall: id, visibleTo: Viewer(name: "psy-test", role: .psychologist)) == attached.code)
            codes.append(attached.code)
        }
        #expect(codes[0] != codes[1])
        // The caller says the first code at a third call: the first is found (saved calls only).
        var first = TUIFixtures.draft(.wrapUp)
        first.id = "twin-1"
        first.phase = .saved
        first.level = .anxiety
        first.savedAt = TUIFixtures.t0 + 800
        try store.calls(shiftID: nil, console: me).persist(first)
        var third = TUIFixtures.draft(.inCall)
        third.id = "third"
        try store.calls(shiftID: nil, console: me).persist(third)
        var answer: AppEvent?
        effects.run(.readCallerHistory(codes[0], callID: "third")) { answer = $0 }
        guard case .callerCodeAttached(_, let attached?, let history, nil)? = answer else { Issue.record("\(String(describing: answer))"); return }
        #expect(!attached.issued && attached.earlierCalls == 1 && history.map(\.callID) == ["twin-1"])
        #expect(history.first?.notes == TUIFixtures.draft().notes)   // her own call: her notes
    }
}
