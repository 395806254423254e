/// One answer of the C-SSRS screener: a question not (yet) asked is `nil` where it is held.
public enum ScreenerAnswer: String, Codable, Sendable, CaseIterable {
    case no
    case yes
}

/// The questions of the C-SSRS screener (« Screen Version – Recent », Columbia Lighthouse
/// Project), in the order they are asked. `behaviourRecent` is Q6's « in the past 3 months ».
public enum ScreenerQuestion: String, Codable, Sendable, CaseIterable {
    case wishToBeDead = "q1"
    case suicidalThoughts = "q2"
    case method = "q3"
    case intent = "q4"
    case plan = "q5"
    case behaviour = "q6"
    case behaviourRecent = "q6recent"

    /// Key of the question's wording in the string tables (`cssrs.q1` …).
    public var stringKey: String { "cssrs.\(rawValue)" }
}

/// The six-question C-SSRS screener as far as it was asked. Its setters keep the screener's
/// branching: Q3–Q5 exist only after a yes to Q2, Q6's recency only after a yes to Q6.
public struct CSSRSScreener: Equatable, Codable, Sendable {
    public private(set) var answers: [ScreenerQuestion: ScreenerAnswer] = [:]

    public init() {}

    public subscript(_ question: ScreenerQuestion) -> ScreenerAnswer? { answers[question] }

    /// Whether the question is asked given the answers so far.
    public func isAsked(_ question: ScreenerQuestion) -> Bool {
        switch question {
        case .wishToBeDead, .suicidalThoughts, .behaviour: return true
        case .method, .intent, .plan: return answers[.suicidalThoughts] == .yes
        case .behaviourRecent: return answers[.behaviour] == .yes
        }
    }

    /// Records an answer (nil withdraws it). Refused (false) for a question not asked; a « no » to
    /// Q2 clears Q3–Q5, a « no » to Q6 clears its recency.
    @discardableResult
    public mutating func answer(_ question: ScreenerQuestion, _ answer: ScreenerAnswer?) -> Bool {
        guard isAsked(question) else { return false }
        answers[question] = answer
        if question == .suicidalThoughts, answer != .yes {
            for q in [ScreenerQuestion.method, .intent, .plan] { answers[q] = nil }
        }
        if question == .behaviour, answer != .yes { answers[.behaviourRecent] = nil }
        return true
    }

    /// The questions asked now, in order.
    public var askedQuestions: [ScreenerQuestion] { ScreenerQuestion.allCases.filter(isAsked) }

    /// The first question asked and not answered, if any.
    public var nextQuestion: ScreenerQuestion? { askedQuestions.first { answers[$0] == nil } }

    /// Every question asked has its answer.
    public var isComplete: Bool { nextQuestion == nil }

    /// Nothing answered.
    public var isEmpty: Bool { answers.isEmpty }

    /// A screener from stored answers, through the setters in order (so a stored state that breaks
    /// the branching is refused: nil).
    public static func restored(_ stored: [ScreenerQuestion: ScreenerAnswer]) -> CSSRSScreener? {
        var s = CSSRSScreener()
        for q in ScreenerQuestion.allCases {
            guard let a = stored[q] else { continue }
            guard s.answer(q, a) else { return nil }
        }
        return s
    }
}
