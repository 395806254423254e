import EcouteCore
import EcouteSQLite
import Foundation
import PostgresNIO

/// A value bound to a query parameter. Every parameter is sent with its type, so a NULL is typed
/// too (`$1::text IS NULL` needs no guessing by the server).
enum SQLValue: Sendable {
    case text(String?)
    case int(Int?)
    case double(Double?)
    case bool(Bool?)
    case time(Date?)

    static func of(_ value: String?) -> SQLValue { .text(value) }
    static func of(_ value: Int?) -> SQLValue { .int(value) }
    static func of(_ value: Bool?) -> SQLValue { .bool(value) }
    static func of(_ value: Date?) -> SQLValue { .time(value) }
    static func of<E: RawRepresentable>(_ value: E?) -> SQLValue where E.RawValue == String { .text(value?.rawValue) }
    static func of<E: RawRepresentable>(_ value: E?) -> SQLValue where E.RawValue == Int { .int(value?.rawValue) }
}

/// One connection to the platform database, used synchronously: the store protocols are
/// synchronous and a screen's effects run on its effect worker's thread, which waits here for
/// PostgresNIO's answers — never longer than the session's answer limit, so a server that stopped
/// answering is a refused statement, not a thread stuck for good.
///
/// A connection that broke (the server restarted, the connection was terminated, an answer never
/// came) is dropped; the next statement connects again, and `onConnect` is run on the new one
/// (a change feed listens again there).
///
/// One statement at a time per connection: a transaction holds the connection's lock for its
/// whole length, so two threads of one process never interleave their statements.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    private var current: PostgresConnection?
    private let configuration: PostgresConnection.Configuration
    private let lockWait: TimeInterval?
    private let statementLimit: TimeInterval?
    /// Run on each new connection, after the session's own settings.
    private let onConnect: ((PostgresSession, PostgresConnection) throws -> Void)?
    private let lock = NSRecursiveLock()
    private var inTransaction = false
    private static let logger = Logger(label: "ecoute.postgres")
    /// How long a connection attempt may take.
    static let connectLimit: TimeInterval = 5

    /// A refusal by the server, with its SQLSTATE (42501: not allowed; 23505: duplicate…).
    struct ServerError: Error, CustomStringConvertible {
        var sqlState: String
        var message: String
        var description: String { message }
        /// The connection is gone (class 08, or the server shutting down: 57P01–57P03); the
        /// statement's own refusals (permissions, constraints, timeouts) leave it usable.
        var isConnectionLost: Bool { sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState) }
    }

    /// `lockWait`: how long a statement waits for a lock another connection holds (a row lock on
    /// a call, a table lock during a migration) before it fails (`lock_timeout`), as SQLite's busy
    /// timeout: a console's write refused and retried. Nil: forever.
    /// `statementLimit`: how long a statement may run (`statement_timeout`); the session waits
    /// for an answer that long and 2 s more, then drops the connection. Nil: no limit.
    init(_ url: PostgresURL, lockWait: TimeInterval? = nil, statementLimit: TimeInterval? = nil,
         onConnect: ((PostgresSession, PostgresConnection) throws -> Void)? = nil) throws {
        self.url = url
        self.onConnect = onConnect
        self.lockWait = lockWait
        self.statementLimit = statementLimit
        var configuration: PostgresConnection.Configuration
        switch url.endpoint {
        case .socket(let path):
            configuration = .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch url.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: host, port: port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(Int64(Self.connectLimit))
        self.configuration = configuration
        lock.lock()
        defer { lock.unlock() }
        _ = try connection()
    }

    deinit { Self.close(current) }

    /// Closes a connection, waiting half a second at most for the server to see it go (a
    /// database used as a template must have no connection left).
    private static func close(_ connection: PostgresConnection?) {
        guard let connection else { return }
        _ = try? answer(connection.close(), within: 0.5)
    }

    /// The open connection, connecting (again) when there is none or it was closed.
    private func connection() throws -> PostgresConnection {
        if let current, !current.isClosed { return current }
        current = nil
        if inTransaction { throw ServerError(sqlState: "08003", message: "cannot reach the database server (the connection was lost mid-transaction)") }
        let connection: PostgresConnection
        do {
            connection = try Self.answer(PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                                    id: 1, logger: Self.logger), within: Self.connectLimit + 1)
        } catch {
            throw Self.describe(error)
        }
        current = connection
        do {
            try execute("SET search_path TO ecoute, pg_temp")
            if let lockWait { try execute("SET lock_timeout = '\(max(1, Int((lockWait * 1000).rounded())))ms'") }
            if let statementLimit { try execute("SET statement_timeout = '\(max(1, Int((statementLimit * 1000).rounded())))ms'") }
            try onConnect?(self, connection)
        } catch {
            drop()
            throw error
        }
        return connection
    }

    /// Forgets the connection (closing it): the next statement connects again.
    private func drop() {
        Self.close(current)
        current = nil
    }

    /// Whether the session has a connection that is open now (without trying to connect).
    var isConnected: Bool {
        lock.lock()
        defer { lock.unlock() }
        return current.map { !$0.isClosed } ?? false
    }

    /// How long to wait for the server's answer to one statement.
    private var answerLimit: TimeInterval? { statementLimit.map { $0 + 2 } }

    /// Runs one query on the connection, dropping it when the server is gone or never answered.
    private func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        let connection = try connection()
        do {
            return try Self.answer(connection.query(Self.query(sql, values), logger: Self.logger), within: answerLimit)
        } catch {
            let described = Self.describe(error)
            if (described as? ServerError)?.isConnectionLost ?? true { drop() }
            throw described
        }
    }

    /// Rows of a query, all read.
    @discardableResult
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
        lock.lock()
        defer { lock.unlock() }
        return try run(sql, values).rows.map { $0.makeRandomAccess() }
    }

    /// Runs a statement; returns the rows it changed (or returned).
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        return try run(sql, values).metadata.rows ?? 0
    }

    /// Runs every statement of a script, in order.
    func script(_ sql: String) throws {
        for statement in SQLScript.statements(sql) { try execute(statement) }
    }

    /// Runs a query and hands each row over as it arrives (a report over a million calls holds a
    /// page, never the whole).
    func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (PostgresRandomAccessRow) throws -> Void) throws {
        try transaction { session in
            // A cursor, so rows arrive a page at a time whatever the query's size.
            try session.execute("DECLARE ecoute_rows NO SCROLL CURSOR FOR " + sql, values)
            while true {
                let page = try session.rows("FETCH 500 FROM ecoute_rows")
                for row in page { try body(row) }
                if page.count < 500 { break }
            }
            try session.execute("CLOSE ecoute_rows")
        }
    }

    /// `body` in one transaction (nested calls join the outer one): committed when it returns,
    /// rolled back when it throws. `serializable` for compare-and-swap writes.
    func transaction<T>(serializable: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if inTransaction { return try body(self) }
        try execute(serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    static func query(_ sql: String, _ values: [SQLValue]) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let v): binds.append(v, context: .default)
            case .int(let v): binds.append(v, context: .default)
            case .double(let v): binds.append(v, context: .default)
            case .bool(let v): binds.append(v, context: .default)
            case .time(let v): binds.append(v, context: .default)
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The future's value, waited for at most `seconds` (nil: as long as it takes) on this thread,
    /// which is never an event loop's.
    static func answer<T>(_ future: EventLoopFuture<T>, within seconds: TimeInterval?) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = AnswerBox<T>()
        future.whenComplete { result in
            box.result = result
            done.signal()
        }
        if let seconds {
            guard done.wait(timeout: .now() + seconds) == .success else {
                throw ServerError(sqlState: "08006", message: "cannot reach the database server (no answer within \(Int(seconds)) s)")
            }
        } else {
            done.wait()
        }
        return try box.result!.get()
    }

    /// The server's message and SQLSTATE, instead of PostgresNIO's generic description.
    static func describe(_ error: any Error) -> any Error {
        if let psql = error as? PSQLError {
            if let fields = psql.serverInfo {
                return ServerError(sqlState: fields[.sqlState] ?? "", message: fields[.message] ?? "\(psql.code)")
            }
            return ServerError(sqlState: "08000", message: "cannot reach the database server (\(psql.code))"
                               + (psql.underlying.map { ": \($0)" } ?? ""))
        }
        return error
    }
}

