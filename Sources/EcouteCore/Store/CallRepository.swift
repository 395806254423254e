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

/// A save the store refuses because the call breaks a rule of the line that the console also
/// enforces (a level-4 or -5 call without its risk assessment): another program writing through
/// the store cannot save what the console would not.
public struct SaveRefused: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }

    /// The refusal of a level-4 or -5 call's save without an answered risk assessment, nil when
    /// the call may be saved as far as the assessment goes.
    public static func assessment(of draft: CallDraft) -> SaveRefused? {
        guard draft.phase == .saved, draft.needsAssessment, let level = draft.level else { return nil }
        return SaveRefused("call \(draft.id) is at level \(level.rawValue): it is saved with its risk assessment "
                           + "(urgence and dangerosité, or not assessable and why)")
    }
}
