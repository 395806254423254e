import EcouteCore
import EcouteTestSupport
import Foundation
import Testing
@testable import EcouteReports

/// The JSON call report carries each call's `assessment` and `motifs`; the words of « non
/// évaluable » only with the notes.
@Suite struct AssessmentReportTests {
    typealias F = ReviewFixtures

    func json(_ calls: [CallDraft], withNotes: Bool) throws -> [[String: Any]] {
        let scope = CallReport.Scope(query: CallQuery(), withNotes: withNotes, generatedAt: F.at(9, 0, nextDay: true), timeZone: F.utc,
                                     strings: TestResources.french)
        let text = CallReport.render(.json, calls: calls, scope: scope)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(object["calls"] as? [[String: Any]])
    }

    @Test func theCallCarriesItsAssessmentAndMotifs() throws {
        var call = try #require(F.nightShift.first { $0.level == .imminentRisk })
        var screener = CSSRSScreener()
        screener.answer(.wishToBeDead, .yes)
        screener.answer(.suicidalThoughts, .yes)
        screener.answer(.method, .yes)
        screener.answer(.intent, .no)
        screener.answer(.plan, .no)
        screener.answer(.behaviour, .yes)
        screener.answer(.behaviourRecent, .yes)
        var a = RiskAssessment(riskFactors: [.previousAttempt, .isolation], urgence: .medium, dangerosite: .high, means: .medication,
                               meansAtHand: false, screener: screener)
        a.recordedSuggestion = a.suggestion
        call.assessment = a
        call.motifs = [.trauma, .isolation]
        let out = try #require(try json([call], withNotes: false).first)
        #expect(out["motifs"] as? [String] == ["trauma", "isolation"])
        let assessment = try #require(out["assessment"] as? [String: Any])
        #expect(assessment["urgence"] as? String == "medium")
        #expect(assessment["dangerosite"] as? String == "high")
        #expect(assessment["means"] as? String == "medication")
        #expect(assessment["means_at_hand"] as? Bool == false)
        #expect(assessment["suggested_level"] as? Int == 5)
        #expect(assessment["suggestion_reasons"] as? [String] == ["cssrsRecentBehaviour"])
        #expect(assessment["cssrs"] as? [String: String] == ["q1": "yes", "q2": "yes", "q3": "yes", "q4": "no", "q5": "no", "q6": "yes",
                                                             "q6recent": "yes"])
        let factors = try #require(assessment["risk_factors"] as? [String: [String]])
        #expect(factors == ["primary": ["previousAttempt"], "secondary": ["isolation"], "tertiary": []])
    }

    @Test func theWordsOfNotAssessableOnlyWithTheNotes() throws {
        var call = try #require(F.nightShift.first)
        call.assessment = RiskAssessment(notAssessableReason: "appelant ivre")
        let without = try #require(try json([call], withNotes: false).first?["assessment"] as? [String: Any])
        #expect(without["not_assessable"] as? Bool == true && without["not_assessable_reason"] == nil)
        #expect(without["suggested_level"] == nil)
        let with = try #require(try json([call], withNotes: true).first?["assessment"] as? [String: Any])
        #expect(with["not_assessable_reason"] as? String == "appelant ivre")
    }
}
