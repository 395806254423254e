import EcouteCore
import Foundation

/// A follow-up in words, and the board's section of follow-ups due.
public enum FollowUpLabels {
    /// The board lists follow-ups due within this time (and overdue ones).
    public static let boardHorizon: TimeInterval = 86400

    /// « l'appelant rappelle avec son code » / « rappel par un cadre ».
    public static func kind(_ kind: FollowUpKind, _ s: Strings) -> String { s["followUp.kind.\(kind.rawValue)"] }

    /// Where a follow-up stands: « en attente », « en retard », « a rappelé le … (à temps) », the
    /// callback's state.
    public static func outcome(_ outcome: FollowUpOutcome, _ s: Strings, timeZone: TimeZone) -> String {
        switch outcome {
        case .pending: return s["followUp.outcome.pending"]
        case .overdue: return s["followUp.outcome.overdue"]
        case .callerCalledBack(let at, let onTime):
            return s.format(onTime ? "followUp.outcome.calledBackOnTime" : "followUp.outcome.calledBackLate",
                            Formatting.dayAndTime(at, timeZone: timeZone) { s["weekday.\($0)"] })
        case .callback(let status):
            guard let status else { return s["followUp.outcome.noRequest"] }
            return s["followUp.outcome.callback.\(status.rawValue)"]
        }
    }

    /// The whole line: kind, due date, outcome.
    public static func line(_ status: FollowUpStatus, _ s: Strings, timeZone: TimeZone) -> String {
        s.format("followUp.line", kind(status.followUp.kind, s),
                 Formatting.dayAndTime(status.followUp.dueAt, timeZone: timeZone) { s["weekday.\($0)"] },
                 outcome(status.outcome, s, timeZone: timeZone))
    }

    /// The board's section, under the callbacks, when follow-ups are due; returns the next row.
    static func drawOnBoard(_ m: BoardModel, row: Int, into grid: inout Grid) -> Int {
        let due = m.snapshot.followUps
        guard !due.isEmpty else { return row }
        let s = m.strings
        var r = row + 1
        grid.put(" " + s.format("board.followUps", "\(due.count)"), row: r, column: 0, style: .bold)
        r += 1
        var shown = 0
        for status in due where r < m.height - 10 {
            // Due date and outcome first: what a supervisor acts on, never cut.
            let text = "   ⏲ " + Formatting.dayAndTime(status.followUp.dueAt, timeZone: m.timeZone) { s["weekday.\($0)"] }
                + " · " + outcome(status.outcome, s, timeZone: m.timeZone) + " · " + status.followUp.setBy
                + (status.level.map { " " + s.format("board.level", "\($0.rawValue)") } ?? "") + " · " + kind(status.followUp.kind, s)
            grid.put(text, row: r, column: 0, style: status.outcome == .overdue ? .alert : .normal, maxWidth: m.width - 1)
            r += 1
            shown += 1
        }
        if shown < due.count {
            grid.put("   " + s.format("board.followUps.more", "\(due.count - shown)"), row: r, column: 0, style: .warn, maxWidth: m.width - 1)
            r += 1
        }
        return r
    }
}
