import Foundation

/// How a call's follow-up is to happen.
public enum FollowUpKind: String, Equatable, Sendable, CaseIterable {
    /// A supervisor calls the caller back, through the callback queue (`CallbackQueue`).
    case supervisorCallback
    /// The caller agreed to call back with their code (`CallerCode`) by the due date.
    case callerCallsBack
}

/// A follow-up set on a call (a level 4–5 call above all, any call on request): what is to
/// happen, by when, set by the call's psychologist.
public struct FollowUp: Equatable, Sendable {
    public var callID: String
    public var kind: FollowUpKind
    public var dueAt: Date
    public var setBy: String
    public var setAt: Date

    public init(callID: String, kind: FollowUpKind, dueAt: Date, setBy: String, setAt: Date) {
        self.callID = callID
        self.kind = kind
        self.dueAt = dueAt
        self.setBy = setBy
        self.setAt = setAt
    }

    /// The due dates offered at wrap-up for a caller who calls back: in 1, 2, 3, 7 or 14 days.
    public static let offeredDays = [1, 2, 3, 7, 14]
    /// How long an overdue follow-up stays listed as due (the review keeps it with its outcome).
    public static let boardWindow: TimeInterval = 14 * 86400
    /// A shift, for the follow-ups a console lists at its start: those due within this time (and
    /// overdue ones within `boardWindow`).
    public static let shiftHorizon: TimeInterval = 12 * 3600
}

/// Where a follow-up stands.
public enum FollowUpOutcome: Equatable, Sendable {
    /// Nothing yet, and not due.
    case pending
    /// Nothing yet, and past its due date.
    case overdue
    /// The caller called back with their code (the first such saved call), on time or not.
    case callerCalledBack(at: Date, onTime: Bool)
    /// The supervisors' callback, as the queue has it (nil: no request was made).
    case callback(CallbackStatus?)

    /// Whether it still asks for something: listed as due on the board.
    public var isOpen: Bool {
        switch self {
        case .pending, .overdue: true
        case .callerCalledBack: false
        case .callback(let status): status.map { !$0.isClosed } ?? true
        }
    }

    /// The outcome of a follow-up from what the store found: the first later saved call with the
    /// call's code, and the call's latest callback request's status.
    public static func of(_ followUp: FollowUp, calledBackAt: Date?, callbackStatus: CallbackStatus?, now: Date) -> FollowUpOutcome {
        switch followUp.kind {
        case .callerCallsBack:
            if let at = calledBackAt { return .callerCalledBack(at: at, onTime: at <= followUp.dueAt) }
            return now > followUp.dueAt ? .overdue : .pending
        case .supervisorCallback:
            if callbackStatus == nil, now > followUp.dueAt { return .overdue }
            return .callback(callbackStatus)
        }
    }
}

/// A follow-up with its outcome, and what the board and the review show beside it.
public struct FollowUpStatus: Equatable, Sendable {
    public var followUp: FollowUp
    public var outcome: FollowUpOutcome
    /// The call's level, when classified.
    public var level: ClassificationLevel?

    public init(followUp: FollowUp, outcome: FollowUpOutcome, level: ClassificationLevel?) {
        self.followUp = followUp
        self.outcome = outcome
        self.level = level
    }
}
