import EcouteCore
import Foundation

/// `ecoute report activity --by motif`: calls per motif (among a call's motifs, and as its main
/// one), the urgence of assessed calls, and the share of calls whose chosen level differs from the
/// suggested one. With `maskSmall`, a count under `ActivityReport.smallCell` is « <5 », and when a
/// column has one masked cell only, its next smallest is masked too (so no total gives it back).
public enum RiskActivityReport {
    public static func write(_ format: ActivityReport.Format, from source: CallReport.CallSource, _ o: ActivityReport.Options,
                             to output: any ReportOutput) throws {
        let figures = try RiskActivity.gather(from: source, from: o.from, to: o.to)
        try output.write(render(format, figures, o))
    }

    /// The cells of one column, masked as said above: nil is shown « <5 ».
    static func masked(_ counts: [Int], _ maskSmall: Bool) -> [Int?] {
        guard maskSmall else { return counts }
        var out: [Int?] = counts.map { $0 > 0 && $0 < ActivityReport.smallCell ? nil : $0 }
        if out.filter({ $0 == nil }).count == 1,
           let next = out.indices.filter({ out[$0] != nil && out[$0]! > 0 }).min(by: { out[$0]! < out[$1]! }) {
            out[next] = nil
        }
        return out
    }

    static func text(_ n: Int?) -> String { n.map(String.init) ?? "<\(ActivityReport.smallCell)" }

    public static func render(_ format: ActivityReport.Format, _ f: RiskActivity, _ o: ActivityReport.Options) -> String {
        let s = o.strings
        let motifs = CallMotif.allCases
        let any = masked(motifs.map { f.withMotif[$0] ?? 0 }, o.maskSmall)
        let main = masked(motifs.map { f.mainMotif[$0] ?? 0 } + [f.withoutMotif], o.maskSmall)
        let degrees = RUDDegree.allCases
        let urgence = masked(degrees.map { f.urgence[$0] ?? 0 } + [f.notAssessable], o.maskSmall)
        let differs = Labels.percent(f.differingShare)
        let differsShown = o.maskSmall && f.suggestedAndChosen < ActivityReport.smallCell ? "—" : differs
        switch format {
        case .csv:
            var out = "section,key,calls,as_main\n"
            for (i, m) in motifs.enumerated() { out += "motif,\(m.rawValue),\(text(any[i])),\(text(main[i]))\n" }
            out += "motif,none,,\(text(main[motifs.count]))\n"
            for (i, d) in degrees.enumerated() { out += "urgence,\(d.rawValue),\(text(urgence[i])),\n" }
            out += "urgence,notAssessable,\(text(urgence[degrees.count])),\n"
            out += "suggestion,differs,\(o.maskSmall && f.suggestedAndChosen < ActivityReport.smallCell ? "" : "\(f.suggestionDiffers)"),\(o.maskSmall && f.suggestedAndChosen < ActivityReport.smallCell ? "" : "\(f.suggestedAndChosen)")\n"
            return out
        case .json:
            func object(_ keys: [String], _ values: [Int?]) -> String {
                "{" + zip(keys, values).map { "\"\($0)\": " + ($1.map(String.init) ?? "\"<\(ActivityReport.smallCell)\"") }.joined(separator: ", ") + "}"
            }
            let share = o.maskSmall && f.suggestedAndChosen < ActivityReport.smallCell ? "null" : f.differingShare.map { String(format: "%.4f", $0) } ?? "null"
            return """
                {
                  "by": "motif",
                  "calls": \(f.calls),
                  "from": "\(ISO8601DateFormatter().string(from: o.from))",
                  "motifs": \(object(motifs.map(\.rawValue), any)),
                  "main_motifs": \(object(motifs.map(\.rawValue) + ["none"], main)),
                  "suggested_level_differs_share": \(share),
                  "to": "\(ISO8601DateFormatter().string(from: o.to))",
                  "urgence": \(object(degrees.map(\.rawValue) + ["notAssessable"], urgence))
                }

                """
        case .md:
            var out = "# \(s["activity.motif.title"])\n\n"
            out += s.format("activity.motif.period", Formatting.timestamp(o.from, timeZone: o.timeZone), Formatting.timestamp(o.to, timeZone: o.timeZone)) + "  \n"
            out += s.format("activity.total", "\(f.calls)") + "\n"
            out += "\n## \(s["activity.motif.motifs"])\n\n| \(s["activity.motif.motif"]) | \(s["activity.motif.any"]) | \(s["activity.motif.main"]) |\n|---|---|---|\n"
            for (i, m) in motifs.enumerated() { out += "| \(s[m.stringKey]) | \(text(any[i])) | \(text(main[i])) |\n" }
            out += "| \(s["activity.motif.none"]) | | \(text(main[motifs.count])) |\n"
            out += "\n## \(s["activity.motif.urgence"])\n\n| \(s["rud.urgence"]) | \(s["report.count"]) |\n|---|---|\n"
            for (i, d) in degrees.enumerated() { out += "| \(s["rud.degree.\(d.rawValue)"]) | \(text(urgence[i])) |\n" }
            out += "| \(s["activity.motif.notAssessable"]) | \(text(urgence[degrees.count])) |\n"
            out += "\n" + s.format("activity.motif.differs", differsShown, "\(f.suggestedAndChosen)") + "\n"
            if o.maskSmall { out += "\n" + s.format("activity.masked", "\(ActivityReport.smallCell)") + "\n" }
            return out
        }
    }
}
