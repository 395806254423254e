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

    /// Kinds whose entries serve the whole country rather than a département.
    public var isNational: Bool { self == .emergency }
}
