import EcouteCore
import Foundation

/// The line's activity over a time, period by period (`ecoute report activity`): calls, the
/// classification mix and the addiction share, who called, regions, durations against the
/// 25-minute reference, referrals given, level 4–5 calls and their protocol, alerts and how soon
/// they were taken; per operator for supervisors. Figures from saved calls only; small cells can
/// be masked for publication outside the team.
public enum ActivityReport {
    public typealias Grouping = ActivityFigures.Grouping
    public typealias Period = ActivityFigures.Period
    public typealias Figures = ActivityFigures
    public enum Format: String, CaseIterable, Sendable { case md, csv, json }

    /// Cells under this many calls are masked with `maskSmall`.
    public static let smallCell = 5

    public struct Options: Sendable {
        public var from: Date
        public var to: Date
        public var grouping: Grouping
        public var maskSmall: Bool
        public var byDepartement: Bool
        /// Per-operator figures: only for a supervisor's report.
        public var perOperator: Bool
        public var generatedAt: Date
        public var timeZone: TimeZone
        public var strings: Strings
        public var geography: Geography

        public init(from: Date, to: Date, grouping: Grouping, maskSmall: Bool, byDepartement: Bool, perOperator: Bool,
                    generatedAt: Date, timeZone: TimeZone, strings: Strings, geography: Geography) {
            self.from = from
            self.to = to
            self.grouping = grouping
            self.maskSmall = maskSmall
            self.byDepartement = byDepartement
            self.perOperator = perOperator
            self.generatedAt = generatedAt
            self.timeZone = timeZone
            self.strings = strings
            self.geography = geography
        }
    }

    // MARK: - Writing

    public static func gather(from source: CallReport.CallSource, _ o: Options) throws -> Figures {
        try ActivityFigures.gather(from: source, from: o.from, to: o.to, by: o.grouping, timeZone: o.timeZone, perOperator: o.perOperator)
    }

    public static func write(_ format: Format, from source: CallReport.CallSource, _ o: Options, to output: any ReportOutput) throws {
        let figures = try gather(from: source, o)
        switch format {
        case .md: try output.write(markdown(figures, o))
        case .csv: try output.write(csv(figures, o))
        case .json: try output.write(json(figures, o))
        }
    }

    /// A count, or « <5 » when masked.
    static func cell(_ n: Int, _ o: Options) -> String {
        o.maskSmall && n > 0 && n < smallCell ? "<\(smallCell)" : "\(n)"
    }

    static func duration(_ t: TimeInterval?) -> String { t.map(Formatting.duration) ?? "—" }

    /// Regions in the geography's order, with calls, and « not asked » last.
    static func regions(_ sum: ShiftSummary, _ geography: Geography) -> [(String, Int)] {
        var byRegion: [String: Int] = [:]
        for (dep, n) in sum.departements {
            byRegion[geography.departement(dep).map(\.regionCode) ?? "", default: 0] += n
        }
        return geography.regions.compactMap { r in byRegion[r.code].map { (r.name, $0) } } + (byRegion[""].map { [("—", $0)] } ?? [])
    }

