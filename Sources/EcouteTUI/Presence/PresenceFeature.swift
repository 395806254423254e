import Foundation

/// What the board knows of this console, from the console's side: whether it is on screen yet,
/// what it last said it does, and when it last said it is alive.
public struct Presence: Equatable, Sendable {
    /// Whether the first frame is up: the board hears of this console from then on (its first
    /// write is not on the way to the first frame).
    public var isShown = false
    /// What was last reported to the board.
    public var lastReported: ActivityReport?
    /// When the console last said it is alive (nil: not yet on the clock).
    public var lastHeartbeat: Date?

    public init() {}
}

/// Presence as a feature: the board learns at once when what the console does changes, and
/// every `interval` that it is alive (its leases renewed with it).
public enum PresenceFeature: Feature {
    public typealias State = Presence

    public enum Event: Equatable, Sendable {
        /// The first frame is up.
        case shown
        /// An event was handled: what the console does may have changed.
        case handled
        /// The clock.
        case tick
    }

    public struct Context: Sendable {
        /// What the console does now, as the board shows it.
        public var activity: ActivityReport
        public var wallNow: Date
        public var interval: TimeInterval

        public init(activity: ActivityReport, wallNow: Date, interval: TimeInterval) {
            self.activity = activity
            self.wallNow = wallNow
            self.interval = interval
        }
    }

    public enum Outcome: Equatable, Sendable {
        /// Tell the board what the console does now.
        case report(ActivityReport)
        /// Say the console is alive (and renew its leases).
        case heartbeat(ActivityReport)
    }

    public static func update(_ presence: inout Presence, _ event: Event, _ context: Context) -> [Outcome] {
        switch event {
        case .shown:
            presence.isShown = true
            return []
        case .handled:
            guard presence.isShown, context.activity != presence.lastReported else { return [] }
            presence.lastReported = context.activity
            return [.report(context.activity)]
        case .tick:
            guard let last = presence.lastHeartbeat else {
                presence.lastHeartbeat = context.wallNow   // the first write or report just said it
                return []
            }
            guard context.wallNow >= last + context.interval else { return [] }
            presence.lastHeartbeat = context.wallNow
            return [.heartbeat(context.activity)]
        }
    }
}
