import EcouteCore
import Foundation
import GRDB
import GRDBSQLite

/// The referral directory's own SQLite file, beside the calls database (`ecoute.directory.sqlite`
/// beside `ecoute.sqlite`).
///
/// It is never written in place. An import copies it aside, updates the copy, checks it, syncs it
/// and renames it over the old one: a console saving a call never waits for an import (they no
/// longer share a lock), a rejected or interrupted import leaves the old file byte-identical (the
/// copy a killed import leaves is removed by the next build), and two imports queue on a lock
/// file instead of losing one another's work. Every build also records the kinds real entries
/// hold (`DirectorySchema.refreshRealKinds`). Readers notice the
/// rename at their next query (the path names another inode) and reopen: a running console
/// proposes from the new directory as soon as it is in place.
///
/// Rotation counts (when a call last gave an entry) are per-call facts: they live with the calls
/// (`directory_rotation`), which every reading connection attaches, read-only.
public final class DirectoryFile: @unchecked Sendable {
    public let path: String
    /// The calls database, attached as `calls` for its `directory_rotation` table (`nil`: a
    /// directory read on its own, with no rotation).
    public let rotationDatabase: String?
    /// False for a reader that never ranks (`EcouteDatabase.openDirectoryReadOnly`, for a search):
    /// no rotation table at all, neither attached nor temporary.
    let ranks: Bool
    /// Run on every new reading connection (tracing in the benchmarks).
    let prepare: (@Sendable (Database) throws -> Void)?
    /// Where rotation counts come from when the calls are not a SQLite file (platform mode): they
    /// are copied into the reader's temporary `directory_rotation` before each read, only those
    /// changed since the last copy.
    let rotationFeed: (any DirectoryRotationFeed)?
    private let lock = NSLock()
    private var current: (queue: DatabaseQueue, identity: FileIdentity)?
    /// Up to when the reader's temporary rotation table has the feed's changes (nil: none yet).
    private var rotationMark: Date?
    /// After the feed failed: not asked again before then (the reads meanwhile use the last copy).
    private var rotationRetryAt: Date?
    /// How long the directory reads without asking the feed after it failed.
    let rotationRetryDelay: TimeInterval

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(path: String, rotationDatabase: String?, rotationFeed: (any DirectoryRotationFeed)? = nil,
                rotationRetryDelay: TimeInterval = 5, ranks: Bool = true, prepare: (@Sendable (Database) throws -> Void)? = nil) {
        self.rotationRetryDelay = rotationRetryDelay
        self.ranks = ranks
        self.path = path
        self.rotationDatabase = rotationDatabase
        self.rotationFeed = rotationFeed
        self.prepare = prepare
    }

    /// `…/ecoute.directory.sqlite` beside `…/ecoute.sqlite`.
    public static func path(besideCallsDatabase calls: String) -> String {
        let url = URL(fileURLWithPath: calls)
        let base = ["sqlite", "sqlite3", "db"].contains(url.pathExtension)
            ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(base + ".directory.sqlite").path
    }

    public var exists: Bool { FileIdentity(path) != nil }

    // MARK: - Reading

