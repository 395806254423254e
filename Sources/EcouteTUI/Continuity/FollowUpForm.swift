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
