import EcouteCore
import Foundation

/// `g`: the call's follow-up — a supervisor's callback, or the caller calling back with their code
/// by a due date.
public struct FollowUpForm: Equatable, Sendable {
    public var kind: FollowUpKind = .callerCallsBack
    /// Index into `FollowUp.offeredDays`.
    public var daysIndex = 2

    public init() {}

    public var days: Int { FollowUp.offeredDays[daysIndex] }
}

/// `g` in a call: choose, then Enter writes it; a supervisor's callback opens the callback form
/// next, a caller who calls back gets a code if the call has none.
enum FollowUpUpdate {
    /// A supervisor's callback is due within a day (the request's urgency says how soon).
    static let supervisorCallbackDue: TimeInterval = 86400

    static func open(_ model: inout AppModel) -> [AppEffect] {
        guard model.draft != nil else { return [] }
        model.overlay = .followUp(FollowUpForm())
        return []
    }

    static func key(_ model: inout AppModel, _ form: FollowUpForm, _ key: Key) -> [AppEffect] {
        var form = form
        switch key {
        case .escape:
            model.overlay = nil
            return []
        case .character("1"): form.kind = .supervisorCallback
        case .character("2"): form.kind = .callerCallsBack
        case .left, .down: form.daysIndex = max(0, form.daysIndex - 1)
        case .right, .up, .tab: form.daysIndex = min(FollowUp.offeredDays.count - 1, form.daysIndex + 1)
        case .enter:
            guard let draft = model.draft else { model.overlay = nil; return [] }
            let now = model.wallNow
            let due = form.kind == .supervisorCallback ? now + supervisorCallbackDue : now + TimeInterval(form.days) * 86400
            let followUp = FollowUp(callID: draft.id, kind: form.kind, dueAt: due, setBy: draft.operatorName, setAt: now)
            model.overlay = nil
            var effects: [AppEffect] = []
            if form.kind == .callerCallsBack, model.continuity.codes[draft.id] == nil { effects.append(.issueCallerCode(callID: draft.id)) }
            effects.append(.setFollowUp(followUp))
            if form.kind == .supervisorCallback { effects += CallbackUpdate.open(&model) }
            return effects
        default: break
        }
        model.overlay = .followUp(form)
        return []
    }

    static func answered(_ model: inout AppModel, _ followUp: FollowUp, failure: String?) {
        if let failure {
            model.message = StatusMessage(text: model.strings.format("followUp.notSet", failure), style: .alert)
            return
        }
        model.continuity.followUps[followUp.callID] = followUp
        // The callback form or the new code's message says what comes next; else this.
        if model.overlay == nil, followUp.kind == .callerCallsBack, model.continuity.codes[followUp.callID]?.issued != true {
            model.message = StatusMessage(text: model.strings.format("followUp.set", FollowUpLabels.kind(followUp.kind, model.strings)), style: .ok)
        }
    }
}
