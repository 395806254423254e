import Foundation

/// A degree of the RUD grid (consensus conference « La crise suicidaire », 2000): urgence and
/// dangerosité are each faible, moyenne or élevée. See docs/risk-assessment.md.
public enum RUDDegree: String, Codable, Sendable, CaseIterable, Comparable {
    case low
    case medium
    case high

    private var order: Int { switch self { case .low: 0; case .medium: 1; case .high: 2 } }
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// The three groups of risk factors of the consensus conference.
public enum RiskFactorGroup: String, Codable, Sendable, CaseIterable {
    case primary
    case secondary
    case tertiary

    public var stringKey: String { "rud.group.\(rawValue)" }
}

/// One item of the risk-factor checklist, in its consensus group.
public enum RiskFactor: String, Codable, Sendable, CaseIterable {
    case psychiatricDisorder
    case previousAttempt
    case communicatedIntent
    case impulsivity
    case earlyLoss
    case isolation
    case jobOrMoneyTrouble
    case negativeLifeEvents
    case sex
    case age
    case vulnerablePeriod

    public var group: RiskFactorGroup {
        switch self {
        case .psychiatricDisorder, .previousAttempt, .communicatedIntent, .impulsivity: return .primary
        case .earlyLoss, .isolation, .jobOrMoneyTrouble, .negativeLifeEvents: return .secondary
        case .sex, .age, .vulnerablePeriod: return .tertiary
        }
    }

    public var stringKey: String { "rud.factor.\(rawValue)" }
}

/// The means named in a suicidal scenario: a category, never free text.
public enum SuicideMeans: String, Codable, Sendable, CaseIterable {
    case medication
    case firearm
    case hanging
    case height
    case vehicleOrTrain
    case other

    public var stringKey: String { "rud.means.\(rawValue)" }
}

/// The suicide-risk assessment of one call: the RUD grid, optionally the C-SSRS screener, or
/// « non évaluable » with a reason. The suggested level follows from it (`RiskSuggestion`).
public struct RiskAssessment: Equatable, Codable, Sendable {
    public var riskFactors: Set<RiskFactor>
    public var urgence: RUDDegree?
    /// Lethality of the means considered.
    public var dangerosite: RUDDegree?
    public var means: SuicideMeans?
    /// The means is immediately accessible.
    public var meansAtHand: Bool
    public var screener: CSSRSScreener
    /// « Non évaluable »: why the assessment could not be made (free text, through the
    /// identifying-text guard). Set, the rest is ignored and no level is suggested.
    public var notAssessableReason: String?
    /// The suggestion as it stood when the call was saved (set by the save, kept by the store), so
    /// a later change of the rules never rewrites what was suggested. nil before the save.
    public var recordedSuggestion: RiskSuggestion?

    public init(riskFactors: Set<RiskFactor> = [], urgence: RUDDegree? = nil, dangerosite: RUDDegree? = nil,
                means: SuicideMeans? = nil, meansAtHand: Bool = false, screener: CSSRSScreener = CSSRSScreener(),
                notAssessableReason: String? = nil) {
        self.riskFactors = riskFactors
        self.urgence = urgence
        self.dangerosite = dangerosite
        self.means = means
        self.meansAtHand = meansAtHand
        self.screener = screener
        self.notAssessableReason = notAssessableReason
    }

    /// « Non évaluable » with a non-blank reason.
    public var isNotAssessable: Bool {
        !(notAssessableReason?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
    }

    /// An explicit answer, what a level-4 or -5 call needs before its save: urgence and dangerosité
    /// given, or « non évaluable » with a reason.
    public var isAnswered: Bool { isNotAssessable || (urgence != nil && dangerosite != nil) }

    /// The risk factors of one group, in checklist order.
    public func factors(in group: RiskFactorGroup) -> [RiskFactor] {
        RiskFactor.allCases.filter { $0.group == group && riskFactors.contains($0) }
    }

    /// What the console suggests from this assessment.
    public var suggestion: RiskSuggestion { RiskSuggestion.of(self) }
}
