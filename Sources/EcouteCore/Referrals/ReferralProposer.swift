/// Turns a referral request into concrete referrals from the directory, noting where the search
/// had to widen beyond the caller's département or found nothing.
public enum ReferralProposer {
    public struct Proposal: Equatable, Sendable {
        public var referrals: [Referral]
        /// Kinds with fewer entries than needed anywhere in the directory.
        public var gaps: [ReferralKind]
        /// Kinds found only beyond the caller's département (with the nearest tier found).
        public var widened: [ReferralKind: ReferralTier]
        /// The directory entries behind the referrals, by id (their opening hours, for one).
        public var entries: [Int64: DirectoryEntry] = [:]
    }

    /// At most this many associations are proposed to one caller.
    public static let maxAssociations = 2

    public static func propose(_ request: ReferralRequest, from directory: any ReferralDirectory) throws -> Proposal {
        var referrals: [Referral] = []
        var gaps: [ReferralKind] = []
        var widened: [ReferralKind: ReferralTier] = [:]
        var entries: [Int64: DirectoryEntry] = [:]
        func take(_ found: [RankedEntry]) {
            for ranked in found { if let id = ranked.entry.id { entries[id] = ranked.entry } }
            referrals += found.map(referral)
        }
        for need in request.needs {
            let found = try directory.candidates(
                kind: need.kind, near: request.departement, preferring: need.speciality ?? request.preferredSpeciality,
                excluding: [], limit: need.count)
            if found.count < need.count { gaps.append(need.kind) }
            if request.departement != nil, !need.kind.isNational, let best = found.first?.tier,
               best != .sameDepartement {
                widened[need.kind] = best
            }
            take(found)
        }
        // The caller's profession's own associations, as extras (the rules never require one).
        if let profession = request.profession {
            take(try directory.associations(serving: profession, student: request.callerIsStudent,
                                            near: request.departement, limit: maxAssociations))
        }
        return Proposal(referrals: referrals, gaps: gaps, widened: widened, entries: entries)
    }

    public static func referral(_ ranked: RankedEntry) -> Referral {
        Referral(kind: ranked.entry.kind, entryID: ranked.entry.id, name: ranked.entry.name,
                 contact: ranked.entry.contactLine, tier: ranked.tier)
    }
}

extension ReferralTier {
    /// How near an entry is to a caller's département (for an entry picked by hand).
    public static func of(_ entry: DirectoryEntry, near departement: String?, geography: Geography) -> ReferralTier {
        guard let code = departement, let caller = geography.departement(code), let place = entry.departement else {
            return entry.departement == nil ? .national : (entry.teleconsultation ? .teleconsultation : .national)
        }
        if place == caller.code { return .sameDepartement }
        if geography.neighbours(of: caller.code).contains(place) { return .neighbour }
        if entry.region == caller.regionCode { return .region }
        return entry.teleconsultation ? .teleconsultation : .national
    }
}
