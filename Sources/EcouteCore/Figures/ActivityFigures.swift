import Foundation

/// The line's activity period by period, gathered in one pass over saved calls: one running
/// `ShiftSummary` per week, month or quarter (and per operator). Shared by `ecoute report
/// activity` and the review's activity screen.
public struct ActivityFigures: Equatable, Sendable {
    public enum Grouping: String, CaseIterable, Sendable { case week, month, quarter }

    /// One period's figures.
    public struct Period: Equatable, Sendable {
        public var start: Date
        public var label: String
        public var summary: ShiftSummary

        public init(start: Date, label: String, summary: ShiftSummary) {
            self.start = start
            self.label = label
            self.summary = summary
        }
    }

    public var periods: [Period]
    public var total: ShiftSummary
    public var operators: [(name: String, summary: ShiftSummary)]

    public static func == (a: ActivityFigures, b: ActivityFigures) -> Bool {
        a.periods == b.periods && a.total == b.total && a.operators.map(\.name) == b.operators.map(\.name)
            && a.operators.map(\.summary) == b.operators.map(\.summary)
    }

    /// Reads the calls once (`source` hands them over one by one), keeping running figures only.
    public static func gather(from source: ((CallDraft) throws -> Void) throws -> Void, from start: Date, to end: Date, by grouping: Grouping,
                              timeZone: TimeZone, perOperator: Bool) throws -> ActivityFigures {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2        // weeks start on Monday in France
        calendar.minimumDaysInFirstWeek = 4
        var starts: [Date] = []
        var cursor = periodStart(start, grouping, calendar)
        while cursor < end {
            starts.append(cursor)
            cursor = next(cursor, grouping, calendar)
        }
        var builders = starts.map { _ in ShiftSummary.Builder(timeZone: timeZone) }
        var total = ShiftSummary.Builder(timeZone: timeZone)
        var byOperator: [String: ShiftSummary.Builder] = [:]
        try source { call in
            guard let i = starts.firstIndex(of: periodStart(call.pickedUpAt, grouping, calendar)) else { return }
            builders[i].add(call)
            total.add(call)
            if perOperator { byOperator[call.operatorName, default: ShiftSummary.Builder(timeZone: timeZone)].add(call) }
        }
        let periods = zip(starts, builders).map { Period(start: $0, label: label($0, grouping, calendar), summary: $1.summary) }
        return ActivityFigures(periods: periods, total: total.summary,
                               operators: byOperator.sorted { $0.key < $1.key }.map { ($0.key, $0.value.summary) })
    }

    static func periodStart(_ date: Date, _ g: Grouping, _ calendar: Calendar) -> Date {
        switch g {
        case .week: return calendar.dateInterval(of: .weekOfYear, for: date)!.start
        case .month: return calendar.dateInterval(of: .month, for: date)!.start
        case .quarter:
            var c = calendar.dateComponents([.year, .month], from: date)
            c.month = ((c.month ?? 1) - 1) / 3 * 3 + 1
            c.day = 1
            return calendar.date(from: c)!
        }
    }

    static func next(_ start: Date, _ g: Grouping, _ calendar: Calendar) -> Date {
        calendar.date(byAdding: g == .week ? .day : .month, value: g == .week ? 7 : (g == .month ? 1 : 3), to: start)!
    }

    /// « 2026-S47 », « 2026-11 », « 2026-T4 ».
    static func label(_ start: Date, _ g: Grouping, _ calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .weekOfYear, .yearForWeekOfYear], from: start)
        switch g {
        case .week: return Formatting.zeroPadded(c.yearForWeekOfYear ?? 0, 4) + "-S" + Formatting.zeroPadded(c.weekOfYear ?? 0)
        case .month: return Formatting.zeroPadded(c.year ?? 0, 4) + "-" + Formatting.zeroPadded(c.month ?? 0)
        case .quarter: return Formatting.zeroPadded(c.year ?? 0, 4) + "-T\(((c.month ?? 1) - 1) / 3 + 1)"
        }
    }
}
