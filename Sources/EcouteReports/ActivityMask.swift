import EcouteCore
import Foundation

/// What `ecoute report activity --mask-small` may publish: every count of the report, every
/// count a reader can work out from it (a share's numerator and its complement, the calls not at
/// level 4–5…) and every sum between them — each period against the whole, each operator against
/// the whole, each row against its parts, the regions against their départements, the level 4–5
/// calls against levels 4 and 5 — handed to `SmallCellMask`. The same mask serves every format.
///
/// Published: a count unless masked; a share only when its numerator, its complement and its
/// denominator are all published; a mean or median duration only when its calls are published;
/// the mean wait before an alert is taken only over 5 alerts taken or more (a mean over fewer
/// tells individual waits).
struct ActivityMask {
    private var mask: SmallCellMask?

    /// The view of a period, of the whole report, or of an operator.
    static func period(_ label: String) -> String { "p:" + label }
    static let all = "all"
    static func `operator`(_ name: String) -> String { "o:" + name }

    init(_ f: ActivityFigures, _ o: ActivityReport.Options) {
        guard o.maskSmall else { return }
        // A share's parts first (masking them hides one share), the counts shown next, the calls
        // of a period, an operator or the whole last.
        var m = SmallCellMask(threshold: ActivityReport.smallCell,
                              costs: ["|add": 0, "|noadd": 0, "|over": 0, "|under": 0, "|adh": 0, "|nonadh": 0, "|complete": 0,
                                      "|calls": 3, "|classified": 3])
        var views = [(Self.all, f.total)] + f.periods.map { (Self.period($0.label), $0.summary) }
        let operators = o.perOperator ? f.operators.map { (Self.operator($0.name), $0.summary) } : []
        views += operators
        let callerKeys = Set(views.flatMap { $0.1.callers.keys }).sorted()
        for (v, sum) in views {
            m.cell(v + "|calls", sum.callCount)
            for level in ClassificationLevel.allCases { m.cell(v + "|level|\(level.rawValue)", sum.levels[level] ?? 0) }
            let classified = sum.classifiedCount
            let addicted = sum.levelsWithAddiction.values.reduce(0, +)
            m.cell(v + "|classified", classified)
            m.cell(v + "|add", addicted)
            m.cell(v + "|noadd", classified - addicted)
            m.cell(v + "|over", sum.overReferenceCount)
            m.cell(v + "|under", sum.callCount - sum.overReferenceCount)
            m.cell(v + "|adh", sum.adherentCount)
            m.cell(v + "|nonadh", classified - sum.adherentCount)
            let incomplete = sum.riskyCalls.filter { !$0.isComplete }.count
            m.cell(v + "|risky", sum.riskyCalls.count)
            m.cell(v + "|incomplete", incomplete)
            m.cell(v + "|complete", sum.riskyCalls.count - incomplete)
            m.cell(v + "|alerts", sum.alertCount)
            m.cell(v + "|low", [ClassificationLevel.administrative, .anxiety, .depression].reduce(0) { $0 + (sum.levels[$1] ?? 0) })
            for key in callerKeys { m.cell(v + "|caller|" + key, sum.callers[key] ?? 0) }
            for kind in ReferralKind.allCases { m.cell(v + "|ref|" + kind.rawValue, sum.referralsGiven[kind] ?? 0) }
            // Within the view.
            let levels = ClassificationLevel.allCases.map { v + "|level|\($0.rawValue)" }
            m.sum(v + "|classified", of: levels)
            m.sum(v + "|calls", of: [v + "|classified"] + (sum.callCount == classified ? [] : [v + "|unclassified"]))
            if sum.callCount != classified { m.cell(v + "|unclassified", sum.callCount - classified) }
            m.sum(v + "|classified", of: [v + "|add", v + "|noadd"])
            m.sum(v + "|calls", of: [v + "|over", v + "|under"])
            m.sum(v + "|classified", of: [v + "|adh", v + "|nonadh"])
            m.sum(v + "|risky", of: [v + "|level|4", v + "|level|5"])
            m.sum(v + "|risky", of: [v + "|incomplete", v + "|complete"])
            m.sum(v + "|low", of: [v + "|level|0", v + "|level|1", v + "|level|2"])
            m.sum(v + "|calls", of: callerKeys.map { v + "|caller|" + $0 })
            // A share publishes its numerator and its complement at once, or neither.
            m.together([v + "|add", v + "|noadd"])
            m.together([v + "|over", v + "|under"])
            m.together([v + "|adh", v + "|nonadh"])
            if sum.callCount == classified { m.together([v + "|calls", v + "|classified"]) }
        }
        // Each part of the whole against the whole: periods, and operators.
        let cellsPerView = ["calls", "classified", "add", "noadd", "over", "under", "adh", "nonadh", "risky", "incomplete", "complete",
                            "alerts", "low"] + ClassificationLevel.allCases.map { "level|\($0.rawValue)" }
            + callerKeys.map { "caller|" + $0 } + ReferralKind.allCases.map { "ref|" + $0.rawValue }
        for group in [f.periods.map { Self.period($0.label) }, operators.map(\.0)] where !group.isEmpty {
            for c in cellsPerView { m.sum(Self.all + "|" + c, of: group.map { $0 + "|" + c }) }
            if f.total.callCount != f.total.classifiedCount {
                m.sum(Self.all + "|unclassified", of: group.map { $0 + "|unclassified" })
            }
        }
        // Regions against the whole, and their départements against each region.
        var byRegion: [String: [String]] = [:]
        for (dep, n) in f.total.departements {
            m.cell(Self.all + "|dep|" + dep, n)
            byRegion[o.geography.departement(dep).map(\.regionCode) ?? "", default: []].append(Self.all + "|dep|" + dep)
        }
        for (region, deps) in byRegion {
            m.cell(Self.all + "|region|" + region, deps.reduce(0) { $0 + (m.values[$1] ?? 0) })
            if o.byDepartement { m.sum(Self.all + "|region|" + region, of: deps) }
        }
        m.sum(Self.all + "|calls", of: byRegion.keys.sorted().map { Self.all + "|region|" + $0 })
        m.resolve()
        mask = m
    }

