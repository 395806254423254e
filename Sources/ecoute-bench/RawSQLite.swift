import Foundation
import GRDBSQLite

/// A bare SQLite connection through the C API: the baseline every measured query is held to.
/// Statements are prepared, stepped to the end reading every column as text, and finalized —
/// the least work that still hands each row to the caller.
final class RawSQLite {
    private var handle: OpaquePointer?

    /// `attaching`: the calls database, attached as `calls` as the console's directory reader does.
    init(path: String, attaching calls: String? = nil) throws {
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw BenchError("cannot open \(path) with the SQLite C API")
        }
        if let calls {
            try run(["ATTACH DATABASE '\(calls.replacingOccurrences(of: "'", with: "''"))' AS calls"])
        }
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs each statement in turn; returns the number of rows read.
    @discardableResult
    func run(_ statements: [String]) throws -> Int {
        var rows = 0
        for sql in statements {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
                throw BenchError("raw SQLite cannot prepare: \(sql) (\(String(cString: sqlite3_errmsg(handle))))")
            }
            guard statement != nil else { continue }   // only a comment
            defer { sqlite3_finalize(statement) }
            let columns = sqlite3_column_count(statement)
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw BenchError("raw SQLite step failed: \(sql)") }
                for column in 0..<columns { _ = sqlite3_column_text(statement, column) }
                rows += 1
            }
        }
        return rows
    }

    static var version: String { String(cString: sqlite3_libversion()) }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
