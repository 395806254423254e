import EcouteCore
import Foundation

/// `g` in a call, as a feature: choose, then Enter sets the follow-up; a supervisor's callback opens
/// the callback form next, a caller who calls back gets a code if the call has none.
public enum FollowUpFeature: Feature {
    public typealias State = FollowUpForm?

    public enum Event: Equatable, Sendable {
        case key(Key)
    }

    /// The call the follow-up is for, whether it has a caller code, and the time.
    public struct Context: Sendable {
        public var callID: String?
        public var operatorName: String?
        public var hasCallerCode: Bool
        public var wallNow: Date

        public init(callID: String?, operatorName: String?, hasCallerCode: Bool, wallNow: Date) {
            self.callID = callID
            self.operatorName = operatorName
            self.hasCallerCode = hasCallerCode
            self.wallNow = wallNow
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The call needs a code for the caller to give when calling back.
        case issueCallerCode(callID: String)
        case set(FollowUp)
        /// A supervisor will call back: the callback request comes next.
        case askCallback
    }

    /// A supervisor's callback is due within a day (the request's urgency says how soon).
    public static let supervisorCallbackDue: TimeInterval = 86400

    public static func update(_ state: inout FollowUpForm?, _ event: Event, _ context: Context) -> [Outcome] {
        guard var form = state, case .key(let key) = event else { return [] }
        switch FollowUpKeymap.keymap.action(for: key) {
        case .cancel?:
            state = nil
            return []
        case .kind(let kind)?:
            form.kind = kind
        case .moveDays(let delta)?:
            form.daysIndex = min(FollowUp.offeredDays.count - 1, max(0, form.daysIndex + delta))
        case .write?:
            state = nil
            guard let callID = context.callID, let operatorName = context.operatorName else { return [] }
            let now = context.wallNow
            let due = form.kind == .supervisorCallback ? now + supervisorCallbackDue : now + TimeInterval(form.days) * 86400
            var outcomes: [Outcome] = []
            if form.kind == .callerCallsBack, !context.hasCallerCode { outcomes.append(.issueCallerCode(callID: callID)) }
            outcomes.append(.set(FollowUp(callID: callID, kind: form.kind, dueAt: due, setBy: operatorName, setAt: now)))
            if form.kind == .supervisorCallback { outcomes.append(.askCallback) }
            return outcomes
        case nil:
            break
        }
        state = form
        return []
    }
}
