import EcouteCore
import Foundation

/// A supervisor callback being asked for (`c`): the motif, the urgency, then the number — the one
/// identifying datum ecoute ever holds, typed only here. The number lives in this form until the
/// store has the request; it is never part of the call, its journal on the workstation or a message.
public struct CallbackForm: Equatable, Sendable {
    public enum Step: Equatable, Sendable { case motif, urgency, number }
    public var step: Step = .motif
    public var motif = TextField("", maximumLength: 120)
    public var urgency: CallbackUrgency = .withinHour
    public var number = TextField("", maximumLength: 25)
    /// Why the last Enter was refused, in words.
    public var refusal: String?

    public init() {}
}

/// What the console remembers of its callback requests (not part of the call's record).
public struct ContinuityState: Equatable, Sendable {
    /// Requests this console made, by call id (shown in the call's screens).
    public var requested: [String: [CallbackRequest]] = [:]
    /// A request whose write failed: its form, kept to send again with `c`.
    public var unsent: CallbackForm?
    /// Caller codes attached to this console's calls, by call id (`k`).
    public var codes: [String: AttachedCallerCode] = [:]
    /// Follow-ups set on this console's calls, by call id (`g`).
    public var followUps: [String: FollowUp] = [:]

    public init() {}
}
