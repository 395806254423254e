import EcouteCore

/// The risk-assessment panel over the call: RUD with the consensus's criteria as help, the means,
/// the risk factors and the screener in short, then the suggested level and why, and the level
/// the psychologist chose.
enum AssessmentPanelView {
    static func draw(_ model: AppModel, _ panel: AssessmentPanel, into grid: inout Grid) {
        let s = model.strings
        let a = model.draft?.assessment ?? RiskAssessment()
        let width = min(grid.width - 2, 78)
        let height = min(grid.height - 4, 21)
        let left = (grid.width - width) / 2
        let (top, inner) = Layout.box(&grid, top: 1, left: left, width: width, height: height, title: s["rud.title"])
        let w = width - 4
        let last = top + height - 3
        if panel.showingHelp {
            let keymap = AssessmentKeymap.keymap(panel)
            let end = KeymapHelp.draw(keymap, s, into: &grid, row: top, column: inner, rows: last - top - 1)
            grid.put(s["help.close"], row: min(end + 1, last), column: inner, style: .dim, maxWidth: w)
            return
        }
        switch panel.part {
        case .grid: drawGrid(s, a, model.draft?.level, top: top, inner: inner, width: w, last: last, into: &grid)
        case .factors: drawFactors(s, a, panel, top: top, inner: inner, width: w, last: last, into: &grid)
        case .screener: drawScreener(s, a, panel, top: top, inner: inner, width: w, last: last, into: &grid)
        }
    }

    static func degreeRow(_ s: Strings, _ label: String, _ chosen: RUDDegree?, firstKey: Int, row: Int, column: Int, into grid: inout Grid) {
        var c = grid.put(label, row: row, column: column, style: .bold)
        c = max(c, column + 14)
        for (i, degree) in [RUDDegree.low, .medium, .high].enumerated() {
            let text = "[\(firstKey + i)] " + s["rud.degree.\(degree.rawValue)"]
            c = grid.put(text, row: row, column: c, style: chosen == degree ? .reverse : .normal) + 2
        }
    }

    static func drawGrid(_ s: Strings, _ a: RiskAssessment, _ chosen: ClassificationLevel?, top: Int, inner: Int, width: Int, last: Int,
                         into grid: inout Grid) {
        var r = top
        if a.isNotAssessable {
            r += Layout.putWrapped(&grid, s.format("rud.notAssessable.shown", a.notAssessableReason ?? ""), row: r, column: inner,
                                   width: width, maxRows: 2, style: .warn)
            grid.put(s["rud.notAssessable.undo"], row: r, column: inner, style: .dim, maxWidth: width)
            r += 2
        } else {
            degreeRow(s, s["rud.urgence"], a.urgence, firstKey: 1, row: r, column: inner, into: &grid)
            r += 1
            // The consensus's criteria of the degree chosen (or of each, before a choice).
            let degrees = a.urgence.map { [$0] } ?? [.low, .medium, .high]
            for degree in degrees where r < last - 8 {
                grid.put("  " + s["rud.degree.\(degree.rawValue)"] + " : " + s["rud.urgence.\(degree.rawValue).help"], row: r, column: inner,
                         style: .dim, maxWidth: width)
                r += 1
            }
            degreeRow(s, s["rud.dangerosite"], a.dangerosite, firstKey: 4, row: r, column: inner, into: &grid)
            r += 1
            let means = a.means.map { s[$0.stringKey] } ?? s["rud.means.none"]
            grid.put(s.format("rud.meansLine", means, s[a.meansAtHand ? "rud.yes" : "rud.no"]), row: r, column: inner, maxWidth: width)
            r += 1
            let counts = RiskFactorGroup.allCases.map { "\(a.factors(in: $0).count) " + s[$0.stringKey] }.joined(separator: ", ")
            grid.put(s.format("rud.factorsLine", counts), row: r, column: inner, maxWidth: width)
            r += 1
            let answered = a.screener.askedQuestions.filter { a.screener[$0] != nil }.count
            grid.put(s.format("rud.screenerLine", "\(answered)", "\(a.screener.askedQuestions.count)"), row: r, column: inner, maxWidth: width)
            r += 2
        }
        let suggestion = a.suggestion
        let headline: String
        if let level = suggestion.level {
            let extra = suggestion.emergencyProtocol ? s["rud.suggestion.emergency"] : suggestion.followUp ? s["rud.suggestion.followUp"] : ""
            headline = s.format("rud.suggestion.level", "\(level.rawValue)", s[level.stringKey]) + extra
        } else {
            headline = s["rud.suggestion.none"]
        }
        grid.put(headline, row: r, column: inner, style: suggestion.level == .imminentRisk ? .alert : .bold, maxWidth: width)
        r += 1
        for reason in suggestion.reasons where r < last - 1 {
            grid.put("  · " + s[reason.stringKey], row: r, column: inner, maxWidth: width)
            r += 1
        }
        let decision = chosen.map { s.format("rud.decision", "\($0.rawValue)", s[$0.stringKey]) } ?? s["rud.decision.none"]
        grid.put(decision, row: last - 1, column: inner, style: .bold, maxWidth: width)
        if !a.isAnswered { grid.put(s["rud.required"], row: last, column: inner, style: .dim, maxWidth: width) }
    }

    static func drawFactors(_ s: Strings, _ a: RiskAssessment, _ panel: AssessmentPanel, top: Int, inner: Int, width: Int, last: Int,
                            into grid: inout Grid) {
        var r = top
        var group: RiskFactorGroup?
        for (i, factor) in RiskFactor.allCases.enumerated() where r <= last {
            if factor.group != group {
                group = factor.group
                grid.put(s[factor.group.stringKey + ".title"], row: r, column: inner, style: .bold, maxWidth: width)
                r += 1
            }
            let mark = a.riskFactors.contains(factor) ? "[x] " : "[ ] "
            let selected = i == panel.cursor
            grid.put(Layout.padded((selected ? "> " : "  ") + mark + s[factor.stringKey], width), row: r, column: inner,
                     style: selected ? .reverse : .normal)
            r += 1
        }
    }

    static func drawScreener(_ s: Strings, _ a: RiskAssessment, _ panel: AssessmentPanel, top: Int, inner: Int, width: Int, last: Int,
                             into grid: inout Grid) {
        var r = top
        grid.put(s["cssrs.translationNote"], row: r, column: inner, style: .dim, maxWidth: width)
        r += 2
        for (i, question) in a.screener.askedQuestions.enumerated() where r < last {
            let answer = a.screener[question].map { s[$0 == .yes ? "rud.yes" : "rud.no"] } ?? "—"
            let selected = i == panel.cursor
            let used = Layout.putWrapped(&grid, (selected ? "> " : "  ") + s[question.stringKey] + "  " + answer, row: r, column: inner,
                                         width: width, maxRows: 2, style: selected ? .reverse : .normal)
            r += max(1, used)
        }
    }
}
