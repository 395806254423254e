import EcouteCore
import Foundation

/// What the console keeps of its calls' continuity — callback requests, caller codes, follow-ups —
/// as a feature: the forms' requests going out and the store's answers coming back. Its state is
/// `ContinuityState`; the forms are their own features (`CallbackFeature`, `CallerCodeFeature`,
/// `FollowUpFeature`).
public enum ContinuityFeature: Feature {
    public typealias State = ContinuityState

    public enum Event: Equatable, Sendable {
        /// `c`: the callback form opens, filled as last sent if that write failed.
        case openCallback
        /// A callback request on its way, with its form (kept until the store has it).
        case callbackSending(CallbackForm)
        /// The callback form abandoned.
        case callbackAbandoned
        case callbackAnswered(CallbackRequest, failure: String?)
        /// A caller code asked for (a new one) or looked up.
        case codeAsked(issuing: Bool)
        case codeAnswered(callID: String, AttachedCallerCode?, history: [CallerHistoryCall], failure: String?)
        case followUpAnswered(FollowUp, failure: String?)
    }

    public struct Context: Sendable {
        public var strings: Strings
        /// The call on screen.
        public var callID: String?
        /// Whether an overlay is open (a caller's earlier calls do not open over it).
        public var overlayOpen: Bool

        public init(strings: Strings, callID: String?, overlayOpen: Bool) {
            self.strings = strings
            self.callID = callID
            self.overlayOpen = overlayOpen
        }
    }

    public enum Outcome: Equatable, Sendable {
        case message(StatusMessage)
        case show(Overlay)
        /// The follow-ups due changed: read them again.
        case followUpsChanged
    }

    public static func update(_ state: inout ContinuityState, _ event: Event, _ context: Context) -> [Outcome] {
        let s = context.strings
        switch event {
        case .openCallback:
            guard context.callID != nil else { return [] }
            return [.show(.callback(state.unsent ?? CallbackForm()))]
        case .callbackSending(let form):
            state.unsent = form
            return [.message(StatusMessage(text: s["callback.sending"], style: .dim))]
        case .callbackAbandoned:
            state.unsent = nil
            return []
        case .callbackAnswered(let request, let failure):
            if let failure {
                return [.message(StatusMessage(text: s.format("callback.notSent", failure), style: .alert))]
            }
            state.unsent = nil
            state.requested[request.callID, default: []].append(request)
            return [.message(StatusMessage(text: s.format("callback.sent", s["callback.urgency.\(request.urgency.rawValue)"]), style: .ok))]
        case .codeAsked(let issuing):
            return [.message(StatusMessage(text: s[issuing ? "callerCode.issuing" : "callerCode.reading"], style: .dim))]
        case .codeAnswered(let callID, let attached, let history, let failure):
            // The code is shown on the call's screens; a caller's earlier calls open at once
            // (newest first on screen).
            guard let attached else {
                return [.message(StatusMessage(text: s.format("callerCode.notAttached", failure ?? "?"), style: .alert))]
            }
            state.codes[callID] = attached
            if attached.issued {
                return [.message(StatusMessage(text: s.format("callerCode.issued", attached.code.spoken), style: .ok))]
            }
            if history.isEmpty {
                return [.message(StatusMessage(text: s["callerCode.noEarlierCall"], style: .ok))]
            }
            let found = Outcome.message(StatusMessage(text: s.format("callerCode.found", "\(history.count)"), style: .ok))
            guard context.callID == callID, !context.overlayOpen else { return [found] }
            return [found, .show(.callerHistory(CallerHistoryPanel(code: attached.code, calls: history.reversed())))]
        case .followUpAnswered(let followUp, let failure):
            if let failure {
                return [.message(StatusMessage(text: s.format("followUp.notSet", failure), style: .alert))]
            }
            state.followUps[followUp.callID] = followUp
            // The callback form or the new code's message says what comes next; else this.
            guard !context.overlayOpen, followUp.kind == .callerCallsBack, state.codes[followUp.callID]?.issued != true else {
                return [.followUpsChanged]
            }
            return [.message(StatusMessage(text: s.format("followUp.set", FollowUpLabels.kind(followUp.kind, s)), style: .ok)),
                    .followUpsChanged]
        }
    }
}
