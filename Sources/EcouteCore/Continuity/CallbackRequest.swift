import Foundation

/// How soon the caller should be called back by a supervisor.
public enum CallbackUrgency: String, Codable, Sendable, CaseIterable {
    /// « maintenant »
    case now
    /// « dans l'heure »
    case withinHour
    /// « aujourd'hui »
    case today

    /// By when the callback should have been made.
    public func dueAt(requestedAt: Date) -> Date {
        switch self {
        case .now: requestedAt.addingTimeInterval(15 * 60)
        case .withinHour: requestedAt.addingTimeInterval(3600)
        case .today: requestedAt.addingTimeInterval(12 * 3600)
        }
    }
}

/// Where a callback request stands.
public enum CallbackStatus: String, Codable, Sendable, CaseIterable {
    /// Asked for, nobody took it yet.
    case waiting
    /// A supervisor took it (and may have tried and not reached the caller: `attempts`).
    case taken
    /// « rappelé »: the supervisor reached the caller.
    case calledBack
    /// « abandonné »: a supervisor closed it without reaching the caller.
    case abandoned
    /// Still open when its number reached the line's limit: the number was erased, nobody can call.
    case expired

    /// Closed: the number is erased, nothing more can be done.
    public var isClosed: Bool { self == .calledBack || self == .abandoned || self == .expired }
}

/// A psychologist's request that a supervisor call the caller back (« rappel par un cadre »).
/// The number itself is not part of this value: it is written once with the request and read
/// back only by a supervisor, one audited read at a time (`CallbackQueue`).
public struct CallbackRequest: Equatable, Sendable, Codable {
    public var id: String
    public var callID: String
    /// The psychologist who asked.
    public var requestedBy: String
    /// Why (« motif »): a few words, through the identifying-text guard.
    public var motif: String
    public var urgency: CallbackUrgency
    public var requestedAt: Date
    public var status: CallbackStatus
    public var takenBy: String?
    public var takenAt: Date?
    /// Tries that did not reach the caller (« injoignable (n tentatives) »).
    public var attempts: Int
    public var lastAttemptAt: Date?
    public var closedBy: String?
    public var closedAt: Date?
    /// When its number was erased (closed, or the limit reached); nil while it is held.
    public var numberErasedAt: Date?

    public init(id: String, callID: String, requestedBy: String, motif: String, urgency: CallbackUrgency, requestedAt: Date,
                status: CallbackStatus = .waiting, takenBy: String? = nil, takenAt: Date? = nil, attempts: Int = 0,
                lastAttemptAt: Date? = nil, closedBy: String? = nil, closedAt: Date? = nil, numberErasedAt: Date? = nil) {
        self.id = id
        self.callID = callID
        self.requestedBy = requestedBy
        self.motif = motif
        self.urgency = urgency
        self.requestedAt = requestedAt
        self.status = status
        self.takenBy = takenBy
        self.takenAt = takenAt
        self.attempts = attempts
        self.lastAttemptAt = lastAttemptAt
        self.closedBy = closedBy
        self.closedAt = closedAt
        self.numberErasedAt = numberErasedAt
    }

    /// From the request to « rappelé ».
    public var delayToCallback: TimeInterval? {
        guard status == .calledBack, let closedAt else { return nil }
        return closedAt.timeIntervalSince(requestedAt)
    }

    /// Age at a time (the board's « depuis »).
    public func age(at now: Date) -> TimeInterval { now.timeIntervalSince(requestedAt) }

    /// Past its due time and still open.
    public func isLate(at now: Date) -> Bool { !status.isClosed && now >= urgency.dueAt(requestedAt: requestedAt) }

    /// The time its number must be gone by.
    public func numberDeadline(limit: TimeInterval) -> Date { requestedAt.addingTimeInterval(limit) }
}

/// What a supervisor (or the clock) does to a request.
public enum CallbackAction: String, Equatable, Sendable, CaseIterable, Codable {
    /// « je prends »
    case take
    /// « injoignable »: a try that did not reach the caller; the request stays with its taker.
    case failedAttempt
    /// « rappelé »
    case calledBack
    /// « abandonné »
    case abandon
    /// The number reached the line's limit while the request was open.
    case expire

    /// Whether it closes the request (and so erases the number).
    public var closes: Bool { self == .calledBack || self == .abandon || self == .expire }
}

/// Why an action on a request was refused.
public struct CallbackRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Equatable, Sendable {
        /// Another supervisor took it first.
        case alreadyTaken
        /// Closed already (called back, abandoned or expired).
        case closed
        /// Only a request someone took can be marked called back or unreachable.
        case notTaken
        /// Only supervisors act on the queue.
        case notSupervisor
        /// No such request (or not visible to this role).
        case unknown
    }

    public var reason: Reason
    public var request: CallbackRequest?

    public init(_ reason: Reason, _ request: CallbackRequest?) {
        self.reason = reason
        self.request = request
    }

    public var description: String {
        switch reason {
        case .alreadyTaken: "callback request already taken by \(request?.takenBy ?? "?")"
        case .closed: "callback request already closed (\(request?.status.rawValue ?? "?"))"
        case .notTaken: "callback request not taken yet: take it first"
        case .notSupervisor: "only supervisors act on the callback queue"
        case .unknown: "no such callback request"
        }
    }
}

/// The life of a request, pure: both backends apply it (PostgreSQL's functions check the same
/// rules again on the server).
public enum CallbackLifecycle {
    /// The request after `action` by `actor` at `at`, or why not.
    public static func apply(_ action: CallbackAction, to request: CallbackRequest, by actor: String,
                             at: Date) -> Result<CallbackRequest, CallbackRefused> {
        var r = request
        guard !r.status.isClosed else { return .failure(CallbackRefused(.closed, request)) }
        switch action {
        case .take:
            guard r.status == .waiting else { return .failure(CallbackRefused(.alreadyTaken, request)) }
            r.status = .taken
            r.takenBy = actor
            r.takenAt = at
        case .failedAttempt:
            guard r.status == .taken else { return .failure(CallbackRefused(.notTaken, request)) }
            r.attempts += 1
            r.lastAttemptAt = at
        case .calledBack:
            guard r.status == .taken else { return .failure(CallbackRefused(.notTaken, request)) }
            r.status = .calledBack
        case .abandon:
            r.status = .abandoned
        case .expire:
            r.status = .expired
        }
        if action.closes {
            r.closedBy = actor
            r.closedAt = at
            r.numberErasedAt = at
        }
        return .success(r)
    }

    /// The default limit after which a number is erased, whatever the request's state.
    public static let defaultNumberLimit: TimeInterval = 72 * 3600
    /// The longest limit a line may set (hours).
    public static let maximumNumberLimitHours = 72
}
