/// What the line's protocol requires to be given to a caller, by classification.
public struct ReferralNeed: Equatable, Hashable, Sendable {
    public var kind: ReferralKind
    /// How many entries of this kind to propose.
    public var count: Int
    /// The speciality this need is for, whatever the call's (the 3114 at level 4: « suicide »).
    public var speciality: String?

    public init(_ kind: ReferralKind, count: Int = 1, speciality: String? = nil) {
        self.kind = kind
        self.count = count
        self.speciality = speciality
    }
}

/// The referral rules of the line:
/// 1–2 → a psychologist and a GP; 3–4 → a GP and a psychiatrist, and at 4 the 3114 (national
/// suicide prevention line); 0 → legal and administrative services; 5 → the emergency numbers and
/// a dedicated unit; a dedicated unit at any level when hospitalisation is needed; an addiction
/// service (CSAPA, hospital addictology) at every level when addiction is flagged. Addiction also
/// changes which entries are preferred (see `preferredSpeciality`).
public enum ReferralRules {
    /// Emergency numbers proposed at level 5 (15 SAMU, 112, 3114 suicide prevention).
    public static let emergencyNumberCount = 3

    public static func needs(
        level: ClassificationLevel, hospitalisation: Bool, addiction: Bool = false
    ) -> [ReferralNeed] {
        var needs: [ReferralNeed]
        switch level {
        case .administrative: needs = [ReferralNeed(.legal), ReferralNeed(.administrative)]
        case .anxiety, .depression: needs = [ReferralNeed(.psychologist), ReferralNeed(.gp)]
        case .burnout: needs = [ReferralNeed(.gp), ReferralNeed(.psychiatrist)]
        case .suicidalIdeation:
            needs = [ReferralNeed(.gp), ReferralNeed(.psychiatrist), ReferralNeed(.emergency, speciality: "suicide")]
        case .imminentRisk:
            needs = [ReferralNeed(.emergency, count: emergencyNumberCount), ReferralNeed(.unit)]
        }
        if hospitalisation && !needs.contains(where: { $0.kind == .unit }) {
            needs.append(ReferralNeed(.unit))
        }
        if addiction {
            needs.append(ReferralNeed(.addiction))
        }
        return needs
    }

    /// The speciality to prefer among equally near entries: addiction first when flagged, then
    /// the level's own theme.
    public static func preferredSpeciality(level: ClassificationLevel, addiction: Bool) -> String? {
        if addiction { return "addiction" }
        switch level {
        case .anxiety: return "anxiety"
        case .depression: return "depression"
        case .burnout: return "burnout"
        case .suicidalIdeation, .imminentRisk: return "suicide"
        case .administrative: return nil
        }
    }

    /// Kinds the rules require for this call that no given referral covers.
    public static func missingKinds(
        level: ClassificationLevel, hospitalisation: Bool, addiction: Bool = false, given: [Referral]
    ) -> [ReferralKind] {
        // A handful of kinds against a handful of referrals: no set, and the kinds from a table
        // (a report asks this for every call).
        requiredKinds[requiredKindsIndex(level, hospitalisation, addiction)].filter { kind in
            !given.contains { $0.status == .given && $0.kind == kind }
        }
    }

    /// `needs(…)`'s kinds for every level, hospitalisation and addiction.
    private static let requiredKinds: [[ReferralKind]] = ClassificationLevel.allCases.flatMap { level in
        [false, true].flatMap { hospitalisation in
            [false, true].map { addiction in needs(level: level, hospitalisation: hospitalisation, addiction: addiction).map(\.kind) }
        }
    }

    private static func requiredKindsIndex(_ level: ClassificationLevel, _ hospitalisation: Bool, _ addiction: Bool) -> Int {
        // Levels are 0 to 5, in `allCases` order.
        (level.rawValue * 2 + (hospitalisation ? 1 : 0)) * 2 + (addiction ? 1 : 0)
    }
}
