import Foundation

/// A console's own copy of its call on its workstation: written as soon as each write to the store
/// is asked for (on a lane of its own, so a slow or absent store never delays it), dropped once
/// the store has that version, and not written for a version the store already has. What the store could not take (the database
/// unreachable, then the console killed) is found at the next start and offered for resumption.
public protocol CallJournal: AnyObject, Sendable {
    /// Keeps `draft` as this console's latest version of its call.
    func keep(_ draft: CallDraft) throws
    /// The store has `draft`'s version: this console's copy of it is no longer needed.
    func written(_ draft: CallDraft)
    /// Calls kept by consoles of this workstation that no longer run.
    func leftovers(processExists: (Int32) -> Bool) -> [CallDraft]
    /// Drops every other console's copy of a call (this console now has it, or the store saved it).
    func forget(callID: String)
    /// Keeps the supervisors to call (names and phones), for a start with the database out of reach.
    func keepSupervisors(_ supervisors: [OperatorRecord])
    /// The supervisors last kept on this workstation.
    func knownSupervisors() -> [OperatorRecord]
}
