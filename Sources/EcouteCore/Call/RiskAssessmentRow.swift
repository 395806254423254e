/// A risk assessment as one row of `call_assessments`, the same on both engines: enums by raw
/// value, sets and the screener as short lists (`isolation,previousAttempt`,
/// `q1=yes q2=no q6=no`), the suggestion recorded at save.
public struct RiskAssessmentRow: Equatable, Sendable {
    public var riskFactors: String
    public var urgence: String?
    public var dangerosite: String?
    public var means: String?
    public var meansAtHand: Bool
    public var cssrs: String
    public var notAssessableReason: String?
    /// nil with `suggestionReasons` nil: no suggestion recorded yet (the call is not saved).
    public var suggestedLevel: Int?
    public var suggestionReasons: String?
    public var suggestedFollowUp: Bool

    public init(riskFactors: String, urgence: String?, dangerosite: String?, means: String?, meansAtHand: Bool, cssrs: String,
                notAssessableReason: String?, suggestedLevel: Int?, suggestionReasons: String?, suggestedFollowUp: Bool) {
        self.riskFactors = riskFactors
        self.urgence = urgence
        self.dangerosite = dangerosite
        self.means = means
        self.meansAtHand = meansAtHand
        self.cssrs = cssrs
        self.notAssessableReason = notAssessableReason
        self.suggestedLevel = suggestedLevel
        self.suggestionReasons = suggestionReasons
        self.suggestedFollowUp = suggestedFollowUp
    }

    public init(_ a: RiskAssessment) {
        riskFactors = RiskFactor.allCases.filter(a.riskFactors.contains).map(\.rawValue).joined(separator: ",")
        urgence = a.urgence?.rawValue
        dangerosite = a.dangerosite?.rawValue
        means = a.means?.rawValue
        meansAtHand = a.meansAtHand
        cssrs = ScreenerQuestion.allCases.compactMap { q in a.screener[q].map { "\(q.rawValue)=\($0.rawValue)" } }.joined(separator: " ")
        notAssessableReason = a.notAssessableReason
        suggestedLevel = a.recordedSuggestion?.level?.rawValue
        suggestionReasons = a.recordedSuggestion.map { $0.reasons.map(\.rawValue).joined(separator: ",") }
        suggestedFollowUp = a.recordedSuggestion?.followUp ?? false
    }

    /// The assessment back; a value this version does not know throws, naming its column.
    public func assessment() throws -> RiskAssessment {
        func value<E: RawRepresentable>(_ raw: String?, _ column: String) throws -> E? where E.RawValue == String {
            guard let raw else { return nil }
            guard let v = E(rawValue: raw) else { throw StoredAssessmentUnknown(column: column, value: raw) }
            return v
        }
        func list(_ text: String, separator: Character) -> [String] { text.split(separator: separator).map(String.init) }
        var a = RiskAssessment()
        a.riskFactors = Set(try list(riskFactors, separator: ",").map { try value($0, "risk_factors")! as RiskFactor })
        a.urgence = try value(urgence, "urgence")
        a.dangerosite = try value(dangerosite, "dangerosite")
        a.means = try value(means, "means")
        a.meansAtHand = meansAtHand
        var answers: [ScreenerQuestion: ScreenerAnswer] = [:]
        for item in list(cssrs, separator: " ") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw StoredAssessmentUnknown(column: "cssrs", value: item) }
            answers[try value(parts[0], "cssrs")! as ScreenerQuestion] = try value(parts[1], "cssrs")! as ScreenerAnswer
        }
        guard let screener = CSSRSScreener.restored(answers) else { throw StoredAssessmentUnknown(column: "cssrs", value: cssrs) }
        a.screener = screener
        a.notAssessableReason = notAssessableReason
        if let suggestionReasons {
            let reasons = try list(suggestionReasons, separator: ",").map { try value($0, "suggestion_reasons")! as RiskReason }
            var level: ClassificationLevel?
            if let suggestedLevel {
                guard let l = ClassificationLevel(rawValue: suggestedLevel) else {
                    throw StoredAssessmentUnknown(column: "suggested_level", value: "\(suggestedLevel)")
                }
                level = l
            }
            a.recordedSuggestion = RiskSuggestion(level: level, emergencyProtocol: level == .imminentRisk, followUp: suggestedFollowUp,
                                                  reasons: reasons)
        }
        return a
    }
}

/// A stored assessment value this version does not know.
public struct StoredAssessmentUnknown: Error, CustomStringConvertible {
    public var column: String
    public var value: String
    public var description: String { "call_assessments.\(column): unknown stored value \"\(value)\"" }
}
