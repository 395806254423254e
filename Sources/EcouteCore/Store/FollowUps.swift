import Foundation

/// Follow-ups of calls (`FollowUp`): set by the call's psychologist, listed when due on the board
/// and shown in review with their outcome — the caller's later call with their code, or the
/// supervisors' callback. One follow-up per call (setting it again replaces it).
public protocol FollowUps: Sendable {
    /// Sets a call's follow-up (the call's own psychologist only).
    func set(_ followUp: FollowUp, by viewer: Viewer) throws
    /// A call's follow-up and its outcome at `now`, if the viewer may see the call.
    func followUp(ofCall callID: String, visibleTo viewer: Viewer, now: Date) throws -> FollowUpStatus?
    /// Follow-ups still open and due before `before` (overdue ones of the last
    /// `FollowUp.boardWindow` included), soonest due first (a psychologist: their own).
    func due(before: Date, visibleTo viewer: Viewer, now: Date) throws -> [FollowUpStatus]
}

/// A follow-up that cannot be set as given (the message says what).
public struct FollowUpRefused: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
