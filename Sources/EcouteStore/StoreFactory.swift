import EcouteCore
import EcoutePostgres
import EcouteSQLite
import Foundation

/// Where the store lives, from the command line: a file path (the embedded SQLite database,
/// the default) or a server URL.
public enum StoreLocation: Equatable, Sendable {
    case sqlite(path: String)
    case server(url: String)

    /// `--db PATH`, `sqlite:PATH` or `sqlite:///PATH`; `postgresql://…` / `postgres://…` name a server.
    public static func parse(_ text: String) -> StoreLocation {
        for scheme in ["postgresql:", "postgres:"] where text.lowercased().hasPrefix(scheme) {
            return .server(url: text)
        }
        if text.hasPrefix("sqlite://") { return .sqlite(path: String(text.dropFirst("sqlite://".count))) }
        if text.hasPrefix("sqlite:") { return .sqlite(path: String(text.dropFirst("sqlite:".count))) }
        return .sqlite(path: text)
    }
}

/// Data every new store starts with: the geography and the sample directory.
public struct StoreSeed: Sendable {
    public var geography: Geography
    public var sampleDirectory: URL?

    public init(geography: Geography, sampleDirectory: URL?) {
        self.geography = geography
        self.sampleDirectory = sampleDirectory
    }
}

/// What a command will do with the store.
public enum StoreAccess: Sendable {
    /// Create, migrate and seed as needed, and write.
    case readWrite
    /// Only read: an existing, up-to-date store is opened read-only — no write transaction, no
    /// sync, no migration check that takes a lock — so a search or a report starts fast and
    /// never waits for a writer. A store that is new or needs migrating is opened read-write.
    case readOnly
    /// The same, for a command that reads the calls alone (a report, a review: the referrals
    /// saved with the calls, never the directory): the directory file is not looked at, so not
    /// checked for being up to date either — the next command that uses it does that.
    case readOnlyCalls
}

/// The one place a store is opened: every command goes through here, so adding an engine is an
/// implementation of the core's store protocols plus one case below.
public enum StoreFactory {
    public struct Unsupported: Error, CustomStringConvertible {
        public var description: String
    }

    /// Opens (creating, migrating and seeding when new) the store at `location`. `lockWait` is
    /// how long a write waits for another writer: a console keeps it short, so a long import
    /// elsewhere shows as a refused write (retried) instead of a frozen screen.
    /// `directoryPath`: where a server store keeps its local directory file (default: beside the
    /// default SQLite database, `$XDG_DATA_HOME/ecoute/ecoute.directory.sqlite`).
    ///
    /// `interactive`: a screen's store (console, board, review). On PostgreSQL its statements
    /// wait 2 s for a lock and run 5 s at most (`ConsoleLimits`); other commands have no limit.
    public static func open(_ location: StoreLocation, seed: StoreSeed, lockWait: TimeInterval = 5,
                            access: StoreAccess = .readWrite, directoryPath: String? = nil, interactive: Bool = false) throws -> any Store {
        switch location {
        case .sqlite(let path):
            if access != .readWrite, let store = EcouteDatabase.openReadOnly(path: path, geography: seed.geography, lockWait: lockWait,
                                                                               checkingDirectory: access == .readOnly) {
                return store
            }
            // A command that only reads never sets up a database, not even in an empty file.
            let database = try EcouteDatabase.open(path: path, lockWait: lockWait, acceptEmpty: access == .readWrite)
            let directory = EcouteDatabase.directoryFile(forCallsDatabase: path)
            do {
                try DefaultData.seed(database, directory: directory, geography: seed.geography, sampleDirectory: seed.sampleDirectory)
            } catch {
                throw EcouteDatabase.classify(error, path: path)
            }
            return SQLiteStore(database: database, directoryFile: directory, geography: seed.geography, path: path)
        case .server(let text):
            let url: PostgresURL
            do {
                url = try PostgresURL.parse(text, systemUser: SystemUser.name())
            } catch let invalid as PostgresURL.Invalid {
                throw Unsupported(description: invalid.description)
            }
            let directory = directoryPath ?? DirectoryFile.path(besideCallsDatabase: EcouteDatabase.defaultPath())
            try FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return try PostgresStore.open(url, directoryPath: directory, geography: seed.geography, sampleDirectory: seed.sampleDirectory,
                                          lockWait: interactive ? ConsoleLimits.lockWait : lockWait,
                                          statementLimit: interactive ? ConsoleLimits.statement : nil)
        }
    }
}

extension StoreFactory {
    /// A store's directory file alone, read-only, for a command that reads nothing else
    /// (`ecoute directory search`): the calls database is not opened
    /// (`EcouteDatabase.openDirectoryReadOnly`), nor the server on a platform host, whose
    /// directory is the local file `open` would use (`directoryPath`, else beside the default
    /// embedded path) — so a search answers while the server is away. Nil when the file is
    /// missing or from an older version: the command then opens the whole store
    /// (`access: .readOnly`).
    public static func directoryAlone(_ location: StoreLocation, geography: Geography, directoryPath: String? = nil)
        -> (any DirectoryMaintenance)? {
        switch location {
        case .sqlite(let path):
            return EcouteDatabase.openDirectoryReadOnly(path: path, geography: geography)
        case .server:
            let path = directoryPath ?? DirectoryFile.path(besideCallsDatabase: EcouteDatabase.defaultPath())
            return EcouteDatabase.openDirectoryFileReadOnly(path, geography: geography)
        }
    }
}

/// What a screen's statements may take on PostgreSQL (docs/operations.md): a lock is waited for
/// 2 s, a statement runs 5 s; past that the write is refused and retried, the screen never waits.
public enum ConsoleLimits {
    public static let lockWait: TimeInterval = 2
    public static let statement: TimeInterval = 5
}
