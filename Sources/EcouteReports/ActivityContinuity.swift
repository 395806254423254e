import EcouteCore
import Foundation

/// The continuity figures of `ecoute report activity` over its whole time (not per period): calls
/// linked by a caller code — codes given, calls with a code, repeat calls — and the supervisors'
/// callbacks per urgency with their delays. Gathered from the store by the command; counts only,
/// never a code or a number. Masked like the rest with `--mask-small` (1–4 shown « x »; delays
/// only over five callbacks or more).
public struct ActivityContinuity: Equatable, Sendable {
    public var callerCodes: CallerCodeFigures
    public var callbacks: CallbackFigures

    public init(callerCodes: CallerCodeFigures, callbacks: CallbackFigures) {
        self.callerCodes = callerCodes
        self.callbacks = callbacks
    }

    static func count(_ n: Int, masked: Bool) -> String { masked && (1..<ActivityReport.smallCell).contains(n) ? "x" : "\(n)" }

    static func delay(_ seconds: Int?, over n: Int, masked: Bool) -> String {
        guard let seconds else { return "—" }
        return masked && n < ActivityReport.smallCell ? "x" : Formatting.duration(TimeInterval(seconds))
    }

    func markdown(_ s: Strings, masked: Bool) -> String {
        let c = callerCodes
        var out = "\n## \(s["activity.continuity"])\n\n"
        out += "| \(s["activity.codesIssued"]) | \(s["activity.callsWithCode"]) | \(s["activity.repeatCalls"]) |\n|---|---|---|\n"
        out += "| \(Self.count(c.codesIssued, masked: masked)) | \(Self.count(c.callsWithCode, masked: masked)) | \(Self.count(c.repeatCalls, masked: masked)) |\n\n"
        out += "| " + ["callbackReport.urgency", "callbackReport.requests", "callbackReport.calledBack", "callbackReport.abandoned",
                      "callbackReport.expired", "callbackReport.open", "callbackReport.p50", "callbackReport.p90"].map { s[$0] }
            .joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: 8) + "\n"
        func line(_ label: String, _ r: CallbackFigures.Row) -> String {
            "| " + [label, Self.count(r.requests, masked: masked), Self.count(r.calledBack, masked: masked), Self.count(r.abandoned, masked: masked),
                    Self.count(r.expired, masked: masked), Self.count(r.open, masked: masked),
                    Self.delay(r.p50, over: r.delays.count, masked: masked), Self.delay(r.p90, over: r.delays.count, masked: masked)]
                .joined(separator: " | ") + " |\n"
        }
        for urgency in CallbackUrgency.allCases {
            out += line(s["callback.urgency.\(urgency.rawValue)"], callbacks.byUrgency[urgency] ?? CallbackFigures.Row())
        }
        out += line("**" + s["callbackReport.total"] + "**", callbacks.total)
        return out
    }

    struct JSON: Encodable {
        struct Callbacks: Encodable {
            var requests: Int?, called_back: Int?, abandoned: Int?, expired: Int?, open: Int?, p50_seconds: Int?, p90_seconds: Int?
        }
        var codes_issued: Int?, calls_with_code: Int?, repeat_calls: Int?
        var callbacks: [String: Callbacks]
    }

    func json(masked: Bool) -> JSON {
        func count(_ n: Int) -> Int? { masked && (1..<ActivityReport.smallCell).contains(n) ? nil : n }
        func row(_ r: CallbackFigures.Row) -> JSON.Callbacks {
            let delays = !masked || r.delays.count >= ActivityReport.smallCell
            return JSON.Callbacks(requests: count(r.requests), called_back: count(r.calledBack), abandoned: count(r.abandoned),
                                  expired: count(r.expired), open: count(r.open), p50_seconds: delays ? r.p50 : nil, p90_seconds: delays ? r.p90 : nil)
        }
        var by = Dictionary(uniqueKeysWithValues: CallbackUrgency.allCases.map { ($0.rawValue, row(callbacks.byUrgency[$0] ?? CallbackFigures.Row())) })
        by["all"] = row(callbacks.total)
        return JSON(codes_issued: count(callerCodes.codesIssued), calls_with_code: count(callerCodes.callsWithCode),
                    repeat_calls: count(callerCodes.repeatCalls), callbacks: by)
    }
}
