import EcouteCore
import EcouteTestSupport
import Foundation
import Testing

/// A call's suicide-risk assessment, on every backend: written with the call, replaced whole,
/// read back identical (the suggestion recorded at save included), kept once the call is saved.
@Suite struct AssessmentContract {
    typealias F = ContractFixtures

    static func assessment() -> RiskAssessment {
        var screener = CSSRSScreener()
        screener.answer(.wishToBeDead, .yes)
        screener.answer(.suicidalThoughts, .yes)
        screener.answer(.method, .yes)
        screener.answer(.intent, .no)
        screener.answer(.plan, .yes)
        screener.answer(.behaviour, .yes)
        screener.answer(.behaviourRecent, .no)
        return RiskAssessment(riskFactors: [.previousAttempt, .isolation, .age], urgence: .high, dangerosite: .high, means: .medication,
                              meansAtHand: true, screener: screener)
    }

    @Test(arguments: StoreBackend.allCases)
    func anAssessmentComesBackWithItsCallAndIsReplacedWhole(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var d = F.fullDraft()
        d.assessment = Self.assessment()
        try calls.persist(d)
        #expect(try calls.call(id: d.id) == d)
        #expect(try calls.unfinishedCalls(operatorName: d.operatorName) == [d])
        d.assessment = RiskAssessment(notAssessableReason: "échange impossible")
        try calls.persist(d)
        #expect(try calls.call(id: d.id)?.assessment == d.assessment)
        d.assessment = nil
        try calls.persist(d)
        #expect(try calls.call(id: d.id)?.assessment == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func theSuggestionRecordedAtSaveIsReadBackByTheReview(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var d = F.savedCall("r1", by: "alice", at: F.t0, level: .suicidalIdeation)
        var a = Self.assessment()
        a.recordedSuggestion = a.suggestion
        d.assessment = a
        try calls.finalize(d)
        #expect(try calls.call(id: "r1")?.assessment == a)
        let seen = try opened.store.review.calls(CallQuery(), visibleTo: F.chef)
        let found = try #require(seen.first { $0.id == "r1" })
        #expect(found.assessment?.recordedSuggestion?.level == .imminentRisk)
        #expect(found.assessment?.recordedSuggestion?.reasons == [.urgenceHigh, .lethalMeansAtHand, .cssrsPlan])
        #expect(found.assessment?.screener[.behaviourRecent] == .no)
        // Saved: a console's write of the call is refused, its assessment with it.
        var later = d
        later.assessment = nil
        #expect(throws: (any Error).self) { try calls.persist(later) }
        #expect(try calls.call(id: "r1")?.assessment == a)
    }
}

/// A call's motifs, on every backend: written in order, replaced whole, read back by the review.
@Suite struct MotifContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func motifsComeBackInTheirOrderAndAreReplacedWhole(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        var d = F.fullDraft()
        d.motifs = [.trauma, .harassment, .isolation]
        try calls.persist(d)
        #expect(try calls.call(id: d.id)?.motifs == [.trauma, .harassment, .isolation])
        d.motifs = [.burnout]
        try calls.persist(d)
        #expect(try calls.call(id: d.id) == d)
        d.motifs = nil
        try calls.persist(d)
        #expect(try calls.call(id: d.id)?.motifs == nil)
        var saved = F.savedCall("m1", by: "alice", at: F.t0)
        saved.motifs = [.workload, .burnout]
        try calls.finalize(saved)
        let seen = try opened.store.review.calls(CallQuery(), visibleTo: F.chef)
        #expect(seen.first { $0.id == "m1" }?.motifs == [.workload, .burnout])
    }
}
