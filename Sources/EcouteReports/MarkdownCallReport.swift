import EcouteCore
import Foundation

/// The report to print: the summary's sections, then one table row per call. The source is read
/// once: the rows are written aside (`ReportSpool`) while the figures are gathered, and follow them.
enum MarkdownCallReport {
    static func write(from source: CallReport.CallSource, scope: CallReport.Scope, to output: any ReportOutput) throws {
        let s = scope.strings, tz = scope.timeZone
        var builder = ShiftSummary.Builder(timeZone: tz)
        var offsets = UTCOffsets(tz)
        let rows = ReportSpool()
        // The pick-up of each corrected call, to name it in the corrections.
        let corrected = Set(scope.corrections.map(\.callID) + scope.takeovers.map(\.callID) + scope.handovers.map(\.callID))
        var pickedUp: [String: (Date, String)] = [:]
        try source { c in
            builder.add(c)
            if corrected.contains(c.id) { pickedUp[c.id] = (c.pickedUpAt, c.operatorName) }
            guard c.phase == .saved else { return }
            try rows.write(row(c, scope, &offsets))
        }
        let sum = builder.summary
        try output.write(header(scope) + volume(sum, s) + levels(sum, s) + callers(sum, s) + referrals(sum, s)
                         + byHour(sum, s))
        try risky(sum, scope, to: output)
        try output.write(unfinished(sum, scope))
        try output.write(corrections(scope, pickedUp))
        try output.write(handovers(scope, pickedUp))
        try output.write(takeovers(scope, pickedUp))
        try output.write("\n## \(s["report.callList"])\n\n| \(s["report.call"]) | \(s["report.duration"]) | \(s["report.caller"]) | \(s["report.level"]) | \(s["report.given"]) |\n|---|---|---|---|---|\n")
        try rows.copy(to: output)
    }

    /// Calls not saved yet, apart from every figure: who holds them and since when.
    static func unfinished(_ sum: ShiftSummary, _ scope: CallReport.Scope) -> String {
        let s = scope.strings, tz = scope.timeZone
        guard !sum.unfinished.isEmpty else { return "" }
        var out = "\n## \(s["report.unfinished"])\n\n\(s["report.unfinishedNote"])\n\n"
        out += "| \(s["report.call"]) | \(s["report.lastChange"]) |\n|---|---|\n"
        for c in sum.unfinished {
            out += "| \(CallReport.timestamp(c.pickedUpAt, tz)) · \(cell(c.operatorName)) | \(CallReport.timestamp(c.updatedAt, tz)) |\n"
        }
        return out
    }

    /// Supervisors' corrections, oldest first: which call, when, by whom, the field, before →
    /// after, and why (a corrected note's words only with the notes).
    static func corrections(_ scope: CallReport.Scope, _ pickedUp: [String: (Date, String)]) -> String {
        let s = scope.strings, tz = scope.timeZone
        guard !scope.corrections.isEmpty else { return "" }
        var out = "\n## \(s["report.corrections"])\n\n| \(s["report.call"]) | \(s["report.correctedAt"]) | \(s["report.correctedBy"]) | \(s["report.field"]) | \(s["report.change"]) | \(s["report.reason"]) |\n|---|---|---|---|---|---|\n"
        for e in scope.corrections {
            let call = pickedUp[e.callID].map { "\(CallReport.timestamp($0.0, tz)) · \(cell($0.1))" } ?? cell(e.callID)
            let withheld = CallReport.correctionValue(e, e.oldValue, scope) == nil && e.oldValue != nil
            let change = withheld ? s["report.withheld"]
                : cell(Labels.auditValue(e.oldValue, s)) + " → " + cell(Labels.auditValue(e.newValue, s))
            out += "| \(call) | \(CallReport.timestamp(e.at, tz)) | \(cell(e.by)) | \(cell(Labels.auditField(e.field, s))) | \(change) | \(cell(e.reason)) |\n"
        }
        return out
    }

