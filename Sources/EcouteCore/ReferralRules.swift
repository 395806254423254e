/// What the line's protocol requires to be given to a caller, by classification.
public struct ReferralNeed: Equatable, Hashable, Sendable {
    public var kind: ReferralKind
    /// How many entries of this kind to propose.
    public var count: Int

    public init(_ kind: ReferralKind, count: Int = 1) {
        self.kind = kind
        self.count = count
    }
}

/// The referral rules of the line:
/// 1–2 → a psychologist and a GP; 3–4 → a GP and a psychiatrist; 0 → legal and administrative
/// services; 5 → the emergency numbers and a dedicated unit; a dedicated unit at any level when
/// hospitalisation is needed. Addiction does not change the kinds; it changes which entries are
/// preferred (see `preferredSpeciality`).
public enum ReferralRules {
    /// Emergency numbers proposed at level 5 (15 SAMU, 112, 3114 suicide prevention).
    public static let emergencyNumberCount = 3

    public static func needs(
        level: ClassificationLevel, hospitalisation: Bool
    ) -> [ReferralNeed] {
        var needs: [ReferralNeed]
        switch level {
        case .administrative: needs = [ReferralNeed(.legal), ReferralNeed(.administrative)]
        case .anxiety, .depression: needs = [ReferralNeed(.psychologist), ReferralNeed(.gp)]
        case .burnout, .suicidalIdeation: needs = [ReferralNeed(.gp), ReferralNeed(.psychiatrist)]
        case .imminentRisk:
            needs = [ReferralNeed(.emergency, count: emergencyNumberCount), ReferralNeed(.unit)]
        }
        if hospitalisation && !needs.contains(where: { $0.kind == .unit }) {
            needs.append(ReferralNeed(.unit))
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
        level: ClassificationLevel, hospitalisation: Bool, given: [Referral]
    ) -> [ReferralKind] {
        let covered = Set(given.filter { $0.status == .given }.map(\.kind))
        return needs(level: level, hospitalisation: hospitalisation)
            .map(\.kind)
            .filter { !covered.contains($0) }
    }
}
