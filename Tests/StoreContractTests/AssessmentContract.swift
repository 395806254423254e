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

/// A level-4 or -5 call is saved only with its risk assessment, whatever program writes through
/// the store (the console refuses it first; a second program cannot bypass it).
@Suite struct AssessmentRequiredContract {
    typealias F = ContractFixtures

    @Test(arguments: StoreBackend.allCases)
    func aLevel4Or5SaveWithoutAnAnsweredAssessmentIsRefused(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let calls = opened.store.calls(shiftID: nil)
        for (id, level, assessment) in [("n4", ClassificationLevel.suicidalIdeation, nil as RiskAssessment?),
                                        ("n5", .imminentRisk, RiskAssessment(urgence: .high)),
                                        ("b5", .imminentRisk, RiskAssessment(notAssessableReason: "  "))] {
            var d = F.savedCall(id, by: "alice", at: F.t0, level: level)
            d.assessment = assessment
            #expect(throws: SaveRefused.self, "\(id)") { try calls.finalize(d) }
            #expect(try calls.call(id: id) == nil, "\(id)")
        }
        // Answered — urgence and dangerosité, or « non évaluable » and why — it is saved; 0–3 need none.
        for (id, level, assessment) in [("y4", ClassificationLevel.suicidalIdeation, RiskAssessment(urgence: .low, dangerosite: .low)),
                                        ("y5", .imminentRisk, RiskAssessment(notAssessableReason: "appel coupé")),
                                        ("y3", .burnout, nil as RiskAssessment?)] {
            var d = F.savedCall(id, by: "alice", at: F.t0, level: level)
            d.assessment = assessment
            try calls.finalize(d)
            #expect(try calls.call(id: id)?.phase == .saved, "\(id)")
        }
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

/// A supervisor's correction of a saved call's assessment and motifs, on every backend: as every
/// correction, supervisors only, with a reason and a real change, the old and new value read by
/// the store itself into the audit log, the recorded suggestion kept, and `check` still clean.
@Suite struct AssessmentCorrectionContract {
    typealias F = ContractFixtures

    /// A level-4 call saved with its assessment (the suggestion recorded) and two motifs.
    static func saved(_ calls: any CallRepository) throws -> CallDraft {
        var d = F.savedCall("r1", by: "alice", at: F.t0, level: .suicidalIdeation)
        var a = RiskAssessment(riskFactors: [.isolation], urgence: .medium, dangerosite: .high, means: .medication, meansAtHand: false)
        a.recordedSuggestion = a.suggestion
        d.assessment = a
        d.motifs = [.burnout, .isolation]
        try calls.finalize(d)
        return d
    }

    @Test(arguments: StoreBackend.allCases)
    func aSupervisorCorrectsTheAssessmentAndTheMotifsWithTheirAuditEntries(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let before = try Self.saved(opened.store.calls(shiftID: nil))
        let review = opened.store.review
        let oldText = "factors=isolation urgence=medium dangerosite=high means=medication"
        #expect(CorrectableField.assessment.value(of: before) == oldText)
        try review.correct(callID: "r1", field: .assessment,
                           to: "factors=isolation,previousAttempt urgence=élevée dangerosite=high means=firearm at_hand=oui cssrs=q1:yes,q2:no",
                           reason: "relu avec l'écoutante : arme à la maison", by: F.chef, at: F.t0 + 8000)
        try review.correct(callID: "r1", field: .motifs, to: "trauma, burnout", reason: "choc traumatique au premier plan", by: F.chef,
                           at: F.t0 + 8100)
        let newText = "factors=previousAttempt,isolation urgence=high dangerosite=high means=firearm at_hand=yes cssrs=q1:yes,q2:no"
        #expect(try review.auditLog(callID: "r1") == [
            AuditEntry(callID: "r1", at: F.t0 + 8000, by: "chef", field: "assessment", oldValue: oldText, newValue: newText,
                       reason: "relu avec l'écoutante : arme à la maison"),
            AuditEntry(callID: "r1", at: F.t0 + 8100, by: "chef", field: "motifs", oldValue: "burnout,isolation", newValue: "trauma,burnout",
                       reason: "choc traumatique au premier plan"),
        ])
        let call = try #require(try review.calls(CallQuery(), visibleTo: F.chef).first { $0.id == "r1" })
        #expect(call.assessment?.urgence == .high && call.assessment?.means == .firearm && call.assessment?.meansAtHand == true)
        #expect(call.assessment?.screener[.wishToBeDead] == .yes && call.assessment?.screener[.suicidalThoughts] == .no)
        // What the console suggested during the call is kept, not recomputed from the correction.
        #expect(call.assessment?.recordedSuggestion == before.assessment?.recordedSuggestion)
        #expect(call.motifs == [.trauma, .burnout])
        #expect(try review.corrections(CallQuery(), visibleTo: F.chef).map(\.field) == ["assessment", "motifs"])
        // The seal and the audit chain still hold the call as it now stands.
        #expect(try opened.store.maintenance.check() == [])
        // « Non évaluable » with its reason, then motifs emptied.
        try review.correct(callID: "r1", field: .assessment, to: "not_assessable=l'appelant a raccroché, évaluation à refaire", reason: "relu",
                           by: F.chef, at: F.t0 + 8200)
        try review.correct(callID: "r1", field: .motifs, to: "", reason: "motifs non dits", by: F.chef, at: F.t0 + 8300)
        let last = try #require(try review.calls(CallQuery(), visibleTo: F.chef).first { $0.id == "r1" })
        #expect(last.assessment?.isNotAssessable == true && last.assessment?.urgence == nil && last.motifs == nil)
        #expect(try review.auditLog(callID: "r1").last?.oldValue == "trauma,burnout")
        #expect(try review.auditLog(callID: "r1").dropLast().last?.newValue == "not_assessable=l'appelant a raccroché, évaluation à refaire")
        #expect(try opened.store.maintenance.check() == [])
    }

