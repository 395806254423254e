import EcouteCore
import Foundation

/// Draws `ecoute board`: open alerts first, then every console on shift with what it does, then
/// the calls left unfinished by consoles that are gone.
public enum BoardView {
    public static func render(_ m: BoardModel) -> Grid {
        var grid = Grid(width: m.width, height: m.height)
        let s = m.strings
        guard !TooSmallView.applies(to: grid) else {
            TooSmallView.draw(s, into: &grid)
            return grid
        }
        TitleBar.draw(s["board.title"], right: "\(m.viewer.name) · \(Formatting.clock(m.now, timeZone: m.timeZone)) ", into: &grid)
        var r = 1
        let items = m.items
        func marker(_ item: BoardItem) -> (String, Bool) {
            let i = items.firstIndex(of: item)
            return (i == m.selected ? "▸" : " ", i == m.selected)
        }

        // Alerts: open first (the escalated in red), then those taken in the last hour.
        grid.put(" " + s.format("board.alerts", "\(m.openAlerts.count)"), row: r, column: 0, style: m.openAlerts.isEmpty ? .bold : .alert)
        r += 1
        if m.openAlerts.isEmpty {
            grid.put("   " + s["board.noAlert"], row: r, column: 0, style: .dim)
            r += 1
        }
        for alert in m.openAlerts where r < m.height - 8 {
            let (mark, selected) = marker(.alert(alert))
            let waited = Formatting.duration(m.now.timeIntervalSince(alert.raisedAt))
            let escalated = alert.isEscalated(now: m.now, after: m.escalationDelay)
            let line = "\(mark) ! " + s.format("board.alert", Formatting.clock(alert.raisedAt, timeZone: m.timeZone), alert.operatorName,
                                               alert.departement ?? "—", "\(alert.level.rawValue)", s["alert.reason.\(alert.reason.rawValue)"],
                                               waited)
            let style: TextStyle = alert.raisedByMistake != nil ? .dim : (escalated ? .alert : .warn)
            grid.put(DisplayWidth.padded(line, m.width), row: r, column: 0, style: selected ? .reverse : style)
            r += 1
            // Raised by mistake, in the psychologist's words, on a line of its own: still to
            // acknowledge, no longer an emergency.
            if let late = alert.lateBy, r < m.height - 8 {
                grid.put("     " + s.format("board.late", Formatting.duration(late)), row: r, column: 0, style: .alert, maxWidth: m.width - 1)
                r += 1
            }
            if let mistake = alert.raisedByMistake, r < m.height - 8 {
                r += Layout.putWrapped(&grid, s.format("board.mistake", mistake.reason), row: r, column: 5, width: m.width - 6, maxRows: 2,
                                       style: .warn)
            }
        }
        for alert in m.snapshot.alerts where alert.isTaken && r < m.height - 9 {
            grid.put("   ✓ " + s.format("board.alertTaken", Formatting.clock(alert.raisedAt, timeZone: m.timeZone), alert.operatorName,
                                        alert.takenBy ?? "?", alert.timeToTake.map(Formatting.duration) ?? "—")
                        + (alert.raisedByMistake.map { " — " + s.format("board.mistake", $0.reason) } ?? ""),
                     row: r, column: 0, style: .dim, maxWidth: m.width - 1)
            r += 1
        }

        r = BoardCallbacks.draw(m, row: r, marker: marker, into: &grid)
        r = FollowUpLabels.drawOnBoard(m, row: r, into: &grid)
        // The last handoff notes (two at most): what a shift left to the next.
        if !m.snapshot.handoffs.isEmpty, r < m.height - 10 {
            r += 1
            grid.put(" " + s["board.handoffs"], row: r, column: 0, style: .bold)
            r += 1
            for handoff in m.snapshot.handoffs.prefix(2) where r < m.height - 9 {
                r += Layout.putWrapped(&grid, "   ⇢ " + HandoffView.line(handoff, s, timeZone: m.timeZone), row: r, column: 0, width: m.width - 1,
                                       maxRows: 2, style: handoff.callsInProgress.isEmpty ? .normal : .warn)
            }
        }

        // Consoles on shift.
        r += 1
        grid.put(" " + s["board.consoles"], row: r, column: 0, style: .bold)
        r += 1
        if m.snapshot.consoles.isEmpty {
            grid.put("   " + s["board.noConsole"], row: r, column: 0, style: .dim)
            r += 1
        }
        let consoleRows = max(1, m.height - 5 - r - 1)   // a line kept for « +N autres »
        // The line each console answers (its call's during a call), when the platform has several.
        let lineWidth = m.lines.count > 1 ? (m.lines.map { DisplayWidth.of($0.short) }.max() ?? 0) + 2 : 0
        let shown = m.snapshot.consoles.count > consoleRows ? consoleRows - 1 : consoleRows
        for (presence, alive) in m.snapshot.consoles.prefix(max(1, shown)) where r < m.height - 5 {
            // Not alive: silent past the heartbeat limit, « perdue » (nobody knows what became of it);
            // on this host with its process gone, « arrêtée ».
            let silence = m.now.timeIntervalSince(presence.heartbeatAt)
            let lost = !alive && silence >= CallHolder.silenceLimit
            let state = alive ? s["board.activity.\(presence.activity.rawValue)"] : (lost ? s["board.lost"] : s["board.gone"])
            var line = "   " + DisplayWidth.padded(presence.console.operatorName, 14) + DisplayWidth.padded(presence.console.host, 12)
            if lineWidth > 0 { line += DisplayWidth.padded(m.lines.first { $0.id == presence.line }?.short ?? presence.line, lineWidth) }
            line += DisplayWidth.padded(state, 16)
            var style: TextStyle = alive ? .normal : .dim
            if !alive {
                line += s.format("board.silentFor", Formatting.duration(max(0, silence)))
                if presence.callID != nil { line += " · " + s["board.callOrphaned"] }
            } else if let started = presence.callStartedAt, presence.activity != .free {
                let elapsed = m.now.timeIntervalSince(started)
                line += Formatting.duration(elapsed)
                if elapsed >= AppModel.referenceDuration { line += "  ≥ 25 min"; style = .warn } else if elapsed >= AppModel.gentleCue {
                    line += "  ≥ 20 min"
                }
                if let level = presence.level { line += "  " + s.format("board.level", "\(level.rawValue)") }
            }
            if presence.activity == .emergency, alive { style = .alert }
            grid.put(line, row: r, column: 0, style: style, maxWidth: m.width - 1)
            r += 1
            // A level-5 call: its urgence and dangerosité, as assessed so far.
            if presence.level == .imminentRisk, let id = presence.callID,
               let rud = Labels.urgenceAndDanger(m.snapshot.assessments[id], s), r < m.height - 5 {
                grid.put("     " + rud, row: r, column: 0, style: .alert, maxWidth: m.width - 1)
                r += 1
            }
            // The protocol's steps this call's psychologist said were not done, and why.
            for skipped in presence.callID.flatMap({ m.snapshot.skippedSteps[$0] }) ?? [] where r < m.height - 5 {
                grid.put("     " + s.format("board.stepSkipped", s["step.\(skipped.step.rawValue).short"], skipped.reason), row: r, column: 0,
                         style: .warn, maxWidth: m.width - 1)
                r += 1
            }
        }

        if m.snapshot.consoles.count > max(1, shown) {
            grid.put("   " + s.format("board.more", "\(m.snapshot.consoles.count - max(1, shown))"), row: r, column: 0, style: .dim)
            r += 1
        }

        // Calls left unfinished by a console that is gone.
        r += 1
        grid.put(" " + s.format("board.orphans", "\(m.snapshot.orphans.count)"), row: r, column: 0, style: .bold)
        r += 1
        let orphanRows = max(1, m.height - 2 - r)
        let orphansShown = m.snapshot.orphans.count > orphanRows ? orphanRows - 1 : orphanRows
        for orphan in m.snapshot.orphans.prefix(max(0, orphansShown)) where r < m.height - 2 {
            let (mark, selected) = marker(.orphan(orphan))
            let holder = orphan.holder.map { s.format("board.heldByGone", $0.console.host, "\($0.console.pid)") } ?? s["board.heldByNone"]
            let line = "\(mark)  " + s.format("board.orphan", Formatting.clock(orphan.call.pickedUpAt, timeZone: m.timeZone),
                                               orphan.call.operatorName, Formatting.clock(orphan.call.updatedAt, timeZone: m.timeZone), holder)
            grid.put(DisplayWidth.padded(line, m.width), row: r, column: 0, style: selected ? .reverse : .normal)
            r += 1
        }
        if m.snapshot.orphans.count > max(0, orphansShown), r < m.height - 1 {
            grid.put("   " + s.format("board.more", "\(m.snapshot.orphans.count - max(0, orphansShown))"), row: r, column: 0, style: .dim)
        }

        if let form = m.form { drawForm(m, form, into: &grid) }
        if m.showHelp { drawHelp(m, into: &grid) }
        if let since = m.unreachableSince {
            grid.put(" " + s.format("board.unreachable", Formatting.clock(since, timeZone: m.timeZone)), row: m.height - 2, column: 0,
                     style: .alert, maxWidth: m.width - 1)
            grid.fillRow(m.height - 2, style: .alert)
        } else if let message = m.message {
            grid.put(" " + message.text, row: m.height - 2, column: 0, style: message.style, maxWidth: m.width - 1)
        }
        if m.form == nil { KeyBarView.draw(BoardKeymap.keymap, s, into: &grid) } else { KeyBarView.draw(BoardKeymap.form, s, into: &grid) }
        return grid
    }

