import EcouteCore
import Foundation

/// `ecoute report`: calls and their summary as CSV (one row per call, for a spreadsheet), JSON
/// (for other tools) or Markdown (to print). Free-text notes only when asked for.
public enum ReviewReport {
    public enum Format: String, CaseIterable, Sendable { case csv, json, md }

    /// What a report covers: the query its calls were selected by.
    public typealias Period = CallQuery

    public static func render(_ format: Format, calls: [CallDraft], period: Period, withNotes: Bool,
                              generatedAt: Date, timeZone: TimeZone, strings: Strings) -> String {
        switch format {
        case .csv: return csv(calls, withNotes: withNotes, timeZone: timeZone)
        case .json: return json(calls, period: period, withNotes: withNotes, generatedAt: generatedAt, timeZone: timeZone)
        case .md: return markdown(calls, period: period, withNotes: withNotes, generatedAt: generatedAt, timeZone: timeZone, s: strings)
        }
    }

    // MARK: - Shared

    static func timestamp(_ date: Date?, _ timeZone: TimeZone) -> String {
        date.map { Formatting.timestamp($0, timeZone: timeZone) } ?? ""
    }

    static func caller(_ p: CallerProfile) -> String {
        p.category == .professional ? (p.profession?.rawValue ?? "professional") : (p.category?.rawValue ?? "")
    }

    static func given(_ c: CallDraft) -> [ReferralKind] { c.referrals.filter { $0.status == .given }.map(\.kind) }

    static func duration(_ c: CallDraft) -> Int? { c.endedAt.map { Int($0.timeIntervalSince(c.pickedUpAt).rounded()) } }

    // MARK: - CSV

    static let csvColumns = [
        "call_id", "operator", "picked_up_at", "ended_at", "duration_seconds", "state", "caller", "status", "sector",
        "departement", "repeat_caller", "level", "addiction", "hospitalisation", "referrals_given", "referrals_missing",
        "emergency_opened_at", "emergency_services_called_at", "supervisor_called_at", "caller_kept_on_line_at",
    ]

    /// UTF-8 with a byte-order mark (so spreadsheets read the accents), CRLF line ends, ISO-like
    /// local times, whole seconds, yes/no flags, kinds separated by ';'.
    public static func csv(_ calls: [CallDraft], withNotes: Bool, timeZone: TimeZone) -> String {
        var out = "\u{FEFF}" + CSV.format(csvColumns + (withNotes ? ["notes"] : [])) + "\r\n"
        for c in calls {
            let steps = c.emergency?.steps ?? [:]
            let profile = c.profile
            let repeatCaller: String = profile.isRepeatCaller.map { $0 ? "yes" : "no" } ?? ""
            let level: String = c.level.map { "\($0.rawValue)" } ?? ""
            let seconds: String = duration(c).map { String($0) } ?? ""
            let identity: [String] = [c.id, c.operatorName, timestamp(c.pickedUpAt, timeZone), timestamp(c.endedAt, timeZone), seconds]
            let who: [String] = [c.phase == .saved ? "saved" : "open", caller(profile), profile.status?.rawValue ?? "",
                                 profile.sector?.rawValue ?? "", profile.departement ?? "", repeatCaller]
            let outcome: [String] = [level, c.addiction ? "yes" : "no", c.hospitalisation ? "yes" : "no",
                                     given(c).map(\.rawValue).joined(separator: ";"),
                                     c.missingReferralKinds.map(\.rawValue).joined(separator: ";")]
            let protocolTimes: [String] = [timestamp(c.emergency?.openedAt, timeZone), timestamp(steps[.emergencyServicesCalled], timeZone),
                                           timestamp(steps[.supervisorCalled], timeZone), timestamp(steps[.callerKeptOnLine], timeZone)]
            var row = identity + who + outcome + protocolTimes
            if withNotes { row.append(c.notes) }
            out += CSV.format(row) + "\r\n"
        }
        return out
    }

    // MARK: - JSON

    struct JSONReport: Encodable {
        struct PeriodJSON: Encodable { var from: String?; var to: String?; var `operator`: String?; var shift: String? }
        struct SummaryJSON: Encodable {
            var calls: Int, open: Int
            var total_seconds: Int, mean_seconds: Int?, median_seconds: Int?, longest_seconds: Int?, over_25_minutes: Int
            var levels: [String: Int], levels_with_addiction: [String: Int]
            var callers: [String: Int], statuses: [String: Int], referrals_given: [String: Int], calls_by_hour: [String: Int]
            var protocol_adherence: Double?, risky_calls_incomplete: [String]
        }
        struct CallJSON: Encodable {
            var id: String, `operator`: String, picked_up_at: String, ended_at: String?, duration_seconds: Int?, state: String
            var caller: String?, status: String?, sector: String?, departement: String?, repeat_caller: Bool?
            var level: Int?, addiction: Bool, hospitalisation: Bool
            var referrals_given: [String], referrals_missing: [String]
            var emergency: [String: String]?
            var notes: String?
        }
        var generated_at: String
        var period: PeriodJSON
        var summary: SummaryJSON
        var calls: [CallJSON]
    }

