import Foundation

/// Where a console keeps its calls. Every backend passes the store contract suite
/// (Tests/StoreContractTests); tests of the console may also use an in-memory fake.
public protocol CallRepository: Sendable {
    /// Writes the call as it stands (called on every transition).
    func persist(_ draft: CallDraft) throws
    /// Writes the saved call and counts its given referrals for rotation, in one transaction.
    func finalize(_ draft: CallDraft) throws
    /// Calls of this operator left unfinished (crash, killed terminal), oldest first.
    func unfinishedCalls(operatorName: String) throws -> [CallDraft]
    /// Mean duration of saved calls (the line's average), nil before the first.
    func averageDuration() throws -> TimeInterval?
    /// One call by id, as last written.
    func call(id: String) throws -> CallDraft?
}
