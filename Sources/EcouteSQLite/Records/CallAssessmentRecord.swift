import EcouteCore
import GRDB

/// One row of `call_assessments`: a call's suicide-risk assessment (`RiskAssessmentRow`).
package struct CallAssessmentRecord: SnakeCaseRecord {
    package static let databaseTableName = "call_assessments"

    package var callId: String
    var riskFactors: String
    var urgence: String?
    var dangerosite: String?
    var means: String?
    var meansAtHand: Bool
    var cssrs: String
    var notAssessableReason: String?
    var suggestedLevel: Int?
    var suggestionReasons: String?
    var suggestedFollowUp: Bool

    init(callID: String, _ a: RiskAssessment) {
        let row = RiskAssessmentRow(a)
        callId = callID
        riskFactors = row.riskFactors
        urgence = row.urgence
        dangerosite = row.dangerosite
        means = row.means
        meansAtHand = row.meansAtHand
        cssrs = row.cssrs
        notAssessableReason = row.notAssessableReason
        suggestedLevel = row.suggestedLevel
        suggestionReasons = row.suggestionReasons
        suggestedFollowUp = row.suggestedFollowUp
    }

    package var row: RiskAssessmentRow {
        RiskAssessmentRow(riskFactors: riskFactors, urgence: urgence, dangerosite: dangerosite, means: means, meansAtHand: meansAtHand,
                          cssrs: cssrs, notAssessableReason: notAssessableReason, suggestedLevel: suggestedLevel,
                          suggestionReasons: suggestionReasons, suggestedFollowUp: suggestedFollowUp)
    }

    /// The columns in the order the call stream reads them (after `call_id`).
    static let streamColumns = """
        a.call_id, a.risk_factors, a.urgence, a.dangerosite, a.means, a.means_at_hand, a.cssrs, a.not_assessable_reason, \
        a.suggested_level, a.suggestion_reasons, a.suggested_follow_up
        """
}
