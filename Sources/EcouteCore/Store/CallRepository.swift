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
    /// Mean duration of the saved calls picked up in the `days` calendar days (UTC) ending on the
    /// latest saved call's day (the line's recent average; on a 24/7 line, the last `days` days),
    /// nil before the first. A bounded window: a console's start never reads every call the line
    /// ever had.
    func averageDuration(overLastDays days: Int) throws -> TimeInterval?
    /// One call by id, as last written.
    func call(id: String) throws -> CallDraft?
    /// The call was taken over by another console while this one still had changes it could not
    /// write: they are kept with the call, in its audit log (field `unsavedVersion`, the draft as
    /// `UnsavedVersion` words it), where supervisors read them. The call itself is not changed.
    func keepUnsavedVersion(_ draft: CallDraft, heldBy holder: CallHolder?, at: Date) throws
}
