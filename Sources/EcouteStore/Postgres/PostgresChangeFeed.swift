import EcouteCore
import Foundation
import PostgresNIO

/// Other processes' changes, by `LISTEN ecoute_changes` on a connection of the feed's own (the
/// tables' triggers `NOTIFY` it on every commit). A poll is one round trip, after which the
/// server has handed over every notification committed before it.
final class PostgresChangeFeed: ChangeFeed, @unchecked Sendable {
    private let session: PostgresSession
    private let flag = NotifiedFlag()

    init(url: PostgresURL) throws {
        session = try PostgresSession(url)
        let flag = self.flag
        session.connection.addListener(channel: "ecoute_changes") { _, _ in flag.set() }
        try session.execute("LISTEN ecoute_changes")
    }

    func poll() throws -> Bool {
        try session.execute("SELECT 1")
        return flag.take()
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

    /// Whether it was set since the last take.
    func take() -> Bool {
        lock.lock()
        defer { raised = false; lock.unlock() }
        return raised
    }
}
