import EcouteCore
import Foundation
import Testing

/// The assessment and the motifs as a supervisor reads and corrects them: one line of text that
/// reads back as the same value, the recorded suggestion kept, and the level-4/5 rule.
@Suite struct CorrectionTextTests {
    static func call(level: ClassificationLevel, _ assessment: RiskAssessment?, motifs: [CallMotif]? = nil) -> CallDraft {
        var c = CallDraft(id: "c1", operatorName: "alice", pickedUpAt: Date(timeIntervalSince1970: 0))
        c.level = level
        c.phase = .saved
        c.assessment = assessment
        c.motifs = motifs
        return c
    }

    static var full: RiskAssessment {
        var screener = CSSRSScreener()
        screener.answer(.wishToBeDead, .yes)
        screener.answer(.suicidalThoughts, .yes)
        screener.answer(.method, .yes)
        screener.answer(.intent, .no)
        screener.answer(.behaviour, .yes)
        screener.answer(.behaviourRecent, .no)
        return RiskAssessment(riskFactors: [.age, .previousAttempt, .isolation], urgence: .medium, dangerosite: .high, means: .hanging,
                              meansAtHand: true, screener: screener, notAssessableReason: nil)
    }

    @Test func anAssessmentReadsBackFromItsText() throws {
        let text = AssessmentText.format(Self.full)
        #expect(text == "factors=previousAttempt,isolation,age urgence=medium dangerosite=high means=hanging at_hand=yes "
                + "cssrs=q1:yes,q2:yes,q3:yes,q4:no,q6:yes,q6recent:no")
        #expect(try AssessmentText.parse(text) == Self.full)
        var notAssessable = RiskAssessment(notAssessableReason: "appel coupé, à rappeler : « urgence=high » dit-il")
        #expect(AssessmentText.format(notAssessable) == "not_assessable=appel coupé, à rappeler : « urgence=high » dit-il")
        #expect(try AssessmentText.parse(AssessmentText.format(notAssessable)) == notAssessable)
        notAssessable.urgence = .low
        #expect(try AssessmentText.parse(AssessmentText.format(notAssessable)) == notAssessable)
        #expect(AssessmentText.format(nil) == "" && AssessmentText.format(RiskAssessment()) == "")
        #expect(try AssessmentText.parse("   ") == nil)
    }

    @Test func frenchDegreesAndAnswersAreReadAsTheirIds() throws {
        let a = try #require(try AssessmentText.parse("urgence=Élevée dangerosité=faible at_hand=non cssrs=q1:oui,q2:non facteurs=isolation"))
        #expect(a.urgence == .high && a.dangerosite == .low && !a.meansAtHand && a.riskFactors == [.isolation])
        #expect(a.screener[.wishToBeDead] == .yes && a.screener[.suicidalThoughts] == .no)
    }

    @Test(arguments: ["urgence", "urgence=", "urgence=urgent", "urgence=low urgence=low", "means=rope", "factors=sadness", "at_hand=maybe",
                      "cssrs=q1", "cssrs=q4:yes", "cssrs=q9:yes", "colour=blue", "urgence=lownot_assessable=x"])
    func aTextThatIsNotAnAssessmentIsRefused(_ text: String) {
        #expect(throws: AssessmentText.Problem.self) { try AssessmentText.parse(text) }
        #expect(CorrectableField.assessment.apply(text, to: Self.call(level: .anxiety, nil)) == nil)
    }

    @Test func aCorrectedAssessmentKeepsTheSuggestionRecordedAtSave() throws {
        var a = Self.full
        a.recordedSuggestion = a.suggestion
        let call = Self.call(level: .suicidalIdeation, a)
        let corrected = try #require(CorrectableField.assessment.apply("urgence=low dangerosite=low", to: call))
        #expect(corrected.assessment?.urgence == .low && corrected.assessment?.recordedSuggestion == a.recordedSuggestion)
        #expect(CorrectableField.assessment.refusal(corrected) == nil)
        // The empty text is « no assessment », not a refusal of the text; the level refuses it.
        let emptied = try #require(CorrectableField.assessment.apply("", to: call))
        #expect(emptied.assessment == nil)
        #expect(CorrectableField.assessment.refusal(emptied)?.contains("level 4") == true)
        #expect(CorrectableField.assessment.refusal(try #require(CorrectableField.assessment.apply("urgence=high", to: call))) != nil)
        #expect(CorrectableField.assessment.refusal(try #require(CorrectableField.assessment.apply("not_assessable=x", to: call))) == nil)
        #expect(CorrectableField.assessment.refusal(try #require(CorrectableField.assessment.apply("", to: Self.call(level: .burnout, a)))) == nil)
    }

    @Test func motifsReadBackFromTheirTextMainFirst() throws {
        let call = Self.call(level: .burnout, nil, motifs: [.burnout, .isolation])
        #expect(CorrectableField.motifs.value(of: call) == "burnout,isolation")
        #expect(CorrectableField.motifs.apply("trauma burnout", to: call)?.motifs == [.trauma, .burnout])
        #expect(CorrectableField.motifs.apply(" ", to: call).map { $0.motifs == nil } == true)
        for bad in ["stress", "trauma,trauma", "trauma,burnout,isolation,workload"] { #expect(CorrectableField.motifs.apply(bad, to: call) == nil) }
        #expect(CorrectableField.motifs.refusal(try #require(CorrectableField.motifs.apply("", to: call))) == nil)
    }

    @Test func aReportWithoutTheNotesLeavesTheReasonsWordsOut() {
        #expect(AssessmentText.withoutReason("urgence=low not_assessable=il pleure") == "urgence=low not_assessable")
        #expect(AssessmentText.withoutReason("urgence=low dangerosite=low") == "urgence=low dangerosite=low")
    }
}
