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

/// Whether a referral was given to the caller. Nothing is given until the psychologist says so.
public enum ReferralStatus: String, Codable, Sendable {
    /// Proposed by the console (or picked), not given yet.
    case proposed
    /// The psychologist gave it to the caller.
    case given
    /// Marked as not given (records from before `proposed` existed).
    case declined
}

/// Why a referral the rules require was not given; saved with the call and shown in review.
public enum ReferralGapReason: String, Codable, Sendable, CaseIterable {
    case callerDeclined
    case alreadyInCare
    case noneReachable
    case other
    /// A stored value this version does not know (written by hand or by a newer version): read as
    /// this rather than failing a whole report; never offered, never written by the console.
    case unknown

    /// The reasons a psychologist may give.
    public static var allCases: [ReferralGapReason] { [.callerDeclined, .alreadyInCare, .noneReachable, .other] }
}

/// A required referral kind not given, and why.
public struct ReferralGap: Equatable, Codable, Sendable {
    public var reason: ReferralGapReason
    /// Free text for `other` (short; the notes' warnings apply).
    public var note: String

    public init(reason: ReferralGapReason, note: String = "") {
        self.reason = reason
        self.note = note
    }
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
        tier: ReferralTier, status: ReferralStatus = .proposed, origin: ReferralOrigin = .proposed
    ) {
        self.kind = kind
        self.entryID = entryID
        self.name = name
        self.contact = contact
        self.tier = tier
        self.status = status
        self.origin = origin
    }

    /// The same directory entry for the same kind (by its id; by name and contact for one given
    /// by its number alone).
    public func isSameEntry(as other: Referral) -> Bool {
        guard kind == other.kind else { return false }
        if let entryID, let otherID = other.entryID { return entryID == otherID }
        return entryID == nil && other.entryID == nil && name == other.name && contact == other.contact
    }
}

/// What to ask the directory for: derived from the call, so a late answer to an outdated request
/// can be recognised and ignored.
public struct ReferralRequest: Equatable, Hashable, Sendable {
    public var needs: [ReferralNeed]
    public var departement: String?
    public var preferredSpeciality: String?
    /// The caller's profession (a family member's: the professional's), for associations.
    public var profession: Profession?
    /// Whether the caller is a student (`profession` is then the field of study): associations
    /// are proposed to students only where their remit names them.
    public var callerIsStudent: Bool

    public init(needs: [ReferralNeed], departement: String?, preferredSpeciality: String?, profession: Profession? = nil,
                callerIsStudent: Bool = false) {
        self.needs = needs
        self.departement = departement
        self.preferredSpeciality = preferredSpeciality
        self.profession = profession
        self.callerIsStudent = callerIsStudent
    }
}
