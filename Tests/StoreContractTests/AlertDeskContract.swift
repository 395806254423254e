import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Alerts reach every console through the store, are taken once, and supervisors on duty are
/// known by what their consoles report.
@Suite struct AlertDeskContract {
    typealias F = ContractFixtures

    static func alert(_ id: String, call: String, at: Date) -> Alert {
        Alert(id: id, callID: call, operatorName: "alice", departement: "69", level: .imminentRisk, reason: .imminentRisk,
              callElapsed: 600, raisedAt: at)
    }

    @Test(arguments: StoreBackend.allCases)
    func anAlertIsRaisedOncePerCallTakenOnceAndKeptWithTheCall(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0))
        let desk = opened.store.alerts
        let feed = try opened.store.changeFeed()
        let raised = try desk.raise(Self.alert("a1", call: "c1", at: F.t0 + 600))
        #expect(try feed.poll())   // the other consoles notice
        // The supervisor step on the same call while it is open: the same alert, not a second.
        var again = Self.alert("a2", call: "c1", at: F.t0 + 620)
        again.reason = .supervisorStep
        #expect(try desk.raise(again) == raised)
        #expect(try desk.openAlerts().map(\.id) == ["a1"])
        let taken = try desk.take("a1", by: "chef", at: F.t0 + 650)
        #expect(taken.takenBy == "chef" && taken.timeToTake == 50)
        #expect(throws: AlertAlreadyTaken.self) { try desk.take("a1", by: "autre-chef", at: F.t0 + 651) }
        #expect(try desk.openAlerts().isEmpty)
        #expect(try desk.alerts(ofCall: "c1") == [taken])
        #expect(try desk.alerts(since: F.t0).map(\.id) == ["a1"])
        // Read with the call, for review and reports.
        #expect(try opened.store.review.calls(CallQuery(), visibleTo: F.chef).first?.alerts == [taken])
        // Taken, a new alert on the same call is a new one.
        #expect(try desk.raise(Self.alert("a3", call: "c1", at: F.t0 + 700)).id == "a3")
    }

    @Test(arguments: StoreBackend.allCases)
    func anAlertRaisedByMistakeKeepsItsRaiseAndStillWaitsForASupervisor(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0))
        let desk = opened.store.alerts
        let raised = try desk.raise(Self.alert("a1", call: "c1", at: F.t0 + 600))
        let marked = try desk.markRaisedByMistake(callID: "c1", reason: "F9 au lieu de F5", at: F.t0 + 610)
        #expect(marked.map(\.id) == ["a1"])
        let expected = RaisedByMistake(reason: "F9 au lieu de F5", markedAt: F.t0 + 610)
        #expect(marked.first?.raisedByMistake == expected && marked.first?.raisedAt == raised.raisedAt)
        // Marked once: a second marking changes nothing; the alert is still open for a supervisor.
        #expect(try desk.markRaisedByMistake(callID: "c1", reason: "autre", at: F.t0 + 620).isEmpty)
        #expect(try desk.openAlerts().map(\.raisedByMistake) == [expected])
        #expect(try desk.openAlerts().first?.isEscalated(now: F.t0 + 3600, after: Alert.defaultEscalationDelay) == false)
        let taken = try desk.take("a1", by: "chef", at: F.t0 + 650)
        #expect(taken.raisedByMistake == expected && taken.takenBy == "chef")
        #expect(try opened.store.review.calls(CallQuery(), visibleTo: F.chef).first?.alerts == [taken])
    }

    /// The protocol withdrawn as raised by mistake, then the call reaches level 5 again (or its
    /// supervisor step is marked): a new alert, open and not marked, that escalates like any —
    /// never the one marked, which the supervisors read as a mistake.
    @Test(arguments: StoreBackend.allCases)
    func anAlertRaisedAgainAfterOneMarkedAsAMistakeIsANewLiveAlert(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0))
        let desk = opened.store.alerts
        _ = try desk.raise(Self.alert("a1", call: "c1", at: F.t0 + 600))
        _ = try desk.markRaisedByMistake(callID: "c1", reason: "5 au lieu de 4", at: F.t0 + 610)
        let again = try desk.raise(Self.alert("a2", call: "c1", at: F.t0 + 900))
        #expect(again.id == "a2" && again.raisedByMistake == nil)
        #expect(try desk.openAlerts().map(\.id).sorted() == ["a1", "a2"])
        #expect(try desk.openAlerts().first { $0.id == "a2" }?.isEscalated(now: F.t0 + 3600, after: Alert.defaultEscalationDelay) == true)
        // While that one is open, the call's next raise is the same alert.
        var step = Self.alert("a3", call: "c1", at: F.t0 + 920)
        step.reason = .supervisorStep
        #expect(try desk.raise(step).id == "a2")
    }

    @Test(arguments: StoreBackend.allCases)
    func consolesReportWhatTheyDoAndLeave(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let desk = opened.store.alerts
        let console = ConsoleIdentity(id: "k1", host: "poste-1", pid: 11, operatorName: "alice")
        var presence = ConsolePresence(console: console, shiftID: nil, activity: .free, callID: nil, callStartedAt: nil, level: nil,
                                       heartbeatAt: F.t0)
        try desk.report(presence)
        presence.activity = .emergency
        presence.callID = "c9"
        presence.callStartedAt = F.t0 + 5
        presence.level = .imminentRisk
        presence.heartbeatAt = F.t0 + 10
        presence.line = "police"   // the line it answers: its call's
        try desk.report(presence)
        #expect(try desk.presences() == [presence])
        #expect(try desk.presences().first?.line == "police")
        try desk.leave("k1")
        #expect(try desk.presences().isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func supervisorsPhonesAreKeptWithTheirRole(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        try opened.store.operators.saveOperator(OperatorRecord(name: "chef", role: .supervisor, systemUser: "chef", phone: "06 99 00 00 01"),
                                                now: F.t0)
        #expect(try opened.store.operators.operators().first?.phone == "06 99 00 00 01")
    }

    @Test(arguments: StoreBackend.allCases)
    func aSupervisorClosesOrReassignsAnOrphanedCallWithAReason(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let gone = ConsoleIdentity(id: "gone", host: "poste-9", pid: 9, operatorName: "alice")
        try opened.store.calls(shiftID: nil, console: gone).persist(CallDraft(id: "o1", operatorName: "alice", pickedUpAt: F.t0))
        try opened.store.calls(shiftID: nil, console: gone).persist(CallDraft(id: "o2", operatorName: "alice", pickedUpAt: F.t0 + 1))
        let review = opened.store.review
        #expect(throws: AccessDenied.self) { try review.closeUnfinished(callID: "o1", reason: "x", by: F.alice, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.closeUnfinished(callID: "o1", reason: " ", by: F.chef, at: F.t0) }
        try review.closeUnfinished(callID: "o1", reason: "poste éteint, appelant rappelé par la cadre", by: F.chef, at: F.t0 + 100)
        // Only to an operator of the line who answers calls (names of their own: on PostgreSQL
        // they are roles of the test cluster, shared by every test).
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let bob = "bob-\(suffix)", trainer = "formatrice-\(suffix)"
        try opened.store.operators.saveOperator(OperatorRecord(name: bob, role: .psychologist, systemUser: bob), now: F.t0)
        try opened.store.operators.saveOperator(OperatorRecord(name: trainer, role: .trainer, systemUser: trainer), now: F.t0)
        #expect(try review.reassignableOperators().contains(bob) && !review.reassignableOperators().contains(trainer))
        for stranger in ["personne-inconnue", trainer] {
            #expect(throws: CorrectionRefused.self) { try review.reassignUnfinished(callID: "o2", to: stranger, reason: "x", by: F.chef, at: F.t0 + 101) }
        }
        try review.reassignUnfinished(callID: "o2", to: bob, reason: "alice partie", by: F.chef, at: F.t0 + 101)
        #expect(try opened.store.calls(shiftID: nil).unfinishedCalls(operatorName: "alice").isEmpty)
        #expect(try opened.store.calls(shiftID: nil).unfinishedCalls(operatorName: bob).map(\.id) == ["o2"])
        #expect(try opened.store.leases.holders(of: ["o1", "o2"]).isEmpty)
        #expect(try review.auditLog(callID: "o1").map(\.newValue) == ["closed"])
        #expect(try review.auditLog(callID: "o2").map { [$0.oldValue, $0.newValue] } == [["alice", bob]])
        // A closed call takes no more writes and cannot be closed again.
        #expect(throws: CorrectionRefused.self) { try review.closeUnfinished(callID: "o1", reason: "x", by: F.chef, at: F.t0) }
        #expect(throws: CallHeldElsewhere.self) {
            try opened.store.calls(shiftID: nil).persist(CallDraft(id: "o1", operatorName: "alice", pickedUpAt: F.t0))
        }
    }
}