    // MARK: - What is published

    func isMasked(_ view: String, _ cell: String) -> Bool { mask?.isMasked(view + "|" + cell) ?? false }

    /// A count as text: « <5 » when small, « x » when masked so that a small one is not given away.
    func count(_ view: String, _ cell: String, _ n: Int) -> String {
        guard let mask, mask.isMasked(view + "|" + cell) else { return "\(n)" }
        return mask.primary.contains(view + "|" + cell) ? "<\(ActivityReport.smallCell)" : "x"
    }

    /// A count for JSON: nil when masked.
    func jsonCount(_ view: String, _ cell: String, _ n: Int) -> Int? { isMasked(view, cell) ? nil : n }

    /// The share whose numerator, complement and denominator are these cells; nil when one is masked.
    func share(_ view: String, _ numerator: String, _ complement: String, _ denominator: String, _ value: Double?) -> Double? {
        [numerator, complement, denominator].contains { isMasked(view, $0) } ? nil : value
    }

    /// A mean or median over the view's calls; nil when they are masked.
    func overCalls(_ view: String, _ value: TimeInterval?) -> TimeInterval? { isMasked(view, "calls") ? nil : value }

    /// The mean wait before an alert was taken: only over 5 alerts taken or more.
    func meanTake(_ view: String, _ sum: ShiftSummary) -> TimeInterval? {
        guard mask != nil else { return sum.meanTimeToTake }
        return sum.alertsTaken >= ActivityReport.smallCell && !isMasked(view, "alerts") ? sum.meanTimeToTake : nil
    }

    /// Whether anything was masked beyond the small counts themselves.
    var maskedAlso: Bool { !(mask?.secondary.isEmpty ?? true) }
}
