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
}
