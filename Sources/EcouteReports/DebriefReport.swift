import EcouteCore
import Foundation

/// A training debrief as Markdown, written to a file with `w` in training mode.
public enum DebriefReport {
    public static func markdown(_ d: Debrief, operatorName: String, timeZone: TimeZone, strings s: Strings) -> String {
        let score = d.score
        var out = "# " + s.format("debrief.title", d.scenario.title) + "\n\n"
        out += "- " + s.format("debrief.md.scenario", d.scenario.name) + "\n"
        out += "- " + s.format("debrief.md.trainee", operatorName) + "\n"
        out += "- " + s.format("debrief.summary", "\(score.matched)", "\(score.total)", Formatting.duration(d.callDuration)) + "\n\n"
        out += "| | \(s["debrief.column.field"]) | \(s["debrief.column.entered"]) | \(s["debrief.column.expected"]) |\n|---|---|---|---|\n"
        for item in d.items {
            out += "| \(item.matches ? "✓" : "✗") | \(s["debrief.field.\(item.field.rawValue)"]) | \(Labels.debriefValue(item.field, item.entered, s, lines: d.lines)) | \(Labels.debriefValue(item.field, item.expected, s, lines: d.lines)) |\n"
        }
        if let timing = Labels.protocolTiming(d, s) { out += "\n" + timing + "\n" }
        out += "\n## " + s["debrief.md.referrals"] + "\n\n"
        for (line, _) in Labels.debriefReferralLines(d, s) { out += "- \(line)\n" }
        out += "\n## " + s["debrief.notes"] + "\n\n"
        for note in d.scenario.teachingNotes { out += "- \(note)\n" }
        out += "\n## " + s["debrief.md.transcript"] + "\n\n"
        for line in d.scenario.lines { out += "- \(Formatting.duration(line.at)) — \(line.text)\n" }
        return out
    }
}
