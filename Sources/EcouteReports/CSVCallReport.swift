import EcouteCore
import Foundation

/// One CSV row per call: UTF-8 with a byte-order mark (so spreadsheets read the accents), CRLF
/// line ends, ISO-like local times, whole seconds, yes/no flags, kinds separated by ';'.
enum CSVCallReport {
    static let columns = [
        "call_id", "operator", "picked_up_at", "ended_at", "duration_seconds", "state", "caller", "status", "sector",
        "departement", "repeat_caller", "level", "addiction", "hospitalisation", "referrals_given", "referrals_missing",
        "emergency_opened_at", "emergency_services_called_at", "supervisor_called_at", "caller_kept_on_line_at",
        "protocol_steps_not_done", "referrals_missing_reasons", "alert_raised_at", "alert_taken_by", "alert_taken_at",
        "alert_raised_by_mistake", "motifs", "urgence", "dangerosite", "means_at_hand", "not_assessable", "suggested_level",
        "line", "line_category",
    ]
    /// Free text, written only with `--with-notes` (the follow-up is free text like the notes).
    static let freeTextColumns = ["follow_up", "notes"]

    static func write(from source: CallReport.CallSource, scope: CallReport.Scope, to output: any ReportOutput) throws {
        // The header goes out with the first call, or once the source is read to its end: a report
        // the store refuses (another operator's calls) writes nothing at all.
        let header = "\u{FEFF}" + CSV.formatForSpreadsheet(columns + (scope.withNotes ? freeTextColumns : [])) + "\r\n"
        var headerWritten = false
        // Every field neutralized: a note or a name starting with « = » is text, never a formula.
        var row = CSVRow()
        var offsets = UTCOffsets(scope.timeZone)
        try source { c in
            if !headerWritten { try output.write(header); headerWritten = true }
            row.reset()
            append(c, scope, &offsets, to: &row)
            row.end()
            try output.write(row.bytes)
        }
        if !headerWritten { try output.write(header) }
    }

    /// The fields of one call, in the order of `columns`.
    static func append(_ c: CallDraft, _ scope: CallReport.Scope, _ offsets: inout UTCOffsets, to row: inout CSVRow) {
        let steps = c.emergency?.steps ?? [:]
        let profile = c.profile
        row.field(c.id)
        row.field(c.operatorName)
        row.time(c.pickedUpAt, &offsets)
        row.time(c.endedAt, &offsets)
        row.number(CallReport.duration(c))
        row.field(CallReport.state(c))
        row.field(CallReport.caller(profile))
        row.field(profile.status?.rawValue)
        row.field(profile.sector?.rawValue)
        row.field(profile.departement)
        row.flag(profile.isRepeatCaller)
        row.number(c.level?.rawValue)
        row.flag(c.addiction)
        row.flag(c.hospitalisation)
        row.list(c.referrals.lazy.filter { $0.status == .given }.map(\.kind.rawValue))
        row.list(c.missingReferralKinds.lazy.map(\.rawValue))
        row.time(c.emergency?.openedAt, &offsets)
        row.time(steps[.emergencyServicesCalled], &offsets)
        row.time(steps[.supervisorCalled], &offsets)
        row.time(steps[.callerKeptOnLine], &offsets)
        // step:reason for each step not done (the reason's words only with the notes).
        row.field(Labels.stepsNotDone(c.emergency, withNotes: scope.withNotes).map { "\($0.step.rawValue):\($0.text)" }.joined(separator: ";"))
        // kind:reason for each required kind not given; an « other » reason's words only with the notes.
        row.field(c.referralGaps.sorted { $0.key.rawValue < $1.key.rawValue }.map { kind, gap in
            "\(kind.rawValue):\(gap.reason.rawValue)" + (scope.withNotes && !gap.note.isEmpty ? " (\(gap.note))" : "")
        }.joined(separator: ";"))
        let alert = c.alerts.first
        row.time(alert?.raisedAt, &offsets)
        row.field(alert?.takenBy)
        row.time(alert?.takenAt, &offsets)
        row.flag(alert.map { $0.raisedByMistake != nil })
        // Motifs main first; the assessment (its « non évaluable » words only in JSON with the notes).
        row.list((c.motifs ?? []).lazy.map(\.rawValue))
        let a = c.assessment
        row.field(a?.urgence?.rawValue)
        row.field(a?.dangerosite?.rawValue)
        row.flag(a.map(\.meansAtHand))
        row.flag(a.map(\.isNotAssessable))
        row.number(a.flatMap { ($0.recordedSuggestion ?? $0.suggestion).level?.rawValue })
        row.field(c.lineID)
        row.field(c.profile.lineCategory)
        if scope.withNotes {
            row.field(c.followUp)
            row.field(c.notes)
        }
    }
}

/// Supervisors' corrections of a report's calls as CSV, beside the calls' file: one row per
/// correction, oldest first, a corrected note's words only with the notes.
enum CSVCorrectionsReport {
    static let columns = ["call_id", "corrected_at", "corrected_by", "field", "old_value", "new_value", "reason"]

    static func write(_ scope: CallReport.Scope, to output: any ReportOutput) throws {
        try output.write("\u{FEFF}" + CSV.formatForSpreadsheet(columns) + "\r\n")
        var row = CSVRow()
        var offsets = UTCOffsets(scope.timeZone)
        for e in scope.corrections {
            row.reset()
            row.field(e.callID)
            row.time(e.at, &offsets)
            row.field(e.by)
            row.field(e.field)
            row.field(CallReport.correctionValue(e, e.oldValue, scope))
            row.field(CallReport.correctionValue(e, e.newValue, scope))
            row.field(e.reason)
            row.end()
            try output.write(row.bytes)
        }
    }
}

extension CallReport {
    /// The corrections of a CSV report, as their own CSV file.
    public static func writeCorrectionsCSV(_ scope: Scope, to output: any ReportOutput) throws {
        try CSVCorrectionsReport.write(scope, to: output)
    }
}
