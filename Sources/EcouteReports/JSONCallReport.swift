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
    struct AlertsJSON: Encodable {
        var raised: Int, taken: Int, mean_seconds_to_take: Int?, longest_seconds_to_take: Int?
        /// Counted apart from the rest: the psychologist said so, with a reason.
        var raised_by_mistake: Int
    }
    struct AlertJSON: Encodable { var raised_at: String, raised_by_mistake: Bool, reason: String, taken_by: String?, taken_at: String? }
    struct UnfinishedJSON: Encodable { var id: String, `operator`: String, picked_up_at: String, last_change_at: String }
    struct CallJSON: Encodable {
        var id: String, `operator`: String, picked_up_at: String, ended_at: String?, duration_seconds: Int?, state: String
        var caller: String?, status: String?, sector: String?, departement: String?, repeat_caller: Bool?
        var level: Int?, addiction: Bool, hospitalisation: Bool
        var referrals_given: [String], referrals_missing: [String]
        var referrals_missing_reasons: [String: String]
        var alerts: [AlertJSON]
        var assessment: AssessmentJSON.Value?
        var emergency: [String: String]?
        var notes: String?
        /// Each protocol step not done: its reason (words only with the notes), or "explained", "unexplained".
        var protocol_steps_not_done: [String: String]?
        var motifs: [String]
        var line: String
        var line_category: String?
    }
    /// Who had a call, until when (its console's last heartbeat), and who took it over.
    struct TakeoverJSON: Encodable {
        var call_id: String, at: String, by_operator: String, by_host: String, by_pid: Int32
        var from_operator: String?, from_host: String?, from_pid: Int32?, held_until: String?
    }
    struct HandoverJSON: Encodable {
        var call_id: String, at: String, by: String
        /// nil: to the supervisors.
        var to: String?
        enum CodingKeys: String, CodingKey { case call_id, at, by, to }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(call_id, forKey: .call_id)
            try c.encode(at, forKey: .at)
            try c.encode(by, forKey: .by)
            try c.encode(to, forKey: .to)   // null, not absent: « to the supervisors »
        }
    }
    struct CorrectionJSON: Encodable {
        var call_id: String, at: String, by: String, field: String, old_value: String?, new_value: String?, reason: String
    }

    /// Every time in the JSON carries its UTC offset.
    static func time(_ date: Date?, _ timeZone: TimeZone) -> String {
        date.map { Formatting.isoTimestamp($0, timeZone: timeZone) } ?? ""
    }

    static func write(from source: CallReport.CallSource, scope: CallReport.Scope, to output: any ReportOutput) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let tz = scope.timeZone
        // The JSON names only the incomplete level 4–5 calls: the others are not kept.
        var summary = ShiftSummary.Builder(timeZone: tz, keepingCompleteRiskyCalls: false)
        var first = true
        var offsets = UTCOffsets(tz)
        var writer = JSONWriter(indent: 4)
        // The opening goes out with the first call, or once the source is read to its end: a
        // report the store refuses writes nothing at all.
        let opening = "{\n  \"calls\" : ["
        try source { c in
            if first { try output.write(opening) }
            summary.add(c)
            writer.reset()
            first ? writer.raw("\n    ") : writer.raw(",\n    ")
            append(c, scope, &offsets, to: &writer)
            try writer.withBytes { try output.write($0) }
            first = false
        }
        try output.write(first ? opening + "\n\n  ],\n" : "\n  ],\n")
        let corrections = scope.corrections.map { e in
            CorrectionJSON(call_id: e.callID, at: JSONCallReport.time(e.at, tz), by: e.by, field: e.field,
                           old_value: CallReport.correctionValue(e, e.oldValue, scope), new_value: CallReport.correctionValue(e, e.newValue, scope),
                           reason: e.reason)
        }
        try output.write("  \"corrections\" : " + indented(try encoder.encode(corrections), by: "  ", skippingFirst: true) + ",\n")
        let q = scope.query
        let period = PeriodJSON(from: q.from.map { JSONCallReport.time($0, tz) }, to: q.to.map { JSONCallReport.time($0, tz) },
                                operator: q.operatorName, shift: q.shiftID)
        try output.write("  \"generated_at\" : " + String(decoding: try encoder.encode(JSONCallReport.time(scope.generatedAt, tz)), as: UTF8.self) + ",\n")
        let handovers = scope.handovers.map { HandoverJSON(call_id: $0.callID, at: JSONCallReport.time($0.at, tz), by: $0.by, to: $0.to) }
        try output.write("  \"handovers\" : " + indented(try encoder.encode(handovers), by: "  ", skippingFirst: true) + ",\n")
        try output.write("  \"period\" : " + indented(try encoder.encode(period), by: "  ", skippingFirst: true) + ",\n")
        try output.write("  \"summary\" : " + indented(try encoder.encode(summaryJSON(summary.summary, tz)), by: "  ", skippingFirst: true) + ",\n")
        let takeovers = scope.takeovers.map { t in
            TakeoverJSON(call_id: t.callID, at: JSONCallReport.time(t.at, tz), by_operator: t.by.operatorName, by_host: t.by.host, by_pid: t.by.pid,
                         from_operator: t.from?.console.operatorName, from_host: t.from?.console.host, from_pid: t.from?.console.pid,
                         held_until: t.from.map { JSONCallReport.time($0.heartbeatAt, tz) })
        }
        try output.write("  \"takeovers\" : " + indented(try encoder.encode(takeovers), by: "  ", skippingFirst: true) + "\n}\n")
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
            calls: s.callCount, open: s.openCount, total_seconds: WholeSeconds.of(s.totalDuration),
            mean_seconds: CallReport.seconds(s.meanDuration), median_seconds: CallReport.seconds(s.medianDuration),
            longest_seconds: CallReport.seconds(s.longestDuration), over_25_minutes: s.overReferenceCount,
            levels: keyed(s.levels) { "\($0.rawValue)" }, levels_with_addiction: keyed(s.levelsWithAddiction) { "\($0.rawValue)" },
            callers: s.callers, statuses: s.statuses, referrals_given: keyed(s.referralsGiven, \.rawValue),
            calls_by_hour: keyed(s.callsByHour) { Formatting.zeroPadded($0) },
            protocol_adherence: s.adherence.map { ($0 * 1000).rounded() / 1000 },
            risky_calls_incomplete: s.riskyCalls.filter { !$0.isComplete }.map(\.id),
            alerts: AlertsJSON(raised: s.alertCount, taken: s.alertsTaken, mean_seconds_to_take: CallReport.seconds(s.meanTimeToTake),
                               longest_seconds_to_take: CallReport.seconds(s.longestTimeToTake), raised_by_mistake: s.alertsRaisedByMistake),
            unfinished: s.unfinished.map {
                UnfinishedJSON(id: $0.id, operator: $0.operatorName, picked_up_at: JSONCallReport.time($0.pickedUpAt, tz),
                               last_change_at: JSONCallReport.time($0.updatedAt, tz))
            })
    }

    /// A call as `call(_:_:)` encodes it, written as bytes: members in sorted key order, absent
    /// optionals left out.
    static func append(_ c: CallDraft, _ scope: CallReport.Scope, _ offsets: inout UTCOffsets, to w: inout JSONWriter) {
        w.beginObject()
        w.key("addiction"); w.bool(c.addiction)
        w.key("alerts"); w.beginArray()
        for a in c.alerts {
            w.element(); w.beginObject()
            w.key("raised_at"); w.time(a.raisedAt, &offsets)
            w.key("raised_by_mistake"); w.bool(a.raisedByMistake != nil)
            w.key("reason"); w.string(a.reason.rawValue)
            if let at = a.takenAt { w.key("taken_at"); w.time(at, &offsets) }
            if let by = a.takenBy { w.key("taken_by"); w.string(by) }
            w.endObject()
        }
        w.endArray()
        if let a = c.assessment { w.key("assessment"); AssessmentJSON.append(a, withNotes: scope.withNotes, to: &w) }
        let caller = CallReport.caller(c.profile)
        if !caller.isEmpty { w.key("caller"); w.string(caller) }
        if let d = c.profile.departement { w.key("departement"); w.string(d) }
        if let d = CallReport.duration(c) { w.key("duration_seconds"); w.int(d) }
        if let e = c.emergency {
            w.key("emergency"); w.beginObject()
            let times = ([("opened_at", e.openedAt)] + e.steps.map { ($0.key.rawValue, $0.value) }).sorted { $0.0 < $1.0 }
            for (name, at) in times { w.key(name); w.time(at, &offsets) }
            w.endObject()
        }
        if let end = c.endedAt { w.key("ended_at"); w.time(end, &offsets) }
        w.key("hospitalisation"); w.bool(c.hospitalisation)
        w.key("id"); w.string(c.id)
        if let level = c.level { w.key("level"); w.int(level.rawValue) }
        w.key("line"); w.string(c.lineID)
        if let category = c.profile.lineCategory { w.key("line_category"); w.string(category) }
        w.key("motifs"); w.beginArray()
        for m in c.motifs ?? [] { w.element(); w.string(m.rawValue) }
        w.endArray()
        if scope.withNotes { w.key("notes"); w.string(c.notes) }
        w.key("operator"); w.string(c.operatorName)
        w.key("picked_up_at"); w.time(c.pickedUpAt, &offsets)
        let notDone = Labels.stepsNotDone(c.emergency, withNotes: scope.withNotes)
        if !notDone.isEmpty {
            w.key("protocol_steps_not_done"); w.beginObject()
            for (step, text) in notDone.sorted(by: { $0.step.rawValue < $1.step.rawValue }) { w.key(step.rawValue); w.string(text) }
            w.endObject()
        }
        w.key("referrals_given"); w.beginArray()
        for kind in CallReport.given(c) { w.element(); w.string(kind.rawValue) }
        w.endArray()
        w.key("referrals_missing"); w.beginArray()
        for kind in c.missingReferralKinds { w.element(); w.string(kind.rawValue) }
        w.endArray()
        w.key("referrals_missing_reasons"); w.beginObject()
        for (kind, gap) in c.referralGaps.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            w.key(kind.rawValue)
            w.string(gap.reason.rawValue + (scope.withNotes && !gap.note.isEmpty ? ": \(gap.note)" : ""))
        }
        w.endObject()
        if let r = c.profile.isRepeatCaller { w.key("repeat_caller"); w.bool(r) }
        if let sector = c.profile.sector { w.key("sector"); w.string(sector.rawValue) }
        w.key("state"); w.string(CallReport.state(c))
        if let status = c.profile.status { w.key("status"); w.string(status.rawValue) }
        w.endObject()
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
                AlertJSON(raised_at: JSONCallReport.time($0.raisedAt, tz), raised_by_mistake: $0.raisedByMistake != nil,
                          reason: $0.reason.rawValue, taken_by: $0.takenBy,
                          taken_at: $0.takenAt.map { JSONCallReport.time($0, tz) })
            },
            assessment: c.assessment.map { AssessmentJSON.Value($0, withNotes: scope.withNotes) },
            emergency: emergency,
            notes: scope.withNotes ? c.notes : nil,
            protocol_steps_not_done: {
                let notDone = Labels.stepsNotDone(c.emergency, withNotes: scope.withNotes)
                return notDone.isEmpty ? nil : Dictionary(uniqueKeysWithValues: notDone.map { ($0.step.rawValue, $0.text) })
            }(),
            motifs: (c.motifs ?? []).map(\.rawValue), line: c.lineID, line_category: c.profile.lineCategory)
    }
}