/// An alert sent again after its first try did not reach the store is recorded at its arrival:
/// after the lock it waited for, not when the console asked (the board's wait and its 2-minute
/// re-alert count from then, and its lateness is the real one).
@Suite struct LateAlertArrivalTests {
    typealias F = ContractFixtures

    @Test func aLateAlertIsRecordedAtItsArrivalWithItsLatenessFromItsFirstRaise() throws {
        let opened = try StoreBackend.sqlite.open()
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c1", operatorName: "alice", pickedUpAt: F.t0))
        var late = AlertDeskContract.alert("a1", call: "c1", at: F.t0 + 612)   // asked again at +612…
        late.lateBy = 12                                                       // …12 s after its first raise
        let landed = try opened.store.alerts.raise(late, arrival: { F.t0 + 629 })   // …and taken at +629
        #expect(landed.raisedAt == F.t0 + 629 && landed.lateBy == 29)
        #expect(try opened.store.alerts.openAlerts().map(\.raisedAt) == [F.t0 + 629])
        // On time, it is recorded as raised.
        try opened.store.calls(shiftID: nil).persist(CallDraft(id: "c2", operatorName: "alice", pickedUpAt: F.t0))
        let onTime = try opened.store.alerts.raise(AlertDeskContract.alert("a2", call: "c2", at: F.t0 + 700), arrival: { F.t0 + 999 })
        #expect(onTime.raisedAt == F.t0 + 700 && onTime.lateBy == nil)
    }
}
