import EcouteCore
import Foundation

/// A write that did not reach the disk, and when it is tried again.
public struct WriteFailure: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The call as it stands (any change during the call).
        case persist
        /// The save (F10): the call stays in wrap-up until it is written.
        case finalize
    }

    public var kind: Kind
    public var reason: String
    public var attempts: Int
    public var retryAt: Date
    /// When the first of these refusals came.
    public var since: Date

    public init(kind: Kind, reason: String, attempts: Int, retryAt: Date, since: Date? = nil) {
        self.kind = kind
        self.reason = reason
        self.attempts = attempts
        self.retryAt = retryAt
        self.since = since ?? retryAt
    }

    /// A write refused only because another console or an import holds the database is tried
    /// again quietly for this long: colleagues being busy is no alarm (the file is alive, others'
    /// writes are going through). Past it, or for any other fault, the red banner says the call
    /// is not saved. 100 consoles saving as fast as keys allow while a 200k-entry import runs
    /// wait 5.5 s at worst (docs/benchmarks.md, « Many consoles on one embedded file »).
    public static let quietWhileBusy: TimeInterval = 10

    /// Whether the banner shows it at `now` (before then, the message line says a write is pending).
    public func isAlarm(at now: Date) -> Bool {
        StoreFault.of(reason) != .busy || now >= since + Self.quietWhileBusy
    }

    /// Delay before the next try: 0.5 s, 1 s, 2 s, 4 s, then every 5 s.
    public static func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(5, 0.5 * pow(2, Double(max(0, attempts - 1))))
    }
}
