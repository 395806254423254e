import EcouteCore
import Foundation

/// An alert that did not reach the store, and when it is sent again.
public struct PendingAlert: Equatable, Sendable {
    public var alert: Alert
    public var retryAt: Date
}

/// The console's watch over alerts: those open on the line and those of its call, the supervisors
/// to call, alerts nobody took in time, and alerts that did not reach the store yet.
public struct AlertWatch: Equatable, Sendable {
    /// Alerts open on the line, and those of this console's call (taken or not).
    public var open: [Alert] = []
    /// Supervisors and their phones, for the protocol screen.
    public var supervisors: [OperatorRecord] = []
    /// An alert nobody took within this delay is raised again on every console.
    public var escalationDelay: TimeInterval = Alert.defaultEscalationDelay
    /// Escalated alerts already rung for.
    public var rung: Set<String> = []
    /// Alerts that did not reach the store: said on screen with the supervisors' phones until the
    /// store has them.
    public var notRaised: [PendingAlert] = []
    /// Alerts handed to the store whose answer has not come yet (a busy or slow store): said as
    /// being sent, never as sent nor as an earlier alert's state.
    public var sending: [Alert] = []

    /// How often an alert that did not reach the store is raised again.
    public static let retryInterval: TimeInterval = 2

    public init() {}

    /// The alerts of a call, oldest first.
    public func of(call id: String?) -> [Alert] {
        guard let id else { return [] }
        return open.filter { $0.callID == id }
    }

    /// Alerts of other calls than `call` nobody took in time: shown on every console.
    public func escalated(now: Date, except call: String?) -> [Alert] {
        open.filter { $0.isEscalated(now: now, after: escalationDelay) && $0.callID != call }
    }

    /// The supervisors who left a phone, as « name phone » each.
    public var supervisorPhones: [String] {
        supervisors.compactMap { o in o.phone.map { "\(o.name) \($0)" } }
    }
}