    public static func json(_ calls: [CallDraft], period: Period, withNotes: Bool, generatedAt: Date, timeZone: TimeZone) -> String {
        let s = ShiftSummary.compute(calls, timeZone: timeZone)
        func keyed<K>(_ d: [K: Int], _ key: (K) -> String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: d.map { (key($0.key), $0.value) })
        }
        let report = JSONReport(
            generated_at: timestamp(generatedAt, timeZone),
            period: .init(from: period.from.map { timestamp($0, timeZone) }, to: period.to.map { timestamp($0, timeZone) },
                          operator: period.operatorName, shift: period.shiftID),
            summary: .init(
                calls: s.callCount, open: s.openCount, total_seconds: Int(s.totalDuration.rounded()),
                mean_seconds: s.meanDuration.map { Int($0.rounded()) }, median_seconds: s.medianDuration.map { Int($0.rounded()) },
                longest_seconds: s.longestDuration.map { Int($0.rounded()) }, over_25_minutes: s.overReferenceCount,
                levels: keyed(s.levels) { "\($0.rawValue)" }, levels_with_addiction: keyed(s.levelsWithAddiction) { "\($0.rawValue)" },
                callers: s.callers, statuses: s.statuses, referrals_given: keyed(s.referralsGiven, \.rawValue),
                calls_by_hour: keyed(s.callsByHour) { String(format: "%02d", $0) },
                protocol_adherence: s.adherence.map { ($0 * 1000).rounded() / 1000 },
                risky_calls_incomplete: s.riskyCalls.filter { !$0.isComplete }.map(\.call.id)),
            calls: calls.map { c in
                var emergency: [String: String]?
                if let e = c.emergency {
                    var steps = ["opened_at": timestamp(e.openedAt, timeZone)]
                    for (step, at) in e.steps { steps[step.rawValue] = timestamp(at, timeZone) }
                    emergency = steps
                }
                return .init(id: c.id, operator: c.operatorName, picked_up_at: timestamp(c.pickedUpAt, timeZone),
                             ended_at: c.endedAt.map { timestamp($0, timeZone) }, duration_seconds: duration(c),
                             state: c.phase == .saved ? "saved" : "open", caller: caller(c.profile).isEmpty ? nil : caller(c.profile),
                             status: c.profile.status?.rawValue, sector: c.profile.sector?.rawValue, departement: c.profile.departement,
                             repeat_caller: c.profile.isRepeatCaller, level: c.level?.rawValue, addiction: c.addiction,
                             hospitalisation: c.hospitalisation, referrals_given: given(c).map(\.rawValue),
                             referrals_missing: c.missingReferralKinds.map(\.rawValue), emergency: emergency,
                             notes: withNotes ? c.notes : nil)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(report), as: UTF8.self) + "\n"
    }

    // MARK: - Markdown

    /// A bar of `width` cells for `value` out of `maximum`.
    public static func bar(_ value: Int, of maximum: Int, width: Int) -> String {
        guard maximum > 0, value > 0 else { return "" }
        return String(repeating: "█", count: max(1, Int((Double(value) / Double(maximum) * Double(width)).rounded())))
    }

    static func percent(_ share: Double?) -> String { percentText(share) }
    static func percentText(_ share: Double?) -> String { share.map { String(format: "%.0f %%", $0 * 100) } ?? "—" }

