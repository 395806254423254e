import EcouteCore

/// A call's risk assessment in the JSON report (`assessment`, keys sorted like the rest): risk
/// factors, urgence, dangerosité, means, the C-SSRS answers, « non évaluable » (its words only
/// with the notes), and the suggested level with its reasons as recorded at save.
enum AssessmentJSON {
    static func append(_ a: RiskAssessment, withNotes: Bool, to w: inout JSONWriter) {
        let suggestion = a.recordedSuggestion ?? a.suggestion
        w.beginObject()
        w.key("cssrs"); w.beginObject()
        for q in ScreenerQuestion.allCases { if let answer = a.screener[q] { w.key(q.rawValue); w.string(answer.rawValue) } }
        w.endObject()
        if let d = a.dangerosite { w.key("dangerosite"); w.string(d.rawValue) }
        if let m = a.means { w.key("means"); w.string(m.rawValue) }
        w.key("means_at_hand"); w.bool(a.meansAtHand)
        w.key("not_assessable"); w.bool(a.isNotAssessable)
        if withNotes, a.isNotAssessable, let reason = a.notAssessableReason { w.key("not_assessable_reason"); w.string(reason) }
        w.key("risk_factors"); w.beginObject()
        for group in RiskFactorGroup.allCases {
            w.key(group.rawValue); w.beginArray()
            for f in a.factors(in: group) { w.element(); w.string(f.rawValue) }
            w.endArray()
        }
        w.endObject()
        w.key("suggested_follow_up"); w.bool(suggestion.followUp)
        if let level = suggestion.level { w.key("suggested_level"); w.int(level.rawValue) }
        w.key("suggestion_reasons"); w.beginArray()
        for r in suggestion.reasons { w.element(); w.string(r.rawValue) }
        w.endArray()
        if let u = a.urgence { w.key("urgence"); w.string(u.rawValue) }
        w.endObject()
    }

    /// The same as a value, for the call's JSON object.
    struct Value: Encodable {
        var cssrs: [String: String], dangerosite: String?, means: String?, means_at_hand: Bool, not_assessable: Bool
        var not_assessable_reason: String?, risk_factors: [String: [String]], suggested_follow_up: Bool, suggested_level: Int?
        var suggestion_reasons: [String], urgence: String?

        init(_ a: RiskAssessment, withNotes: Bool) {
            let suggestion = a.recordedSuggestion ?? a.suggestion
            cssrs = Dictionary(uniqueKeysWithValues: ScreenerQuestion.allCases.compactMap { q in a.screener[q].map { (q.rawValue, $0.rawValue) } })
            dangerosite = a.dangerosite?.rawValue
            means = a.means?.rawValue
            means_at_hand = a.meansAtHand
            not_assessable = a.isNotAssessable
            not_assessable_reason = withNotes && a.isNotAssessable ? a.notAssessableReason : nil
            risk_factors = Dictionary(uniqueKeysWithValues: RiskFactorGroup.allCases.map { ($0.rawValue, a.factors(in: $0).map(\.rawValue)) })
            suggested_follow_up = suggestion.followUp
            suggested_level = suggestion.level?.rawValue
            suggestion_reasons = suggestion.reasons.map(\.rawValue)
            urgence = a.urgence?.rawValue
        }
    }
}