    /// Calls handed over at the end of a shift: by whom, to whom, when.
    static func handovers(_ scope: CallReport.Scope, _ pickedUp: [String: (Date, String)]) -> String {
        callEvents(scope.handovers, titled: "report.handovers", scope, pickedUp, call: \.callID) { h, time in
            Labels.handover(h, scope.strings, time: time)
        }
    }

    /// Calls taken over after their console stopped: who had each, until when, who took it over.
    static func takeovers(_ scope: CallReport.Scope, _ pickedUp: [String: (Date, String)]) -> String {
        callEvents(scope.takeovers, titled: "report.takeovers", scope, pickedUp, call: \.callID) { t, time in
            Labels.takeover(t, scope.strings, time: time)
        }
    }

    /// A section of what happened to calls, one row each: the call (its pick-up and operator when
    /// the report has it), and the event in words.
    static func callEvents<Event>(_ events: [Event], titled title: String, _ scope: CallReport.Scope, _ pickedUp: [String: (Date, String)],
                                  call: (Event) -> String, _ words: (Event, (Date) -> String) -> String) -> String {
        let s = scope.strings, tz = scope.timeZone
        guard !events.isEmpty else { return "" }
        var out = "\n## \(s[title])\n\n| \(s["report.call"]) | \(s[title]) |\n|---|---|\n"
        for e in events {
            let id = call(e)
            let callCell = pickedUp[id].map { "\(CallReport.timestamp($0.0, tz)) · \(cell($0.1))" } ?? cell(id)
            out += "| \(callCell) | \(cell(words(e) { CallReport.timestamp($0, tz) })) |\n"
        }
        return out
    }

    static func d(_ t: TimeInterval?) -> String { t.map(Formatting.duration) ?? "—" }

    static func header(_ scope: CallReport.Scope) -> String {
        let s = scope.strings, tz = scope.timeZone, q = scope.query
        var out = "# \(s["report.title"])\n\n"
        var parts: [String] = []
        if let from = q.from { parts.append(s.format("report.from", CallReport.timestamp(from, tz))) }
        if let to = q.to { parts.append(s.format("report.to", CallReport.timestamp(to, tz))) }
        if let name = q.operatorName { parts.append(s.format("report.operator", cell(name))) }
        if let shift = scope.shift {
            let end = shift.endedAt.map { CallReport.timestamp($0, tz) }
                ?? shift.interruptedAt.map { s.format("report.shiftInterrupted", CallReport.timestamp($0, tz)) } ?? s["report.shiftOpen"]
            parts.append(s.format("report.shiftOf", cell(shift.operatorName), CallReport.timestamp(shift.startedAt, tz), end, cell(shift.id)))
        } else if let shift = q.shiftID {
            parts.append(s.format("report.shift", cell(shift)))
        }
        out += (parts.isEmpty ? s["report.allCalls"] : parts.joined(separator: " · ")) + "  \n"
        out += s.format("report.generated", CallReport.timestamp(scope.generatedAt, tz)) + "\n\n"
        return out
    }

    static func volume(_ sum: ShiftSummary, _ s: Strings) -> String {
        var out = "## \(s["report.volume"])\n\n| | |\n|---|---|\n"
        out += "| \(s["report.calls"]) | \(sum.callCount) |\n| \(s["report.open"]) | \(sum.openCount) |\n"
        out += "| \(s["report.total"]) | \(d(sum.totalDuration)) |\n| \(s["report.mean"]) | \(d(sum.meanDuration)) |\n"
        out += "| \(s["report.median"]) | \(d(sum.medianDuration)) |\n| \(s["report.longest"]) | \(d(sum.longestDuration)) |\n"
        out += "| \(s["report.over25"]) | \(sum.overReferenceCount) |\n"
        out += "| \(s["report.alerts"]) | \(alerts(sum, s)) |\n\n"
        return out
    }

