import Foundation

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
        /// Kinds whose entries open now or reachable by teleconsultation were put first because
        /// nothing in person was open at the hour asked (`HourRanking`).
        public var rankedForHour: [ReferralKind] = []

        public init(referrals: [Referral], gaps: [ReferralKind] = [], widened: [ReferralKind: ReferralTier] = [:],
                    entries: [Int64: DirectoryEntry] = [:], rankedForHour: [ReferralKind] = []) {
            self.referrals = referrals
            self.gaps = gaps
            self.widened = widened
            self.entries = entries
            self.rankedForHour = rankedForHour
        }
    }

    /// At most this many associations are proposed to one caller.
    public static let maxAssociations = 2

    /// With `hour`, entries are chosen for that moment (`HourRanking`) among a few more
    /// candidates than needed; without it, in the directory's order.
    public static func propose(_ request: ReferralRequest, from directory: any ReferralDirectory, at hour: Date? = nil) throws -> Proposal {
        var referrals: [Referral] = []
        var gaps: [ReferralKind] = []
        var widened: [ReferralKind: ReferralTier] = [:]
        var rankedForHour: [ReferralKind] = []
        var entries: [Int64: DirectoryEntry] = [:]
        func take(_ found: [RankedEntry]) {
            for ranked in found { if let id = ranked.entry.id { entries[id] = ranked.entry } }
            referrals += found.map(referral)
        }
        for need in request.needs {
            let byHour = hour.flatMap { need.kind.isNational ? nil : $0 }
            let pool = try directory.candidates(
                kind: need.kind, near: request.departement, preferring: need.speciality ?? request.preferredSpeciality,
                excluding: [], limit: need.count + (byHour == nil ? 0 : HourRanking.extraCandidates))
            if pool.count < need.count { gaps.append(need.kind) }
            if request.departement != nil, !need.kind.isNational, let best = pool.first?.tier,
               best != .sameDepartement {
                widened[need.kind] = best
            }
            if let byHour {
                let (chosen, reordered) = HourRanking.choose(pool, count: need.count, at: byHour)
                if reordered { rankedForHour.append(need.kind) }
                take(chosen)
            } else {
                take(pool)
            }
        }
        // The caller's profession's own associations, as extras (the rules never require one).
        if let profession = request.profession {
            take(try directory.associations(serving: profession, student: request.callerIsStudent,
                                            near: request.departement, limit: maxAssociations))
        }
        return Proposal(referrals: referrals, gaps: gaps, widened: widened, entries: entries, rankedForHour: rankedForHour)
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
