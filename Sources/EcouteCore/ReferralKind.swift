/// The kinds of entry in the referral directory.
public enum ReferralKind: String, CaseIterable, Codable, Sendable {
    case psychologist
    case gp
    case psychiatrist
    /// A dedicated hospital unit (one per region at least, 20–30 beds).
    case unit
    /// National emergency numbers (15, 112, 3114).
    case emergency
    case legal
    case administrative
    case replacement
    /// An addiction service: CSAPA or hospital addictology consultation (one per département at least).
    case addiction
    /// A profession's own peer-support association (AAPML, ADOP, ARENE, ASSPC, MOTS, SMART…):
    /// serves the professions listed in its specialities (or « toutes »), in its region or, with
    /// no region, the whole country. Proposed as an extra, never required by the rules.
    case association

    /// Kinds whose entries serve the whole country rather than a département.
    public var isNational: Bool { self == .emergency }

    /// Kinds whose entries must name a département (associations serve a region or the country).
    public var needsDepartement: Bool { !isNational && self != .association }

    /// The speciality tag an association lists to serve every profession.
    public static let everyProfessionTag = "toutes"
}
