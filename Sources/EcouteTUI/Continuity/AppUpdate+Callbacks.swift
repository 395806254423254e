import EcouteCore
import Foundation

/// `c`: asking a supervisor to call the caller back. The form takes the keys while it is open;
/// Enter goes to the next step, Esc abandons (nothing is written, the number is forgotten).
enum CallbackUpdate {
    static func open(_ model: inout AppModel) -> [AppEffect] {
        guard model.draft != nil else { return [] }
        model.overlay = .callback(model.continuity.unsent ?? CallbackForm())
        return []
    }

    static func key(_ model: inout AppModel, _ form: CallbackForm, _ key: Key) -> [AppEffect] {
        var form = form
        form.refusal = nil
        if key == .escape {
            model.overlay = nil
            model.continuity.unsent = nil
            return []
        }
        switch form.step {
        case .motif:
            if key == .enter {
                let text = form.motif.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { form.refusal = model.strings["callback.form.motifRequired"]; break }
                // Read by supervisors beyond the call: it must not identify anyone.
                let concerns = NotesPolicy.concerns(in: text)
                guard concerns.isEmpty else {
                    form.refusal = model.strings.format("mistake.identifying",
                                                        concerns.map { model.strings["notes.concern.\($0.rawValue)"] }.joined(separator: ", "))
                    break
                }
                form.step = .urgency
            } else {
                form.motif.handle(key)
            }
        case .urgency:
            let all = CallbackUrgency.allCases
            let index = all.firstIndex(of: form.urgency) ?? 0
            switch key {
            case .enter: form.step = .number
            case .left, .up: form.urgency = all[max(0, index - 1)]
            case .right, .down, .tab: form.urgency = all[min(all.count - 1, index + 1)]
            case .character("1"): form.urgency = .now
            case .character("2"): form.urgency = .withinHour
            case .character("3"): form.urgency = .today
            case .backspace: form.step = .motif
            default: break
            }
        case .number:
            if key == .enter {
                switch CallbackNumber.parse(form.number.text) {
                case .failure(let error):
                    if case .length(let n) = error {
                        form.refusal = model.strings.format(error.messageKey, "\(n)")
                    } else {
                        form.refusal = model.strings[error.messageKey]
                    }
                case .success(let number):
                    guard let draft = model.draft else { model.overlay = nil; return [] }
                    model.overlay = nil
                    model.continuity.unsent = form
                    // Named by call and time, as alerts are: the update draws no randomness.
                    let request = CallbackRequest(id: "\(draft.id)-callback-\(Int(model.wallNow.timeIntervalSince1970 * 1000))", callID: draft.id, requestedBy: draft.operatorName,
                                                  motif: form.motif.text.trimmingCharacters(in: .whitespaces), urgency: form.urgency,
                                                  requestedAt: model.wallNow)
                    model.message = StatusMessage(text: model.strings["callback.sending"], style: .dim)
                    return [.requestCallback(request, number)]
                }
            } else if key == .backspace && form.number.text.isEmpty {
                form.step = .urgency
            } else {
                form.number.handle(key)
            }
        }
        model.overlay = .callback(form)
        return []
    }

    /// The store's answer.
    static func answered(_ model: inout AppModel, _ request: CallbackRequest, failure: String?) {
        if let failure {
            model.message = StatusMessage(text: model.strings.format("callback.notSent", failure), style: .alert)
            return
        }
        model.continuity.unsent = nil
        model.continuity.requested[request.callID, default: []].append(request)
        model.message = StatusMessage(text: model.strings.format("callback.sent", model.strings["callback.urgency.\(request.urgency.rawValue)"]),
                                      style: .ok)
    }
}
