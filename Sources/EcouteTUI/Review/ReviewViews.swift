import EcouteCore
import Foundation

/// Draws `ecoute review`: a header, the current screen, the message line and the screen's keys.
public enum ReviewView {
    public static func render(_ m: ReviewModel) -> Grid {
        var grid = Grid(width: m.width, height: m.height)
        let s = m.strings
        guard !TooSmallView.applies(to: grid) else {
            TooSmallView.draw(s, into: &grid)
            return grid
        }
        TitleBar.draw(s["review.title"], right: "\(m.viewer.name) · \(s["role.\(m.viewer.role.rawValue)"]) ", into: &grid)
        let area = Layout.Area(top: 1, bottom: m.height - 3, width: m.width)
        switch m.screen {
        case .shifts: ShiftListView.draw(m, area, into: &grid)
        case .activity: ActivityView.draw(m, area, into: &grid)
        case .summary: ShiftSummaryView.draw(m, area, into: &grid)
        case .calls(let riskyOnly): ReviewCallListView.draw(m, riskyOnly: riskyOnly, area, into: &grid)
        case .call: ReviewCallView.draw(m, area, into: &grid)
        }
        if let form = m.correction { CorrectionView.draw(m, form, into: &grid) }
        if m.showHelp { drawHelp(m, into: &grid) }
        if let message = m.message { grid.put(" " + message.text, row: m.height - 2, column: 0, style: message.style) }
        if let form = m.correction {
            KeyBarView.draw(ReviewKeymap.correction(form.step), s, into: &grid)
        } else {
            KeyBarView.draw(ReviewKeymap.current(m), s, into: &grid)
        }
        return grid
    }

    /// Items joined with « · » in at most `rows` lines of `width`, the last one saying how many
    /// were left out (« +3 autres »).
    static func fitting(_ items: [String], width: Int, rows: Int, _ s: Strings) -> String {
        guard !items.isEmpty else { return "—" }
        for shown in stride(from: items.count, through: 1, by: -1) {
            var text = items.prefix(shown).joined(separator: " · ")
            if shown < items.count { text += " · " + s.format("review.more", "\(items.count - shown)") }
            if wrap(text, width: width).count <= rows { return text }
        }
        return s.format("review.more", "\(items.count)")
    }

    /// The screen's keys from its keymap, and what they need said beyond the keys.
    static func drawHelp(_ m: ReviewModel, into grid: inout Grid) {
        let s = m.strings
        var note: String?
        if m.screen == .activity { note = s["review.note.activity"] }
        if case .call = m.screen, !m.viewer.canCorrect { note = s["review.note.readOnly"] }
        KeymapHelp.drawBox(ReviewKeymap.current(m), s, title: s["review.help.title"], note: note, into: &grid)
    }

    /// « mar. 24/11 22:10 »: a call's or a shift's day and time.
    static func dayAndTime(_ date: Date, _ m: ReviewModel) -> String {
        Formatting.dayAndTime(date, timeZone: m.timeZone) { m.strings["weekday.\($0)"] }
    }

    /// Made once per frame, not once per shift listed.
    /// « lun. 03/02 14:00–22:00 », « … en cours » while the console runs, « …–15:12 interrompu »
    /// when it died.
    static func shiftLabel(_ shift: Shift, _ m: ReviewModel) -> String {
        let end = shift.endedAt.map { Formatting.clock($0, timeZone: m.timeZone) }
            ?? shift.interruptedAt.map { m.strings.format("review.shiftInterrupted", Formatting.clock($0, timeZone: m.timeZone)) }
            ?? m.strings["review.shiftOpen"]
        let start = Formatting.dayAndTime(shift.startedAt, timeZone: m.timeZone) { m.strings["weekday.\($0)"] }
        return "\(start)–\(end)"
    }
}