    static func drawForm(_ m: BoardModel, _ form: BoardForm, into grid: inout Grid) {
        let s = m.strings
        let width = min(m.width - 4, 70)
        let (top, inner) = Layout.box(&grid, top: 8, left: (m.width - width) / 2, width: width, height: 6,
                                      title: s[form.action == .close ? "board.form.close" : "board.form.reassign"])
        if form.action == .reassign {
            drawField(s["board.form.operator"], form.operatorField, typing: form.step == .operatorName, row: top, inner, width - 4, &grid)
            if form.step == .operatorName {
                let onShift = m.snapshot.onShift.isEmpty ? s["board.form.nobodyOnShift"] : s.format("board.form.onShift", m.snapshot.onShift.joined(separator: ", "))
                grid.put(onShift, row: top + 1, column: inner, style: .dim, maxWidth: width - 4)
            }
        }
        if form.step == .reason {
            drawField(s["board.form.reason"], form.reasonField, typing: true, row: top + 1, inner, width - 4, &grid)
        }
        grid.put(s["board.form.note"], row: top + 2, column: inner, style: .dim, maxWidth: width - 4)
    }

    /// A label, then its field (with the cursor while it is typed).
    static func drawField(_ label: String, _ field: TextField, typing: Bool, row: Int, _ column: Int, _ width: Int, _ grid: inout Grid) {
        let start = grid.put(label + " ", row: row, column: column, maxWidth: width)
        if typing {
            TextFieldView.drawLine(field, into: &grid, row: row, column: start, width: column + width - start)
        } else {
            grid.put(field.text, row: row, column: start, maxWidth: column + width - start)
        }
    }

    static func drawHelp(_ m: BoardModel, into grid: inout Grid) {
        KeymapHelp.drawBox(BoardKeymap.keymap, m.strings, title: m.strings["board.help.title"], note: m.strings["board.help.note"], into: &grid)
    }
}
