import EcouteCore
import Foundation

/// `ecoute report callbacks`: the callback queue over a period, per urgency — requests, outcomes,
/// and the delay from request to « rappelé » (p50, p90). Never a number: the requests it reads
/// carry none.
public enum CallbackReport {
    public enum Format: String, CaseIterable, Sendable { case md, json }

    public static func render(_ format: Format, _ f: CallbackFigures, from: Date, to: Date, timeZone: TimeZone, strings s: Strings) -> String {
        switch format {
        case .md: return markdown(f, from: from, to: to, timeZone: timeZone, s)
        case .json: return json(f, from: from, to: to)
        }
    }

    static func duration(_ seconds: Int?) -> String { seconds.map { Formatting.duration(TimeInterval($0)) } ?? "—" }

    static func markdown(_ f: CallbackFigures, from: Date, to: Date, timeZone: TimeZone, _ s: Strings) -> String {
        var out = "# " + s.format("callbackReport.title", Formatting.timestamp(from, timeZone: timeZone), Formatting.timestamp(to, timeZone: timeZone)) + "\n\n"
        out += "| " + ["callbackReport.urgency", "callbackReport.requests", "callbackReport.calledBack", "callbackReport.abandoned",
                      "callbackReport.expired", "callbackReport.open", "callbackReport.failedAttempts", "callbackReport.p50",
                      "callbackReport.p90"].map { s[$0] }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: 9) + "\n"
        func line(_ label: String, _ r: CallbackFigures.Row) -> String {
            "| " + [label, "\(r.requests)", "\(r.calledBack)", "\(r.abandoned)", "\(r.expired)", "\(r.open)", "\(r.withFailedAttempts)",
                    duration(r.p50), duration(r.p90)].joined(separator: " | ") + " |\n"
        }
        for urgency in CallbackUrgency.allCases {
            out += line(s["callback.urgency.\(urgency.rawValue)"], f.byUrgency[urgency] ?? CallbackFigures.Row())
        }
        out += line("**" + s["callbackReport.total"] + "**", f.total)
        out += "\n" + s["callbackReport.note"] + "\n"
        return out
    }

    static func json(_ f: CallbackFigures, from: Date, to: Date) -> String {
        func row(_ r: CallbackFigures.Row) -> String {
            let fields: [(String, String)] = [
                ("abandoned", "\(r.abandoned)"), ("called_back", "\(r.calledBack)"), ("expired", "\(r.expired)"),
                ("open", "\(r.open)"), ("p50_seconds", r.p50.map(String.init) ?? "null"), ("p90_seconds", r.p90.map(String.init) ?? "null"),
                ("requests", "\(r.requests)"), ("with_failed_attempts", "\(r.withFailedAttempts)"),
            ]
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        let iso = ISO8601DateFormatter()
        let urgencies = CallbackUrgency.allCases.map { "\"\($0.rawValue)\":" + row(f.byUrgency[$0] ?? CallbackFigures.Row()) }.joined(separator: ",")
        return "{\"by_urgency\":{\(urgencies)},\"from\":\"\(iso.string(from: from))\",\"to\":\"\(iso.string(from: to))\",\"total\":\(row(f.total))}\n"
    }
}