enum ShiftListView {
    static func draw(_ m: ReviewModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = m.strings
        grid.put(" " + (m.viewer.role == .supervisor ? s["review.shifts.all"] : s["review.shifts.own"]), row: area.top, column: 0, style: .bold)
        // The id's first characters: what `ecoute report --shift` takes.
        grid.put("  " + Layout.padded(s["review.column.id"], 10) + Layout.padded(s["review.column.shift"], 35)
                 + Layout.padded(s["review.column.operator"], 13) + Layout.padded(s["review.column.calls"], 7) + s["review.column.total"],
                 row: area.top + 2, column: 0, style: .dim, maxWidth: grid.width - 1)
        guard !m.shifts.isEmpty else {
            grid.put(" " + s["review.noShift"], row: area.top + 3, column: 0, style: .warn)
            return
        }
        let rows = area.bottom - area.top - 2
        let first = ListCursor.pageStart(selected: m.selectedShift, rows: rows)
        for (i, shift) in m.shifts.enumerated().dropFirst(first).prefix(rows) {
            let line = (i == m.selectedShift ? "▸ " : "  ") + Layout.padded(ShiftReference.short(shift.id), 9) + " "
                + Layout.padded(ReviewView.shiftLabel(shift, m), 34) + " " + Layout.padded(shift.operatorName, 12) + " "
                + Layout.padded("\(shift.callCount)", 6) + " " + Formatting.duration(shift.totalDuration)
            grid.put(Layout.padded(line, grid.width), row: area.top + 3 + i - first, column: 0, style: i == m.selectedShift ? .reverse : .normal)
        }
    }
}

/// The shift at a glance: durations against 25 minutes, classification bars, who called, what
/// was given, calls by hour, protocol adherence.
enum ShiftSummaryView {
    static func draw(_ m: ReviewModel, _ area: Layout.Area, into grid: inout Grid) {
        let s = m.strings
        guard let shift = m.shift else { return }
        let sum = m.summary
        var r = area.top
        grid.put(" " + s.format("review.summary.title", shift.operatorName, ReviewView.shiftLabel(shift, m)), row: r, column: 0,
                 style: .bold, maxWidth: grid.width - 1)
        r += 1
        let d = { (t: TimeInterval?) in t.map(Formatting.duration) ?? "--:--" }
        grid.put(" " + s.format("review.summary.volume", s.plural("review.count.saved", sum.callCount),
                                s.plural("review.count.unsaved", sum.openCount), d(sum.totalDuration)), row: r, column: 0)
        r += 1
        grid.put(" " + s.format("review.summary.durations", d(sum.meanDuration), d(sum.medianDuration), d(sum.longestDuration),
                                "\(sum.overReferenceCount)"), row: r, column: 0, maxWidth: grid.width - 1)
        if sum.alertCount > 0 || sum.alertsRaisedByMistake > 0 {
            let mistaken = sum.alertsRaisedByMistake > 0 ? " · " + s.format("report.alertsByMistake", "\(sum.alertsRaisedByMistake)") : ""
            grid.put(" " + s.format("review.summary.alerts", "\(sum.alertCount)", s.plural("review.count.taken", sum.alertsTaken), d(sum.meanTimeToTake),
                                    d(sum.longestTimeToTake)) + mistaken, row: r + 1, column: 0,
                     style: sum.alertsTaken < sum.alertCount ? .alert : .normal, maxWidth: grid.width - 1)
        }
        r += 2
        // Left: the classification histogram. Right: callers, referrals.
        grid.put(" " + s.format("review.summary.levels", Labels.percent(sum.addictionShare)), row: r, column: 0, style: .bold)
        let top = r + 1
        let maxLevel = sum.levels.values.max() ?? 0
        for level in ClassificationLevel.allCases {
            let n = sum.levels[level] ?? 0, a = sum.levelsWithAddiction[level] ?? 0
            let row = top + level.rawValue
            grid.put(" \(level.rawValue) " + Layout.padded(s[level.stringKey + ".short"], 12) + Formatting.rightAligned(n, 3) + " ", row: row, column: 0)
            let barWidth = 16
            let full = Labels.bar(n, of: maxLevel, width: barWidth)
            let addicted = String(full.prefix(n == 0 ? 0 : max(a > 0 ? 1 : 0, Int((Double(a) / Double(n) * Double(full.count)).rounded()))))
            grid.put(addicted, row: row, column: 21, style: .warn)
            grid.put(String(full.dropFirst(addicted.count)), row: row, column: 21 + addicted.count)
        }
        grid.put(" " + s["review.summary.legend"], row: top + 6, column: 0, style: .dim)
        let right = 42
        grid.put(s["review.summary.callers"], row: r, column: right, style: .bold)
        // Every caller, most frequent first, on two lines; what does not fit is counted.
        let callers = sum.callers.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }).map { "\(Labels.caller($0.key, s)) \($0.value)" }
        Layout.putWrapped(&grid, ReviewView.fitting(callers, width: grid.width - right - 1, rows: 2, s), row: r + 1, column: right,
                          width: grid.width - right - 1, maxRows: 2)
        grid.put(s["review.summary.referrals"], row: r + 3, column: right, style: .bold)
        let given = ReferralKind.allCases.filter { sum.referralsGiven[$0] != nil }
            .map { "\(s["kind.\($0.rawValue).short"]) \(sum.referralsGiven[$0]!)" }
        // Every kind given, or counted when they do not fit (« +2 autres »).
        Layout.putWrapped(&grid, ReviewView.fitting(given, width: grid.width - right - 1, rows: 3, s), row: r + 4, column: right,
                          width: grid.width - right - 1, maxRows: 3)
        grid.put(s.format("review.summary.adherence", Labels.percent(sum.adherence), "\(sum.adherentCount)", "\(sum.classifiedCount)"),
                 row: r + 7, column: right, style: (sum.adherence ?? 1) < 1 ? .warn : .ok, maxWidth: grid.width - right - 1)
        r = top + 8
        // Calls by hour: one cell per hour, 00h to 23h.
        let maxHour = sum.callsByHour.values.max() ?? 0
        let levels = Array(" ▁▂▃▄▅▆▇█")
        var spark = ""
        for hour in 0..<24 {
            let n = sum.callsByHour[hour] ?? 0
            spark.append(n == 0 ? "·" : levels[max(1, Int((Double(n) / Double(maxHour) * 8).rounded()))])
        }
        grid.put(" " + s["review.summary.byHour"] + " 0h " + spark + " 23h", row: r, column: 0)
        r += 1
        let statuses = sum.statuses.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) })
            .map { ($0.key == "unknown" ? s["report.unknown"] : s["status.\($0.key)"]) + " \($0.value)" }
        r += 1 + Layout.putWrapped(&grid, s.format("review.summary.statuses", statuses.joined(separator: " · ")), row: r, column: 1,
                                   width: grid.width - 2, maxRows: 2)
        let incomplete = sum.riskyCalls.filter { !$0.isComplete }.count
        let risky = s.format("review.summary.risky", s.plural("review.count.calls", sum.riskyCalls.count),
                             s.plural("review.count.incomplete", incomplete))
        grid.put(" " + risky, row: min(r, area.bottom), column: 0, style: incomplete > 0 ? .alert : .normal, maxWidth: grid.width - 1)
        // Calls not saved: apart from every figure above, with who holds them.
        r += 1
        for call in sum.unfinished where r <= area.bottom {
            r += 1
            let holder = m.holders[call.id].map { s.format("review.unfinished.heldBy", $0.console.host, "\($0.console.pid)",
                                                            Formatting.clock($0.heartbeatAt, timeZone: m.timeZone)) }
                ?? s["review.unfinished.free"]
            grid.put(" " + s.format("review.unfinished", Formatting.clock(call.pickedUpAt, timeZone: m.timeZone), call.operatorName,
                                    Formatting.clock(call.updatedAt, timeZone: m.timeZone), holder),
                     row: r, column: 0, style: .warn, maxWidth: grid.width - 1)
        }
    }
}

