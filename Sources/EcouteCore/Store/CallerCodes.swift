import Foundation

/// Pseudonymous caller codes (`CallerCode`): a code attached to a call — given to the caller at
/// that call, or said by the caller — links it to the caller's other calls with the same code.
/// Reading a caller's earlier calls is audited; the notes of a call are shown only to the
/// psychologist who wrote them and to supervisors. Nothing here holds or derives identity.
public protocol CallerCodes: Sendable {
    /// Attaches a code to a call (one per call; attaching again replaces it). Only the call's own
    /// psychologist does: `issued` when the code was given at this call, else said by the caller.
    func attach(_ code: CallerCode, toCall callID: String, issued: Bool, by viewer: Viewer, at: Date) throws
    /// The code attached to a call the viewer may see; nil when none.
    func code(ofCall callID: String, visibleTo viewer: Viewer) throws -> CallerCode?
    /// The caller's other saved calls with this code, oldest first, for the call `forCall` that
    /// carries the code (held by the viewer; a supervisor may read any). Each read is audited.
    func history(of code: CallerCode, forCall callID: String, by viewer: Viewer, at: Date) throws -> [CallerHistoryCall]
    /// The other calls sharing this call's code that the viewer may see, oldest first: the
    /// review's links.
    func linkedCalls(ofCall callID: String, visibleTo viewer: Viewer) throws -> [LinkedCall]
    /// Codes issued, calls with a code and repeat calls among the saved calls picked up in
    /// [from, to) that the viewer may see.
    func figures(from: Date, to: Date, visibleTo viewer: Viewer) throws -> CallerCodeFigures
    /// The history reads since a time, oldest first (supervisors only).
    func historyReads(since: Date, by viewer: Viewer) throws -> [CallerHistoryRead]
}

/// A caller code that cannot be attached or read as asked (the message says what).
public struct CallerCodeRefused: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
