import EcouteCore
import Foundation

/// One CSV row per call: UTF-8 with a byte-order mark (so spreadsheets read the accents), CRLF
/// line ends, ISO-like local times, whole seconds, yes/no flags, kinds separated by ';'.
enum CSVCallReport {
    static let columns = [
        "call_id", "operator", "picked_up_at", "ended_at", "duration_seconds", "state", "caller", "status", "sector",
        "departement", "repeat_caller", "level", "addiction", "hospitalisation", "referrals_given", "referrals_missing",
        "emergency_opened_at", "emergency_services_called_at", "supervisor_called_at", "caller_kept_on_line_at",
        "referrals_missing_reasons", "alert_raised_at", "alert_taken_by", "alert_taken_at", "follow_up",
    ]

    static func write(from source: CallReport.CallSource, scope: CallReport.Scope, to output: any ReportOutput) throws {
        // The header goes out with the first call, or once the source is read to its end: a report
        // the store refuses (another operator's calls) writes nothing at all.
        let header = "\u{FEFF}" + CSV.formatForSpreadsheet(columns + (scope.withNotes ? ["notes"] : [])) + "\r\n"
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
        // kind:reason for each required kind not given; an « other » reason's words only with the notes.
        row.field(c.referralGaps.sorted { $0.key.rawValue < $1.key.rawValue }.map { kind, gap in
            "\(kind.rawValue):\(gap.reason.rawValue)" + (scope.withNotes && !gap.note.isEmpty ? " (\(gap.note))" : "")
        }.joined(separator: ";"))
        let alert = c.alerts.first
        row.time(alert?.raisedAt, &offsets)
        row.field(alert?.takenBy)
        row.time(alert?.takenAt, &offsets)
        row.field(c.followUp)
        if scope.withNotes { row.field(c.notes) }
    }
}
