/// What kind of fault a store reported, in terms a psychologist can act on. Read from the
/// store's own error text, whose codes are stable: SQLite's result codes (« SQLite error 5 »)
/// and PostgreSQL's connection failures as PostgresNIO names them.
public enum StoreFault: String, CaseIterable, Sendable {
    /// Another program holds the database (a save, an import, a backup): it passes.
    case busy
    /// The disk is full.
    case diskFull
    /// The database cannot be written (permissions, a read-only file system).
    case readOnly
    /// The database server cannot be reached (stopped, restarting, the network).
    case unreachable
    /// The database refused for another reason, said as it said it.
    case other

    /// The kind of a store error, from its description.
    public static func of(_ description: String) -> StoreFault {
        let text = description.lowercased()
        func has(_ parts: String...) -> Bool { parts.contains { text.contains($0) } }
        if has("sqlite error 5:", "sqlite error 6:", "database is locked", "database table is locked", "sqlite_busy", "lock_timeout",
               "55p03", "lock not available") {
            return .busy
        }
        if has("sqlite error 13:", "database or disk is full", "no space left", "53100", "disk full") { return .diskFull }
        if has("sqlite error 8:", "readonly database", "read-only file system", "sqlite error 23:") { return .readOnly }
        if has("connectionerror", "serverclosedconnection", "connection refused", "57p01", "57p03", "connectionclosed",
               "unreachable", "circuitbreaker", "uncleanshutdown") {
            return .unreachable
        }
        return .other
    }
}
