import EcouteCore
import Foundation
import GRDB

/// The embedded backend: one SQLite file (0600, WAL, `synchronous=FULL`) holding calls, shifts,
/// operators and the audit log, and the directory in a file of its own beside it
/// (`DirectoryFile`). Opened by `StoreFactory`.
public struct SQLiteStore: Store {
    public let pool: DatabasePool
    public let directoryFile: DirectoryFile
    public let geography: Geography
    public let path: String

    public init(pool: DatabasePool, directoryFile: DirectoryFile, geography: Geography, path: String) {
        self.pool = pool
        self.directoryFile = directoryFile
        self.geography = geography
        self.path = path
    }

    public var location: String { path }
    public func calls(shiftID: String?, console: ConsoleIdentity) -> any CallRepository {
        SQLiteCallRepository(pool: pool, directory: directoryFile, shiftID: shiftID, console: console)
    }
    public var leases: any CallLeases { SQLiteCallLeases(pool: pool) }
    public var alerts: any AlertDesk { SQLiteAlertDesk(pool: pool) }
    public var maintenance: any StoreMaintenance { SQLiteMaintenance(pool: pool, directory: directoryFile) }
    public var directory: any ReferralDirectory & DirectorySearching { SQLiteDirectory(file: directoryFile, geography: geography) }
    public var directoryMaintenance: any DirectoryMaintenance { SQLiteDirectoryMaintenance(file: directoryFile, geography: geography) }
    public var operators: any OperatorRegistry { SQLiteOperatorRegistry(pool: pool) }
    public var shifts: any ShiftLog { SQLiteShiftLog(pool: pool) }
    public var review: any CallReview { SQLiteCallReview(pool: pool) }
    public func changeFeed() throws -> any ChangeFeed { try SQLiteChangeFeed(path: path) }
    public func close() {
        directoryFile.closeReader()
        // The pool's readers (read-only: they cannot copy the journal in) before its writer:
        // GRDB's `close()` alone closes the writer first.
        pool.releaseMemory()
        try? pool.close()
    }
}
