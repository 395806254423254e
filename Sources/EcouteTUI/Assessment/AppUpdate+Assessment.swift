import EcouteCore
import Foundation

/// The risk-assessment panel (`u`): RUD, risk factors, the C-SSRS screener, « non évaluable ».
/// Every change is a `setAssessment` event of the session, written at once.
extension AppUpdate {
    static func openAssessment(_ model: inout AppModel) -> [AppEffect] {
        guard model.draft != nil else { return [] }
        model.overlay = .assessment(AssessmentPanel())
        return []
    }

    static func handleAssessmentKey(_ model: inout AppModel, _ panel: AssessmentPanel, _ key: Key) -> [AppEffect] {
        guard case .assessment(let action)? = AssessmentKeymap.keymap(panel).action(for: key) else {
            model.message = StatusMessage(text: model.strings["message.unknownKey"], style: .dim)
            return []
        }
        return performAssessment(&model, panel, action)
    }

    static func performAssessment(_ model: inout AppModel, _ panel: AssessmentPanel, _ action: AssessmentAction) -> [AppEffect] {
        guard let draft = model.draft else { model.overlay = nil; return [] }
        var a = draft.assessment ?? RiskAssessment()
        var panel = panel
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
            model.overlay = .assessment(AssessmentPanel(part: .factors))
            return []
        case .openScreener:
            let asked = a.screener.askedQuestions
            let next = a.screener.nextQuestion.flatMap { asked.firstIndex(of: $0) } ?? 0
            model.overlay = .assessment(AssessmentPanel(part: .screener, cursor: next))
            return []
        case .notAssessable:
            if a.isNotAssessable {
                // Pressed again: the assessment is made after all.
                a.notAssessableReason = nil
            } else {
                model.overlay = .textPrompt(TextPrompt(.notAssessable, text: a.notAssessableReason ?? ""))
                return []
            }
        case .close:
            model.overlay = nil
            if let suggested = a.suggestion.level, draft.level != nil, draft.level != suggested {
                model.message = StatusMessage(text: model.strings.format("rud.differs", "\(suggested.rawValue)"), style: .warn)
            }
            return []
        case .back:
            model.overlay = .assessment(AssessmentPanel())
            return []
        case .move(let by):
            let count = panel.part == .factors ? RiskFactor.allCases.count : a.screener.askedQuestions.count
            panel.cursor = min(max(0, panel.cursor + by), max(0, count - 1))
            model.overlay = .assessment(panel)
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
        model.overlay = .assessment(panel)
        return apply(&model, .setAssessment(a))
    }

    /// The reason of « non évaluable »: read with the call beyond this console, so it must not
    /// identify anyone; asked again until it does not.
    static func giveNotAssessableReason(_ model: inout AppModel, _ prompt: TextPrompt, _ text: String) -> [AppEffect] {
        let concerns = NotesPolicy.concerns(in: text)
        guard concerns.isEmpty else {
            model.overlay = .textPrompt(prompt)
            model.message = StatusMessage(text: model.strings.format("mistake.identifying",
                concerns.map { model.strings["notes.concern.\($0.rawValue)"] }.joined(separator: ", ")), style: .warn)
            return []
        }
        var a = model.draft?.assessment ?? RiskAssessment()
        a.notAssessableReason = text
        model.overlay = .assessment(AssessmentPanel())
        return apply(&model, .setAssessment(a))
    }
}
