import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Operators, shifts, who may see which calls, and supervisors' corrections with their audit
/// log: decided by the backend, the same on every engine.
@Suite struct ReviewContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func aPsychologistSeesOnlyTheirOwnShiftsAndCalls(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let (a, b) = try F.twoShifts(opened.store)
        let review = opened.store.review, shifts = opened.store.shifts
        #expect(try shifts.shifts(visibleTo: F.alice).map(\.id) == [a])
        #expect(try review.calls(CallQuery(), visibleTo: F.alice).map(\.id) == ["a1", "a2"])
        #expect(try review.calls(CallQuery(shiftID: b), visibleTo: F.alice).isEmpty)
        #expect(throws: AccessDenied.self) { try review.calls(CallQuery(operatorName: "bob"), visibleTo: F.alice) }
        // A supervisor sees everything.
        #expect(Set(try shifts.shifts(visibleTo: F.chef).map(\.id)) == [a, b])
        #expect(try review.calls(CallQuery(), visibleTo: F.chef).map(\.id) == ["a1", "a2", "b1"])
        #expect(try review.calls(CallQuery(operatorName: "bob"), visibleTo: F.chef).map(\.id) == ["b1"])
        #expect(try review.calls(CallQuery(from: F.t0 + 1000, to: F.t0 + 4000), visibleTo: F.chef).map(\.id) == ["a2"])
    }

    @Test(arguments: StoreBackend.allCases)
    func shiftsCarryTheirCallsTotalTimeAndEnd(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let (a, b) = try F.twoShifts(opened.store)
        let shifts = try opened.store.shifts.shifts(visibleTo: F.chef)
        let alices = try #require(shifts.first { $0.id == a })
        #expect(alices.callCount == 2 && alices.totalDuration == 2400 && alices.endedAt == F.t0 + 7200)
        #expect(shifts.first { $0.id == b }?.endedAt == nil)   // still open
        #expect(shifts.map(\.id) == [b, a])                      // newest first
    }

    /// The shift list counts as every report counts: saved calls only, each in whole seconds.
    /// By hand: s1 saved, 1499.6 s → 1500; s2 saved, 600.4 s → 600; w ended but not saved and t
    /// still talking count nowhere. Two calls, 2100 s.
    @Test(arguments: StoreBackend.allCases)
    func theShiftListCountsSavedCallsInWholeSeconds(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let shift = try opened.store.shifts.startShift(operatorName: "alice", at: F.t0)
        let calls = opened.store.calls(shiftID: shift)
        var s1 = F.savedCall("s1", by: "alice", at: F.t0 + 60)
        s1.endedAt = s1.pickedUpAt + 1499.6
        var s2 = F.savedCall("s2", by: "alice", at: F.t0 + 3000)
        s2.endedAt = s2.pickedUpAt + 600.4
        var w = CallDraft(id: "w", operatorName: "alice", pickedUpAt: F.t0 + 5000)
        w.phase = .wrapUp
        w.endedAt = w.pickedUpAt + 900
        w.level = .burnout
        let t = CallDraft(id: "t", operatorName: "alice", pickedUpAt: F.t0 + 7000)
        for c in [s1, s2, w, t] { try calls.persist(c) }
        let listed = try #require(try opened.store.shifts.shifts(visibleTo: F.alice).first { $0.id == shift })
        #expect(listed.callCount == 2)
        #expect(listed.totalDuration == 2100)
    }

    /// A report's corrections: those of the calls the query and the viewer's role select, oldest
    /// first. By hand: a2 (alice, shift a) corrected twice, b1 (bob, shift b) once.
    @Test(arguments: StoreBackend.allCases)
    func correctionsFollowTheQueryAndTheViewer(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let (a, b) = try F.twoShifts(opened.store)
        let review = opened.store.review
        try review.correct(callID: "a2", field: .level, to: "5", reason: "relu", by: F.chef, at: F.t0 + 8000)
        try review.correct(callID: "b1", field: .hospitalisation, to: "oui", reason: "dit au rappel", by: F.chef, at: F.t0 + 8050)
        try review.correct(callID: "a2", field: .addiction, to: "oui", reason: "alcool", by: F.chef, at: F.t0 + 8100)
        let all = try review.corrections(CallQuery(), visibleTo: F.chef)
        #expect(all.map(\.callID) == ["a2", "b1", "a2"])
        #expect(all.map(\.field) == ["level", "hospitalisation", "addiction"])
        #expect(all[0].oldValue == "4" && all[0].newValue == "5" && all[0].by == "chef" && all[0].at == F.t0 + 8000)
        #expect(try review.corrections(CallQuery(), visibleTo: F.alice).map(\.callID) == ["a2", "a2"])
        #expect(try review.corrections(CallQuery(shiftID: b), visibleTo: F.chef).map(\.callID) == ["b1"])
        #expect(try review.corrections(CallQuery(shiftID: a), visibleTo: F.chef).count == 2)
        #expect(try review.corrections(CallQuery(from: F.t0 + 3000), visibleTo: F.chef).map(\.callID) == ["b1"])
        #expect(throws: AccessDenied.self) { try review.corrections(CallQuery(operatorName: "bob"), visibleTo: F.alice) }
    }

    /// A shift whose console died is interrupted at its last sign of life once the console has
    /// been silent 20 s (the board's « perdue »). By hand: shift x's console beat last at t0+100
    /// (still open at t0+119, interrupted at t0+100 from t0+120); shift y has no heartbeat kept,
    /// its call last changed at t0+50; shift z ended normally.
    @Test(arguments: StoreBackend.allCases)
    func aShiftWhoseConsoleDiedIsInterruptedAtItsLastSign(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let log = opened.store.shifts
        try log.startShift("x", operatorName: "alice", at: F.t0)
        try log.startShift("y", operatorName: "alice", at: F.t0 + 10)
        try log.startShift("z", operatorName: "alice", at: F.t0 + 20)
        try log.endShift("z", at: F.t0 + 30)
        try opened.store.alerts.report(ConsolePresence(console: ConsoleIdentity(id: "k1", host: "poste-1", pid: 42, operatorName: "alice"),
                                                       shiftID: "x", activity: .free, callID: nil, callStartedAt: nil, level: nil,
                                                       heartbeatAt: F.t0 + 100))
        var call = CallDraft(id: "y1", operatorName: "alice", pickedUpAt: F.t0 + 40)
        call.updatedAt = F.t0 + 50
        try opened.store.calls(shiftID: "y").persist(call)
        func shift(_ id: String, at now: Date) throws -> Shift? { try log.shifts(visibleTo: F.alice, now: now).first { $0.id == id } }
        #expect(try shift("x", at: F.t0 + 119)?.interruptedAt == nil)
        #expect(try shift("x", at: F.t0 + 120)?.interruptedAt == F.t0 + 100)
        #expect(try shift("x", at: F.t0 + 120)?.endedAt == nil)
        #expect(try shift("y", at: F.t0 + 69)?.interruptedAt == nil)
        #expect(try shift("y", at: F.t0 + 70)?.interruptedAt == F.t0 + 50)
        #expect(try shift("z", at: F.t0 + 1000)?.interruptedAt == nil)
    }

    /// A report's takeovers: who had the call, until when, who took it over — for the calls the
    /// query and the viewer's role select. By hand: alice's a3 held by console k1 (poste-1, last
    /// beat t0+5000) taken over by k2 (poste-2) at t0+5100.
    @Test(arguments: StoreBackend.allCases)
    func takeoversFollowTheQueryAndTheViewer(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let (a, b) = try F.twoShifts(opened.store)
        let k1 = ConsoleIdentity(id: "k1", host: "poste-1", pid: 11, operatorName: "alice")
        let k2 = ConsoleIdentity(id: "k2", host: "poste-2", pid: 22, operatorName: "alice")
        try opened.store.calls(shiftID: a, console: k1).persist(CallDraft(id: "a3", operatorName: "alice", pickedUpAt: F.t0 + 4900))
        try opened.store.leases.heartbeat(k1, at: F.t0 + 5000)
        let seen = try #require(try opened.store.leases.holders(of: ["a3"])["a3"])
        try opened.store.leases.takeOver("a3", from: seen, by: k2, at: F.t0 + 5100)
        let all = try opened.store.review.takeovers(CallQuery(), visibleTo: F.chef)
        #expect(all.count == 1)
        #expect(all.first?.callID == "a3" && all.first?.at == F.t0 + 5100 && all.first?.by == k2)
        #expect(all.first?.from?.console == k1 && all.first?.from?.heartbeatAt == F.t0 + 5000)
        #expect(try opened.store.review.takeovers(CallQuery(), visibleTo: F.alice).map(\.callID) == ["a3"])
        #expect(try opened.store.review.takeovers(CallQuery(), visibleTo: F.bob).isEmpty)
        #expect(try opened.store.review.takeovers(CallQuery(shiftID: b), visibleTo: F.chef).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func aResumedCallKeepsItsShift(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let (a, _) = try F.twoShifts(opened.store)
        var open = CallDraft(id: "a3", operatorName: "alice", pickedUpAt: F.t0 + 5000)
        try opened.store.calls(shiftID: a).persist(open)
        // A later console run picks it up again: it stays in the shift it started in.
        let later = try opened.store.shifts.startShift(operatorName: "alice", at: F.t0 + 9000)
        open.notes = "reprise"
        try opened.store.calls(shiftID: later).persist(open)
        #expect(try opened.store.review.calls(CallQuery(shiftID: a), visibleTo: F.alice).map(\.id) == ["a1", "a2", "a3"])
        #expect(try opened.store.review.calls(CallQuery(shiftID: later), visibleTo: F.alice).isEmpty)
    }

    /// Streaming crosses page boundaries without losing or repeating a call, in order, each
    /// with its own referrals, reasons and alerts — also when another operator's calls, with
    /// theirs, lie between (a psychologist's report leaves them out).
    @Test(arguments: StoreBackend.allCases)
    func everyCallIsStreamedOnceInOrder(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var expected: [String] = [], alices: [String] = []
        for i in 0..<1203 {
            // Several calls share a pick-up time, so the order falls back on the id.
            var c = F.savedCall(String(format: "k%04d", i), by: i % 5 == 4 ? "bob" : "alice", at: F.t0 + TimeInterval(i / 3))
            c.referrals = [Referral(kind: .gp, entryID: nil, name: "Dr \(i)", contact: "x", tier: .region)]
            if i % 3 == 0 { c.referralGaps = [.psychiatrist: ReferralGap(reason: .other, note: "n\(i)")] }
            try calls.persist(c)
            if i % 7 == 0 {
                _ = try opened.store.alerts.raise(Alert(id: "alert-\(i)", callID: c.id, operatorName: c.operatorName, departement: "69",
                                                        level: .imminentRisk, reason: .imminentRisk, callElapsed: 60,
                                                        raisedAt: F.t0 + TimeInterval(i)))
            }
            expected.append(c.id)
            if c.operatorName == "alice" { alices.append(c.id) }
        }
        for (viewer, ids) in [(F.chef, expected), (F.alice, alices)] {
            var seen: [String] = []
            try opened.store.review.forEachCall(CallQuery(), visibleTo: viewer) { c in
                let i = Int(c.id.dropFirst())!
                #expect(c.referrals.map(\.name) == ["Dr \(i)"])
                #expect(c.referralGaps.mapValues(\.note) == (i % 3 == 0 ? [.psychiatrist: "n\(i)"] : [:]), "\(c.id)")
                #expect(c.alerts.map(\.id) == (i % 7 == 0 ? ["alert-\(i)"] : []), "\(c.id)")
                seen.append(c.id)
            }
            #expect(seen == ids)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func everySupervisorCorrectionIsInTheAuditLog(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        _ = try F.twoShifts(opened.store)
        let review = opened.store.review
        try review.correct(callID: "a2", field: .level, to: "5", reason: "idées avec projet, relu avec l'écoutante", by: F.chef, at: F.t0 + 8000)
        try review.correct(callID: "a2", field: .addiction, to: "oui", reason: "alcool mentionné", by: F.chef, at: F.t0 + 8100)
        let call = try #require(try review.calls(CallQuery(), visibleTo: F.chef).first { $0.id == "a2" })
        #expect(call.level == .imminentRisk && call.addiction)
        #expect(try review.auditLog(callID: "a2") == [
            AuditEntry(callID: "a2", at: F.t0 + 8000, by: "chef", field: "level", oldValue: "4", newValue: "5",
                       reason: "idées avec projet, relu avec l'écoutante"),
            AuditEntry(callID: "a2", at: F.t0 + 8100, by: "chef", field: "addiction", oldValue: "no", newValue: "yes", reason: "alcool mentionné"),
        ])
    }

    @Test(arguments: StoreBackend.allCases)
    func onlySupervisorsCorrectSavedCallsWithAReasonAndARealChange(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        _ = try F.twoShifts(opened.store)
        var unfinished = F.fullDraft("u1", by: "alice")
        unfinished.phase = .wrapUp
        try opened.store.calls(shiftID: nil).persist(unfinished)
        let review = opened.store.review
        #expect(throws: AccessDenied.self) { try review.correct(callID: "a1", field: .level, to: "2", reason: "x", by: F.alice, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.correct(callID: "a1", field: .level, to: "2", reason: " ", by: F.chef, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.correct(callID: "a1", field: .level, to: "7", reason: "x", by: F.chef, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.correct(callID: "a1", field: .level, to: "1", reason: "x", by: F.chef, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.correct(callID: "zz", field: .level, to: "1", reason: "x", by: F.chef, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.correct(callID: "u1", field: .level, to: "1", reason: "x", by: F.chef, at: F.t0) }
        #expect(try review.auditLog(callID: "a1").isEmpty)
        #expect(try review.calls(CallQuery(), visibleTo: F.chef).first { $0.id == "a1" }?.level == .anxiety)
    }

    /// On SQLite a system user maps to an operator through the operators table. On PostgreSQL the
    /// operator is the role the engine authenticated and its role is its membership, whatever
    /// name is passed (PostgresAccessTests).
    @Test(arguments: [StoreBackend.sqlite])
    func systemUsersMapToOperatorsAndRoles(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let operators = opened.store.operators
        #expect(try operators.viewer(systemUser: "dupont") == Viewer(name: "dupont", role: .psychologist))
        #expect(try !operators.hasSupervisor())
        try operators.saveOperator(OperatorRecord(name: "chef", role: .supervisor, systemUser: "mdupont"), now: F.t0)
        try operators.saveOperator(OperatorRecord(name: "alice", role: .trainer, systemUser: nil), now: F.t0)
        #expect(try operators.viewer(systemUser: "mdupont") == F.chef)
        #expect(try operators.viewer(systemUser: "alice") == Viewer(name: "alice", role: .trainer))
        #expect(try operators.hasSupervisor())
        #expect(try operators.operators() == [OperatorRecord(name: "alice", role: .trainer, systemUser: nil),
                                              OperatorRecord(name: "chef", role: .supervisor, systemUser: "mdupont")])
        // Saving again changes the role in place.
        try operators.saveOperator(OperatorRecord(name: "alice", role: .psychologist, systemUser: "alice"), now: F.t0 + 1)
        #expect(try operators.operators().map(\.role) == [.psychologist, .supervisor])
    }

    @Test(arguments: StoreBackend.allCases)
    func notesPastTheirRetentionAreErasedTheRecordKept(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var old = F.savedCall("old", by: "alice", at: F.t0)
        old.notes = "nuits difficiles"
        var recent = F.savedCall("recent", by: "alice", at: F.t0 + 100 * 86_400)
        recent.notes = "reprise du travail"
        try calls.persist(old)
        try calls.persist(recent)
        let review = opened.store.review
        let cutoff = F.t0 + 90 * 86_400
        #expect(throws: AccessDenied.self) { try review.purgeNotes(savedBefore: cutoff, reason: "r", by: F.alice, at: cutoff, dryRun: true) }
        #expect(try review.purgeNotes(savedBefore: cutoff, reason: "retention 90d", by: F.chef, at: cutoff, dryRun: true) == ["old"])
        #expect(try review.calls(CallQuery(), visibleTo: F.chef).first?.notes == "nuits difficiles")   // a dry run touches nothing
        #expect(try review.purgeNotes(savedBefore: cutoff, reason: "retention 90d", by: F.chef, at: cutoff, dryRun: false) == ["old"])
        let after = try review.calls(CallQuery(), visibleTo: F.chef)
        #expect(after.map(\.notes) == ["", "reprise du travail"])
        #expect(after.first?.level == .anxiety && after.first?.endedAt != nil)   // the anonymous record stays
        #expect(try review.auditLog(callID: "old").map { [$0.field, $0.oldValue ?? "", $0.newValue ?? ""] } == [["notes", "16 characters", ""]])
        #expect(try review.purgeNotes(savedBefore: cutoff, reason: "retention 90d", by: F.chef, at: cutoff, dryRun: false).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func theLinesRetentionIsSetBySupervisorsOnly(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let review = opened.store.review
        #expect(try review.notesRetentionDays() == nil)
        #expect(throws: AccessDenied.self) { try review.setNotesRetention(days: 30, by: F.alice, at: F.t0) }
        #expect(throws: CorrectionRefused.self) { try review.setNotesRetention(days: 0, by: F.chef, at: F.t0) }
        #expect(try review.notesRetentionDays() == nil)
        try review.setNotesRetention(days: 180, by: F.chef, at: F.t0)
        try review.setNotesRetention(days: 365, by: F.chef, at: F.t0 + 60)
        #expect(try review.notesRetentionDays() == 365)
    }
}