    static func markdown(_ f: Figures, _ o: Options) -> String {
        let s = o.strings
        var out = "# \(s["activity.title"])\n\n"
        out += s.format("activity.scope", Formatting.isoTimestamp(o.from, timeZone: o.timeZone), Formatting.isoTimestamp(o.to, timeZone: o.timeZone),
                        s["activity.by.\(o.grouping.rawValue)"]) + "  \n"
        out += s.format("report.generated", Formatting.isoTimestamp(o.generatedAt, timeZone: o.timeZone)) + "\n"
        if o.maskSmall { out += "\n" + s.format("activity.masked", "\(smallCell)") + "\n" }
        if !f.total.unfinished.isEmpty { out += "\n" + s.plural("activity.unfinished", f.total.unfinished.count) + "\n" }

        out += "\n## \(s["activity.calls"])\n\n```\n"
        let most = f.periods.map(\.summary.callCount).max() ?? 0
        for p in f.periods {
            let shown = cell(p.summary.callCount, o)
            // A masked count draws no bar: its length would tell the count.
            let bar = shown.hasPrefix("<") ? "" : Labels.bar(p.summary.callCount, of: most, width: 50)
            out += DisplayWidth.padded(p.label, 9) + String(repeating: " ", count: max(0, 6 - shown.count)) + shown + " " + bar + "\n"
        }
        out += "```\n\n" + s.format("activity.total", cell(f.total.callCount, o)) + "\n"

        out += "\n## \(s["activity.levels"])\n\n| \(s["activity.period"]) |"
        for level in ClassificationLevel.allCases { out += " \(level.rawValue) |" }
        out += " \(s["activity.addiction"]) |\n|---|" + String(repeating: "---|", count: ClassificationLevel.allCases.count + 1) + "\n"
        for p in f.periods + [Period(start: o.to, label: s["activity.all"], summary: f.total)] {
            out += "| \(p.label) |"
            for level in ClassificationLevel.allCases { out += " \(cell(p.summary.levels[level] ?? 0, o)) |" }
            out += " \(Labels.percent(p.summary.addictionShare)) |\n"
        }

        out += "\n## \(s["activity.durations"])\n\n| \(s["activity.period"]) | \(s["report.mean"]) | \(s["report.median"]) | \(s["activity.over25"]) |\n|---|---|---|---|\n"
        for p in f.periods + [Period(start: o.to, label: s["activity.all"], summary: f.total)] {
            out += "| \(p.label) | \(duration(p.summary.meanDuration)) | \(duration(p.summary.medianDuration)) | \(Labels.percent(p.summary.overReferenceShare)) |\n"
        }

        out += "\n## \(s["report.callers"])\n\n| \(s["report.caller"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in f.total.callers.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(Labels.caller(key, s)) | \(cell(n, o)) |\n"
        }

        out += "\n## \(s["activity.regions"])\n\n| \(s["activity.region"]) | \(s["report.count"]) |\n|---|---|\n"
        for (name, n) in regions(f.total, o.geography) { out += "| \(name) | \(cell(n, o)) |\n" }
        if o.byDepartement {
            out += "\n| \(s["activity.departement"]) | \(s["report.count"]) |\n|---|---|\n"
            for (code, n) in f.total.departements.sorted(by: { $0.key < $1.key }) {
                let name = o.geography.departement(code).map { "\($0.code) \($0.name)" } ?? "—"
                out += "| \(name) | \(cell(n, o)) |\n"
            }
        }

        out += "\n## \(s["report.referrals"])\n\n| \(s["report.kind"]) | \(s["report.count"]) |\n|---|---|\n"
        for kind in ReferralKind.allCases { if let n = f.total.referralsGiven[kind] { out += "| \(s["kind.\(kind.rawValue)"]) | \(cell(n, o)) |\n" } }
        out += "\n\(s["report.adherence"]) : \(Labels.percent(f.total.adherence))\n"

        out += "\n## \(s["report.risky"])\n\n| \(s["activity.period"]) | \(s["activity.riskyCalls"]) | \(s["activity.incomplete"]) | \(s["report.alerts"]) | \(s["activity.meanTake"]) |\n|---|---|---|---|---|\n"
        for p in f.periods + [Period(start: o.to, label: s["activity.all"], summary: f.total)] {
            let incomplete = p.summary.riskyCalls.filter { !$0.isComplete }.count
            out += "| \(p.label) | \(cell(p.summary.riskyCalls.count, o)) | \(cell(incomplete, o)) | \(cell(p.summary.alertCount, o)) | \(duration(p.summary.meanTimeToTake)) |\n"
        }

