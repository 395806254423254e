import EcouteCore
import Foundation

/// The risk assessment in the console: the panel's outcomes, and the reason of « non évaluable ».
extension AppUpdate {
    static var assessment: Scope<AppModel, AssessmentFeature> {
        Scope(\.assessmentPanel) { model in
            AssessmentFeature.Context(strings: model.strings, hasCall: model.draft != nil,
                                      assessment: model.draft?.assessment ?? RiskAssessment(), level: model.draft?.level)
        }
    }

    static func send(_ event: AssessmentFeature.Event, _ model: inout AppModel) -> [AppEffect] {
        assessment.send(event, &model).flatMap { outcome -> [AppEffect] in
            switch outcome {
            case .set(let assessment): return apply(&model, .setAssessment(assessment))
            case .ask(let prompt): model.overlay = .textPrompt(prompt)
            case .message(let message): model.message = message
            }
            return []
        }
    }

    /// The reason of « non évaluable »: read with the call beyond this console, so it must not
    /// identify anyone; asked again until it does not.
    static func giveNotAssessableReason(_ model: inout AppModel, _ prompt: TextPrompt, _ text: String) -> [AppEffect] {
        let concerns = NotesPolicy.concerns(in: text)
        guard concerns.isEmpty else {
            model.overlay = .textPrompt(prompt)
            model.message = StatusMessage(text: model.strings.format("mistake.identifying",
                Labels.concerns(concerns, model.strings)), style: .warn)
            return []
        }
        var a = model.draft?.assessment ?? RiskAssessment()
        a.notAssessableReason = text
        model.overlay = .assessment(AssessmentPanel())
        return apply(&model, .setAssessment(a))
    }
}
