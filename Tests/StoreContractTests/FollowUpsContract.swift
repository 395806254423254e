import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Follow-ups: set by the call's psychologist, listed when due, closed by the caller's later call
/// with their code or by the supervisors' callback.
@Suite struct FollowUpsContract {
    typealias F = ContractFixtures
    static let code = CallerCode(values: [1, 2, 3, 4, 5, 6])

    @Test(arguments: StoreBackend.allCases)
    func aCallerWhoCallsBackWithTheirCodeClosesTheFollowUp(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let store = opened.store
        let now = Date()
        try store.calls(shiftID: nil).persist(F.savedCall("a1", by: "alice", at: now - 3 * 86400, level: .suicidalIdeation))
        try store.calls(shiftID: nil).persist(F.savedCall("a2", by: "alice", at: now - 2 * 86400, level: .suicidalIdeation))
        try store.calls(shiftID: nil).persist(F.savedCall("b1", by: "bob", at: now - 86400, level: .imminentRisk))
        try store.callerCodes.attach(Self.code, toCall: "a1", issued: true, by: F.alice, at: now - 3 * 86400)
        let follow = store.followUps
        try follow.set(FollowUp(callID: "a1", kind: .callerCallsBack, dueAt: now - 86400, setBy: "alice", setAt: now - 3 * 86400), by: F.alice)
        try follow.set(FollowUp(callID: "a2", kind: .callerCallsBack, dueAt: now + 86400, setBy: "alice", setAt: now - 2 * 86400), by: F.alice)
        try follow.set(FollowUp(callID: "b1", kind: .supervisorCallback, dueAt: now + 3600, setBy: "bob", setAt: now - 86400), by: F.bob)
        #expect(throws: AccessDenied.self) {
            try follow.set(FollowUp(callID: "a1", kind: .supervisorCallback, dueAt: now, setBy: "bob", setAt: now), by: F.bob)
        }
        // Due within two days: a1 overdue, a2 pending, b1 waiting for a callback request.
        let due = try follow.due(before: now + 2 * 86400, visibleTo: F.chef, now: now)
        #expect(due.map(\.followUp.callID) == ["a1", "b1", "a2"])
        #expect(due.map(\.outcome) == [.overdue, .callback(nil), .pending])
        #expect(try follow.due(before: now + 2 * 86400, visibleTo: F.bob, now: now).map(\.followUp.callID) == ["b1"])
        // The caller calls back with the code (to Bob): a1's follow-up is met, late.
        try store.calls(shiftID: nil).persist(F.savedCall("b2", by: "bob", at: now - 600))
        try store.callerCodes.attach(Self.code, toCall: "b2", issued: false, by: F.bob, at: now - 500)
        let a1 = try #require(try follow.followUp(ofCall: "a1", visibleTo: F.alice, now: now))
        guard case .callerCalledBack(let at, let onTime) = a1.outcome else { Issue.record("\(a1.outcome)"); return }
        #expect(abs(at.timeIntervalSince(now - 600)) < 1 && !onTime && a1.level == .suicidalIdeation)
        // The supervisors call b1's caller back: closed when the queue closes it.
        try store.callbacks.request(CallbackRequest(id: "r1", callID: "b1", requestedBy: "bob", motif: "suite", urgency: .today, requestedAt: now - 60),
                                    number: try CallbackNumber.parse("0612345678").get())
        #expect(try follow.followUp(ofCall: "b1", visibleTo: F.chef, now: now)?.outcome == .callback(.waiting))
        try store.callbacks.act(.take, on: "r1", by: F.chef, at: now - 30)
        try store.callbacks.act(.calledBack, on: "r1", by: F.chef, at: now - 10)
        #expect(try follow.followUp(ofCall: "b1", visibleTo: F.chef, now: now)?.outcome == .callback(.calledBack))
        #expect(try follow.due(before: now + 2 * 86400, visibleTo: F.chef, now: now).map(\.followUp.callID) == ["a2"])
        // Alice does not see Bob's follow-up.
        #expect(try follow.followUp(ofCall: "b1", visibleTo: F.alice, now: now) == nil)
    }
}