    /// Alerts raised and how soon they were taken.
    static func alerts(_ sum: ShiftSummary, _ s: Strings) -> String {
        let mistaken = sum.alertsRaisedByMistake > 0 ? " " + s.format("report.alertsByMistake", "\(sum.alertsRaisedByMistake)") : ""
        guard sum.alertCount > 0 else { return "0" + mistaken }
        return s.format("report.alertsDetail", "\(sum.alertCount)", s.plural("review.count.taken", sum.alertsTaken), d(sum.meanTimeToTake),
                        d(sum.longestTimeToTake)) + mistaken
    }

    static func levels(_ sum: ShiftSummary, _ s: Strings) -> String {
        var out = "## \(s["report.levels"])\n\n"
        out += "\(s["report.addictionShare"]) : \(Labels.percent(sum.addictionShare))\n\n```\n"
        let maxLevel = sum.levels.values.max() ?? 0
        for level in ClassificationLevel.allCases {
            let n = sum.levels[level] ?? 0, a = sum.levelsWithAddiction[level] ?? 0
            out += "\(level.rawValue) \(DisplayWidth.padded(s[level.stringKey], 26)) \(Formatting.rightAligned(n, 3)) \(DisplayWidth.padded(Labels.bar(n, of: maxLevel, width: 30), 30))"
            out += a > 0 ? " " + s.format("report.withAddiction", "\(a)") + "\n" : "\n"
        }
        return out + "```\n\n"
    }