    @Test(arguments: StoreBackend.allCases)
    func aCorrectionOfTheAssessmentOrMotifsIsRefusedAsEveryOtherIs(_ backend: StoreBackend) throws {
        let opened = try backend.open()
        let before = try Self.saved(opened.store.calls(shiftID: nil))
        let review = opened.store.review
        func refused(_ field: CorrectableField, _ text: String, by viewer: Viewer = F.chef, reason: String = "x") -> (any Error)? {
            do { try review.correct(callID: "r1", field: field, to: text, reason: reason, by: viewer, at: F.t0 + 9000); return nil } catch { return error }
        }
        #expect(refused(.assessment, "urgence=low dangerosite=low", by: F.alice) is AccessDenied)
        #expect(refused(.motifs, "trauma", by: F.alice) is AccessDenied)
        #expect(refused(.motifs, "trauma", reason: "  ") is CorrectionRefused)
        // Not a value: an unknown degree or motif, four motifs, a motif twice, a screener out of its branching.
        for text in ["urgence=extreme dangerosite=low", "urgence=low urgence=high", "colour=blue", "cssrs=q3:yes", "means=knife"] {
            #expect(refused(.assessment, text) is CorrectionRefused, "\(text)")
        }
        for text in ["nonsense", "trauma,burnout,isolation,workload", "trauma,trauma"] { #expect(refused(.motifs, text) is CorrectionRefused, "\(text)") }
        // No change, and a level-4 call left without an answered assessment.
        #expect(refused(.motifs, "burnout,isolation") is CorrectionRefused)
        #expect(refused(.assessment, "") is CorrectionRefused)
        #expect(refused(.assessment, "urgence=low") is CorrectionRefused)
        #expect(refused(.assessment, "not_assessable=  ") is CorrectionRefused)
        #expect(try review.auditLog(callID: "r1").isEmpty)
        #expect(try opened.store.calls(shiftID: nil).call(id: "r1") == before)
        // A call classified 0–3 may lose its assessment.
        var low = F.savedCall("r2", by: "alice", at: F.t0 + 3000, level: .anxiety)
        low.assessment = RiskAssessment(urgence: .low, dangerosite: .low)
        try opened.store.calls(shiftID: nil).finalize(low)
        try review.correct(callID: "r2", field: .assessment, to: "", reason: "pas d'idées suicidaires, évaluation sans objet", by: F.chef,
                           at: F.t0 + 9100)
        #expect(try review.calls(CallQuery(), visibleTo: F.chef).first { $0.id == "r2" }?.assessment == nil)
        #expect(try review.auditLog(callID: "r2").map(\.newValue) == [""])
        #expect(try opened.store.maintenance.check() == [])
    }
}
