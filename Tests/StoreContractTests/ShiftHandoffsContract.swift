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
        facts.handedTo = ["open1": "bob"]
        facts.line = "police"
        #expect(throws: AccessDenied.self) { try store.handoffs.write(facts, by: F.bob) }
        try store.handoffs.write(facts, by: F.alice)
        let recent = try store.handoffs.recent(since: now - 3600)
        #expect(recent.map(\.id) == ["h1"] && recent.first?.callsInProgress == ["open1"] && recent.first?.text == facts.text)
        #expect(recent.first?.handedTo == ["open1": "bob"] && recent.first?.line == "police")
        #expect(try store.handoffs.recent(since: now + 3600).isEmpty)
    }

    /// Ending a shift hands each unfinished call over explicitly: to a colleague on shift (the call
    /// becomes theirs, free for their console to resume) or to the supervisors; the lease ends and
    /// the audit log keeps who handed what to whom and when. Only one's own unfinished call, only
    /// to someone on shift.
    @Test(arguments: StoreBackend.allCases)
    func anUnfinishedCallIsHandedToAColleagueOnShiftOrToTheSupervisorsAndAudited(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let store = opened.store
        let now = Date()
        try store.shifts.startShift("s-alice", operatorName: "alice", at: now - 2)
        try store.shifts.startShift("s-bob", operatorName: "bob", at: now - 2)
        try store.shifts.startShift("s-carol", operatorName: "carol", at: now - 3600)   // silent for an hour: not on shift
        let console = ConsoleIdentity(id: "console-alice", host: "poste-1", pid: 101, operatorName: "alice")
        try store.calls(shiftID: "s-alice", console: console).persist(CallDraft(id: "open1", operatorName: "alice", pickedUpAt: now - 600))
        try store.calls(shiftID: "s-alice", console: console).persist(CallDraft(id: "open2", operatorName: "alice", pickedUpAt: now - 300))
        try store.calls(shiftID: nil).persist(CallDraft(id: "bobs", operatorName: "bob", pickedUpAt: now - 60))
        try store.calls(shiftID: nil).finalize(F.savedCall("done1", by: "alice", at: now - 3600))
        #expect(try store.leases.holders(of: ["open1"])["open1"]?.console == console)

        #expect(try store.handoffs.colleaguesOnShift(besides: "alice", now: now) == ["bob"])
        #expect(throws: HandoverRefused.self) { try store.handoffs.handOver("open1", to: "carol", by: F.alice, from: console, at: now) }
        #expect(throws: HandoverRefused.self) { try store.handoffs.handOver("open1", to: "alice", by: F.alice, from: console, at: now) }
        #expect(throws: HandoverRefused.self) { try store.handoffs.handOver("done1", to: "bob", by: F.alice, from: console, at: now) }
        #expect(throws: AccessDenied.self) { try store.handoffs.handOver("bobs", to: nil, by: F.alice, from: console, at: now) }
        #expect(try store.calls(shiftID: nil).unfinishedCalls(operatorName: "bob").map(\.id) == ["bobs"])

        try store.handoffs.handOver("open1", to: "bob", by: F.alice, from: console, at: now)
        try store.handoffs.handOver("open2", to: nil, by: F.alice, from: console, at: now)
        // open1 is bob's now, held by nobody: bob's console offers it and resumes it by a takeover.
        #expect(Set(try store.calls(shiftID: nil).unfinishedCalls(operatorName: "bob").map(\.id)) == ["bobs", "open1"])
        #expect(try store.leases.holders(of: ["open1", "open2"]).isEmpty)
        // open2 stays alice's, for the supervisors to close or reassign from the board.
        #expect(try store.calls(shiftID: nil).unfinishedCalls(operatorName: "alice").map(\.id) == ["open2"])
        let toBob = try #require(try store.review.auditLog(callID: "open1").last)
        #expect(toBob.field == CallHandover.auditField && toBob.by == "alice" && toBob.oldValue == "alice" && toBob.newValue == "bob")
        let toSupervisors = try #require(try store.review.auditLog(callID: "open2").last)
        #expect(toSupervisors.field == CallHandover.auditField && toSupervisors.oldValue == "alice" && toSupervisors.newValue == "")
        // Handed once: alice cannot hand bob's call on.
        #expect(throws: AccessDenied.self) { try store.handoffs.handOver("open1", to: nil, by: F.alice, from: console, at: now) }
        let problems = try store.maintenance.check()
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A call the operator's other console is answering (it beats) is not handed over from this
    /// one: the engine says which console holds it. Once that console has been silent past the
    /// limit, the call is handed over like any other.
    @Test(arguments: StoreBackend.allCases)
    func aCallAnsweredOnTheOperatorsOtherConsoleIsNotHandedOver(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let store = opened.store
        let now = Date()
        try store.shifts.startShift("s-alice", operatorName: "alice", at: now - 2)
        let here = ConsoleIdentity(id: "console-alice", host: "poste-1", pid: 101, operatorName: "alice")
        let there = ConsoleIdentity(id: "console-alice-2", host: "poste-3", pid: 303, operatorName: "alice")
        try store.calls(shiftID: "s-alice", console: there).persist(CallDraft(id: "live", operatorName: "alice", pickedUpAt: now - 60))
        #expect(try store.leases.heartbeat(there, at: now) == 1)
        let refusal = #expect(throws: CallHeldElsewhere.self) { try store.handoffs.handOver("live", to: nil, by: F.alice, from: here, at: now) }
        #expect(refusal?.holder?.console == there)
        #expect(try store.leases.holders(of: ["live"])["live"]?.console == there)
        #expect(try store.review.auditLog(callID: "live").filter { $0.field == CallHandover.auditField }.isEmpty)
        // The console holding a call hands it over itself.
        try store.calls(shiftID: "s-alice", console: there).persist(CallDraft(id: "kept", operatorName: "alice", pickedUpAt: now - 30))
        try store.handoffs.handOver("kept", to: nil, by: F.alice, from: there, at: now)
        // Silent past the limit, the other console is taken for dead: its call is handed over.
        try opened.backdateLeases(Int(CallHolder.silenceLimit) + 10)
        try store.handoffs.handOver("live", to: nil, by: F.alice, from: here, at: now)
        #expect(try store.leases.holders(of: ["live"]).isEmpty)
        #expect(try store.review.auditLog(callID: "live").last?.field == CallHandover.auditField)
    }

    /// Handoff notes are free text: `ecoute purge` removes those past the line's retention (30
    /// days unless a supervisor sets another, 1–365), by the engine's clock.
    @Test(arguments: StoreBackend.allCases)
    func handoffNotesPastTheLinesRetentionArePurged(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let store = opened.store
        let now = Date()
        #expect(try store.handoffs.retentionDays() == ShiftHandoff.defaultRetentionDays)
        #expect(throws: AccessDenied.self) { try store.handoffs.setRetention(days: 10, by: F.alice, at: now) }
        #expect(throws: CorrectionRefused.self) { try store.handoffs.setRetention(days: 0, by: F.chef, at: now) }
        #expect(throws: CorrectionRefused.self) { try store.handoffs.setRetention(days: 400, by: F.chef, at: now) }
        try store.handoffs.write(ShiftHandoff(id: "old", shiftID: nil, operatorName: "alice", writtenAt: now, text: "ancienne"), by: F.alice)
        try opened.backdateHandoffs(31)
        try store.handoffs.write(ShiftHandoff(id: "new", shiftID: nil, operatorName: "alice", writtenAt: now, text: "récente"), by: F.alice)
        #expect(try store.maintenance.check().filter { $0.kind == .retention }.map(\.detail) == [ShiftHandoffRetention.problem(1).detail])
        #expect(throws: AccessDenied.self) { try store.handoffs.purge(by: F.alice, now: now, dryRun: false) }
        #expect(try store.handoffs.purge(by: F.chef, now: now, dryRun: true) == ["old"])
        #expect(try store.handoffs.recent(since: now - 40 * 86400).map(\.id) == ["new", "old"])
        #expect(try store.handoffs.purge(by: F.chef, now: now, dryRun: false) == ["old"])
        #expect(try store.handoffs.recent(since: now - 40 * 86400).map(\.id) == ["new"])
        #expect(try !store.maintenance.check().map(\.kind).contains(.retention))
        // A longer retention set by a supervisor keeps what the default would remove.
        try store.handoffs.setRetention(days: 60, by: F.chef, at: now)
        #expect(try store.handoffs.retentionDays() == 60)
        try opened.backdateHandoffs(45)
        #expect(try store.handoffs.purge(by: F.chef, now: now, dryRun: false).isEmpty)
        try opened.backdateHandoffs(20)
        #expect(try store.handoffs.purge(by: F.chef, now: now, dryRun: false) == ["new"])
    }
}
