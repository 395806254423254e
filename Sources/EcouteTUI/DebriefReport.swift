import EcouteCore
import Foundation

/// The debrief as text: values in the UI language, and the Markdown written to a file.
public enum DebriefReport {
    static func value(_ field: Debrief.Field, _ raw: String?, _ s: Strings) -> String {
        guard let raw else { return s["debrief.none"] }
        switch field {
        case .category: return s["category.\(raw)"]
        case .profession: return s["profession.\(raw)"]
        case .status: return s["status.\(raw)"]
        case .level: return ClassificationLevel(rawValue: Int(raw) ?? -1).map { "\($0.rawValue) " + s[$0.stringKey] } ?? raw
        case .addiction, .hospitalisation: return raw == "yes" ? s["yes"] : s["no"]
        case .departement, .emergencyProtocol: return raw
        }
    }

    static func kinds(_ kinds: [ReferralKind], _ s: Strings) -> String {
        kinds.isEmpty ? s["debrief.none"] : kinds.map { s["kind.\($0.rawValue)"] }.joined(separator: ", ")
    }

    /// Referrals given as expected, missed, and beyond what was expected (the last is not a fault).
    static func referralLines(_ d: Debrief, _ s: Strings) -> [(String, Bool)] {
        var lines = [(s.format("debrief.referrals.matched", kinds(d.referralsMatched, s)), true)]
        if !d.referralsMissed.isEmpty { lines.append((s.format("debrief.referrals.missed", kinds(d.referralsMissed, s)), false)) }
        if !d.referralsExtra.isEmpty { lines.append((s.format("debrief.referrals.extra", kinds(d.referralsExtra, s)), true)) }
        return lines
    }

    public static func markdown(_ d: Debrief, operatorName: String, timeZone: TimeZone, strings s: Strings) -> String {
        let score = d.score
        var out = "# " + s.format("debrief.title", d.scenario.title) + "\n\n"
        out += "- " + s.format("debrief.md.scenario", d.scenario.name) + "\n"
        out += "- " + s.format("debrief.md.trainee", operatorName) + "\n"
        out += "- " + s.format("debrief.summary", "\(score.matched)", "\(score.total)", Formatting.duration(d.callDuration)) + "\n\n"
        out += "| | \(s["debrief.column.field"]) | \(s["debrief.column.entered"]) | \(s["debrief.column.expected"]) |\n|---|---|---|---|\n"
        for item in d.items {
            out += "| \(item.matches ? "✓" : "✗") | \(s["debrief.field.\(item.field.rawValue)"]) | \(value(item.field, item.entered, s)) | \(value(item.field, item.expected, s)) |\n"
        }
        out += "\n## " + s["debrief.md.referrals"] + "\n\n"
        for (line, _) in referralLines(d, s) { out += "- \(line)\n" }
        out += "\n## " + s["debrief.notes"] + "\n\n"
        for note in d.scenario.teachingNotes { out += "- \(note)\n" }
        out += "\n## " + s["debrief.md.transcript"] + "\n\n"
        for line in d.scenario.lines { out += "- \(Formatting.duration(line.at)) — \(line.text)\n" }
        return out
    }
}
