import EcouteCore
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
/// synchronous (a console's effects run off its drawing thread), and PostgresNIO's futures are
/// waited on from the calling thread, never from an event loop.
///
/// One statement at a time per connection: a transaction holds the connection's lock for its
/// whole length, so two threads of one process never interleave their statements.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    let connection: PostgresConnection
    private let lock = NSRecursiveLock()
    private var inTransaction = false
    private static let logger = Logger(label: "ecoute.postgres")

    /// A refusal by the server, with its SQLSTATE (42501: not allowed; 23505: duplicate…).
    struct ServerError: Error, CustomStringConvertible {
        var sqlState: String
        var message: String
        var description: String { message }
    }

    /// `lockWait`: how long a statement waits for a lock another connection holds (a row lock on
    /// a call, a table lock during a migration) before it fails (`lock_timeout`), as SQLite's busy
    /// timeout: a console's write refused and retried rather than a frozen screen. Nil: forever.
    init(_ url: PostgresURL, lockWait: TimeInterval? = nil) throws {
        self.url = url
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
        configuration.options.connectTimeout = .seconds(5)
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 1, logger: Self.logger).wait()
        } catch {
            throw Self.describe(error)
        }
        try execute("SET search_path TO ecoute, pg_temp")
        if let lockWait { try execute("SET lock_timeout = '\(max(1, Int((lockWait * 1000).rounded())))ms'") }
    }

    deinit { try? connection.close().wait() }

    /// Rows of a query, all read.
    @discardableResult
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresRandomAccessRow] {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try connection.query(Self.query(sql, values), logger: Self.logger).wait().rows.map { $0.makeRandomAccess() }
        } catch {
            throw Self.describe(error)
        }
    }

    /// Runs a statement; returns the rows it changed (or returned).
    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        do {
            return try connection.query(Self.query(sql, values), logger: Self.logger).wait().metadata.rows ?? 0
        } catch {
            throw Self.describe(error)
        }
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

    /// The server's message and SQLSTATE, instead of PostgresNIO's generic description.
    static func describe(_ error: any Error) -> any Error {
        if let psql = error as? PSQLError {
            if let fields = psql.serverInfo {
                return ServerError(sqlState: fields[.sqlState] ?? "", message: fields[.message] ?? "\(psql.code)")
            }
            return ServerError(sqlState: "", message: "cannot reach the database server (\(psql.code))"
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

/// A value in the database that this version does not know (written by a newer one, or by hand).
struct StoredValueUnknown: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "\(column): unknown stored value \"\(value)\"" }
}
