import EcouteCore
import Foundation
import PostgresNIO

/// Other processes' changes, by `LISTEN ecoute_changes` on a connection of the feed's own (the
/// tables' triggers `NOTIFY` it on every commit). A poll is one round trip, after which the
/// server has handed over every notification committed before it.
///
/// A lost connection is made again at the next poll, which listens again and answers « changed »:
/// what was notified while it was down is lost, so the screen reads everything again.
final class PostgresChangeFeed: ChangeFeed, @unchecked Sendable {
    private let session: PostgresSession
    private let flag = NotifiedFlag()
    /// Raised by each connection made (again).
    private let connections = NotifiedFlag()
    /// How long a poll waits for the server.
    static let pollLimit: TimeInterval = 5

    init(url: PostgresURL) throws {
        let flag = self.flag
        let connections = self.connections
        session = try PostgresSession(url, statementLimit: Self.pollLimit) { session, connection in
            connection.addListener(channel: "ecoute_changes") { _, _ in flag.set() }
            try session.execute("LISTEN ecoute_changes")
            connections.set()
        }
        // The first connection is the feed's opening, not a reconnection.
        _ = connections.take()
    }

    /// A notification has arrived since the last poll (set by the connection's event loop).
    var hasNotice: Bool { flag.isSet }

    func poll() throws -> Bool {
        try session.execute("SELECT 1")
        let reconnected = connections.take()
        return flag.take() || reconnected
    }
}

/// Set by the connection's event loop, taken by the poller.
final class NotifiedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func set() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// Whether it is set, leaving it so.
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    /// Whether it was set since the last take.
    func take() -> Bool {
        lock.lock()
        defer { raised = false; lock.unlock() }
        return raised
    }
}
