/// Why the console suggests what it suggests: each raw value is a string-table key's tail
/// (`rud.reason.<rawValue>`).
public enum RiskReason: String, Codable, Sendable, CaseIterable {
    case notAssessable
    case urgenceHigh
    case lethalMeansAtHand
    case cssrsIntent
    case cssrsPlan
    case cssrsRecentBehaviour
    case urgenceMedium
    case lethalMeansNotAtHand
    case cssrsMethod
    case cssrsPastBehaviour
    case cssrsBehaviourWhenUnknown
    case urgenceLow
    case cssrsWish
    case cssrsThoughts
    case nothing

    public var stringKey: String { "rud.reason.\(rawValue)" }
}

/// The level the console suggests from a risk assessment, with every reason that holds at that
/// level (docs/risk-assessment.md § 4). The psychologist decides; both are recorded.
public struct RiskSuggestion: Equatable, Codable, Sendable {
    /// nil: no suggestion (« non évaluable », or nothing points to suicidal risk).
    public var level: ClassificationLevel?
    /// Level 5: open the emergency protocol.
    public var emergencyProtocol: Bool
    /// Level 4 with a follow-up call.
    public var followUp: Bool
    public var reasons: [RiskReason]

    public init(level: ClassificationLevel?, emergencyProtocol: Bool = false, followUp: Bool = false, reasons: [RiskReason]) {
        self.level = level
        self.emergencyProtocol = emergencyProtocol
        self.followUp = followUp
        self.reasons = reasons
    }

    /// The decision table: the highest row whose condition holds, with all its reasons.
    public static func of(_ a: RiskAssessment) -> RiskSuggestion {
        if a.isNotAssessable { return RiskSuggestion(level: nil, reasons: [.notAssessable]) }
        let s = a.screener
        let lethal = a.dangerosite == .high

        var imminent: [RiskReason] = []
        if a.urgence == .high { imminent.append(.urgenceHigh) }
        if lethal, a.meansAtHand { imminent.append(.lethalMeansAtHand) }
        if s[.intent] == .yes { imminent.append(.cssrsIntent) }
        if s[.plan] == .yes { imminent.append(.cssrsPlan) }
        if s[.behaviour] == .yes, s[.behaviourRecent] == .yes { imminent.append(.cssrsRecentBehaviour) }
        if !imminent.isEmpty {
            return RiskSuggestion(level: .imminentRisk, emergencyProtocol: true, reasons: imminent)
        }

        var followUp: [RiskReason] = []
        if a.urgence == .medium { followUp.append(.urgenceMedium) }
        if lethal, !a.meansAtHand { followUp.append(.lethalMeansNotAtHand) }
        if s[.method] == .yes { followUp.append(.cssrsMethod) }
        if s[.behaviour] == .yes, s[.behaviourRecent] == .no { followUp.append(.cssrsPastBehaviour) }
        if s[.behaviour] == .yes, s[.behaviourRecent] == nil { followUp.append(.cssrsBehaviourWhenUnknown) }
        if !followUp.isEmpty {
            return RiskSuggestion(level: .suicidalIdeation, followUp: true, reasons: followUp)
        }

        var ideation: [RiskReason] = []
        if a.urgence == .low { ideation.append(.urgenceLow) }
        if s[.wishToBeDead] == .yes { ideation.append(.cssrsWish) }
        if s[.suicidalThoughts] == .yes { ideation.append(.cssrsThoughts) }
        if !ideation.isEmpty { return RiskSuggestion(level: .suicidalIdeation, reasons: ideation) }

        return RiskSuggestion(level: nil, reasons: [.nothing])
    }
}
