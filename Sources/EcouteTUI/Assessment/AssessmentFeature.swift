import EcouteCore
import Foundation

/// The risk-assessment panel (`u`) as a feature: RUD, risk factors, the C-SSRS screener,
/// « non évaluable ». Its state is the panel on screen; every change of the assessment goes to the
/// call (`set`), which writes it at once.
public enum AssessmentFeature: Feature {
    public typealias State = AssessmentPanel?

    public enum Event: Equatable, Sendable {
        case key(Key)
        case action(AssessmentAction)
    }

    /// The call's assessment as it stands (an empty one before any), and the call's level.
    public struct Context: Sendable {
        public var strings: Strings
        public var hasCall: Bool
        public var assessment: RiskAssessment
        public var level: ClassificationLevel?

        public init(strings: Strings, hasCall: Bool, assessment: RiskAssessment, level: ClassificationLevel?) {
            self.strings = strings
            self.hasCall = hasCall
            self.assessment = assessment
            self.level = level
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The call's assessment is now this.
        case set(RiskAssessment)
        /// The reason of « non évaluable » is asked in this prompt (the panel closed meanwhile).
        case ask(TextPrompt)
        case message(StatusMessage)
    }

    public static func update(_ state: inout AssessmentPanel?, _ event: Event, _ context: Context) -> [Outcome] {
        guard var panel = state else { return [] }
        guard context.hasCall else {
            state = nil
            return []
        }
        let action: AssessmentAction
        switch event {
        case .action(let given):
            action = given
        case .key(let key):
            if panel.showingHelp {   // any key closes the help, and does nothing else
                panel.showingHelp = false
                state = panel
                return []
            }
            let bound = AssessmentKeymap.keymap(panel).action(for: key)
            if bound == .help {
                panel.showingHelp = true
                state = panel
                return []
            }
            guard case .assessment(let given)? = bound else {
                return [.message(StatusMessage(text: context.strings["message.unknownKey"], style: .dim))]
            }
            action = given
        }
        var a = context.assessment
        switch action {
        case .urgence(let degree): a.urgence = degree
        case .dangerosite(let degree): a.dangerosite = degree
        case .toggleMeansAtHand: a.meansAtHand.toggle()
        case .nextMeans:
            let all = SuicideMeans.allCases
            if let means = a.means, let i = all.firstIndex(of: means) {
                a.means = i + 1 < all.count ? all[i + 1] : nil
            } else {
                a.means = all.first
            }
        case .openFactors:
            state = AssessmentPanel(part: .factors)
            return []
        case .openScreener:
            let asked = a.screener.askedQuestions
            let next = a.screener.nextQuestion.flatMap { asked.firstIndex(of: $0) } ?? 0
            state = AssessmentPanel(part: .screener, cursor: next)
            return []
        case .notAssessable:
            if a.isNotAssessable {
                // Pressed again: the assessment is made after all.
                a.notAssessableReason = nil
            } else {
                state = nil
                return [.ask(TextPrompt(.notAssessable, text: a.notAssessableReason ?? ""))]
            }
        case .close:
            state = nil
            guard let suggested = a.suggestion.level, context.level != nil, context.level != suggested else { return [] }
            return [.message(StatusMessage(text: context.strings.format("rud.differs", "\(suggested.rawValue)"), style: .warn))]
        case .back:
            state = AssessmentPanel()
            return []
        case .move(let by):
            let count = panel.part == .factors ? RiskFactor.allCases.count : a.screener.askedQuestions.count
            panel.cursor = min(max(0, panel.cursor + by), max(0, count - 1))
            state = panel
            return []
        case .toggleFactor:
            guard RiskFactor.allCases.indices.contains(panel.cursor) else { return [] }
            let factor = RiskFactor.allCases[panel.cursor]
            if a.riskFactors.contains(factor) { a.riskFactors.remove(factor) } else { a.riskFactors.insert(factor) }
        case .answer(let answer):
            let asked = a.screener.askedQuestions
            guard asked.indices.contains(panel.cursor) else { return [] }
            a.screener.answer(asked[panel.cursor], answer)
            // On to the next question not answered, in the questions asked now.
            let nowAsked = a.screener.askedQuestions
            panel.cursor = a.screener.nextQuestion.flatMap { nowAsked.firstIndex(of: $0) } ?? min(panel.cursor, nowAsked.count - 1)
        }
        state = panel
        return [.set(a)]
    }
}
