import EcouteCore

/// What `ecoute report activity --by` breaks the activity down by: periods, or the calls' motifs
/// (with the urgence of assessed calls and how often the level chosen differs from the suggested).
enum ActivityBy: String, CaseIterable, EnumArgument {
    case week, month, quarter, motif

    /// The periods' grouping (nil: not by periods).
    var grouping: ActivityFigures.Grouping? { ActivityFigures.Grouping(rawValue: rawValue) }
}
