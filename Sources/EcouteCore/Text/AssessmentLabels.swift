/// A risk assessment in a few words, for the review, the board and the Markdown report.
extension Labels {
    /// « Urgence élevée · Dangerosité élevée (médicaments, à portée de main) · facteurs 2/1/0 ·
    /// C-SSRS 4/6 · suggéré : 5 », or « Non évaluable : … » (the reason only `withReason`).
    public static func assessment(_ a: RiskAssessment, _ s: Strings, withReason: Bool = true) -> String {
        let suggestion = a.recordedSuggestion ?? a.suggestion
        let suggested = suggestion.level.map { s.format("rud.summary.suggested", "\($0.rawValue)") } ?? s["rud.summary.noSuggestion"]
        if a.isNotAssessable {
            return s.format("rud.notAssessable.shown", withReason ? (a.notAssessableReason ?? "") : "…") + " · " + suggested
        }
        var parts: [String] = []
        if let u = a.urgence { parts.append(s["rud.urgence"] + " " + s["rud.degree.\(u.rawValue)"]) }
        if let d = a.dangerosite {
            var means: [String] = []
            if let m = a.means { means.append(s[m.stringKey]) }
            if a.meansAtHand { means.append(s["rud.summary.atHand"]) }
            parts.append(s["rud.dangerosite"] + " " + s["rud.degree.\(d.rawValue)"] + (means.isEmpty ? "" : " (" + means.joined(separator: ", ") + ")"))
        }
        parts.append(s.format("rud.summary.factors", RiskFactorGroup.allCases.map { "\(a.factors(in: $0).count)" }.joined(separator: "/")))
        if !a.screener.isEmpty {
            let answered = a.screener.askedQuestions.filter { a.screener[$0] != nil }.count
            parts.append(s.format("rud.summary.cssrs", "\(answered)", "\(a.screener.askedQuestions.count)"))
        }
        parts.append(suggested)
        return parts.joined(separator: " · ")
    }

    /// Urgence and dangerosité alone (a level-5 card on the board): « U élevée · D élevée ».
    public static func urgenceAndDanger(_ a: RiskAssessment?, _ s: Strings) -> String? {
        guard let a, !a.isNotAssessable, a.urgence != nil || a.dangerosite != nil else { return nil }
        return s.format("rud.summary.short", a.urgence.map { s["rud.degree.\($0.rawValue)"] } ?? "—",
                        a.dangerosite.map { s["rud.degree.\($0.rawValue)"] } ?? "—")
    }
}
