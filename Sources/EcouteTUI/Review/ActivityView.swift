import EcouteCore
import Foundation

/// The line's activity month by month: calls with a bar, the level 4–5 calls, the addiction share,
/// the mean duration; then the year's classification mix.
enum ActivityView {
    static func draw(_ m: ReviewModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = m.strings
        var r = area.top
        grid.put(" " + s["review.activity.title"], row: r, column: 0, style: .bold)
        r += 1
        guard let figures = m.activity else {
            grid.put("   " + s["review.activity.loading"], row: r + 1, column: 0, style: .dim)
            return
        }
        // The header set out like the rows below it.
        let calls = s["review.activity.calls"], risky = "4–5"
        let header = " " + DisplayWidth.padded(s["review.activity.month"], 8)
            + String(repeating: " ", count: max(0, 5 - DisplayWidth.of(calls))) + calls + " " + String(repeating: " ", count: 29)
            + String(repeating: " ", count: max(0, 4 - DisplayWidth.of(risky))) + risky + "   "
            + DisplayWidth.padded(s["review.activity.addiction"], 8) + s["review.activity.mean"]
        grid.put(header, row: r, column: 0, style: .dim, maxWidth: grid.width - 1)
        r += 1
        let most = figures.periods.map(\.summary.callCount).max() ?? 0
        for p in figures.periods where r < area.bottom - 3 {
            let sum = p.summary
            let risky = (sum.levels[.suicidalIdeation] ?? 0) + (sum.levels[.imminentRisk] ?? 0)
            let line = " " + DisplayWidth.padded(p.label, 8) + Formatting.rightAligned(sum.callCount, 5) + " "
                + DisplayWidth.padded(Labels.bar(sum.callCount, of: most, width: 28), 29)
                + Formatting.rightAligned(risky, 4) + "   " + DisplayWidth.padded(Labels.percent(sum.addictionShare), 8)
                + (sum.meanDuration.map(Formatting.duration) ?? "—")
            grid.put(line, row: r, column: 0, style: risky > 0 ? .normal : .dim, maxWidth: grid.width - 1)
            r += 1
        }
        r += 1
        let total = figures.total
        let mix = ClassificationLevel.allCases.map { "\($0.rawValue): \(total.levels[$0] ?? 0)" }.joined(separator: "  ")
        grid.put(" " + s.format("review.activity.total", s.plural("review.count.saved", total.callCount), mix), row: min(r, area.bottom - 1),
                 column: 0, style: .bold, maxWidth: grid.width - 1)
        grid.put(" " + s.format("review.activity.durations", total.meanDuration.map(Formatting.duration) ?? "—",
                                Labels.percent(total.overReferenceShare), Labels.percent(total.adherence)),
                 row: min(r + 1, area.bottom), column: 0, maxWidth: grid.width - 1)
    }
}
