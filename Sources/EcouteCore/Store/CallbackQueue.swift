import Foundation

/// One line of a callback request's audit trail: every write, every read of its number, every
/// erasure. It never holds the number.
public struct CallbackAuditEntry: Equatable, Sendable {
    public enum Event: String, Equatable, Sendable, CaseIterable {
        case requested, numberRead, taken, failedAttempt, calledBack, abandoned, expired, numberErased
    }

    public var requestID: String
    public var at: Date
    /// The operator (or « system » for the clock's erasure).
    public var by: String
    public var event: Event

    public init(requestID: String, at: Date, by: String, event: Event) {
        self.requestID = requestID
        self.at = at
        self.by = by
        self.event = event
    }
}

/// The supervisors' callback queue (« rappels par un cadre »). The number is written with the
/// request and read back only by a supervisor, each read audited; it is erased (with an audit
/// entry) when the request closes, and by `eraseExpiredNumbers` once older than the line's limit.
/// Lists never carry numbers.
public protocol CallbackQueue: Sendable {
    /// Records a request and its number (the call's psychologist, at the request's time).
    func request(_ request: CallbackRequest, number: CallbackNumber) throws
    /// Requests not closed, oldest first (a psychologist: their own only).
    func open(visibleTo viewer: Viewer) throws -> [CallbackRequest]
    /// Requests made since a time, closed or not, oldest first (reports; a psychologist: their own).
    func requests(since: Date, visibleTo viewer: Viewer) throws -> [CallbackRequest]
    /// A call's requests, oldest first.
    func requests(ofCall callID: String, visibleTo viewer: Viewer) throws -> [CallbackRequest]
    /// The number of a request still holding one (supervisors only; audited). Nil once erased.
    func number(of requestID: String, by viewer: Viewer, at: Date) throws -> CallbackNumber?
    /// A supervisor acts on a request (`CallbackLifecycle`); closing erases the number.
    @discardableResult
    func act(_ action: CallbackAction, on requestID: String, by viewer: Viewer, at: Date) throws -> CallbackRequest
    /// Erases every number older than the line's limit; open requests become `expired`. SQLite
    /// uses `now`; PostgreSQL the server's clock. Returns the requests concerned.
    @discardableResult
    func eraseExpiredNumbers(now: Date) throws -> [String]
    /// How many numbers are still held past the limit (`ecoute check`: should be none).
    func numbersPastLimit(now: Date) throws -> Int
    /// How long a number is kept at most (the line's setting, else 72 h).
    func numberLimit() throws -> TimeInterval
    /// Sets the line's limit in hours (supervisors only; 1 to 72).
    func setNumberLimit(hours: Int, by viewer: Viewer, at: Date) throws
    /// A request's audit trail, oldest first (supervisors only).
    func audit(of requestID: String, by viewer: Viewer) throws -> [CallbackAuditEntry]
}

/// A callback request or setting that cannot be written as given (the message says what).
public struct CallbackRefusedInput: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
