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
        try output.write("\u{FEFF}" + CSV.formatForSpreadsheet(columns + (scope.withNotes ? ["notes"] : [])) + "\r\n")
        // Every field neutralized: a note or a name starting with « = » is text, never a formula.
        try source { c in try output.write(CSV.formatForSpreadsheet(row(c, scope)) + "\r\n") }
    }

    static func row(_ c: CallDraft, _ scope: CallReport.Scope) -> [String] {
        let tz = scope.timeZone
        let steps = c.emergency?.steps ?? [:]
        let profile = c.profile
        let time = { (d: Date?) in CallReport.timestamp(d, tz) }
        let identity: [String] = [c.id, c.operatorName, time(c.pickedUpAt), time(c.endedAt),
                                  CallReport.duration(c).map { String($0) } ?? ""]
        let who: [String] = [CallReport.state(c), CallReport.caller(profile), profile.status?.rawValue ?? "",
                             profile.sector?.rawValue ?? "", profile.departement ?? "",
                             profile.isRepeatCaller.map { $0 ? "yes" : "no" } ?? ""]
        let outcome: [String] = [c.level.map { "\($0.rawValue)" } ?? "", c.addiction ? "yes" : "no", c.hospitalisation ? "yes" : "no",
                                 CallReport.given(c).map(\.rawValue).joined(separator: ";"),
                                 c.missingReferralKinds.map(\.rawValue).joined(separator: ";")]
        let protocolTimes: [String] = [time(c.emergency?.openedAt), time(steps[.emergencyServicesCalled]),
                                       time(steps[.supervisorCalled]), time(steps[.callerKeptOnLine])]
        // kind:reason for each required kind not given; an « other » reason's words only with the notes.
        let reasons = c.referralGaps.sorted { $0.key.rawValue < $1.key.rawValue }.map { kind, gap in
            "\(kind.rawValue):\(gap.reason.rawValue)" + (scope.withNotes && !gap.note.isEmpty ? " (\(gap.note))" : "")
        }.joined(separator: ";")
        let alert = c.alerts.first
        let alertColumns = [time(alert?.raisedAt), alert?.takenBy ?? "", time(alert?.takenAt), c.followUp ?? ""]
        return identity + who + outcome + protocolTimes + [reasons] + alertColumns + (scope.withNotes ? [c.notes] : [])
    }
}
