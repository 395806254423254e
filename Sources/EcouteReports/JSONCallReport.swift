import EcouteCore
import Foundation

/// The report as one JSON object, keys sorted: `calls` (written call by call as they are read),
/// then `generated_at`, `period` and `summary` (whose figures were gathered on the way).
enum JSONCallReport {
    struct PeriodJSON: Encodable { var from: String?; var to: String?; var `operator`: String?; var shift: String? }
    struct SummaryJSON: Encodable {
        var calls: Int, open: Int
        var total_seconds: Int, mean_seconds: Int?, median_seconds: Int?, longest_seconds: Int?, over_25_minutes: Int
        var levels: [String: Int], levels_with_addiction: [String: Int]
        var callers: [String: Int], statuses: [String: Int], referrals_given: [String: Int], calls_by_hour: [String: Int]
        var protocol_adherence: Double?, risky_calls_incomplete: [String]
        var alerts: AlertsJSON
        /// Calls not saved yet: counted in no figure above.
        var unfinished: [UnfinishedJSON]
    }
    struct AlertsJSON: Encodable { var raised: Int, taken: Int, mean_seconds_to_take: Int?, longest_seconds_to_take: Int? }
    struct AlertJSON: Encodable { var raised_at: String, reason: String, taken_by: String?, taken_at: String? }
    struct UnfinishedJSON: Encodable { var id: String, `operator`: String, picked_up_at: String, last_change_at: String }
    struct CallJSON: Encodable {
        var id: String, `operator`: String, picked_up_at: String, ended_at: String?, duration_seconds: Int?, state: String
        var caller: String?, status: String?, sector: String?, departement: String?, repeat_caller: Bool?
        var level: Int?, addiction: Bool, hospitalisation: Bool
        var referrals_given: [String], referrals_missing: [String]
        var referrals_missing_reasons: [String: String]
        var alerts: [AlertJSON]
        var emergency: [String: String]?
        var notes: String?
    }

    /// Every time in the JSON carries its UTC offset.
    static func time(_ date: Date?, _ timeZone: TimeZone) -> String {
        date.map { Formatting.isoTimestamp($0, timeZone: timeZone) } ?? ""
    }

