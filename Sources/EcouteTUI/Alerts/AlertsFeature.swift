import EcouteCore
import Foundation

/// Alerts as a feature: what the store says is open, escalation after the delay, and an alert that
/// did not reach the store, said with the supervisors' phones and sent again until it does. A
/// level-5 alert is never dropped because the database was busy or away.
public enum AlertsFeature: Feature {
    public typealias State = AlertWatch

    public enum Event: Equatable, Sendable {
        /// The clock: escalations and retries that are due.
        case tick
        /// The alerts open on the line and those of the call, and the supervisors.
        case loaded([Alert], supervisors: [OperatorRecord])
        /// The supervisors as kept on this workstation (the store out of reach).
        case supervisorsKnown([OperatorRecord])
        /// An alert handed to the store.
        case sending(Alert)
        case notRaised(Alert)
        case raised(Alert)
    }

    /// What alerts read of the console.
    public struct Context: Sendable {
        public var wallNow: Date
        /// The call on screen.
        public var callID: String?
        public var strings: Strings
        public var timeZone: TimeZone

        public init(wallNow: Date, callID: String?, strings: Strings, timeZone: TimeZone) {
            self.wallNow = wallNow
            self.callID = callID
            self.strings = strings
            self.timeZone = timeZone
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// The terminal bell.
        case ring
        case message(StatusMessage)
        /// Send this alert to the store.
        case raise(Alert)
    }

    public static func update(_ watch: inout AlertWatch, _ event: Event, _ context: Context) -> [Outcome] {
        let s = context.strings
        switch event {
        case .tick:
            return escalations(&watch, context) + retries(&watch, context)
        case .loaded(let alerts, let supervisors):
            let takenBefore = Set(watch.of(call: context.callID).filter(\.isTaken).map(\.id))
            watch.open = alerts
            watch.supervisors = supervisors
            var outcomes: [Outcome] = []
            if let taken = watch.of(call: context.callID).last(where: { $0.isTaken && !takenBefore.contains($0.id) }),
               let by = taken.takenBy, let at = taken.takenAt {
                outcomes.append(.message(StatusMessage(text: s.format("alert.takenBy", by, Formatting.clock(at, timeZone: context.timeZone)),
                                                       style: .ok)))
            }
            return outcomes + escalations(&watch, context)
        case .supervisorsKnown(let supervisors):
            if watch.supervisors.isEmpty { watch.supervisors = supervisors }
            return []
        case .sending(let alert):
            watch.sending.append(alert)
            return []
        case .notRaised(let alert):
            watch.sending.removeAll { $0.id == alert.id }
            // Kept as first raised (a retry is sent with its arrival time and lateness reckoned from it).
            let original = watch.notRaised.first { $0.alert.id == alert.id }?.alert ?? alert
            watch.notRaised.removeAll { $0.alert.id == alert.id }
            watch.notRaised.append(PendingAlert(alert: original, retryAt: context.wallNow + AlertWatch.retryInterval))
            let phones = watch.supervisorPhones.joined(separator: " · ")
            // What to do first: call a supervisor (why the store refused matters less here).
            return [.message(StatusMessage(text: s.format("alert.notRaised", phones.isEmpty ? "—" : phones), style: .alert)), .ring]
        case .raised(let alert):
            watch.sending.removeAll { $0.id == alert.id }
            let wasRefused = watch.notRaised.contains { $0.alert.id == alert.id }
            watch.notRaised.removeAll { $0.alert.id == alert.id }
            // « Non transmise » no longer holds: said so, with how late it went.
            guard wasRefused, let late = alert.lateBy else { return [] }
            return [.message(StatusMessage(text: s.format("alert.sentLate", Formatting.duration(late)), style: .warn))]
        }
    }

    /// An alert nobody took in time rings once on every console, and stays on screen.
    static func escalations(_ watch: inout AlertWatch, _ context: Context) -> [Outcome] {
        let due = watch.escalated(now: context.wallNow, except: context.callID).map(\.id).filter { !watch.rung.contains($0) }
        guard !due.isEmpty else { return [] }
        watch.rung.formUnion(due)
        return [.ring]
    }

    /// Alerts that did not reach the store, sent again every few seconds until they do. Each is
    /// sent as it reaches the supervisors now: its time is the arrival's, and it says how long
    /// after it was raised (the board shows it came late).
    static func retries(_ watch: inout AlertWatch, _ context: Context) -> [Outcome] {
        var outcomes: [Outcome] = []
        for i in watch.notRaised.indices where watch.notRaised[i].retryAt <= context.wallNow {
            watch.notRaised[i].retryAt = context.wallNow + AlertWatch.retryInterval
            var late = watch.notRaised[i].alert
            late.lateBy = context.wallNow.timeIntervalSince(late.raisedAt)
            late.raisedAt = context.wallNow
            outcomes.append(.raise(late))
        }
        return outcomes
    }

    /// The alert `CallSession.reduce` asked for, as the alert desk takes it: named by call, reason
    /// and time, with where the call stands now (`now` the console's time, `wallNow` the clock's).
    public static func alert(_ reason: AlertReason, of call: CallDraft, now: Date, wallNow: Date) -> Alert {
        Alert(id: "\(call.id)-\(reason.rawValue)-\(Int(wallNow.timeIntervalSince1970 * 1000))", callID: call.id,
              operatorName: call.operatorName, departement: call.profile.departement,
              level: call.level ?? .imminentRisk, reason: reason, callElapsed: call.elapsed(now: now),
              raisedAt: wallNow)
    }
}
