import Foundation

/// A directory entry with how near it is to the caller.
public struct RankedEntry: Equatable, Sendable {
    public var entry: DirectoryEntry
    public var tier: ReferralTier

    public init(entry: DirectoryEntry, tier: ReferralTier) {
        self.entry = entry
        self.tier = tier
    }
}

/// The referral directory, as the console needs it.
public protocol ReferralDirectory: Sendable {
    /// Active entries of a kind ranked for a caller: same département, neighbours, region,
    /// teleconsultation, then national; within a tier the preferred speciality first, then the
    /// entry given least recently; units with no free bed last.
    func candidates(
        kind: ReferralKind, near departement: String?, preferring speciality: String?,
        excluding: Set<Int64>, limit: Int
    ) throws -> [RankedEntry]

    /// Active associations serving `profession` (or every profession) in the region of
    /// `departement`, then nationwide ones; regional ones only when the département is known.
    /// For a student (`student`: the profession is the field of study), only those whose
    /// specialities also list `ReferralKind.studentsTag`.
    func associations(serving profession: Profession, student: Bool, near departement: String?, limit: Int) throws -> [RankedEntry]
}
