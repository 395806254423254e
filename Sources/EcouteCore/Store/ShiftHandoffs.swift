import Foundation

/// Shift handoff notes (`ShiftHandoff`): counted from the store when a shift ends, written with
/// the psychologist's few words, read by the next shift's consoles and the board, removed past
/// the line's retention (`ecoute purge`). The calls still in progress are handed over one by one
/// (`handOver`): to a colleague on shift, or left to the supervisors.
public protocol ShiftHandoffs: Sendable {
    /// What an operator leaves in progress at `now` (a handoff with no text yet, under `id`).
    func facts(id: String, shiftID: String?, of operatorName: String, now: Date) throws -> ShiftHandoff
    /// Writes a handoff (the viewer's own only).
    func write(_ handoff: ShiftHandoff, by viewer: Viewer) throws
    /// Handoffs written since a time, newest first (everyone on the line reads them).
    func recent(since: Date) throws -> [ShiftHandoff]

    /// The operators on shift at `now` (an open shift with a fresh sign of life, `Shift.judged`),
    /// but `operatorName`, by name: who may be handed a call.
    func colleaguesOnShift(besides operatorName: String, now: Date) throws -> [String]
    /// Hands the viewer's own unfinished call over: to `colleague` (on shift now; the call becomes
    /// theirs and their console offers it to resume) or, with nil, to the supervisors (the call
    /// stays the viewer's, its lease is ended, the board offers it to close or reassign). The
    /// lease ends and the audit log keeps who handed what to whom and when (`CallHandover`).
    /// `AccessDenied` for another's call; `HandoverRefused` when the call is not unfinished or
    /// the colleague is not on shift; `CallHeldElsewhere` when a console other than `console`
    /// (the operator's other workstation) holds the call and showed it was alive within
    /// `CallHolder.silenceLimit`: a call being answered is never handed away under its console.
    func handOver(_ callID: String, to colleague: String?, by viewer: Viewer, from console: ConsoleIdentity, at: Date) throws

    /// How long handoff notes are kept (days): the line's setting, else `ShiftHandoff.defaultRetentionDays`.
    func retentionDays() throws -> Int
    /// Sets the line's retention of handoff notes (supervisors only; 1 to `ShiftHandoff.maximumRetentionDays`).
    func setRetention(days: Int, by viewer: Viewer, at: Date) throws
    /// Removes the handoff notes written before the retention (on PostgreSQL by the server's
    /// clock), returns their ids; with `dryRun`, only lists them. Supervisors only (`ecoute purge`).
    func purge(by viewer: Viewer, now: Date, dryRun: Bool) throws -> [String]
}

/// A handover that cannot be made as asked (the message says why).
public struct HandoverRefused: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
