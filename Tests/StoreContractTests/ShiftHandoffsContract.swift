import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Shift handoffs: the store counts what an operator leaves in progress; the note is written by
/// its own operator only and read by everyone.
@Suite struct ShiftHandoffsContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func theCountIsTheStoresAndTheNoteIsReadByTheNextShift(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let store = opened.store
        let now = Date()
        try store.calls(shiftID: nil).persist(CallDraft(id: "open1", operatorName: "alice", pickedUpAt: now - 600))
        try store.calls(shiftID: nil).persist(F.savedCall("done1", by: "alice", at: now - 3600, level: .suicidalIdeation))
        try store.calls(shiftID: nil).persist(CallDraft(id: "bobs", operatorName: "bob", pickedUpAt: now - 60))
        try store.followUps.set(FollowUp(callID: "done1", kind: .callerCallsBack, dueAt: now + 3600, setBy: "alice", setAt: now - 3000), by: F.alice)
        try store.callbacks.request(CallbackRequest(id: "r1", callID: "done1", requestedBy: "alice", motif: "cadre", urgency: .today, requestedAt: now - 3000),
                                    number: try CallbackNumber.parse("0612345678").get())
        var facts = try store.handoffs.facts(id: "h1", shiftID: nil, of: "alice", now: now)
        #expect(facts.callsInProgress == ["open1"] && facts.followUpsDue == 1 && facts.callbacksOpen == 1 && facts.alertsOpen == 0)
        facts.text = "appel en cours repris par un cadre"
        #expect(throws: AccessDenied.self) { try store.handoffs.write(facts, by: F.bob) }
        try store.handoffs.write(facts, by: F.alice)
        let recent = try store.handoffs.recent(since: now - 3600)
        #expect(recent.map(\.id) == ["h1"] && recent.first?.callsInProgress == ["open1"] && recent.first?.text == facts.text)
        #expect(try store.handoffs.recent(since: now + 3600).isEmpty)
    }
}