    /// Reads the file as it is now (one read transaction, the rotation counts included).
    ///
    /// The directory is this file; the feed only orders it (who was given least recently). When
    /// the feed cannot answer (the server stopped or out of reach) the read goes on with the
    /// counts last copied, and the feed is not asked again for `rotationRetryDelay`: proposals and
    /// search keep working through an outage of the calls' server, and no read waits on it twice.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try reader()
        if let rotationFeed, rotationFeedDue() {
            do {
                try syncRotation(queue, from: rotationFeed)
            } catch {
                lock.withLock { rotationRetryAt = Date().addingTimeInterval(rotationRetryDelay) }
            }
        }
        return try queue.read(body)
    }

    private func rotationFeedDue() -> Bool {
        lock.withLock {
            guard let retryAt = rotationRetryAt else { return true }
            if Date() < retryAt { return false }
            rotationRetryAt = nil
            return true
        }
    }

    /// The directory keys (source, source id) of entries by id, for rotation counts: ids are the
    /// file's own, keys survive every re-import.
    package func keys(ofEntries ids: [Int64]) throws -> [(source: String, sourceID: String)] {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT source, source_id FROM directory_entries WHERE id IN (\(ids.map(String.init).joined(separator: ",")))")
                .map { ($0["source"], $0["source_id"]) }
        }
    }

    /// Copies the rotation counts changed since the last copy into the reader's temporary table.
    private func syncRotation(_ queue: DatabaseQueue, from feed: any DirectoryRotationFeed) throws {
        lock.lock()
        let since = rotationMark
        lock.unlock()
        let changes = try feed.rotation(changedSince: since)
        guard !changes.rows.isEmpty || changes.mark != since else { return }
        try queue.inDatabase { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO temp.directory_rotation (source, source_id, last_given_at, times_given) VALUES (?, ?, ?, ?)
                ON CONFLICT (source, source_id) DO UPDATE SET last_given_at = excluded.last_given_at, times_given = excluded.times_given
                """)
            for row in changes.rows {
                try statement.execute(arguments: [row.source, row.sourceID, row.lastGivenAt, row.timesGiven])
            }
        }
        lock.lock()
        if current?.queue === queue { rotationMark = changes.mark }
        lock.unlock()
    }

    /// Closes the reading connection (a later read opens another).
    public func closeReader() {
        lock.lock()
        let queue = current?.queue
        current = nil
        rotationMark = nil
        lock.unlock()
        try? queue?.close()
    }

    /// The connection to the file now at `path`, opened anew when an import has replaced it.
    func reader() throws -> DatabaseQueue {
        let identity = FileIdentity(path)
        lock.lock()
        defer { lock.unlock() }
        if let current, identity == nil || identity == current.identity { return current.queue }
        guard let identity else { throw Failure(description: "\(path): the directory file is missing (ecoute directory import)") }
        let queue = try openReader()
        current = (queue, identity)
        rotationMark = nil
        return queue
    }

    private func openReader() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.label = "directory"
        let rotationDatabase = self.rotationDatabase, prepare = self.prepare, ranks = self.ranks
        config.prepareDatabase { db in
            if !ranks {
                // Nothing read through this connection ranks: no rotation counts to read.
            } else if let rotationDatabase {
                try db.execute(sql: "ATTACH DATABASE ? AS calls", arguments: [rotationDatabase])
            } else {
                try db.execute(sql: "CREATE TEMP TABLE directory_rotation (\(Self.rotationColumns)) WITHOUT ROWID")
            }
            try prepare?(db)
        }
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// The rotation table's columns, the same with the calls (migration v11) and without.
    static let rotationColumns = """
        source TEXT NOT NULL, source_id TEXT NOT NULL, last_given_at DATETIME NOT NULL,
        times_given INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source, source_id)
        """

    // MARK: - Replacing

    /// Builds the next version of the file aside (a copy of the current one, or a new file),
    /// runs `build` on it, checks it, syncs it and renames it into place. Throws, leaving the
    /// current file untouched, when `build` or the check fails.
    @discardableResult
    public func replace<T>(_ build: (Database) throws -> T) throws -> T {
        try replaceReporting(build).result
    }

    /// `replace`, saying which files left by a killed import it removed first (their paths).
    public func replaceReporting<T>(_ build: (Database) throws -> T) throws -> (result: T, removedLeftovers: [String]) {
        let (result, removed) = try rebuild(onlyIfMissing: false, build)
        return (result!, removed)
    }

    /// Creates the file with `build` unless it exists (checked again once the lock is held, so two
    /// processes starting together create it once). Brings an older file's schema up to date.
    public func createIfMissing(_ build: (Database) throws -> Void) throws {
        if try isCurrent() { return }
        _ = try rebuild(onlyIfMissing: true, build)
    }

    /// The copies of the file being built (`.NAME.PID.building`) in its folder. Every build holds
    /// the lock file, so while it is held any such file was left by a process killed mid-import.
    func leftovers() -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = "." + url.lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".building") }.sorted().map { folder + "/" + $0 }
    }

    /// Builds the file aside and renames it into place, under the lock; first removes the
    /// leftovers of killed builds, and answers which.
    private func rebuild<T>(onlyIfMissing: Bool, _ build: (Database) throws -> T) throws -> (T?, [String]) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let lockDescriptor = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lockDescriptor >= 0 else { throw Failure(description: "\(path).lock: cannot open (\(String(cString: strerror(errno))))") }
        defer { close(lockDescriptor) }
        guard flock(lockDescriptor, LOCK_EX) == 0 else {
            throw Failure(description: "\(path).lock: cannot lock (\(String(cString: strerror(errno))))")
        }
        let removed = leftovers().filter { unlink($0) == 0 }
        let existing = FileIdentity(path) != nil
        if onlyIfMissing, existing, try isCurrent() { return (nil, removed) }

        let aside = folder + "/." + url.lastPathComponent + ".\(getpid()).building"
        do {
            if existing { try Self.copy(path, to: aside) } else { try Self.createPrivate(aside) }
            var config = Configuration()
            config.prepareDatabase { db in
                // A file nobody else sees until it is renamed: no journal, no sync until the end
                // (a failure throws the whole file away), a large cache.
                try db.execute(sql: "PRAGMA main.journal_mode = OFF")
                try db.execute(sql: "PRAGMA main.synchronous = OFF")
                try db.execute(sql: "PRAGMA main.locking_mode = EXCLUSIVE")
                try db.execute(sql: "PRAGMA main.cache_size = -65536")
                try db.execute(sql: "PRAGMA temp_store = FILE")
            }
            let queue = try DatabaseQueue(path: aside, configuration: config)
            try DirectorySchema.migrator.migrate(queue)
            let result = try queue.writeWithoutTransaction { db in
                let result = try build(db)
                try DirectorySchema.refreshRealKinds(db)
                // Fresh statistics for the query planner, sampled so it stays quick at 2M entries;
                // none for an empty directory (statistics of empty tables mislead the next import).
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM directory_entries)") == true {
                    try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE")
                }
                return result
            }
            let verdict = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
            guard verdict == ["ok"] else {
                throw Failure(description: "\(path): the new directory fails its check (\(verdict.prefix(3).joined(separator: "; "))); the old one is kept")
            }
            try queue.close()
            try Self.sync(aside)
            guard rename(aside, path) == 0 else {
                throw Failure(description: "\(path): cannot put the new directory in place (\(String(cString: strerror(errno))))")
            }
            try Self.sync(folder)
            return (result, removed)
        } catch {
            unlink(aside)
            throw error
        }
    }

    /// The file exists, opens, and has every migration of this version. Asked through the C API:
    /// every command opening the store asks, and a GRDB connection's setup cost more than the
    /// question (the console's and the search's start).
    func isCurrent() throws -> Bool {
        var connection: OpaquePointer?
        defer { sqlite3_close_v2(connection) }
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { return false }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(connection, "SELECT identifier FROM grdb_migrations", -1, &statement, nil) == SQLITE_OK else {
            return false   // not a database, or no migration yet
        }
        var applied: Set<String> = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                if let text = sqlite3_column_text(statement, 0) { applied.insert(String(cString: text)) }
            case SQLITE_DONE:
                return DirectorySchema.migrator.migrations.allSatisfy(applied.contains)
            default:
                return false
            }
        }
    }

    /// `isCurrent`, asked on the reading connection, for a caller about to read through it: the
    /// file is opened and its schema read once, not once for the question and again for the read.
    func readerIsCurrent() throws -> Bool {
        let applied = try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        return DirectorySchema.migrator.migrations.allSatisfy(Set(applied).contains)
    }

    // MARK: - Files

    static func createPrivate(_ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "\(path): cannot create")
        }
    }

    /// Copies a file into a new 0600 file, a block at a time.
    public static func copy(_ source: String, to target: String) throws {
        try createPrivate(target)
        guard let input = FileHandle(forReadingAtPath: source), let output = FileHandle(forWritingAtPath: target) else {
            throw Failure(description: "\(source): cannot copy to \(target)")
        }
        defer {
            try? input.close()
            try? output.close()
        }
        while let block = try input.read(upToCount: 8 << 20), !block.isEmpty {
            try output.write(contentsOf: block)
        }
    }

    /// `fsync` of a file or a folder (a rename is durable once its folder is synced).
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "\(path): cannot open to sync") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Failure(description: "\(path): sync failed (\(String(cString: strerror(errno))))") }
    }
}

/// Which file a path names: a rename over the path gives another identity.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var modified: Int
    var modifiedNanoseconds: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        modified = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
