import EcouteCore
import Foundation

/// `ecoute report activity --by line`: saved calls per line, by level, with the level 4–5 calls.
/// With `maskSmall`, each column is masked as `RiskActivityReport.masked` does (a count under
/// `ActivityReport.smallCell` is « <5 », and a lone masked cell takes the next smallest with it).
public enum LineActivityReport {
    public static func write(_ format: ActivityReport.Format, from source: CallReport.CallSource, _ o: ActivityReport.Options,
                             lines: [CallLine], to output: any ReportOutput) throws {
        let figures = try LineActivity.gather(from: source, from: o.from, to: o.to)
        try output.write(render(format, figures, o, lines: lines))
    }

    public static func render(_ format: ActivityReport.Format, _ f: LineActivity, _ o: ActivityReport.Options, lines: [CallLine]) -> String {
        let s = o.strings
        let ids = f.order(lines.map(\.id))
        let rows = ids.map { f.lines[$0] ?? LineActivity.Figures() }
        let levels = ClassificationLevel.allCases
        let calls = RiskActivityReport.masked(rows.map(\.calls), o.maskSmall)
        let byLevel = levels.map { level in RiskActivityReport.masked(rows.map { $0.levels[level] ?? 0 }, o.maskSmall) }
        let risky = RiskActivityReport.masked(rows.map(\.levelFourOrFive), o.maskSmall)
        func text(_ n: Int?) -> String { RiskActivityReport.text(n) }
        switch format {
        case .csv:
            var out = "line,calls," + levels.map { "level_\($0.rawValue)" }.joined(separator: ",") + ",level_4_or_5\n"
            for (i, id) in ids.enumerated() {
                out += "\(id),\(text(calls[i]))," + levels.indices.map { text(byLevel[$0][i]) }.joined(separator: ",") + ",\(text(risky[i]))\n"
            }
            return out
        case .json:
            func value(_ n: Int?) -> String { n.map(String.init) ?? "\"<\(ActivityReport.smallCell)\"" }
            let entries = ids.enumerated().map { i, id in
                "    \"\(id)\": {\"calls\": \(value(calls[i])), \"levels\": {"
                    + levels.indices.map { "\"\(levels[$0].rawValue)\": \(value(byLevel[$0][i]))" }.joined(separator: ", ")
                    + "}, \"level_4_or_5\": \(value(risky[i]))}"
            }
            return """
                {
                  "by": "line",
                  "calls": \(f.calls),
                  "from": "\(ISO8601DateFormatter().string(from: o.from))",
                  "lines": {
                \(entries.joined(separator: ",\n"))
                  },
                  "to": "\(ISO8601DateFormatter().string(from: o.to))"
                }

                """
        case .md:
            var out = "# \(s["activity.line.title"])\n\n"
            out += s.format("activity.motif.period", Formatting.timestamp(o.from, timeZone: o.timeZone), Formatting.timestamp(o.to, timeZone: o.timeZone)) + "  \n"
            out += s.format("activity.total", "\(f.calls)") + "\n\n"
            out += "| \(s["field.line"]) | \(s["activity.line.calls"]) | " + levels.map { "\($0.rawValue)" }.joined(separator: " | ")
                + " | \(s["activity.line.risky"]) |\n|---|---|" + String(repeating: "---|", count: levels.count) + "---|\n"
            for (i, id) in ids.enumerated() {
                let name = lines.first { $0.id == id }?.name(s.language) ?? id
                out += "| \(name) | \(text(calls[i])) | " + levels.indices.map { text(byLevel[$0][i]) }.joined(separator: " | ") + " | \(text(risky[i])) |\n"
            }
            if o.maskSmall { out += "\n" + s.format("activity.masked", "\(ActivityReport.smallCell)") + "\n" }
            return out
        }
    }
}
