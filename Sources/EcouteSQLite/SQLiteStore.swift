import EcouteCore
import Foundation
import GRDB

/// The embedded backend: one SQLite file (0600, WAL, `synchronous=FULL`) holding calls, shifts,
/// operators and the audit log, read and written through one connection, and the directory in a
/// file of its own beside it (`DirectoryFile`). Opened by `StoreFactory`.
public struct SQLiteStore: Store {
    public let database: DatabaseQueue
    public let directoryFile: DirectoryFile
    public let geography: Geography
    public let path: String

    public init(database: DatabaseQueue, directoryFile: DirectoryFile, geography: Geography, path: String) {
        self.database = database
        self.directoryFile = directoryFile
        self.geography = geography
        self.path = path
    }

    public var location: String { path }
    public func calls(shiftID: String?, console: ConsoleIdentity) -> any CallRepository {
        SQLiteCallRepository(database: database, directory: directoryFile, shiftID: shiftID, console: console)
    }
    public var leases: any CallLeases { SQLiteCallLeases(database: database) }
    public var alerts: any AlertDesk { SQLiteAlertDesk(database: database) }
    public var maintenance: any StoreMaintenance { SQLiteMaintenance(database: database, directory: directoryFile) }
    public var directory: any ReferralDirectory & DirectorySearching { SQLiteDirectory(file: directoryFile, geography: geography) }
    public var directoryMaintenance: any DirectoryMaintenance { SQLiteDirectoryMaintenance(file: directoryFile, geography: geography) }
    public var operators: any OperatorRegistry { SQLiteOperatorRegistry(database: database) }
    public var shifts: any ShiftLog { SQLiteShiftLog(database: database) }
    public var review: any CallReview { SQLiteCallReview(database: database) }
    public var callbacks: any CallbackQueue { SQLiteCallbackQueue(database: database) }
    public var callerCodes: any CallerCodes { SQLiteCallerCodes(database: database) }
    public var followUps: any FollowUps { SQLiteFollowUps(database: database) }
    public var handoffs: any ShiftHandoffs { SQLiteShiftHandoffs(database: database) }
    public func changeFeed() throws -> any ChangeFeed { try SQLiteChangeFeed(path: path) }
    public func close() {
        // The directory's reader first (it has this file attached): the store's connection is
        // then the last one, which copies the WAL in and removes it.
        directoryFile.closeReader()
        try? database.close()
    }
}
