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
    /// serves the professions listed in its specialities (or « toutes »), students of them only
    /// with `studentsTag`, in its region or, with no region, the whole country. Proposed as an
    /// extra, never required by the rules. Each one's published remit: `docs/associations.md`.
    case association

    /// Kinds whose entries serve the whole country rather than a département.
    public var isNational: Bool { self == .emergency }

    /// Kinds whose entries must name a département (associations serve a region or the country).
    public var needsDepartement: Bool { !isNational && self != .association }

    /// The speciality tag an association lists to serve every profession.
    public static let everyProfessionTag = "toutes"

    /// The speciality tag an association lists when its published remit names students (of the
    /// professions it lists): without it, a student caller is not offered the association, since
    /// a student's profession is only the field they train for. Internes are a profession of
    /// their own (`interne`), listed or not like any other.
    public static let studentsTag = "students"
}
