import EcouteCore
import Foundation

/// `c`: asking a supervisor to call the caller back, as a feature. The form takes the keys while it
/// is open (`CallbackKeymap`); Enter goes to the next step, Esc abandons (nothing is written, the
/// number is forgotten). Its state is the form on screen; the request goes to the console (`send`).
public enum CallbackFeature: Feature {
    public typealias State = CallbackForm?

    public enum Event: Equatable, Sendable {
        case key(Key)
        /// Pasted text goes into the step's field (the motif, the number).
        case paste(String)
    }

    /// What the form reads of the console: the call it is for, and the time.
    public struct Context: Sendable {
        public var strings: Strings
        public var callID: String?
        public var operatorName: String?
        public var wallNow: Date

        public init(strings: Strings, callID: String?, operatorName: String?, wallNow: Date) {
            self.strings = strings
            self.callID = callID
            self.operatorName = operatorName
            self.wallNow = wallNow
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The request and its number, to write; the form as sent, offered again if the write fails.
        case send(CallbackRequest, CallbackNumber, CallbackForm)
        /// Abandoned: nothing written, a form kept from a failed write forgotten too.
        case abandoned
        /// Pasted where nothing is typed (the urgency): dropped, and said.
        case pasteIgnored
    }

    public static func update(_ state: inout CallbackForm?, _ event: Event, _ context: Context) -> [Outcome] {
        guard var form = state else { return [] }
        form.refusal = nil
        let s = context.strings
        switch event {
        case .paste(let text):
            switch form.step {
            case .motif: form.motif.apply(.insert(text))
            case .number: form.number.apply(.insert(text))
            case .urgency: return [.pasteIgnored]
            }
        case .key(let key):
            switch CallbackKeymap.keymap(form).action(for: key) {
            case .cancel?:
                state = nil
                return [.abandoned]
            case .urgency(let urgency)?:
                form.urgency = urgency
            case .moveUrgency(let delta)?:
                let all = CallbackUrgency.allCases
                let index = all.firstIndex(of: form.urgency) ?? 0
                form.urgency = all[min(all.count - 1, max(0, index + delta))]
            case .back?:
                form.step = form.step == .number ? .urgency : .motif
            case .next?:
                switch form.step {
                case .motif:
                    let text = form.motif.text.trimmingCharacters(in: .whitespaces)
                    if text.isEmpty {
                        form.refusal = s["callback.form.motifRequired"]
                    } else if case let concerns = NotesPolicy.concerns(in: text), !concerns.isEmpty {
                        // Read by supervisors beyond the call: it must not identify anyone.
                        form.refusal = s.format("mistake.identifying", Labels.concerns(concerns, s))
                    } else {
                        form.step = .urgency
                    }
                case .urgency:
                    form.step = .number
                case .number:
                    switch CallbackNumber.parse(form.number.text) {
                    case .failure(let error):
                        if case .length(let n) = error {
                            form.refusal = s.format(error.messageKey, "\(n)")
                        } else {
                            form.refusal = s[error.messageKey]
                        }
                    case .success(let number):
                        state = nil
                        guard let callID = context.callID, let operatorName = context.operatorName else { return [] }
                        // Named by call and time, as alerts are: the update draws no randomness.
                        let request = CallbackRequest(id: "\(callID)-callback-\(Int(context.wallNow.timeIntervalSince1970 * 1000))",
                                                      callID: callID, requestedBy: operatorName,
                                                      motif: form.motif.text.trimmingCharacters(in: .whitespaces), urgency: form.urgency,
                                                      requestedAt: context.wallNow)
                        return [.send(request, number, form)]
                    }
                }
            case nil:
                switch form.step {
                case .motif: form.motif.handle(key)
                case .number: form.number.handle(key)
                case .urgency: break
                }
            }
        }
        state = form
        return []
    }
}
