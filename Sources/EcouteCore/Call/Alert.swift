import Foundation

/// Why an alert was raised.
public enum AlertReason: String, Codable, Sendable, CaseIterable {
    /// Level 5 was chosen (or the emergency protocol opened).
    case imminentRisk
    /// The psychologist marked the protocol's « supervisor called » step.
    case supervisorStep
}

/// An alert the psychologist said was raised by mistake, and why; the alert stays on record.
public struct RaisedByMistake: Equatable, Sendable, Codable {
    public var reason: String
    public var markedAt: Date

    public init(reason: String, markedAt: Date) {
        self.reason = reason
        self.markedAt = markedAt
    }
}

/// A call in danger, raised to the supervisors on duty: a real alert that reaches a person.
public struct Alert: Equatable, Sendable, Codable {
    public var id: String
    public var callID: String
    public var operatorName: String
    public var departement: String?
    public var level: ClassificationLevel
    public var reason: AlertReason
    /// How long the call had lasted when the alert was raised.
    public var callElapsed: TimeInterval
    public var raisedAt: Date
    /// The supervisor who took it (« je prends »), and when.
    public var takenBy: String?
    public var takenAt: Date?
    /// Marked by the psychologist as raised by mistake (nil: a real alert).
    public var raisedByMistake: RaisedByMistake?
    /// How long after it was raised the alert reached the database, when it could not at once
    /// (the database out of reach): the board says it came late, and by how much.
    public var lateBy: TimeInterval?

    public init(id: String, callID: String, operatorName: String, departement: String?, level: ClassificationLevel,
                reason: AlertReason, callElapsed: TimeInterval, raisedAt: Date, takenBy: String? = nil, takenAt: Date? = nil,
                raisedByMistake: RaisedByMistake? = nil, lateBy: TimeInterval? = nil) {
        self.id = id
        self.callID = callID
        self.operatorName = operatorName
        self.departement = departement
        self.level = level
        self.reason = reason
        self.callElapsed = callElapsed
        self.raisedAt = raisedAt
        self.takenBy = takenBy
        self.takenAt = takenAt
        self.raisedByMistake = raisedByMistake
        self.lateBy = lateBy
    }

    public var isTaken: Bool { takenAt != nil }

    /// Nobody took it within the delay: raised again on every console on shift (not one its
    /// psychologist said was raised by mistake; the board still shows it until acknowledged).
    public func isEscalated(now: Date, after delay: TimeInterval) -> Bool {
        !isTaken && raisedByMistake == nil && now.timeIntervalSince(raisedAt) >= delay
    }

    /// From raise to take, once taken.
    public var timeToTake: TimeInterval? { takenAt.map { $0.timeIntervalSince(raisedAt) } }

    /// The delay after which an untaken alert is raised again everywhere.
    public static let defaultEscalationDelay: TimeInterval = 120
}

/// The alert was already taken by someone else.
public struct AlertAlreadyTaken: Error, Equatable, CustomStringConvertible {
    public var alert: Alert
    public init(_ alert: Alert) { self.alert = alert }
    public var description: String { "already taken by \(alert.takenBy ?? "?")" }
}

/// What a console is doing, as the supervisors' board shows it.
public enum ConsoleActivity: String, Codable, Sendable, CaseIterable {
    case free, inCall, dropped, wrapUp, emergency
}

/// A console on shift, kept up to date by the console itself (every state change and every 5 s).
public struct ConsolePresence: Equatable, Sendable {
    public var console: ConsoleIdentity
    public var shiftID: String?
    public var activity: ConsoleActivity
    public var callID: String?
    public var callStartedAt: Date?
    public var level: ClassificationLevel?
    public var heartbeatAt: Date
    /// The line the console answers (`CallLine.id`): its call's line during a call. On the
    /// platform database a supervisor sees the consoles of the lines it supervises.
    public var line: String

    public init(console: ConsoleIdentity, shiftID: String?, activity: ConsoleActivity, callID: String?, callStartedAt: Date?,
                level: ClassificationLevel?, heartbeatAt: Date, line: String = CallLine.healthID) {
        self.line = line
        self.console = console
        self.shiftID = shiftID
        self.activity = activity
        self.callID = callID
        self.callStartedAt = callStartedAt
        self.level = level
        self.heartbeatAt = heartbeatAt
    }

    /// Alive as a call's holder is: by its process on this host, by its heartbeat elsewhere.
    public func isAlive(now: Date, localHost: String, processExists: (Int32) -> Bool) -> Bool {
        CallHolder(console: console, heartbeatAt: heartbeatAt).isAlive(now: now, localHost: localHost, processExists: processExists)
    }
}
