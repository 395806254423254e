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
        /// Caller codes and callbacks over the whole time (md and json; nil: not shown).
        public var continuity: ActivityContinuity?

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
        try output.write(render(format, figures, o))
    }

    /// The report of figures already gathered, as text.
    public static func render(_ format: Format, _ f: Figures, _ o: Options) -> String {
        switch format {
        case .md: return markdown(f, o)
        case .csv: return csv(f, o)
        case .json: return json(f, o)
        }
    }

    /// Each view of the figures: the periods, then the whole (labelled `allLabel`).
    static func views(_ f: Figures, _ o: Options, allLabel: String) -> [(key: String, period: Period)] {
        f.periods.map { (ActivityMask.period($0.label), $0) } + [(ActivityMask.all, Period(start: o.from, label: allLabel, summary: f.total))]
    }

    /// A duration, « — » when there is none, « x » when there is one but it is masked (`of`: the
    /// figures it would be over, nil when there is none to mask).
    static func duration(_ t: TimeInterval?, _ of: ShiftSummary? = nil) -> String {
        if let t { return Formatting.duration(t) }
        return of.map { $0.callCount > 0 } == true ? "x" : "—"
    }

    /// A share, « x » when masked (nil in a masked report where the plain report has one).
    static func percent(_ share: Double?, masked: Bool) -> String {
        share == nil && masked ? "x" : Labels.percent(share)
    }

    /// Regions in the geography's order, with calls, and « not asked » last: code, name, calls.
    static func regions(_ sum: ShiftSummary, _ geography: Geography) -> [(String, String, Int)] {
        var byRegion: [String: Int] = [:]
        for (dep, n) in sum.departements {
            byRegion[geography.departement(dep).map(\.regionCode) ?? "", default: 0] += n
        }
        return geography.regions.compactMap { r in byRegion[r.code].map { (r.code, r.name, $0) } } + (byRegion[""].map { [("", "—", $0)] } ?? [])
    }

    static func markdown(_ f: Figures, _ o: Options) -> String {
        let s = o.strings
        let mask = ActivityMask(f, o)
        let all = ActivityMask.all
        var out = "# \(s["activity.title"])\n\n"
        out += s.format("activity.scope", Formatting.isoTimestamp(o.from, timeZone: o.timeZone), Formatting.isoTimestamp(o.to, timeZone: o.timeZone),
                        s["activity.by.\(o.grouping.rawValue)"]) + "  \n"
        out += s.format("report.generated", Formatting.isoTimestamp(o.generatedAt, timeZone: o.timeZone)) + "\n"
        if o.maskSmall {
            out += "\n" + s.format("activity.masked", "\(smallCell)") + "\n"
            if mask.maskedAlso { out += "\n" + s["activity.maskedAlso"] + "\n" }
        }
        if !f.total.unfinished.isEmpty { out += "\n" + s.plural("activity.unfinished", f.total.unfinished.count) + "\n" }

        out += "\n## \(s["activity.calls"])\n\n```\n"
        // A masked count draws no bar, and the bars' scale is the largest published count: a
        // bar's length would tell a masked one.
        let most = f.periods.filter { !mask.isMasked(ActivityMask.period($0.label), "calls") }.map(\.summary.callCount).max() ?? 0
        for p in f.periods {
            let key = ActivityMask.period(p.label)
            let shown = mask.count(key, "calls", p.summary.callCount)
            let bar = mask.isMasked(key, "calls") ? "" : Labels.bar(p.summary.callCount, of: most, width: 50)
            out += DisplayWidth.padded(p.label, 9) + String(repeating: " ", count: max(0, 6 - shown.count)) + shown + " " + bar + "\n"
        }
        out += "```\n\n" + s.format("activity.total", mask.count(all, "calls", f.total.callCount)) + "\n"

        out += "\n## \(s["activity.levels"])\n\n| \(s["activity.period"]) |"
        for level in ClassificationLevel.allCases { out += " \(level.rawValue) |" }
        out += " \(s["activity.addiction"]) |\n|---|" + String(repeating: "---|", count: ClassificationLevel.allCases.count + 1) + "\n"
        for (key, p) in views(f, o, allLabel: s["activity.all"]) {
            out += "| \(p.label) |"
            for level in ClassificationLevel.allCases { out += " \(mask.count(key, "level|\(level.rawValue)", p.summary.levels[level] ?? 0)) |" }
            out += " \(percent(mask.share(key, "add", "noadd", "classified", p.summary.addictionShare), masked: o.maskSmall)) |\n"
        }

        out += "\n## \(s["activity.durations"])\n\n| \(s["activity.period"]) | \(s["report.mean"]) | \(s["report.median"]) | \(s["activity.over25"]) |\n|---|---|---|---|\n"
        for (key, p) in views(f, o, allLabel: s["activity.all"]) {
            let m = p.summary
            out += "| \(p.label) | \(duration(mask.overCalls(key, m.meanDuration), m)) | \(duration(mask.overCalls(key, m.medianDuration), m)) | \(percent(mask.share(key, "over", "under", "calls", m.overReferenceShare), masked: o.maskSmall)) |\n"
        }

        out += "\n## \(s["report.callers"])\n\n| \(s["report.caller"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in f.total.callers.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(Labels.caller(key, s)) | \(mask.count(all, "caller|" + key, n)) |\n"
        }

        out += "\n## \(s["activity.regions"])\n\n| \(s["activity.region"]) | \(s["report.count"]) |\n|---|---|\n"
        for (code, name, n) in regions(f.total, o.geography) { out += "| \(name) | \(mask.count(all, "region|" + code, n)) |\n" }
        if o.byDepartement {
            out += "\n| \(s["activity.departement"]) | \(s["report.count"]) |\n|---|---|\n"
            for (code, n) in f.total.departements.sorted(by: { $0.key < $1.key }) {
                let name = o.geography.departement(code).map { "\($0.code) \($0.name)" } ?? "—"
                out += "| \(name) | \(mask.count(all, "dep|" + code, n)) |\n"
            }
        }

        out += "\n## \(s["report.referrals"])\n\n| \(s["report.kind"]) | \(s["report.count"]) |\n|---|---|\n"
        for kind in ReferralKind.allCases {
            if let n = f.total.referralsGiven[kind] { out += "| \(s["kind.\(kind.rawValue)"]) | \(mask.count(all, "ref|" + kind.rawValue, n)) |\n" }
        }
        out += "\n\(s["report.adherence"]) : \(percent(mask.share(all, "adh", "nonadh", "classified", f.total.adherence), masked: o.maskSmall))\n"

        out += "\n## \(s["report.risky"])\n\n| \(s["activity.period"]) | \(s["activity.riskyCalls"]) | \(s["activity.incomplete"]) | \(s["report.alerts"]) | \(s["activity.meanTake"]) |\n|---|---|---|---|---|\n"
        for (key, p) in views(f, o, allLabel: s["activity.all"]) {
            let m = p.summary
            let incomplete = m.riskyCalls.filter { !$0.isComplete }.count
            out += "| \(p.label) | \(mask.count(key, "risky", m.riskyCalls.count)) | \(mask.count(key, "incomplete", incomplete)) | \(mask.count(key, "alerts", m.alertCount)) | \(duration(mask.meanTake(key, m), m.alertsTaken > 0 ? m : nil)) |\n"
        }

        if o.perOperator, !f.operators.isEmpty {
            out += "\n## \(s["activity.operators"])\n\n| \(s["report.operator.column"]) | \(s["report.calls"]) | \(s["report.mean"]) | 0–2 | 3 | 4–5 | \(s["report.adherence"]) |\n|---|---|---|---|---|---|---|\n"
            for (name, sum) in f.operators {
                let key = ActivityMask.operator(name)
                let low = [ClassificationLevel.administrative, .anxiety, .depression].reduce(0) { $0 + (sum.levels[$1] ?? 0) }
                out += "| \(MarkdownCallReport.cell(name)) | \(mask.count(key, "calls", sum.callCount)) | \(duration(mask.overCalls(key, sum.meanDuration), sum)) | \(mask.count(key, "low", low)) | \(mask.count(key, "level|3", sum.levels[.burnout] ?? 0)) | \(mask.count(key, "risky", sum.riskyCalls.count)) | \(percent(mask.share(key, "adh", "nonadh", "classified", sum.adherence), masked: o.maskSmall)) |\n"
            }
        }
        if let continuity = o.continuity { out += continuity.markdown(s, masked: o.maskSmall) }
        return out
    }

    static let csvColumns = ["period", "calls", "level_0", "level_1", "level_2", "level_3", "level_4", "level_5", "addiction_share",
                             "mean_seconds", "median_seconds", "over_25_share", "risky_calls", "risky_incomplete", "alerts",
                             "mean_seconds_to_take", "adherence"]

    static func csv(_ f: Figures, _ o: Options) -> String {
        var out = "\u{FEFF}" + CSV.formatForSpreadsheet(csvColumns) + "\r\n"
        let mask = ActivityMask(f, o)
        let share = { (x: Double?) in x.map { String(format: "%.3f", $0) } ?? (o.maskSmall ? "x" : "") }
        let seconds = { (t: TimeInterval?, of: Int) in CallReport.seconds(t).map { "\($0)" } ?? (o.maskSmall && of > 0 ? "x" : "") }
        for (key, p) in views(f, o, allLabel: "all") {
            let m = p.summary
            let row = [p.label, mask.count(key, "calls", m.callCount)]
                + ClassificationLevel.allCases.map { mask.count(key, "level|\($0.rawValue)", m.levels[$0] ?? 0) }
                + [m.classifiedCount == 0 ? "" : share(mask.share(key, "add", "noadd", "classified", m.addictionShare)),
                   seconds(mask.overCalls(key, m.meanDuration), m.callCount), seconds(mask.overCalls(key, m.medianDuration), m.callCount),
                   m.callCount == 0 ? "" : share(mask.share(key, "over", "under", "calls", m.overReferenceShare)),
                   mask.count(key, "risky", m.riskyCalls.count), mask.count(key, "incomplete", m.riskyCalls.filter { !$0.isComplete }.count),
                   mask.count(key, "alerts", m.alertCount), seconds(mask.meanTake(key, m), m.alertsTaken),
                   m.classifiedCount == 0 ? "" : share(mask.share(key, "adh", "nonadh", "classified", m.adherence))]
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
        var continuity: ActivityContinuity.JSON?
    }

    static func json(_ f: Figures, _ o: Options) -> String {
        let iso = { (d: Date) in Formatting.isoTimestamp(d, timeZone: o.timeZone) }
        let mask = ActivityMask(f, o)
        func period(_ key: String, _ label: String, _ start: Date, _ m: ShiftSummary) -> PeriodJSON {
            func count(_ cell: String, _ n: Int) -> Int? { mask.jsonCount(key, cell, n) }
            func share(_ x: Double?) -> Double? { x.map { ($0 * 1000).rounded() / 1000 } }
            return PeriodJSON(
                period: label, start: iso(start), calls: count("calls", m.callCount),
                levels: Dictionary(uniqueKeysWithValues: ClassificationLevel.allCases.map { ("\($0.rawValue)", count("level|\($0.rawValue)", m.levels[$0] ?? 0)) }),
                addiction_share: share(mask.share(key, "add", "noadd", "classified", m.addictionShare)),
                mean_seconds: CallReport.seconds(mask.overCalls(key, m.meanDuration)),
                median_seconds: CallReport.seconds(mask.overCalls(key, m.medianDuration)),
                over_25_share: share(mask.share(key, "over", "under", "calls", m.overReferenceShare)),
                callers: Dictionary(uniqueKeysWithValues: m.callers.map { ($0.key, count("caller|" + $0.key, $0.value)) }),
                referrals_given: Dictionary(uniqueKeysWithValues: m.referralsGiven.map { ($0.key.rawValue, count("ref|" + $0.key.rawValue, $0.value)) }),
                risky_calls: count("risky", m.riskyCalls.count), risky_incomplete: count("incomplete", m.riskyCalls.filter { !$0.isComplete }.count),
                alerts: count("alerts", m.alertCount), mean_seconds_to_take: CallReport.seconds(mask.meanTake(key, m)),
                adherence: share(mask.share(key, "adh", "nonadh", "classified", m.adherence)))
        }
        let report = ActivityJSON(
            from: iso(o.from), to: iso(o.to), by: o.grouping.rawValue, generated_at: iso(o.generatedAt),
            masked_below: o.maskSmall ? smallCell : nil,
            periods: f.periods.map { period(ActivityMask.period($0.label), $0.label, $0.start, $0.summary) },
            total: period(ActivityMask.all, "all", o.from, f.total),
            unfinished_not_counted: f.total.unfinished.count,
            operators: o.perOperator ? Dictionary(uniqueKeysWithValues: f.operators.map {
                ($0.name, period(ActivityMask.operator($0.name), $0.name, o.from, $0.summary))
            }) : nil,
            continuity: o.continuity?.json(masked: o.maskSmall))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(report), as: UTF8.self) + "\n"
    }
}
