/// The numbers of the emergency protocol. Which one the psychologist called is recorded as that
/// number's emergency referral given (`CallSession`): 15 is not 112, and neither is the 3114.
public enum EmergencyNumber: String, CaseIterable, Codable, Sendable {
    /// SAMU, medical emergencies.
    case samu = "15"
    /// The European emergency number.
    case european = "112"
    /// The national suicide prevention line.
    case suicidePrevention = "3114"

    /// The digits dialled.
    public var digits: String { rawValue }

    /// The name recorded when the number is given before the directory proposed it (the same
    /// names as the directory's national entries).
    public var recordedName: String {
        switch self {
        case .samu: return "SAMU — 15"
        case .european: return "Numéro d'urgence européen — 112"
        case .suicidePrevention: return "3114 — prévention du suicide"
        }
    }

    /// Whether a referral is this number: an emergency referral whose first phone is these digits.
    public func matches(_ referral: Referral) -> Bool {
        referral.kind == .emergency && EmergencyNumber.dialled(referral.contact) == digits
    }

    /// The number a referral is, if it is one of the protocol's.
    public static func of(_ referral: Referral) -> EmergencyNumber? {
        allCases.first { $0.matches(referral) }
    }

    /// The phone at the start of a contact line (« 15 », « 15 · Paris (75) »), spaces removed.
    static func dialled(_ contact: String) -> String {
        let phone = contact.split(separator: "·", maxSplits: 1).first ?? ""
        return phone.filter { !$0.isWhitespace }
    }
}