extension PostgresRandomAccessRow {
    func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int(_ column: String) throws -> Int { try self[column].decode(Int.self) }
    func optionalInt(_ column: String) throws -> Int? { try self[column].decode(Int?.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double.self) }
    func optionalDouble(_ column: String) throws -> Double? { try self[column].decode(Double?.self) }
    func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
    func optionalBool(_ column: String) throws -> Bool? { try self[column].decode(Bool?.self) }
    func date(_ column: String) throws -> Date { try self[column].decode(Date.self) }
    func optionalDate(_ column: String) throws -> Date? { try self[column].decode(Date?.self) }

    /// A stored enum value; an unknown one is an error naming the column (never silently nil).
    func value<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E where E.RawValue == String {
        let raw = try text(column)
        guard let value = E(rawValue: raw) else { throw StoredValueUnknown(column: column, value: raw) }
        return value
    }
    func optionalValue<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E? where E.RawValue == String {
        guard let raw = try optionalText(column) else { return nil }
        guard let value = E(rawValue: raw) else { throw StoredValueUnknown(column: column, value: raw) }
        return value
    }
    func value<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E where E.RawValue == Int {
        let raw = try int(column)
        guard let value = E(rawValue: raw) else { throw StoredValueUnknown(column: column, value: "\(raw)") }
        return value
    }
    func optionalValue<E: RawRepresentable>(_ column: String, as: E.Type = E.self) throws -> E? where E.RawValue == Int {
        guard let raw = try optionalInt(column) else { return nil }
        guard let value = E(rawValue: raw) else { throw StoredValueUnknown(column: column, value: "\(raw)") }
        return value
    }
}

/// Where an answer waits between the event loop that gives it and the thread that takes it (the
/// semaphore orders the two).
private final class AnswerBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