    static func callers(_ sum: ShiftSummary, _ s: Strings) -> String {
        var out = "## \(s["report.callers"])\n\n| \(s["report.caller"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in sum.callers.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(Labels.caller(key, s)) | \(n) |\n"
        }
        out += "\n| \(s["report.status"]) | \(s["report.count"]) |\n|---|---|\n"
        for (key, n) in sum.statuses.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            out += "| \(key == "unknown" ? s["report.unknown"] : s["status.\(key)"]) | \(n) |\n"
        }
        return out
    }

    static func referrals(_ sum: ShiftSummary, _ s: Strings) -> String {
        var out = "\n## \(s["report.referrals"])\n\n| \(s["report.kind"]) | \(s["report.count"]) |\n|---|---|\n"
        for kind in ReferralKind.allCases {
            if let n = sum.referralsGiven[kind] { out += "| \(s["kind.\(kind.rawValue)"]) | \(n) |\n" }
        }
        out += "\n\(s["report.adherence"]) : \(Labels.percent(sum.adherence)) (\(sum.adherentCount)/\(sum.classifiedCount))\n\n"
        return out
    }

    /// The hours that had calls, in the order of the day (0h to 23h).
    static func byHour(_ sum: ShiftSummary, _ s: Strings) -> String {
        var out = "## \(s["report.byHour"])\n\n```\n"
        let maxHour = sum.callsByHour.values.max() ?? 0
        for hour in sum.callsByHour.keys.sorted() {
            let n = sum.callsByHour[hour] ?? 0
            out += Formatting.zeroPadded(hour) + "h " + Formatting.rightAligned(n, 3) + " " + Labels.bar(n, of: maxHour, width: 30) + "\n"
        }
        return out + "```\n\n"
    }

    /// Written row by row: a report over a million calls has a third of a million of them.
    static func risky(_ sum: ShiftSummary, _ scope: CallReport.Scope, to output: any ReportOutput) throws {
        let s = scope.strings, tz = scope.timeZone
        var out = "## \(s["report.risky"])\n\n"
        guard !sum.riskyCalls.isEmpty else { return try output.write(out + s["report.noRisky"] + "\n") }
        out += "| \(s["report.call"]) | \(s["report.level"]) | \(s["report.duration"]) | \(s["report.protocol"]) | \(s["report.assessment"]) | \(s["report.given"]) | \(s["report.missing"]) |\n|---|---|---|---|---|---|---|\n"
        try output.write(out)
        var offsets = UTCOffsets(tz)
        for r in sum.riskyCalls {
            out = ""
            // Steps done with their time, then each step not done with its reason (its words
            // only with the notes).
            let steps = r.protocolSteps.map { done in
                (EmergencyStep.allCases.compactMap { step in
                    done[step].map { "\(s["step.\(step.rawValue)"]) \(Formatting.clock($0, timeZone: tz))" }
                } + EmergencyStep.allCases.compactMap { step in r.stepsNotDone[step].map { (step, $0) } }.map { step, reason in
                    s.format("report.stepNotDone", s["step.\(step.rawValue)"],
                             reason.isEmpty ? s["report.step.unexplained"] : (scope.withNotes ? cell(reason) : s["report.step.explained"]))
                }).joined(separator: " ; ")
            } ?? "—"
            out += "| \(CallReport.timestamp(r.pickedUpAt, &offsets)) · \(cell(r.operatorName)) | \(r.level.rawValue) | \(d(r.duration)) | \(steps.isEmpty ? "—" : steps) "
            // The assessment in words; the « non évaluable » reason's words only with the notes.
            out += "| \(r.assessment.map { cell(Labels.assessment($0, s, withReason: scope.withNotes)) } ?? "—") "
            var flag = Labels.riskFlag(r, s, short: false)
            // An « other » reason's own words are free text: only with the notes, as in CSV and JSON.
            let reasons = r.referralGaps.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { s.format("review.call.gap", s["kind.\($0.key.rawValue)"],
                                scope.withNotes ? Labels.gap($0.value, s) : s["gap.\($0.value.reason.rawValue)"]) }
            if !reasons.isEmpty { flag += " · " + reasons.joined(separator: " ; ") }
            out += "| \(r.given.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")) | \(cell(flag)) |\n"
            try output.write(out)
        }
    }

    static func row(_ c: CallDraft, _ scope: CallReport.Scope, _ offsets: inout UTCOffsets) -> String {
        let s = scope.strings
        let level = c.level.map { "\($0.rawValue)" + (c.addiction ? " + " + s["report.addictionShort"] : "") } ?? "—"
        // A call on another line than the health professionals' says so with its caller (ids: the
        // lines' words are configuration the report does not read).
        let line = c.line.map { " (\(s["field.line"]) \(cell($0))" + (c.profile.lineCategory.map { " : \(cell($0))" } ?? "") + ")" } ?? ""
        var out = "| \(CallReport.timestamp(c.pickedUpAt, &offsets)) · \(cell(c.operatorName)) | \(d(CallReport.duration(c).map(TimeInterval.init))) | \(Labels.caller(c.profile, s))\(line) | \(level) | \(CallReport.given(c).map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")) |\n"
        if scope.withNotes, !c.notes.isEmpty { out += "| | \(s["report.notes"]) : \(cell(c.notes)) | | | |\n" }
        return out
    }

    /// Text safe inside a table cell, rendered as the plain text it is: a `|` would end the cell
    /// (written « / »), a newline the row (a space); HTML (`<`, `>`, `&`) is written as entities;
    /// the characters that make emphasis, code, links and escapes (`\\ ` `` ` `` `*` `_` `~` `[` `]`)
    /// are escaped with a backslash.
    static func cell(_ text: String) -> String {
        // Most cells have none of them: no copy (Foundation's replacing was a tenth of a report).
        guard text.utf8.contains(where: { specialBytes[Int($0)] }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for ch in text.unicodeScalars {
            defer { previousWasCR = ch == "\r" }
            switch ch {
            case "|": out += "/"
            case "\r": out += " "
            case "\n": if !previousWasCR { out += " " }
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "~", "[", "]": out += "\\"; out.unicodeScalars.append(ch)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The bytes `cell` changes, as a table by byte.
    static let specialBytes: [Bool] = (0..<256).map { Array("|\r\n<>&\\`*_~[]".utf8).contains(UInt8($0)) }
}
