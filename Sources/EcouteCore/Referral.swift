/// How near a proposed entry is to the caller; lower is better.
public enum ReferralTier: Int, Codable, Sendable, Comparable, CaseIterable {
    case sameDepartement = 0
    case neighbour = 1
    case region = 2
    case teleconsultation = 3
    /// A national service (emergency numbers), or no département known for the caller.
    case national = 4

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Whether a referral was given to the caller.
public enum ReferralStatus: String, Codable, Sendable {
    case given
    case declined
}

/// Whether the console proposed the referral or the psychologist chose it.
public enum ReferralOrigin: String, Codable, Sendable {
    case proposed
    case chosen
}

/// A referral as recorded with a call: a snapshot of the directory entry at the time it was
/// given, so the record stays true when the directory changes.
public struct Referral: Equatable, Codable, Sendable {
    public var kind: ReferralKind
    public var entryID: Int64?
    public var name: String
    /// Phone, city and département, as shown to the psychologist.
    public var contact: String
    public var tier: ReferralTier
    public var status: ReferralStatus
    public var origin: ReferralOrigin

    public init(
        kind: ReferralKind, entryID: Int64?, name: String, contact: String,
        tier: ReferralTier, status: ReferralStatus = .given, origin: ReferralOrigin = .proposed
    ) {
        self.kind = kind
        self.entryID = entryID
        self.name = name
        self.contact = contact
        self.tier = tier
        self.status = status
        self.origin = origin
    }
}

/// What to ask the directory for: derived from the call, so a late answer to an outdated request
/// can be recognised and ignored.
public struct ReferralRequest: Equatable, Hashable, Sendable {
    public var needs: [ReferralNeed]
    public var departement: String?
    public var preferredSpeciality: String?

    public init(needs: [ReferralNeed], departement: String?, preferredSpeciality: String?) {
        self.needs = needs
        self.departement = departement
        self.preferredSpeciality = preferredSpeciality
    }
}
