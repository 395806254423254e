/// The 0–5 classification applied at the end of every call.
public enum ClassificationLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case administrative = 0
    case anxiety = 1
    case depression = 2
    case burnout = 3
    case suicidalIdeation = 4
    case imminentRisk = 5

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Key of the level's name in the string tables (`level.3`); its explanation is `level.3.help`.
    public var stringKey: String { "level.\(rawValue)" }
}
