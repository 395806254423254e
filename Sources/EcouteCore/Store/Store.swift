import Foundation

/// Everything ecoute keeps, behind one seam: a backend implements these protocols, passes the
/// store contract suite, and is chosen by `StoreFactory` from the `--db` / `--database` option.
/// Nothing above the store module knows which engine answers.
public protocol Store: Sendable {
    /// Where this store lives, as the user would name it (a file path, a server URL).
    var location: String { get }
    /// The calls a console writes, attached to its shift (`nil` outside a console run). Every
    /// write checks the call's lease: a call held by another console is refused.
    func calls(shiftID: String?, console: ConsoleIdentity) -> any CallRepository
    var leases: any CallLeases { get }
    var alerts: any AlertDesk { get }
    var maintenance: any StoreMaintenance { get }
    var directory: any ReferralDirectory & DirectorySearching { get }
    var directoryMaintenance: any DirectoryMaintenance { get }
    var operators: any OperatorRegistry { get }
    var shifts: any ShiftLog { get }
    var review: any CallReview { get }
    /// The supervisors' callback queue, and the callback numbers' erasure.
    var callbacks: any CallbackQueue { get }
    /// Pseudonymous caller codes: linked calls and their audited history.
    var callerCodes: any CallerCodes { get }
    /// Calls' follow-ups and their outcomes.
    var followUps: any FollowUps { get }
    /// Shift handoff notes.
    var handoffs: any ShiftHandoffs { get }
    /// A new feed of other processes' changes (each screen keeps its own).
    func changeFeed() throws -> any ChangeFeed
    /// Lets go of the engine at the end of a run, in the order the engine needs (SQLite: the
    /// directory's reader, which has the calls file attached, before the calls' connections, so
    /// that the last of those to close copies its journal into the file and removes it — the
    /// next program to open the file alone has nothing to read back). Best effort; nothing may
    /// use the store afterwards.
    func close()
}

extension Store {
    /// The calls, written by this process as one console of its own (tools and tests).
    public func calls(shiftID: String?) -> any CallRepository {
        calls(shiftID: shiftID, console: ConsoleIdentity.thisProcess)
    }
}

extension ConsoleIdentity {
    /// This process as a console, the same for every write it makes outside a console run.
    public static let thisProcess = ofThisProcess(operatorName: "-")

    /// This process on this host, with a fresh id.
    public static func ofThisProcess(operatorName: String) -> ConsoleIdentity {
        ConsoleIdentity(id: UUID().uuidString.lowercased(), host: ProcessInfo.processInfo.hostName,
                        pid: ProcessInfo.processInfo.processIdentifier, operatorName: operatorName)
    }
}

/// Why a store could not be opened, in terms a user can act on; the command says it in their
/// language with the place it concerns.
public struct StoreOpenFailure: Error, Equatable, CustomStringConvertible {
    public enum Reason: String, Equatable, Sendable {
        /// The file exists but is not a database (or is damaged).
        case notADatabase
        /// The file or its folder cannot be written.
        case readOnly
        /// The folder or the file cannot be created (no such place, no permission, no home).
        case cannotCreate
        /// Another program holds the database locked for longer than the wait.
        case locked
        /// The database was written by a newer version of ecoute.
        case newerSchema
        /// The database server does not answer (not running, wrong host or socket, refused).
        case unreachable
        /// A server database whose schema is not (or not yet) this version's: `ecoute admin init`.
        case notInitialised
    }

    public var reason: Reason
    /// The file or folder concerned.
    public var location: String
    /// What the engine or the system said, for the curious and for support.
    public var detail: String

    public init(_ reason: Reason, location: String, detail: String) {
        self.reason = reason
        self.location = location
        self.detail = detail
    }

    public var description: String { "\(location): \(reason.rawValue) (\(detail))" }
}