    static func write(from source: CallReport.CallSource, scope: CallReport.Scope, to output: any ReportOutput) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let tz = scope.timeZone
        var summary = ShiftSummary.Builder(timeZone: tz)
        var first = true
        var offsets = UTCOffsets(tz)
        var bytes: [UInt8] = []
        try output.write("{\n  \"calls\" : [")
        try source { c in
            summary.add(c)
            bytes.removeAll(keepingCapacity: true)
            bytes.append(contentsOf: (first ? "\n    " : ",\n    ").utf8)
            callBytes(c, scope).write(indent: 4, offsets: &offsets, to: &bytes)
            try output.write(bytes)
            first = false
        }
        try output.write(first ? "\n\n  ],\n" : "\n  ],\n")
        let q = scope.query
        let period = PeriodJSON(from: q.from.map { JSONCallReport.time($0, tz) }, to: q.to.map { JSONCallReport.time($0, tz) },
                                operator: q.operatorName, shift: q.shiftID)
        try output.write("  \"generated_at\" : " + String(decoding: try encoder.encode(JSONCallReport.time(scope.generatedAt, tz)), as: UTF8.self) + ",\n")
        try output.write("  \"period\" : " + indented(try encoder.encode(period), by: "  ", skippingFirst: true) + ",\n")
        try output.write("  \"summary\" : " + indented(try encoder.encode(summaryJSON(summary.summary, tz)), by: "  ", skippingFirst: true) + "\n}\n")
    }

    /// Pretty-printed JSON nested at a depth: every non-empty line shifted right.
    /// Every non-empty line indented (the first one too unless `skippingFirst`), done on the
    /// encoder's bytes: splitting the text into Characters was a third of a JSON report's time.
    /// A newline inside a JSON string is escaped, so every newline byte ends a line.
    static func indented(_ data: Data, by indent: String, skippingFirst: Bool = false) -> String {
        let newline = UInt8(ascii: "\n"), indentBytes = Array(indent.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 4)
        var atLineStart = true, firstLine = true
        for byte in data {
            if atLineStart, byte != newline, !(skippingFirst && firstLine) { out += indentBytes }
            atLineStart = byte == newline
            if atLineStart { firstLine = false }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func summaryJSON(_ s: ShiftSummary, _ tz: TimeZone) -> SummaryJSON {
        func keyed<K>(_ d: [K: Int], _ key: (K) -> String) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: d.map { (key($0.key), $0.value) })
        }
        return SummaryJSON(
            calls: s.callCount, open: s.openCount, total_seconds: Int(s.totalDuration.rounded()),
            mean_seconds: s.meanDuration.map { Int($0.rounded()) }, median_seconds: s.medianDuration.map { Int($0.rounded()) },
            longest_seconds: s.longestDuration.map { Int($0.rounded()) }, over_25_minutes: s.overReferenceCount,
            levels: keyed(s.levels) { "\($0.rawValue)" }, levels_with_addiction: keyed(s.levelsWithAddiction) { "\($0.rawValue)" },
            callers: s.callers, statuses: s.statuses, referrals_given: keyed(s.referralsGiven, \.rawValue),
            calls_by_hour: keyed(s.callsByHour) { String(format: "%02d", $0) },
            protocol_adherence: s.adherence.map { ($0 * 1000).rounded() / 1000 },
            risky_calls_incomplete: s.riskyCalls.filter { !$0.isComplete }.map(\.id),
            alerts: AlertsJSON(raised: s.alertCount, taken: s.alertsTaken, mean_seconds_to_take: s.meanTimeToTake.map { Int($0.rounded()) },
                               longest_seconds_to_take: s.longestTimeToTake.map { Int($0.rounded()) }),
            unfinished: s.unfinished.map {
                UnfinishedJSON(id: $0.id, operator: $0.operatorName, picked_up_at: JSONCallReport.time($0.pickedUpAt, tz),
                               last_change_at: JSONCallReport.time($0.updatedAt, tz))
            })
    }

    /// A call as `call(_:_:)` encodes it, written as bytes (members in sorted order).
    static func callBytes(_ c: CallDraft, _ scope: CallReport.Scope) -> JSONBytes {
        var m: [(String, JSONBytes)] = [("addiction", .bool(c.addiction))]
        m.append(("alerts", .array(c.alerts.map { a in
            var alert: [(String, JSONBytes)] = [("raised_at", .time(a.raisedAt)), ("reason", .string(a.reason.rawValue))]
            if let at = a.takenAt { alert.append(("taken_at", .time(at))) }
            if let by = a.takenBy { alert.append(("taken_by", .string(by))) }
            return .object(alert)
        })))
        let caller = CallReport.caller(c.profile)
        if !caller.isEmpty { m.append(("caller", .string(caller))) }
        if let d = c.profile.departement { m.append(("departement", .string(d))) }
        if let d = CallReport.duration(c) { m.append(("duration_seconds", .int(d))) }
        if let e = c.emergency {
            m.append(("emergency", .sortedMembers([("opened_at", .time(e.openedAt))] + e.steps.map { ($0.key.rawValue, .time($0.value)) })))
        }
        if let end = c.endedAt { m.append(("ended_at", .time(end))) }
        m.append(("hospitalisation", .bool(c.hospitalisation)))
        m.append(("id", .string(c.id)))
        if let level = c.level { m.append(("level", .int(level.rawValue))) }
        if scope.withNotes { m.append(("notes", .string(c.notes))) }
        m.append(("operator", .string(c.operatorName)))
        m.append(("picked_up_at", .time(c.pickedUpAt)))
        m.append(("referrals_given", .array(CallReport.given(c).map { .string($0.rawValue) })))
        m.append(("referrals_missing", .array(c.missingReferralKinds.map { .string($0.rawValue) })))
        m.append(("referrals_missing_reasons", .sortedMembers(c.referralGaps.map { kind, gap in
            (kind.rawValue, .string(gap.reason.rawValue + (scope.withNotes && !gap.note.isEmpty ? ": \(gap.note)" : "")))
        })))
        if let r = c.profile.isRepeatCaller { m.append(("repeat_caller", .bool(r))) }
        if let sector = c.profile.sector { m.append(("sector", .string(sector.rawValue))) }
        m.append(("state", .string(CallReport.state(c))))
        if let status = c.profile.status { m.append(("status", .string(status.rawValue))) }
        return .object(m)
    }

    static func call(_ c: CallDraft, _ scope: CallReport.Scope) -> CallJSON {
        let tz = scope.timeZone
        var emergency: [String: String]?
        if let e = c.emergency {
            var steps = ["opened_at": JSONCallReport.time(e.openedAt, tz)]
            for (step, at) in e.steps { steps[step.rawValue] = JSONCallReport.time(at, tz) }
            emergency = steps
        }
        let caller = CallReport.caller(c.profile)
        return CallJSON(
            id: c.id, operator: c.operatorName, picked_up_at: JSONCallReport.time(c.pickedUpAt, tz),
            ended_at: c.endedAt.map { JSONCallReport.time($0, tz) }, duration_seconds: CallReport.duration(c),
            state: CallReport.state(c), caller: caller.isEmpty ? nil : caller,
            status: c.profile.status?.rawValue, sector: c.profile.sector?.rawValue, departement: c.profile.departement,
            repeat_caller: c.profile.isRepeatCaller, level: c.level?.rawValue, addiction: c.addiction,
            hospitalisation: c.hospitalisation, referrals_given: CallReport.given(c).map(\.rawValue),
            referrals_missing: c.missingReferralKinds.map(\.rawValue),
            referrals_missing_reasons: Dictionary(uniqueKeysWithValues: c.referralGaps.map { kind, gap in
                (kind.rawValue, gap.reason.rawValue + (scope.withNotes && !gap.note.isEmpty ? ": \(gap.note)" : ""))
            }),
            alerts: c.alerts.map {
                AlertJSON(raised_at: JSONCallReport.time($0.raisedAt, tz), reason: $0.reason.rawValue, taken_by: $0.takenBy,
                          taken_at: $0.takenAt.map { JSONCallReport.time($0, tz) })
            },
            emergency: emergency,
            notes: scope.withNotes ? c.notes : nil)
    }
}
