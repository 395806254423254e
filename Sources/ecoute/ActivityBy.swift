import EcouteCore

/// What `ecoute report activity --by` breaks the activity down by: periods, the calls' motifs
/// (with the urgence of assessed calls and how often the level chosen differs from the suggested),
/// or the lines (calls by level).
enum ActivityBy: String, CaseIterable, EnumArgument {
    case week, month, quarter, motif, line

    /// The periods' grouping (nil: not by periods).
    var grouping: ActivityFigures.Grouping? { ActivityFigures.Grouping(rawValue: rawValue) }
}
