import EcouteCore
import EcouteSQLite
import Foundation

/// Platform mode: calls, shifts, alerts and the audit log on a PostgreSQL server shared by every
/// console of the line; the referral directory stays a local SQLite file (fast, offline), its
/// rotation counts read from the server. Opened by `StoreFactory` from a `postgresql://` URL.
///
/// The connection is made as the operator's own role (see `PostgresURL`), so the engine decides
/// what they may read and write (row-level security, `PostgresSchema`).
public struct PostgresStore: Store {
    let url: PostgresURL
    let session: PostgresSession
    public let directoryFile: DirectoryFile
    public let geography: Geography

    /// Connects and checks the schema is this version's (`ecoute admin init` creates or updates it).
    public static func open(_ url: PostgresURL, directoryPath: String, geography: Geography, sampleDirectory: URL?,
                            lockWait: TimeInterval? = nil, statementLimit: TimeInterval? = nil) throws -> PostgresStore {
        let session: PostgresSession
        do {
            session = try PostgresSession(url, lockWait: lockWait, statementLimit: statementLimit)
        } catch {
            throw StoreOpenFailure(.unreachable, location: url.description, detail: "\(error)")
        }
        let pending = try PostgresSchema.pending(session)
        if !pending.isEmpty {
            throw StoreOpenFailure(.notInitialised, location: url.description,
                                   detail: "migrations not applied: \(pending.joined(separator: ", ")); run ecoute admin init --database \(url.description)")
        }
        let directory = DirectoryFile(path: directoryPath, rotationDatabase: nil, rotationFeed: PostgresRotationFeed(session: session))
        try DefaultData.seedDirectory(directory, geography: geography, sampleDirectory: sampleDirectory)
        return PostgresStore(url: url, session: session, directoryFile: directory, geography: geography)
    }

    /// Creates or updates the schema, roles and policies (idempotent); returns the migrations applied.
    public static func initialise(_ url: PostgresURL) throws -> [String] {
        try PostgresSchema.migrate(PostgresSession(url))
    }

    public var location: String { url.description }
    public func calls(shiftID: String?, console: ConsoleIdentity) -> any CallRepository {
        PostgresCallRepository(session: session, directory: directoryFile, shiftID: shiftID, console: console)
    }
    public var leases: any CallLeases { PostgresCallLeases(session: session) }
    public var alerts: any AlertDesk { PostgresAlertDesk(session: session) }
    public var maintenance: any StoreMaintenance { PostgresMaintenance(session: session, directory: directoryFile) }
    public var directory: any ReferralDirectory & DirectorySearching { SQLiteDirectory(file: directoryFile, geography: geography) }
    public var directoryMaintenance: any DirectoryMaintenance { SQLiteDirectoryMaintenance(file: directoryFile, geography: geography) }
    /// The server's connection closes with the session; the directory's local reader now.
    public func close() { directoryFile.closeReader() }
    public var operators: any OperatorRegistry { PostgresOperatorRegistry(session: session) }
    public var shifts: any ShiftLog { PostgresShiftLog(session: session) }
    public var review: any CallReview { PostgresCallReview(session: session) }
    public var callbacks: any CallbackQueue { PostgresCallbackQueue(session: session) }
    public var callerCodes: any CallerCodes { PostgresCallerCodes(session: session) }
    public var followUps: any FollowUps { PostgresFollowUps(session: session) }
    public var handoffs: any ShiftHandoffs { PostgresShiftHandoffs(session: session) }
    public func changeFeed() throws -> any ChangeFeed { try PostgresChangeFeed(url: url) }
}

/// Rotation counts from the server, for the entries given since a mark: each with its whole count
/// (`directory_rotation`'s, from older versions and migrations, plus its rows in
/// `directory_rotation_given`), so a copy is idempotent. The mark steps back a minute, so a
/// transaction that committed late with an earlier timestamp is still copied.
struct PostgresRotationFeed: DirectoryRotationFeed {
    let session: PostgresSession

    func rotation(changedSince mark: Date?) throws -> (rows: [DirectoryRotationRow], mark: Date?) {
        let since = mark?.addingTimeInterval(-60) ?? .distantPast
        var latest = mark
        let rows = try session.rows("""
            WITH changed AS (
                SELECT source, source_id FROM directory_rotation WHERE changed_at > $1
                UNION SELECT source, source_id FROM directory_rotation_given WHERE written_at > $1),
            given AS (
                SELECT g.source, g.source_id, max(g.given_at) AS last_given_at, count(*) AS times_given, max(g.written_at) AS changed_at
                FROM directory_rotation_given g JOIN changed USING (source, source_id) GROUP BY g.source, g.source_id)
            SELECT c.source, c.source_id, greatest(r.last_given_at, g.last_given_at) AS last_given_at,
                   (coalesce(r.times_given, 0) + coalesce(g.times_given, 0))::integer AS times_given,
                   greatest(r.changed_at, g.changed_at) AS changed_at
            FROM changed c LEFT JOIN directory_rotation r USING (source, source_id) LEFT JOIN given g USING (source, source_id)
            """, [.of(since)]).map { row in
            let changed = try row.date("changed_at")
            if latest == nil || changed > latest! { latest = changed }
            return try DirectoryRotationRow(source: row.text("source"), sourceID: row.text("source_id"),
                                            lastGivenAt: row.date("last_given_at"), timesGiven: row.int("times_given"))
        }
        return (rows, latest)
    }
}