enum ReviewCallListView {
    static func draw(_ m: ReviewModel, riskyOnly: Bool, _ area: Layout.Area, into grid: inout Grid) {
        let s = m.strings
        let listed = m.listedCalls
        grid.put(" " + (riskyOnly ? s["review.calls.risky"] : s["review.calls.all"]), row: area.top, column: 0, style: .bold)
        guard !listed.isEmpty else {
            grid.put(" " + s["review.calls.none"], row: area.top + 2, column: 0, style: .dim)
            return
        }
        let summary = m.summary
        let rows = area.bottom - area.top - 1
        let first = ListCursor.pageStart(selected: m.selectedCall, rows: rows)
        for (i, c) in listed.enumerated().dropFirst(first).prefix(rows) {
            let risky = summary.riskyCalls.first { $0.id == c.id }
            let level = c.level.map { "\($0.rawValue)" + (c.addiction ? "+A" : "") } ?? "—"
            var flags = risky.map { Labels.riskFlag($0, s, short: true) } ?? ""
            if c.phase != .saved && risky == nil { flags = s["report.notSaved"] }
            let duration = c.durationSeconds.map { Formatting.duration(TimeInterval($0)) } ?? "--:--"
            let line = (i == m.selectedCall ? "▸ " : "  ") + ReviewView.dayAndTime(c.pickedUpAt, m) + "  " + duration + "  "
                + Layout.padded(level, 5) + Layout.padded(Labels.caller(c.profile, s), 24) + flags
            grid.put(Layout.padded(line, grid.width), row: area.top + 1 + i - first, column: 0,
                     style: i == m.selectedCall ? .reverse : (flags.hasPrefix("⚠") ? .warn : .normal))
        }
    }
}