        if o.perOperator, !f.operators.isEmpty {
            out += "\n## \(s["activity.operators"])\n\n| \(s["report.operator.column"]) | \(s["report.calls"]) | \(s["report.mean"]) | 0–2 | 3 | 4–5 | \(s["report.adherence"]) |\n|---|---|---|---|---|---|---|\n"
            for (name, sum) in f.operators {
                let low = [ClassificationLevel.administrative, .anxiety, .depression].reduce(0) { $0 + (sum.levels[$1] ?? 0) }
                let high = (sum.levels[.suicidalIdeation] ?? 0) + (sum.levels[.imminentRisk] ?? 0)
                out += "| \(MarkdownCallReport.cell(name)) | \(cell(sum.callCount, o)) | \(duration(sum.meanDuration)) | \(cell(low, o)) | \(cell(sum.levels[.burnout] ?? 0, o)) | \(cell(high, o)) | \(Labels.percent(sum.adherence)) |\n"
            }
        }
        return out
    }

    static let csvColumns = ["period", "calls", "level_0", "level_1", "level_2", "level_3", "level_4", "level_5", "addiction_share",
                             "mean_seconds", "median_seconds", "over_25_share", "risky_calls", "risky_incomplete", "alerts",
                             "mean_seconds_to_take", "adherence"]

    static func csv(_ f: Figures, _ o: Options) -> String {
        var out = "\u{FEFF}" + CSV.formatForSpreadsheet(csvColumns) + "\r\n"
        let share = { (x: Double?) in x.map { String(format: "%.3f", $0) } ?? "" }
        let seconds = { (t: TimeInterval?) in CallReport.seconds(t).map { "\($0)" } ?? "" }
        for p in f.periods + [Period(start: o.to, label: "all", summary: f.total)] {
            let m = p.summary
            let row = [p.label, cell(m.callCount, o)] + ClassificationLevel.allCases.map { cell(m.levels[$0] ?? 0, o) }
                + [share(m.addictionShare), seconds(m.meanDuration), seconds(m.medianDuration), share(m.overReferenceShare),
                   cell(m.riskyCalls.count, o), cell(m.riskyCalls.filter { !$0.isComplete }.count, o), cell(m.alertCount, o),
                   seconds(m.meanTimeToTake), share(m.adherence)]
            out += CSV.formatForSpreadsheet(row) + "\r\n"
        }
        return out
    }

    struct PeriodJSON: Encodable {
        var period: String, start: String
        var calls: Int?, levels: [String: Int?], addiction_share: Double?
        var mean_seconds: Int?, median_seconds: Int?, over_25_share: Double?
        var callers: [String: Int?], referrals_given: [String: Int?]
        var risky_calls: Int?, risky_incomplete: Int?, alerts: Int?, mean_seconds_to_take: Int?, adherence: Double?
    }
    struct ActivityJSON: Encodable {
        var from: String, to: String, by: String, generated_at: String, masked_below: Int?
        var periods: [PeriodJSON], total: PeriodJSON, unfinished_not_counted: Int
        var operators: [String: PeriodJSON]?
    }

    static func json(_ f: Figures, _ o: Options) -> String {
        let iso = { (d: Date) in Formatting.isoTimestamp(d, timeZone: o.timeZone) }
        func count(_ n: Int) -> Int? { o.maskSmall && n > 0 && n < smallCell ? nil : n }
        func period(_ label: String, _ start: Date, _ m: ShiftSummary) -> PeriodJSON {
            PeriodJSON(period: label, start: iso(start), calls: count(m.callCount),
                       levels: Dictionary(uniqueKeysWithValues: ClassificationLevel.allCases.map { ("\($0.rawValue)", count(m.levels[$0] ?? 0)) }),
                       addiction_share: m.addictionShare.map { ($0 * 1000).rounded() / 1000 },
                       mean_seconds: CallReport.seconds(m.meanDuration), median_seconds: CallReport.seconds(m.medianDuration),
                       over_25_share: m.overReferenceShare.map { ($0 * 1000).rounded() / 1000 },
                       callers: m.callers.mapValues(count), referrals_given: Dictionary(uniqueKeysWithValues: m.referralsGiven.map { ($0.key.rawValue, count($0.value)) }),
                       risky_calls: count(m.riskyCalls.count), risky_incomplete: count(m.riskyCalls.filter { !$0.isComplete }.count),
                       alerts: count(m.alertCount), mean_seconds_to_take: CallReport.seconds(m.meanTimeToTake),
                       adherence: m.adherence.map { ($0 * 1000).rounded() / 1000 })
        }
        let report = ActivityJSON(
            from: iso(o.from), to: iso(o.to), by: o.grouping.rawValue, generated_at: iso(o.generatedAt),
            masked_below: o.maskSmall ? smallCell : nil,
            periods: f.periods.map { period($0.label, $0.start, $0.summary) }, total: period("all", o.from, f.total),
            unfinished_not_counted: f.total.unfinished.count,
            operators: o.perOperator ? Dictionary(uniqueKeysWithValues: f.operators.map { ($0.name, period($0.name, o.from, $0.summary)) }) : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(report), as: UTF8.self) + "\n"
    }
}
