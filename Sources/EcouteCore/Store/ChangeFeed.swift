import Foundation

/// Tells a screen that another process changed the shared data (a call saved, an alert raised),
/// so it can reload. SQLite polls `PRAGMA data_version`; a server engine can use its own
/// notifications behind the same protocol.
public protocol ChangeFeed: AnyObject {
    /// Whether anything was committed by another connection since the last call.
    func poll() throws -> Bool
    /// Whether the feed already holds news for the next poll, known without asking anyone (a
    /// notification arrived); safe from any thread. The screen then polls at once rather than
    /// at its next regular poll.
    var hasNotice: Bool { get }
}

extension ChangeFeed {
    public var hasNotice: Bool { false }
}

/// A feed opened at its first poll — after a screen's first frame rather than on the way to it —
/// which then answers « changed »: whatever was committed between the screen's first loads and
/// the opening is reloaded, not missed. An opening that fails is tried again at the next poll.
public final class FeedOpenedAtFirstPoll: ChangeFeed, @unchecked Sendable {
    private let open: () throws -> any ChangeFeed
    private let lock = NSLock()
    private var feed: (any ChangeFeed)?

    public init(_ open: @escaping () throws -> any ChangeFeed) { self.open = open }

    public var isOpen: Bool { lock.withLock { feed != nil } }

    public func poll() throws -> Bool {
        if let feed = lock.withLock({ feed }) { return try feed.poll() }
        let opened = try open()
        lock.withLock { feed = opened }
        return true
    }

    public var hasNotice: Bool { lock.withLock { feed }?.hasNotice ?? false }
}
