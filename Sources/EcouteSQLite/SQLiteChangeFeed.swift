import EcouteCore
import GRDB

/// Notices other processes' commits by `PRAGMA data_version`, which changes when another
/// connection commits and not on this one's own commits (checked: docs/engineering notes). It is
/// a read with no lock, cheap enough to poll every 250 ms. The feed keeps one connection of its
/// own, so the version it compares is always that connection's.
public final class SQLiteChangeFeed: ChangeFeed, @unchecked Sendable {
    private let queue: DatabaseQueue
    private var lastVersion: Int?

    public init(path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(1)
        queue = try DatabaseQueue(path: path, configuration: config)
        lastVersion = try Self.version(queue)
    }

    public func poll() throws -> Bool {
        let version = try Self.version(queue)
        defer { lastVersion = version }
        return version != lastVersion
    }

    static func version(_ queue: DatabaseQueue) throws -> Int {
        try queue.inDatabase { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
