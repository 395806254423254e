import Foundation

/// Everything ecoute keeps, behind one seam: a backend implements these protocols, passes the
/// store contract suite, and is chosen by `StoreFactory` from the `--db` / `--database` option.
/// Nothing above the store module knows which engine answers.
public protocol Store: Sendable {
    /// Where this store lives, as the user would name it (a file path, a server URL).
    var location: String { get }
    /// The calls a console writes, attached to its shift (`nil` outside a console run).
    func calls(shiftID: String?) -> any CallRepository
    var directory: any ReferralDirectory & DirectorySearching { get }
    var directoryMaintenance: any DirectoryMaintenance { get }
    var operators: any OperatorRegistry { get }
    var shifts: any ShiftLog { get }
    var review: any CallReview { get }
    /// A new feed of other processes' changes (each screen keeps its own).
    func changeFeed() throws -> any ChangeFeed
}
