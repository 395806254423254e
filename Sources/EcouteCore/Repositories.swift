import Foundation

/// Where calls are kept. Implemented over SQLite by EcouteStore; tests may use a fake.
public protocol CallRepository: Sendable {
    /// Writes the call as it stands (called on every transition).
    func persist(_ draft: CallDraft) throws
    /// Writes the saved call and counts its given referrals for rotation, in one transaction.
    func finalize(_ draft: CallDraft) throws
    /// Calls of this operator left unfinished (crash, killed terminal), oldest first.
    func unfinishedCalls(operatorName: String) throws -> [CallDraft]
    /// Mean duration of saved calls (the line's average), nil before the first.
    func averageDuration() throws -> TimeInterval?
}

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

/// A search of the directory screen: words (each a prefix, accents and case folded) and filters.
public struct DirectoryQuery: Equatable, Sendable {
    public var text: String
    public var kind: ReferralKind?
    public var departement: String?
    public var teleconsultationOnly: Bool

    public init(text: String = "", kind: ReferralKind? = nil, departement: String? = nil, teleconsultationOnly: Bool = false) {
        self.text = text
        self.kind = kind
        self.departement = departement
        self.teleconsultationOnly = teleconsultationOnly
    }
}

/// Searching the directory, as the console's directory screen needs it.
public protocol DirectorySearching: Sendable {
    /// Active entries matching the query, best match first (by name when there are no words).
    func search(_ query: DirectoryQuery, limit: Int) throws -> [DirectoryEntry]
}
