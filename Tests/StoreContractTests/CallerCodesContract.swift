import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// Pseudonymous caller codes: a code links a caller's calls, its history shows the earlier calls'
/// structured record (notes only to who wrote them or a supervisor) and whether who answered is on
/// shift, every read is audited, and the activity figures count repeat calls.
@Suite struct CallerCodesContract {
    typealias F = ContractFixtures
    static let code = CallerCode(values: [3, 14, 15, 9, 2, 6])
    static let other = CallerCode(values: [2, 7, 1, 8, 2, 8])

    /// Alice (on shift now) answered a1 and gave a code; Bob (shift ended) answered b1, where the
    /// caller said it; Alice's new call a2 is where the caller says it again.
    static func store(_ backend: StoreBackend, now: Date) throws -> OpenedStore {
        let opened = try backend.open()
        let store = opened.store
        let aliceShift = try store.shifts.startShift(operatorName: "alice", at: now - 5)
        let bobShift = try store.shifts.startShift(operatorName: "bob", at: now - 7200)
        var a1 = F.savedCall("a1", by: "alice", at: now - 5 * 86400, level: .suicidalIdeation)
        a1.notes = "épuisée, parle de son service"
        a1.motifs = [.burnout, .workload]
        a1.followUp = "rappellera avec son code"
        a1.referrals = [Referral(kind: .psychologist, entryID: nil, name: "Cabinet Durand", contact: "x", tier: .sameDepartement, status: .given),
                        Referral(kind: .gp, entryID: nil, name: "Proposé pas donné", contact: "x", tier: .sameDepartement)]
        try store.calls(shiftID: nil).persist(a1)
        var b1 = F.savedCall("b1", by: "bob", at: now - 2 * 86400, level: .anxiety)
        b1.notes = "notes de Bob"
        try store.calls(shiftID: bobShift).persist(b1)
        try store.shifts.endShift(bobShift, at: now - 3600)
        try store.calls(shiftID: aliceShift).persist(CallDraft(id: "a2", operatorName: "alice", pickedUpAt: now - 60))
        try store.calls(shiftID: nil).persist(F.savedCall("c9", by: "bob", at: now - 86400))
        try store.callerCodes.attach(code, toCall: "a1", issued: true, by: F.alice, at: now - 5 * 86400 + 1200)
        try store.callerCodes.attach(code, toCall: "b1", issued: false, by: F.bob, at: now - 2 * 86400 + 60)
        try store.callerCodes.attach(other, toCall: "c9", issued: true, by: F.bob, at: now - 86400 + 60)
        return opened
    }

    @Test(arguments: StoreBackend.allCases)
    func aCodeShowsTheEarlierCallsNotesOnlyToTheirAuthorAndTheReadIsAudited(_ backend: StoreBackend) throws {
        let now = Date()
        let opened = try Self.store(backend, now: now)
        let codes = opened.store.callerCodes
        try codes.attach(Self.code, toCall: "a2", issued: false, by: F.alice, at: now - 30)
        #expect(try codes.code(ofCall: "a2", visibleTo: F.alice) == Self.code)
        let history = try codes.history(of: Self.code, forCall: "a2", by: F.alice, at: now)
        #expect(history.map(\.callID) == ["a1", "b1"])
        let a1 = try #require(history.first), b1 = try #require(history.last)
        #expect(a1.level == .suicidalIdeation && a1.motifs == [.burnout, .workload] && a1.followUp == "rappellera avec son code")
        #expect(a1.referrals == [GivenReferral(kind: .psychologist, name: "Cabinet Durand")])
        #expect(a1.operatorName == "alice" && a1.operatorOnShift && a1.notes == "épuisée, parle de son service")
        // Bob's call: the structured record, not his notes; Bob's shift is over.
        #expect(b1.operatorName == "bob" && !b1.operatorOnShift && b1.notes == nil && b1.level == .anxiety)
        // A supervisor reads every note; both reads are in the audit, for supervisors only.
        #expect(try codes.history(of: Self.code, forCall: "a2", by: F.chef, at: now).last?.notes == "notes de Bob")
        let reads = try codes.historyReads(since: now - 3600, by: F.chef)
        #expect(reads.map(\.by) == ["alice", "chef"] && reads.map(\.callsShown) == [2, 2] && reads.allSatisfy { $0.forCall == "a2" })
        #expect(throws: AccessDenied.self) { try codes.historyReads(since: now - 3600, by: F.alice) }
    }

    @Test(arguments: StoreBackend.allCases)
    func onlyTheCallsPsychologistAttachesACodeOrReadsAHistoryThroughIt(_ backend: StoreBackend) throws {
        let now = Date()
        let opened = try Self.store(backend, now: now)
        let codes = opened.store.callerCodes
        // Bob cannot attach a code to Alice's call, nor read a history from it.
        #expect(throws: AccessDenied.self) { try codes.attach(Self.code, toCall: "a2", issued: false, by: F.bob, at: now) }
        #expect(throws: (any Error).self) { try codes.history(of: Self.code, forCall: "a2", by: F.bob, at: now) }
        // Alice cannot read a code's history from a call that does not carry it.
        #expect(throws: (any Error).self) { try codes.history(of: Self.other, forCall: "a2", by: F.alice, at: now) }
        #expect(throws: (any Error).self) { try codes.attach(Self.code, toCall: "nope", issued: false, by: F.alice, at: now) }
        // Refused reads are not in the audit; nothing was shown.
        #expect(try codes.historyReads(since: now - 3600, by: F.chef).isEmpty)
        // Bob sees the code of his own call, not Alice's.
        #expect(try codes.code(ofCall: "a1", visibleTo: F.bob) == nil)
        #expect(try codes.code(ofCall: "b1", visibleTo: F.bob) == Self.code)
    }

    @Test(arguments: StoreBackend.allCases)
    func linkedCallsInReviewAndRepeatCallsInTheFigures(_ backend: StoreBackend) throws {
        let now = Date()
        let opened = try Self.store(backend, now: now)
        let codes = opened.store.callerCodes
        #expect(try codes.linkedCalls(ofCall: "a1", visibleTo: F.chef).map(\.callID) == ["b1"])
        #expect(try codes.linkedCalls(ofCall: "b1", visibleTo: F.chef).map(\.callID) == ["a1"])
        #expect(try codes.linkedCalls(ofCall: "c9", visibleTo: F.chef).isEmpty)
        // A psychologist sees links between their own calls only.
        #expect(try codes.linkedCalls(ofCall: "a1", visibleTo: F.alice).isEmpty)
        #expect(try codes.linkedCalls(ofCall: "b1", visibleTo: F.alice).isEmpty)
        // Saved calls of the last week: a1 (code issued), b1 (a repeat of a1), c9 (code issued).
        let week = try codes.figures(from: now - 7 * 86400, to: now, visibleTo: F.chef)
        #expect(week == CallerCodeFigures(codesIssued: 2, callsWithCode: 3, repeatCalls: 1))
        // Bob's own: b1 and c9; b1 repeats a call of Alice's, counted without showing it.
        #expect(try codes.figures(from: now - 7 * 86400, to: now, visibleTo: F.bob) == CallerCodeFigures(codesIssued: 1, callsWithCode: 2, repeatCalls: 1))
        // The unsaved call a2 counts nowhere until saved.
        try codes.attach(Self.code, toCall: "a2", issued: false, by: F.alice, at: now)
        #expect(try codes.figures(from: now - 7 * 86400, to: now + 60, visibleTo: F.chef).callsWithCode == 3)
    }
}