    public static func markdown(_ calls: [CallDraft], period: Period, withNotes: Bool, generatedAt: Date,
                                timeZone: TimeZone, s: Strings) -> String {
        let sum = ShiftSummary.compute(calls, timeZone: timeZone)
        let d = { (t: TimeInterval?) in t.map(Formatting.duration) ?? "—" }
        var out = "# \(s["report.title"])\n\n"
        var scope: [String] = []
        if let from = period.from { scope.append(s.format("report.from", timestamp(from, timeZone))) }
        if let to = period.to { scope.append(s.format("report.to", timestamp(to, timeZone))) }
        if let name = period.operatorName { scope.append(s.format("report.operator", name)) }
        if let shift = period.shiftID { scope.append(s.format("report.shift", shift)) }
        out += (scope.isEmpty ? s["report.allCalls"] : scope.joined(separator: " · ")) + "  \n"
        out += s.format("report.generated", timestamp(generatedAt, timeZone)) + "\n\n"

        out += "## \(s["report.volume"])\n\n| | |\n|---|---|\n"
        out += "| \(s["report.calls"]) | \(sum.callCount) |\n| \(s["report.open"]) | \(sum.openCount) |\n"
        out += "| \(s["report.total"]) | \(d(sum.totalDuration)) |\n| \(s["report.mean"]) | \(d(sum.meanDuration)) |\n"
        out += "| \(s["report.median"]) | \(d(sum.medianDuration)) |\n| \(s["report.longest"]) | \(d(sum.longestDuration)) |\n"
        out += "| \(s["report.over25"]) | \(sum.overReferenceCount) |\n\n"

        out += "## \(s["report.levels"])\n\n"
        out += "\(s["report.addictionShare"]) : \(percent(sum.addictionShare))\n\n```\n"
        let maxLevel = sum.levels.values.max() ?? 0
        for level in ClassificationLevel.allCases {
            let n = sum.levels[level] ?? 0, a = sum.levelsWithAddiction[level] ?? 0
            out += "\(level.rawValue) \(Layout.padded(s[level.stringKey], 26)) \(String(format: "%3d", n)) \(Layout.padded(bar(n, of: maxLevel, width: 30), 30))"
            out += a > 0 ? " " + s.format("report.withAddiction", "\(a)") + "\n" : "\n"
        }
        out += "```\n\n"

        out += "## \(s["report.callers"])\n\n| \(s["report.caller"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in sum.callers.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(callerLabel(key, s)) | \(n) |\n"
        }
        out += "\n| \(s["report.status"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in sum.statuses.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(key == "unknown" ? s["report.unknown"] : s["status.\(key)"]) | \(n) |\n"
        }

        out += "\n## \(s["report.referrals"])\n\n| \(s["report.kind"]) | \(s["report.count"]) |\n|---|---|\n"
        for kind in ReferralKind.allCases where sum.referralsGiven[kind] != nil {
            out += "| \(s["kind.\(kind.rawValue)"]) | \(sum.referralsGiven[kind]!) |\n"
        }
        out += "\n\(s["report.adherence"]) : \(percent(sum.adherence)) (\(sum.adherentCount)/\(sum.classifiedSavedCount))\n\n"

        out += "## \(s["report.byHour"])\n\n```\n"
        let maxHour = sum.callsByHour.values.max() ?? 0
        for hour in hoursInOrder(calls, timeZone) {
            let n = sum.callsByHour[hour]!
            out += String(format: "%02dh %3d ", hour, n) + bar(n, of: maxHour, width: 30) + "\n"
        }
        out += "```\n\n"

        out += "## \(s["report.risky"])\n\n"
        if sum.riskyCalls.isEmpty {
            out += s["report.noRisky"] + "\n"
        } else {
            out += "| \(s["report.call"]) | \(s["report.level"]) | \(s["report.duration"]) | \(s["report.protocol"]) | \(s["report.given"]) | \(s["report.missing"]) |\n|---|---|---|---|---|---|\n"
            for r in sum.riskyCalls {
                let c = r.call
                let steps = c.emergency.map { e in
                    EmergencyStep.allCases.map { step in e.steps[step].map { "\(s["step.\(step.rawValue)"]) \(Formatting.clock($0, timeZone: timeZone))" } ?? "" }
                        .filter { !$0.isEmpty }.joined(separator: " ; ")
                } ?? "—"
                var missing = r.missingReferrals.map { s["kind.\($0.rawValue)"] } + r.missingSteps.map { s["step.\($0.rawValue)"] }
                if r.isOpen { missing.insert(s["report.notSaved"], at: 0) }
                out += "| \(timestamp(c.pickedUpAt, timeZone)) · \(c.operatorName) | \(c.level!.rawValue) | \(d(r.duration)) | \(steps.isEmpty ? "—" : steps) "
                out += "| \(given(c).map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")) | \(missing.isEmpty ? "✓" : "⚠ " + missing.joined(separator: ", ")) |\n"
            }
        }

        out += "\n## \(s["report.callList"])\n\n| \(s["report.call"]) | \(s["report.duration"]) | \(s["report.caller"]) | \(s["report.level"]) | \(s["report.given"]) |\n|---|---|---|---|---|\n"
        for c in calls {
            let level = c.level.map { "\($0.rawValue)" + (c.addiction ? " + " + s["report.addictionShort"] : "") } ?? "—"
            out += "| \(timestamp(c.pickedUpAt, timeZone)) · \(c.operatorName) | \(d(duration(c).map(TimeInterval.init))) | \(callerLabel(caller(c.profile), s)) | \(level) | \(given(c).map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")) |\n"
            if withNotes, !c.notes.isEmpty { out += "| | \(s["report.notes"]) : \(c.notes.replacingOccurrences(of: "|", with: "/")) | | | |\n" }
        }
        return out
    }

    /// The hours calls were picked up in, in the order of the calls (a night shift reads 22h, 23h, 0h…).
    static func hoursInOrder(_ calls: [CallDraft], _ timeZone: TimeZone) -> [Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var hours: [Int] = []
        for c in calls.sorted(by: { $0.pickedUpAt < $1.pickedUpAt }) {
            let h = calendar.component(.hour, from: c.pickedUpAt)
            if !hours.contains(h) { hours.append(h) }
        }
        return hours
    }

    static func callerLabel(_ key: String, _ s: Strings) -> String {
        if key.isEmpty || key == "unknown" { return s["report.unknown"] }
        if key == CallerCategory.student.rawValue { return s["status.student"] }
        if Profession(rawValue: key) != nil { return s["profession.\(key)"] }
        return s["category.\(key)"]
    }
}
