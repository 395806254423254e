import Foundation
import GRDB

/// Opens ecoute's SQLite database: created 0600, WAL, `synchronous=FULL` (call records are few
/// and precious), a busy timeout so several consoles on one host can share it, and every
/// migration applied.
public enum EcouteDatabase {
    public struct OpenError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The default location: `$XDG_DATA_HOME/ecoute/ecoute.sqlite`, or `~/.local/share/ecoute/…`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/ecoute/ecoute.sqlite"
    }

    public static func open(path: String) throws -> DatabasePool {
        let url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        if !fm.fileExists(atPath: path) {
            // Create the file ourselves so it is 0600 from its first byte; SQLite gives the
            // -wal and -shm files the same permissions.
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw OpenError(description: "cannot create database file \(path)")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try Schema.migrator.migrate(pool)
        return pool
    }
}
