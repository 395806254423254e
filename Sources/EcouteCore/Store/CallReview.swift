import Foundation

/// Saved and unfinished calls as supervisors and psychologists review them, and supervisors'
/// corrections with their audit log. Access is decided here, by the backend: a psychologist's
/// reads only ever return their own calls, and asking for another operator's throws `AccessDenied`.
public protocol CallReview: Sendable {
    /// Calls matching the query that the viewer may see, oldest first, handed over one at a time
    /// as they are read (a report over a million calls never holds them all).
    func forEachCall(_ query: CallQuery, visibleTo viewer: Viewer, _ body: (CallDraft) throws -> Void) throws
    /// A supervisor's correction of a saved call: the call and its audit entry in one transaction.
    func correct(callID: String, field: CorrectableField, to text: String, reason: String, by viewer: Viewer, at: Date) throws
    /// Retention: erases the notes of calls saved before `cutoff`, keeping the anonymous record;
    /// each erasure goes to the audit log (the notes' length, never their words). With `dryRun`,
    /// only says which calls it would touch. Supervisors only. Returns the calls' ids.
    func purgeNotes(savedBefore cutoff: Date, reason: String, by viewer: Viewer, at: Date, dryRun: Bool) throws -> [String]
    /// The line's retention of notes in days, as a supervisor set it; nil when never set.
    func notesRetentionDays() throws -> Int?
    /// Sets the line's retention of notes (supervisors only; at least one day).
    func setNotesRetention(days: Int, by viewer: Viewer, at: Date) throws
    /// Calls not saved (nor closed) that the viewer may see, oldest first.
    func unfinishedCalls(visibleTo viewer: Viewer) throws -> [CallDraft]
    /// The corrections of one call, oldest first.
    func auditLog(callID: String) throws -> [AuditEntry]
    /// The corrections (audit entries) of the calls matching the query that the viewer may see,
    /// oldest first: what a report lists beside its calls.
    func corrections(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [AuditEntry]
    /// The takeovers of the calls matching the query that the viewer may see, oldest first: who
    /// had each call, until when, and who took it over.
    func takeovers(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [CallTakeover]
    /// A supervisor closes a call left unfinished by a console that is gone: it is never offered
    /// again and counts nowhere; the reason goes to the audit log. Its lease is dropped.
    func closeUnfinished(callID: String, reason: String, by viewer: Viewer, at: Date) throws
    /// A supervisor hands a call left unfinished to another operator, whose console then offers
    /// it for resumption; the reason goes to the audit log. Its lease is dropped. `CorrectionRefused`
    /// when `operatorName` is not one of `reassignableOperators()`.
    func reassignUnfinished(callID: String, to operatorName: String, reason: String, by viewer: Viewer, at: Date) throws
    /// Who a call left unfinished may be reassigned to, by name: the line's operators who answer
    /// calls — registered psychologists and supervisors (on PostgreSQL, roles of those groups),
    /// and on an embedded file, where a system user works unregistered, whoever kept a shift on it
    /// and is not registered as a trainer.
    func reassignableOperators() throws -> [String]
}

extension CallReview {
    /// Calls matching the query that the viewer may see, oldest first, in one array.
    public func calls(_ query: CallQuery, visibleTo viewer: Viewer) throws -> [CallDraft] {
        var calls: [CallDraft] = []
        try forEachCall(query, visibleTo: viewer) { calls.append($0) }
        return calls
    }
}

/// A read or a change the viewer's role does not allow.
public struct AccessDenied: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A correction that cannot be made (no reason, not a value of the field, no such saved call…).
public struct CorrectionRefused: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
