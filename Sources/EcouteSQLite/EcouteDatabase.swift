import EcouteCore
import Foundation
import GRDB

/// Opens ecoute's SQLite database: created 0600, WAL, `synchronous=FULL` (call records are few
/// and precious), a busy timeout so several consoles on one host can share it, and every
/// migration applied.
public enum EcouteDatabase {
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

    /// The directory's own file beside the calls database at `path`, reading its rotation counts there.
    public static func directoryFile(forCallsDatabase path: String) -> DirectoryFile {
        DirectoryFile(path: DirectoryFile.path(besideCallsDatabase: path), rotationDatabase: path)
    }

    /// Opens the database, turning what can go wrong into a `StoreOpenFailure` a user can act on.
    /// `lockWait`: how long a statement waits for another connection's lock before failing.
    /// A file that exists and is another program's SQLite database (tables, none of ecoute's
    /// migrations) is refused as it is, never written into; so is an existing empty file unless
    /// `acceptEmpty` (a command that may create a database: it is one not yet set up).
    public static func open(path: String, lockWait: TimeInterval = 5, acceptEmpty: Bool = true) throws -> DatabaseQueue {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreOpenFailure(.cannotCreate, location: folder, detail: (error as NSError).localizedDescription)
        }
        let existed = fm.fileExists(atPath: path)
        if !existed {
            // Create the file ourselves so it is 0600 from its first byte; SQLite gives the
            // -wal and -shm files the same permissions.
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreOpenFailure(fm.isWritableFile(atPath: folder) ? .cannotCreate : .readOnly, location: folder,
                                       detail: "cannot create \(url.lastPathComponent)")
            }
        }
        if !fm.isWritableFile(atPath: path) || !fm.isWritableFile(atPath: folder) {
            throw StoreOpenFailure(.readOnly, location: fm.isWritableFile(atPath: path) ? folder : path,
                                   detail: "no write permission")
        }
        do {
            return try openConnection(path, lockWait: lockWait, acceptEmpty: acceptEmpty || !existed)
        } catch let failure as StoreOpenFailure {
            throw failure
        } catch {
            throw classify(error, path: path)
        }
    }

    /// The store at `path` opened read-only (one connection), or nil when it cannot be (missing,
    /// not migrated by this version, no directory file yet or one from an older version when
    /// `checkingDirectory`, or SQLite refuses): the caller then opens it read-write.
    package static func openReadOnly(path: String, geography: Geography, lockWait: TimeInterval, checkingDirectory: Bool = true) -> SQLiteStore? {
        let directory = directoryFile(forCallsDatabase: path)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // A directory file from an older version is brought up to date by the read-write path.
        if checkingDirectory, !directory.exists || (try? directory.isCurrent()) != true { return nil }
        var config = Configuration()
        config.readonly = true
        config.busyMode = FairBusyWait.mode(limit: lockWait)
        guard let database = try? DatabaseQueue(path: path, configuration: config),
              (try? database.read({ try Schema.migrator.hasCompletedMigrations($0) })) == true else { return nil }
        return SQLiteStore(database: database, directoryFile: directory, geography: geography, path: path)
    }

    /// The directory file beside the calls database at `path`, alone and read-only, for a command
    /// that reads nothing else (`ecoute directory search`); nil when there is no calls database,
    /// no directory file or one this version has not brought up to date (or SQLite refuses it):
    /// the caller then opens the whole store, which creates or migrates what it must. The calls
    /// database is neither opened nor attached — a search never reads the rotation counts (the
    /// file is read with `ranks` false: no rotation table, not even an empty one) — so it
    /// is not checked for being up to date either (the next command that uses it does that, as
    /// `openReadOnly` without `checkingDirectory` leaves the directory file to the next command
    /// that reads it). A cold search started in a process of its own spent more on opening,
    /// checking and attaching the calls database than on its query (docs/benchmarks.md).
    package static func openDirectoryReadOnly(path: String, geography: Geography) -> SQLiteDirectoryMaintenance? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return openDirectoryFileReadOnly(DirectoryFile.path(besideCallsDatabase: path), geography: geography)
    }

    /// A directory file by its own path, alone and read-only (a platform host's local directory,
    /// whose calls are on the server); nil when it is missing, from an older version, or refused.
    package static func openDirectoryFileReadOnly(_ directoryPath: String, geography: Geography) -> SQLiteDirectoryMaintenance? {
        let file = DirectoryFile(path: directoryPath, rotationDatabase: nil, ranks: false)
        guard file.exists, (try? file.readerIsCurrent()) == true else { return nil }
        return SQLiteDirectoryMaintenance(file: file, geography: geography)
    }

    /// Copies the WAL into the database and empties it, after the rare writes of a creation or a
    /// migration: the next command that opens the file alone then has no WAL to read back
    /// (a connection that reads the directory keeps the file attached after the store closes, so
    /// SQLite's own checkpoint on close is not always the last word). Best effort: another
    /// process reading at that moment only leaves it for later.
    static func checkpoint(_ database: DatabaseQueue) {
        _ = try? database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// What an engine error means to the person opening the file.
    public static func classify(_ error: any Error, path: String) -> any Error {
        guard let e = error as? DatabaseError else { return error }
        let detail = e.message ?? "\(e.resultCode)"
        switch e.resultCode.primaryResultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return StoreOpenFailure(.notADatabase, location: path, detail: detail)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreOpenFailure(.readOnly, location: path, detail: detail)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreOpenFailure(.locked, location: path, detail: detail)
        case .SQLITE_CANTOPEN: return StoreOpenFailure(.cannotCreate, location: path, detail: detail)
        default: return error
        }
    }

    /// One connection for all the process reads and writes. A console, a review, a board or a
    /// report runs its statements one after another on one thread: a pool's readers would be more
    /// connections to open (about a millisecond each at start) for no concurrency. Other
    /// processes still read while this one writes: the file is in WAL mode, its own setting,
    /// given once when it is created.
    private static func openConnection(_ path: String, lockWait: TimeInterval, acceptEmpty: Bool) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = FairBusyWait.mode(limit: lockWait)
        // Not GRDB's `.wal`: it writes and drops a table whenever the WAL is empty (for its pools'
        // readers), that is at nearly every start, since the last connection to close removes it.
        config.journalMode = .default
        config.prepareDatabase { db in
            // FULL: a commit is on disk before « enregistré » shows, power cut or not.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let database = try DatabaseQueue(path: path, configuration: config)
        let applied = try database.writeWithoutTransaction { db in
            try refuseAnotherProgramsFile(db, path: path, acceptEmpty: acceptEmpty)
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal",
               try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") != "wal" {
                throw StoreOpenFailure(.cannotCreate, location: path, detail: "SQLite refused WAL mode")
            }
            return try Schema.migrator.appliedIdentifiers(db)
        }
        let known = Schema.migrator.migrations
        if applied.contains(where: { !known.contains($0) }) {
            throw StoreOpenFailure(.newerSchema, location: path, detail: "migrations unknown to this version")
        }
        // A store this version has already brought up to date (nearly every start) needs neither.
        if !known.allSatisfy(applied.contains) {
            try LegacyDirectory.moveOut(of: database, callsPath: path, into: directoryFile(forCallsDatabase: path))
            try Schema.migrator.migrate(database)
            checkpoint(database)
        }
        return database
    }

    /// Refuses, before anything is written (not even the journal mode), a database that holds
    /// tables but none of ecoute's migrations — another program's file: `--db` mistyped, or
    /// pointed at the wrong file — and an empty one unless `acceptEmpty`.
    static func refuseAnotherProgramsFile(_ db: Database, path: String, acceptEmpty: Bool) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if tables.isEmpty, !acceptEmpty {
            throw StoreOpenFailure(.notADatabase, location: path, detail: "an empty file, not an ecoute database")
        }
        if !tables.isEmpty, !tables.contains("grdb_migrations") {
            let some = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
            throw StoreOpenFailure(.notADatabase, location: path, detail: "tables of another program: \(some)")
        }
    }
}
